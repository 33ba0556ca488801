"""The quick order checks against the rules as a player reads them.

``engine.candidates`` answers "which orders may this side plan now?" from a
table made once per rule set and a memo kept in the state, for speed.  These
tests hold its answers (``open_orders``, used for the legal actions, and
``may_plan``, used by the computer's look-ahead) against a slow reference
written straight from the rules: an order is open when the side has orders
left this year, the power left after its plan covers the cost, the same
action at the same front has been planned fewer times than the action's
per-year limit, and the action's requirement holds.  Random games give many
states; the edges (power exactly the cost or one short, the per-year limit
reached exactly, one order left) are set up on purpose.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from eurasia_game.engine import Action, apply_action, legal_actions, new_game
from eurasia_game.engine.candidates import Candidates, allowed, candidates, may_plan, open_orders, targets_of
from eurasia_game.engine.state import Order
from eurasia_game.engine.work import Context, holds
from eurasia_game.model.ruleset import RuleSet


def reference_open(rules, state, side) -> list[tuple[str, str | None]]:
    """(action, target) of every order ``side`` may plan, in the rules' order of actions and targets."""
    plan = state.plans.get(side, ())
    if len(plan) >= rules.side[side].orders_per_year:
        return []
    left = state.power[side] - sum(rules.action[o.action].cost for o in plan)
    found = []
    for act in rules.actions:
        if side not in act.sides:
            continue
        for target in targets_of(rules, act):
            same = sum(1 for o in plan if o.action == act.id and o.target == target)
            if act.cost > left or same >= act.per_year:
                continue
            if not holds(rules, state, act.requires, Context(side=side, target=target)):
                continue
            found.append((act.id, target))
    return found


def _fresh(state):
    """The same state without its memo, so each check judges the requirements anew."""
    return replace(state)


def _agrees(rules, state, side) -> int:
    expected = reference_open(rules, _fresh(state), side)
    got = [(a.action, a.target) for a in open_orders(rules, _fresh(state), side)]
    assert got == expected
    table = candidates(rules)
    fresh = _fresh(state)
    for candidate in table.of[side]:
        assert may_plan(rules, fresh, side, candidate) == (candidate.key in expected), candidate.key
    # may_plan on a state whose memo is still empty works it out too
    for candidate in table.of[side][:3]:
        assert may_plan(rules, _fresh(state), side, candidate) == (candidate.key in expected)
    return len(expected)


def _planning_states(rules, games: int, seed: int):
    rng = random.Random(seed)
    for game in range(games):
        state = new_game(rules, None, game)
        while not state.over:
            if rules.phases[state.phase].kind == "plan" and state.dilemma is None:
                yield state
            state = apply_action(rules, state, rng.choice(legal_actions(rules, state))).state


def test_open_orders_and_may_plan_match_the_rules_in_random_games(rules):
    states = opened = closed = 0
    for state in _planning_states(rules, 4, 11):
        side = state.to_act
        n = _agrees(rules, state, side)
        states += 1
        opened += n > 0
        closed += n == 0
    assert states > 50
    assert opened and closed  # both kinds of answer were checked


def _planning_state(rules):
    for state in _planning_states(rules, 30, 3):
        if not state.plans.get(state.to_act):
            return state
    pytest.fail("no random game reached a side planning with nothing planned yet")


def test_power_exactly_the_cost_is_enough_and_one_short_is_not(rules):
    state = _planning_state(rules)
    side = state.to_act
    costs = sorted({a.cost for a in rules.actions if side in a.sides and a.cost > 0})
    assert costs, "the side has no action that costs power"
    checked = 0
    for cost in costs:
        for power in (cost - 1, cost):
            s = replace(state, power={**state.power, side: power})
            keys = {(a.action, a.target) for a in open_orders(rules, s, side)}
            with_cost = {c.key for c in allowed(rules, _fresh(s), side) if c.cost == cost}
            if not with_cost:
                continue
            assert (with_cost <= keys) == (power >= cost), (cost, power)
            assert with_cost.isdisjoint(keys) == (power < cost), (cost, power)
            _agrees(rules, s, side)
            checked += 1
    assert checked >= 2


