"""Stored saves of every released record format keep loading.

``tests/fixtures/saves/format<N>/`` holds saves written by ``eurasia-game
simulate --save`` in format N (``regenerate.py`` there writes the current
format).  Loading — parsing, validating, checking the checksum and upgrading
older formats — must work for all of them forever.  Replaying is a separate
matter: a save only replays under the rules it was played with.  The saves
of the current format are regenerated whenever the base rules change, so each
must carry today's rules fingerprint and replay to its end (one that does not
is stale: a skip on a developer's machine, a failure in CI, with the command
that regenerates them).  A save of an older format, or one whose fingerprint
was changed here, must be refused with the clear "other rules" sentence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import stale_fixture

from eurasia_game.session.record import RECORD_FORMAT, RecordError, mismatch
from eurasia_game.session.saves import read_record
from eurasia_game.session.session import GameSession

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "saves"
SAVES = sorted(FIXTURES.glob("format*/*.json"))
REGENERATE = ".venv/bin/python tests/fixtures/saves/regenerate.py"


def current_format(path: Path) -> bool:
    return path.parent.name == f"format{RECORD_FORMAT}"


def test_every_format_up_to_the_current_one_has_stored_saves():
    formats = {int(re.fullmatch(r"format(\d+)", p.parent.name).group(1)) for p in SAVES}
    assert formats == set(range(1, RECORD_FORMAT + 1)), f"stored formats {sorted(formats)}; run tests/fixtures/saves/regenerate.py"


@pytest.mark.parametrize("path", SAVES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_stored_save_loads(path):
    stored_format = int(path.parent.name.removeprefix("format"))
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == stored_format
    record = read_record(path)
    assert record.format == RECORD_FORMAT
    assert record.actions, "a stored save should hold a played game"
    assert record.scenario and record.rules_fingerprint


@pytest.mark.parametrize("path", SAVES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_stored_save_replays_or_is_refused_as_made_with_other_rules(rules, path):
    record = read_record(path)
    if not current_format(path):
        reason = mismatch(rules, record)
        assert reason is not None and "other rules" in reason and record.rules_fingerprint in reason
        with pytest.raises(RecordError, match="other rules"):
            GameSession.from_record(rules, record)
        return
    if record.rules_fingerprint != rules.fingerprint:
        stale_fixture("the stored saves of the current format", REGENERATE)
    assert mismatch(rules, record) is None, "a save made with today's rules must not be refused"
    session = GameSession.from_record(rules, record)
    assert session.over, "a stored save of a finished game replays to its ending"
    assert len(session.steps) == len(record.actions) + 1


@pytest.mark.parametrize("path", [p for p in SAVES if current_format(p)][:1], ids=lambda p: p.name)
def test_a_stored_save_with_another_fingerprint_is_refused_as_made_with_other_rules(rules, path):
    record = read_record(path)
    # Both fingerprints change: a save that also carries the fingerprint of the rules' play
    # (less their words) loads where only the wording differs, so that one must differ too.
    changed = {"rules_fingerprint": "0" * len(record.rules_fingerprint)}
    if record.rules_play is not None:
        changed["rules_play"] = "0" * len(record.rules_play)
    other = record.model_copy(update=changed)
    reason = mismatch(rules, other)
    assert reason is not None and "other rules" in reason and other.rules_fingerprint in reason
    with pytest.raises(RecordError, match="other rules"):
        GameSession.from_record(rules, other)


def test_the_current_format_has_a_save_of_every_scenario(rules):
    current = [read_record(p) for p in SAVES if current_format(p)]
    if any(r.rules_fingerprint != rules.fingerprint for r in current):
        stale_fixture("the stored saves of the current format", REGENERATE)
    assert {r.scenario for r in current} == set(rules.scenario), f"run {REGENERATE}"
