"""Writing and reading save files without ever losing a good one.

Writes go to a temporary file in the same folder, are flushed to disk, and
then replace the target in one step, so a crash or a full disk leaves either
the old save or the new one, never half of each.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from eurasia_game.session.record import MAX_RECORD_BYTES, GameRecord, RecordError, record_from_json


class SaveError(OSError):
    """A save could not be written; the message says why in plain words."""


def atomic_write_text(path: Path | str, text: str) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise SaveError(f"cannot write in {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise SaveError(f"cannot save to {path}: {exc.strerror or exc}") from None


def write_record(path: Path | str, record: GameRecord) -> None:
    atomic_write_text(path, record.to_json())


def read_record(path: Path | str) -> GameRecord:
    """Read a save; raises ``RecordError`` with a message for the player."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_RECORD_BYTES:
            raise RecordError(f"{path.name} is too large to be a game save")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RecordError(f"there is no save at {path}") from None
    except OSError as exc:
        raise RecordError(f"{path.name} cannot be read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordError(f"{path.name} is not a game save (it is not UTF-8 text)") from None
    try:
        return record_from_json(text)
    except RecordError as exc:
        raise RecordError(f"{path.name}: {exc}") from None
