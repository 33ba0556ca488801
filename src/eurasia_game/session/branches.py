"""A class's game with its "what if" branches: rewind to an earlier year and play on.

A seminar may stop, go back to the start of an earlier year and play on from
there.  The original line is kept: a ``ClassGame`` holds the trunk and every
branch, each a complete game record of its own (the shared prefix plus what
was played after the fork), so each can be replayed, reported or continued
alone.  A branch remembers its parent and its fork point (the year, and how
many actions it shares with the parent), so the debrief can show the lines
side by side.

Rewinding is a replay of the record's prefix up to the first action of the
chosen year; the engine is deterministic, so the branch starts from exactly
the position the class saw.  A class is saved as one JSON file with its own
checksum; every branch's record inside it keeps its own as well.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eurasia_game.safefile import UTF8_BOM, FileRefused, read_bounded
from eurasia_game.engine.decided import decided_by, rolls
from eurasia_game.engine.state import FACILITATOR, Action
from eurasia_game.engine.views import visible
from eurasia_game import lang
from eurasia_game.lang.catalogue import S, english, words
from eurasia_game.session.record import ActionRecord, GameRecord, RecordError, digest, record_from_json
from eurasia_game.session.replay import replay_steps
from eurasia_game.session.saves import atomic_write_text
from eurasia_game.session.session import GameSession

CLASS_FORMAT = 1
CLASS_KIND = "eurasia-class"
MAX_BRANCHES = 64
MAX_CLASS_BYTES = 64_000_000
TRUNK = "trunk"
_PRINTABLE = r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"


class TimerSettings(BaseModel):
    """The turn timer a class played with (kept so a reopened class runs the same)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    seconds: int | None = Field(default=None, ge=10, le=3600, description="Time for each side's decision; None: no timer.")
    rule: Literal["warn", "commit"] = Field(default="warn", description="When time runs out: a mark in the log, or the decision is taken as it stands.")
    preset: str | None = Field(default=None, max_length=32, description="The class-length preset chosen on the new-game screen.")


class ClassHeader(BaseModel):
    """What a class file says besides its lines of play."""

    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)

    title: str = Field(default="", max_length=200, pattern=_PRINTABLE)
    current: str = Field(default=TRUNK, pattern=r"^[a-z0-9_]{1,32}$")
    timer: TimerSettings = Field(default_factory=TimerSettings)


class BranchInfo(BaseModel):
    """Where a branch comes from (the trunk has no parent)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: str = Field(pattern=r"^[a-z0-9_]{1,32}$")
    name: str = Field(min_length=1, max_length=80, pattern=_PRINTABLE)
    parent: str | None = Field(default=None, pattern=r"^[a-z0-9_]{1,32}$")
    fork_year: int | None = Field(default=None, ge=1900, le=2200)
    fork_at: int = Field(default=0, ge=0, description="How many actions the branch shares with its parent.")
    reroll_seed: int | None = Field(default=None, ge=0, lt=2**63, description="A what-if roll: the seed its die came from.")


def _given_name(info: BranchInfo) -> tuple[str, dict] | None:
    """The catalogue key and values of the name the game gives a line like ``info`` (None: a line it never names)."""
    if info.id == TRUNK:
        return "ses_line_original", {}
    match = re.fullmatch(r"b([0-9]+)", info.id)
    if match is None or info.fork_year is None:
        return None
    number = int(match.group(1)) + 1
    if info.reroll_seed is not None:
        return "ses_line_reroll", {"year": info.fork_year, "seed": info.reroll_seed, "number": number}
    return "ses_line_rewind", {"year": info.fork_year, "number": number}


def line_name(info: BranchInfo) -> str:
    """The line's name to show: a name the game gave it, in whichever language, now in the current one.

    A class file keeps each line's name as written when the line began, so a
    class begun in English and reported in German would still say "Original
    game"; a name a person wrote is shown as it is.
    """
    given = _given_name(info)
    if given is None:
        return info.name
    key, values = given
    source = english()[key]
    for code in lang.NAMES:
        if info.name == Template(words(key, source, code)).safe_substitute({k: str(v) for k, v in values.items()})[:80]:
            return S(key, **values)[:80]
    return info.name


def shown_info(info: BranchInfo) -> BranchInfo:
    """``info`` with ``line_name``'s name (the same object when nothing changes)."""
    name = line_name(info)
    return info if name == info.name else info.model_copy(update={"name": name})


