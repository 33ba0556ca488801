"""``eurasia-game check``: every problem in the rule files and mods, for people and for CI.

Each problem has a severity, ``file:line:column``, the field path, a sentence
for the modder and, where there is one, a suggestion.  ``--format json``
prints the same as one JSON object.  Exit codes, for a mod's own CI:

* 0 - no errors (warnings allowed, unless ``--strict``);
* 1 - at least one error (or, with ``--strict``, at least one warning);
* 2 - the command line itself is wrong.
"""

from __future__ import annotations

import json

from eurasia_game.chosen_rules import load_result
from eurasia_game.cli.common import add_rules_argument
from eurasia_game.lang.catalogue import S

NAME = "check"
HELP = "help_cmd_check"  # catalogue key (assets/words/clihelp.json)


def add_arguments(parser) -> None:
    add_rules_argument(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help=S("help_check_format"))
    parser.add_argument("--strict", action="store_true", help=S("help_check_strict"))
    parser.add_argument("--absolute-paths", action="store_true", help=S("help_check_absolute_paths"))
    parser.epilog = S("help_check_epilog")


def summary(rules) -> str:
    dilemmas = sum(1 for e in rules.events if e.dilemma is not None)
    return S(
        "cli_check_ok", sides=len(rules.sides), fronts=len(rules.fronts), tracks=len(rules.tracks), actions=len(rules.actions),
        events=len(rules.events), dilemmas=dilemmas, scenarios=len(rules.scenarios), endings=len(rules.endings),
    )


def report(result) -> dict:
    """The check as plain data (what ``--format json`` prints)."""
    problems = []
    for problem in result.sorted_problems():
        entry = problem.as_dict()
        layer = result.layer_of(problem.file)
        entry["mod"] = layer.name if layer is not None and layer.is_mod else None
        problems.append(entry)
    errors = len(result.errors)
    return {
        "ok": errors == 0 and result.rules is not None,
        "errors": errors,
        "warnings": len(result.problems) - errors,
        "game": None if result.rules is None else {"id": result.rules.game.id, "version": result.rules.game.version, "fingerprint": result.rules.fingerprint},
        "load_order": [
            {"id": layer.name, "version": layer.manifest.version if layer.manifest else None, "folder": layer.display}
            for layer in result.layers
        ],
        "problems": problems,
    }


def _with_languages(result) -> list:
    """Add the problems of every language the rules ship to ``result``; return each language's status."""
    if result.rules is None:
        return []
    from eurasia_game.loading.translations import check_languages, shipped_languages

    problems, statuses = check_languages(result, shipped_languages(result))
    result.problems.extend(problems)
    return statuses


def run(args) -> int:
    from eurasia_game.loading.translations import missing_line

    result = load_result(args)
    languages = _with_languages(result)
    data = report(result)
    data["languages"] = {s.code: {"translated": s.translated, "total": s.total, "missing": s.missing} for s in languages}
    if args.format == "json":
        print(json.dumps(data, indent=1))
    else:
        for problem in result.sorted_problems():
            print(problem)
        mods = [layer for layer in result.layers if layer.manifest is not None]
        if mods:
            print(S("cli_check_mods", mods=S("cli_list_sep").join(S("cli_check_mod", name=m.manifest.name, version=m.manifest.version) for m in mods)))
        for status in languages:
            if status.missing:
                print(missing_line(status))
        left_out = [layer for layer in result.layers if layer.unloaded]
        if left_out:
            print(S("cli_check_left_out", folders=S("cli_list_sep").join(layer.display for layer in left_out)))
        if data["ok"]:
            warnings = data["warnings"]
            print(S("cli_check_ok_warnings", summary=summary(result.rules), warnings=warnings) if warnings else summary(result.rules))
        else:
            print(S("cli_check_failed", errors=data["errors"], warnings=data["warnings"]))
    if not data["ok"]:
        return 1
    if args.strict and data["warnings"]:
        return 1
    return 0
