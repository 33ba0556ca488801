"""Which fields of the rule models are prose: words a player reads, nothing play depends on.

Fields declared as ``Text`` (``model.base``) carry a ``Prose`` marker.  Two
things need to find them: translations (``loading.translations``), which
replace exactly these, and the play fingerprint below, which leaves them out
so that a save still loads after a change of wording only (a corrected log
line, a clearer card text).
"""

from __future__ import annotations

import hashlib
import json
import types
import typing
from functools import lru_cache

from pydantic import BaseModel

from eurasia_game.model.base import Prose
from eurasia_game.model.ruleset import complete_models

complete_models()  # the recursive models' field annotations, which finding the prose fields reads


def prose_kind(annotation, metadata=()) -> str | None:
    """'text' for a prose field, 'list'/'dict' for collections of prose, else None."""
    if any(isinstance(m, Prose) for m in metadata):
        return "text"
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return "text" if any(isinstance(m, Prose) for m in args[1:]) else None
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            kind = prose_kind(arg)
            if kind:
                return kind
        return None
    if origin in (list, tuple) and args and prose_kind(args[0]) == "text":
        return "list"
    if origin is dict and len(args) == 2 and prose_kind(args[1]) == "text":
        return "dict"
    return None


@lru_cache(maxsize=None)
def prose_fields(cls) -> tuple[tuple[str, str | None], ...]:
    """(field name, prose kind or None) of a rule model class, worked out once per class."""
    return tuple((name, prose_kind(info.annotation, info.metadata)) for name, info in cls.model_fields.items())


def _strip(value, data) -> None:
    """Delete from ``data`` (``value``'s JSON dump) every prose field, at every depth."""
    if isinstance(value, BaseModel):
        for name, kind in prose_fields(type(value)):
            if name not in data:
                continue
            if kind:
                del data[name]
            else:
                inner = getattr(value, name)
                if isinstance(inner, (BaseModel, list, tuple, dict)):
                    _strip(inner, data[name])
    elif isinstance(value, (list, tuple)):
        for inner, part in zip(value, data):
            if isinstance(inner, (BaseModel, list, tuple, dict)):
                _strip(inner, part)
    elif isinstance(value, dict):
        for key, inner in value.items():
            if isinstance(inner, (BaseModel, list, tuple, dict)) and str(key) in data:
                _strip(inner, data[str(key)])


# Worked out when a record is written or checked, not at every load (it costs about as much
# again as the full fingerprint); kept for the last few rule sets, by identity.
_KEPT: dict[int, tuple] = {}


def play_fingerprint(rules) -> str:
    """A short hash of what the rules play like: the full fingerprint's content less every
    prose field, so rules that differ only in words share it (and a save loads under both)."""
    kept = _KEPT.get(id(rules))
    if kept is not None and kept[0] is rules:
        return kept[1]
    from eurasia_game.model.teaching import TEACHING_SECTIONS

    data = rules.model_dump(mode="json", exclude={"fingerprint", "mods", "story", "flags", *TEACHING_SECTIONS})
    _strip(rules, data)
    data.pop("texts", None)  # the engine's messages: words only
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    value = hashlib.sha256(blob.encode()).hexdigest()[:16]
    if len(_KEPT) >= 4:
        _KEPT.pop(next(iter(_KEPT)))
    _KEPT[id(rules)] = (rules, value)
    return value
