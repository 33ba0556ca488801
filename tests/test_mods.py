"""Mods as folders: manifests, load order, the merge rules, safety, saves and --mod.

Each test builds small mods in a temporary folder with ``make_mod`` and loads
them on top of the shipped base rules, so the tests follow the base game as
it changes: ids are taken from the loaded rules rather than written in.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from eurasia_game.cli.main import main
from eurasia_game.loading.loader import load_rules
from eurasia_game.mods import discover_mods, resolve_mod, with_dependencies
from eurasia_game.session.autoplay import play_game
from eurasia_game.session.record import mismatch
from eurasia_game.session.replay import replay

REPO = Path(__file__).resolve().parents[1]


def make_mod(root: Path, mod_id: str, files: dict[str, object] | None = None, **manifest) -> Path:
    """A mod folder ``root/mod_id`` with a manifest and rule files.

    ``files`` maps relative paths to YAML text or to data (dumped as YAML).
    ``manifest`` keys replace the defaults; a value of None drops the key.
    """
    folder = root / mod_id
    folder.mkdir(parents=True, exist_ok=True)
    data = {"id": mod_id, "name": mod_id.replace("_", " ").title(), "version": "1.0.0", "format": 1, "game": {"id": "eurasia_base"}}
    data.update(manifest)
    data = {k: v for k, v in data.items() if v is not None}
    (folder / "mod.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    for name, content in (files or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
    return folder


def card(card_id: str, track: str, **extra) -> dict:
    """A plain event card moving ``track`` by one."""
    data = {
        "id": card_id,
        "title": f"Card {card_id}",
        "text": "Something happens.",
        "section": "Introduction",
        "basis": "extrapolation",
        "teaching_note": "A note.",
        "effects": [{"type": "track", "track": track, "delta": 1}],
    }
    data.update(extra)
    return data


def messages(result, severity: str | None = None) -> list[str]:
    return [str(p) for p in result.problems if severity is None or p.severity == severity]


def only(result, severity: str, *words: str):
    found = [p for p in result.problems if p.severity == severity and all(w in str(p) for w in words)]
    assert len(found) == 1, f"expected one {severity} with {words}:\n" + "\n".join(messages(result))
    return found[0]


@pytest.fixture
def mods(tmp_path) -> Path:
    root = tmp_path / "mods"
    root.mkdir()
    return root


# --- adding, overriding, removing ------------------------------------------------


def test_a_mod_adds_a_card_and_the_save_records_it(mods, rules):
    track = rules.track_ids[0]
    folder = make_mod(mods, "extra", {"cards.yaml": {"events": [card("extra_card", track)]}})
    result = load_rules(mods=[folder])
    assert result.ok and not result.problems, messages(result)
    assert "extra_card" in result.rules.event
    assert len(result.rules.events) == len(rules.events) + 1
    assert [(m.id, m.version) for m in result.rules.mods] == [("extra", "1.0.0")]
    assert result.rules.fingerprint != rules.fingerprint
    assert result.mod_changes["extra"].added == [("events", "extra_card")]


def test_an_override_replaces_the_item_in_place_and_records_who_did_it(mods, rules):
    action = rules.actions[0]
    data = action.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["cost"] = action.cost + 1
    folder = make_mod(mods, "pricier", {"actions.yaml": {"actions": [data]}})
    result = load_rules(mods=[folder])
    assert result.ok and not result.problems, messages(result)
    merged = result.rules
    assert merged.actions[0].id == action.id, "an override keeps the item's position"
    assert merged.action[action.id].cost == action.cost + 1
    assert len(merged.actions) == len(rules.actions)
    assert result.changed_by[("actions", action.id)] == ["pricier"]
    assert result.mod_changes["pricier"].overridden == [("actions", action.id)]


def test_remove_by_id_and_remove_all(mods, rules):
    unused = [e.id for e in rules.events if e.id not in json.dumps(rules.model_dump(mode="json", exclude={"events"}))]
    victim = next(e for e in unused if e not in json.dumps([x.model_dump(mode="json") for x in rules.events if x.id != e]))
    folder = make_mod(mods, "trim", {"trim.yaml": {"remove": {"events": [victim], "yearly": "all"}}})
    result = load_rules(mods=[folder])
    assert result.ok, messages(result)
    assert victim not in result.rules.event
    assert result.rules.yearly == ()
    assert result.removed[("events", victim)] == "trim"


def test_removing_what_others_name_points_at_the_place_and_names_the_mod(mods, rules):
    scenario = next(s for s in rules.scenarios if s.opening_cards)
    opening = scenario.opening_cards[0]
    folder = make_mod(mods, "cutter", {"cut.yaml": {"remove": {"events": [opening]}}})
    result = load_rules(mods=[folder])
    problem = next(p for p in result.errors if f"unknown event '{opening}'" in p.message and p.path.startswith("scenarios["))
    assert problem.file.startswith("rules/") and "the mod 'cutter' removed it" in problem.message
    assert problem.line > 1


def test_removing_something_that_is_not_there_is_a_located_warning(mods, rules):
    card_id = rules.events[0].id
    folder = make_mod(mods, "typo", {"cut.yaml": "remove:\n  events: [" + card_id + "x]\n"})
    result = load_rules(mods=[folder])
    problem = only(result, "warning", "nothing to remove")
    assert (problem.file, problem.line, problem.path) == ("mods/typo/cut.yaml", 2, "remove.events[0]")
    assert f"did you mean '{card_id}'" in problem.suggestion


def test_texts_override_by_key(mods, rules):
    key = sorted(rules.texts)[0]
    folder = make_mod(mods, "words", {"texts.yaml": {"texts": {key: "Reworded."}}})
    result = load_rules(mods=[folder])
    assert result.ok and result.rules.texts[key] == "Reworded."
    assert result.changed_by[("texts", key)] == ["words"]


def test_a_duplicate_id_inside_one_mod_is_an_error_not_an_override(mods, rules):
    track = rules.track_ids[0]
    folder = make_mod(mods, "twice", {"a.yaml": {"events": [card("same_card", track)]}, "b.yaml": {"events": [card("same_card", track)]}})
    result = load_rules(mods=[folder])
    problem = only(result, "error", "used twice")
    assert problem.file == "mods/twice/b.yaml" and problem.path == "events[0].id"


def test_an_extension_mod_may_not_give_the_game_section(mods, rules):
    game = rules.game.model_dump(mode="json", by_alias=True)
    folder = make_mod(mods, "usurper", {"game.yaml": {"game": game}})
    problem = only(load_rules(mods=[folder]), "error", "only the base game or a total conversion")
    assert problem.file == "mods/usurper/game.yaml" and "replaces_base" in problem.suggestion


# --- two mods -------------------------------------------------------------------


def _override(rules, cost_delta: int) -> dict:
    data = rules.actions[0].model_dump(mode="json", by_alias=True, exclude_none=True)
    data["cost"] = rules.actions[0].cost + cost_delta
    return {"actions": [data]}


def test_two_mods_changing_one_item_get_a_warning_naming_both(mods, rules):
    a = make_mod(mods, "alpha", {"x.yaml": _override(rules, 1)})
    b = make_mod(mods, "beta", {"x.yaml": _override(rules, 2)})
    result = load_rules(mods=[b, a])  # the order given does not matter
    assert result.ok, messages(result)
    problem = only(result, "warning", "changed by two mods")
    assert "'alpha'" in problem.message and "'beta'" in problem.message
    assert problem.file == "mods/beta/x.yaml", "the warning points at the later mod's change"
    assert result.rules.actions[0].cost == rules.actions[0].cost + 2, "the later mod (by id) wins"
    assert [m.id for m in result.mods] == ["alpha", "beta"]


def test_a_declared_order_silences_the_conflict_and_decides_the_winner(mods, rules):
    a = make_mod(mods, "alpha", {"x.yaml": _override(rules, 1)}, load_after=["beta"])
    b = make_mod(mods, "beta", {"x.yaml": _override(rules, 2)})
    result = load_rules(mods=[a, b])
    assert result.ok and not result.problems, messages(result)
    assert [m.id for m in result.mods] == ["beta", "alpha"]
    assert result.rules.actions[0].cost == rules.actions[0].cost + 1


def test_load_order_follows_dependencies_then_ids(mods, rules):
    track = rules.track_ids[0]
    z = make_mod(mods, "zeta", {"c.yaml": {"events": [card("zeta_card", track)]}})
    a = make_mod(mods, "alpha", {"c.yaml": {"events": [card("alpha_card", track)]}}, depends=[{"id": "zeta", "versions": ">=1.0"}])
    m = make_mod(mods, "mu", {"c.yaml": {"events": [card("mu_card", track)]}})
    for given in ([a, m, z], [z, m, a], [m, a, z]):
        result = load_rules(mods=given)
        assert result.ok, messages(result)
        assert [x.id for x in result.mods] == ["mu", "zeta", "alpha"]
        assert [e.id for e in result.rules.events[-3:]] == ["mu_card", "zeta_card", "alpha_card"]


def test_missing_and_mismatched_dependencies(mods, rules):
    needy = make_mod(mods, "needy", {}, depends=[{"id": "helper", "versions": ">=2.0"}])
    problem = only(load_rules(mods=[needy]), "error", "needs the mod 'helper'")
    assert problem.file == "mods/needy/mod.yaml" and problem.path == "depends[0].id"
    helper = make_mod(mods, "helper", {}, version="1.5.0")
    problem = only(load_rules(mods=[needy, helper]), "error", "version >=2.0")
    assert "1.5.0" in problem.message and problem.path == "depends[0].versions"


def test_a_cycle_is_reported_not_looped(mods):
    a = make_mod(mods, "alpha", {}, depends=[{"id": "beta"}])
    b = make_mod(mods, "beta", {}, depends=[{"id": "alpha"}])
    result = load_rules(mods=[a, b])
    assert result.rules is None
    cycle = [p for p in result.errors if "cannot be decided" in p.message]
    assert {p.file for p in cycle} == {"mods/alpha/mod.yaml", "mods/beta/mod.yaml"}


def test_the_same_id_in_two_folders(tmp_path):
    first = make_mod(tmp_path / "one", "dup", {})
    second = make_mod(tmp_path / "two", "dup", {})
    problem = only(load_rules(mods=[first, second]), "error", "also used by")
    assert "one/dup" in problem.message or "two/dup" in problem.message


def test_game_and_version_compatibility(mods, rules):
    wrong_game = make_mod(mods, "other_game", {}, game={"id": "some_other_game"})
    problem = only(load_rules(mods=[wrong_game]), "error", "made for the game 'some_other_game'")
    assert problem.path == "game.id" and problem.file == "mods/other_game/mod.yaml"
    too_new = make_mod(mods, "too_new", {}, game={"id": rules.game.id, "versions": ">=99.0"})
    problem = only(load_rules(mods=[too_new]), "error", "supports")
    assert rules.game.version in problem.message and problem.path == "game.versions"
    fine = make_mod(mods, "fine", {}, game={"id": rules.game.id, "versions": f"=={rules.game.version}"})
    assert not load_rules(mods=[fine]).errors


# --- manifests ------------------------------------------------------------------


def test_manifest_mistakes_are_located(mods):
    folder = make_mod(mods, "sloppy", {})
    (folder / "mod.yaml").write_text(
        "id: sloppy\nname: Sloppy\nversion: 1.0\nformat: 1\ngame: {id: eurasia_base, versons: '>=1'}\ndepends: [{id: x, versions: 'about 2'}]\n",
        encoding="utf-8",
    )
    result = load_rules(mods=[folder])
    version = only(result, "error", "got the number 1.0")
    assert version.line == 3 and 'put it in quotes: "1.0"' in version.suggestion
    unknown = only(result, "error", "unknown key 'versons'")
    assert unknown.line == 5 and "did you mean 'versions'" in unknown.suggestion
    spec = only(result, "error", "'about 2'")
    assert spec.line == 6 and spec.path.startswith("depends[0]")


def test_a_folder_without_a_manifest_or_that_does_not_exist(mods, tmp_path):
    bare = mods / "bare"
    bare.mkdir()
    (bare / "mod.yml").write_text("id: bare\n", encoding="utf-8")
    problem = only(load_rules(mods=[bare]), "error", "has no mod.yaml")
    assert "rename mod.yml to mod.yaml" in problem.suggestion
    problem = only(load_rules(mods=[tmp_path / "nowhere"]), "error", "does not exist")
    assert problem.file.endswith("nowhere")


def test_an_empty_mod_is_a_warning(mods):
    folder = make_mod(mods, "empty", {})
    result = load_rules(mods=[folder])
    assert result.ok
    assert only(result, "warning", "no rule files").file == "mods/empty/mod.yaml"


# --- safety ---------------------------------------------------------------------


@pytest.mark.parametrize("entry, words", [("../elsewhere", "'..'"), ("/etc", "absolute"), ("C:/rules", "absolute"), ("a\\b.yaml", "backslashes"), ("missing.yaml", "does not exist")])
def test_manifest_paths_stay_inside_the_mod(mods, entry, words):
    folder = make_mod(mods, "escape", {}, rules=[entry])
    problem = only(load_rules(mods=[folder]), "error", words)
    assert problem.path == "rules[0]" and problem.file == "mods/escape/mod.yaml"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links are not available")
def test_links_leading_out_of_the_mod_are_refused(mods, tmp_path, rules):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(yaml.safe_dump({"events": [card("outside_card", rules.track_ids[0])]}), encoding="utf-8")
    folder = make_mod(mods, "linker", {})
    try:
        os.symlink(outside / "secret.yaml", folder / "linked.yaml")
        os.symlink(outside, folder / "linked_dir")
    except OSError:
        pytest.skip("cannot create symbolic links here")
    result = load_rules(mods=[folder])
    files = {p.file for p in result.errors if "leads outside" in p.message}
    assert files == {"mods/linker/linked.yaml", "mods/linker/linked_dir"}
    assert result.rules is None or "outside_card" not in result.rules.event


def test_hidden_folders_such_as_ci_configuration_are_skipped(mods, rules):
    folder = make_mod(mods, "with_ci", {".github/workflows/check.yaml": "on: [push]\njobs: {}\n", "cards.yaml": {"events": [card("ci_card", rules.track_ids[0])]}})
    result = load_rules(mods=[folder])
    assert result.ok and not result.problems, messages(result)


def test_only_the_listed_rule_files_are_loaded(mods, rules):
    track = rules.track_ids[0]
    folder = make_mod(mods, "picky", {"rules/cards.yaml": {"events": [card("picked", track)]}, "notes/readme.yaml": "not: [rules"}, rules=["rules"])
    result = load_rules(mods=[folder])
    assert result.ok and "picked" in result.rules.event, messages(result)


# --- total conversion -----------------------------------------------------------


def test_a_total_conversion_replaces_the_base_game(mods, base_rules_path, rules):
    import shutil

    folder = mods / "conversion"
    shutil.copytree(base_rules_path, folder)
    game = folder / "game.yaml"
    game.write_text(game.read_text(encoding="utf-8").replace(f"id: {rules.game.id}", "id: other_world", 1), encoding="utf-8")
    (folder / "mod.yaml").write_text("id: conversion\nname: Another world\nversion: '0.1'\nformat: 1\nreplaces_base: true\n", encoding="utf-8")
    # a broken base folder shows the base is not read at all
    result = load_rules(mods=[folder], folder=mods / "no_base_here")
    assert result.ok, messages(result)
    assert result.rules.game.id == "other_world"
    assert [layer.name for layer in result.layers] == ["conversion"]
    # a mod made for the conversion loads on top of it; one made for the base does not
    addon = make_mod(mods, "addon", {"c.yaml": {"events": [card("addon_card", rules.track_ids[0])]}}, game={"id": "other_world"})
    stray = make_mod(mods, "stray", {})
    result = load_rules(mods=[addon, folder])
    assert result.ok and "addon_card" in result.rules.event, messages(result)
    assert [m.id for m in result.mods] == ["conversion", "addon"]
    assert only(load_rules(mods=[folder, stray]), "error", "made for the game 'eurasia_base'")
    other = make_mod(mods, "second", {}, replaces_base=True, game=None)
    assert only(load_rules(mods=[folder, other]), "error", "only one total conversion")


# --- saves ----------------------------------------------------------------------


def test_a_save_without_its_mods_says_which_are_missing(mods, rules):
    folder = make_mod(mods, "extra", {"c.yaml": {"events": [card("extra_card", rules.track_ids[0])]}}, version="2.1.0")
    modded = load_rules(mods=[folder]).rules
    session = play_game(modded, None, 5, {s: "random" for s in modded.side_ids})
    record = session.record()
    assert [(m.id, m.version) for m in record.mods] == [("extra", "2.1.0")]
    assert mismatch(modded, record) is None
    why = mismatch(rules, record)
    assert "extra 2.1.0" in why and "not loaded" in why
    state, _ = replay(modded, record)
    assert state == session.state
    plain = play_game(rules, None, 5, {s: "random" for s in rules.side_ids}).record()
    assert plain.mods is None, "a game without mods keeps the record as before"
    assert "without the mods extra" in mismatch(modded, plain)


# --- the command line and the mods folder ---------------------------------------


def call(*args) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def test_mod_is_accepted_by_every_rules_command(mods, rules, tmp_path):
    folder = make_mod(mods, "extra", {"c.yaml": {"events": [card("extra_card", rules.track_ids[0])]}})
    players = [f"--{s}" for s in rules.side_ids]
    args = [x for side in players for x in (side, "random")]
    save = tmp_path / "game.json"
    code, out, err = call("simulate", "--seed", "4", *args, "--mod", folder, "--save", save)
    assert code == 0, err
    code, replayed, err = call("replay", save, "--mod", folder)
    assert code == 0 and replayed == out
    code, _, err = call("replay", save)
    assert code != 0 and "extra" in err and "not loaded" in err
    from eurasia_game.cli.main import build_parser

    _, modules = build_parser()
    for name, module in modules.items():
        parser = __import__("argparse").ArgumentParser()
        module.add_arguments(parser)
        if any(a.dest == "rules" for a in parser._actions):
            assert any(a.dest == "mods" for a in parser._actions), f"'{name}' takes --rules but not --mod"


def test_check_exit_codes_and_json(mods, rules):
    clean = make_mod(mods, "clean", {"c.yaml": {"events": [card("clean_card", rules.track_ids[0])]}})
    warned = make_mod(mods, "warned", {"c.yaml": "remove:\n  events: [no_such_card]\n"})
    broken = make_mod(mods, "broken", {"c.yaml": {"events": [card("broken_card", rules.track_ids[0] + "_x")]}})
    assert call("check", "--mod", clean)[0] == 0
    assert call("check", "--mod", warned)[0] == 0
    assert call("check", "--strict", "--mod", warned)[0] == 1
    code, out, _ = call("check", "--mod", broken, "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False and data["errors"] == 1
    problem = data["problems"][0]
    assert problem["mod"] == "broken" and problem["file"] == f"{broken}/c.yaml" and problem["line"] > 1  # as given
    assert problem["suggestion"] and problem["path"] == "events[0].effects[0].track"
    assert [entry["id"] for entry in data["load_order"]] == ["base", "broken"]
    code, out, _ = call("check", "--mod", broken)
    assert code == 1 and f"{broken}/c.yaml:" in out and "mods, in load order: Broken 1.0.0" in out


def test_check_names_files_relative_to_the_folder_it_was_given(mods, rules, monkeypatch):
    broken = make_mod(mods, "broken", {"c.yaml": {"events": [card("broken_card", rules.track_ids[0] + "_x")]}})
    monkeypatch.chdir(broken)
    code, out, _ = call("check", "--mod", ".")
    assert code == 1 and out.startswith("c.yaml:"), out  # an editor or a CI annotation opens it from here
    data = json.loads(call("check", "--mod", ".", "--format", "json")[1])
    assert data["problems"][0]["file"] == "c.yaml" and data["problems"][0]["mod"] == "broken"
    monkeypatch.chdir(mods.parent)
    assert call("check", "--mod", f"{mods.name}/broken")[1].startswith(f"{mods.name}/broken/c.yaml:")
    out = call("check", "--mod", f"{mods.name}/broken", "--absolute-paths")[1]
    assert out.startswith(f"{broken.resolve()}/c.yaml:"), out


def test_installed_mods_are_found_with_their_status(mods, rules, monkeypatch, tmp_path):
    monkeypatch.setenv("EURASIA_GAME_HOME", str(tmp_path))
    from eurasia_game.mods import user_mods_dir

    assert user_mods_dir() == tmp_path / "mods"
    track = rules.track_ids[0]
    make_mod(mods, "good", {"c.yaml": {"events": [card("good_card", track)]}}, name="Good mod")
    make_mod(mods, "needs_good", {"c.yaml": {"events": [card("other_card", track, when={"type": "fired", "card": "good_card"})]}}, depends=[{"id": "good"}])
    make_mod(mods, "bad", {"c.yaml": {"events": [card("bad_card", track + "_x")]}})
    (mods / "stray").mkdir()
    (mods / ".hidden").mkdir()
    found = discover_mods()
    assert [m.id for m in found] == ["bad", "good", "needs_good", "stray"]
    status = {m.id: m.status for m in found}
    assert status == {"bad": "errors", "good": "ok", "needs_good": "ok", "stray": "errors"}
    good = found[1]
    assert good.name == "Good mod" and good.version == "1.0.0" and "checks clean" in good.summary()
    assert "1 error" in found[0].summary()
    assert [m.id for m in with_dependencies(["needs_good"], found)] == ["good", "needs_good"]
    assert resolve_mod("good") == mods / "good"
    assert resolve_mod("needs_good").name == "needs_good"
    assert resolve_mod("unknown_mod") == Path("unknown_mod")
    assert discover_mods(check=False)[1].status == "unchecked"
    code, out, _ = call("check", "--mod", "good")
    assert code == 0 and "Good mod 1.0.0" in out
    code, out, _ = call("mods")
    assert code == 0 and "Good mod 1.0.0 (good): checks clean" in out and "(bad): 1 error(s)" in out
    code, out, _ = call("mods", "--problems")
    assert "mods/bad/c.yaml:" in out and "unknown track" in out
    code, out, _ = call("mods", "--folder", tmp_path / "nothing_here")
    assert code == 0 and "no mods installed" in out


def test_two_mods_clearing_one_section_are_a_conflict_too(mods):
    a = make_mod(mods, "alpha", {"x.yaml": "remove:\n  yearly: all\n"})
    b = make_mod(mods, "beta", {"x.yaml": "remove:\n  yearly: all\n"})
    problem = only(load_rules(mods=[a, b]), "warning", "the whole 'yearly' section is changed by two mods")
    assert problem.file == "mods/beta/x.yaml" and problem.path == "remove.yearly"
