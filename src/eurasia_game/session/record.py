"""The game record: what is saved, and what a replay needs.

A record names the rules it was played under (id, version, fingerprint), the
scenario, the seed and the list of actions.  It is saved as JSON with a format
version and validated with pydantic on load; a record that does not fit the
rules it is replayed under is refused with a sentence saying why.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eurasia_game.engine.state import Action

RECORD_FORMAT = 1
MAX_RECORD_BYTES = 20_000_000


class RecordError(ValueError):
    """A record that cannot be read or does not fit the rules; the message says which."""


class ActionRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    kind: Literal["plan", "commit", "choose", "inject", "note", "pause", "time_up"]
    side: str = Field(max_length=64)
    action: str | None = Field(default=None, max_length=64)
    target: str | None = Field(default=None, max_length=64)
    option: str | None = Field(default=None, max_length=64)
    # The facilitator's acts (engine/facilitator.py): inject card and mode, note text, timer limit.
    card: str | None = Field(default=None, max_length=64)
    mode: str | None = Field(default=None, max_length=64)
    text: str | None = Field(default=None, max_length=500)
    seconds: int | None = Field(default=None, ge=0, le=86_400)

    def to_action(self) -> Action:
        return Action.from_dict(self.model_dump(exclude_none=True))

    @classmethod
    def of(cls, action: Action) -> "ActionRecord":
        return cls(**action.to_dict())


class GameRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    format: int = Field(description="Version of the record format.")
    rules_id: str = Field(max_length=64)
    rules_version: str = Field(max_length=32)
    rules_fingerprint: str = Field(max_length=64)
    scenario: str = Field(max_length=64)
    seed: int = Field(ge=0, lt=2**63)
    players: dict[str, str] = Field(default_factory=dict, description="Who played each side: 'human' or a policy name.")
    actions: list[ActionRecord] = Field(default_factory=list, max_length=100_000)
    checksum: str | None = Field(default=None, description="SHA-256 of the record without this field; detects damage and tampering.")

    def body_digest(self) -> str:
        data = self.model_dump(mode="json", exclude_none=True, exclude={"checksum"})
        blob = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()

    def to_json(self) -> str:
        """The record as JSON, with its checksum filled in."""
        sealed = self.model_copy(update={"checksum": self.body_digest()})
        data = sealed.model_dump(mode="json", exclude_none=True)
        return json.dumps(data, indent=1, sort_keys=True) + "\n"


def record_from_json(text: str | bytes) -> GameRecord:
    """Parse and validate a record; raises ``RecordError`` with a clear message."""
    if len(text) > MAX_RECORD_BYTES:
        raise RecordError("the save is too large to be a game record")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RecordError(f"the save is not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc}); it may be truncated or damaged") from None
    except RecursionError:
        raise RecordError("the save is nested too deeply to be a game record") from None
    if not isinstance(data, dict):
        raise RecordError("the save is not a game record (expected a JSON object)")
    version = data.get("format")
    if version != RECORD_FORMAT:
        raise RecordError(f"the save has record format {version!r}, but this version of the game reads format {RECORD_FORMAT}")
    try:
        record = GameRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RecordError(f"the save is damaged: {where}: {first['msg']}") from None
    if record.checksum is not None and record.checksum != record.body_digest():
        raise RecordError("the save's checksum does not match its content: it was damaged or edited by hand")
    return record


def mismatch(rules, record: GameRecord) -> str | None:
    """Why ``record`` cannot be replayed under ``rules``, or None if it fits."""
    if record.rules_id != rules.game.id:
        return f"the save was made with the rules '{record.rules_id}', not '{rules.game.id}'"
    if record.rules_fingerprint != rules.fingerprint:
        return (
            f"the save was made with other rules (version {record.rules_version}, fingerprint {record.rules_fingerprint}); "
            f"these are version {rules.game.version}, fingerprint {rules.fingerprint}"
        )
    if record.scenario not in rules.scenario:
        return f"the save's scenario '{record.scenario}' does not exist in these rules"
    return None
