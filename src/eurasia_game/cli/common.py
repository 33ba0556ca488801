"""Helpers shared by the subcommands: choosing the rules and mods, loading them, reporting problems.

Every command that plays or inspects rules takes ``--rules DIR`` (another
base folder) and ``--mod PATH`` (repeatable: a mod folder, or the id of a mod
installed in the user's mods folder) through ``add_rules_argument``, and loads
them through ``load_rules_or_report``; so a new command gets mods for free.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eurasia_game.chosen_rules import load_result
from eurasia_game.lang.catalogue import S

# Exit codes of every command, for scripts and a mod's CI:
EXIT_OK = 0  # done, no errors
EXIT_PROBLEMS = 1  # the input (rules, mods, a save, a file) has problems; each was printed with its location
EXIT_USAGE = 2  # the command line itself is wrong (argparse uses 2 as well)


def add_rules_argument(parser) -> None:
    parser.add_argument("--rules", metavar="DIR", type=Path, default=None, help=S("help_rules"))
    parser.add_argument(
        "--mod", dest="mods", metavar="PATH", action="append", default=[],
        help=S("help_mod"),
    )


def load_rules_or_report(args, stream=None):
    """Load and check the rules and mods; print problems; return the RuleSet or None on errors."""
    stream = stream if stream is not None else sys.stderr
    result = load_result(args)
    errors = result.errors
    if errors or result.rules is None:
        for problem in result.problems:
            print(problem, file=stream)
        print(S("cli_rules_failed", count=len(errors)), file=stream)
        return None
    return result.rules


def parse_side_players(rules, extra: list[str], prog: str, metavar: str = "POLICY") -> dict[str, str] | int:
    """Read ``--SIDE POLICY`` for every side of ``rules`` from the leftover arguments.

    The options come from the rules' side ids, so modded sides get their own.
    Returns the players by side id, or an exit code after printing what to give.
    """
    import argparse

    from eurasia_game.cli.argwords import argparse_words
    from eurasia_game.session.policies import policy_names

    sides = argparse.ArgumentParser(prog=prog, add_help=False)
    for side in rules.side_ids:
        sides.add_argument(f"--{side}", metavar=metavar, choices=policy_names(), required=True, help=S("help_side_player", side=rules.side[side].name))
    try:
        with argparse_words():
            return vars(sides.parse_args(extra))
    except SystemExit as exc:
        wanted = " ".join(f"--{s} {metavar}" for s in rules.side_ids)
        print(S("cli_give_players", wanted=wanted, choices=S("cli_list_sep").join(policy_names())), file=sys.stderr)
        return int(exc.code or 2)
