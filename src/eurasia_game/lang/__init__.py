"""The languages the game speaks, and which one it speaks now.

English is the source language: every catalogue and rule file is written in
it.  Another language replaces words, never ids or numbers, from two kinds
of files: the interface's gettext catalogues (``assets/locale``, see
``lang.catalogue``) and the rules' language files (``rules/lang/<code>``,
see ``loading.translations``).  The choice is process-wide, like gettext's:
``--lang`` on the command line, the window's settings, or else the system
locale (``EURASIA_GAME_LANG`` overrides it, which the tests use).
"""

from __future__ import annotations

import locale
import os

SOURCE = "en"
# code -> the language's own name, in the order menus list them
NAMES: dict[str, str] = {"en": "English", "de": "Deutsch", "ru": "Русский", "zh": "简体中文"}
# Languages whose text needs the CJK font (``ui.text`` picks it).
CJK = frozenset({"zh"})

_current = SOURCE


def supported(code: str) -> bool:
    return code in NAMES


def normalise(code: str | None) -> str | None:
    """'ru_RU.UTF-8' -> 'ru', 'zh-Hans' -> 'zh'; None when it is no language the game speaks."""
    if not code:
        return None
    short = code.replace("-", "_").split(".")[0].split("_")[0].lower()
    return short if short in NAMES else None


def system_default() -> str:
    """The language of the system locale when the game speaks it, else English."""
    forced = normalise(os.environ.get("EURASIA_GAME_LANG"))
    if forced:
        return forced
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name)
        if value:
            first = value.split(":")[0]
            return normalise(first) or SOURCE
    try:
        found = locale.getlocale()[0]
    except ValueError:  # pragma: no cover - a malformed locale setting
        found = None
    return normalise(found) or SOURCE


def current() -> str:
    return _current


def use(code: str | None) -> str:
    """Speak ``code`` from now on (None: the system default); returns the language chosen."""
    global _current
    chosen = normalise(code) if code else system_default()
    _current = chosen or SOURCE
    return _current
