"""Saves are written atomically and refused, with a sentence, when they are damaged.

A good save is never replaced by a bad one: a failed write (full disk,
unwritable folder) leaves the old file as it was and no temporary file
behind; a save that is truncated, edited, of an unknown format or for other
rules is refused with a message naming the problem.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path

import pytest

from eurasia_game.session import record as record_module
from eurasia_game.session import saves as saves_module
from eurasia_game.session.autoplay import play_game
from eurasia_game.session.record import MAX_RECORD_BYTES, RECORD_FORMAT, GameRecord, RecordError, digest, mismatch, record_from_json
from eurasia_game.session.saves import SaveError, atomic_write_text, read_record, write_record
from eurasia_game.session.session import GameSession


@pytest.fixture(scope="module")
def played(rules):
    return play_game(rules, None, 11, {side: "random" for side in rules.side_ids})


@pytest.fixture
def record(played) -> GameRecord:
    return played.record()


def reseal(data: dict) -> str:
    """JSON of ``data`` with a fresh, matching checksum: what a careful tamperer writes."""
    body = {k: v for k, v in data.items() if k != "checksum"}
    return json.dumps(body | {"checksum": digest(body)})


def refused(text: str | bytes, tmp_path: Path, *words: str) -> str:
    path = tmp_path / "game.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(RecordError) as info:
        read_record(path)
    message = str(info.value)
    assert message.startswith("game.json"), message
    for word in words:
        assert word in message, message
    assert "Traceback" not in message and len(message) < 300
    return message


# --- writing ---------------------------------------------------------------------

def test_a_save_carries_its_format_and_checksum_and_reads_back(record, tmp_path):
    path = tmp_path / "saves" / "game.json"
    write_record(path, record)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == RECORD_FORMAT
    assert data["checksum"] == digest({k: v for k, v in data.items() if k != "checksum"})
    back = read_record(path)
    assert back.actions == record.actions and back.seed == record.seed
    assert back.body_digest() == record.body_digest()
    assert [p.name for p in path.parent.iterdir()] == ["game.json"]


def test_a_full_disk_keeps_the_old_save_and_leaves_no_temporary_file(record, tmp_path, monkeypatch):
    path = tmp_path / "game.json"
    write_record(path, record)
    before = path.read_bytes()

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(saves_module.os, "fsync", disk_full)
    with pytest.raises(SaveError) as info:
        write_record(path, record.model_copy(update={"seed": 99}))
    assert "No space left on device" in str(info.value) and "game.json" in str(info.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "game.json"
    path.write_text("old", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(saves_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]


def test_an_unwritable_folder_is_a_save_error(record, tmp_path):
    blocker = tmp_path / "saves"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(SaveError) as info:
        write_record(blocker / "game.json", record)
    assert "saves" in str(info.value)


def _denied(*args, **kwargs):
    raise PermissionError(errno.EACCES, "Permission denied")


def test_a_read_only_folder_is_a_save_error(record, tmp_path, monkeypatch):
    """The system refuses a new file in the folder (injected: file modes do not bind root, and CI is root)."""
    folder = tmp_path / "saves"
    folder.mkdir()
    monkeypatch.setattr(saves_module.tempfile, "mkstemp", _denied)
    with pytest.raises(SaveError) as info:
        write_record(folder / "game.json", record)
    assert str(info.value) == f"cannot write in {folder}: Permission denied"
    assert list(folder.iterdir()) == []


def test_a_save_that_may_not_be_replaced_is_a_save_error_and_leaves_no_temporary_file(record, tmp_path, monkeypatch):
    path = tmp_path / "game.json"
    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(saves_module.os, "replace", _denied)
    with pytest.raises(SaveError) as info:
        write_record(path, record)
    assert str(info.value) == f"cannot save to {path}: Permission denied"
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]


def test_a_save_that_may_not_be_read_is_a_record_error(record, tmp_path, monkeypatch):
    path = tmp_path / "game.json"
    write_record(path, record)
    monkeypatch.setattr(saves_module.os, "open", _denied)
    with pytest.raises(RecordError) as info:
        read_record(path)
    assert str(info.value) == "game.json: the save cannot be read: Permission denied"


def test_text_that_cannot_be_encoded_is_a_save_error(tmp_path):
    with pytest.raises(SaveError):
        atomic_write_text(tmp_path / "x.json", "broken \ud800 surrogate")
    assert list(tmp_path.iterdir()) == []


def test_a_record_that_would_not_read_back_never_replaces_a_good_save(record, tmp_path):
    path = tmp_path / "game.json"
    write_record(path, record)
    before = path.read_bytes()
    bad = GameRecord.model_construct(**{**dict(record), "scenario": "bad\x1b[2Jname"})
    with pytest.raises(SaveError) as info:
        write_record(path, bad)
    assert "could not be saved" in str(info.value)
    assert path.read_bytes() == before


# --- reading damaged saves --------------------------------------------------------

def test_every_truncation_of_a_save_is_refused(record, tmp_path):
    text = record.to_json()
    for cut in sorted({0, 1, 2, len(text) // 3, len(text) // 2, len(text) - 40, len(text) - 3}):
        refused(text[:cut], tmp_path)


def test_a_hand_edited_save_is_refused_by_its_checksum(record, tmp_path):
    data = json.loads(record.to_json())
    data["seed"] = data["seed"] + 1
    refused(json.dumps(data), tmp_path, "checksum does not match")


def test_a_removed_action_is_refused_by_its_checksum(record, tmp_path):
    data = json.loads(record.to_json())
    data["actions"].pop()
    refused(json.dumps(data), tmp_path, "checksum does not match")


def test_a_save_without_checksum_is_refused(record, tmp_path):
    data = json.loads(record.to_json())
    del data["checksum"]
    refused(json.dumps(data), tmp_path, "no checksum")


def test_a_save_of_a_newer_format_is_refused(record, tmp_path):
    data = json.loads(record.to_json()) | {"format": RECORD_FORMAT + 1}
    refused(reseal(data), tmp_path, "newer version of the game", f"save format {RECORD_FORMAT + 1}")


@pytest.mark.parametrize("value", [0, -1, "1", 1.0, True, None, [1], "x" * 500])
def test_a_save_of_an_unknown_format_is_refused(record, tmp_path, value):
    data = json.loads(record.to_json()) | {"format": value}
    message = refused(reseal(data), tmp_path, "format:", "not a game save")
    assert "x" * 60 not in message
    assert "None" not in message and "record format" not in message  # the player's words, not the programmer's


def test_a_resealed_save_with_wrong_types_is_refused(record, tmp_path):
    data = json.loads(record.to_json()) | {"seed": "eleven"}
    refused(reseal(data), tmp_path, "damaged", "seed")


def test_a_resealed_save_with_control_characters_is_refused(record, tmp_path):
    data = json.loads(record.to_json())
    data["actions"][0]["side"] = "moscow\x1b[31m"
    message = refused(reseal(data), tmp_path, "damaged", "actions.0.side", "characters")
    assert "\x1b" not in message


def test_a_resealed_save_with_an_unknown_key_is_refused(record, tmp_path):
    data = json.loads(record.to_json()) | {"__class__": "os.system"}
    refused(reseal(data), tmp_path, "damaged", "__class__")


def test_duplicate_keys_are_refused(record, tmp_path):
    text = record.to_json().replace('"seed":', '"seed": 1, "seed":', 1)
    refused(text, tmp_path, "names 'seed' twice")


def test_a_number_with_thousands_of_digits_is_refused(record, tmp_path):
    text = record.to_json().replace(f'"seed": {record.seed}', '"seed": ' + "9" * 6000, 1)
    refused(text, tmp_path, "number far too large")


def test_deep_nesting_is_refused(tmp_path):
    refused("[" * 200_000 + "]" * 200_000, tmp_path, "nested too deeply")


@pytest.mark.parametrize("text", ["[]", '"save"', "3", "null"])
def test_json_that_is_not_an_object_is_refused(tmp_path, text):
    refused(text, tmp_path, "not a game record")


def test_bytes_that_are_not_utf8_are_refused(tmp_path):
    refused(b'{"format": 1, "x": "\xff\xfe"}', tmp_path, "not text")


def test_a_file_larger_than_any_record_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "game.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_RECORD_BYTES + 1)  # sparse: costs no disk space
    with pytest.raises(RecordError) as info:
        read_record(path)
    assert str(info.value) == f"game.json: the save is larger than {MAX_RECORD_BYTES / 1_000_000:g} MB, too large to be a game save"


def test_a_folder_is_not_a_save(tmp_path):
    with pytest.raises(RecordError, match="cannot be read|not a file"):
        read_record(tmp_path)


def test_a_missing_save_says_so(tmp_path):
    with pytest.raises(RecordError, match="there is no save"):
        read_record(tmp_path / "nothing.json")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "game.json"
    os.mkfifo(pipe)
    with pytest.raises(RecordError, match="not a file"):
        read_record(pipe)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused():
    with pytest.raises(RecordError, match="not a file"):
        read_record("/dev/zero")


# --- other rules and older formats ---------------------------------------------------

def test_a_save_for_other_rules_is_refused_with_both_fingerprints(rules, record):
    other = record.model_copy(update={"rules_fingerprint": "0123456789abcdef", "rules_play": "fedcba9876543210"})
    reason = mismatch(rules, other)
    assert "other rules" in reason and "0123456789abcdef" in reason and rules.fingerprint in reason
    with pytest.raises(RecordError, match="other rules"):
        GameSession.from_record(rules, other)
    assert "'elsewhere'" in mismatch(rules, record.model_copy(update={"rules_id": "elsewhere"}))
    assert "scenario 'nowhere'" in mismatch(rules, record.model_copy(update={"scenario": "nowhere"}))


def test_an_older_format_is_upgraded_through_the_migrations(record, monkeypatch):
    """Pretend the current format is one newer: a format-1 save must still load, upgraded."""
    seen = []

    def upgrade(data: dict) -> dict:
        seen.append(data["format"])
        return data | {"players": {**data.get("players", {}), "note": "human"}}

    monkeypatch.setattr(record_module, "RECORD_FORMAT", RECORD_FORMAT + 1)
    monkeypatch.setitem(record_module.MIGRATIONS, RECORD_FORMAT, upgrade)
    back = record_from_json(record.to_json())
    assert seen == [RECORD_FORMAT]
    assert back.format == RECORD_FORMAT + 1 and back.players["note"] == "human"
    assert back.actions == record.actions
    # the checksum is still checked on the old data before any upgrade
    data = json.loads(record.to_json())
    data["seed"] += 1
    with pytest.raises(RecordError, match="checksum"):
        record_from_json(json.dumps(data))
    assert seen == [RECORD_FORMAT]


def test_a_save_into_folders_not_yet_made_makes_them(record, tmp_path):
    path = tmp_path / "a" / "b" / "game.json"
    write_record(path, record)
    assert read_record(path).actions == record.actions


def test_the_temporary_file_is_hidden_beside_the_save_until_it_replaces_it(record, tmp_path, monkeypatch):
    """A file in the save's own folder (so the replace is one step on one disk), named .NAME.*.tmp."""
    path = tmp_path / "game.json"
    seen = []
    real_replace = os.replace

    def replace(src, dst):
        seen.append((Path(src), Path(dst), Path(src).read_text(encoding="utf-8")))
        real_replace(src, dst)

    monkeypatch.setattr(saves_module.os, "replace", replace)
    atomic_write_text(path, "Дружба 友谊")
    [(src, dst, text)] = seen
    assert src.parent == tmp_path and dst == path
    assert src.name.startswith(".game.json.") and src.name.endswith(".tmp")
    assert text == "Дружба 友谊" and path.read_bytes() == "Дружба 友谊".encode("utf-8")


