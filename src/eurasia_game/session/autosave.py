"""Autosaves after every action, and resuming a game after a crash.

The window hands the game's record to an ``Autosaver`` after every action.
Each autosave is a new numbered file (``autosave-000042.json``) written
atomically and read back before the oldest ones beyond ``keep`` are removed,
so a failed or damaged write never costs a good autosave.

``begin()`` leaves a marker file saying a game is in progress and which
autosave number it started at; ``end()`` removes it on a clean exit.  If the
marker is still there at the next start, the last run crashed or was killed,
and ``find_resumable()`` returns the newest autosave of that game that reads
cleanly (and, given the rules, still replays), losing at most the action that
was in progress.

Nothing here raises for trouble on disk: a full disk or an unwritable folder
comes back as a message for the window, and the game goes on.

The cost of an autosave must not grow with the game, so most actions are not
written as a whole record: ``save_game`` appends the one new action as a line
to a journal beside the newest full autosave (``autosave-000042.journal``),
and writes a full autosave only every ``FULL_EVERY`` actions, when the game
went back (an undo, a rewind) or when the journal cannot be written.  Each
journal line carries a checksum chained to the line before it and, for the
first line, to the full autosave, so a torn or edited line ends the journal
there: what comes before it, and every older autosave, stays good.  Reading
an autosave (``read_autosave``) folds its journal in.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from eurasia_game.lang.catalogue import S
from eurasia_game.safefile import read_text_bounded
from eurasia_game.session.folders import RESUME_MARKER, autosave_dir, autosave_files  # noqa: F401  (autosave_files is part of this module's API)
from eurasia_game.session.record import GameRecord, RecordError
from eurasia_game.session.saves import SaveError, atomic_write_text, read_record, write_record

KEEP = 5
FULL_EVERY = 50  # actions journaled after a full autosave before the next full one
_MAX_JOURNAL_BYTES = 20_000_000
MARKER = RESUME_MARKER
_STALE_TEMP = re.compile(r"^\.(autosave-\d{1,12}\.json|" + re.escape(MARKER) + r")\..*\.tmp$")
_MAX_MARKER_BYTES = 10_000


@dataclass(frozen=True)
class Resumable:
    """The autosave a crashed game can resume from."""

    path: Path
    record: GameRecord
    passed_over: tuple[str, ...] = ()  # why newer autosaves of that game were not used


def autosave_name(number: int) -> str:
    return f"autosave-{number:06d}.json"


class Autosaver:
    """Keeps the last ``keep`` autosaves of the game being played in ``folder``.

    ``last_error`` holds the message of the last failed save (None after a
    successful one), for the window to show.
    """

    def __init__(self, folder: Path | str | None = None, keep: int = KEEP):
        self.folder = Path(folder) if folder is not None else autosave_dir()
        self.keep = max(1, int(keep))
        self.last_error: str | None = None
        self.last_path: Path | None = None
        self._last_digest: str | None = None
        # the journal beside the newest full autosave: the session it follows,
        # how many actions are saved, the last step saved, the chain's last sum
        self._session = None
        self._count = 0
        self._last_step = None
        self._since_full = 0
        self._chain: str | None = None

    # --- the marker of a game in progress ----------------------------------
    def begin(self) -> str | None:
        """Mark a new game as in progress; returns a message if that failed."""
        self._remove_stale_temps()
        self._last_digest = None
        first = self._next_number()
        text = json.dumps({"format": 1, "pid": os.getpid(), "first": first}) + "\n"
        try:
            atomic_write_text(self.folder / MARKER, text)
        except SaveError as exc:
            self.last_error = S("ses_autosave_off", reason=exc)
            return self.last_error
        return None

    def end(self) -> None:
        """The game was closed cleanly: no resume will be offered for it."""
        forget_resumable(self.folder)

    # --- saving ------------------------------------------------------------
    def save(self, record: GameRecord) -> str | None:
        """Autosave ``record``; returns None, or a message saying why it failed."""
        digest = record.body_digest()
        if digest == self._last_digest and self.last_path is not None and self.last_path.exists():
            return None  # nothing changed since the last autosave
        path = self.folder / autosave_name(self._next_number())
        try:
            write_record(path, record)
            if read_record(path).body_digest() != digest:
                raise RecordError(S("ses_autosave_differs"))
        except (SaveError, RecordError) as exc:
            _unlink(path)
            self.last_error = S("ses_autosave_failed", reason=exc)
            return self.last_error
        except OSError as exc:  # pragma: no cover - write_record turns these into SaveError
            _unlink(path)
            self.last_error = S("ses_autosave_failed", reason=exc.strerror or exc)
            return self.last_error
        self.last_path = path
        self._last_digest = digest
        self.last_error = None
        for _, old in autosave_files(self.folder)[self.keep :]:
            _unlink(old)
            _unlink(journal_path(old))
        return None

    def save_game(self, session) -> str | None:
        """Autosave ``session`` after an action: one journal line, or now and then a full autosave.

        Returns None, or a message saying why it failed (the game goes on).
        """
        steps = session.steps
        count = len(steps) - 1
        follows = (
            session is self._session
            and self.last_path is not None
            and count == self._count + 1
            and steps[-2] is self._last_step
            and self._since_full < FULL_EVERY
        )
        if follows:
            action = steps[-1].action.to_dict()
            blob = json.dumps(action, sort_keys=True, separators=(",", ":"))
            chain = _chain_sum(self._chain, count, blob)
            line = json.dumps({"n": count, "action": action, "sum": chain}, sort_keys=True, separators=(",", ":")) + "\n"
            try:
                _append(journal_path(self.last_path), line)
            except OSError:
                pass  # a full autosave below says whether the disk is really in trouble
            else:
                self._count, self._last_step, self._chain = count, steps[-1], chain
                self._since_full += 1
                self.last_error = None
                return None
        error = self.save(session.record())
        if error is None:
            self._session, self._count, self._last_step = session, count, steps[-1]
            self._since_full, self._chain = 0, self._last_digest
        return error

    # --- helpers -----------------------------------------------------------
    def _next_number(self) -> int:
        files = autosave_files(self.folder)
        return files[0][0] + 1 if files else 1

    def _remove_stale_temps(self) -> None:
        """Temporary files left by a run that was killed in the middle of a write."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if _STALE_TEMP.match(name):
                _unlink(self.folder / name)


