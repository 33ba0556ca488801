"""``eurasia-game languages``: each language the game speaks and how complete it is.

A language is complete when both of its parts are: the interface's
catalogue (``assets/locale``, see ``lang.catalogue``) and the rules' texts
(``lang/<code>/`` in the base rules and in each mod given with ``--mod``,
see ``loading.translations``).  ``--missing CODE`` lists the keys still in
English, for a translator's to-do list.
"""

from __future__ import annotations

from eurasia_game import lang
from eurasia_game.chosen_rules import load_result
from eurasia_game.cli.common import add_rules_argument
from eurasia_game.lang import catalogue
from eurasia_game.lang.catalogue import S

NAME = "languages"
HELP = "help_cmd_languages"  # catalogue key (assets/words/clihelp.json)


def add_arguments(parser) -> None:
    add_rules_argument(parser)
    parser.add_argument("--missing", metavar="CODE", choices=sorted(lang.NAMES), help=S("help_languages_missing"))


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    import unicodedata

    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(1, width - columns)


def run(args) -> int:
    from eurasia_game.loading.translations import language_status

    result = load_result(args)
    if result.rules is None:
        for problem in result.problems:
            print(problem)
        return 1
    if args.missing:
        status = language_status(result, args.missing)
        english = catalogue.english()
        table = catalogue.translations(args.missing)
        interface = [key for key, text in english.items() if args.missing != lang.SOURCE and not catalogue.is_translated(table, key, text)]
        for key in interface:
            print(S("cli_languages_missing_interface", key=key))
        for key in status.missing if args.missing != lang.SOURCE else ():
            print(S("cli_languages_missing_rules", key=key))
        return 0
    for code, name in lang.NAMES.items():
        done, total = catalogue.coverage(code)
        if code == lang.SOURCE:
            rules_done = rules_total = 0
        else:
            status = language_status(result, code)
            rules_done, rules_total = status.translated, status.total
        share = 100.0 if code == lang.SOURCE else 100.0 * (done + rules_done) / max(1, total + rules_total)
        percent = f"{share:.0f}%" if share >= 99.95 or share < 99.5 else "99%"  # never round an incomplete language up to 100%
        detail = "" if code == lang.SOURCE else "  " + S("cli_languages_detail", done=done, total=total, rules_done=rules_done, rules_total=rules_total)
        print(f"{code}  {_pad(name, 9)}{percent:>4}{detail}")
    return 0
