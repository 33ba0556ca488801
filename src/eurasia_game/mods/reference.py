"""The modding reference, generated from the rule-file models so it cannot drift.

Every section of a rule file, every effect type, every condition type, the
``remove:`` section, the mod manifest and the engine's message keys are
written out as Markdown tables: key, what it holds, whether it is required or
its default, and what it means (the models' own descriptions).  The result
goes between two marker lines in docs/modding.md; a test fails when the file
is out of date.

    python -m eurasia_game.mods.reference --write docs/modding.md
    python -m eurasia_game.mods.reference --check docs/modding.md
"""

from __future__ import annotations

import argparse
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from eurasia_game.model.base import Ref, RuleModel
from eurasia_game.model.conditions import CONDITION_TYPES
from eurasia_game.model.effects import EFFECT_TYPES
from eurasia_game.model.mod import Dependency, GameRequirement, ModManifest, Removals
from eurasia_game.model.ruleset import RuleFile, complete_models
from eurasia_game.model.story import STORY_TYPES
from eurasia_game.model.texts import TEXT_KEYS

complete_models()  # the recursive models' field annotations, which the reference reads

BEGIN = "<!-- BEGIN GENERATED REFERENCE: python -m eurasia_game.mods.reference --write docs/modding.md -->"
END = "<!-- END GENERATED REFERENCE -->"

_REF_WORDS = {"side": "side", "track": "track", "front": "front", "event": "event card", "ending": "ending", "action": "action", "flag": "flag", "section": "article section", "scenario": "scenario"}
_SLUG = "^[a-z][a-z0-9_]*$"


def anchor(name: str) -> str:
    return name.lower()


def _tag(model: type[BaseModel]) -> str:
    return get_args(model.model_fields["type"].annotation)[0]


def _is_family(annotation, family) -> bool:
    members = [a for a in get_args(annotation) if a is not type(None)]
    return bool(members) and all(m in family for m in members)


def _constraints(metadata) -> tuple[str | None, int | None, int | None, int | None, int | None]:
    """(pattern, ge, le, min_length, max_length) found in pydantic metadata."""
    pattern = ge = le = min_len = max_len = None
    expanded = []
    for meta in metadata:
        expanded.extend(meta.metadata if isinstance(meta, FieldInfo) else [meta])
    for meta in expanded:
        pattern = getattr(meta, "pattern", None) or pattern
        ge = getattr(meta, "ge", None) if getattr(meta, "ge", None) is not None else ge
        le = getattr(meta, "le", None) if getattr(meta, "le", None) is not None else le
        min_len = getattr(meta, "min_length", None) if getattr(meta, "min_length", None) is not None else min_len
        max_len = getattr(meta, "max_length", None) if getattr(meta, "max_length", None) is not None else max_len
    return pattern, ge, le, min_len, max_len


