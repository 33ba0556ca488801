"""``eurasia-game shots OUTDIR``: render every screen of a seeded demo game to PNG files."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from eurasia_game.cli.common import EXIT_PROBLEMS, add_rules_argument, load_rules_or_report
from eurasia_game.lang.catalogue import S

NAME = "shots"
HELP = "help_cmd_shots"  # catalogue key (assets/words/clihelp.json)


def add_arguments(parser) -> None:
    parser.add_argument("outdir", type=Path, help=S("help_shots_outdir"))
    parser.add_argument("--size", default="1280x800", help=S("help_shots_size"))
    parser.add_argument("--seed", type=int, default=7, help=S("help_shots_seed"))
    parser.add_argument("--scenario", metavar="ID", help=S("help_shots_scenario"))
    parser.add_argument("--colour-safe", action="store_true", help=S("help_shots_colour_safe"))
    add_rules_argument(parser)


def parse_size(text: str) -> tuple[int, int] | None:
    try:
        w, h = (int(p) for p in text.lower().split("x"))
    except ValueError:
        return None
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        return None
    return w, h


def run(args) -> int:
    size = parse_size(args.size)
    if size is None:
        print(S("cli_shots_size", size=args.size), file=sys.stderr)
        return 2
    if args.seed < 0:
        print(S("cli_seed_negative"), file=sys.stderr)
        return 2
    rules = load_rules_or_report(args)
    if rules is None:
        return EXIT_PROBLEMS  # broken rules are a problem of the input, as in 'check'
    if args.scenario and args.scenario not in rules.scenario:
        print(S("cli_unknown_scenario", scenario=args.scenario, scenarios=S("cli_list_sep").join(rules.scenario)), file=sys.stderr)
        return 2
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    with tempfile.TemporaryDirectory(prefix="eurasia-shots-") as home:
        os.environ["EURASIA_GAME_HOME"] = home  # the demo's autosaves and settings go nowhere
        from eurasia_game.ui.shots import render_shots

        try:
            written = render_shots(rules, args.outdir, size, seed=args.seed, scenario=args.scenario, colour_safe=args.colour_safe)
        except OSError as exc:
            print(S("cli_shots_failed", reason=exc), file=sys.stderr)
            return 1
    for path in written:
        print(path)
    return 0
