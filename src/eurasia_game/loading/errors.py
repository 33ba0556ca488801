"""Turning pydantic validation errors into messages a modder can act on.

pydantic reports where validation failed as a location inside the data, with
the discriminated-union tags mixed in.  Here the tags are dropped, the
location is mapped to the file's line and column, and the error becomes one
sentence with a suggestion: "did you mean" for misspelled keys and types, the
allowed keys or types, or how to fix a quoted number.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from eurasia_game import lang
from eurasia_game.lang.catalogue import S
from eurasia_game.loading.problems import Problem, did_you_mean, format_path
from eurasia_game.model.ruleset import RuleFile


def validation_problems(model: type[BaseModel], source, exc: ValidationError) -> list[Problem]:
    """One located problem per pydantic error of ``source`` validated as ``model``."""
    return [problem_from_error(source, error, model) for error in exc.errors()]


def _data_path(loc: tuple, data: Any, root: Any = RuleFile) -> tuple:
    """Drop the union-tag segments pydantic inserts, keeping the real data path.

    A tag can also be a key of the same mapping (``{type: track, track: ...}``),
    so a segment counts as a tag when pydantic was validating a union there.
    """
    out: list = []
    current = data
    for index, segment in enumerate(loc):
        if isinstance(current, dict):
            if current.get("type") == segment and _is_union(annotation_at(loc[:index], root)):
                continue
            if segment in current:
                out.append(segment)
                current = current[segment]
                continue
            if current.get("type") == segment:
                continue
        elif isinstance(current, list) and isinstance(segment, int) and 0 <= segment < len(current):
            out.append(segment)
            current = current[segment]
            continue
        if segment == "[key]":
            continue
        out.append(segment)
        current = None
    return tuple(out)


def _is_union(annotation) -> bool:
    return get_origin(_unwrap(annotation)) in (Union, types.UnionType)


def _unwrap(annotation):
    """Strip Annotated and Optional; return the core annotation."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) == 1:
                annotation = members[0]
                continue
        return annotation


def _union_member(annotation, tag):
    for member in get_args(annotation):
        member = _unwrap(member)
        if isinstance(member, type) and issubclass(member, BaseModel) and "type" in member.model_fields:
            if tag in get_args(member.model_fields["type"].annotation):
                return member
    return None


def _union_tags(annotation) -> list[str]:
    tags: list[str] = []
    for member in get_args(_unwrap(annotation)):
        member = _unwrap(member)
        if isinstance(member, type) and issubclass(member, BaseModel) and "type" in member.model_fields:
            tags.extend(get_args(member.model_fields["type"].annotation))
    return tags


def keys_of(model: type[BaseModel]) -> list[str]:
    """The keys a rule file may use for ``model`` (aliases where set)."""
    return [f.alias or name for name, f in model.model_fields.items()]


def annotation_at(loc: tuple, root: Any = RuleFile):
    """The annotation pydantic was validating at ``loc`` (a raw error location)."""
    annotation: Any = root
    for segment in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            fields = {f.alias or n: f for n, f in annotation.model_fields.items()}
            if segment not in fields:
                return None
            annotation = fields[segment].annotation
            continue
        origin = get_origin(annotation)
        if origin in (list, tuple) and isinstance(segment, int):
            annotation = get_args(annotation)[0]
            continue
        if origin is dict:
            annotation = get_args(annotation)[1]
            continue
        if origin in (Union, types.UnionType):
            member = _union_member(annotation, segment)
            if member is None:
                return None
            annotation = member
            continue
        return None
    return annotation


# pydantic's error type -> the catalogue key of what was expected
_TYPE_WORDS = {
    "int_type": "prob_type_int",
    "int_parsing": "prob_type_int",
    "string_type": "prob_type_text",
    "bool_type": "prob_type_bool",
    "list_type": "prob_type_list",
    "dict_type": "prob_type_mapping",
    "model_type": "prob_type_mapping",
    "model_attributes_type": "prob_type_mapping",
    "float_type": "prob_type_number",
    "tuple_type": "prob_type_tuple",
}


