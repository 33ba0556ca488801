"""Loading rule files: every broken file gets a located message, never a traceback.

Broken rule sets are made by copying the base rules to a temporary folder
and editing text there (or adding a file, since any file may hold any
section).  Each problem must name its file, line, column and field path and,
where one exists, suggest a fix.
"""

from __future__ import annotations

import random

import pytest

from eurasia_game.loading.loader import load_rules
from eurasia_game.loading.problems import Problem

from conftest import edit_rule_file


def add_file(folder, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def only_problem(result, **expected) -> Problem:
    """The single error of ``result``; its fields must equal ``expected``."""
    errors = result.errors
    assert len(errors) == 1, "\n".join(map(str, result.problems))
    problem = errors[0]
    for key, value in expected.items():
        assert getattr(problem, key) == value, f"{key}: {getattr(problem, key)!r} != {value!r} in {problem}"
    return problem


def action_yaml(side: str, **fields) -> str:
    """A one-action rule file for ``side``; ``fields`` replace or add keys (values are YAML text).

    The keys come out one a line from line 2 on, in this order: id, name,
    description, sides, cost, effects (two lines), log, then any added key.
    """
    base = {
        "id": "probe",
        "name": "Probe",
        "description": "A test action.",
        "sides": f"[{side}]",
        "cost": "1",
        "effects": "\n      - {type: power, side: self, delta: 1}",
        "log": '"$side probed."',
    }
    base.update(fields)
    lines = ["actions:"]
    for index, (key, value) in enumerate(base.items()):
        lines.append(f"  {'- ' if index == 0 else '  '}{key}: {value}")
    return "\n".join(lines) + "\n"


def test_the_base_rules_load_clean(base_load):
    assert base_load.rules is not None
    assert base_load.problems == [], "\n".join(map(str, base_load.problems))


def test_a_yaml_syntax_error_is_located(rules_copy, rules):
    add_file(rules_copy, "zz_probe.yaml", "actions:\n  - id: probe\n    name: [Probe\n    cost: 1\n")
    problem = only_problem(load_rules(rules_copy), file="rules/zz_probe.yaml")
    assert "syntax" in problem.message and problem.line >= 3 and problem.column >= 1
    assert problem.suggestion, "a syntax error comes with a hint"


def test_a_syntax_error_in_a_shipped_file_names_that_file(rules_copy):
    edit_rule_file(rules_copy, "game.yaml", "default_scenario:", "default_scenario: : :")
    result = load_rules(rules_copy)
    problem = only_problem(result, file="rules/game.yaml")
    text = (rules_copy / "game.yaml").read_text(encoding="utf-8").splitlines()
    assert "default_scenario" in text[problem.line - 1], f"line {problem.line} is not the broken line"


def test_a_wrong_type_is_located_with_its_field_path(rules_copy, rules):
    add_file(rules_copy, "zz_probe.yaml", action_yaml(rules.side_ids[0]).replace("cost: 1", "cost: lots"))
    problem = only_problem(load_rules(rules_copy), file="rules/zz_probe.yaml", path="actions[0].cost", line=6)
    assert "whole number" in problem.message and "lots" in problem.message


def test_a_quoted_number_suggests_removing_the_quotes(rules_copy, rules):
    add_file(rules_copy, "zz_probe.yaml", action_yaml(rules.side_ids[0]).replace("cost: 1", 'cost: "1"'))
    problem = only_problem(load_rules(rules_copy), path="actions[0].cost")
    assert "quotes" in problem.suggestion


def test_an_unknown_key_suggests_the_right_one(rules_copy, rules):
    add_file(rules_copy, "zz_probe.yaml", action_yaml(rules.side_ids[0], per_yer="2"))
    problem = only_problem(load_rules(rules_copy), file="rules/zz_probe.yaml", path="actions[0]")
    assert "per_yer" in problem.message
    assert "did you mean 'per_year'" in problem.suggestion
    assert problem.line in (2, 10), "the problem points at the entry or at the key"


def test_an_unknown_key_in_a_shipped_file(rules_copy):
    edit_rule_file(rules_copy, "sides.yaml", "orders_per_year:", "orders_per_yer:")
    problem = only_problem(load_rules(rules_copy), file="rules/sides.yaml", path="sides[0]")
    assert "orders_per_yer" in problem.message and "did you mean 'orders_per_year'" in problem.suggestion


def test_an_unknown_effect_type_lists_or_guesses_the_types(rules_copy, rules):
    text = action_yaml(rules.side_ids[0], effects="\n      - {type: powr, side: self, delta: 1}")
    add_file(rules_copy, "zz_probe.yaml", text)
    problem = only_problem(load_rules(rules_copy), file="rules/zz_probe.yaml", path="actions[0].effects[0]", line=8)
    assert "powr" in problem.message and "did you mean 'power'" in problem.suggestion


def test_an_effect_without_a_type_lists_the_types(rules_copy, rules):
    text = action_yaml(rules.side_ids[0], effects="\n      - {side: self, delta: 1}")
    add_file(rules_copy, "zz_probe.yaml", text)
    problem = only_problem(load_rules(rules_copy), path="actions[0].effects[0]")
    assert "type" in problem.message and "track" in problem.suggestion and "power" in problem.suggestion


def test_a_missing_required_key_is_named(rules_copy, rules):
    text = action_yaml(rules.side_ids[0]).replace('    log: "$side probed."\n', "")
    add_file(rules_copy, "zz_probe.yaml", text)
    problem = only_problem(load_rules(rules_copy), path="actions[0]", line=2)
    assert "'log'" in problem.message and "log" in problem.suggestion


def test_a_bad_value_inside_a_condition_is_located(rules_copy, rules):
    track = rules.tracks[0].id
    text = action_yaml(rules.side_ids[0], requires=f"{{type: track, track: {track}, min: 9, max: 2}}", requires_text="Never.")
    add_file(rules_copy, "zz_probe.yaml", text)
    problem = only_problem(load_rules(rules_copy), path="actions[0].requires")
    assert "never be true" in problem.message


@pytest.mark.parametrize(
    "text, words",
    [
        ("a: &x 1\nb: *x\n", "aliases"),
        ("actions: !!python/object:os.system 1\n", "tag"),
        ("events: []\nevents: []\n", "twice"),
        ("- just\n- a list\n", "mapping of sections"),
        ("texts:\n  key: \"bell\x07\"\n", "character"),
    ],
)
def test_unsafe_or_odd_yaml_is_refused_with_a_message(rules_copy, text, words):
    add_file(rules_copy, "zz_probe.yaml", text)
    result = load_rules(rules_copy)
    assert result.errors and any(words in p.message for p in result.errors), "\n".join(map(str, result.problems))
    assert all(p.file == "rules/zz_probe.yaml" for p in result.errors)


def test_a_file_that_is_not_utf8_is_refused(rules_copy):
    (rules_copy / "zz_probe.yaml").write_bytes(b"events:\n  - id: caf\xe9\n")
    problem = only_problem(load_rules(rules_copy), file="rules/zz_probe.yaml", line=2)
    assert "UTF-8" in problem.message


def test_a_missing_rules_folder_is_reported(tmp_path):
    result = load_rules(tmp_path / "nowhere")
    assert result.rules is None
    problem = only_problem(result)
    assert "does not exist" in problem.message and "nowhere" in problem.file and problem.suggestion


def test_an_empty_rules_folder_is_reported(tmp_path):
    result = load_rules(tmp_path)
    assert result.rules is None and "no .yaml" in only_problem(result).message


def test_a_missing_game_file_is_reported(rules_copy):
    (rules_copy / "game.yaml").unlink()
    result = load_rules(rules_copy)
    assert result.rules is None
    assert any("'game'" in p.message and p.suggestion for p in result.errors), "\n".join(map(str, result.problems))


def test_a_missing_sides_file_is_reported(rules_copy):
    (rules_copy / "sides.yaml").unlink()
    result = load_rules(rules_copy)
    assert result.rules is None
    assert any("sides" in p.message for p in result.errors), "\n".join(map(str, result.problems))


def test_every_file_problem_is_reported_not_just_the_first(rules_copy, rules):
    side = rules.side_ids[0]
    add_file(rules_copy, "zz_a.yaml", "actions:\n  - id: [broken\n")
    add_file(rules_copy, "zz_b.yaml", action_yaml(side).replace("cost: 1", "cost: lots").replace("description:", "descripton:"))
    edit_rule_file(rules_copy, "sides.yaml", "orders_per_year:", "orders_per_yer:")
    result = load_rules(rules_copy)
    found = {(p.file, p.path) for p in result.errors}
    assert ("rules/zz_a.yaml", "") in found
    assert ("rules/zz_b.yaml", "actions[0].cost") in found
    assert ("rules/zz_b.yaml", "actions[0]") in found
    assert ("rules/sides.yaml", "sides[0]") in found
    assert len(result.errors) >= 4


def test_problems_print_as_file_line_column_path_message_hint():
    problem = Problem("error", "rules/x.yaml", 3, 7, "actions[0].cost", "expected a whole number", "remove the quotes")
    assert str(problem) == "rules/x.yaml:3:7: error: actions[0].cost: expected a whole number (remove the quotes)"
    assert problem.as_dict()["line"] == 3


def test_mangled_rule_files_never_raise(rules_copy):
    """Random damage to the shipped files always ends in problems, never an exception."""
    chooser = random.Random(2024)
    files = sorted(p for p in rules_copy.rglob("*.yaml"))
    originals = {p: p.read_text(encoding="utf-8") for p in files}
    for attempt in range(40):
        path = chooser.choice(files)
        lines = originals[path].splitlines(keepends=True)
        index = chooser.randrange(len(lines))
        damage = chooser.choice(["drop", "dup", "indent", "chars"])
        if damage == "drop":
            del lines[index]
        elif damage == "dup":
            lines.insert(index, lines[index])
        elif damage == "indent":
            lines[index] = " " + lines[index]
        else:
            line = lines[index]
            cut = chooser.randrange(len(line) + 1)
            lines[index] = line[:cut] + chooser.choice([":", "{", "]", "- ", "'", "#", "x"]) + line[cut:]
        path.write_text("".join(lines), encoding="utf-8")
        try:
            result = load_rules(rules_copy)
        finally:
            path.write_text(originals[path], encoding="utf-8")
        for problem in result.problems:
            assert problem.file and problem.line >= 1 and problem.column >= 1 and problem.message
        assert result.rules is not None or result.errors, f"attempt {attempt}: no rules and no error"
