"""Autosaves after every action, rotation, and resuming after a crash or a kill.

The autosaver keeps the last few autosaves, never loses a good one to a
failed write, reports trouble on disk as a message instead of raising, and
leaves a marker so that the next start can offer the newest autosave of a
game that did not end cleanly.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import kill_when_counted

from eurasia_game.session import folders
from eurasia_game.session import saves as saves_module
from eurasia_game.session.autoplay import play_game
from eurasia_game.session.autosave import MARKER, Autosaver, autosave_files, find_resumable, forget_resumable
from eurasia_game.session.saves import read_record
from eurasia_game.session.session import GameSession


@pytest.fixture(scope="module")
def records(rules):
    """The record after each action of one seeded game (the start included)."""
    finished = play_game(rules, None, 5, {side: "random" for side in rules.side_ids}).record()
    return [finished.model_copy(update={"actions": finished.actions[:n]}) for n in range(len(finished.actions) + 1)]


def numbers(folder: Path) -> list[int]:
    return [n for n, _ in autosave_files(folder)]


def test_an_autosave_after_every_action_keeps_the_last_few(records, tmp_path):
    saver = Autosaver(tmp_path, keep=5)
    assert saver.begin() is None
    for count, record in enumerate(records[:12], start=1):
        assert saver.save(record) is None
        assert saver.last_error is None
        assert len(autosave_files(tmp_path)) == min(count, 5)
    assert numbers(tmp_path) == [12, 11, 10, 9, 8]
    newest = read_record(autosave_files(tmp_path)[0][1])
    assert newest.actions == records[11].actions
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("autosave-")) == [MARKER]


def test_an_unchanged_game_is_not_saved_twice(records, tmp_path):
    saver = Autosaver(tmp_path)
    saver.save(records[3])
    saver.save(records[3])
    assert numbers(tmp_path) == [1]
    saver.save(records[4])
    assert numbers(tmp_path) == [2, 1]


def test_a_full_disk_is_reported_and_keeps_every_earlier_autosave(records, tmp_path, monkeypatch):
    saver = Autosaver(tmp_path, keep=3)
    for record in records[:3]:
        saver.save(record)
    before = {p.name: p.read_bytes() for _, p in autosave_files(tmp_path)}

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(saves_module.os, "fsync", disk_full)
        message = saver.save(records[3])
    assert message is not None and message == saver.last_error
    assert "No space left on device" in message and "the game goes on" in message
    assert {p.name: p.read_bytes() for _, p in autosave_files(tmp_path)} == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # once there is room again, autosaving simply resumes
    assert saver.save(records[4]) is None and saver.last_error is None
    assert read_record(autosave_files(tmp_path)[0][1]).actions == records[4].actions


def test_an_unwritable_folder_is_reported_not_raised(records, tmp_path):
    blocked = tmp_path / "autosave"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    saver = Autosaver(blocked)
    assert "Autosave is off" in saver.begin()
    message = saver.save(records[1])
    assert message and "Autosave failed" in message and "autosave" in message
    assert find_resumable(blocked) is None


def test_an_autosave_that_reads_back_wrong_is_removed_and_reported(records, tmp_path, monkeypatch):
    saver = Autosaver(tmp_path)
    saver.save(records[1])
    real_write = saves_module.atomic_write_text

    def flipping_write(path, text):
        real_write(path, text.replace('"seed": 5', '"seed": 6'))

    monkeypatch.setattr(saves_module, "atomic_write_text", flipping_write)
    message = saver.save(records[2])
    assert message and "checksum" in message
    assert numbers(tmp_path) == [1]


def test_no_resume_without_a_game_in_progress(records, tmp_path):
    assert find_resumable(tmp_path) is None
    assert find_resumable(tmp_path / "missing") is None
    saver = Autosaver(tmp_path)
    saver.begin()
    saver.save(records[2])
    saver.end()
    assert find_resumable(tmp_path) is None, "a clean exit offers no resume"


def test_after_a_crash_the_newest_autosave_is_offered(records, rules, tmp_path):
    saver = Autosaver(tmp_path)
    saver.begin()
    for record in records[:8]:
        saver.save(record)
    # the process dies here: no end()
    found = find_resumable(tmp_path, rules)
    assert found is not None and found.passed_over == ()
    assert found.record.actions == records[7].actions
    session = GameSession.from_record(rules, found.record)
    assert session.state == GameSession.from_record(rules, records[7]).state
    forget_resumable(tmp_path)
    assert find_resumable(tmp_path) is None, "declining the offer removes it"


def test_a_damaged_newest_autosave_is_passed_over_for_an_older_good_one(records, tmp_path):
    saver = Autosaver(tmp_path)
    saver.begin()
    for record in records[:4]:
        saver.save(record)
    newest = autosave_files(tmp_path)[0][1]
    newest.write_bytes(newest.read_bytes()[:100])
    found = find_resumable(tmp_path)
    assert found.record.actions == records[2].actions
    assert len(found.passed_over) == 1 and newest.name in found.passed_over[0]


def test_an_autosave_for_other_rules_is_not_offered(records, rules, tmp_path):
    saver = Autosaver(tmp_path)
    saver.begin()
    saver.save(records[2])
    saver.save(records[3].model_copy(update={"rules_fingerprint": "00000000deadbeef", "rules_play": "00000000feedface"}))
    found = find_resumable(tmp_path, rules)
    assert found.record.actions == records[2].actions
    assert "other rules" in found.passed_over[0]


def test_autosaves_of_an_earlier_cleanly_closed_game_are_not_offered(records, tmp_path):
    first = Autosaver(tmp_path)
    first.begin()
    first.save(records[5])
    first.end()
    second = Autosaver(tmp_path)
    second.begin()  # a new game starts, then the process dies before its first autosave
    assert find_resumable(tmp_path) is None
    second.save(records[1])
    assert find_resumable(tmp_path).record.actions == records[1].actions


def test_a_damaged_marker_still_means_the_game_did_not_end_cleanly(records, tmp_path):
    saver = Autosaver(tmp_path)
    saver.begin()
    saver.save(records[2])
    (tmp_path / MARKER).write_text("{not json", encoding="utf-8")
    assert find_resumable(tmp_path).record.actions == records[2].actions


def test_temporary_files_of_a_killed_write_are_cleaned_at_the_next_start(tmp_path):
    stale = tmp_path / ".autosave-000003.json.abc123.tmp"
    stale.write_text("half a save", encoding="utf-8")
    other = tmp_path / "notes.txt"
    other.write_text("not ours", encoding="utf-8")
    Autosaver(tmp_path).begin()
    assert not stale.exists() and other.exists()


def test_the_game_home_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(folders.HOME_VARIABLE, str(tmp_path / "home"))
    assert folders.game_home() == tmp_path / "home"
    assert folders.autosave_dir() == tmp_path / "home" / "saves" / "autosave"
    assert Autosaver().folder == folders.autosave_dir()
    monkeypatch.setenv(folders.HOME_VARIABLE, "")
    assert folders.game_home().name == folders.APP_NAME


PLAYER = textwrap.dedent(
    """
    import sys, time
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.paths import base_rules_dir
    from eurasia_game.session.autosave import Autosaver
    from eurasia_game.session.policies import RandomPolicy
    from eurasia_game.session.session import GameSession

    rules = load_rules(base_rules_dir()).rules
    saver = Autosaver(sys.argv[1])
    saver.begin()
    session = GameSession.new(rules, None, 21, {s: "human" for s in rules.side_ids})
    policy = RandomPolicy(21, "both")
    while not session.over:
        side = session.state.to_act
        session.act(policy.choose(rules, session.view(side), session.legal(side)))
        assert saver.save_game(session) is None  # a journal line, a full autosave now and then
        print(len(session.steps) - 1, flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_game_resumes_losing_at_most_the_action_in_progress(rules, tmp_path):
    acknowledged, child_pid = kill_when_counted([sys.executable, "-c", PLAYER, str(tmp_path)], 25)
    assert acknowledged >= 25, "the child game did not play"
    found = find_resumable(tmp_path, rules)
    assert found is not None
    assert len(found.record.actions) >= acknowledged
    session = GameSession.from_record(rules, found.record)
    assert session.state.steps == len(found.record.actions)
    marker = json.loads((tmp_path / MARKER).read_text(encoding="utf-8"))
    assert marker["pid"] == child_pid


# --- the journal: autosaves whose cost does not grow with the game ------------------------

def _played(rules, seed=5, count=130):
    """A session and the autosaver that followed it action by action."""
    from eurasia_game.session.policies import RandomPolicy

    session = GameSession.new(rules, "full_decade", seed, {s: "human" for s in rules.side_ids})
    policy = RandomPolicy(seed, "both")
    return session, policy


def test_actions_go_to_a_journal_and_a_full_autosave_only_now_and_then(rules, tmp_path, monkeypatch):
    from eurasia_game.session import autosave as autosave_module
    from eurasia_game.session.autosave import FULL_EVERY, journal_path, read_autosave

    session, policy = _played(rules, seed=7)  # a seed whose random game lasts past the first full autosave
    saver = Autosaver(tmp_path)
    saver.begin()
    records = {"n": 0}
    real = GameSession.record

    def counted(self):
        records["n"] += 1
        return real(self)

    monkeypatch.setattr(GameSession, "record", counted)
    actions = 0
    while not session.over and actions < FULL_EVERY + 30:
        side = session.state.to_act
        session.act(policy.choose(rules, session.view(side), session.legal(side)))
        actions += 1
        assert saver.save_game(session) is None
        newest = autosave_files(tmp_path)[0][1]
        assert read_autosave(newest).actions == real(session).actions  # what is on disk is the game so far
    assert actions > FULL_EVERY + 1, "the game ended too soon to test the journal"
    assert records["n"] <= actions // FULL_EVERY + 2  # whole records are built only now and then
    assert journal_path(autosave_files(tmp_path)[0][1]).is_file()
    found = find_resumable(tmp_path, rules)
    assert found is not None and found.record.actions == real(session).actions
    assert autosave_module.FULL_EVERY == FULL_EVERY


def test_a_torn_or_edited_journal_line_ends_the_journal_there(rules, tmp_path):
    from eurasia_game.session.autosave import journal_path, read_autosave

    session, policy = _played(rules)
    saver = Autosaver(tmp_path)
    saver.begin()
    for _ in range(12):
        side = session.state.to_act
        session.act(policy.choose(rules, session.view(side), session.legal(side)))
        assert saver.save_game(session) is None
    full = autosave_files(tmp_path)[0][1]
    journal = journal_path(full)
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 11  # the first action was a full autosave, the rest journal lines
    whole = [a for a in session.record().actions]
    journal.write_text("".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2], encoding="utf-8")  # torn while written
    assert read_autosave(full).actions == whole[:-1]
    edited = json.loads(lines[4])
    edited["action"]["side"] = "someone_else"
    journal.write_text("".join(lines[:4]) + json.dumps(edited) + "\n" + "".join(lines[5:]), encoding="utf-8")
    assert read_autosave(full).actions == whole[:5]  # the full save's action and the four good lines
    assert read_record(full).actions == whole[:1]  # the full autosave itself is untouched


def test_an_undo_makes_a_full_autosave_so_the_journal_never_holds_a_taken_back_order(rules, tmp_path):
    from eurasia_game.session.autosave import read_autosave

    session, policy = _played(rules)
    saver = Autosaver(tmp_path)
    saver.begin()
    undone = 0
    for _ in range(30):
        side = session.state.to_act
        if side is None:
            break
        session.act(policy.choose(rules, session.view(side), session.legal(side)))
        assert saver.save_game(session) is None
        if session.can_undo(side) and len(session.steps) % 3 == 0:
            session.undo()
            undone += 1
            legal = session.legal(side)
            session.act(legal[0])
            assert saver.save_game(session) is None
        assert read_autosave(autosave_files(tmp_path)[0][1]).actions == session.record().actions
    assert undone >= 2, "no order was taken back"