def test_values_quoted_in_messages_are_cut_to_forty_characters():
    from eurasia_game.session.record import _short

    fits, too_long = "x" * 38, "x" * 39  # their reprs are 40 and 41 characters
    assert _short(fits) == repr(fits), "a value that fits is shown whole"
    assert _short(too_long) == repr(too_long)[:37] + "..." and len(_short(too_long)) == 40
    assert _short("y" * 20, limit=10) == "'yyyyyy..."


def test_a_save_names_the_mods_it_needs_and_the_ones_it_was_made_without(record):
    from types import SimpleNamespace

    from eurasia_game.session.record import ModEntry, mod_mismatch

    def loaded(**mods):
        return SimpleNamespace(mods=[SimpleNamespace(id=i, version=v) for i, v in mods.items()])

    saved = record.model_copy(update={"mods": [ModEntry(id="fifth_front", version="1.0"), ModEntry(id="new_signals", version="2.0")]})
    assert mod_mismatch(loaded(fifth_front="1.0", new_signals="2.0"), saved) is None
    assert mod_mismatch(loaded(fifth_front="1.0"), saved) == (
        "the save was made with mods that are not loaded: new_signals 2.0; enable them (--mod PATH) and load it again"
    )
    assert mod_mismatch(loaded(), saved) == (
        "the save was made with mods that are not loaded: fifth_front 1.0, new_signals 2.0; enable them (--mod PATH) and load it again"
    )
    assert mod_mismatch(loaded(fifth_front="1.1", new_signals="2.0"), saved) == (
        "the save was made with other versions of mods: fifth_front (saved with 1.0, loaded 1.1)"
    )
    assert mod_mismatch(loaded(fifth_front="1.0", new_signals="2.0", extra="1", more="2"), saved) == (
        "the save was made without the mods extra, more; load it without them"
    )
    assert mod_mismatch(loaded(extra="1"), record) == "the save was made without the mods extra; load it without them"
    assert mod_mismatch(SimpleNamespace(), record) is None, "rules that carry no mod list fit a save made without mods"


