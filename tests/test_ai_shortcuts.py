"""The computer players' shortcuts change their speed, never their judgement.

A quiet copy made straight from a working state must be as independent as
one made through a frozen state, and a plan judged from the memo must have
the value a fresh judgement gives.
"""

from __future__ import annotations

import random
from dataclasses import replace

from eurasia_game.ai.forward import QuietWork, copy_work, determinise, quiet
from eurasia_game.ai.heuristic import NormalPolicy
from eurasia_game.ai.planner import Planner, position_key
from eurasia_game.engine import Order, apply_action, legal_actions, new_game, view


def _planning_state(rules, seed: int = 4):
    """A side's guess at the game when it plans its first year (dilemmas answered first)."""
    state = new_game(rules, None, seed)
    while state.dilemma is not None:
        state = apply_action(rules, state, legal_actions(rules, state)[0]).state
    side = state.to_act
    return determinise(rules, view(rules, state, side), 99), side


def test_a_direct_quiet_copy_equals_a_copy_through_a_frozen_state_and_shares_nothing(rules):
    state, side = _planning_state(rules)
    w = QuietWork(rules, state)
    w.flags.add("marker")
    copy = copy_work(w)
    assert copy.freeze() == w.freeze()
    assert type(quiet(rules, w)) is QuietWork
    front = rules.front_ids[0]
    track = rules.tracks[0].id
    copy.standing[front][side] += 1
    copy.tracks[track] += 1
    copy.flags.add("other")
    copy.deck.pop()
    copy.fired.append("x")
    assert w.standing[front][side] == state.standing[front][side]
    assert w.tracks[track] == state.tracks[track]
    assert "other" not in w.flags and len(w.deck) == len(state.deck) and "x" not in w.fired


def test_a_memoised_judgement_is_the_fresh_one_whatever_the_plans_or_the_seed(rules):
    state, side = _planning_state(rules)
    planner = Planner(rules, state.scenario, side, NormalPolicy.style)
    move = planner.legal_moves(QuietWork(rules, state), ())[0]
    plan = (Order(side, move.action, move.target),)
    fresh = planner._judge(state, plan, (), 1)
    assert planner.judge_plan(state, plan, (), 1) == fresh
    # The same position with other plans on the table (they are replaced by the
    # plan judged) and another seed: the answer comes from the memo, and it is right.
    other = replace(state, plans={s: plan for s in rules.side_ids})
    assert position_key(other) == position_key(state)
    table = planner._memo.table(other)
    assert table[(plan, (), None)] == fresh
    assert planner.judge_plan(other, plan, (), 2) == fresh == planner._judge(other, plan, (), 2)


def test_the_memo_tells_different_positions_apart(rules):
    state, side = _planning_state(rules)
    planner = Planner(rules, state.scenario, side, NormalPolicy.style)
    track = rules.tracks[0].id
    moved = replace(state, tracks={**state.tracks, track: state.tracks[track] + 1})
    assert position_key(moved) != position_key(state)
    assert planner.judge_plan(moved, (), (), 1) == planner._judge(moved, (), (), 1)
    assert planner.judge_plan(state, (), (), 1) == planner._judge(state, (), (), 1)
    assert planner._memo.table(moved) is not planner._memo.table(state)


def test_planning_twice_in_one_position_gives_the_same_plan(rules):
    state, side = _planning_state(rules)
    planner = Planner(rules, state.scenario, side, NormalPolicy.style)
    first = planner.plan(state, random.Random(5))
    again = planner.plan(state, random.Random(5))
    fresh = Planner(rules, state.scenario, side, NormalPolicy.style).plan(state, random.Random(5))
    assert first == again == fresh and first
