"""The checker's whole-game checks, message by message: severity, place, words and fix.

A modder reads these messages and nothing else, so each one is pinned down
exactly: an error that turned into a warning, lost its place in the file or
its suggestion would leave the modder guessing.  (Written from the checker's
mutation run: docs/mutation.md.)
"""

from __future__ import annotations

from eurasia_game.loading.loader import load_rules

from conftest import edit_rule_file
from test_checker import add_file, event_yaml


def only(result, message: str):
    found = [p for p in result.problems if p.message == message]
    assert len(found) == 1, f"expected one problem saying {message!r}:\n" + "\n".join(map(str, result.problems))
    return found[0]


def test_an_unknown_default_scenario_is_an_error_at_its_field(rules_copy):
    edit_rule_file(rules_copy, "game.yaml", "default_scenario: full_decade", "default_scenario: full_decad")
    problem = only(load_rules(rules_copy), "unknown scenario 'full_decad'")
    assert (problem.severity, problem.file, problem.path) == ("error", "rules/game.yaml", "game.default_scenario")
    assert problem.suggestion == "did you mean 'full_decade'?"


def test_a_side_order_missing_a_side_is_an_error_naming_both(rules_copy, rules):
    first, second = rules.game.side_order
    edit_rule_file(rules_copy, "game.yaml", f"side_order: [{first}, {second}]", f"side_order: [{first}, {first}]")
    problem = only(load_rules(rules_copy), "side_order must name every side exactly once")
    assert (problem.severity, problem.path) == ("error", "game.side_order")
    assert problem.suggestion == f"use: {', '.join(rules.side_ids)}"


def test_a_third_side_is_an_error_on_the_sides(rules_copy, rules):
    import yaml

    sides = yaml.safe_load((rules_copy / "sides.yaml").read_text(encoding="utf-8"))["sides"]
    third = {**sides[-1], "id": "delhi", "name": "Delhi"}
    add_file(rules_copy, "zz_side.yaml", yaml.safe_dump({"sides": [third]}, sort_keys=False))
    result = load_rules(rules_copy)
    problem = only(result, f"the game needs exactly 2 sides, not {len(rules.sides) + 1}")
    assert (problem.severity, problem.path) == ("error", "sides")


def test_a_front_start_with_a_misspelt_side_names_the_key_and_the_missing_side(rules_copy, rules):
    front = rules.fronts[0]
    side = rules.side_ids[0]
    other = rules.side_ids[1]
    old = f"start: {{{side}: {front.start[side]}, {other}: {front.start[other]}}}"
    edit_rule_file(rules_copy, "fronts.yaml", old, old.replace(f"{side}:", f"{side}x:"))
    result = load_rules(rules_copy)
    unknown = only(result, f"unknown side '{side}x'")
    assert (unknown.severity, unknown.path) == ("error", f"fronts[0].start.{side}x")
    assert unknown.suggestion == f"did you mean '{side}'?"
    missing = only(result, f"missing a value for {rules.side[side].id}")
    assert (missing.severity, missing.path, missing.suggestion) == ("error", "fronts[0].start", "give a value for every side")
    assert missing.file == "rules/fronts.yaml"


def test_a_front_start_outside_the_front_is_an_error_at_the_value(rules_copy, rules):
    front = rules.fronts[0]
    side, other = rules.side_ids
    old = f"start: {{{side}: {front.start[side]}, {other}: {front.start[other]}}}"
    edit_rule_file(rules_copy, "fronts.yaml", old, old.replace(f"{side}: {front.start[side]}", f"{side}: {front.max + 5}"))
    problem = only(load_rules(rules_copy), f"standing {front.max + 5} is outside {front.min}..{front.max}")
    assert (problem.severity, problem.file, problem.path) == ("error", "rules/fronts.yaml", f"fronts[0].start.{side}")


def test_the_aimed_at_front_where_nothing_is_aimed_names_every_front(rules_copy, rules):
    side = rules.side_ids[0]
    add_file(rules_copy, "zz_probe.yaml", event_yaml("probe_card", f"[{{type: standing, front: target, side: {side}, delta: 1}}]"))
    problem = only(load_rules(rules_copy), "'target' has no meaning here because nothing is aimed at a front")
    assert (problem.severity, problem.path) == ("error", "events[0].effects[0].front")
    assert problem.suggestion == f"name a front: {', '.join(rules.front_ids)}"


def test_an_unknown_id_with_no_near_match_lists_the_known_ones(rules_copy, rules):
    add_file(rules_copy, "zz_probe.yaml", event_yaml("probe_card", "[{type: power, side: qqqqqqq, delta: 1}]"))
    problem = only(load_rules(rules_copy), "unknown side 'qqqqqqq'")
    assert problem.severity == "error" and problem.path == "events[0].effects[0].side"
    assert problem.suggestion.startswith("known: " + ", ".join(rules.side_ids) + ", ")


