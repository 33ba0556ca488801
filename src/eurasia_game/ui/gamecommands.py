"""The app's commands that act on the game: start, load, save, play an action.

Scenes ask for these with ``StartGame``, ``LoadGame``, ``SaveGame`` and
``Act``; the app carries them out here through the ``GameController``, so
the window's loop and scene stack stay apart from what a game needs: mods
loaded for a new game, a record that will not load, a save that fails, an
illegal action shown as a notice, and a dialog when autosaving starts to
fail (the game goes on).
"""

from __future__ import annotations

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.strings import S


class GameCommands:
    """Mixed into ``App``: carries out the commands that change the game."""

    def _act(self, action) -> None:
        from eurasia_game.engine import IllegalAction

        if self.game is None:
            return
        before = self.game.state
        try:
            result = self.game.act(action)
        except IllegalAction as exc:
            self.ctx.notice = str(exc)
            return
        self.ctx.notice = None
        if result is not None:
            self.sound.on_step(self.rules, before, result.state, action, result.events)
        if not self._report_autosave():
            self.apply(self.top.resume(self.ctx))

    def _report_autosave(self) -> bool:
        """Show a dialog when autosaving starts failing (full disk, unwritable folder).

        The game goes on: the dialog only asks for an OK, and autosaving is
        tried again after every action.  Returns whether a dialog was shown.
        """
        from eurasia_game.ui.screens.dialog import MessageScene

        error = self.game.autosave_error if self.game is not None else None
        shown = bool(error) and not self._autosave_failing
        self._autosave_failing = bool(error)
        if shown:
            self.apply(sc.Push(MessageScene(S("autosave_failed_title"), error)))
        return shown

    def _start(self, c: sc.StartGame) -> None:
        from eurasia_game.ui.controller import GameController
        from eurasia_game.ui.screens.board import BoardScene
        from eurasia_game.ui.screens.dialog import MessageScene

        self.settings.curtain = c.curtain
        self.sound.prepare()  # the mixer opens between screens, not in a frame of the game
        rules = self.base_rules
        self.mod_folders = list(self.cli_mods)
        if c.mods:
            from eurasia_game.mods import load_game

            folders = list(dict.fromkeys([*self.cli_mods, *c.mods]))
            result = load_game(self.rules_dir, folders)
            if result.rules is None or result.errors:
                body = "\n".join(str(p) for p in result.errors[:6])
                self.apply(sc.Push(MessageScene(S("mods_failed_title"), body)))
                return
            rules, self.mod_folders, self.load_problems = result.rules, folders, list(result.problems)
        self.rules = rules
        if c.scenario not in rules.scenario:
            self.apply(sc.Push(MessageScene(S("mods_failed_title"), S("scenario_missing", scenario=c.scenario))))
            return
        if self.game is not None:
            self.game.cancel_thinking()
        self.game = GameController.new(self.rules, c.scenario, c.seed, c.players, curtain=c.curtain, armed_from=c.armed_from)
        if c.remember:
            from eurasia_game.ui.settings import remember

            remember(self.settings, last_scenario=c.scenario, last_players=dict(c.players))
        self.game.autosave()
        self._autosave_failing = False
        self.apply(sc.ResetTo(BoardScene()))
        self._report_autosave()

    def _load(self, path) -> None:
        from eurasia_game.session.record import RecordError
        from eurasia_game.ui.controller import GameController
        from eurasia_game.ui.screens.board import BoardScene
        from eurasia_game.ui.screens.dialog import MessageScene

        try:
            game = GameController.load(self.rules, path, curtain=self.settings.curtain)
        except RecordError as exc:
            self.apply(sc.Push(MessageScene(S("load_failed_title"), S("load_failed", reason=str(exc)))))
            return
        if self.game is not None:
            self.game.cancel_thinking()  # the move of the game left behind is never played
        self.game = game
        self.game.autosave()  # the loaded game goes on in the autosaves from here
        self._autosave_failing = False
        self.apply(sc.ResetTo(BoardScene(start_public=True)))
        self._report_autosave()

    def _save(self, name: str) -> None:
        from eurasia_game.session.saves import SaveError
        from eurasia_game.ui.screens.dialog import MessageScene

        if self.game is None:
            return
        try:
            path = self.game.save_named(name)
        except SaveError as exc:
            self.apply(sc.Replace(MessageScene(S("save_failed_title"), str(exc))))
            return
        self.apply(sc.Replace(MessageScene(S("saved_title"), S("saved", path=str(path)))))