def type_text(annotation: Any, metadata: list = (), seen: set | None = None) -> str:
    """A short description of what a field holds, with links to nested tables."""
    seen = seen if seen is not None else set()
    metadata = list(metadata)
    while get_origin(annotation) is typing.Annotated:
        args = get_args(annotation)
        annotation = args[0]
        metadata.extend(args[1:])
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if _is_family(annotation, EFFECT_TYPES):
            return "[effect](#effects)"
        if _is_family(annotation, CONDITION_TYPES):
            return "[condition](#conditions)"
        if _is_family(annotation, STORY_TYPES):
            return "[story check](#story-checks)"
        return " or ".join(type_text(m, [] if len(members) > 1 else metadata, seen) for m in members)
    if origin is Literal:
        return "one of " + ", ".join(f"`{v}`" for v in get_args(annotation))
    if origin in (list, tuple):
        inner = get_args(annotation)[0]
        _, _, _, min_len, max_len = _constraints(metadata)
        size = " (at least one)" if min_len == 1 else (f" (at least {min_len})" if min_len else "")
        if min_len and max_len and min_len == max_len:
            size = f" ({min_len} of them)"
        return f"list of {type_text(inner, [], seen)}{size}"
    if origin is dict:
        key, value = get_args(annotation)
        return f"mapping of {type_text(key, [], seen)} to {type_text(value, [], seen)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{anchor(annotation.__name__)})"
    refs = [m for m in metadata if isinstance(m, Ref)]
    pattern, ge, le, _, _ = _constraints(metadata)
    if annotation is str:
        if refs:
            ref = refs[0]
            words = f"{_REF_WORDS.get(ref.kind, ref.kind)} id"
            if ref.kind == "section":
                words = "article section heading"
            if ref.kind == "flag":
                words = "flag name"
            if ref.specials:
                words += " or " + " / ".join(f"`{s}`" for s in ref.specials)
            return words
        if pattern == _SLUG:
            return "id (lowercase letters, digits, _)"
        if pattern and pattern.startswith("^#"):
            return "colour `#rrggbb`"
        if pattern and pattern.startswith("^\\d"):
            return 'version text, such as `"1.0.0"`'
        return "text"
    if annotation is bool:
        return "`true` or `false`"
    if annotation is int:
        if ge is not None and le is not None:
            return f"whole number {ge}..{le}"
        if ge is not None:
            return f"whole number, {ge} or more"
        if le is not None:
            return f"whole number, {le} or less"
        return "whole number"
    if annotation is float:
        if ge is not None and le is not None:
            return f"number {ge}..{le}"
        return "number"
    return getattr(annotation, "__name__", str(annotation))


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        value = info.default_factory()
        return {list: "empty list", dict: "empty mapping"}.get(type(value), "see description")
    if info.default is None:
        return "optional"
    if isinstance(info.default, bool):
        return f"`{str(info.default).lower()}`"
    return f"`{info.default}`"


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def field_rows(model: type[BaseModel], skip: tuple[str, ...] = ()) -> list[str]:
    rows = ["| key | holds | required / default | meaning |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key in skip:
            continue
        holds = type_text(info.annotation, info.metadata)
        description = info.description or ""
        rows.append(f"| `{key}` | {_cell(holds)} | {_default(info)} | {_cell(description)} |")
    return rows


def _doc(model: type) -> str:
    return " ".join((model.__doc__ or "").split()).replace("``", "`")


def _nested_models(annotation, found: list) -> None:
    """Every model class reachable from ``annotation`` (effects and conditions excluded)."""
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        if _is_family(annotation, EFFECT_TYPES) or _is_family(annotation, CONDITION_TYPES) or _is_family(annotation, STORY_TYPES):
            return
        for member in get_args(annotation):
            _nested_models(member, found)
        return
    if origin in (list, tuple, dict):
        for member in get_args(annotation):
            _nested_models(member, found)
        return
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation not in found:
        found.append(annotation)
        for info in annotation.model_fields.values():
            _nested_models(info.annotation, found)


def _model_section(model: type[BaseModel], level: str = "###", skip: tuple[str, ...] = ()) -> list[str]:
    lines = [f"{level} {model.__name__}", ""]
    if _doc(model):
        lines += [_doc(model), ""]
    lines += field_rows(model, skip) + [""]
    return lines


def _build_models() -> None:
    """Finish every rule model's fields ("list of Effect" names its union only once built).

    The models put off building until first used (it speeds up the window's
    start), so a process that has validated nothing yet still holds their
    forward references as strings.
    """
    stack = [RuleModel]
    while stack:
        model = stack.pop()
        model.model_rebuild()
        stack.extend(model.__subclasses__())


def generate() -> str:
    """The whole generated reference, as Markdown."""
    _build_models()
    out: list[str] = ["## Reference", "", "Generated from the rule-file models; do not edit by hand.", ""]

    out += ["### Sections of a rule file", "", "Every section is optional; a folder's files together must give every required part of the game.", ""]
    out += ["| section | holds | meaning |", "|---|---|---|"]
    for name, info in RuleFile.model_fields.items():
        key = info.alias or name
        described: list[type[BaseModel]] = []
        _nested_models(info.annotation, described)
        meaning = info.description or (_doc(described[0]) if described else "")
        out.append(f"| `{key}` | {_cell(type_text(info.annotation, info.metadata))} | {_cell(meaning)} |")
    out.append("")

    models: list[type[BaseModel]] = []
    for info in RuleFile.model_fields.values():
        _nested_models(info.annotation, models)
    for effect in EFFECT_TYPES + CONDITION_TYPES:
        for info in effect.model_fields.values():
            _nested_models(info.annotation, models)
    models = [m for m in models if m not in (Removals,) and m not in EFFECT_TYPES and m not in CONDITION_TYPES]
    out += ["### Content", ""]
    for model in models:
        out += _model_section(model, "####")

    out += ["### Effects", "", "An effect is a mapping whose `type` says what it does. In actions, 'self' is the side acting, 'other' its partner and 'target' the front aimed at.", ""]
    for effect in EFFECT_TYPES:
        out += [f"#### `type: {_tag(effect)}`", ""]
        if _doc(effect):
            out += [_doc(effect), ""]
        out += field_rows(effect, skip=("type",)) + [""]

    out += ["### Conditions", "", "A condition is a mapping whose `type` says what it tests. Ranges give `min`, `max` or both; `all`, `any` and `not` combine conditions.", ""]
    for condition in CONDITION_TYPES:
        out += [f"#### `type: {_tag(condition)}`", ""]
        if _doc(condition):
            out += [_doc(condition), ""]
        out += field_rows(condition, skip=("type",)) + [""]

    out += ["### Story checks", "", "A story check is a mapping whose `type` says what it measures over the games of a balance run; every type also takes the keys of the first table. Shares are in percent.", ""]
    out += field_rows(STORY_TYPES[0], skip=("type", "track", "year", "min", "max")) + [""]
    for check in STORY_TYPES:
        out += [f"#### `type: {_tag(check)}`", ""]
        if _doc(check):
            out += [_doc(check), ""]
        out += field_rows(check, skip=("type", "id", "text", "section", "scenarios", "players")) + [""]

    out += ["### The remove section", ""]
    out += [_doc(Removals), "", *field_rows(Removals), ""]

    out += ["### The mod manifest (mod.yaml)", ""]
    for model in (ModManifest, GameRequirement, Dependency):
        out += _model_section(model, "####")

    out += ["### Messages (texts)", "", "Every key below must be given in `texts:`; `$words` are filled in by the game.", ""]
    out += ["| key | what it says, and its placeholders |", "|---|---|"]
    for key, meaning in TEXT_KEYS.items():
        out.append(f"| `{key}` | {_cell(meaning)} |")
    out.append("")
    return "\n".join(out).rstrip() + "\n"


def splice(document: str, reference: str) -> str:
    """``document`` with the text between the markers replaced by ``reference``."""
    if BEGIN not in document or END not in document:
        raise ValueError("the document has no generated-reference markers")
    head, rest = document.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{reference}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eurasia_game.mods.reference", description="Write or check the generated modding reference.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="FILE", type=Path, help="replace the reference between the markers in FILE")
    group.add_argument("--check", metavar="FILE", type=Path, help="exit 1 if FILE's reference is out of date")
    args = parser.parse_args(argv)
    reference = generate()
    if args.write is None and args.check is None:
        sys.stdout.write(reference)
        return 0
    path = args.write or args.check
    document = path.read_text(encoding="utf-8")
    updated = splice(document, reference)
    if args.check:
        if updated != document:
            print(f"{path}: the reference is out of date; run python -m eurasia_game.mods.reference --write {path}", file=sys.stderr)
            return 1
        return 0
    path.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
