"""Reading a file a user named, bounded before a byte is read.

Rule files, mod manifests, saves, class files, settings and the files
``upgrade`` edits all come from the user's disk, and any of them may be a
folder, a pipe that never ends, a device such as ``/dev/zero`` or a sparse
file of a gigabyte.  ``read_bounded`` opens the path without blocking, looks
at the open file (so a swap between the check and the read cannot fool it),
refuses anything that is not a regular file or is larger than the limit, and
then reads at most ``limit + 1`` bytes, so memory stays bounded whatever the
path is.  Every refusal is a ``FileRefused`` with a sentence for the player
(in the language chosen, from ``assets/words/problems.json``) and a ``kind``
that code tests instead of the words.

It sits at the top of the package, below every layer, because loading,
sessions and the window all read user files through it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from eurasia_game.lang.catalogue import S

UTF8_BOM = b"\xef\xbb\xbf"


class FileRefused(OSError):
    """A file that is not read; ``reason`` says why in plain words, ``kind`` in one word for code.

    ``kind`` is one of "missing", "folder", "unreadable", "not_file", "too_large", "not_text".
    """

    def __init__(self, reason: str, kind: str = "unreadable"):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind

    def __str__(self) -> str:
        return self.reason


# what callers call a file -> its catalogue key
_WHAT = {
    "file": "prob_what_file", "rule file": "prob_what_rule_file", "save": "prob_what_save",
    "settings file": "prob_what_settings_file", "marker": "prob_what_marker",
}


def _what(what: str) -> str:
    key = _WHAT.get(what)
    return S(key) if key else what


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return S("prob_file_kind_folder")
    if stat.S_ISFIFO(mode):
        return S("prob_file_kind_pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return S("prob_file_kind_device")
    if stat.S_ISSOCK(mode):
        return S("prob_file_kind_socket")
    return S("prob_file_kind_other")


def _megabytes(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    return f"{limit / 1000:g} kB"


def read_bounded(path: Path | str, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them, or ``FileRefused``.

    ``what`` names the file in messages ("rule file", "save").
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileRefused(S("prob_file_missing", what=_what(what)), "missing") from None
    except IsADirectoryError:
        raise FileRefused(S("prob_file_is_folder", what=_what(what)), "folder") from None
    except OSError as exc:
        raise FileRefused(S("prob_file_unreadable", what=_what(what), reason=exc.strerror or exc), "unreadable") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(S("prob_file_not_file", what=_what(what), kind=_kind(info.st_mode)), "not_file")
        if info.st_size > limit:
            raise FileRefused(S("prob_file_too_large", what=_what(what), size=_megabytes(limit)), "too_large")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            except BlockingIOError:  # pragma: no cover - regular files never block
                break
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # the file grew after fstat
            raise FileRefused(S("prob_file_too_large", what=_what(what), size=_megabytes(limit)), "too_large")
        return b"".join(chunks)
    except FileRefused:
        raise
    except OSError as exc:
        raise FileRefused(S("prob_file_unreadable", what=_what(what), reason=exc.strerror or exc), "unreadable") from None
    finally:
        os.close(fd)


def read_text_bounded(path: Path | str, limit: int, what: str = "file") -> str:
    """``read_bounded`` decoded as UTF-8, a leading byte-order mark dropped; ``FileRefused`` if not text."""
    raw = read_bounded(path, limit, what)
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileRefused(S("prob_file_not_text", what=_what(what), line=line), "not_text") from None
