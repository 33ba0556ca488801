"""The seminar's conductor: the class game, the turn timer and the projector window.

The app owns one ``Seminar``.  It keeps the class's game with its what-if
lines (``session.branches.ClassGame``, sharing the live session with the
game controller), runs the turn timer, and owns the projector: a second
window beside the players' one where the system allows it, else a scene the
facilitator switches to in the same window.  The app calls it at five
points: a key press (F9 panel, F10 projector), window events, ``update``
(time passes), ``draw_overlay`` (the countdown on the players' window) and
``draw_projector`` (after each frame).

The timer runs only while a person decides at the board (planning or a
dilemma), restarts for every decision, and stops during discussions, the
facilitator's panel, card reveals and hand-over screens.  When it runs out it
sends the facilitator's ``time_up`` act, so the record (and any replay) holds
exactly what happened: a mark in the log, or the decision taken as it stood.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

from eurasia_game.ui import scenes as sc

# The class game's machinery (session.branches, the engine's actions) is
# imported when a game is played, not when the window opens: the title screen
# comes up without it.

log = logging.getLogger("eurasia_game.ui")

# Scenes during which a side is deciding, so its clock runs.
DECIDING = ("board", "dilemma")
_POINTER = (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL)


class Seminar:
    def __init__(self, app) -> None:
        self.app = app
        self._timer = None  # TimerSettings, made on first use
        self.klass: ClassGame | None = None
        self.remaining: float | None = None
        self.fired = False
        self._key = None
        self._shown_second: int | None = None
        self.window = None  # the projector's own window (pygame.Window)
        self.window_failed: str | None = None
        self.last_report: Path | None = None

    @property
    def timer(self) -> TimerSettings:
        if self._timer is None:
            from eurasia_game.session.branches import TimerSettings

            self._timer = TimerSettings()
        return self._timer

    @timer.setter
    def timer(self, settings: TimerSettings) -> None:
        self._timer = settings

    # --- the class game ------------------------------------------------------
    def ensure_class(self) -> ClassGame | None:
        """The class game of the game being played (a new one when the game changed)."""
        from eurasia_game.session.branches import Branch, ClassGame

        game = self.app.game
        if game is None:
            self.klass = None
            return None
        if self.klass is None or self.klass.session is not game.session:
            loaded = getattr(game, "class_record", None)
            if loaded is not None:  # a class file was opened: take up its lines of play
                game.class_record = None
                branches = [Branch(b.info, b.record) for b in loaded.branches]
                self.klass = ClassGame(game.rules, branches, loaded.current, game.session, loaded.title, loaded.timer)
                self.timer = loaded.timer
            else:
                self.klass = ClassGame.new(game.rules, game.session, timer=self.timer)
        self.klass.timer = self.timer
        return self.klass

    def rewind(self, year: int):
        """Start a what-if line at the start of ``year``; returns the commands to show it."""
        from eurasia_game.ui.screens.board import BoardScene

        klass = self.ensure_class()
        session = klass.rewind(year)
        self._take(session)
        return sc.ResetTo(BoardScene(start_public=True))

    def reroll(self):
        """Roll the deciding die again from the same position (a what-if line); returns the commands to show it."""
        from eurasia_game.ui.screens.board import BoardScene
        from eurasia_game.ui.screens.dialog import MessageScene
        from eurasia_game.ui.screens.reveal import RevealScene
        from eurasia_game.ui.strings import S

        klass = self.ensure_class()
        try:
            session = klass.reroll()
        except ValueError as exc:
            return sc.Push(MessageScene(S("reroll"), str(exc)))
        self._take(session)
        last = session.steps[-1].result.events
        rolled = [e for e in last if e.kind == "chance"]
        commands = [sc.ResetTo(BoardScene(start_public=True))]
        card = next((e.card for e in reversed(last) if e.kind == "card"), None)
        if card is not None:
            commands.append(sc.Push(RevealScene(card, rolls=tuple(e.text for e in rolled if e.card == card))))
        return commands

    def switch(self, line: str):
        """Go on playing another line of the class."""
        from eurasia_game.ui.screens.board import BoardScene

        klass = self.ensure_class()
        session = klass.switch(line)
        self._take(session)
        return sc.ResetTo(BoardScene(start_public=True))

    def _take(self, session) -> None:
        game = self.app.game
        game.replace_session(session)
        game.autosave()
        self._key = None
        log.info("seminar: now playing line %s (%d actions)", self.klass.current, len(session.steps) - 1)

    def save_class(self, name: str) -> Path:
        """Save the class (every line) as NAME.class.json in the saves folder."""
        from eurasia_game.ui import paths
        from eurasia_game.ui.controller import safe_save_name

        klass = self.ensure_class()
        path = paths.saves_dir() / f"{safe_save_name(name)}.class.json"
        klass.save(path)
        return path

    def save_class_command(self, name: str | None = None):
        """Save the class and say where (or why not) in a message."""
        from eurasia_game.session.saves import SaveError
        from eurasia_game.ui.screens.dialog import MessageScene
        from eurasia_game.ui.seminar.words import W

        game = self.app.game
        name = name or f"class-{game.session.scenario}-{game.state.year}"
        try:
            path = self.save_class(name)
        except SaveError as exc:
            return sc.Replace(MessageScene(W("sem_save_failed"), str(exc)))
        return sc.Replace(MessageScene(W("sem_saved_class"), W("sem_saved_class_body", path=str(path))))

    def report_folder(self) -> Path:
        """A new folder for a report: reports/SCENARIO-YEAR[-n] in the saves folder."""
        from eurasia_game.ui import paths

        game = self.app.game
        base = paths.saves_dir() / "reports" / f"{game.session.scenario}-{game.state.year}"
        folder, number = base, 1
        while folder.exists():
            number += 1
            folder = base.with_name(f"{base.name}-{number}")
        return folder

    def save_report_command(self):
        """Write the report of the class (every line) and say where."""
        from eurasia_game.report.export import ReportError, write_report
        from eurasia_game.ui.screens.dialog import MessageScene
        from eurasia_game.ui.seminar.words import W

        klass = self.ensure_class()
        folder = self.report_folder()
        try:
            write_report(self.app.game.rules, klass.to_record(), folder)
        except ReportError as exc:
            return sc.Push(MessageScene(W("sem_save_failed"), str(exc)))
        log.info("seminar: report written to %s (%d lines)", folder, len(klass.branches))
        self.last_report = folder
        return sc.Push(MessageScene(W("sem_saved_report"), W("sem_saved_report_body", path=str(folder / "report.html"))))

    def set_timer(self, settings: TimerSettings) -> None:
        self.timer = settings
        self._key = None
        if self.klass is not None:
            self.klass.timer = settings
        self.app.dirty = True

    # --- the timer -------------------------------------------------------------
    def _deciding(self) -> str | None:
        """The person deciding now at the board, if the clock should run for them."""
        game = self.app.game
        if game is None or self.timer.seconds is None or game.state.over:
            return None
        side = game.state.to_act
        if not game.is_human(side):
            return None
        top = self.app.stack[-1] if self.app.stack else None
        if getattr(top, "name", "") not in DECIDING:
            return None
        return side

    def update(self, dt: float):
        """Time passes; returns the commands of a timer running out, or None."""
        game = self.app.game
        if game is not None and getattr(game, "class_record", None) is not None:
            self.ensure_class()  # a class file was just opened: its timer and lines apply now
        if game is None or self.timer.seconds is None:
            self.remaining = None
            return None
        state = game.state
        key = (id(game.session), state.year, state.phase, state.to_act, state.dilemma, self.timer)
        if key != self._key:
            self._key = key
            self.remaining = float(self.timer.seconds)
            self.fired = False
        side = self._deciding()
        if side is None or self.fired:
            return None
        self.remaining = max(0.0, self.remaining - dt)
        second = int(self.remaining + 0.999)
        if second != self._shown_second:
            self._shown_second = second
            self.app.dirty = True
        if self.remaining > 0:
            return None
        self.fired = True
        from eurasia_game.engine.state import FACILITATOR, Action

        commands = [sc.Act(Action("time_up", FACILITATOR, target=side, mode=self.timer.rule, seconds=self.timer.seconds))]
        top = self.app.stack[-1]
        if self.timer.rule == "commit" and getattr(top, "name", "") == "dilemma":
            commands.append(sc.Pop())
        return commands

    def countdown(self) -> tuple[str, float] | None:
        """(side deciding, seconds left) while a person's clock is set, else None."""
        game = self.app.game
        if game is None or self.timer.seconds is None or game.state.over or self.remaining is None:
            return None
        side = game.state.to_act
        if not game.is_human(side):
            return None
        return side, self.remaining

    def draw_overlay(self, surface, ctx) -> None:
        """The countdown on the players' window: a small badge, red near the end."""
        shown = self.countdown()
        top = self.app.stack[-1] if self.app.stack else None
        if shown is None or getattr(top, "name", "") not in DECIDING:
            return
        from eurasia_game.ui.seminar.widgets import draw_countdown

        side, left = shown
        w, _ = ctx.size
        rect = pygame.Rect(0, 0, ctx.px(200), ctx.px(32))
        rect.midtop = (w // 2, ctx.px(4))
        # On the board, sit in the map's top corner, clear of the bars and buttons.
        board_map = next((s.regions.get("map") for s in self.app.stack if isinstance(getattr(s, "regions", None), dict) and s.regions.get("map")), None)
        if board_map is not None:
            rect.topright = (board_map.right - ctx.px(8), board_map.top + ctx.px(8))
        draw_countdown(surface, ctx, rect, side, left, self.timer, ctx.fs("font"))

    # --- keys and windows ------------------------------------------------------
    def key(self, event):
        """F9: the facilitator's panel; F10: the projector.  Returns (handled, command)."""
        from eurasia_game.ui.seminar.panel import FacilitatorPanel

        if event.key == pygame.K_F9:
            top = self.app.stack[-1] if self.app.stack else None
            if getattr(top, "name", "").startswith("sem_"):
                return True, sc.Pop()
            if self.app.game is None:
                return False, None
            return True, sc.Push(FacilitatorPanel())
        if event.key == pygame.K_F10 and self.app.game is not None:
            return True, self.toggle_projector(in_window=bool(event.mod & pygame.KMOD_SHIFT))
        return False, None

    def toggle_projector(self, in_window: bool = False):
        """Open or close the projector: its own window if possible, else (or if asked) in this one."""
        from eurasia_game.ui.seminar.projector import ProjectorScene

        top = self.app.stack[-1] if self.app.stack else None
        if getattr(top, "name", "") == "sem_projector":
            return sc.Pop()
        if self.window is not None:
            self.close_window()
            return None
        if not in_window and self.open_window():
            return None
        return sc.Push(ProjectorScene())

    def open_window(self) -> bool:
        window_class = getattr(pygame, "Window", None)
        if window_class is None:
            self.window_failed = "this pygame has no second windows"
            return False
        try:
            sizes = pygame.display.get_desktop_sizes()
            size = (1280, 720)
            kwargs = {"resizable": True}
            if len(sizes) > 1:  # put it on the second display, full size
                size = sizes[1]
                kwargs["position"] = (sizes[0][0], 0)
            self.window = window_class("Eurasia Game - projector", size, **kwargs)
        except (pygame.error, TypeError, ValueError) as exc:
            self.window = None
            self.window_failed = str(exc)
            log.info("no projector window (%s); using the in-window projector view", exc)
            return False
        self._keep_keyboard()
        log.info("projector window opened")
        self.app.dirty = True
        return True

    def _keep_keyboard(self) -> None:
        """The projector is for watching: the keyboard stays with the players' window."""
        import warnings

        try:
            with warnings.catch_warnings():  # pygame-ce marks both as deprecated, with no other way to do this yet
                warnings.simplefilter("ignore", DeprecationWarning)
                main = pygame.Window.from_display_module()
                main.focus(input_only=True)  # the keyboard only: the projector stays in front
        except (pygame.error, AttributeError, TypeError) as exc:  # pragma: no cover - an old pygame-ce
            log.info("could not give the keyboard back to the players' window (%s)", exc)

    def close_window(self) -> None:
        if self.window is not None:
            try:
                self.window.destroy()
            except pygame.error:
                pass
            self.window = None
            self._keep_keyboard()  # the keyboard must not be left with no window at all
            log.info("projector window closed")
            self.app.dirty = True

    def window_event(self, event) -> bool:
        """Handle events of the projector window; True when the app should not see them."""
        window = getattr(event, "window", None)
        if self.window is None:
            return False
        if event.type == pygame.WINDOWCLOSE:
            if window is self.window:
                self.close_window()
                return True
            # The players' window closed while the projector is open: the whole game closes.
            pygame.event.post(pygame.event.Event(pygame.QUIT))
            return True
        if window is self.window and event.type == pygame.WINDOWFOCUSGAINED:
            self._keep_keyboard()  # shown, the projector took the keyboard: it goes back to the players
            return True
        if window is self.window and event.type in (pygame.WINDOWSIZECHANGED, pygame.WINDOWRESIZED, pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN):
            self.app.dirty = True
            return True
        if window is self.window and event.type in _POINTER:
            return True  # the projector is for watching: its clicks must not land on the players' buttons
        return False

    def draw_projector(self, ctx) -> None:
        """Redraw the projector window (the public view only) after a frame."""
        if self.window is None or self.app.game is None:
            return
        from eurasia_game.ui.seminar.projector import draw_projector

        try:
            surface = self.window.get_surface()
            draw_projector(surface, ctx, self.app)
            self.window.flip()
        except pygame.error as exc:
            log.warning("the projector window failed (%s); it was closed", exc)
            self.window = None

    def close(self) -> None:
        self.close_window()
