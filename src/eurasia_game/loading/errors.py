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


_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '-')",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "float_type": "a number",
    "tuple_type": "a list",
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
        message = f"unknown key '{key}'"
        suggestion = did_you_mean(key, allowed) or (f"allowed keys: {', '.join(allowed)}" if allowed else None)
        data_path = data_path[:-1]
    elif kind == "missing":
        message = f"the required key '{loc[-1]}' is missing"
        suggestion = f"add '{loc[-1]}:' here"
        data_path = data_path[:-1]
        line, column = source.located.position(data_path)
    elif kind == "union_tag_invalid":
        tags = list(error.get("ctx", {}).get("expected_tags", "").replace("'", "").split(", "))
        tag = error.get("ctx", {}).get("tag", value)
        message = f"unknown type '{tag}'"
        suggestion = did_you_mean(tag, tags) or f"the types are: {', '.join(tags)}"
    elif kind == "union_tag_not_found":
        tags = _union_tags(annotation_at(loc, root))
        message = "this needs a 'type' key saying what kind it is"
        suggestion = f"the types are: {', '.join(tags)}" if tags else None
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        message = f"'{value}' is not allowed here; expected {expected}"
        suggestion = did_you_mean(value, options)
    elif kind in _TYPE_WORDS:
        message = f"expected {_TYPE_WORDS[kind]}, got {_describe_value(value)}"
        if kind.startswith("int") and isinstance(value, str) and value.strip().lstrip("-").isdigit():
            suggestion = "remove the quotes around the number"
        elif kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
            suggestion = f'put it in quotes: "{value}"'
    elif kind == "value_error":
        message = error["msg"].removeprefix("Value error, ")
    elif kind == "string_pattern_mismatch":
        message = f"'{value}' does not have the right form ({error.get('ctx', {}).get('pattern', '')})"
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        if "a-z" in pattern:
            suggestion = "ids are lowercase letters, digits and underscores, starting with a letter"
        elif pattern.startswith("^\\d+"):
            suggestion = 'write a version such as "1.0" or "1.2.3"'
    else:
        text = str(error.get("msg") or "this value is not valid")
        message = text[0].lower() + text[1:]
    return Problem("error", source.name, line, column, format_path(data_path), message, suggestion)


def _describe_value(value: Any) -> str:
    if isinstance(value, str):
        return f"the text '{value}'" if len(value) < 40 else "a text"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__
