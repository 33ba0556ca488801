"""The checker: cross-references and whole-rule-set checks, every problem located.

Broken rule sets are made by adding a file to a copy of the base rules (any
file may hold any section) or by editing a shipped file's text, and the ids
used come from the loaded base rules.  The shipped rules must check clean.
"""

from __future__ import annotations

import pytest

from eurasia_game.loading.loader import load_rules

from conftest import edit_rule_file


def add_file(folder, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def errors_about(result, words: str):
    return [p for p in result.errors if words in p.message]


def one_error(result, words: str):
    found = errors_about(result, words)
    assert len(found) == 1, f"expected one error about {words!r}:\n" + "\n".join(map(str, result.problems))
    return found[0]


def event_yaml(card_id: str, effects: str, extra: str = "") -> str:
    """A one-card rule file; ``effects`` is a YAML flow list of effects."""
    return (
        "events:\n"
        f"  - id: {card_id}\n"
        "    title: Probe\n"
        "    text: A test card.\n"
        "    section: Introduction\n"
        "    teaching_note: A note.\n"
        f"    effects: {effects}\n"
        f"{extra}"
    )


def test_the_shipped_rules_check_clean_with_no_warnings(base_load):
    assert base_load.rules is not None
    assert not base_load.problems, "the base rules have problems:\n" + "\n".join(map(str, base_load.problems))


def test_an_effect_naming_an_unknown_track(rules_copy, rules):
    track = rules.tracks[0].id
    add_file(rules_copy, "zz_probe.yaml", event_yaml("probe_card", f"[{{type: track, track: {track}x, delta: 1}}]"))
    result = load_rules(rules_copy)
    problem = one_error(result, f"unknown track '{track}x'")
    assert (problem.file, problem.line, problem.path) == ("rules/zz_probe.yaml", 7, "events[0].effects[0].track")
    assert problem.column > 1
    assert f"did you mean '{track}'" in problem.suggestion


def test_an_effect_naming_an_unknown_track_in_a_shipped_file(rules_copy, rules):
    track = rules.tracks[0].id
    text = (rules_copy / "actions.yaml").read_text(encoding="utf-8")
    needle = f"track: {track},"
    assert needle in text, "actions.yaml no longer moves the first track; update the test"
    line = text[: text.index(needle)].count("\n") + 1
    edit_rule_file(rules_copy, "actions.yaml", needle, f"track: {track}_typo,")
    problem = one_error(load_rules(rules_copy), f"unknown track '{track}_typo'")
    assert problem.file == "rules/actions.yaml" and problem.line == line
    assert problem.path.startswith("actions[") and problem.path.endswith(".track")
    assert f"did you mean '{track}'" in problem.suggestion


def test_an_event_triggering_an_unknown_card(rules_copy, rules):
    card = rules.events[0].id
    add_file(rules_copy, "zz_probe.yaml", event_yaml("probe_card", f"[{{type: trigger, card: {card}_x}}]"))
    problem = one_error(load_rules(rules_copy), f"unknown event '{card}_x'")
    assert problem.path == "events[0].effects[0].card" and problem.file == "rules/zz_probe.yaml"
    assert f"did you mean '{card}'" in problem.suggestion


def test_a_condition_naming_an_unknown_card(rules_copy, rules):
    card = rules.events[-1].id
    track = rules.tracks[0].id
    extra = f"    when: {{type: fired, card: {card}zz}}\n"
    add_file(rules_copy, "zz_probe.yaml", event_yaml("probe_card", f"[{{type: track, track: {track}, delta: 1}}]", extra))
    problem = one_error(load_rules(rules_copy), f"unknown event '{card}zz'")
    assert problem.path == "events[0].when.card" and problem.line == 8


def test_a_scenario_naming_an_unknown_ending(rules_copy, rules):
    endings = [e.id for e in rules.endings]
    scenario = (
        "scenarios:\n"
        "  - id: probe_scenario\n"
        "    name: Probe\n"
        "    description: A test scenario.\n"
        "    start_year: 2025\n"
        "    end_year: 2026\n"
        "    minutes: 10\n"
        f"    endings: [{', '.join(endings)}, {endings[0]}_typo]\n"
    )
    add_file(rules_copy, "zz_probe.yaml", scenario)
    problem = one_error(load_rules(rules_copy), f"unknown ending '{endings[0]}_typo'")
    assert problem.file == "rules/zz_probe.yaml" and problem.line == 8
    assert problem.path == f"scenarios[0].endings[{len(endings)}]"
    assert f"did you mean '{endings[0]}'" in problem.suggestion


def test_an_unknown_side_front_and_section(rules_copy, rules):
    side, front = rules.side_ids[0], rules.front_ids[0]
    add_file(
        rules_copy,
        "zz_probe.yaml",
        event_yaml("probe_card", f"[{{type: standing, front: {front}q, side: {side}q, delta: 1}}]").replace(
            "section: Introduction", "section: Introductio"
        ),
    )
    result = load_rules(rules_copy)
    assert f"did you mean '{front}'" in one_error(result, f"unknown front '{front}q'").suggestion
    assert f"did you mean '{side}'" in one_error(result, f"unknown side '{side}q'").suggestion
    assert "did you mean 'Introduction'" in one_error(result, "unknown article section").suggestion


def test_relative_words_where_nobody_acts(rules_copy, rules):
    add_file(rules_copy, "zz_probe.yaml", event_yaml("probe_card", "[{type: power, side: self, delta: 1}]"))
    problem = one_error(load_rules(rules_copy), "'self' has no meaning here")
    assert problem.path == "events[0].effects[0].side" and rules.side_ids[0] in problem.suggestion


def test_a_duplicate_id(rules_copy, rules):
    card = rules.events[0].id
    track = rules.tracks[0].id
    add_file(rules_copy, "zz_probe.yaml", event_yaml(card, f"[{{type: track, track: {track}, delta: 1}}]"))
    problem = one_error(load_rules(rules_copy), "used twice")
    assert problem.file == "rules/zz_probe.yaml" and problem.path == "events[0].id" and problem.suggestion


def test_missing_texts_and_a_missing_fallback_ending(rules_copy, rules):
    edit_rule_file(rules_copy, "game.yaml", "  no_card:", "  no_cards:")
    result = load_rules(rules_copy)
    assert one_error(result, "'no_card' is missing").file == "rules/game.yaml"
    assert any("never used" in p.message and p.severity == "warning" for p in result.problems)


def test_a_flag_tested_but_never_set_is_a_warning(rules_copy, rules):
    track = rules.tracks[0].id
    extra = "    when: {type: flag, flag: never_set_anywhere}\n"
    add_file(rules_copy, "zz_probe.yaml", event_yaml("probe_card", f"[{{type: track, track: {track}, delta: 1}}]", extra))
    result = load_rules(rules_copy)
    assert not result.errors
    warnings = [p for p in result.problems if p.severity == "warning" and "never_set_anywhere" in p.message]
    assert len(warnings) == 1 and warnings[0].path == "events[0].when.flag"


def test_every_problem_in_every_file_is_reported(rules_copy, rules):
    """Several broken references in several files: all of them come back, not the first."""
    track, card, ending = rules.tracks[0].id, rules.events[0].id, rules.endings[0].id
    add_file(rules_copy, "zz_one.yaml", event_yaml("probe_one", f"[{{type: track, track: {track}_a, delta: 1}}, {{type: trigger, card: {card}_b}}]"))
    add_file(rules_copy, "zz_two.yaml", event_yaml("probe_two", f"[{{type: end, ending: {ending}_c}}]"))
    needle = f"track: {track},"
    edit_rule_file(rules_copy, "actions.yaml", needle, f"track: {track}_d,")
    result = load_rules(rules_copy)
    expected = {
        ("rules/zz_one.yaml", f"unknown track '{track}_a'"),
        ("rules/zz_one.yaml", f"unknown event '{card}_b'"),
        ("rules/zz_two.yaml", f"unknown ending '{ending}_c'"),
        ("rules/actions.yaml", f"unknown track '{track}_d'"),
    }
    found = {(p.file, p.message) for p in result.errors}
    assert expected <= found, "\n".join(map(str, result.problems))
    for problem in result.errors:
        assert problem.line > 1 and problem.column >= 1 and problem.path and problem.suggestion, str(problem)


def test_the_checker_never_raises_on_odd_but_valid_files(rules_copy, rules):
    """Structurally valid content that makes no sense gets messages, not exceptions."""
    side = rules.side_ids[0]
    add_file(
        rules_copy,
        "zz_probe.yaml",
        "actions:\n"
        "  - id: probe\n"
        "    name: Probe\n"
        "    description: Aimed at nothing.\n"
        f"    sides: [{side}, nobody]\n"
        "    cost: 1\n"
        "    targets: []\n"
        "    requires: {type: standing, front: target, side: other, min: 1}\n"
        "    effects: [{type: standing, front: target, side: self, delta: 1}]\n"
        "    log: x\n",
    )
    result = load_rules(rules_copy)
    messages = " | ".join(p.message for p in result.problems)
    assert "unknown side 'nobody'" in messages and "empty" in messages
    assert any(p.severity == "warning" and "requires_text" in p.suggestion for p in result.problems)


@pytest.mark.parametrize("kind", ["plan", "checks"])
def test_the_phase_table_needs_its_plan_and_checks(rules_copy, kind):
    text = (rules_copy / "game.yaml").read_text(encoding="utf-8")
    needle = f"kind: {kind}\n"
    assert needle in text
    edit_rule_file(rules_copy, "game.yaml", needle, "kind: events\n")
    result = load_rules(rules_copy)
    assert any(f"'{kind}'" in p.message and p.file == "rules/game.yaml" for p in result.errors), "\n".join(map(str, result.problems))


def echo_cards(first_trigger: str) -> str:
    """Two cards that trigger each other; ``first_trigger`` is the first card's effect list."""
    return (
        "events:\n"
        "  - id: echo_a\n"
        "    title: Echo A\n"
        "    text: A card that fires another.\n"
        "    section: Introduction\n"
        "    teaching_note: A note.\n"
        f"    effects: {first_trigger}\n"
        "  - id: echo_b\n"
        "    title: Echo B\n"
        "    text: A card that fires the first.\n"
        "    section: Introduction\n"
        "    teaching_note: A note.\n"
        "    in_deck: false\n"
        "    effects: [{type: trigger, card: echo_a}]\n"
    )


def test_cards_that_always_trigger_each_other_are_an_error(rules_copy):
    add_file(rules_copy, "zz_probe.yaml", echo_cards("[{type: trigger, card: echo_b}]"))
    problem = one_error(load_rules(rules_copy), "trigger each other")
    assert "Echo A -> Echo B -> Echo A" in problem.message
    assert (problem.file, problem.line, problem.path) == ("rules/zz_probe.yaml", 7, "events[0].effects[0]")
    assert problem.suggestion


def test_a_card_that_triggers_itself_is_an_error(rules_copy, rules):
    add_file(rules_copy, "zz_probe.yaml", event_yaml("probe_card", "[{type: trigger, card: probe_card}]"))
    assert "Probe -> Probe" in one_error(load_rules(rules_copy), "trigger each other").message


def test_a_loop_through_a_condition_is_a_warning(rules_copy, rules):
    track = rules.tracks[0].id
    conditional = f"[{{type: when, if: {{type: track, track: {track}, min: 1}}, then: [{{type: trigger, card: echo_b}}]}}]"
    add_file(rules_copy, "zz_probe.yaml", echo_cards(conditional))
    result = load_rules(rules_copy)
    assert not errors_about(result, "trigger each other")
    warnings = [p for p in result.problems if p.severity == "warning" and "trigger each other in a loop" in p.message]
    assert len(warnings) == 1 and warnings[0].path == "events[0].effects[0].then[0]"


def test_a_side_may_not_take_a_reserved_word_as_its_id(tmp_path):
    """'facilitator' records the instructor's acts; a side called that would be ambiguous."""
    import shutil

    from eurasia_game.loading.loader import load_rules
    from eurasia_game.paths import base_rules_dir

    folder = tmp_path / "rules"
    shutil.copytree(base_rules_dir(), folder)
    sides = folder / "sides.yaml"
    text = sides.read_text()
    first_id = text.split("  - id: ", 1)[1].split("\n", 1)[0]
    sides.write_text(text.replace(f"  - id: {first_id}\n", "  - id: facilitator\n", 1))
    result = load_rules(folder)
    messages = [p for p in result.errors if "reserved word" in p.message]
    assert messages, [str(p) for p in result.problems]
    assert messages[0].file.endswith("sides.yaml") and messages[0].path.endswith(".id")


def test_a_rule_that_moves_numbers_without_a_log_line_is_a_warning_where_it_is_written(rules_copy):
    """Its changes would be shown beside the line before it (a front's upkeep beside its payout)."""
    edit_rule_file(rules_copy, "fronts.yaml", "        log: Beijing's ground in the Arctic slipped for want of upkeep.\n", "")
    result = load_rules(rules_copy)
    silent = [p for p in result.problems if "writes no log line" in p.message]
    assert len(silent) == 1, [p.message for p in result.problems]
    problem = silent[0]
    assert problem.severity == "warning" and "add log:" in problem.suggestion
    assert problem.file.endswith("fronts.yaml") and problem.path.startswith("fronts[2].resolution[3]")
    assert not result.errors


def test_every_base_rule_that_moves_numbers_says_what_it_did(rules):
    """The base game's yearly and front rules each write their own line (no change is credited
    to another rule's words on the reveal screen or in the debrief)."""
    from eurasia_game.loading.rulelogs import moves_numbers, says

    rules_seen = list(rules.yearly) + [r for f in rules.fronts for r in f.resolution]
    silent = [r.text for r in rules_seen if r.log is None and moves_numbers(r.effects) and not says(r.effects)]
    assert not silent
