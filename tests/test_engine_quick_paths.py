"""The engine's quick paths give exactly what the plain ones would.

Log events write their words on demand, states carry a memo of judged
requirements and are filled slot by slot, planned orders and a first commit
skip the general flow: each must be invisible from outside (same values,
same words, same legality), and a state changed by ``dataclasses.replace``
must never reuse a memo that no longer holds.
"""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, replace
from functools import partial

import pytest

from eurasia_game.engine import LogEvent, apply_action, legal_actions, new_game, why_illegal
from eurasia_game.engine.moves import candidate_actions
from eurasia_game.engine.state import GameState, make_state
from eurasia_game.engine.words import fill_words


def _planning(rules):
    for seed in range(100):
        state = new_game(rules, None, seed)
        while state.dilemma is not None and not state.over:
            state = apply_action(rules, state, legal_actions(rules, state)[0]).state
        if not state.over:
            return state
    pytest.fail("no seed reaches a plan phase")


def _slow_legal(rules, state):
    side = state.to_act
    return [a for a in candidate_actions(rules, state, side) if why_illegal(rules, state, a) is None]


def test_a_log_event_writes_its_words_once_and_compares_by_them():
    calls = []

    def words(name):
        calls.append(name)
        return f"{name} moved."

    later = LogEvent("order", partial(words, "Moscow"), 2024, side="moscow", data=(1,))
    assert calls == []
    assert later == LogEvent("order", "Moscow moved.", 2024, side="moscow", data=(1,))
    assert later.text == "Moscow moved." and calls == ["Moscow"]  # written once, kept
    assert hash(later) == hash(LogEvent("order", "Moscow moved.", 2024, side="moscow", data=(1,)))
    copy = pickle.loads(pickle.dumps(LogEvent("say", partial(fill_words, None, "plain words", None, None), 2025)))
    assert copy._text == "plain words"  # pickled with its words written out
    with pytest.raises(FrozenInstanceError):
        later.text = "other"
    assert "Moscow moved." in repr(later)


def test_the_memo_is_not_part_of_the_game(rules):
    state = _planning(rules)
    legal_actions(rules, state)
    assert state.memo  # judged requirements kept
    assert replace(state).memo is None  # a replaced state starts without it
    assert replace(state) == state and "memo" not in repr(state)
    copy = pickle.loads(pickle.dumps(state))
    assert copy == state and copy.memo is None
    values = [getattr(state, name) for name in ("scenario", "year", "phase", "phase_done", "to_act", "tracks", "power", "income", "standing", "flags", "deck", "fired", "crossed", "queue", "dilemma", "plans", "committed", "orders_done", "rng", "ending", "snapshots", "steps", "injects", "armed_from", "luck")]
    assert make_state(*values, None) == GameState(*values)


def test_a_replaced_state_is_judged_afresh(rules):
    state = _planning(rules)
    side = state.to_act
    rich = legal_actions(rules, state)
    poor = replace(state, power={**state.power, side: 0})
    assert legal_actions(rules, poor) == _slow_legal(rules, poor)
    assert len(legal_actions(rules, poor)) < len(rich)
    assert rich == _slow_legal(rules, state)


def test_planning_and_committing_keep_the_same_legal_actions_as_the_slow_checks(rules):
    state = _planning(rules)
    for step in range(40):
        if state.over:
            break
        legal = legal_actions(rules, state)
        assert legal == _slow_legal(rules, state), step
        for action in candidate_actions(rules, state, state.to_act):  # every refused one is refused by apply_action too
            if action not in legal:
                with pytest.raises(ValueError):
                    apply_action(rules, state, action)
        state = apply_action(rules, state, legal[step % len(legal)]).state
