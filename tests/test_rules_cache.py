"""The cache of checked rules gives back the very rules it was given, or nothing.

The window opens with the base rules from this cache when none of their
files, the language or the game's code changed (``loading.rules_cache``).
These tests hold it to that: what comes back is equal to the rules checked,
value for value and type for type, plays the golden games the same, and any
change, damage or unknown content means no cache (a full load).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pydantic import BaseModel

from eurasia_game.loading import rules_cache as rc

GOLDEN = Path(__file__).resolve().parent / "golden"


def exact(a, b, where="rules") -> None:
    """``a`` and ``b`` hold the same values of the same types, all the way down (what == alone lets pass: 1 == 1.0, True == 1)."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} against {type(b).__name__}"
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, where
        for name in type(a).model_fields:
            exact(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            exact(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            exact(a[key], b[key], f"{where}[{key!r}]")
    else:
        assert a == b, where


def test_the_rules_come_back_exactly_as_checked(rules, base_rules_path, tmp_path):
    key = rc.rules_key(base_rules_path, "en")
    assert key is not None and len(key) == 64
    path = tmp_path / "cache" / "rules.json"
    assert rc.write_cached(path, key, rules)
    again = rc.read_cached(path, key)
    assert again is not None and again is not rules
    assert again == rules
    exact(again, rules)
    assert again.fingerprint == rules.fingerprint
    assert again.side_ids == rules.side_ids and again.event.keys() == rules.event.keys()
    assert not list(path.parent.glob(".*.tmp")), "the temporary file is renamed, not left behind"


def test_cached_rules_replay_a_golden_game_to_its_transcript(rules, base_rules_path, tmp_path):
    from eurasia_game.cli.transcript import transcript
    from eurasia_game.session.replay import replay
    from eurasia_game.session.saves import read_record

    key = rc.rules_key(base_rules_path, "en")
    path = tmp_path / "rules.json"
    assert rc.write_cached(path, key, rules)
    cached = rc.read_cached(path, key)
    game = json.loads((GOLDEN / "games.json").read_text(encoding="utf-8"))[0]
    record = read_record(GOLDEN / f"{game['name']}.record.json")
    if record.rules_fingerprint != rules.fingerprint:
        pytest.skip("the golden games are stale: test_records_golden.py says so")
    state, events = replay(cached, record)
    text = transcript(cached, state, [e for e in events if e.secret_for is None])
    assert text == (GOLDEN / f"{game['name']}.transcript.txt").read_text(encoding="utf-8")


def test_the_header_is_read_alone_and_only_under_its_key(rules, base_rules_path, tmp_path):
    key = rc.rules_key(base_rules_path, "en")
    path = tmp_path / "rules.json"
    assert rc.write_cached(path, key, rules, {"title": {"name": rules.game.name}})
    assert rc.read_header(path, key) == {"title": {"name": rules.game.name}}
    assert rc.read_header(path, "0" * 64) is None
    assert rc.read_header(tmp_path / "missing.json", key) is None


def test_any_change_to_a_rule_file_or_the_language_changes_the_key(rules_copy):
    before = rc.rules_key(rules_copy, "en")
    assert rc.rules_key(rules_copy, "en") == before  # the same files: the same key
    assert rc.rules_key(rules_copy, "de") != before
    events = rules_copy / "events" / "risks.yaml"
    text = events.read_bytes()
    events.write_bytes(text + b"\n")  # one byte more, even where YAML ignores it
    assert rc.rules_key(rules_copy, "en") != before
    events.write_bytes(text)
    assert rc.rules_key(rules_copy, "en") == before
    (rules_copy / "lang" / "de" / "extra.yaml").write_text("texts: {}\n", encoding="utf-8")  # translations count too
    assert rc.rules_key(rules_copy, "en") != before


def test_a_link_in_the_rules_folder_means_no_cache(rules_copy):
    os.symlink(rules_copy / "game.yaml", rules_copy / "linked.yaml")
    assert rc.rules_key(rules_copy, "en") is None


def test_a_stale_damaged_or_foreign_cache_file_is_ignored(rules, base_rules_path, tmp_path):
    key = rc.rules_key(base_rules_path, "en")
    path = tmp_path / "rules.json"
    assert rc.write_cached(path, key, rules)
    good = path.read_text(encoding="utf-8")
    assert rc.read_cached(path, "0" * 64) is None  # another key: the rules changed since
    for damaged in (
        good[: len(good) // 2],  # cut short
        good.replace('"$m":"eurasia_game.model.content.EventDef"', '"$m":"os.system"', 1),  # a class that is no rule model
        good.replace('"$m":"eurasia_game.model.content.EventDef"', '"$m":"eurasia_game.model.ruleset.RuleSet"', 1),  # fields that do not fit
        good.replace(f'"format":{rc.CACHE_FORMAT}', '"format":0', 1),
        "",
        "\x00\x01 not json",
    ):
        assert damaged != good
        path.write_text(damaged, encoding="utf-8")
        assert rc.read_cached(path, key) is None
    path.write_bytes(b"\xff\xfe" + good.encode())
    assert rc.read_cached(path, key) is None
    assert rc.read_cached(tmp_path / "missing.json", key) is None


def test_values_the_format_cannot_carry_are_not_cached(rules, tmp_path):
    odd = rules.model_copy(update={"texts": {**rules.texts, "$odd": "x"}})
    assert not rc.write_cached(tmp_path / "a.json", "k" * 64, odd)
    odd = rules.model_copy(update={"texts": {1: "x"}})
    assert not rc.write_cached(tmp_path / "b.json", "k" * 64, odd)
    assert not (tmp_path / "a.json").exists() and not (tmp_path / "b.json").exists()
    with pytest.raises(rc.Uncacheable):
        rc.encode_rules(rules.model_copy(update={"texts": {"x": {1, 2}}}), "k")


def test_the_file_names_only_rule_models(rules, base_rules_path):
    text = rc.encode_rules(rules, "k")
    named = set()
    json.loads(text.split("\n")[1], object_hook=lambda obj: named.add(obj["$m"]) if "$m" in obj else obj)
    table = rc._model_classes()
    assert named and named <= set(table)
    assert all(name.startswith("eurasia_game.model.") for name in table)
