"""Patches, and a checker that reports everything at once.

A mod changes single fields of items (``patch: ... set:``) and adds to
lists such as a scenario's endings without copying the items; ``check``
reports every problem in one run whatever the stage (a broken manifest, a
type error, cross-references), names duplicate ids by the other file and
line, and warns about empty files, placeholders nothing fills and side
values every scenario overrides.
"""

from __future__ import annotations

import pytest

from eurasia_game.loading.loader import load_rules
from eurasia_game.loading.placeholders import placeholders
from tests.test_mods import card, make_mod


@pytest.fixture
def mods(tmp_path):
    return tmp_path / "mods"


def load(*folders):
    return load_rules(mods=list(folders))


def problems(result, severity=None) -> str:
    return "\n".join(str(p) for p in result.problems if severity is None or p.severity == severity)


# --- patches -----------------------------------------------------------------------

def test_a_patch_sets_one_field_and_keeps_the_rest(mods, rules):
    folder = make_mod(mods, "richer", {"sides.yaml": "patch:\n  sides:\n    - id: beijing\n      set: {income: 9}\n"})
    result = load(folder)
    assert result.ok and result.problems == [], problems(result)
    patched, base = result.rules.side["beijing"], rules.side["beijing"]
    assert patched.income == 9
    assert patched.model_copy(update={"income": base.income}) == base
    assert ("sides", "beijing") in result.mod_changes["richer"].overridden


def test_a_dotted_key_reaches_inside_every_scenarios_setup(mods, rules):
    text = "patch:\n  scenarios:\n    - id: all\n      set: {setup.income.beijing: 8}\n"
    result = load(make_mod(mods, "everywhere", {"s.yaml": text}))
    assert result.ok, problems(result)
    for scenario in result.rules.scenarios:
        before = rules.scenario[scenario.id].setup
        assert scenario.setup.income["beijing"] == 8
        assert {k: v for k, v in scenario.setup.income.items() if k != "beijing"} == {k: v for k, v in before.income.items() if k != "beijing"}
        assert scenario.setup.tracks == before.tracks


def test_an_ending_is_added_to_every_scenario_before_its_fallback(mods, rules):
    ending = {
        "id": "frozen_partnership", "name": "A frozen partnership", "future": "Neither closer nor apart", "section": "Not an alliance",
        "text": "The partners stopped moving.", "check": "final", "when": {"type": "track", "track": "partnership", "min": 5, "max": 5},
        "outcome": {"moscow": "draw", "beijing": "draw"},
    }
    files = {"ending.yaml": {"endings": [ending], "patch": {"scenarios": [{"id": "all", "add": {"endings": ["frozen_partnership", "rupture"]}}]}}}
    result = load(make_mod(mods, "frozen", files))
    assert result.ok, problems(result)
    for scenario in result.rules.scenarios:
        old = list(rules.scenario[scenario.id].endings)
        new = list(scenario.endings)
        assert new.count("rupture") == 1 and new.count("frozen_partnership") == 1  # entries already there are skipped
        fallback = next(e for e in old if rules.ending[e].check == "final" and rules.ending[e].condition is None)
        assert new.index("frozen_partnership") == new.index(fallback) - 1
        assert [e for e in new if e != "frozen_partnership"] == old


def test_before_puts_added_entries_where_asked(mods, rules):
    scenario = rules.scenarios[0]
    first = scenario.endings[0]
    text = f"patch:\n  scenarios:\n    - id: {scenario.id}\n      add: {{endings: [client_state]}}\n      before: {first}\n"
    if "client_state" in scenario.endings:
        text = text.replace("client_state", "subordination" if "subordination" not in scenario.endings else rules.endings[-1].id)
    result = load(make_mod(mods, "early", {"p.yaml": text}))
    assert result.ok, problems(result)