@dataclass
class Branch:
    info: BranchInfo
    record: GameRecord


def year_starts(rules, record: GameRecord) -> dict[int, int]:
    """For every year the record reached: how many actions come before its first decision."""
    starts: dict[int, int] = {}
    for index, result in enumerate(replay_steps(rules, record)):
        state = result.state
        if not state.over and state.year not in starts:
            starts[state.year] = index
    return starts


def prefix(record: GameRecord, count: int) -> GameRecord:
    """The record of the first ``count`` actions (a new, unsealed record)."""
    return record.model_copy(update={"actions": list(record.actions[:count]), "checksum": None})


def roll_step(session: GameSession, event_index: int) -> tuple[int, int]:
    """Where a roll in the public log was made: (step index, rolls made before it in that step).

    Step 0 is the start of the game; step i > 0 is the result of action i - 1.
    """
    count = 0
    for index, step in enumerate(session.steps):
        public = [e for e in step.result.events if visible(e, None)]
        if count <= event_index < count + len(public):
            return index, sum(1 for e in public[: event_index - count] if e.kind == "chance")
        count += len(public)
    raise ValueError(S("ses_roll_not_in_log"))


def deciding_roll(rules, session: GameSession):
    """The roll a what-if replays: the one that decided the game, else the last that mattered (or None)."""
    events = session.events(None)
    decision = decided_by(rules, session.state, events)
    if decision is not None and decision.roll is not None:
        return decision.roll
    mattered = rolls(events, mattered_only=True)
    return mattered[-1] if mattered else None