# pydantic's own sentences for limits are English only: kind -> (catalogue key, the limit's name in ctx)
_LIMITS = {
    "greater_than_equal": ("prob_pyd_ge", "ge"),
    "less_than_equal": ("prob_pyd_le", "le"),
    "greater_than": ("prob_pyd_gt", "gt"),
    "less_than": ("prob_pyd_lt", "lt"),
    "string_too_short": ("prob_pyd_text_short", "min_length"),
    "string_too_long": ("prob_pyd_text_long", "max_length"),
    "too_short": ("prob_pyd_list_short", "min_length"),
    "too_long": ("prob_pyd_list_long", "max_length"),
    "bool_parsing": ("prob_pyd_bool", ""),
}


def problem_from_error(source, error: dict, root: Any = RuleFile) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    data_path = _data_path(loc, source.located.data, root)
    line, column = source.located.position(data_path)
    suggestion = None
    value = error.get("input")
    if kind == "extra_forbidden":
        key = loc[-1]
        parent = _unwrap(annotation_at(loc[:-1], root))
        allowed = keys_of(parent) if isinstance(parent, type) and issubclass(parent, BaseModel) else []
        message = S("prob_unknown_key", key=key)
        suggestion = did_you_mean(key, allowed) or (S("prob_allowed_keys", keys=", ".join(allowed)) if allowed else None)
        data_path = data_path[:-1]
    elif kind == "missing":
        message = S("prob_required_missing", key=loc[-1])
        suggestion = S("prob_add_key_here", key=loc[-1])
        data_path = data_path[:-1]
        line, column = source.located.position(data_path)
    elif kind == "union_tag_invalid":
        tags = list(error.get("ctx", {}).get("expected_tags", "").replace("'", "").split(", "))
        tag = error.get("ctx", {}).get("tag", value)
        message = S("prob_unknown_type", tag=tag)
        suggestion = did_you_mean(tag, tags) or S("prob_the_types", types=", ".join(tags))
    elif kind == "union_tag_not_found":
        tags = _union_tags(annotation_at(loc, root))
        message = S("prob_needs_type")
        suggestion = S("prob_the_types", types=", ".join(tags)) if tags else None
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        message = S("prob_not_allowed", value=value, expected=expected.replace(" or ", S("prob_or")))
        suggestion = did_you_mean(value, options)
    elif kind in _TYPE_WORDS:
        message = S("prob_expected", expected=S(_TYPE_WORDS[kind]), got=_describe_value(value))
        if kind.startswith("int") and isinstance(value, str) and value.strip().lstrip("-").isdigit():
            suggestion = S("prob_remove_quotes")
        elif kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
            suggestion = S("prob_put_in_quotes", value=value)
    elif kind == "value_error":
        message = error["msg"].removeprefix("Value error, ")
    elif kind == "string_pattern_mismatch":
        message = S("prob_wrong_form", value=value, pattern=error.get("ctx", {}).get("pattern", ""))
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        if "a-z" in pattern:
            suggestion = S("prob_id_form")
        elif pattern.startswith("^\\d+"):
            suggestion = S("prob_version_form")
    else:
        text = str(error.get("msg") or S("prob_not_valid"))
        message = text[0].lower() + text[1:]
        if kind in _LIMITS and lang.current() != lang.SOURCE:  # English keeps pydantic's own sentence
            key, name = _LIMITS[kind]
            ctx = error.get("ctx") or {}
            message = S(key, limit=ctx.get(name, ""), actual=ctx.get("actual_length", ""))
    return Problem("error", source.name, line, column, format_path(data_path), message, suggestion)


def _describe_value(value: Any) -> str:
    if isinstance(value, str):
        return S("prob_got_text", value=value) if len(value) < 40 else S("prob_got_long_text")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return S("prob_got_number", value=value)
    if isinstance(value, list):
        return S("prob_got_list")
    if isinstance(value, dict):
        return S("prob_got_mapping")
    if value is None:
        return S("prob_got_nothing")
    return type(value).__name__
