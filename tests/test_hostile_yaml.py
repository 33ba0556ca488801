"""Hostile rule files meet limits with clear, located messages.

Rule files are data only: no tag can build a Python object, anchors and
aliases (the "billion laughs") are refused before anything expands, and file
size, nesting depth, number of values, number sizes, text length and control
characters are bounded.  Each case is checked twice: ``parse_yaml`` raises a
``YamlProblem`` with a line, and ``load_rules`` on a copy of the base rules
turns the same file into a located ``Problem`` instead of an exception.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eurasia_game.loading import yamlsource
from eurasia_game.loading.loader import load_rules
from eurasia_game.loading.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, MAX_INT, MAX_ITEMS, MAX_STRING, YamlProblem, parse_yaml


def laughs(levels: int = 9) -> str:
    lines = ["lol0: &a0 lol"]
    for n in range(1, levels + 1):
        lines.append(f"lol{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def nested_block(depth: int) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth + "leaf\n"


CASES = {
    # name: (text, words the message must contain, line of the problem or None)
    "billion_laughs": (laughs(), ["anchors and aliases"], 1),
    "recursive_alias": ("events: &loop [*loop]\n", ["anchors and aliases"], 1),
    "merge_key": ("base: {a: 1}\nevents:\n  - <<: {a: 2}\n", ["merge keys"], 3),
    "deep_block": (nested_block(MAX_DEPTH + 5), [f"deeper than {MAX_DEPTH}"], None),
    "deep_flow": ("events: " + "[" * 100_000 + "]" * 100_000 + "\n", ["nesting depth"], 1),
    "giant_file": ("texts:\n" + "".join(f"  k{i}: {'x' * 90}\n" for i in range(MAX_FILE_BYTES // 90)), ["larger than"], 1),
    "too_many_values": ("events: [" + ", ".join(["1"] * (MAX_ITEMS + 5)) + "]\n", [f"more than {MAX_ITEMS} values"], 1),
    "huge_int": ("game:\n  format: " + "9" * 10_000 + "\n", ["too large"], 2),
    "big_int": (f"game:\n  format: {MAX_INT * 10}\n", ["too large", f"{MAX_INT}"], 2),
    "huge_float": ("game:\n  format: 1e999\n", ["too large"], 2),
    "long_text": ("texts:\n  a: " + "x" * (MAX_STRING + 1) + "\n", [f"longer than {MAX_STRING}"], 2),
    "long_key": ("texts:\n  '" + "k" * 500 + "': x\n", ["key is longer"], 2),
    "control_in_text": ('texts:\n  a: "bell\\a"\n', ["control character"], 2),
    "escape_sequence": ('texts:\n  a: "\\e[2J cleared"\n', ["control character"], 2),
    "control_in_key": ('texts:\n  "k\\x01": x\n', ["key contains a control character"], 2),
    "raw_nul": ("texts:\n  a: x\x00y\n", ["U+0000"], 2),
    "bidi_override": ('texts:\n  a: "abc\\u202etxt.exe"\n', ["control character"], 2),
    "c1_control": ('texts:\n  a: "x\\x9b"\n', ["control character"], 2),
    "python_object": ("events: !!python/object/apply:os.system ['touch PWNED']\n", ["tag", "not allowed"], 1),
    "python_name": ("events: !!python/name:os.system\n", ["tag", "not allowed"], 1),
    "python_module": ("events: !!python/module:os\n", ["tag", "not allowed"], 1),
    "python_new": ("events: !!python/object/new:subprocess.Popen [['touch', 'PWNED']]\n", ["tag", "not allowed"], 1),
    "local_tag": ("events: !include ../../etc/passwd\n", ["tag", "not allowed"], 1),
    "binary_tag": ("events: !!binary aGVsbG8=\n", ["tag", "not allowed"], 1),
    "duplicate_key": ("texts:\n  a: x\n  a: y\n", ["appears twice", "line 2"], 3),
    "two_documents": ("texts: {}\n---\ntexts: {}\n", ["syntax error"], 2),
    "complex_key": ("? [a, b]\n: c\n", ["key must be a plain word"], 1),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_parse_yaml_refuses_with_a_located_message(name):
    text, words, line = CASES[name]
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text)
    problem = info.value
    for word in words:
        assert word in problem.message, problem.message
    if line is not None:
        assert problem.line == line, (problem.line, problem.message)
    assert problem.line >= 1 and problem.column >= 1
    assert len(problem.message) < 200 and "\n" not in problem.message


@pytest.mark.parametrize("name", sorted(CASES))
def test_load_rules_turns_a_hostile_file_into_a_problem(name, rules_copy):
    text, words, line = CASES[name]
    (rules_copy / "zz_hostile.yaml").write_text(text, encoding="utf-8")
    result = load_rules(rules_copy)
    assert result.rules is None or result.errors
    mine = [p for p in result.errors if p.file.endswith("zz_hostile.yaml")]
    assert mine, [str(p) for p in result.problems]
    assert all(word in mine[0].message for word in words), str(mine[0])
    if line is not None:
        assert mine[0].line == line, str(mine[0])


def test_no_tag_runs_code(rules_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("python_object", "python_new"):
        (rules_copy / f"zz_{name}.yaml").write_text(CASES[name][0], encoding="utf-8")
    load_rules(rules_copy)
    assert not (tmp_path / "PWNED").exists()


def test_a_billion_laughs_file_is_refused_before_anything_expands():
    # 10**30 copies if expanded; composing shares nodes, and the first repeat is refused
    with pytest.raises(YamlProblem, match="anchors and aliases"):
        parse_yaml(laughs(30))


def test_the_pure_python_parser_is_bounded_too(monkeypatch):
    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    with pytest.raises(YamlProblem):
        parse_yaml("events: " + "[" * 20_000 + "]" * 20_000 + "\n")
    with pytest.raises(YamlProblem, match="U\\+0000"):
        parse_yaml("texts:\n  a: x\x00y\n")


def test_rule_text_that_is_not_utf8_is_a_problem(rules_copy):
    (rules_copy / "zz_latin1.yaml").write_bytes("texts:\n  a: caf\u00e9\n".encode("latin-1"))
    result = load_rules(rules_copy)
    mine = [p for p in result.errors if p.file.endswith("zz_latin1.yaml")]
    assert mine and "UTF-8" in mine[0].message


def test_a_surrogate_in_text_is_a_problem():
    with pytest.raises(YamlProblem, match="Unicode"):
        parse_yaml("texts:\n  a: \ud800\n")


def test_limits_leave_ordinary_values_alone():
    data = parse_yaml(f"a: {MAX_INT}\nb: -{MAX_INT}\nc: '{'x' * 100}'\nd: \"tab\\there\"\ne: =\nf: no\n").data
    assert data == {"a": MAX_INT, "b": -MAX_INT, "c": "x" * 100, "d": "tab\there", "e": "=", "f": "no"}


def test_the_base_rules_stay_within_the_limits(base_rules_path):
    for path in sorted(Path(base_rules_path).rglob("*.yaml")):
        parse_yaml(path.read_text(encoding="utf-8"))