def test_a_save_is_written_in_one_canonical_layout(record):
    """Sorted keys, one space of indent, a final newline: saves diff cleanly and replay byte for byte."""
    text = record.to_json()
    data = json.loads(text)
    assert text == json.dumps(data, indent=1, sort_keys=True) + "\n"
    assert text.startswith('{\n "actions": [\n  {\n')


# --- player language, player kinds, byte-order marks ---------------------------------

def test_a_save_naming_an_unknown_player_kind_is_refused(record, tmp_path):
    data = json.loads(record.to_json())
    data["players"]["moscow"] = "grandmaster"
    message = refused(reseal(data), tmp_path, "players", "'grandmaster'", "human")
    assert "Value error" not in message


def test_a_save_with_a_byte_order_mark_loads_like_a_rule_file(record, tmp_path):
    path = tmp_path / "game.json"
    path.write_bytes(b"\xef\xbb\xbf" + record.to_json().encode("utf-8"))
    assert read_record(path).body_digest() == record.body_digest()


@pytest.mark.parametrize("damage, words", [
    (lambda d: d.pop("seed"), ("seed", "missing")),
    (lambda d: d.update(format=None), ("format", "does not say which version")),
    (lambda d: d.pop("format"), ("format", "does not say which version")),
])
def test_save_messages_speak_the_players_language(record, tmp_path, damage, words):
    data = json.loads(record.to_json())
    damage(data)
    message = refused(reseal(data), tmp_path, *words)
    for jargon in ("Field required", "record format None", "utf-8-sig", "Value error", "JSON"):
        assert jargon not in message, message


