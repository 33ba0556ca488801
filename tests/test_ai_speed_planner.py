"""The planner's shortcuts for speed give the plans it gave without them.

The normal and easy levels' planners go without the memo of judgements (they
never judge a plan twice), and after the first order of a plan only the
beam's best orders are checked for legality: both must leave every plan,
and the list of orders judged, as they were.
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
