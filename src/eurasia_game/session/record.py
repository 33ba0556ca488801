"""The game record: what is saved, and what a replay needs.

A record names the rules it was played under (id, version, fingerprint), the
scenario, the seed and the list of actions.  It is saved as JSON with a format
version and validated with pydantic on load; a record that does not fit the
rules it is replayed under is refused with a sentence saying why.  It also
keeps the fingerprint of the rules less their words (``model.prose``), so a
save still loads after rules changed only their wording.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from eurasia_game.engine.state import Action
from eurasia_game.lang.catalogue import S

RECORD_FORMAT = 1
HUMAN = "human"  # a side played by a person; every other player is a policy name
MAX_RECORD_BYTES = 20_000_000

# Upgrades of older record formats: MIGRATIONS[n] turns the JSON data of a
# format-n record into format n+1.  A released format is never dropped from
# this chain; tests load a stored save of every released format.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}

# Words in a record are printed by ``replay`` and shown in the window, so they
# may not carry control characters (a hostile save could otherwise drive the
# terminal) and stay short.
_PRINTABLE = r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
Word = Annotated[str, StringConstraints(pattern=_PRINTABLE, max_length=64)]


class RecordError(ValueError):
    """A record that cannot be read or does not fit the rules; the message says which."""


class ActionRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    kind: Literal["plan", "commit", "choose", "inject", "note", "pause", "time_up", "arm", "reroll"]
    side: Word
    action: Word | None = None
    target: Word | None = None
    option: Word | None = None
    # The facilitator's acts (engine/facilitator.py): inject card and mode, note text, timer limit.
    card: Word | None = None
    mode: Word | None = None
    text: Annotated[str, StringConstraints(pattern=_PRINTABLE, max_length=500)] | None = None
    seconds: int | None = Field(default=None, ge=0, le=86_400)
    # Arming endings from a year; a what-if roll's seed and the rolls it passes over.
    year: int | None = Field(default=None, ge=1900, le=2200)
    seed: int | None = Field(default=None, ge=0, lt=2**63)
    skip: int | None = Field(default=None, ge=0, le=1000)

    def to_action(self) -> Action:
        return Action.from_dict(self.model_dump(exclude_none=True))

    @classmethod
    def of(cls, action: Action) -> "ActionRecord":
        return cls(**action.to_dict())


class ModEntry(BaseModel):
    """A mod the game was played with: its id and version."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: Word
    version: Word


class GameRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    format: int = Field(description="Version of the record format.")
    rules_id: Word
    rules_version: Word
    rules_fingerprint: str = Field(pattern=r"^[0-9a-f]*$", max_length=64)
    rules_play: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]*$",
        max_length=64,
        description="Fingerprint of the rules less their words (model.prose): the record also replays under rules that changed only words.",
    )
    scenario: Word
    seed: int = Field(ge=0, lt=2**63)
    players: dict[Word, Word] = Field(default_factory=dict, max_length=16, description="Who played each side: 'human' or a policy name.")

    @field_validator("players")
    @classmethod
    def _known_players(cls, players: dict[str, str]) -> dict[str, str]:
        from eurasia_game.session.policies import policy_names

        known = [HUMAN, *policy_names()]
        for side, kind in players.items():
            if kind not in known:
                raise ValueError(S("ses_unknown_player", side=repr(side), player=_short(kind), players=", ".join(known)))
        return players
    actions: list[ActionRecord] = Field(default_factory=list, max_length=100_000)
    mods: list[ModEntry] | None = Field(default=None, max_length=100, description="The mods played with, in load order; left out when there were none.")
    armed_from: int | None = Field(
        default=None, ge=1900, le=2200, description="The year sudden endings and tipping points were armed from at the start; left out for the scenario's own."
    )
    checksum: str | None = Field(
        default=None, pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the record without this field; detects damage and tampering."
    )

    def body_digest(self) -> str:
        return digest(self.model_dump(mode="json", exclude_none=True, exclude={"checksum"}))

    def to_json(self) -> str:
        """The record as JSON, with its checksum filled in."""
        sealed = self.model_copy(update={"checksum": self.body_digest()})
        data = sealed.model_dump(mode="json", exclude_none=True)
        return json.dumps(data, indent=1, sort_keys=True) + "\n"


def digest(data: dict) -> str:
    """SHA-256 of a record's JSON data without its checksum, written canonically.

    It is defined on the data rather than on the model, so a record of an
    older format is checked as it was written, before it is upgraded.
    """
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def _no_duplicates(pairs: list) -> dict:
    out = {}
    for key, value in pairs:
        if key in out:
            raise RecordError(S("ses_dup_key", key=_short(key)))
        out[key] = value
    return out




