"""Helpers shared by the subcommands: loading rules and reporting problems."""

from __future__ import annotations

import sys
from pathlib import Path

from eurasia_game.paths import base_rules_dir


def add_rules_argument(parser) -> None:
    parser.add_argument("--rules", metavar="DIR", type=Path, default=None, help="rules folder to play (default: the base game)")


def load_rules_or_report(args, stream=sys.stderr):
    """Load and check the rules; print problems; return the RuleSet or None on errors."""
    from eurasia_game.loading.loader import load_rules

    result = load_rules(args.rules or base_rules_dir())
    errors = result.errors
    if errors or result.rules is None:
        for problem in result.problems:
            print(problem, file=stream)
        print(f"the rules have {len(errors)} error(s); run 'eurasia-game check' for details", file=stream)
        return None
    return result.rules
