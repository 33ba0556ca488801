"""The planner's shared start of a judged year and its projection in place judge as before.

The planner judges every order it may add to a plan: the orders that come
before the plan's last one are carried out once and each judgement goes on
from a copy (``ai.planner.SharedOrders``), and the judged copy, which
nobody uses afterwards, is projected in place (``Evaluator.value(...,
spent=True)``).  Both must give exactly the value the plain way gives: a
fresh copy, the engine's ``resolve_year``, and a projection on a copy.  Here
both judge many plans from scattered positions, with the base rules and
with rules given extra trends, payouts and red lines of every shape.
"""

from __future__ import annotations

import random

import pytest
from test_ai_speed_quiet import _busy_rules, _positions

from eurasia_game.ai.forward import QuietWork, StratifiedWork, resolve_year
from eurasia_game.ai.heuristic import NormalPolicy
from eurasia_game.ai.planner import Planner
from eurasia_game.engine.state import Order
from eurasia_game.engine.work import other_side


def _plain(planner: Planner, state, plan: tuple, rival_plan: tuple, seed: int) -> float:
    """A plan's value the plain way (the planner's judgement before its shortcuts)."""
    rules = planner.rules
    draws = planner.style.chance_draws if any(o.action in planner.chancy for o in plan + rival_plan) else 1
    total = 0.0
    for i in range(draws):
        w = StratifiedWork(rules, state)
        w.quantile = (i + 0.5) / draws
        w.rng = seed
        resolve_year(rules, w, {planner.side: plan, planner.rival: rival_plan}, checks=False)
        total += planner.evaluator.value(w, this_year_checked=False)
    return total / draws


@pytest.fixture(scope="module", params=["base", "busy", "busy-ending", "busy-numbers"])
def some_rules(request, rules):
    if request.param == "base":
        return rules
    return _busy_rules(rules, request.param == "busy-ending", numbers_only=request.param == "busy-numbers")


def test_plans_sharing_their_first_orders_judge_as_each_judged_alone(some_rules):
    rules = some_rules
    rnd = random.Random(5)
    checked = 0
    for state in _positions(rules, 40, 21):
        for side in rules.side_ids:
            planner = Planner(rules, state.scenario, side, NormalPolicy.style, memo=False)
            rival = other_side(rules, side)
            mine = [Order(side, a.id, t) for a in rules.actions if side in a.sides for t in rules.front_ids]
            theirs = [Order(rival, a.id, t) for a in rules.actions if rival in a.sides for t in rules.front_ids]
            seed = rnd.getrandbits(64)
            for _ in range(2):
                head = tuple(rnd.choice(mine) for _ in range(rnd.randint(0, 2)))
                rival_plan = tuple(rnd.choice(theirs) for _ in range(rnd.randint(0, 3)))
                # the plan itself, then every order added to it, as the planner asks
                for plan in (head, *(head + (o,) for o in rnd.sample(mine, 8))):
                    got = planner._judge(state, plan, rival_plan, seed)
                    assert got == _plain(planner, state, plan, rival_plan, seed), (plan, rival_plan)
                    checked += 1
                # a working state (not a frozen one) is judged from scratch
                w = QuietWork(rules, state)
                assert planner._judge(w, head, rival_plan, seed) == _plain(planner, state, head, rival_plan, seed)
    assert checked > 1000


def test_the_projection_runs_in_place_only_where_it_gives_what_a_copy_gives(rules):
    base = Planner(rules, rules.game.default_scenario, rules.side_ids[0], NormalPolicy.style).evaluator.projection
    assert base.in_place  # the base rules' trends and payouts change numbers and flags only, with no roll
    busy = _busy_rules(rules, False)
    projection = Planner(busy, busy.game.default_scenario, busy.side_ids[0], NormalPolicy.style).evaluator.projection
    assert not projection.in_place
