"""Writing a file in one step: the old version or the new one, never half of each.

The text goes to a temporary file in the same folder, is flushed to disk,
and then replaces the target.  Saves (``session.saves``) and the settings
file use it; it needs nothing of the game, so the window can write its
settings before any game code is loaded.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
    except BaseException as exc:  # the temporary file never outlives a failed write
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, (OSError, ValueError)):
            raise SaveError(f"cannot save to {path}: {getattr(exc, 'strerror', None) or exc}") from None
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of a replaced file too, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
