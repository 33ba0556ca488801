"""Each side's own objectives: judged from the rules, and deciding the final endings."""

from __future__ import annotations

from dataclasses import replace

from eurasia_game.engine import new_game, outcome
from eurasia_game.engine.objectives import by_objectives, standing, standings
from eurasia_game.engine.work import holds


def _state(rules):
    return new_game(rules, "full_decade", seed=3)


def test_both_sides_have_their_own_objectives(rules):
    moscow, beijing = (rules.side[s] for s in rules.side_ids)
    assert moscow.objectives and beijing.objectives
    assert {o.id for o in moscow.objectives}.isdisjoint({o.id for o in beijing.objectives})
    for side in (moscow, beijing):
        assert 0 < side.objectives_needed <= sum(o.points for o in side.objectives)
        for o in side.objectives:
            assert o.section in rules.game.sources and o.teaching_note


def test_standing_counts_the_objectives_that_hold(rules):
    state = _state(rules)
    for side in rules.side_ids:
        st = standing(rules, state, side)
        expected = sum(o.points for o in rules.side[side].objectives if holds(rules, state, o.condition))
        assert st.score == expected
        assert st.margin == expected - rules.side[side].objectives_needed
        assert [m for _, m in st.met] == [holds(rules, state, o.condition) for o in rules.side[side].objectives]


def test_moving_the_room_for_manoeuvre_moves_the_two_sides_apart(rules):
    state = _state(rules)
    free = replace(state, tracks={**state.tracks, "autonomy": 9})
    bound = replace(state, tracks={**state.tracks, "autonomy": 1})
    assert standing(rules, free, "moscow").score > standing(rules, bound, "moscow").score
    assert standing(rules, bound, "beijing").score > standing(rules, free, "beijing").score


def test_the_larger_margin_wins_an_objectives_ending(rules):
    final = [e for e in rules.endings if e.outcome == "objectives"]
    assert final, "the base game decides its final endings on the objectives"
    state = replace(_state(rules), ending=final[-1].id, to_act=None)
    # Moscow free, its regime safe, the rivalry calm: Moscow further past its needs.
    good_for_moscow = replace(state, tracks={**state.tracks, "autonomy": 9, "regime": 8, "us_pressure": 3, "partnership": 3})
    st = standings(rules, good_for_moscow)
    assert st["moscow"].margin > st["beijing"].margin
    assert outcome(rules, good_for_moscow) == {"moscow": "win", "beijing": "lose"}
    beijing_ahead = {f: {"moscow": 3, "beijing": 8} for f in rules.front_ids}
    good_for_beijing = replace(state, tracks={**state.tracks, "autonomy": 1, "regime": 3, "us_pressure": 9, "partnership": 8}, standing=beijing_ahead)
    st = standings(rules, good_for_beijing)
    assert st["beijing"].margin > st["moscow"].margin
    assert outcome(rules, good_for_beijing) == {"beijing": "win", "moscow": "lose"}
    assert by_objectives(rules, good_for_beijing) == outcome(rules, good_for_beijing)


def test_equal_margins_are_a_draw(rules):
    state = replace(_state(rules), to_act=None)
    for autonomy in range(0, 11):
        for regime, pressure in ((r, p) for r in range(0, 11) for p in range(0, 11)):
            trial = replace(state, tracks={**state.tracks, "autonomy": autonomy, "regime": regime, "us_pressure": pressure})
            st = standings(rules, trial)
            if st["moscow"].margin == st["beijing"].margin:
                assert by_objectives(rules, trial) == {s: "draw" for s in rules.side_ids}
                return
    raise AssertionError("no tied position found to test")


def test_the_computer_values_meeting_its_objectives(rules):
    from eurasia_game.ai.evaluate import Evaluator

    state = _state(rules)
    late = replace(state, year=rules.scenario["full_decade"].end_year)
    free = replace(late, tracks={**late.tracks, "autonomy": 9})
    bound = replace(late, tracks={**late.tracks, "autonomy": 2})
    moscow = Evaluator(rules, "full_decade", "moscow")
    beijing = Evaluator(rules, "full_decade", "beijing")
    assert moscow.value(free) > moscow.value(bound)
    assert beijing.value(bound) > beijing.value(free)
