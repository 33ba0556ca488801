"""``eurasia-game play`` (the default): open the game in a window."""

from __future__ import annotations

import sys

from eurasia_game.cli.common import add_rules_argument
from eurasia_game.lang.catalogue import S

NAME = "play"
HELP = "help_cmd_play"  # catalogue key (assets/words/clihelp.json)


def add_arguments(parser) -> None:
    add_rules_argument(parser)
    parser.add_argument("--quit-after", metavar="SECONDS", type=float, default=None, help=S("help_play_quit_after"))


def run(args) -> int:
    try:
        from eurasia_game.ui.startup import run_app
    except ImportError:
        from eurasia_game.cli.argwords import argparse_words
        from eurasia_game.cli.main import build_parser

        with argparse_words():
            build_parser()[0].print_help()
        print("\n" + S("cli_play_no_window"), file=sys.stderr)
        return 0
    return run_app(args)
