"""``eurasia-game handouts``: print-ready handouts for a class.

    eurasia-game handouts --out DIR [--scenario ID] [--paper auto|a4|letter] [--mod PATH]

Writes briefing-<side>.html for every side, rules.html, reading-guide.html
and memo.html into DIR, built from the rules (and mods) given, so a modded
or translated game prints its own handouts.  Open them in a browser and print.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eurasia_game.cli.common import add_rules_argument, load_rules_or_report
from eurasia_game.lang.catalogue import S

NAME = "handouts"
HELP = "help_cmd_handouts"  # catalogue key (assets/words/clihelp.json)


def add_arguments(parser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help=S("help_handouts_out"))
    parser.add_argument("--scenario", metavar="ID", default=None, help=S("help_handouts_scenario"))
    parser.add_argument("--paper", choices=("auto", "a4", "letter"), default="auto", help=S("help_handouts_paper"))
    add_rules_argument(parser)


def run(args) -> int:
    from eurasia_game.handouts.export import HandoutError, write_handouts

    rules = load_rules_or_report(args)
    if rules is None:
        return 2
    try:
        written = write_handouts(rules, args.out, args.scenario, args.paper)
    except HandoutError as exc:
        print(S("cli_handouts_failed", reason=exc), file=sys.stderr)
        return 2
    for path in written:
        print(S("cli_wrote", path=path))
    return 0
