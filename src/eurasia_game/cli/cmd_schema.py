"""``eurasia-game schema --out DIR``: write the JSON Schemas of rule files and mod manifests.

Point an editor at them with a first line in each YAML file, for example
``# yaml-language-server: $schema=../schemas/rules.schema.json`` (rule files)
or ``...$schema=../schemas/mod.schema.json`` (``mod.yaml``).
"""

from __future__ import annotations

import sys
from pathlib import Path

NAME = "schema"
HELP = "write JSON Schemas of the rule files and of mod.yaml, for editor completion and checking"


def add_arguments(parser) -> None:
    parser.add_argument("--out", metavar="DIR", type=Path, required=True, help="folder to write rules.schema.json and mod.schema.json into")


def run(args) -> int:
    from eurasia_game.mods.schemas import HINT_PREFIX, MOD_SCHEMA, RULES_SCHEMA, write_schemas

    try:
        written = write_schemas(args.out)
    except OSError as exc:
        print(f"cannot write the schemas to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(f"first line of a rule file:  {HINT_PREFIX}<path to {RULES_SCHEMA}>")
    print(f"first line of mod.yaml:     {HINT_PREFIX}<path to {MOD_SCHEMA}>")
    return 0
