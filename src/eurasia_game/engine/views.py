"""What one side (or the public) may see of a game state.

A side sees its own planned orders but not the other side's, and nobody sees
the random generator's state (which would reveal future draws).  The public
view, for a projector, shows no side's secrets at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from eurasia_game.engine.state import GameState, LogEvent


@dataclass(frozen=True)
class GameView:
    viewer: str | None  # a side id, or None for the public
    scenario: str
    year: int
    phase: int
    to_act: str | None
    tracks: dict
    power: dict
    income: dict
    standing: dict
    flags: frozenset
    fired: tuple
    crossed: tuple
    deck_size: int
    dilemma: str | None
    own_plan: tuple  # the viewer's planned orders (empty for the public)
    committed: tuple
    orders_done: tuple
    ending: str | None
    snapshots: tuple
    armed_from: int = 0  # sudden endings and tipping points can end the game from this year on


def view(rules, state: GameState, side: str | None) -> GameView:
    """The state as ``side`` may see it (None: the public view)."""
    return GameView(
        viewer=side,
        scenario=state.scenario,
        year=state.year,
        phase=state.phase,
        to_act=state.to_act,
        tracks=dict(state.tracks),
        power=dict(state.power),
        income=dict(state.income),
        standing={f: dict(v) for f, v in state.standing.items()},
        flags=state.flags,
        fired=state.fired,
        crossed=state.crossed,
        deck_size=len(state.deck),
        dilemma=state.dilemma,
        own_plan=tuple(state.plans.get(side, ())) if side else (),
        committed=state.committed,
        orders_done=state.orders_done,
        ending=state.ending,
        snapshots=state.snapshots,
        armed_from=state.armed_from,
    )


def visible(event: LogEvent, side: str | None) -> bool:
    """Whether a log event may be shown to ``side`` (None: the public)."""
    return event.secret_for is None or event.secret_for == side
