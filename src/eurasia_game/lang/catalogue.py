"""The interface's words in every language: JSON sources, gettext translations.

The English words live in JSON catalogues keyed by a short name
(``assets/ui/strings.json``, ``assets/ui/seminar.json`` and the files in
``assets/words/``).  Each other language is a gettext catalogue,
``assets/locale/<code>/LC_MESSAGES/eurasia_game.po``, whose entries carry
the key as context (``msgctxt``) and the English as ``msgid``: a translator
sees the English, and when the English changes the old translation stops
matching and the English shows until it is updated.  The game reads the
compiled ``.mo`` beside each ``.po`` with the standard library's gettext;
``scripts/catalogues.py`` (Babel) updates the ``.po`` files from the JSON
and compiles them.
"""

from __future__ import annotations

import gettext
import json
from functools import lru_cache
from pathlib import Path
from string import Template

from eurasia_game import lang
from eurasia_game.paths import assets_dir

DOMAIN = "eurasia_game"


def catalogue_files() -> list[Path]:
    """The English catalogues, in a fixed order (a key is looked up in all of them)."""
    root = assets_dir()
    files = [root / "ui" / "strings.json", root / "ui" / "seminar.json"]
    words = root / "words"
    if words.is_dir():
        files.extend(sorted(words.glob("*.json")))
    return [f for f in files if f.is_file()]


@lru_cache(maxsize=None)
def english(path: Path | None = None) -> dict[str, str]:
    """Every English string by key (of one catalogue file, or of all of them)."""
    out: dict[str, str] = {}
    for file in [path] if path else catalogue_files():
        data = json.loads(file.read_text(encoding="utf-8"))
        out.update({k: v for k, v in data.items() if not k.startswith("_")})
    return out


def locale_dir() -> Path:
    return assets_dir() / "locale"


@lru_cache(maxsize=None)
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``code`` (an empty one for English or a missing file)."""
    if code == lang.SOURCE:
        return gettext.NullTranslations()
    mo = locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except (OSError, ValueError):
        return gettext.NullTranslations()


def words(key: str, source: str, code: str | None = None) -> str:
    """``source`` (the English of ``key``) in the current language, or as it is."""
    code = code or lang.current()
    if code == lang.SOURCE:
        return source
    return translations(code).pgettext(key, source)


def S(key: str, /, **values: object) -> str:
    """The catalogue string ``key`` in the current language, $placeholders filled; the key itself if unknown."""
    source = english().get(key)
    if source is None:
        return key
    text = words(key, source)
    if values:
        text = Template(text).safe_substitute({k: str(v) for k, v in values.items()})
    return text


def coverage(code: str) -> tuple[int, int]:
    """(translated, total) interface strings of ``code``: a translation counts only for today's English."""
    source = english()
    if code == lang.SOURCE:
        return len(source), len(source)
    table = translations(code)
    return sum(1 for key, text in source.items() if is_translated(table, key, text)), len(source)


def is_translated(table: gettext.NullTranslations, key: str, text: str) -> bool:
    """Whether the catalogue has words for ``key`` as it reads in English today (even words equal to the English, like 'OK')."""
    catalog = getattr(table, "_catalog", None)
    return bool(catalog) and f"{key}\x04{text}" in catalog
