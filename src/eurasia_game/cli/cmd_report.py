"""``eurasia-game report``: the debrief of a saved game, or a class report of several tables.

    eurasia-game report SAVE --out DIR
    eurasia-game report --combine SAVE SAVE... --out DIR

Each writes report.html (self-contained, printable), report.md and turns.csv
into DIR.  A SAVE is a game record or a class file with what-if branches.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eurasia_game.cli.common import EXIT_PROBLEMS, add_rules_argument, load_rules_or_report
from eurasia_game.lang.catalogue import S

NAME = "report"
HELP = "help_cmd_report"  # catalogue key (assets/words/clihelp.json)


def add_arguments(parser) -> None:
    parser.add_argument("saves", nargs="+", type=Path, metavar="SAVE", help=S("help_report_saves"))
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help=S("help_report_out"))
    parser.add_argument("--combine", action="store_true", help=S("help_report_combine"))
    parser.add_argument("--title", default="", help=S("help_report_title"))
    add_rules_argument(parser)


def _names(paths: list[Path]) -> list[str]:
    """Table names from file names, made unique."""
    names, seen = [], {}
    for path in paths:
        name = path.stem or str(path)
        for suffix in (".class", ".record"):  # table1.class.json -> table1
            name = name.removesuffix(suffix) or name
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def run(args) -> int:
    from eurasia_game.report.export import ReportError, write_combined, write_report
    from eurasia_game.session.branches import read_class
    from eurasia_game.session.record import RecordError

    if len(args.saves) > 1 and not args.combine:
        print(S("cli_report_several"), file=sys.stderr)
        return 2
    if args.combine and len(args.saves) < 2:
        print(S("cli_report_combine_one"), file=sys.stderr)
        return 2
    rules = load_rules_or_report(args)
    if rules is None:
        return EXIT_PROBLEMS  # broken rules are a problem of the input, as in 'check'
    try:
        classes = [read_class(path) for path in args.saves]
        if args.combine:
            written = write_combined(rules, list(zip(_names(args.saves), classes)), args.out, args.title)
        else:
            written = write_report(rules, classes[0], args.out, args.title)
    except (RecordError, ReportError) as exc:
        print(S("cli_report_failed", reason=exc), file=sys.stderr)
        return EXIT_PROBLEMS
    for path in written:
        print(S("cli_wrote", path=path))
    return 0