def _short(value: object, limit: int = 40) -> str:
    """A value quoted for a message: printable and never longer than ``limit``."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def record_from_json(text: str | bytes) -> GameRecord:
    """Parse and validate a record; raises ``RecordError`` with a clear message.

    Records of older formats are upgraded through ``MIGRATIONS``; the
    checksum is required and checked on the record as written.
    """
    if len(text) > MAX_RECORD_BYTES:
        raise RecordError(S("ses_too_large"))
    if isinstance(text, bytes):
        text = text.removeprefix(b"\xef\xbb\xbf")
    else:
        text = text.removeprefix("\ufeff")  # a byte-order mark, as some editors write: accepted like in rule files
    if not text.strip():
        raise RecordError(S("ses_empty"))
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        why = S(_JSON_WORDS.get(exc.msg.split(":")[0], "ses_json_broken"))
        raise RecordError(S("ses_json", line=exc.lineno, column=exc.colno, why=why)) from None
    except UnicodeDecodeError:
        raise RecordError(S("ses_not_text")) from None
    except RecursionError:
        raise RecordError(S("ses_nested")) from None
    except RecordError:
        raise
    except ValueError:  # e.g. a number with thousands of digits
        raise RecordError(S("ses_big_number")) from None
    if not isinstance(data, dict):
        raise RecordError(S("ses_not_object"))
    version = data.get("format")
    if type(version) is not int or not (1 <= version <= RECORD_FORMAT):
        if type(version) is int and version > RECORD_FORMAT:
            raise RecordError(S("ses_format_newer", version=_short(version), current=RECORD_FORMAT))
        if version is None:
            raise RecordError(S("ses_format_missing", current=RECORD_FORMAT))
        raise RecordError(S("ses_format_unknown", version=_short(version), current=RECORD_FORMAT))
    checksum = data.pop("checksum", None)
    if not isinstance(checksum, str):
        raise RecordError(S("ses_no_checksum"))
    try:
        intact = checksum == digest(data)
    except (RecursionError, ValueError):
        intact = False
    if not intact:
        raise RecordError(S("ses_bad_checksum"))
    while version < RECORD_FORMAT:  # the checksum covers the record as written, in its own format
        data = MIGRATIONS[version](data)
        version += 1
        data["format"] = version
    record = _validate(data)
    return record.model_copy(update={"checksum": record.body_digest()})


def _validate(data: dict) -> GameRecord:
    try:
        return GameRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = _short(".".join(str(p) for p in first["loc"]), 60).strip("'\"")
        raise RecordError(S("ses_invalid", where=where, why=_why(first))) from None


# json's messages -> the catalogue's words a player reads
_JSON_WORDS = {
    "Expecting value": "ses_json_value",
    "Expecting property name enclosed in double quotes": "ses_json_name",
    "Expecting ',' delimiter": "ses_json_comma",
    "Expecting ':' delimiter": "ses_json_colon",
    "Unterminated string starting at": "ses_json_string",
    "Extra data": "ses_json_extra",
    "Invalid control character at": "ses_json_control",
    "Invalid \\escape": "ses_json_escape",
}


def _why(error: dict) -> str:
    """One pydantic error of a save, in plain words."""
    kind = error["type"]
    if kind == "missing":
        return S("ses_why_missing")
    if kind == "extra_forbidden":
        return S("ses_why_extra")
    if kind == "string_pattern_mismatch":
        return S("ses_why_pattern")
    if kind in ("string_too_long", "too_long"):
        return S("ses_why_long")
    if kind.startswith("int") or kind in ("greater_than_equal", "less_than"):
        return S("ses_why_int")
    if kind.startswith("string"):
        return S("ses_why_string")
    if kind in ("dict_type", "model_type"):
        return S("ses_why_dict")
    if kind == "list_type":
        return S("ses_why_list")
    if kind == "value_error":
        return str(error.get("msg", "")).removeprefix("Value error, ")
    if kind == "literal_error":
        return S("ses_why_literal", value=_short(error.get("input")), expected=error.get("ctx", {}).get("expected", ""))
    return S("ses_why_other")


def mod_mismatch(rules, record: GameRecord) -> str | None:
    """Which mods the save needs that are not loaded (or differ), or None."""
    saved = {m.id: m.version for m in record.mods or ()}
    loaded = {m.id: m.version for m in getattr(rules, "mods", ())}
    sep = S("cli_list_sep")
    missing = [S("ses_mod", id=i, version=v) for i, v in saved.items() if i not in loaded]
    if missing:
        return S("ses_mods_missing", mods=sep.join(missing))
    other = [S("ses_mod_other", id=i, saved=v, loaded=loaded[i]) for i, v in saved.items() if loaded[i] != v]
    if other:
        return S("ses_mods_other", mods=sep.join(other))
    extra = [i for i in loaded if i not in saved]
    if extra:
        return S("ses_mods_extra", mods=sep.join(extra))
    return None


def _same_play(rules, record: GameRecord) -> bool:
    """The rules differ from the record's only in words (a record written before the play
    fingerprint existed cannot tell, and is held to the full fingerprint)."""
    from eurasia_game.model.prose import play_fingerprint

    return bool(record.rules_play) and record.rules_play == play_fingerprint(rules)


def mismatch(rules, record: GameRecord) -> str | None:
    """Why ``record`` cannot be replayed under ``rules``, or None if it fits."""
    problem = mod_mismatch(rules, record)
    if problem:
        return problem
    if record.rules_id != rules.game.id:
        return S("ses_rules_id", saved=record.rules_id, loaded=rules.game.id)
    if record.rules_fingerprint != rules.fingerprint and not _same_play(rules, record):
        return S(
            "ses_rules_other", version=record.rules_version, fingerprint=record.rules_fingerprint,
            our_version=rules.game.version, our_fingerprint=rules.fingerprint,
        )
    if record.scenario not in rules.scenario:
        return S("ses_scenario", scenario=record.scenario)
    return None