def test_power_spent_by_the_plan_so_far_counts_against_the_next_order(rules):
    state = _planning_state(rules)
    side = state.to_act
    first = next(c for c in allowed(rules, _fresh(state), side) if c.cost > 0)
    for extra in (-1, 0):
        s = replace(state, power={**state.power, side: first.cost * 2 + extra}, plans={**state.plans, side: (first.order,)})
        repeat_open = any((a.action, a.target) == first.key for a in open_orders(rules, s, side))
        assert repeat_open == (extra == 0 and first.per_year > 1)
        _agrees(rules, s, side)


def test_the_per_year_limit_closes_an_order_once_reached_exactly(rules):
    state = _planning_state(rules)
    side = state.to_act
    rich = replace(state, power={**state.power, side: 1_000})
    per_side = rules.side[side].orders_per_year
    checked = 0
    for candidate in allowed(rules, _fresh(rich), side):
        limit = candidate.per_year
        if limit >= per_side:
            continue
        for times in (limit - 1, limit):
            s = replace(rich, plans={**rich.plans, side: (candidate.order,) * times})
            keys = {(a.action, a.target) for a in open_orders(rules, s, side)}
            assert (candidate.key in keys) == (times < limit), (candidate.key, times)
            assert may_plan(rules, _fresh(s), side, candidate) == (times < limit)
            _agrees(rules, s, side)
        checked += 1
    assert checked, "no action's per-year limit is below the orders a year"


def test_the_last_order_of_the_year_is_open_and_then_none(rules):
    state = _planning_state(rules)
    side = state.to_act
    rich = replace(state, power={**state.power, side: 1_000})
    per_side = rules.side[side].orders_per_year
    table = allowed(rules, _fresh(rich), side)
    # orders at different (action, front) pairs, so no per-year limit closes them first
    plan = tuple(c.order for c in table[: per_side])
    assert len(plan) == per_side
    one_left = replace(rich, plans={**rich.plans, side: plan[:-1]})
    none_left = replace(rich, plans={**rich.plans, side: plan})
    assert open_orders(rules, one_left, side)
    assert open_orders(rules, none_left, side) == []
    assert not any(may_plan(rules, _fresh(none_left), side, c) for c in table)
    _agrees(rules, one_left, side)


def test_an_action_allowed_twice_a_year_stays_open_after_one_and_closes_after_two(rules):
    """Every base action may be ordered once a year at a front; a mod may allow more."""
    data = {name: getattr(rules, name) for name in RuleSet.model_fields}
    data["actions"] = tuple(a.model_copy(update={"per_year": 2}) for a in rules.actions)
    twice = RuleSet(**data)
    state = _planning_state(twice)
    side = state.to_act
    rich = replace(state, power={**state.power, side: 1_000})
    assert twice.side[side].orders_per_year >= 3
    table = allowed(twice, _fresh(rich), side)
    checked = 0
    for candidate in table[:6]:
        for times, still_open in ((1, True), (2, False)):
            s = replace(rich, plans={**rich.plans, side: (candidate.order,) * times})
            keys = {(a.action, a.target) for a in open_orders(twice, s, side)}
            assert (candidate.key in keys) == still_open, (candidate.key, times)
            assert may_plan(twice, _fresh(s), side, candidate) == still_open, (candidate.key, times)
            assert [(a.action, a.target) for a in open_orders(twice, _fresh(s), side)] == reference_open(twice, _fresh(s), side)
        checked += 1
    assert checked == 6


def test_the_candidate_table_lists_each_sides_own_actions_at_their_fronts(rules):
    kept = candidates(rules)
    assert candidates(rules) is kept
    table = Candidates(rules)  # built here, not the one kept from an earlier test
    for side in rules.side_ids:
        expected = [(a.id, t) for a in rules.actions if side in a.sides for t in targets_of(rules, a)]
        assert [c.key for c in table.of[side]] == expected
        assert [c.key for c in kept.of[side]] == expected
        for c, (act_id, target) in zip(table.of[side], expected):
            assert (c.act.id, c.target) == (act_id, target)
            assert c.action == Action("plan", side, action=act_id, target=target)
            assert c.order == Order(side, act_id, target)
            assert (c.cost, c.per_year) == (c.act.cost, c.act.per_year)
            assert c.ctx == Context(side=side, target=target)
            assert (c.requires is None) == (c.act.requires is None)
            assert table.by_key[(side, act_id, target)] is c
        assert table.commit[side] == Action("commit", side)
