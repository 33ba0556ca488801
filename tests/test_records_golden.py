"""Golden games: stored records whose replayed transcripts must not change.

Each game in ``tests/golden/games.json`` has a saved record and the transcript
its replay prints.  A change in how the engine plays shows up here as a
unified diff.  When the change is intended (new rules, a deliberate engine
change), regenerate with ``.venv/bin/python tests/golden/regenerate.py`` and
review ``git diff tests/golden``.
"""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

import pytest

from conftest import stale_fixture

from eurasia_game.cli.transcript import transcript
from eurasia_game.session.replay import replay
from eurasia_game.session.saves import read_record

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = "run '.venv/bin/python tests/golden/regenerate.py' if the change is intended, then review 'git diff tests/golden'"


def _load_regenerate():
    spec = importlib.util.spec_from_file_location("golden_regenerate", GOLDEN / "regenerate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


regen = _load_regenerate()
GAMES = regen.games()


def diff_or_none(expected: str, actual: str, name: str) -> str | None:
    if expected == actual:
        return None
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True), fromfile=f"golden/{name}", tofile="replayed now"
    )
    return "".join(lines)


def test_there_are_at_least_two_golden_games():
    assert len(GAMES) >= 2
    names = [g["name"] for g in GAMES]
    assert len(set(names)) == len(names)
    for game in GAMES:
        assert regen.record_path(game["name"]).is_file(), f"missing record for {game['name']}; {REGENERATE}"
        assert regen.transcript_path(game["name"]).is_file(), f"missing transcript for {game['name']}; {REGENERATE}"


@pytest.mark.parametrize("game", GAMES, ids=[g["name"] for g in GAMES])
def test_replaying_a_golden_record_prints_its_transcript(rules, game):
    record = read_record(regen.record_path(game["name"]))
    if record.rules_fingerprint != rules.fingerprint:
        pytest.fail(
            f"the golden record {game['name']} was made with rules {record.rules_fingerprint}, "
            f"but the base rules are now {rules.fingerprint}; {REGENERATE}"
        )
    assert (record.scenario, record.seed, record.players) == (game["scenario"], game["seed"], game["players"])
    state, events = replay(rules, record)
    assert state.over, "a golden game is played to its end"
    actual = transcript(rules, state, [e for e in events if e.secret_for is None])
    expected = regen.transcript_path(game["name"]).read_text(encoding="utf-8")
    diff = diff_or_none(expected, actual, f"{game['name']}.transcript.txt")
    if diff:
        pytest.fail(f"the replay of {game['name']} no longer prints its golden transcript; {REGENERATE}\n{diff}", pytrace=False)


@pytest.mark.parametrize("game", GAMES, ids=[g["name"] for g in GAMES])
def test_playing_a_golden_game_again_gives_the_same_record(rules, game):
    """The computer players and the engine together are deterministic."""
    stored = read_record(regen.record_path(game["name"]))
    if stored.rules_fingerprint != rules.fingerprint:
        stale_fixture("the golden games", ".venv/bin/python tests/golden/regenerate.py")
    record, text = regen.play(rules, game)
    expected = regen.transcript_path(game["name"]).read_text(encoding="utf-8")
    diff = diff_or_none(expected, text, f"{game['name']}.transcript.txt")
    if diff:
        pytest.fail(f"playing {game['name']} again gives another game; {REGENERATE}\n{diff}", pytrace=False)
    assert record.actions == stored.actions
    assert record.to_json() == regen.record_path(game["name"]).read_text(encoding="utf-8")


def test_a_changed_transcript_is_shown_as_a_unified_diff():
    diff = diff_or_none("a\nb\nc\n", "a\nB\nc\n", "x.txt")
    assert diff is not None and "-b\n" in diff and "+B\n" in diff and diff.startswith("--- golden/x.txt")
    assert diff_or_none("same\n", "same\n", "x.txt") is None