def test_a_broken_json_save_says_line_and_column(tmp_path):
    message = refused('{\n "format": 1,\n "seed": \n}', tmp_path, "line 4, column 1", "a value is missing")
    assert "Expecting" not in message


def _reworded_and_renumbered(rules_copy):
    """Two copies of the base rules: one that changes only words, one that changes a number."""
    from conftest import edit_rule_file
    from eurasia_game.loading.loader import load_rules

    edit_rule_file(rules_copy, "fronts.yaml", "log: Energy revenue brought Moscow 1 power.", "log: Oil and gas money brought Moscow 1 power.")
    reworded = load_rules(rules_copy).rules
    edit_rule_file(rules_copy, "fronts.yaml", "effects:\n          - {type: power, side: moscow, delta: 1}", "effects:\n          - {type: power, side: moscow, delta: 2}")
    renumbered = load_rules(rules_copy).rules
    return reworded, renumbered


def test_a_save_loads_under_rules_that_changed_only_words(rules, rules_copy, played):
    """Words do not change play: a save made before a rewording replays to the same game,
    now told in the new words; a change of a number is still refused."""
    from eurasia_game.model.prose import play_fingerprint

    reworded, renumbered = _reworded_and_renumbered(rules_copy)
    record = played.record()
    assert record.rules_play == play_fingerprint(rules)
    assert reworded.fingerprint != rules.fingerprint and play_fingerprint(reworded) == play_fingerprint(rules)
    assert mismatch(reworded, record) is None
    again = GameSession.from_record(reworded, record_from_json(record.to_json()))
    assert again.state == played.state
    words = " ".join(str(e.text) for e in again.events(None))
    assert "Oil and gas money brought Moscow 1 power." in words and "Energy revenue brought" not in words

    assert play_fingerprint(renumbered) != play_fingerprint(rules)
    reason = mismatch(renumbered, record)
    assert reason is not None and "other rules" in reason


def test_a_save_without_a_play_fingerprint_is_held_to_the_full_one(rules, rules_copy, played):
    """Saves written before the play fingerprint existed cannot tell words from play."""
    reworded, _ = _reworded_and_renumbered(rules_copy)
    old = played.record().model_copy(update={"rules_play": None})
    assert mismatch(rules, old) is None
    assert "other rules" in mismatch(reworded, old)
