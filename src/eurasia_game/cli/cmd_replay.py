"""``eurasia-game replay FILE``: replay a saved record and print its transcript."""

from __future__ import annotations

import sys
from pathlib import Path

from eurasia_game.cli.common import EXIT_PROBLEMS, add_rules_argument, load_rules_or_report
from eurasia_game.lang.catalogue import S

NAME = "replay"
HELP = "help_cmd_replay"  # catalogue key (assets/words/clihelp.json)


def add_arguments(parser) -> None:
    parser.add_argument("file", type=Path, help=S("help_replay_file"))
    add_rules_argument(parser)


def run(args) -> int:
    from eurasia_game.cli.transcript import transcript
    from eurasia_game.session.record import RecordError
    from eurasia_game.session.replay import replay
    from eurasia_game.session.saves import read_record

    rules = load_rules_or_report(args)
    if rules is None:
        return EXIT_PROBLEMS  # broken rules are a problem of the input, as in 'check'
    try:
        record = read_record(args.file)
        state, events = replay(rules, record)
    except RecordError as exc:
        print(S("cli_replay_failed", reason=exc), file=sys.stderr)
        return EXIT_PROBLEMS
    sys.stdout.write(transcript(rules, state, [e for e in events if e.secret_for is None]))
    return 0