@dataclass
class ClassGame:
    """A class's game: the branch being played (a live session) and the others (records)."""

    rules: object
    branches: list[Branch]
    current: str
    session: GameSession
    title: str = ""
    timer: TimerSettings = field(default_factory=TimerSettings)

    @classmethod
    def new(cls, rules, session: GameSession, title: str = "", timer: TimerSettings | None = None) -> "ClassGame":
        info = BranchInfo(id=TRUNK, name=S("ses_line_original"))
        return cls(rules, [Branch(info, session.record())], TRUNK, session, title, timer or TimerSettings())

    # --- looking ---------------------------------------------------------------
    def branch(self, branch_id: str) -> Branch:
        for branch in self.branches:
            if branch.info.id == branch_id:
                return branch
        raise KeyError(f"there is no branch '{branch_id}'")

    def sync(self) -> None:
        """Copy the live session's record into its branch."""
        self.branch(self.current).record = self.session.record()

    def rewind_years(self) -> list[int]:
        """The years the current line can be rewound to (each differs from the line itself)."""
        record = self.session.record()
        return [y for y, at in year_starts(self.rules, record).items() if at < len(record.actions)]

    # --- branching -------------------------------------------------------------
    def rewind(self, year: int) -> GameSession:
        """Start a new branch at the start of ``year`` of the current line and play it.

        The current line stays as it was.  Raises ``ValueError`` with a sentence
        if the year cannot be rewound to.
        """
        if len(self.branches) >= MAX_BRANCHES:
            raise ValueError(S("ses_max_lines", count=MAX_BRANCHES))
        self.sync()
        record = self.session.record()
        starts = year_starts(self.rules, record)
        if year not in starts:
            years = S("cli_list_sep").join(str(y) for y in starts) or S("ses_none")
            raise ValueError(S("ses_never_reached", year=year, years=years))
        at = starts[year]
        if at >= len(record.actions):
            raise ValueError(S("ses_nothing_since", year=year))
        number = 1 + sum(1 for b in self.branches if b.info.parent is not None)
        ids = {b.info.id for b in self.branches}
        while f"b{number}" in ids:
            number += 1
        info = BranchInfo(id=f"b{number}", name=S("ses_line_rewind", year=year, number=number + 1), parent=self.current, fork_year=year, fork_at=at)
        branch_record = prefix(record, at)
        self.session = GameSession.from_record(self.rules, branch_record)
        self.branches.append(Branch(info, self.session.record()))
        self.current = info.id
        return self.session

    def reroll(self, event_index: int | None = None) -> GameSession:
        """Branch the position before a roll and roll it again with the next seed (a what-if line).

        ``event_index`` is the roll's place in the current line's public log
        (default: the roll that decided the game, else the last that mattered).
        The new line is the shared prefix, the facilitator's ``reroll`` act and
        the action whose step made the roll; each further what-if at the same
        roll takes the seed after the last.  Raises ``ValueError`` with a
        sentence when there is no roll to replay.
        """
        if len(self.branches) >= MAX_BRANCHES:
            raise ValueError(S("ses_max_lines", count=MAX_BRANCHES))
        self.sync()
        session = self.session
        if event_index is None:
            roll = deciding_roll(self.rules, session)
            if roll is None:
                raise ValueError(S("ses_no_roll_mattered"))
            event_index = roll.index
        roll = next((r for r in rolls(session.events(None)) if r.index == event_index), None)
        if roll is None:
            raise ValueError(S("ses_no_roll_there"))
        at, skip = roll_step(session, event_index)
        record = session.record()
        fork_at = max(at - 1, 0)
        tries = sum(1 for b in self.branches if b.info.parent == self.current and b.info.fork_at == fork_at and b.info.reroll_seed is not None)
        seed = (record.seed + 1 + tries) % 2**63
        if at == 0:
            # Rolled before the first decision: the what-if line starts again from the next seed.
            branch_record = record.model_copy(update={"actions": [], "seed": seed, "checksum": None})
        else:
            act = ActionRecord.of(Action("reroll", FACILITATOR, seed=seed, skip=skip))
            branch_record = record.model_copy(update={"actions": [*record.actions[:fork_at], act, record.actions[at - 1]], "checksum": None})
        ids = {b.info.id for b in self.branches}
        number = 1 + sum(1 for b in self.branches if b.info.parent is not None)
        while f"b{number}" in ids:
            number += 1
        name = S("ses_line_reroll", year=roll.year, seed=seed, number=number + 1)
        info = BranchInfo(id=f"b{number}", name=name[:80], parent=self.current, fork_year=roll.year, fork_at=fork_at, reroll_seed=seed)
        self.session = GameSession.from_record(self.rules, branch_record)
        self.branches.append(Branch(info, self.session.record()))
        self.current = info.id
        return self.session

    def switch(self, branch_id: str) -> GameSession:
        """Continue playing another line (its record is replayed)."""
        self.sync()
        branch = self.branch(branch_id)
        self.session = GameSession.from_record(self.rules, branch.record)
        self.current = branch_id
        return self.session

    # --- saving ----------------------------------------------------------------
    def to_record(self) -> "ClassRecord":
        """The class as it stands, as records (for reports)."""
        self.sync()
        return ClassRecord(self.title, self.current, self.timer, tuple(Branch(b.info, b.record) for b in self.branches))

    def to_json(self) -> str:
        self.sync()
        data = {
            "format": CLASS_FORMAT,
            "kind": CLASS_KIND,
            "title": self.title,
            "current": self.current,
            "timer": self.timer.model_dump(),
            "branches": [{"info": b.info.model_dump(), "record": json.loads(b.record.to_json())} for b in self.branches],
        }
        data["checksum"] = digest(data)
        return json.dumps(data, indent=1, sort_keys=True) + "\n"

    def save(self, path: Path | str) -> None:
        """Write the class atomically (raises ``saves.SaveError`` with a sentence)."""
        atomic_write_text(path, self.to_json())


