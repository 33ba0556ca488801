"""The planners' shortcuts for speed give the plans they gave without them.

The normal and easy levels' planners go without the memo of judgements (they
never judge a plan twice), after the first order of a plan only the beam's
best orders are checked for legality, and the hard search checks the orders
of a repeated plan still legal in place: each must leave every plan, and the
lists of orders, as they were.
"""

from __future__ import annotations

import random

from eurasia_game.ai.forward import QuietWork, determinise
from eurasia_game.ai.heuristic import EasyPolicy, NormalPolicy
from eurasia_game.ai.planner import Planner
from eurasia_game.engine import apply_action, legal_actions, new_game, view


def _planning_states(rules, games: int = 6):
    """A side's guess at the game at each of its planning decisions, over a few random games."""
    for seed in range(games):
        rnd = random.Random(seed)
        state = new_game(rules, None, seed)
        while not state.over:
            side = state.to_act
            legal = legal_actions(rules, state, side)
            if state.dilemma is None and not state.plans.get(side):
                yield determinise(rules, view(rules, state, side), seed), side
            state = apply_action(rules, state, rnd.choice(legal)).state


def test_plans_without_the_memo_are_the_plans_with_it(rules):
    checked = 0
    for state, side in _planning_states(rules):
        for style in (NormalPolicy.style, EasyPolicy.style):
            with_memo = Planner(rules, state.scenario, side, style)
            without = Planner(rules, state.scenario, side, style, memo=False)
            assert without._memo is None
            assert with_memo.plan(state, random.Random(3)) == without.plan(state, random.Random(3))
            checked += 1
    assert checked > 20


def test_legal_orders_among_a_beam_are_the_legal_orders_kept_by_the_beam(rules):
    for state, side in _planning_states(rules, 3):
        planner = Planner(rules, state.scenario, side, NormalPolicy.style)
        every = planner.legal_moves(QuietWork(rules, state), ())
        keys = [(m.action, m.target) for m in planner.moves]
        for beam in (set(keys[::3]), set(keys[1:4]), set()):
            among = planner.legal_moves(QuietWork(rules, state), (), beam)
            assert among == [m for m in every if (m.action, m.target) in beam]


def _legal_part_by_why_illegal(rules, w, side, plan):
    """What ``search.legal_part`` keeps, asked of ``why_illegal`` order by order (the reference)."""
    from eurasia_game.engine.moves import _no_text, why_illegal
    from eurasia_game.engine.state import Action

    saved = (w.to_act, w.plans)
    w.to_act = side
    w.plans = dict(w.plans)
    keep = []
    for order in plan:
        w.plans[side] = tuple(keep)
        if why_illegal(rules, w, Action("plan", side, action=order.action, target=order.target), _no_text) is None:
            keep.append(order)
    w.to_act, w.plans = saved
    return tuple(keep)


def test_the_orders_of_a_repeated_plan_still_legal_are_those_why_illegal_allows(rules):
    from test_ai_speed_quiet import _positions

    from eurasia_game.ai.search import legal_part
    from eurasia_game.engine.state import Order

    rnd = random.Random(9)
    kept = dropped = 0
    for state in _positions(rules, 150, 16):
        w = QuietWork(rules, state)
        for side in rules.side_ids:
            # plans of the side's orders and others' (another side's action, a front it may not aim at, repeats)
            pool = [Order(side, a.id, t) for a in rules.actions for t in (*rules.front_ids, None) if rnd.random() < 0.3]
            plan = tuple(rnd.choice(pool) for _ in range(rnd.randint(0, 6))) if pool else ()
            before = (w.to_act, dict(w.plans))
            got = legal_part(rules, w, side, plan)
            assert (w.to_act, w.plans) == before
            assert got == _legal_part_by_why_illegal(rules, w, side, plan)
            kept += len(got)
            dropped += len(plan) - len(got)
        w.dilemma = rules.events[0].id  # not planning: every order refused
        assert legal_part(rules, w, rules.side_ids[0], state.plans[rules.side_ids[0]]) == ()
    assert kept > 100 and dropped > 100
