"""Writing and reading save files without ever losing a good one.

Writes go to a temporary file in the same folder, are flushed to disk, and
then replace the target in one step, so a crash or a full disk leaves either
the old save or the new one, never half of each.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from eurasia_game.lang.catalogue import S
from eurasia_game.safefile import UTF8_BOM, FileRefused, read_bounded
from eurasia_game.session.atomic import SaveError, atomic_write_text  # noqa: F401  (part of this module's API)
from eurasia_game.session.record import MAX_RECORD_BYTES, GameRecord, RecordError, record_from_json


def write_record(path: Path | str, record: GameRecord) -> None:
    """Save ``record``; the text is read back first, so a bad record never replaces a good save."""
    text = record.to_json()
    try:
        record_from_json(text)
    except RecordError as exc:
        raise SaveError(S("ses_save_failed", name=Path(path).name, reason=exc)) from None
    atomic_write_text(path, text)


def read_record(path: Path | str) -> GameRecord:
    """Read a save; raises ``RecordError`` with a message for the player."""
    path = Path(path)
    try:
        raw = read_bounded(path, MAX_RECORD_BYTES, "save")
    except FileRefused as exc:
        if exc.kind == "missing":
            raise RecordError(S("ses_no_save", path=path)) from None
        raise RecordError(S("ses_refused_large" if exc.kind == "too_large" else "ses_in_file", name=path.name, reason=exc.reason)) from None
    if raw.startswith(UTF8_BOM):  # written by an editor that marks UTF-8: read like the rule files
        raw = raw[len(UTF8_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecordError(S("ses_not_text_at", name=path.name, line=line)) from None
    try:
        return record_from_json(text)
    except RecordError as exc:
        raise RecordError(S("ses_in_file", name=path.name, reason=exc)) from None
