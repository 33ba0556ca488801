"""``eurasia-game balance``: the balance lab on the command line.

Plays many games between computer players on several processes and writes
a Markdown report, CSV files and PNG charts.  As with ``simulate``, each
side's player is given as ``--SIDE LEVEL`` using the rules' side ids, so
modded sides get their own options.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eurasia_game.cli.common import EXIT_PROBLEMS, add_rules_argument, load_rules_or_report, parse_side_players
from eurasia_game.lang.catalogue import S

NAME = "balance"
HELP = "help_cmd_balance"  # catalogue key (assets/words/clihelp.json)
ACCEPTS_EXTRA = True


def add_arguments(parser) -> None:
    add_rules_argument(parser)
    parser.add_argument("--scenario", metavar="ID", help=S("help_scenario"))
    parser.add_argument("--games", metavar="N", type=int, default=200, help=S("help_balance_games"))
    parser.add_argument("--seed", metavar="S", type=int, default=0, help=S("help_balance_seed"))
    parser.add_argument("--jobs", metavar="J", type=int, default=None, help=S("help_balance_jobs"))
    parser.add_argument("--out", metavar="DIR", type=Path, required=True, help=S("help_balance_out"))
    parser.add_argument("--hard-simulations", metavar="N", type=int, default=None, help=S("help_balance_hard_simulations"))
    parser.add_argument("--hard-time-cap", metavar="MS", type=float, default=None, help=S("help_balance_hard_time_cap"))
    parser.add_argument("--no-charts", action="store_true", help=S("help_balance_no_charts"))
    parser.add_argument("--quiet", action="store_true", help=S("help_balance_quiet"))
    parser.epilog = S("help_balance_epilog")


def run(args) -> int:
    from eurasia_game.balance.report import write_report
    from eurasia_game.balance.runner import ProgressBar, default_jobs, run_games
    from eurasia_game.balance.stats import summarise

    rules = load_rules_or_report(args)
    if rules is None:
        return EXIT_PROBLEMS  # broken rules are a problem of the input, as in 'check'
    players = parse_side_players(rules, args.extra, "eurasia-game balance", "LEVEL")
    if isinstance(players, int):
        return players
    if args.games < 1:
        print(S("cli_balance_games"), file=sys.stderr)
        return 2
    if args.seed < 0:
        print(S("cli_balance_seed"), file=sys.stderr)
        return 2
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        print(S("cli_balance_jobs"), file=sys.stderr)
        return 2
    scenario = args.scenario or rules.game.default_scenario
    if scenario not in rules.scenario:
        print(S("cli_unknown_scenario", scenario=scenario, scenarios=S("cli_list_sep").join(rules.scenario)), file=sys.stderr)
        return 2
    if args.out.exists() and not args.out.is_dir():
        print(S("cli_balance_out_file", path=args.out), file=sys.stderr)
        return 2
    hard = None
    if args.hard_simulations is not None or args.hard_time_cap is not None:
        from dataclasses import replace

        from eurasia_game.ai import HardSettings

        if (args.hard_simulations is not None and args.hard_simulations < 1) or (args.hard_time_cap is not None and args.hard_time_cap <= 0):
            print(S("cli_balance_hard"), file=sys.stderr)
            return 2
        hard = HardSettings()
        if args.hard_simulations is not None:
            hard = replace(hard, simulations=args.hard_simulations)
        if args.hard_time_cap is not None:
            hard = replace(hard, time_cap_ms=args.hard_time_cap)
    seeds = list(range(args.seed, args.seed + args.games))
    progress = None if args.quiet else ProgressBar(sys.stderr)
    games = run_games(rules, scenario, players, seeds, jobs=jobs, progress=progress, hard=hard)
    figures = summarise(rules, scenario, players, games)
    try:
        draw_charts = None
        if not args.no_charts:
            from eurasia_game.ui.balance_charts import draw_charts
        written = write_report(args.out, figures, games, draw_charts=draw_charts)
    except OSError as exc:
        print(S("cli_balance_write_failed", folder=args.out, reason=exc.strerror or exc), file=sys.stderr)
        return 1
    print(S("cli_balance_wrote", count=len(written), folder=args.out, files=S("cli_list_sep").join(p.name for p in written)))
    return 0
