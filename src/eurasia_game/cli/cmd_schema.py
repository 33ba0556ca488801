"""``eurasia-game schema --out DIR``: write the JSON Schemas of rule files and mod manifests.

Point an editor at them with a first line in each YAML file, for example
``# yaml-language-server: $schema=../schemas/rules.schema.json`` (rule files)
or ``...$schema=../schemas/mod.schema.json`` (``mod.yaml``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from eurasia_game.lang.catalogue import S

NAME = "schema"
HELP = "help_cmd_schema"  # catalogue key (assets/words/clihelp.json)


def add_arguments(parser) -> None:
    parser.add_argument("--out", metavar="DIR", type=Path, required=True, help=S("help_schema_out"))


def run(args) -> int:
    from eurasia_game.mods.schemas import HINT_PREFIX, MOD_SCHEMA, RULES_SCHEMA, write_schemas

    try:
        written = write_schemas(args.out)
    except OSError as exc:
        print(S("cli_schema_failed", folder=args.out, reason=exc.strerror or exc), file=sys.stderr)
        return 1
    for path in written:
        print(S("cli_wrote", path=path))
    print(S("cli_schema_rules_hint", hint=HINT_PREFIX, schema=RULES_SCHEMA))
    print(S("cli_schema_mod_hint", hint=HINT_PREFIX, schema=MOD_SCHEMA))
    return 0