@dataclass(frozen=True)
class ClassRecord:
    """A saved class, read back: its lines of play as records, trunk first."""

    title: str
    current: str
    timer: TimerSettings
    branches: tuple[Branch, ...]

    def open(self, rules) -> ClassGame:
        """A ``ClassGame`` playing the current line again (raises RecordError if it does not fit)."""
        current = next(b for b in self.branches if b.info.id == self.current)
        session = GameSession.from_record(rules, current.record)
        return ClassGame(rules, [Branch(b.info, b.record) for b in self.branches], self.current, session, self.title, self.timer)


def class_from_json(text: str) -> ClassRecord:
    """Read a saved class or a single game record (as a class of one line).

    Raises ``RecordError`` with a sentence for anything that is not one.
    """
    if len(text) > MAX_CLASS_BYTES:
        raise RecordError(S("ses_class_too_large"))
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError):
        data = None
    if not isinstance(data, dict) or data.get("kind") != CLASS_KIND:
        record = record_from_json(text)  # says what is wrong with it
        return ClassRecord("", TRUNK, TimerSettings(), (Branch(BranchInfo(id=TRUNK, name=S("ses_line_original")), record),))
    if data.get("format") != CLASS_FORMAT:
        raise RecordError(S("ses_class_format", format=repr(data.get("format")), current=CLASS_FORMAT))
    checksum = data.pop("checksum", None)
    if not isinstance(checksum, str) or checksum != digest(data):
        raise RecordError(S("ses_class_checksum"))
    raw = data.get("branches")
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_BRANCHES:
        raise RecordError(S("ses_class_count", count=MAX_BRANCHES))
    branches = []
    try:
        header = ClassHeader.model_validate({k: data[k] for k in ("title", "current", "timer") if k in data})
        for number, entry in enumerate(raw, start=1):
            if not isinstance(entry, dict) or set(entry) != {"info", "record"}:
                raise RecordError(S("ses_class_line_damaged", number=number))
            info = shown_info(BranchInfo.model_validate(entry["info"]))
            try:
                record = record_from_json(json.dumps(entry["record"]))
            except RecordError as exc:
                raise RecordError(S("ses_class_line", number=number, name=info.name, reason=exc)) from None
            branches.append(Branch(info, record))
    except ValidationError as exc:
        first = exc.errors()[0]
        from eurasia_game.session.record import _why

        raise RecordError(S("ses_class_invalid", where=".".join(str(p) for p in first["loc"]), why=_why(first))) from None
    ids = [b.info.id for b in branches]
    if len(set(ids)) != len(ids) or branches[0].info.parent is not None:
        raise RecordError(S("ses_class_not_tree"))
    if any(b.info.parent not in ids[:i] for i, b in enumerate(branches) if i):
        raise RecordError(S("ses_class_bad_parent"))
    current = header.current if header.current in ids else ids[0]
    return ClassRecord(header.title, current, header.timer, tuple(branches))


def read_class(path: Path | str) -> ClassRecord:
    """Read a class file or a single game save from disk; RecordError says what is wrong."""
    path = Path(path)
    try:
        raw = read_bounded(path, MAX_CLASS_BYTES, "save")
    except FileRefused as exc:
        if exc.kind == "missing":
            raise RecordError(S("ses_no_save", path=path)) from None
        raise RecordError(S("ses_refused_large" if exc.kind == "too_large" else "ses_in_file", name=path.name, reason=exc.reason)) from None
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecordError(S("ses_not_text_at", name=path.name, line=line)) from None
    try:
        return class_from_json(text)
    except RecordError as exc:
        raise RecordError(S("ses_in_file", name=path.name, reason=exc)) from None
