"""The example mods in mods/: each checks clean and plays to the end, alone and together.

They are what modders copy from, so they must stay correct as the base game
changes: no errors and no warnings, every scenario played to an ending by
computer players, and each mod visibly doing what it says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eurasia_game.loading.loader import load_rules
from eurasia_game.session.autoplay import play_game

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (REPO / "mods").iterdir() if (p / "mod.yaml").is_file())
NAMES = [p.name for p in EXAMPLES]


def test_the_three_examples_are_there():
    assert {"steeper_gap", "new_signals", "fifth_front"} <= set(NAMES)


@pytest.fixture(scope="module")
def loaded():
    return {p.name: load_rules(mods=[p]) for p in EXAMPLES}


@pytest.mark.parametrize("name", NAMES)
def test_each_example_checks_clean(loaded, name):
    result = loaded[name]
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.problems == [], "\n".join(map(str, result.problems))
    assert [m.id for m in result.rules.mods] == [name]


def test_all_examples_together_check_clean():
    result = load_rules(mods=EXAMPLES)
    assert result.ok and result.problems == [], "\n".join(map(str, result.problems))
    assert [m.id for m in result.rules.mods] == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_example_plays_every_scenario_to_the_end(loaded, name):
    rules = loaded[name].rules
    for scenario in rules.scenarios:
        for seed in (1, 2):
            session = play_game(rules, scenario.id, seed, {s: "random" for s in rules.side_ids})
            state = session.state
            assert state.over, f"{name}: {scenario.id} seed {seed} did not end"
            assert state.ending in scenario.endings or state.ending in rules.ending
            assert scenario.start_year <= state.year <= scenario.end_year + 1
            assert session.record().mods[0].id == name


def test_steeper_gap_changes_numbers_only(loaded, rules):
    modded = loaded["steeper_gap"].rules
    changes = loaded["steeper_gap"].mod_changes["steeper_gap"]
    assert not changes.added, "a retune adds no content"
    assert modded.side["beijing"].income > rules.side["beijing"].income
    assert modded.track["asymmetry"].start > rules.track["asymmetry"].start
    assert modded.action["modernise"].cost < rules.action["modernise"].cost
    assert modded.yearly != rules.yearly, "the yearly trends are restated"
    assert [e.id for e in modded.events] == [e.id for e in rules.events]


def test_new_signals_adds_cards_and_a_dilemma(loaded, rules):
    result = loaded["new_signals"]
    added = [i for s, i in result.mod_changes["new_signals"].added if s == "events"]
    assert len(added) >= 3
    assert any(result.rules.event[i].dilemma is not None for i in added)
    assert {e.id for e in rules.events} < {e.id for e in result.rules.events}


def test_the_new_cards_are_drawn_in_play(loaded):
    rules = loaded["new_signals"].rules
    added = {i for s, i in loaded["new_signals"].mod_changes["new_signals"].added if s == "events"}
    fired: set[str] = set()
    for seed in range(60):
        fired |= set(play_game(rules, None, seed, {s: "random" for s in rules.side_ids}).state.fired)
        if added <= fired:
            break
    assert added <= fired, f"never fired in 60 games: {sorted(added - fired)}"


def test_fifth_front_adds_a_front_with_actions_cards_and_an_ending(loaded, rules):
    result = loaded["fifth_front"]
    modded = result.rules
    assert len(modded.fronts) == len(rules.fronts) + 1
    front = next(f for f in modded.fronts if f.id not in rules.front)
    own_actions = [a for a in modded.actions if isinstance(a.targets, list) and front.id in a.targets]
    assert {tuple(a.sides) for a in own_actions} == {("moscow",), ("beijing",)}
    assert any(front.id in str(e.model_dump()) for e in modded.events if e.id not in rules.event)
    new_endings = [e for e in modded.endings if e.id not in rules.ending]
    assert new_endings and all(any(e.id in s.endings for s in modded.scenarios) for e in new_endings)


def test_the_fifth_front_is_fought_over(loaded):
    rules = loaded["fifth_front"].rules
    front = "east_asia"
    ordered: set[str] = set()
    for seed in range(20):
        session = play_game(rules, "pivot_to_asia", seed, {s: "random" for s in rules.side_ids})
        ordered |= {a.action for a in (s.action for s in session.steps[1:]) if a.kind == "plan" and a.target == front}
        assert set(session.state.standing) == set(rules.front_ids)
    assert {"keep_ties_with_hanoi", "ask_for_backing_at_sea"} <= ordered
