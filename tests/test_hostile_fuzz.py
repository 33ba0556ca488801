"""Fuzzing: mutated saves and rule files always get a message, never a traceback.

Hypothesis mutates a real save (truncation, flipped bytes, fields replaced by
random JSON, numbers with thousands of digits, deep nesting) and real rule
files (random insertions of YAML syntax and control characters, deleted and
repeated slices).  A save is either read back intact or refused with a
``RecordError``; rule text either parses into plain data or gives a located
``YamlProblem``; a mutated rules folder loads into a ``LoadResult`` whose
problems say what is wrong, and, when it still loads cleanly, plays.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eurasia_game.engine import apply_action, legal_actions, start_game
from eurasia_game.loading.loader import load_rules
from eurasia_game.loading.yamlsource import YamlProblem, parse_yaml
from eurasia_game.session.autoplay import play_game
from eurasia_game.session.record import GameRecord, RecordError, digest, record_from_json
from eurasia_game.session.saves import read_record

# EURASIA_FUZZ_SCALE=20 runs twenty times as many examples, for a deeper search by hand.
SCALE = max(1, int(os.environ.get("EURASIA_FUZZ_SCALE", "1") or 1))
FUZZ = settings(max_examples=200 * SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SLOW_FUZZ = settings(max_examples=60 * SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def good_record(rules) -> GameRecord:
    return play_game(rules, None, 3, {side: "random" for side in rules.side_ids}).record()


@pytest.fixture(scope="module")
def good_text(good_record) -> str:
    return good_record.to_json()


def answered(path: Path, original: GameRecord) -> None:
    """Reading ``path`` gives back the original record or a clear RecordError."""
    try:
        record = read_record(path)
    except RecordError as exc:
        message = str(exc)
        assert message and len(message) < 400 and "Traceback" not in message, message
        return
    assert record.body_digest() == original.body_digest()


def answered_resealed(data: dict, tmp_path: Path) -> None:
    """A tampered record with a correct checksum: it must validate or be refused, nothing else."""
    body = {k: v for k, v in data.items() if k != "checksum"}
    try:
        text = json.dumps(body | {"checksum": digest(body)})
    except (ValueError, RecursionError):
        return  # not even writable as JSON
    try:
        record = record_from_json(text)
    except RecordError as exc:
        assert str(exc)
        return
    assert isinstance(record, GameRecord)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=10**6))
def test_truncated_saves(good_text, good_record, tmp_path, cut):
    path = tmp_path / "save.json"
    raw = good_text.encode()
    path.write_bytes(raw[: cut % len(raw)])
    answered(path, good_record)


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1, max_size=8))
def test_saves_with_flipped_bytes(good_text, good_record, tmp_path, flips):
    raw = bytearray(good_text.encode())
    for position, value in flips:
        raw[position % len(raw)] = value
    path = tmp_path / "save.json"
    path.write_bytes(bytes(raw))
    answered(path, good_record)


@FUZZ
@given(value=json_values)
def test_random_json_is_not_a_save(good_record, tmp_path, value):
    path = tmp_path / "save.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    with pytest.raises(RecordError):
        read_record(path)


@FUZZ
@given(data=st.data())
def test_saves_with_fields_replaced_even_when_resealed(good_text, good_record, tmp_path, data):
    record = json.loads(good_text)
    field = data.draw(st.sampled_from(sorted(record) + ["actions.item", "players.item", "extra"]))
    value = data.draw(json_values)
    if field == "actions.item":
        index = data.draw(st.integers(min_value=0, max_value=len(record["actions"]) - 1))
        key = data.draw(st.sampled_from(["kind", "side", "action", "target", "option", "extra"]))
        record["actions"][index][key] = value
    elif field == "players.item":
        record["players"][data.draw(st.text(max_size=70))] = value
    else:
        record[field] = value
    path = tmp_path / "save.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    answered(path, good_record)
    answered_resealed(record, tmp_path)


@FUZZ
@given(
    field=st.sampled_from(["seed", "format", "actions", "players", "scenario"]),
    digits=st.integers(min_value=1, max_value=20_000),
    depth=st.integers(min_value=1, max_value=50_000),
    nesting=st.sampled_from("[{"),
)
def test_saves_with_huge_numbers_or_deep_nesting(good_text, good_record, tmp_path, field, digits, depth, nesting):
    record = json.loads(good_text)
    record[field] = 0
    text = json.dumps(record)
    key = f'"{field}": 0'
    assert key in text
    huge = "9" * digits
    nested = ("[" * depth + "]" * depth) if nesting == "[" else ('{"a":' * depth + "1" + "}" * depth)
    for replacement in (huge, "-" + huge, huge + ".5e" + huge[:5], nested):
        path = tmp_path / "save.json"
        path.write_text(text.replace(key, f'"{field}": {replacement}'), encoding="utf-8")
        answered(path, good_record)


# --- rule files ---------------------------------------------------------------------

HOSTILE_BITS = [
    ":", "- ", "  ", "\n", "\t", "[", "]", "{", "}", ",", "&a ", "*a", "&a [*a, *a]", "!!python/object/apply:os.system ['true']",
    "!tag ", "<<: ", "? ", "|", ">", "'", '"', "#", "%YAML 1.1\n", "---\n", "...\n", "\x00", "\x07", "\x1b", "\u202e", "\ufeff",
    "9" * 40, "1e999", "-0", ".inf", "~", "null", "yes", "no", "0x1F", "1:20", "@", "`", "\\", "\\x00", "\r\n", "\u2028",
]

mutation = st.one_of(
    st.tuples(st.just("insert"), st.integers(min_value=0), st.sampled_from(HOSTILE_BITS) | st.text(max_size=8)),
    st.tuples(st.just("delete"), st.integers(min_value=0), st.integers(min_value=1, max_value=200)),
    st.tuples(st.just("repeat"), st.integers(min_value=0), st.integers(min_value=1, max_value=300)),
)


def mutate(text: str, mutations) -> str:
    for kind, position, arg in mutations:
        at = position % (len(text) + 1)
        if kind == "insert":
            text = text[:at] + arg + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + arg :]
        else:
            text = text[:at] + text[at : at + arg] * 3 + text[at:]
    return text


def plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


@pytest.fixture(scope="module")
def rule_texts(base_rules_path) -> dict[str, str]:
    return {p.relative_to(base_rules_path).as_posix(): p.read_text(encoding="utf-8") for p in sorted(Path(base_rules_path).rglob("*.yaml"))}


@FUZZ
@given(data=st.data(), mutations=st.lists(mutation, min_size=1, max_size=6))
def test_mutated_rule_text_parses_or_gets_a_located_problem(rule_texts, data, mutations):
    name = data.draw(st.sampled_from(sorted(rule_texts)))
    text = mutate(rule_texts[name], mutations)
    try:
        located = parse_yaml(text)
    except YamlProblem as problem:
        assert problem.message and problem.line >= 1 and problem.column >= 1
        return
    assert plain(located.data), "only plain data may come out of a rule file"


@SLOW_FUZZ
@given(data=st.data(), mutations=st.lists(mutation, min_size=1, max_size=4))
def test_a_mutated_rules_folder_loads_with_problems_or_plays(base_rules_path, rule_texts, tmp_path, data, mutations):
    folder = tmp_path / "rules"
    if not folder.exists():
        shutil.copytree(base_rules_path, folder)
    name = data.draw(st.sampled_from(sorted(rule_texts)))
    target = folder / name
    target.write_text(mutate(rule_texts[name], mutations), encoding="utf-8")
    try:
        result = load_rules(folder)
        for problem in result.problems:
            assert problem.message and problem.line >= 1, problem
        if result.errors or result.rules is None:
            assert result.errors, "rules that did not load must say why"
            return
        rules = result.rules
        for scenario in rules.scenario:
            state = start_game(rules, scenario, 1).state
            for _ in range(400):
                legal = legal_actions(rules, state)
                if state.over or not legal:
                    break
                state = apply_action(rules, state, legal[len(legal) // 2]).state
    finally:
        target.write_text(rule_texts[name], encoding="utf-8")


@FUZZ
@given(text=st.text(max_size=520) | st.sampled_from(["two\nlines", "bell\x07", "x" * 499 + "  ", "\u202eevil", " ok "]))
def test_every_note_the_engine_accepts_fits_in_a_save(rules, text):
    """A facilitator's note is typed by a person: if the engine takes it, the record must hold it."""
    from eurasia_game.engine import Action
    from eurasia_game.engine.state import FACILITATOR
    from eurasia_game.session.session import GameSession

    session = GameSession.new(rules, None, 1, {})
    action = Action("note", FACILITATOR, text=text)
    reason = session.why_illegal(action)
    if reason is not None:
        assert reason.strip()
        return
    session.act(action)
    record = record_from_json(session.record().to_json())
    assert record.actions[-1].text == text
