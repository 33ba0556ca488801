"""Stored saves of every released record format keep loading.

``tests/fixtures/saves/format<N>/`` holds saves written by ``eurasia-game
simulate --save`` in format N (``regenerate.py`` there writes the current
format).  Loading — parsing, validating, checking the checksum and upgrading
older formats — must work for all of them forever.  Replaying is a separate
matter: a save only replays under the rules it was played with, so a save
whose rules fingerprint no longer matches the base rules must be refused with
the clear "other rules" sentence, and one that matches must replay to its end.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eurasia_game.session.record import RECORD_FORMAT, RecordError, mismatch
from eurasia_game.session.saves import read_record
from eurasia_game.session.session import GameSession

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "saves"
SAVES = sorted(FIXTURES.glob("format*/*.json"))


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
    reason = mismatch(rules, record)
    if reason is None:
        session = GameSession.from_record(rules, record)
        assert session.over, "a stored save of a finished game replays to its ending"
        assert len(session.steps) == len(record.actions) + 1
    else:
        assert "other rules" in reason and record.rules_fingerprint in reason
        with pytest.raises(RecordError, match="other rules"):
            GameSession.from_record(rules, record)


def test_the_current_format_has_a_save_of_every_scenario(rules):
    current = [read_record(p) for p in SAVES if p.parent.name == f"format{RECORD_FORMAT}"]
    if any(mismatch(rules, r) for r in current):
        pytest.skip("the base rules changed since the current format's saves were written; run tests/fixtures/saves/regenerate.py")
    assert {r.scenario for r in current} == set(rules.scenario), "run tests/fixtures/saves/regenerate.py"
