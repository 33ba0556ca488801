"""A game in progress: its record, its history of states, undo and logs.

The UI and the command line drive a ``GameSession``; it asks the engine for
every change and keeps what the engine returns.  Undo steps back one action
only when the engine said that action revealed nothing and drew no random
outcome, and only for the side that took it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eurasia_game.engine import Action, GameState, LogEvent, StepResult, apply_action, legal_actions, start_game, view, why_illegal
from eurasia_game.engine.views import visible
from eurasia_game.session.record import ActionRecord, GameRecord, ModEntry, RECORD_FORMAT
from eurasia_game.session.replay import replay_steps


@dataclass
class Step:
    action: Action | None
    result: StepResult


@dataclass
class GameSession:
    rules: object
    scenario: str
    seed: int
    players: dict = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    armed_from: int | None = None  # None: the scenario's own year

    @classmethod
    def new(cls, rules, scenario: str | None = None, seed: int = 0, players: dict | None = None, armed_from: int | None = None) -> "GameSession":
        """A new game; ``armed_from`` overrides the scenario's arming year (ValueError if outside it)."""
        scenario = scenario or rules.game.default_scenario
        session = cls(rules, scenario, seed, dict(players or {}), armed_from=armed_from)
        session.steps.append(Step(None, start_game(rules, scenario, seed, armed_from)))
        return session

    @classmethod
    def from_record(cls, rules, record: GameRecord) -> "GameSession":
        """Rebuild a session by replaying a record (raises RecordError if it does not fit)."""
        session = cls(rules, record.scenario, record.seed, dict(record.players), armed_from=record.armed_from)
        results = replay_steps(rules, record)
        session.steps.append(Step(None, next(results)))
        for entry, result in zip(record.actions, results):
            session.steps.append(Step(entry.to_action(), result))
        return session

    # --- state ---------------------------------------------------------------
    @property
    def state(self) -> GameState:
        return self.steps[-1].result.state

    @property
    def over(self) -> bool:
        return self.state.over

    def view(self, side: str | None):
        return view(self.rules, self.state, side)

    def legal(self, side: str | None = None) -> list[Action]:
        return legal_actions(self.rules, self.state, side)

    def why_illegal(self, action: Action) -> str | None:
        return why_illegal(self.rules, self.state, action)

    # --- acting --------------------------------------------------------------
    def act(self, action: Action) -> StepResult:
        """Apply an action (raises engine.IllegalAction with the reason if illegal)."""
        result = apply_action(self.rules, self.state, action)
        self.steps.append(Step(action, result))
        return result

    def can_undo(self, side: str | None = None) -> bool:
        """Whether the last action can be taken back (by ``side``, if given)."""
        if len(self.steps) < 2:
            return False
        last = self.steps[-1]
        if not last.result.undoable:
            return False
        return side is None or last.action.side == side

    def undo(self) -> Action:
        if not self.can_undo():
            raise ValueError("nothing can be undone now")
        return self.steps.pop().action

    # --- records and logs ----------------------------------------------------
    def record(self) -> GameRecord:
        from eurasia_game.model.prose import play_fingerprint  # when a record is written, not at start-up

        return GameRecord(
            format=RECORD_FORMAT,
            rules_id=self.rules.game.id,
            rules_version=self.rules.game.version,
            rules_fingerprint=self.rules.fingerprint,
            rules_play=play_fingerprint(self.rules),
            scenario=self.scenario,
            seed=self.seed,
            players=dict(self.players),
            actions=[ActionRecord.of(s.action) for s in self.steps[1:]],
            mods=[ModEntry(id=m.id, version=m.version) for m in getattr(self.rules, "mods", ())] or None,
            armed_from=self.armed_from,
        )

    def events(self, side: str | None = None, everything: bool = False) -> list[LogEvent]:
        """The log as ``side`` may see it (None: the public), oldest first."""
        out: list[LogEvent] = []
        for step in self.steps:
            for event in step.result.events:
                if everything or visible(event, side):
                    out.append(event)
        return out
