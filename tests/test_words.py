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

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "eurasia_game"
WORDS = ROOT / "assets" / "words"
# the packages whose printed words live in assets/words (mods/discover.py: the mods' one-line status)
SPEAKERS = ["cli", "report", "handouts", "session", "mods"]
PREFIXES = ("cli_", "rep_", "hand_")
# keys built at run time from a known set of endings: key -> the families that produce them
DYNAMIC = {
    "cli_transcript_": ("win", "lose", "draw"),
}


def calls() -> list[tuple[str, int, str | None, set[str] | None]]:
    """(file, line, key or None when computed, keyword names or None when **spread) of every S(...) call."""
    found = []
    for package in SPEAKERS:
        for path in sorted((PACKAGE / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "S" and node.args:
                    first = node.args[0]
                    key = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
                    names = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords}
                    found.append((f"{path.relative_to(ROOT)}", node.lineno, key, names))
    return found


def named_keys() -> set[str]:
    """Every string in the speaking packages that reads like a catalogue key (keys chosen by a condition too)."""
    found = set()
    for package in SPEAKERS:
        for path in sorted((PACKAGE / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"(cli|rep|hand)_[a-z0-9_]+", node.value):
                    found.add(node.value)
    return found


def our_words() -> dict[str, str]:
    out = {}
    for file in sorted(WORDS.glob("*.json")):
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
    for file in sorted(WORDS.glob("*.json")):
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