@pytest.mark.parametrize("text, words, line", [
    ("patch:\n  sides:\n    - id: bejing\n      set: {income: 8}\n", ["no side 'bejing'", "did you mean 'beijing'"], 3),
    ("patch:\n  sides:\n    - id: beijing\n      set: {id: peking}\n", ["cannot change an id"], 4),
    ("patch:\n  sides:\n    - id: beijing\n      set: {incme: 8}\n", ["unknown key 'incme'", "did you mean 'income'"], 4),
    ("patch:\n  sides:\n    - id: beijing\n      set:\n        income: lots\n", ["after the patch", "whole number"], 5),
    ("patch:\n  sides:\n    - id: beijing\n      add: {income: [1]}\n", ["not a list"], 4),
    ("patch:\n  scenarios:\n    - id: all\n      add: {endings: [no_such_ending]}\n", ["unknown ending 'no_such_ending'"], 4),
])
def test_a_broken_patch_is_located_on_its_own_line(mods, text, words, line):
    result = load(make_mod(mods, "patchy", {"p.yaml": text}))
    errors = [p for p in result.errors if p.file.endswith("patchy/p.yaml")]
    assert errors, problems(result)
    found = "\n".join(map(str, errors))
    for word in words:
        assert word in found, found
    assert errors[0].line == line, found


def test_a_patch_that_changes_nothing_is_a_warning(mods):
    result = load(make_mod(mods, "idle", {"p.yaml": "patch:\n  sides:\n    - id: beijing\n"}))
    assert "changes nothing" in problems(result, "warning")


# --- every problem in one run ---------------------------------------------------------

def test_a_broken_manifest_does_not_hide_the_rule_files_errors(mods, rules):
    folder = make_mod(mods, "both", {"c.yaml": "events:\n  - id: half\n    title: 5\n"}, version="one")
    result = load(folder)
    files = {p.file.rsplit("/", 1)[-1] for p in result.errors}
    assert files == {"mod.yaml", "c.yaml"}, problems(result)


def test_a_type_error_does_not_hide_cross_references(mods, rules):
    good = card("good_card", rules.track_ids[0] + "_typo")
    bad = card("bad_card", rules.track_ids[0], title=7)
    refers = card("refers", rules.track_ids[0], effects=[{"type": "remove_card", "card": "bad_card"}])
    result = load(make_mod(mods, "stages", {"a.yaml": {"events": [bad, good]}, "b.yaml": {"events": [refers]}}))
    text = problems(result, "error")
    assert "expected text" in text  # the type error
    assert f"unknown track '{rules.track_ids[0]}_typo'" in text  # the cross-reference, in the same run
    assert "unknown event 'bad_card'" not in text  # a broken card is not also missing
    assert result.rules is None and not result.ok


def test_a_syntax_error_does_not_make_the_rest_of_the_folder_missing(mods, rules):
    refers = card("refers", rules.track_ids[0], effects=[{"type": "remove_card", "card": "lost_card"}])
    result = load(make_mod(mods, "syntax", {"a.yaml": "events:\n  - id: lost_card\n    title: [x\n", "b.yaml": {"events": [refers, card("typo", "nowhere")]}}))
    text = problems(result, "error")
    assert "YAML syntax error" in text and "unknown track 'nowhere'" in text
    assert "'lost_card'" not in text


def test_a_duplicate_id_names_the_other_file_and_line(mods, rules):
    result = load(make_mod(mods, "twice", {"a.yaml": {"events": [card("twin", rules.track_ids[0])]}, "b.yaml": {"events": [card("twin", rules.track_ids[0])]}}))
    (problem,) = [p for p in result.errors if "used twice" in p.message]
    assert problem.file.endswith("twice/b.yaml") and "twice/a.yaml:2)" in problem.message
    assert "events[" not in problem.message


@pytest.mark.parametrize("text, words", [("", "is empty"), ("# only a comment\n", "is empty"), ("events:\nactions: []\n", "only empty sections")])
def test_an_empty_rule_file_is_a_warning(mods, rules, text, words):
    result = load(make_mod(mods, "hollow", {"cards.yaml": text, "real.yaml": {"events": [card("real", rules.track_ids[0])]}}))
    (warning,) = [p for p in result.warnings if p.file.endswith("cards.yaml")]
    assert words in warning.message and result.ok


# --- placeholders ---------------------------------------------------------------------

def test_placeholders_are_found_and_dollars_are_not():
    assert placeholders("$side met ${other} on $front for $$5 and $9") == ["side", "other", "front"]


