"""JSON Schemas of the rule files, the language files and a mod's manifest, for editors.

Editors that speak the YAML language server (VS Code's YAML extension, many
others) read a first line such as
``# yaml-language-server: $schema=../schemas/rules.schema.json`` and then
complete keys, list the effect and condition types and underline mistakes
while the modder types.  The schemas come straight from the pydantic models,
so they cannot drift from what the loader accepts; the repository ships them
in ``schemas/`` and a test keeps those files up to date.
"""

from __future__ import annotations

import json
from pathlib import Path

from eurasia_game.model.mod import ModManifest
from eurasia_game.model.ruleset import RuleFile

RULES_SCHEMA = "rules.schema.json"
MOD_SCHEMA = "mod.schema.json"
LANG_SCHEMA = "lang.schema.json"
# A language file (lang/<code>/*.yaml, see loading.translations): a text's key -> its words.
_LANG = {
    "title": "Eurasia Game language file (lang/<code>/*.yaml)",
    "description": "A rule text's key (section.item_id.field, list entries by id or position) mapped to its words in this language; keep the English text's $placeholders.",
    "type": "object",
    "propertyNames": {"pattern": r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+$"},
    "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 4000},
}
HINT_PREFIX = "# yaml-language-server: $schema="


def schemas() -> dict[str, dict]:
    """File name -> JSON Schema, for every kind of file a modder writes."""
    out = {}
    for name, model, title in ((RULES_SCHEMA, RuleFile, "Eurasia Game rule file"), (MOD_SCHEMA, ModManifest, "Eurasia Game mod manifest (mod.yaml)")):
        schema = model.model_json_schema(by_alias=True, mode="validation")
        schema["title"] = title
        out[name] = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    out[LANG_SCHEMA] = {"$schema": "https://json-schema.org/draft/2020-12/schema", **_LANG}
    return out


def schema_for(path: Path) -> str:
    """Which schema a shipped YAML file follows: a manifest, a language file or a rule file."""
    if path.name == "mod.yaml":
        return MOD_SCHEMA
    return LANG_SCHEMA if "lang" in Path(path).parts[:-1] else RULES_SCHEMA


def schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path | str) -> list[Path]:
    """Write every schema into ``folder`` (created if needed); the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


def hint_line(rule_file: Path, schema_file: Path) -> str:
    """The first line that points an editor from ``rule_file`` to ``schema_file``."""
    import os

    relative = os.path.relpath(schema_file.resolve(), rule_file.resolve().parent)
    return HINT_PREFIX + Path(relative).as_posix()
