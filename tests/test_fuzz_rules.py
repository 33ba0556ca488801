"""Fuzzing mods: mutated and random rule files and manifests give checker messages, never a traceback.

The base rules' own items are dumped to data, mutated structurally (keys
dropped, misspelt or added, values replaced by random ones, type tags
changed, items duplicated, ``remove:`` sections made up) and written as a
mod; manifests are made up from random values; whole sets of mods get random
dependencies.  Every case must load into a ``LoadResult`` whose problems are
well formed, load the same whatever order the mods are given in, and, when
it loads cleanly, start and play.
"""

from __future__ import annotations

import itertools
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eurasia_game.loading.loader import load_rules
from eurasia_game.model.ruleset import LIST_SECTIONS
from eurasia_game.session.autoplay import play_game

SCALE = max(1, int(os.environ.get("EURASIA_FUZZ_SCALE", "1") or 1))


def fuzz(examples: int):
    return settings(max_examples=examples * SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


BASE = load_rules().rules
POOL = {section: [item.model_dump(mode="json", by_alias=True, exclude_none=True) for item in getattr(BASE, section)] for section in LIST_SECTIONS}
POOL = {k: v for k, v in POOL.items() if v}
IDS = sorted({item.get("id") for items in POOL.values() for item in items if item.get("id")})

scalars = st.none() | st.booleans() | st.integers(-(10**10), 10**10) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12) | st.sampled_from(IDS + ["self", "other", "target", "all", "none", "track", "when"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)

_counter = itertools.count()


def write_mod(root, files: dict, manifest: dict | None = None, name: str = "fuzz"):
    folder = root / f"case{next(_counter)}" / name
    folder.mkdir(parents=True)
    data = manifest if manifest is not None else {"id": name, "name": "Fuzz", "version": "1.0", "format": 1, "game": {"id": BASE.game.id}}
    (folder / "mod.yaml").write_text(yaml.safe_dump(data, allow_unicode=True) if isinstance(data, (dict, list)) else str(data), encoding="utf-8")
    for file_name, content in files.items():
        (folder / file_name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def well_formed(result) -> None:
    for problem in result.problems:
        assert problem.severity in ("error", "warning")
        assert isinstance(problem.file, str) and problem.file
        assert isinstance(problem.line, int) and problem.line >= 1
        assert isinstance(problem.column, int) and problem.column >= 1
        assert isinstance(problem.message, str) and problem.message.strip()
        assert problem.suggestion is None or (isinstance(problem.suggestion, str) and problem.suggestion)
        assert "Traceback" not in problem.message
        str(problem)
        problem.as_dict()
    if result.ok:
        rules = result.rules
        for scenario in rules.scenarios[:2]:
            session = play_game(rules, scenario.id, 1, {s: "random" for s in rules.side_ids}, max_steps=40)
            assert session.state.year >= scenario.start_year


def mutate(item, data, depth: int = 0):
    """One structural mutation somewhere inside ``item`` (a dict or list)."""
    if isinstance(item, dict) and item:
        key = data.draw(st.sampled_from(sorted(item)))
        move = data.draw(st.sampled_from(["drop", "replace", "misspell", "add", "tag", "descend"]))
        out = dict(item)
        if move == "drop":
            del out[key]
        elif move == "replace":
            out[key] = data.draw(values)
        elif move == "misspell":
            out[key + data.draw(st.sampled_from(["s", "_", "x"]))] = out.pop(key)
        elif move == "add":
            out[data.draw(st.text(min_size=1, max_size=8))] = data.draw(values)
        elif move == "tag":
            out["type"] = data.draw(st.sampled_from(["track", "power", "all", "not", "chance", "when", "trigger", "year", "bogus"]))
        elif isinstance(out[key], (dict, list)) and depth < 6:
            out[key] = mutate(out[key], data, depth + 1)
        else:
            out[key] = data.draw(values)
        return out
    if isinstance(item, list) and item:
        index = data.draw(st.integers(0, len(item) - 1))
        move = data.draw(st.sampled_from(["drop", "duplicate", "descend", "replace"]))
        out = list(item)
        if move == "drop":
            out.pop(index)
        elif move == "duplicate":
            out.insert(index, out[index])
        elif move == "descend" and isinstance(out[index], (dict, list)) and depth < 6:
            out[index] = mutate(out[index], data, depth + 1)
        else:
            out[index] = data.draw(values)
        return out
    return data.draw(values)


@fuzz(90)
@given(data=st.data())
def test_mutated_content_in_a_mod_gives_messages(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("mutated")
    files = {}
    for number in range(data.draw(st.integers(1, 3))):
        section = data.draw(st.sampled_from(sorted(POOL)))
        items = data.draw(st.lists(st.sampled_from(POOL[section]), min_size=1, max_size=3))
        content = {section: [mutate(item, data) if data.draw(st.booleans()) else item for item in items]}
        if data.draw(st.integers(0, 3)) == 0:
            removable = sorted(POOL) + ["texts", "bogus"]
            content["remove"] = {data.draw(st.sampled_from(removable)): data.draw(st.sampled_from(["all", [data.draw(st.sampled_from(IDS))], data.draw(values)]))}
        if data.draw(st.integers(0, 4)) == 0:
            content = mutate(content, data)
        files[f"f{number}.yaml"] = content
    result = load_rules(mods=[write_mod(root, files)])
    well_formed(result)


manifest_keys = st.sampled_from(["id", "name", "version", "format", "game", "depends", "load_after", "replaces_base", "rules", "authors", "description", "extra"])


@fuzz(50)
@given(data=st.data())
def test_random_manifests_give_messages(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("manifests")
    manifest = {"id": "fuzz", "name": "Fuzz", "version": "1.0", "format": 1, "game": {"id": BASE.game.id, "versions": ">=1.0"}}
    for _ in range(data.draw(st.integers(1, 4))):
        key = data.draw(manifest_keys)
        manifest[key] = data.draw(values | st.sampled_from([">=1.0, <2", "1.*", "==1.0.0", "../x", "/abs", ["..", "a"], [{"id": "other", "versions": "~1"}], True]))
    if data.draw(st.booleans()):
        manifest = mutate(manifest, data)
    files = {"c.yaml": {"events": [POOL["events"][0] | {"id": "fuzz_card"}]}}
    result = load_rules(mods=[write_mod(root, files, manifest)])
    well_formed(result)


@fuzz(30)
@given(data=st.data())
def test_random_sets_of_mods_load_the_same_in_any_order(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("sets") / "mods"
    names = ["alpha", "beta", "gamma", "delta"][: data.draw(st.integers(2, 4))]
    folders = []
    for name in names:
        others = [n for n in names + ["missing"] if n != name]
        manifest = {
            "id": name,
            "name": name.title(),
            "version": data.draw(st.sampled_from(["1.0", "1.5.2", "2.0"])),
            "format": 1,
            "game": {"id": BASE.game.id},
            "depends": [{"id": d, "versions": data.draw(st.sampled_from([None, ">=1.0", "<2", "1.*"]))} for d in data.draw(st.lists(st.sampled_from(others), max_size=2, unique=True))],
            "load_after": data.draw(st.lists(st.sampled_from(others), max_size=2, unique=True)),
        }
        manifest["depends"] = [{k: v for k, v in d.items() if v is not None} for d in manifest["depends"]]
        section = data.draw(st.sampled_from(sorted(POOL)))
        item = data.draw(st.sampled_from(POOL[section]))
        content = {section: [item]}
        if data.draw(st.booleans()):
            content["remove"] = {data.draw(st.sampled_from(sorted(POOL))): [data.draw(st.sampled_from(IDS))]}
        folder = root / name
        folder.mkdir(parents=True)
        (folder / "mod.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
        (folder / "content.yaml").write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
        folders.append(folder)
    first = load_rules(mods=folders)
    well_formed(first)
    again = load_rules(mods=list(reversed(folders)))
    assert sorted(map(str, first.problems)) == sorted(map(str, again.problems))
    assert [layer.name for layer in first.layers] == [layer.name for layer in again.layers]
    if first.rules is not None:
        assert first.rules.fingerprint == again.rules.fingerprint


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just words", "id: [unclosed\n", "\x00\x01", "id: x\n" * 3, "{" * 50 + "}" * 50])
def test_odd_manifest_texts(tmp_path, text):
    folder = tmp_path / "mods" / "odd"
    folder.mkdir(parents=True)
    (folder / "mod.yaml").write_text(text, encoding="utf-8")
    result = load_rules(mods=[folder])
    assert result.errors and all(p.file == "mods/odd/mod.yaml" for p in result.errors)
    well_formed(result)
