"""Loading rule files from folders into a ``RuleSet``, collecting every problem.

Each file is parsed with positions and validated on its own, so a pydantic
error maps back to its own ``file:line:column``.  Valid files are merged in a
fixed order (sorted relative paths), then ``checker`` looks at the whole.
Loading never raises for bad content: it returns problems.
"""

from __future__ import annotations

import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from eurasia_game.loading.problems import Problem, did_you_mean, format_path
from eurasia_game.loading.yamlsource import Located, YamlProblem, parse_yaml
from eurasia_game.model.ruleset import LIST_SECTIONS, RuleFile, RuleSet

MAX_FILES = 500


@dataclass
class SourceFile:
    """One parsed rule file: its display name and located data."""

    name: str
    located: Located


@dataclass
class LoadResult:
    rules: RuleSet | None
    problems: list[Problem] = field(default_factory=list)
    # (section, merged index) -> (source file, index inside that file)
    origins: dict[tuple[str, int], tuple[SourceFile, int]] = field(default_factory=dict)
    files: list[SourceFile] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.rules is not None and not self.errors

    def locate(self, path: tuple) -> tuple[str, int, int, tuple]:
        """File, line, column and in-file path for a path in the merged rule set."""
        if len(path) >= 2 and (path[0], path[1]) in self.origins:
            source, index = self.origins[(path[0], path[1])]
            inner = (path[0], index) + tuple(path[2:])
            return (source.name, *source.located.position(inner), inner)
        if path and path[0] in ("game", "texts"):
            for source in self.files:
                if isinstance(source.located.data, dict) and path[0] in source.located.data:
                    return (source.name, *source.located.position(path), path)
        first = self.files[0].name if self.files else "rules"
        return (first, 1, 1, path)


def rule_files(folder: Path) -> list[Path]:
    """The rule files of a folder, in load order (sorted relative paths)."""
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file())


def display_name(path: Path, folder: Path) -> str:
    try:
        return str(Path(folder.name) / path.relative_to(folder))
    except ValueError:
        return str(path)


def load_rules(folder: Path | str, check: bool = True) -> LoadResult:
    """Load and (by default) check every rule file under ``folder``."""
    folder = Path(folder)
    result = LoadResult(rules=None)
    if not folder.is_dir():
        result.problems.append(Problem("error", str(folder), 1, 1, "", "the rules folder does not exist", "give the folder that holds game.yaml"))
        return result
    paths = rule_files(folder)
    if not paths:
        result.problems.append(Problem("error", str(folder), 1, 1, "", "the rules folder holds no .yaml files", "rule files end in .yaml"))
        return result
    if len(paths) > MAX_FILES:
        result.problems.append(Problem("error", str(folder), 1, 1, "", f"the rules folder holds more than {MAX_FILES} files"))
        return result
    validated: list[tuple[SourceFile, RuleFile]] = []
    for path in paths:
        name = display_name(path, folder)
        parsed = _read_file(path, name, result.problems)
        if parsed is None:
            continue
        source = SourceFile(name, parsed)
        result.files.append(source)
        model = _validate_file(source, result.problems)
        if model is not None:
            validated.append((source, model))
    if result.errors:
        return result
    rules = _merge(validated, result)
    if rules is None:
        return result
    result.rules = rules
    if check:
        from eurasia_game.loading.checker import check_rules

        result.problems.extend(check_rules(result))
    return result


def _read_file(path: Path, name: str, problems: list[Problem]) -> Located | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem("error", name, 1, 1, "", f"the file cannot be read: {exc.strerror or exc}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem("error", name, line, 1, "", "the file is not valid UTF-8 text", "save it as UTF-8"))
        return None
    try:
        located = parse_yaml(text)
    except YamlProblem as exc:
        problems.append(Problem("error", name, exc.line, exc.column, "", exc.message, exc.suggestion))
        return None
    if not isinstance(located.data, dict):
        problems.append(Problem("error", name, 1, 1, "", "a rule file must be a mapping of sections (such as 'events:')", "start the file with a section name followed by a colon"))
        return None
    return located


def _validate_file(source: SourceFile, problems: list[Problem]) -> RuleFile | None:
    try:
        return RuleFile.model_validate(source.located.data)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(_problem_from_error(source, error))
        return None


# --- turning pydantic errors into messages for modders -----------------------

def _data_path(loc: tuple, data: Any) -> tuple:
    """Drop the union-tag segments pydantic inserts, keeping the real data path."""
    out: list = []
    current = data
    for segment in loc:
        if isinstance(current, dict):
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


def annotation_at(loc: tuple):
    """The annotation pydantic was validating at ``loc`` (a raw error location)."""
    annotation: Any = RuleFile
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


def _problem_from_error(source: SourceFile, error: dict) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    data_path = _data_path(loc, source.located.data)
    line, column = source.located.position(data_path)
    suggestion = None
    value = error.get("input")
    if kind == "extra_forbidden":
        key = loc[-1]
        parent = _unwrap(annotation_at(loc[:-1]))
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
        tags = _union_tags(annotation_at(loc))
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
    elif kind == "value_error":
        message = error["msg"].removeprefix("Value error, ")
    elif kind == "string_pattern_mismatch":
        message = f"'{value}' does not have the right form ({error.get('ctx', {}).get('pattern', '')})"
        if isinstance(value, str):
            suggestion = "ids are lowercase letters, digits and underscores, starting with a letter" if "a-z" in str(error.get("ctx", {})) else None
    else:
        message = error["msg"][0].lower() + error["msg"][1:]
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


# --- merging -------------------------------------------------------------------

def _merge(validated: list[tuple[SourceFile, RuleFile]], result: LoadResult) -> RuleSet | None:
    lists: dict[str, list] = {name: [] for name in LIST_SECTIONS}
    game = None
    game_source = None
    texts: dict[str, str] = {}
    for source, model in validated:
        if model.game is not None:
            if game is not None:
                line, column = source.located.position(("game",))
                result.problems.append(Problem("error", source.name, line, column, "game", f"'game' is already given in {game_source}", "keep one 'game' section"))
            else:
                game, game_source = model.game, source.name
        if model.texts:
            texts.update(model.texts)
        for section in LIST_SECTIONS:
            items = getattr(model, section)
            for index, item in enumerate(items or ()):
                result.origins[(section, len(lists[section]))] = (source, index)
                lists[section].append(item)
    if game is None:
        first = validated[0][0].name if validated else "rules"
        result.problems.append(Problem("error", first, 1, 1, "game", "no file has a 'game' section", "add game.yaml with id, name, version, format and sources"))
        return None
    for section in ("phases", "sides", "tracks", "fronts", "actions", "events", "endings", "scenarios"):
        if not lists[section]:
            result.problems.append(Problem("error", game_source, 1, 1, section, f"no file defines any {section}", f"add a '{section}:' section"))
    if result.errors:
        return None
    rules = RuleSet(game=game, texts=texts, **{k: tuple(v) for k, v in lists.items()})
    return rules.model_copy(update={"fingerprint": fingerprint(rules)})


def fingerprint(rules: RuleSet) -> str:
    """A short hash of the rules' content: a record only replays under the same one."""
    data = rules.model_dump(mode="json", by_alias=True, exclude={"fingerprint"})
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


_ = Literal
