"""The one place the window talks to a game: acting, undoing, computer moves, saves.

Scenes return commands; the app hands the game ones to this controller,
which calls the ``GameSession``, asks computer policies for their moves,
autosaves after every action and logs the seed and actions (the one in
progress too) so that any problem can be reproduced with ``eurasia-game
replay``.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from eurasia_game.engine import Action
from eurasia_game.session.autosave import Autosaver
from eurasia_game.session.policies import make_policy
from eurasia_game.session.saves import write_record
from eurasia_game.session.session import GameSession
from eurasia_game.session.thinker import Thinker
from eurasia_game.ui import paths

log = logging.getLogger("eurasia_game.ui")

HUMAN = "human"


def safe_save_name(name: str) -> str:
    """A file name made from what the player typed (letters, digits, - and _)."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", name.strip())[:48].strip("_")
    return cleaned or "save"


class GameController:
    def __init__(self, rules, session: GameSession, curtain: bool = True):
        self.rules = rules
        self.session = session
        self.curtain = curtain
        self.players = {s: session.players.get(s, HUMAN) for s in rules.side_ids}
        self.policies = {s: make_policy(name, session.seed, s) for s, name in self.players.items() if name != HUMAN}
        self.autosaver = Autosaver(paths.autosave_dir())
        self.autosave_error: str | None = self.autosaver.begin()
        self.class_record = None  # the lines of play of a loaded class file (ui.seminar takes them up)
        self.pending: Action | None = None  # the action being applied, named in a crash record
        self.briefed: set[str] = set()  # sides shown their briefing (before their first year)
        self.thinker = Thinker()  # computer moves, worked out beside the window
        self._ready = None  # (position, move, the policy after it, side) of a move worked out, not yet played
        if self.policies:
            self.thinker.prepare(rules, self.policies.values())  # a searching computer's process starts while the players read their briefings

    @classmethod
    def new(cls, rules, scenario: str, seed: int, players: dict, curtain: bool = True, armed_from: int | None = None) -> "GameController":
        sc = rules.scenario[scenario]
        if armed_from is not None and not sc.start_year <= armed_from <= sc.end_year:
            armed_from = None  # a year from another scenario's choice: keep this one's own
        session = GameSession.new(rules, scenario, seed, players, armed_from=armed_from)
        log.info("new game: scenario=%s seed=%s players=%s rules=%s", scenario, seed, players, rules.fingerprint)
        return cls(rules, session, curtain)

    @classmethod
    def load(cls, rules, path: Path, curtain: bool = True) -> "GameController":
        """Load a save (raises RecordError with a sentence for the player)."""
        from eurasia_game.session.branches import read_class
        from eurasia_game.session.record import RecordError, mismatch

        klass = read_class(path)  # a game save, or a seminar's class file with its what-if lines
        record = next(b.record for b in klass.branches if b.info.id == klass.current)
        if len(klass.branches) == 1:
            from eurasia_game.session.autosave import with_journal

            record = with_journal(path, record)  # an autosave goes on in its journal
        problem = mismatch(rules, record)
        if problem:
            raise RecordError(problem)
        session = GameSession.from_record(rules, record)
        log.info("loaded %s: scenario=%s seed=%s actions=%d", path, record.scenario, record.seed, len(record.actions))
        controller = cls(rules, session, curtain)
        controller.class_record = klass if len(klass.branches) > 1 else None
        return controller

    # --- who plays ----------------------------------------------------------
    @property
    def state(self):
        return self.session.state

    def is_human(self, side: str | None) -> bool:
        return side is not None and self.players.get(side) == HUMAN

    @property
    def humans(self) -> list[str]:
        return [s for s in self.rules.side_ids if self.is_human(s)]

    @property
    def hotseat(self) -> bool:
        return len(self.humans) >= 2

    def computer_action(self) -> Action | None:
        """The computer's move now, worked out in this thread (the command line, tests)."""
        self.thinker.cancel()
        side = self.state.to_act
        if side is None or self.is_human(side):
            return None
        legal = self.session.legal(side)
        if not legal:
            return None
        return self.policies[side].choose(self.rules, self.session.view(side), legal)

    def _position(self):
        """Names the position a computer move is for: a move for another one is never played."""
        return (id(self.session), len(self.session.steps), self.state.to_act)

    def computer_move(self) -> Action | None:
        """The computer's move once its worker has it; None while it thinks.

        The first call for a position starts the worker; later calls look
        whether it is done.  The move is the one ``computer_action`` would
        give, and the policy goes on from the same state.
        """
        side = self.state.to_act
        if side is None or self.is_human(side):
            self.thinker.cancel()
            return None
        key = self._position()
        if self._ready is not None and self._ready[0] == key:
            return self._ready[1]
        ready = self.thinker.poll(key)
        if ready is not None:
            action, policy = ready
            self._ready = (key, action, policy, side)  # the policy moves on when this move is played
            return action
        if self.thinker.job is None or self.thinker.job.key != key:
            legal = self.session.legal(side)
            if not legal:
                return None
            self.thinker.start(key, side, self.policies[side], self.rules, self.session.view(side), legal)
        return None

    @property
    def thinking(self) -> str | None:
        """The side whose move is being worked out, or None."""
        job = self.thinker.job
        return job.side if job is not None and self.thinker.thinking else None

    def cancel_thinking(self) -> None:
        self.thinker.cancel()
        self._ready = None

    # --- acting -------------------------------------------------------------
    def act(self, action: Action):
        from eurasia_game.engine import IllegalAction

        log.info("action %s", action.to_dict())
        ready, self._ready = self._ready, None
        if ready is not None and ready[0] == self._position() and ready[1] == action:
            self.policies[ready[3]] = ready[2]
        self.pending = action
        try:
            result = self.session.act(action)
        except IllegalAction:
            self.pending = None
            raise
        self.pending = None
        self.autosave()
        return result

    def can_undo(self, side: str | None) -> bool:
        """Whether ``side`` may take back the last action: only a planned order is.

        A dilemma's choice was shown to everyone and its consequences played
        out, so the window never offers to take it back.
        """
        if not self.session.can_undo(side):
            return False
        last = self.session.steps[-1].action
        return last is not None and last.kind == "plan"

    def undo(self) -> Action | None:
        side = self.state.to_act
        if not self.can_undo(side):
            return None
        self.thinker.cancel()
        action = self.session.undo()
        log.info("undo %s", action.to_dict())
        return action

    def replace_session(self, session: GameSession) -> None:
        """Go on with the same game rebuilt under reloaded rules."""
        self.thinker.cancel()
        self.session = session
        self.rules = session.rules

    # --- saves --------------------------------------------------------------
    def save(self, path: Path) -> None:
        write_record(path, self.session.record())

    def autosave(self) -> None:
        """Autosave after every action; a failure is shown, never fatal."""
        self.autosave_error = self.autosaver.save_game(self.session)
        if self.autosave_error:
            log.warning("%s", self.autosave_error)

    @property
    def autosave_path(self) -> Path | None:
        return self.autosaver.last_path

    def close(self) -> None:
        """The game was left cleanly (not a crash): no resume marker stays behind."""
        self.thinker.close()
        self.autosaver.end()

    def save_named(self, name: str) -> Path:
        path = paths.saves_dir() / f"{safe_save_name(name)}.json"
        self.save(path)
        return path

    def crash_record(self):
        """The record with the action that was in progress, if any: replaying it reproduces a crash."""
        from eurasia_game.session.record import ActionRecord

        record = self.session.record()
        if self.pending is not None:
            record = record.model_copy(update={"actions": [*record.actions, ActionRecord.of(self.pending)]})
        return record

    def reproduction(self) -> str:
        """The record as JSON: seed, scenario and every action, to reproduce a problem."""
        return self.crash_record().to_json()


def list_saves() -> list[Path]:
    """Saves in the saves folder, newest first."""
    folder = paths.saves_dir()
    try:
        files = [p for p in folder.glob("*.json") if p.is_file()]
    except OSError:
        return []
    return sorted(files, key=lambda p: (-p.stat().st_mtime, p.name))
