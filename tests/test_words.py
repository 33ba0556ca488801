"""The command line's, reports' and handouts' own words: all in the catalogues, each key once.

``assets/words/*.json`` hold the English of everything the game prints
outside its window; the code asks for it by key with ``S(key, **values)``.
These checks read the code statically: every key it names exists, every
catalogue key is used, no key is in two catalogues, and each call gives
every ``$placeholder`` its string needs (a missing value would print as
``$name``).  A last check proves the words really go through the
translations, by playing a transcript in a made-up language.
"""

from __future__ import annotations

import ast
import gettext
import json
import re
from pathlib import Path

import pytest

from eurasia_game import lang
from eurasia_game.lang import catalogue
from eurasia_game.report.debrief import BASES, FACILITATOR_KINDS
from eurasia_game.report.teaching import TRENDS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "eurasia_game"
WORDS = ROOT / "assets" / "words"
# the packages whose printed words live in assets/words (mods/discover.py: the mods' one-line status; the balance charts' titles)
SPEAKERS = ["cli", "report", "handouts", "session", "mods", "balance", "ui/balance_charts.py"]
PREFIXES = ("cli_", "rep_", "hand_", "ses_", "help_", "ap_", "bal_")
OURS = ("balance.json", "cli.json", "clihelp.json", "report.json", "handouts.json", "session.json")  # the catalogues of what prints outside the window
# keys built at run time from a known set of endings: key -> the families that produce them
DYNAMIC = {
    "cli_transcript_": ("win", "lose", "draw"),
    "rep_result_": ("win", "lose", "draw"),
    "rep_kind_": FACILITATOR_KINDS,
    "rep_basis_tag_": BASES,
    "rep_basis_": BASES,
    "rep_did_": ("rise", "fall", "steady"),
    "rep_expects_": TRENDS,
}


def _sources(package: str) -> list[Path]:
    """The Python files of a package, or the one file named."""
    where = PACKAGE / package
    return [where] if where.is_file() else sorted(where.rglob("*.py"))


def calls() -> list[tuple[str, int, str | None, set[str] | None]]:
    """(file, line, key or None when computed, keyword names or None when **spread) of every S(...) call."""
    found = []
    for package in SPEAKERS:
        for path in _sources(package):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("S", "W") and node.args:
                    first = node.args[0]
                    key = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
                    names = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords}
                    found.append((f"{path.relative_to(ROOT)}", node.lineno, key, names))
    return found


def named_keys() -> set[str]:
    """Every string in the speaking packages that reads like a catalogue key (keys chosen by a condition too)."""
    found = set()
    for package in SPEAKERS:
        for path in _sources(package):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"(cli|rep|hand|ses|help|ap|bal)_[a-z0-9_]+", node.value):
                    found.add(node.value)
    return found


def our_words() -> dict[str, str]:
    out = {}
    for file in sorted(f for f in WORDS.glob("*.json") if f.name in OURS):
        out.update({k: v for k, v in json.loads(file.read_text(encoding="utf-8")).items() if not k.startswith("_")})
    return out


def test_every_key_named_exists_and_every_word_is_used():
    words = our_words()
    named = named_keys() - set(DYNAMIC)
    dynamic = {prefix + end for prefix, ends in DYNAMIC.items() for end in ends}
    everything = catalogue.english()
    assert sorted(k for k in named if k not in everything) == []
    assert sorted(k for k in words if k not in named | dynamic) == []


def test_keys_are_prefixed_and_unique_across_all_catalogues():
    seen: dict[str, str] = {}
    clashes = []
    for file in catalogue.catalogue_files():
        for key in json.loads(file.read_text(encoding="utf-8")):
            if key.startswith("_"):
                continue
            if key in seen:
                clashes.append(f"{key}: {seen[key]} and {file.name}")
            seen[key] = file.name
    assert clashes == []
    for file in sorted(f for f in WORDS.glob("*.json") if f.name in OURS):
        data = json.loads(file.read_text(encoding="utf-8"))
        assert "_about" in data, file.name
        assert all(k.startswith(PREFIXES) for k in data if k != "_about"), file.name


def test_each_call_fills_every_placeholder():
    everything = catalogue.english()
    missing = []
    for where, line, key, names in calls():
        if key is None or names is None or key not in everything:
            continue
        wanted = set(re.findall(r"\$(?:\{)?([A-Za-z_][A-Za-z0-9_]*)", everything[key]))
        if wanted - names:
            missing.append(f"{where}:{line}: {key} needs {sorted(wanted - names)}")
    assert missing == []


class Shouting(gettext.NullTranslations):
    """A made-up language: every catalogue string in capitals (placeholders kept)."""

    def pgettext(self, context, message):
        return re.sub(r"(?<![$\w])([A-Za-z]+)", lambda m: m.group(1).upper(), message)


@pytest.fixture
def shouting(monkeypatch):
    monkeypatch.setattr(catalogue, "translations", lambda code: Shouting())
    monkeypatch.setattr(lang, "_current", "de")
    yield


def test_the_transcript_speaks_the_language_chosen(rules, shouting):
    from eurasia_game.cli.transcript import transcript_lines
    from eurasia_game.session.autoplay import play_game

    session = play_game(rules, rules.game.default_scenario, 3, {s: "random" for s in rules.side_ids})
    lines = transcript_lines(rules, session.state, session.events(everything=False))
    assert "FINAL POSITION:" in lines
    assert any(line.startswith("ENDING IN ") or line == "THE GAME IS NOT FINISHED." for line in lines)


def test_the_report_speaks_the_language_chosen(rules, shouting):
    from eurasia_game.report.export import report_files
    from eurasia_game.report.export import line_debriefs
    from eurasia_game.session.branches import read_class

    klass = read_class(ROOT / "tests" / "seminar" / "table_c.record.json")
    files = report_files(rules, line_debriefs(rules, klass))
    assert '<html lang="de">' in files["report.html"]
    assert ">TURNING POINTS</h2>" in files["report.html"]
    assert "## TURNING POINTS" in files["report.md"]
    assert files["turns.csv"].startswith("table,line,point,year,")  # the CSV's columns stay data


def test_the_handouts_speak_the_language_chosen(rules, shouting):
    from eurasia_game.handouts.export import handout_files

    files = handout_files(rules)
    briefing = files[f"briefing-{rules.side_ids[0]}.html"]
    assert '<html lang="de">' in briefing and "<h2>YOUR ROLE</h2>" in briefing
    assert 'content: "LEARNING OBJECTIVES"' in files["rules.html"]  # the stylesheet's own heading too
