"""The JSON Schemas for editors: shipped, up to date, named on every file's first line, and right.

``schemas/`` must equal what ``eurasia-game schema --out`` writes from the
models today; every shipped rule file and every example mod file must start
with the ``yaml-language-server`` hint pointing at the right schema; and the
schemas must accept every shipped file and refuse typical mistakes, checked
with a small validator for the parts of JSON Schema that pydantic emits.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eurasia_game.loading.yamlsource import parse_yaml
from eurasia_game.mods.schemas import HINT_PREFIX, LANG_SCHEMA, MOD_SCHEMA, RULES_SCHEMA, schema_for, schema_text, schemas
from eurasia_game.model.conditions import CONDITION_TYPES
from eurasia_game.model.effects import EFFECT_TYPES
from eurasia_game.model.ruleset import RuleFile

from test_mods import call

REPO = Path(__file__).resolve().parents[1]
SHIPPED = sorted((REPO / "rules").rglob("*.yaml")) + sorted((REPO / "mods").rglob("*.yaml"))
REGENERATE = "run 'eurasia-game schema --out schemas' and commit the result"


def shipped_schema(name: str) -> dict:
    return json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [RULES_SCHEMA, MOD_SCHEMA, LANG_SCHEMA])
def test_shipped_schemas_are_up_to_date(name):
    path = REPO / "schemas" / name
    assert path.is_file(), f"{path} is missing; {REGENERATE}"
    assert path.read_text(encoding="utf-8") == schema_text(schemas()[name]), f"{path} is out of date; {REGENERATE}"


def test_the_schema_command_writes_both_files(tmp_path):
    code, out, _ = call("schema", "--out", tmp_path / "out")
    assert code == 0 and HINT_PREFIX in out
    for name in (RULES_SCHEMA, MOD_SCHEMA, LANG_SCHEMA):
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == (REPO / "schemas" / name).read_text(encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = call("schema", "--out", blocker)
    assert code == 1 and "cannot write" in err


@pytest.mark.parametrize("path", SHIPPED, ids=[str(p.relative_to(REPO)) for p in SHIPPED])
def test_every_shipped_file_names_its_schema_on_the_first_line(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(HINT_PREFIX), f"{path.relative_to(REPO)} must start with '{HINT_PREFIX}...'"
    target = (path.parent / first[len(HINT_PREFIX):]).resolve()
    expected = schema_for(path.relative_to(REPO))
    assert target == (REPO / "schemas" / expected).resolve(), f"{path.relative_to(REPO)} points at {target}"


def test_the_rules_schema_covers_the_closed_vocabularies():
    schema = shipped_schema(RULES_SCHEMA)
    assert set(schema["properties"]) == {f.alias or n for n, f in RuleFile.model_fields.items()}
    assert schema["additionalProperties"] is False
    text = json.dumps(schema)
    for model in EFFECT_TYPES + CONDITION_TYPES:
        assert f'"#/$defs/{model.__name__}"' in text
    assert shipped_schema(MOD_SCHEMA)["required"] == ["id", "name", "version", "format"]


# --- a small validator for the JSON Schema subset pydantic writes --------------


def validate(value, schema: dict, root: dict, path: str = "") -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        return validate(value, root["$defs"][name], root, path)
    if "anyOf" in schema or "oneOf" in schema:
        options = schema.get("anyOf") or schema.get("oneOf")
        mapping = schema.get("discriminator", {}).get("mapping")
        if mapping and isinstance(value, dict) and value.get("type") in mapping:
            return validate(value, {"$ref": mapping[value["type"]]}, root, path)
        if mapping:
            return [f"{path}: no known 'type'"]
        results = [validate(value, option, root, path) for option in options]
        return [] if any(not r for r in results) else min(results, key=len)
    errors: list[str] = []
    kind = schema.get("type")
    checks = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    if kind == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
        return [f"{path}: not an integer"]
    if kind == "number" and (not isinstance(value, (int, float)) or isinstance(value, bool)):
        return [f"{path}: not a number"]
    if kind in checks and not isinstance(value, checks[kind]):
        return [f"{path}: not a {kind}"]
    if "const" in schema and value != schema["const"]:
        return [f"{path}: not {schema['const']!r}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{path}: not one of {schema['enum']}"]
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{path}: does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", 10**9):
            errors.append(f"{path}: wrong length")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < schema.get("minimum", -(10**18)) or value > schema.get("maximum", 10**18):
            errors.append(f"{path}: out of range")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", 10**9):
            errors.append(f"{path}: wrong number of items")
        for index, item in enumerate(value):
            errors += validate(item, schema.get("items", {}), root, f"{path}[{index}]")
    if isinstance(value, dict) and kind == "object":
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}.{key}: missing")
        for key, item in value.items():
            if key in properties:
                errors += validate(item, properties[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}.{key}: not allowed")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += validate(item, schema["additionalProperties"], root, f"{path}.{key}")
    return errors


@pytest.mark.parametrize("path", SHIPPED, ids=[str(p.relative_to(REPO)) for p in SHIPPED])
def test_the_schemas_accept_every_shipped_file(path):
    schema = shipped_schema(schema_for(path.relative_to(REPO)))
    data = parse_yaml(path.read_text(encoding="utf-8")).data
    assert validate(data, schema, schema) == []


@pytest.mark.parametrize(
    "data, where",
    [
        ({"events": [{"id": "x", "title": "T", "text": "T", "section": "Introduction", "teaching_note": "N", "effects": [{"type": "trak", "track": "a", "delta": 1}]}]}, "effects[0]"),
        ({"events": [{"id": "x", "title": "T", "text": "T", "section": "Introduction", "teaching_note": "N", "efects": []}]}, ".efects"),
        ({"actions": [{"id": "Bad Id", "name": "n", "description": "d", "sides": ["a"], "cost": 1, "effects": [{"type": "say", "text": "x"}], "log": "l"}]}, ".id"),
        ({"sides": [{"id": "s", "name": "n", "description": "d", "colour": "red", "colour_safe": "#000000", "shape": "circle", "power": 1, "income": 1, "goal": "g"}]}, ".colour"),
        ({"remove": {"events": "some"}}, ".events"),
    ],
)
def test_the_rules_schema_refuses_typical_mistakes(data, where):
    schema = shipped_schema(RULES_SCHEMA)
    errors = validate(data, schema, schema)
    assert errors and any(where in e for e in errors), errors


def test_the_manifest_schema_refuses_typical_mistakes():
    schema = shipped_schema(MOD_SCHEMA)
    assert validate({"id": "m", "name": "M", "version": "1.0", "format": 1}, schema, schema) == []
    assert validate({"id": "m", "name": "M", "version": 1.0, "format": 1}, schema, schema)
    assert validate({"id": "m", "name": "M", "version": "1.0", "format": 1, "dependz": []}, schema, schema)