def test_a_flag_tested_but_never_set_is_a_warning_with_the_near_flag(rules_copy):
    add_file(
        rules_copy,
        "zz_probe.yaml",
        event_yaml("probe_card", "[{type: track, track: partnership, delta: 1}]", "    when: {type: flag, flag: embraced_closr}\n"),
    )
    problem = only(load_rules(rules_copy), "the flag 'embraced_closr' is tested but no effect or scenario ever sets it")
    assert (problem.severity, problem.path) == ("warning", "events[0].when.flag")
    assert problem.suggestion == "did you mean 'embraced_closer'?"


SETUP = "      standing: {arctic: {beijing: 2}, un: {moscow: 6, beijing: 5}, energy: {moscow: 5, beijing: 6}}\n      power: {moscow: 3, beijing: 7}"


def test_a_scenario_set_up_with_wrong_tracks_fronts_and_power(rules_copy, rules):
    index = next(i for i, s in enumerate(rules.scenarios) if s.id == "after_fourth_term")
    track = rules.track["partnership"]
    front = rules.front["arctic"]
    edit_rule_file(
        rules_copy,
        "scenarios.yaml",
        "tracks: {partnership: 7, us_pressure: 5,",
        f"tracks: {{partnershp: 5, partnership: {track.max + 3}, us_pressure: 5,",
    )
    edit_rule_file(
        rules_copy,
        "scenarios.yaml",
        SETUP,
        f"      standing: {{arctik: {{beijing: 2}}, arctic: {{beijing: {front.max + 1}, pekin: 1}}, un: {{moscow: 6, beijing: 5}}, energy: {{moscow: 5, beijing: 6}}}}\n      power: {{moscow: -2, beijing: 7}}",
    )
    result = load_rules(rules_copy)
    base = f"scenarios[{index}].setup"
    unknown_track = only(result, "unknown track 'partnershp'")
    assert (unknown_track.severity, unknown_track.path, unknown_track.suggestion) == ("error", f"{base}.tracks.partnershp", "did you mean 'partnership'?")
    bounds = only(result, f"{track.max + 3} is outside the track's bounds {track.min}..{track.max}")
    assert (bounds.severity, bounds.path) == ("error", f"{base}.tracks.partnership")
    unknown_front = only(result, "unknown front 'arctik'")
    assert (unknown_front.severity, unknown_front.path, unknown_front.suggestion) == ("error", f"{base}.standing.arctik", "did you mean 'arctic'?")
    standing = only(result, f"standing {front.max + 1} is outside the front's bounds {front.min}..{front.max}")
    assert (standing.severity, standing.path) == ("error", f"{base}.standing.arctic.beijing")
    side = only(result, "unknown side 'pekin'")
    assert (side.severity, side.path) == ("error", f"{base}.standing.arctic.pekin")
    assert not [p for p in result.problems if p.message.startswith("missing a value") and "standing" in p.path], "a scenario may set one side's standing alone"
    power = only(result, "power -2 is below zero")
    assert (power.severity, power.path, power.suggestion) == ("error", f"{base}.power.moscow", "use 0 or more")


def test_an_ending_outcome_must_name_every_side(rules_copy, rules):
    side, other = rules.side_ids
    edit_rule_file(rules_copy, "endings.yaml", f"outcome: {{{side}: lose, {other}: lose}}", f"outcome: {{{side}: lose}}")
    problem = only(load_rules(rules_copy), f"missing a value for {other}")
    assert (problem.severity, problem.path, problem.suggestion) == ("error", "endings[0].outcome", "give a value for every side")


def test_track_zones_upside_down_or_outside_the_track(rules_copy, rules):
    index = next(i for i, t in enumerate(rules.tracks) if t.id == "partnership")
    track = rules.tracks[index]
    edit_rule_file(rules_copy, "tracks.yaml", "- {min: 0, max: 2, label: Rupture looms, danger: true}", "- {min: 2, max: 1, label: Rupture looms, danger: true}")
    edit_rule_file(rules_copy, "tracks.yaml", "- {min: 8, max: 10, label: Near-alliance", f"- {{min: 8, max: {track.max + 2}, label: Near-alliance")
    result = load_rules(rules_copy)
    upside = only(result, "the zone's min (2) is above its max (1)")
    assert (upside.severity, upside.path) == ("error", f"tracks[{index}].zones[0]")
    outside = only(result, f"the zone 8..{track.max + 2} reaches outside the track's bounds {track.min}..{track.max}")
    assert (outside.severity, outside.path) == ("warning", f"tracks[{index}].zones[2]")