@pytest.mark.parametrize("text, severity, words", [
    ("texts:\n  chose: \"$sied chose $option\"\n", "error", ["unknown placeholder $sied", "did you mean '$side'"]),
    ("patch:\n  actions:\n    - id: {action}\n      set: {{log: \"$sied moved to $frnt\"}}\n", "error", ["$sied", "did you mean '$side'", "$frnt", "did you mean '$front'"]),
    ("patch:\n  red_lines:\n    - id: {red_line}\n      set: {{log: \"$side crossed it\"}}\n", "warning", ["$side is not filled in here", "no side acts"]),
    ("patch:\n  endings:\n    - id: {ending}\n      set: {{text: \"It ended for $side\"}}\n", "warning", ["$side is never filled in this text"]),
])
def test_placeholders_nothing_fills_are_reported(mods, rules, text, severity, words):
    text = text.format(action=rules.actions[0].id, red_line=rules.red_lines[0].id if rules.red_lines else "none", ending=rules.endings[0].id)
    result = load(make_mod(mods, "words", {"w.yaml": text}))
    found = "\n".join(str(p) for p in result.problems if p.severity == severity and p.file.endswith("words/w.yaml"))
    for word in words:
        assert word in found, problems(result)


def test_the_base_rules_and_the_examples_fill_every_placeholder(rules):
    from pathlib import Path

    examples = sorted(p for p in (Path(__file__).resolve().parents[1] / "mods").iterdir() if (p / "mod.yaml").is_file())
    result = load(*examples)
    assert not [p for p in result.problems if "$" in p.message], problems(result)


# --- values a scenario always overrides ------------------------------------------------

def test_a_side_value_every_scenario_overrides_is_a_warning(mods, rules):
    side = next(s for s in rules.side_ids if all(s in sc.setup.power for sc in rules.scenarios) or True)
    text = f"patch:\n  scenarios:\n    - id: all\n      set: {{setup.power.{side}: 6}}\n  sides:\n    - id: {side}\n      set: {{power: 9}}\n"
    result = load(make_mod(mods, "moot", {"p.yaml": text}))
    (warning,) = [p for p in result.warnings if "never used" in p.message]
    assert warning.path.endswith(".power") and "every scenario sets" in warning.message
    assert warning.file.endswith("moot/p.yaml") and warning.line == 7  # the patch that set it
    # the same value, when one scenario does not set it, is used there: no warning
    partial = load(make_mod(mods, "used", {"p.yaml": f"patch:\n  sides:\n    - id: {side}\n      set: {{power: 9}}\n"}))
    assert not [p for p in partial.warnings if "never used" in p.message] or all(side in sc.setup.power for sc in rules.scenarios)


def test_the_guides_worked_example_adds_an_ending_to_every_scenario(mods, rules):
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "modding.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# mods/frozen/endings.yaml\n.*?)```", doc, re.S).group(1)
    result = load(make_mod(mods, "frozen", {"endings.yaml": block}))
    assert result.ok and result.problems == [], problems(result)
    for scenario in result.rules.scenarios:
        endings = list(scenario.endings)
        assert endings[endings.index("frozen_partnership") + 1] == "managed_asymmetry"
    assert "... indispensable_partner,\nfrozen_partnership, managed_asymmetry" in doc


def test_the_guides_patch_of_an_action_gives_what_the_override_gives(mods, rules):
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "modding.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(patch:\n  actions:\n    - id: export_technology\n.*?)```", doc, re.S).group(1)
    result = load(make_mod(mods, "patched", {"a.yaml": block}))
    assert result.ok, problems(result)
    action = result.rules.action["export_technology"]
    assert action.effects[0].delta == 3 and action.name == rules.action["export_technology"].name


def test_the_guides_limits_are_the_loaders():
    from pathlib import Path

    from eurasia_game.loading import yamlsource
    from eurasia_game.loading.files import MAX_FILES
    from eurasia_game.loading.loader import MAX_MODS
    from eurasia_game.session.record import MAX_RECORD_BYTES

    doc = (Path(__file__).resolve().parents[1] / "docs" / "modding.md").read_text(encoding="utf-8")
    table = doc[doc.index("### Limits"):doc.index("### Total conversions")]
    for value in (f"{yamlsource.MAX_FILE_BYTES // 1_000_000} MB", str(MAX_FILES), str(MAX_MODS), f"{yamlsource.MAX_DEPTH} levels",
                  f"{yamlsource.MAX_ITEMS:,}", f"{yamlsource.MAX_STRING:,} characters", f"a key: {yamlsource.MAX_KEY}",
                  f"{yamlsource.MAX_INT:,}", f"{MAX_RECORD_BYTES // 1_000_000} MB"):
        assert value in table, value
