"""``eurasia-game check``: every problem in the rule files, or a one-line summary."""

from __future__ import annotations

import json

from eurasia_game.cli.common import add_rules_argument
from eurasia_game.paths import base_rules_dir

NAME = "check"
HELP = "check the rule files and list every problem with file, line and a suggestion"


def add_arguments(parser) -> None:
    add_rules_argument(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def summary(rules) -> str:
    dilemmas = sum(1 for e in rules.events if e.dilemma is not None)
    return (
        f"rules ok: {len(rules.sides)} sides, {len(rules.fronts)} fronts, {len(rules.tracks)} tracks, "
        f"{len(rules.actions)} actions, {len(rules.events)} events ({dilemmas} dilemmas), "
        f"{len(rules.scenarios)} scenarios, {len(rules.endings)} endings"
    )


def run(args) -> int:
    from eurasia_game.loading.loader import load_rules

    result = load_rules(args.rules or base_rules_dir())
    errors = result.errors
    if args.format == "json":
        print(json.dumps({"ok": not errors and result.rules is not None, "problems": [p.as_dict() for p in result.problems]}, indent=1))
    else:
        for problem in result.problems:
            print(problem)
        if not errors and result.rules is not None:
            line = summary(result.rules)
            warnings = len(result.problems)
            print(line + (f" ({warnings} warning(s))" if warnings else ""))
        else:
            print(f"{len(errors)} error(s), {len(result.problems) - len(errors)} warning(s)")
    return 1 if errors or result.rules is None else 0
