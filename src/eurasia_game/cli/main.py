"""Entry point of the ``eurasia-game`` command.

Subcommands live in ``cli/cmd_*.py`` modules, each with ``NAME``, ``HELP``
(the catalogue key of its one-line help, see ``assets/words/clihelp.json``;
plain English works too), ``add_arguments(parser)`` and ``run(args) -> int``;
they are found automatically, so a new command is a new file.  With no
subcommand the game opens in a window (or prints help where the window is
not available).

The help is in the language chosen, so the language is known before the
parser is built: ``--lang CODE`` is looked for in the arguments first (the
parser then reads it again, and refuses a code it does not know), and
argparse's own words come from the catalogue too (``cli.argwords``).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import eurasia_game
from eurasia_game import cli as cli_package
from eurasia_game import lang
from eurasia_game.cli.argwords import Formatter, argparse_words
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
        help=S("help_lang", codes=S("cli_list_sep").join(lang.NAMES)),
    )


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(
        prog="eurasia-game", formatter_class=Formatter,
        description=S("help_description"),
    )
    parser.add_argument("--version", action="version", version=f"eurasia-game {eurasia_game.__version__}", help=S("help_version"))
    _add_language_argument(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    for module in _command_modules():
        summary = S(module.HELP)
        command = sub.add_parser(module.NAME, help=summary, description=summary, formatter_class=Formatter)
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


def language_asked(argv: list[str]) -> str | None:
    """The last ``--lang CODE`` (or ``--lang=CODE``) among the arguments when the game speaks it, else None."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found if found and lang.supported(found) else None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang.use(language_asked(argv))  # before the parser is built: its help is in this language
    with argparse_words():
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
