"""Replaying a record: a fold of ``apply_action`` over its actions."""

from __future__ import annotations

from typing import Iterator

from eurasia_game.engine import IllegalAction, StepResult, apply_action, start_game
from eurasia_game.lang.catalogue import S
from eurasia_game.session.record import GameRecord, RecordError, mismatch


def replay_steps(rules, record: GameRecord) -> Iterator[StepResult]:
    """Yield the start and then one result per recorded action.

    Raises ``RecordError`` if the record does not fit the rules or holds an
    action that is illegal where it stands.
    """
    problem = mismatch(rules, record)
    if problem:
        raise RecordError(problem)
    try:
        result = start_game(rules, record.scenario, record.seed, record.armed_from)
    except ValueError as exc:
        raise RecordError(S("ses_start_unfit", reason=exc)) from None
    yield result
    state = result.state
    for number, entry in enumerate(record.actions, start=1):
        try:
            result = apply_action(rules, state, entry.to_action())
        except IllegalAction as exc:
            raise RecordError(S("ses_action_illegal", number=number, kind=entry.kind, side=entry.side, reason=exc)) from None
        yield result
        state = result.state


def replay(rules, record: GameRecord):
    """The final state and every log event of a recorded game."""
    events = []
    state = None
    for result in replay_steps(rules, record):
        events.extend(result.events)
        state = result.state
    return state, events
