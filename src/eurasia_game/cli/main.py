"""Entry point of the ``eurasia-game`` command.

Subcommands live in ``cli/cmd_*.py`` modules, each with ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; they are found
automatically, so a new command is a new file.  With no subcommand the game
opens in a window (or prints help where the window is not available).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import eurasia_game
from eurasia_game import cli as cli_package
from eurasia_game import lang
from eurasia_game.lang.catalogue import S


def _command_modules():
    for info in sorted(pkgutil.iter_modules(cli_package.__path__), key=lambda i: i.name):
        if info.name.startswith("cmd_"):
            yield importlib.import_module(f"eurasia_game.cli.{info.name}")


def _add_language_argument(parser) -> None:
    # On the main parser and on every command, so both 'eurasia-game --lang ru simulate'
    # and 'eurasia-game simulate --lang ru' work; SUPPRESS keeps a command's
    # default from hiding a --lang given before it.
    parser.add_argument(
        "--lang", metavar="CODE", choices=sorted(lang.NAMES), default=argparse.SUPPRESS,
        help=f"language of everything the command shows: {', '.join(lang.NAMES)} (default: the system's language, else English)",
    )


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(
        prog="eurasia-game",
        description="Eurasia Game: Moscow and Beijing, 2019-2030. With no command, the game opens in a window.",
    )
    parser.add_argument("--version", action="version", version=f"eurasia-game {eurasia_game.__version__}")
    _add_language_argument(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    for module in _command_modules():
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        _add_language_argument(command)
        module.add_arguments(command)
        modules[module.NAME] = module
    return parser, modules


def _with_default_command(argv: list[str], modules: dict) -> list[str]:
    """``argv`` with ``play`` put in when no command is named (after a leading ``--lang CODE``)."""
    start = 0
    while start < len(argv) and (argv[start] == "--lang" or argv[start].startswith("--lang=")):
        start += 2 if argv[start] == "--lang" else 1
    rest = argv[start:]
    if "play" in modules and (not rest or rest[0] not in modules and not rest[0].startswith("-")):
        return [*argv[:start], "play", *rest]
    return argv


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, modules = build_parser()
    argv = _with_default_command(argv, modules)
    if not argv:
        parser.print_help()
        return 0
    args, extra = parser.parse_known_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    module = modules[args.command]
    lang.use(getattr(args, "lang", None))
    if extra and not getattr(module, "ACCEPTS_EXTRA", False):
        parser.error(S("cli_unrecognised", arguments=" ".join(extra)))
    args.extra = extra
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
