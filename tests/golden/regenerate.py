"""Regenerate the golden game records and their transcripts.

Run from anywhere with the project's Python:

    .venv/bin/python tests/golden/regenerate.py

Each game listed in ``games.json`` is played between its computer players
under the current base rules, then saved as ``NAME.record.json`` (the record
a player's save would hold) and ``NAME.transcript.txt`` (what
``eurasia-game replay NAME.record.json`` prints).  ``tests/test_records_golden.py``
replays the records and diffs the transcripts, so any change in how the
engine plays shows up as a diff.  Regenerate only when a rules or engine
change is intended, and read the diff (``git diff tests/golden``) first.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "games.json"


def games() -> list[dict]:
    """The golden games: name, scenario, seed and each side's player."""
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def record_path(name: str) -> Path:
    return HERE / f"{name}.record.json"


def transcript_path(name: str) -> Path:
    return HERE / f"{name}.transcript.txt"


def play(rules, game: dict):
    """Play one golden game; return (record, transcript text)."""
    from eurasia_game.cli.transcript import transcript
    from eurasia_game.session.autoplay import play_game

    session = play_game(rules, game["scenario"], game["seed"], game["players"])
    return session.record(), transcript(rules, session.state, session.events())


def main() -> int:
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.paths import base_rules_dir
    from eurasia_game.session.saves import write_record

    result = load_rules(base_rules_dir())
    if result.rules is None or result.errors:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print("the base rules do not load; fix them before regenerating", file=sys.stderr)
        return 1
    for game in games():
        record, text = play(result.rules, game)
        write_record(record_path(game["name"]), record)
        transcript_path(game["name"]).write_text(text, encoding="utf-8")
        last = text.rstrip("\n").rsplit("\n", 1)[-1]
        print(f"{game['name']}: {len(record.actions)} actions; {last}")
    print(f"rules fingerprint {result.rules.fingerprint}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1] / "src"))  # works from a checkout without an install too
    raise SystemExit(main())
