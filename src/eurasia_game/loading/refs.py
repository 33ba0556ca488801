"""The ids a rule model's fields name, read from the models' own annotations.

A field that names an id is annotated with a ``Ref`` mark (``model.base``:
a side, a track, a card...), alone or inside a list.  The checker reads
these marks to test every reference against the ids that exist, and the
reach analysis to find the cards a scenario names; both take them from
here, read once per model class.
"""

from __future__ import annotations

import types
import typing
from typing import Iterator

from pydantic import BaseModel

from eurasia_game.model.base import Ref


def optional_member(annotation):
    """``X`` for an optional ``X | None``; the annotation itself otherwise."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def refs(model: BaseModel) -> Iterator[tuple[str, str, Ref]]:
    """(key, id named, what kind of id) of every reference a model makes, in field order."""
    for name, key, metas, many in ref_fields(type(model)):
        value = getattr(model, name)
        if many:
            for meta in metas:
                for index, item in enumerate(value or ()):
                    yield f"{key}[{index}]", item, meta
        elif isinstance(value, str):
            for meta in metas:
                yield key, value, meta


_REF_FIELDS: dict[type, tuple] = {}


def ref_fields(cls) -> tuple:
    """(field name, key, Ref marks, list of refs?) of a model class's fields that name ids; read once per class."""
    known = _REF_FIELDS.get(cls)
    if known is not None:
        return known
    found = []
    for name, info in cls.model_fields.items():
        annotation = optional_member(info.annotation)
        metadata = list(info.metadata) + list(getattr(annotation, "__metadata__", ()) if annotation is not info.annotation else ())
        key = info.alias or name
        single = tuple(meta for meta in metadata if isinstance(meta, Ref))
        if single:
            found.append((name, key, single, False))
        # Refs inside list annotations (list[FixedSideRef], optional or not)
        if typing.get_origin(annotation) is list:
            inner = typing.get_args(annotation)[0]
            listed = tuple(meta for meta in getattr(inner, "__metadata__", ()) if isinstance(meta, Ref))
            if listed:
                found.append((name, key, listed, True))
    known = _REF_FIELDS[cls] = tuple(found)
    return known
