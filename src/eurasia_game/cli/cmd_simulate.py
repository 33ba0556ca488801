"""``eurasia-game simulate``: a whole game between computer players, as a transcript.

The per-side options (``--moscow``, ``--beijing``) come from the rules' side
ids, so modded sides get their own options too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eurasia_game.cli.common import EXIT_PROBLEMS, add_rules_argument, load_rules_or_report, parse_side_players
from eurasia_game.lang.catalogue import S

NAME = "simulate"
HELP = "help_cmd_simulate"  # catalogue key (assets/words/clihelp.json)
ACCEPTS_EXTRA = True


def add_arguments(parser) -> None:
    add_rules_argument(parser)
    parser.add_argument("--scenario", metavar="ID", help=S("help_scenario"))
    parser.add_argument("--seed", type=int, required=True, help=S("help_simulate_seed"))
    parser.add_argument("--save", metavar="FILE", type=Path, help=S("help_simulate_save"))
    parser.add_argument("--armed-from", metavar="YEAR", type=int, help=S("help_simulate_armed_from"))
    parser.epilog = S("help_simulate_epilog")


def run(args) -> int:
    from eurasia_game.cli.transcript import transcript
    from eurasia_game.session.autoplay import play_game
    from eurasia_game.session.saves import SaveError, write_record

    rules = load_rules_or_report(args)
    if rules is None:
        return EXIT_PROBLEMS  # broken rules are a problem of the input, as in 'check'
    players = parse_side_players(rules, args.extra, "eurasia-game simulate", "POLICY")
    if isinstance(players, int):
        return players
    if not 0 <= args.seed < 2**63:  # a record holds seeds below 2**63
        print(S("cli_simulate_seed"), file=sys.stderr)
        return 2
    scenario = args.scenario or rules.game.default_scenario
    if scenario not in rules.scenario:
        print(S("cli_unknown_scenario", scenario=scenario, scenarios=S("cli_list_sep").join(rules.scenario)), file=sys.stderr)
        return 2
    if args.armed_from is not None:
        sc = rules.scenario[scenario]
        if not sc.start_year <= args.armed_from <= sc.end_year:
            print(S("cli_simulate_armed_from", first=sc.start_year, last=sc.end_year, year=args.armed_from), file=sys.stderr)
            return 2
    session = play_game(rules, scenario, args.seed, players, armed_from=args.armed_from)
    sys.stdout.write(transcript(rules, session.state, session.events(everything=False)))
    if args.save:
        try:
            write_record(args.save, session.record())
        except SaveError as exc:
            print(S("cli_simulate_save_failed", reason=exc), file=sys.stderr)
            return 1
        print(S("cli_simulate_saved", path=args.save), file=sys.stderr)
    return 0
