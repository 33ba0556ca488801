"""A side's ``computer_doubt`` (rules) sets the normal level's judgement for that side only.

Balance is measured in docs/balance/; here only that the field reaches the
planner it names, and nothing else, and that a bad value is refused with
its file and line.
"""

from __future__ import annotations

import pytest

from eurasia_game.ai import HardPolicy, NormalPolicy
from eurasia_game.ai.evaluate import Weights
from eurasia_game.engine import new_game
from eurasia_game.loading.loader import load_rules
from tests.test_ai import play, short_scenario
from tests.test_mods import make_mod


def _doubt_mod(root, value) -> list:
    text = f"patch:\n  sides:\n    - id: moscow\n      set: {{computer_doubt: {value}}}\n"
    return [make_mod(root, "doubt", {"sides.yaml": text})]


def test_the_base_rules_give_beijing_a_judgement_of_its_own(rules):
    beijing = NormalPolicy(1, "beijing").planner(rules, rules.game.default_scenario)
    moscow = NormalPolicy(1, "moscow").planner(rules, rules.game.default_scenario)
    assert rules.side["beijing"].computer_doubt == 0.4
    assert beijing.evaluator.weights.spread_per_year == 0.4
    # Moscow has none: the level's default, and the rest of the style is the level's.
    assert moscow.evaluator.weights == Weights()
    assert beijing.style.slack == moscow.style.slack == NormalPolicy.style.slack
    assert beijing.style.beam == NormalPolicy.style.beam


def test_a_mod_sets_the_doubt_of_a_side_and_its_plans_change(tmp_path, rules):
    modded = load_rules(mods=_doubt_mod(tmp_path, 2.5))
    assert not modded.errors, modded.errors
    planner = NormalPolicy(1, "moscow").planner(modded.rules, rules.game.default_scenario)
    assert planner.evaluator.weights.spread_per_year == 2.5
    # The same position is judged differently with more doubt (so the field is read, not just stored).
    state = new_game(rules, None, 3)
    plain = NormalPolicy(1, "moscow").planner(rules, rules.game.default_scenario)
    assert plain.judge_plan(state, (), (), 7) != planner.judge_plan(new_game(modded.rules, None, 3), (), (), 7)


def test_the_hard_level_ignores_the_field(rules):
    hard = HardPolicy(1, "beijing")
    assert hard.style.weights.spread_per_year == Weights().spread_per_year
    planner = hard.planner_for(rules, rules.game.default_scenario, "beijing", hard.style)
    assert planner.evaluator.weights.spread_per_year == Weights().spread_per_year


@pytest.mark.parametrize("value", [0, -1, 6])
def test_a_doubt_out_of_range_is_refused_where_it_is_written(tmp_path, value):
    result = load_rules(mods=_doubt_mod(tmp_path, value))
    text = "\n".join(str(e) for e in result.errors)
    assert result.errors, "an out-of-range computer_doubt was accepted"
    assert "computer_doubt" in text and "sides.yaml" in text


def test_normal_games_stay_deterministic_with_the_field(rules):
    scenario = short_scenario(rules)
    levels = {side: "normal" for side in rules.side_ids}
    first_state, first = play(rules, scenario, 11, levels)
    again_state, again = play(rules, scenario, 11, levels)
    assert first == again and first_state.ending == again_state.ending
    assert any(a.kind == "plan" and a.side == "beijing" for a in first)
