"""Rule-file format versions: refusing files of another format, and ``eurasia-game upgrade``.

Format 1 is the only format so far, so the upgrade path is exercised with a
format 2 defined for the test (``future_format``): in it, an event's
``teaching_note`` is spelled ``note`` in format 1.  Files of the old format
are refused with a message naming the upgrade command; the command renames
the key in place, keeps comments and layout, and bumps the format numbers,
after which the files load.
"""

from __future__ import annotations

import pytest

from eurasia_game.loading import formats
from eurasia_game.loading.loader import load_rules

from test_mods import call, make_mod

OLD_CARD = """\
# yaml-language-server: $schema=../../schemas/rules.schema.json
# A card written for format 1.
events:
  - id: old_card
    title: An old card
    text: Written long ago.
    section: Introduction
    note: Kept for the record.   # the note players read
    effects:
      - {type: track, track: TRACK, delta: 1}
"""


@pytest.fixture
def future_format(monkeypatch):
    step = formats.UpgradeStep(1, "teaching notes are called teaching_note", (formats.Rename(("events", "*"), "note", "teaching_note"),))
    monkeypatch.setattr(formats, "CURRENT_FORMAT", 2)
    monkeypatch.setattr(formats, "UPGRADES", {1: step})
    return step


def old_mod(root, rules):
    return make_mod(root / "mods", "old_mod", {"cards.yaml": OLD_CARD.replace("TRACK", rules.track_ids[0])})


def test_current_files_need_no_upgrade(rules_copy, tmp_path, rules):
    folder = make_mod(tmp_path / "mods", "fresh", {"cards.yaml": OLD_CARD.replace("TRACK", rules.track_ids[0]).replace("note:", "teaching_note:")})
    for path in (rules_copy, folder, folder / "cards.yaml"):
        before = {p: p.read_bytes() for p in path.parent.rglob("*.yaml")}
        code, out, _ = call("upgrade", path)
        assert code == 0 and "nothing to do" in out
        assert call("upgrade", "--check", path)[0] == 0
        assert before == {p: p.read_bytes() for p in path.parent.rglob("*.yaml")}


def test_a_newer_format_is_refused_with_one_message(tmp_path, rules):
    folder = make_mod(tmp_path / "mods", "future_mod", {"cards.yaml": OLD_CARD.replace("TRACK", rules.track_ids[0])}, format=2)
    result = load_rules(mods=[folder])
    refusals = [p for p in result.errors if "format 2" in p.message]
    assert len(refusals) == 1 and len(result.errors) == 1, "\n".join(map(str, result.problems))
    problem = refusals[0]
    assert (problem.file, problem.path) == ("mods/future_mod/mod.yaml", "format") and problem.line == 4
    assert "newer version of the game" in problem.suggestion


def test_one_file_can_state_its_own_format(tmp_path, rules):
    track = rules.track_ids[0]
    good = OLD_CARD.replace("TRACK", track).replace("note:", "teaching_note:")
    folder = make_mod(tmp_path / "mods", "mixed", {"a.yaml": good, "b.yaml": "format: 7\n" + good.replace("old_card", "other_card"), "c.yaml": "format: 0\nevents: []\n"})
    result = load_rules(mods=[folder])
    by_file = {p.file: p for p in result.errors}
    assert set(by_file) == {"mods/mixed/b.yaml", "mods/mixed/c.yaml"}
    assert by_file["mods/mixed/b.yaml"].line == 1 and "format 7" in by_file["mods/mixed/b.yaml"].message
    assert "no rule-file format 0" in by_file["mods/mixed/c.yaml"].message


def test_an_older_format_is_refused_with_the_upgrade_command(future_format, tmp_path, rules, rules_copy):
    folder = old_mod(tmp_path, rules)
    result = load_rules(rules_copy, mods=[folder])
    messages = {p.file: p for p in result.errors}
    assert set(messages) == {"rules/game.yaml", "mods/old_mod/mod.yaml"}, "\n".join(map(str, result.problems))
    problem = messages["mods/old_mod/mod.yaml"]
    assert "format 1" in problem.message and f"eurasia-game upgrade {folder}" in problem.suggestion
    assert messages["rules/game.yaml"].path == "game.format"


def test_upgrade_renames_keys_keeps_comments_and_then_loads(future_format, tmp_path, rules, rules_copy):
    folder = old_mod(tmp_path, rules)
    original = (folder / "cards.yaml").read_text(encoding="utf-8")

    code, out, _ = call("upgrade", "--check", folder)
    assert code == 1 and "renamed 'note' to 'teaching_note'" in out and "would upgrade" in out
    assert (folder / "cards.yaml").read_text(encoding="utf-8") == original, "--check writes nothing"

    assert call("upgrade", folder)[0] == 0
    upgraded = (folder / "cards.yaml").read_text(encoding="utf-8")
    assert upgraded == original.replace("    note: Kept", "    teaching_note: Kept"), "only the key changes; comments stay"
    assert "format: 2" in (folder / "mod.yaml").read_text(encoding="utf-8")

    code, out, _ = call("upgrade", rules_copy)
    assert code == 0 and "format 1 -> 2" in out
    result = load_rules(rules_copy, mods=[folder])
    assert result.ok and "old_card" in result.rules.event, "\n".join(map(str, result.problems))
    assert call("upgrade", folder)[1].endswith("nothing to do\n")


def test_upgrading_one_file(future_format, tmp_path, rules):
    folder = old_mod(tmp_path, rules)
    code, _, _ = call("upgrade", folder / "cards.yaml")
    assert code == 0 and "teaching_note: Kept" in (folder / "cards.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, text, words",
    [
        ("broken.yaml", "format: 1\nevents: [\n", "not valid YAML"),
        ("loose.yaml", "events: []\n", "does not say which format"),
        ("word.yaml", "format: one\nevents: []\n", "not a whole number"),
    ],
)
def test_files_that_cannot_be_upgraded_say_why(future_format, tmp_path, name, text, words):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, _, err = call("upgrade", path)
    assert code == 1 and words in err and "Traceback" not in err
    code, _, err = call("upgrade", tmp_path / "missing")
    assert code == 1 and "no such file or folder" in err


def test_a_format_with_no_known_step_is_refused(monkeypatch, tmp_path, rules):
    monkeypatch.setattr(formats, "CURRENT_FORMAT", 3)
    monkeypatch.setattr(formats, "UPGRADES", {})
    folder = old_mod(tmp_path, rules)
    code, _, err = call("upgrade", folder)
    assert code == 1 and "cannot upgrade format 1" in err