def find_resumable(folder: Path | str | None = None, rules=None) -> Resumable | None:
    """The newest autosave of a game that did not end cleanly, or None.

    With ``rules``, only an autosave that fits those rules and replays under
    them is offered.  Damaged autosaves are passed over (their messages are
    in ``passed_over``); an older good one is offered instead.
    """
    folder = Path(folder) if folder is not None else autosave_dir()
    first = _marker_first(folder)
    if first is None:
        return None
    passed_over: list[str] = []
    for number, path in autosave_files(folder):
        if number < first:
            break
        try:
            record = read_autosave(path)
            if rules is not None:
                _check_replays(rules, record)
        except RecordError as exc:
            passed_over.append(str(exc))
            continue
        return Resumable(path, record, tuple(passed_over))
    return None


def forget_resumable(folder: Path | str | None = None) -> None:
    """Remove the marker of a game in progress (after a clean exit, or when the player declines to resume)."""
    folder = Path(folder) if folder is not None else autosave_dir()
    _unlink(folder / MARKER)


def _marker_first(folder: Path) -> int | None:
    """The first autosave number of the unfinished game, or None if there is none."""
    path = folder / MARKER
    try:
        if not path.is_file() or path.stat().st_size > _MAX_MARKER_BYTES:
            return None
        data = json.loads(read_text_bounded(path, _MAX_MARKER_BYTES, "marker"))
    except (OSError, ValueError, RecursionError):
        return 1 if path.exists() else None  # a damaged marker still says the game did not end cleanly
    first = data.get("first") if isinstance(data, dict) else None
    return first if type(first) is int and first >= 1 else 1


def _check_replays(rules, record: GameRecord) -> None:
    from eurasia_game.session.replay import replay_steps

    for _ in replay_steps(rules, record):
        pass


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _append(path: Path, line: str) -> None:
    """Add a line to a journal (no fsync: a killed game's lines are safe with the system)."""
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line)


def journal_path(full: Path) -> Path:
    """The journal of actions after the full autosave ``full``."""
    return Path(full).with_suffix(".journal")


def _chain_sum(previous: str | None, number: int, blob: str) -> str:
    return hashlib.sha256(f"{previous}|{number}|{blob}".encode()).hexdigest()


def read_autosave(path: Path | str) -> GameRecord:
    """An autosave with the actions of its journal folded in (raises RecordError like ``read_record``).

    The journal is read up to its first line that is torn, edited or out of
    order; the full autosave and the lines before that are kept.
    """
    record = read_record(path)
    return with_journal(path, record)


def with_journal(path: Path | str, record: GameRecord) -> GameRecord:
    """``record`` (read from ``path``) and the actions journaled after it, if there is a journal."""
    from eurasia_game.session.record import ActionRecord

    journal = journal_path(Path(path))
    try:
        if not journal.is_file() or journal.stat().st_size > _MAX_JOURNAL_BYTES:
            return record
        lines = journal.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return record
    chain = record.body_digest()
    actions = list(record.actions)
    for raw in lines:
        try:
            data = json.loads(raw)
            number, action, given = data["n"], data["action"], data["sum"]
            blob = json.dumps(action, sort_keys=True, separators=(",", ":"))
            if number != len(actions) + 1 or given != _chain_sum(chain, number, blob):
                break
            entry = ActionRecord(**action)
        except (ValueError, TypeError, KeyError, RecursionError):
            break
        actions.append(entry)
        chain = given
    if len(actions) == len(record.actions):
        return record
    joined = record.model_copy(update={"actions": actions, "checksum": None})
    return joined.model_copy(update={"checksum": joined.body_digest()})
