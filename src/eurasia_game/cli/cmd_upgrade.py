"""``eurasia-game upgrade PATH``: bring rule files written for an older format up to date.

PATH is a mod folder, a rules folder or one rule file.  Each file is edited
in place where its keys changed, keeping comments and layout, and its format
number is raised; ``--check`` only says what would change (exit code 1 when
something would), for a mod's CI.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eurasia_game.lang.catalogue import S

NAME = "upgrade"
HELP = "help_cmd_upgrade"  # catalogue key (assets/words/clihelp.json)


def add_arguments(parser) -> None:
    parser.add_argument("path", type=Path, help=S("help_upgrade_path"))
    parser.add_argument("--check", action="store_true", help=S("help_upgrade_check"))
    parser.epilog = S("help_upgrade_epilog")


def run(args) -> int:
    from eurasia_game.loading.formats import CURRENT_FORMAT, plan_upgrade, write_upgrade

    report = plan_upgrade(args.path)
    for problem in report.problems:
        print(S("cli_upgrade_cannot", problem=problem), file=sys.stderr)
    if report.problems:
        return 1
    changed = [f for f in report.files if f.changed]
    if not changed:
        print(S("cli_upgrade_nothing", path=args.path, format=CURRENT_FORMAT))
        return 0
    for upgrade in changed:
        key = "cli_upgrade_would" if args.check else "cli_upgrade_done"
        print(S(key, path=upgrade.path, old=upgrade.from_format, new=upgrade.to_format))
        for change in upgrade.changes:
            print(f"  {change}")
    if args.check:
        return 1
    try:
        write_upgrade(report)
    except OSError as exc:
        print(S("cli_upgrade_write_failed", reason=exc.strerror or exc), file=sys.stderr)
        return 1
    return 0
