"""The computer players: legal, deterministic, blind to the rival's secrets, rule-driven.

Strength is measured in benchmarks/ai.py and docs/balance/, not here.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from eurasia_game.ai import EasyPolicy, HardPolicy, HardSettings, NormalPolicy
from eurasia_game.engine import Action, Order, apply_action, legal_actions, new_game, view
from eurasia_game.engine import rng as engine_rng
from eurasia_game.loading.loader import load_rules
from eurasia_game.session.policies import POLICIES, make_policy, policy_names

SMALL = HardSettings(simulations=24, candidates=3, rival_samples=2)


def short_scenario(rules) -> str:
    """The scenario with the fewest years (keeps the tests fast)."""
    return min(rules.scenarios, key=lambda s: s.end_year - s.start_year).id


def make(level: str, seed: int, side: str):
    if level == "hard":
        return HardPolicy(seed, side, SMALL)
    return make_policy(level, seed, side)


def play(rules, scenario, seed, levels: dict, check_legal: bool = True):
    """Play a game; returns (final state, actions taken)."""
    state = new_game(rules, scenario, seed)
    policies = {side: make(levels[side], seed, side) for side in rules.side_ids}
    actions = []
    for _ in range(5000):
        if state.over:
            break
        side = state.to_act
        legal = legal_actions(rules, state, side)
        action = policies[side].choose(rules, view(rules, state, side), legal)
        if check_legal:
            assert action in legal, f"{levels[side]} chose an illegal action {action}"
        actions.append(action)
        state = apply_action(rules, state, action).state
    assert state.over, "the game did not end"
    return state, actions


def test_levels_are_registered():
    names = policy_names()
    for level in ("easy", "normal", "hard"):
        assert level in names
    assert POLICIES["easy"] is EasyPolicy and POLICIES["normal"] is NormalPolicy and POLICIES["hard"] is HardPolicy
    policy = make_policy("hard", 3, "moscow")
    assert policy.name == "hard" and policy.settings == HardSettings()


@pytest.mark.parametrize("pair", [("easy", "normal"), ("normal", "easy"), ("hard", "normal")])
def test_every_level_plays_legal_moves_to_the_end(rules, pair):
    levels = dict(zip(rules.side_ids, pair))
    state, actions = play(rules, short_scenario(rules), 5, levels)
    assert any(a.kind == "plan" for a in actions), "nobody ever planned an order"


@pytest.mark.parametrize("levels", [("normal", "easy"), ("hard", "normal")])
def test_same_seed_same_game(rules, levels):
    pair = dict(zip(rules.side_ids, levels))
    scenario = short_scenario(rules)
    first = play(rules, scenario, 11, pair)
    second = play(rules, scenario, 11, pair)
    assert first[1] == second[1]
    assert first[0].ending == second[0].ending


def test_different_seeds_vary(rules):
    pair = dict(zip(rules.side_ids, ("normal", "normal")))
    scenario = short_scenario(rules)
    games = {tuple(play(rules, scenario, seed, pair)[1]) for seed in range(4)}
    assert len(games) > 1


def _second_side_planning(rules):
    """A state where the first side has committed secret orders and the second must plan."""
    first, second = rules.game.side_order[0], rules.game.side_order[1]
    for seed in range(300):
        state = new_game(rules, None, seed)
        while state.dilemma is not None and not state.over:
            state = apply_action(rules, state, legal_actions(rules, state)[0]).state
        if state.over or state.to_act != first:
            continue
        plan = [a for a in legal_actions(rules, state) if a.kind == "plan"][:1]
        for a in plan:
            state = apply_action(rules, state, a).state
        state = apply_action(rules, state, Action("commit", first)).state
        if state.to_act == second and state.plans[first]:
            return state, first, second
    pytest.fail("no such position in the first 300 seeds")


@pytest.mark.parametrize("level", ["easy", "normal", "hard"])
def test_choice_does_not_depend_on_hidden_information(rules, level):
    state, first, second = _second_side_planning(rules)
    # Another secret plan for the first side, and another random generator.
    other_order = next(
        Order(first, a.action, a.target)
        for a in (Action("plan", first, action=x.id, target=t) for x in rules.actions if first in x.sides for t in (x.targets if isinstance(x.targets, list) else rules.front_ids if x.targets == "all" else [None]))
        if Order(first, a.action, a.target) not in state.plans[first]
    )
    hidden = replace(state, plans={**state.plans, first: (other_order,)}, rng=engine_rng.seed_state(987654321))
    assert view(rules, state, second) == view(rules, hidden, second)
    legal = legal_actions(rules, state, second)
    assert legal == legal_actions(rules, hidden, second)
    choice = make(level, 21, second).choose(rules, view(rules, state, second), legal)
    again = make(level, 21, second).choose(rules, view(rules, hidden, second), legal)
    assert choice == again
    assert choice in legal


def test_hard_search_budget_is_simulations(rules):
    """With no time cap the budget is a number of simulations, and arms share their draws."""
    policy = HardPolicy(1, rules.side_ids[0], HardSettings(simulations=12, candidates=3, rival_samples=1))
    calls = []

    def simulate(arm, rng):
        calls.append((arm, rng.random()))
        return 1.0 if arm == "b" else 0.0

    assert policy.bandit(["a", "b", "c"], simulate) == "b"
    assert 9 <= len(calls) <= 12
    # Common random numbers: the first round tries every arm on the same draw.
    first = calls[:3]
    assert {arm for arm, _ in first} == {"a", "b", "c"}
    assert len({draw for _, draw in first}) == 1
    again = HardPolicy(1, rules.side_ids[0], HardSettings(simulations=12, candidates=3, rival_samples=1))
    replay = []
    again.bandit(["a", "b", "c"], lambda arm, rng: replay.append((arm, rng.random())) or (1.0 if arm == "b" else 0.0))
    assert replay == calls


def test_hard_weighs_more_plans_for_a_side_with_more_orders(rules):
    """By default the number of candidate plans grows with the orders a side may plan a year."""
    from eurasia_game.ai.search import CANDIDATES_PER_ORDER

    scenario = short_scenario(rules)
    state = new_game(rules, scenario, 5)
    while state.to_act is None or state.dilemma is not None:
        state = apply_action(rules, state, legal_actions(rules, state, state.to_act)[0]).state
    counts = {}
    for side in rules.side_ids:
        policy = HardPolicy(3, side, HardSettings(simulations=8, rival_samples=1))
        planner = policy.planner_for(rules, scenario, side, policy.style)
        planning = replace(state, to_act=side)
        counts[side] = len(policy.candidate_plans(planner, planning))
        limit = CANDIDATES_PER_ORDER * rules.side[side].orders_per_year
        assert 2 <= counts[side] <= limit
    fewest, most = sorted(rules.side_ids, key=lambda s: rules.side[s].orders_per_year)
    assert rules.side[fewest].orders_per_year < rules.side[most].orders_per_year
    assert counts[most] > counts[fewest]
    # An explicit number still caps the list.
    capped = HardPolicy(3, most, HardSettings(simulations=8, candidates=3, rival_samples=1))
    assert len(capped.candidate_plans(capped.planner_for(rules, scenario, most, capped.style), replace(state, to_act=most))) <= 3


def test_plays_modded_rules_with_a_new_front(rules_copy):
    """A mod adds a fifth front whose payout helps the first side: the players use it."""
    (rules_copy / "zz_space.yaml").write_text(
        """
fronts:
  - id: space
    name: Space
    description: Launchers, satellites and a lunar station.
    stakes: [Prestige in orbit.]
    start: {moscow: 2, beijing: 2}
    map_position: [0.9, 0.1]
    resolution:
      - text: Whoever stands at 4 or more in Space gains 3 power.
        when: {type: standing, front: target, side: moscow, min: 4}
        effects:
          - {type: power, side: moscow, delta: 3}
""",
        encoding="utf-8",
    )
    result = load_rules(rules_copy)
    assert not result.errors, [str(p) for p in result.problems]
    modded = result.rules
    assert "space" in modded.front_ids
    pair = dict(zip(modded.side_ids, ("normal", "normal")))
    targeted = set()
    for seed in range(8):
        _, actions = play(modded, None, seed, pair)
        targeted |= {a.target for a in actions if a.kind == "plan" and a.side == "moscow"}
    assert "space" in targeted
