"""``eurasia-game mods``: the mods installed in the player's mods folder, with their check status.

Each mod is checked on top of the base game (with the installed mods it
depends on), as the new-game screen does; ``--problems`` lists what is wrong.
Enable a mod for any command with ``--mod ID``.
"""

from __future__ import annotations

from pathlib import Path

from eurasia_game.lang.catalogue import S

NAME = "mods"
HELP = "help_cmd_mods"  # catalogue key (assets/words/clihelp.json)


def add_arguments(parser) -> None:
    parser.add_argument("--folder", metavar="DIR", type=Path, default=None, help=S("help_mods_folder"))
    parser.add_argument("--problems", action="store_true", help=S("help_mods_problems"))


def run(args) -> int:
    from eurasia_game.mods.discover import discover_mods, user_mods_dir

    folder = args.folder or user_mods_dir()
    found = discover_mods(folder)
    if not found:
        print(S("cli_mods_none", folder=folder))
        return 0
    print(S("cli_mods_in", folder=folder))
    for mod in found:
        print(f"  {mod.summary()}")
        if args.problems:
            for problem in mod.problems:
                print(f"    {problem}")
    return 0
