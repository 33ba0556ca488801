"""The seminar screens' own words, from assets/ui/seminar.json.

Same rules as ``ui.strings``: $name placeholders filled by
``string.Template``, and a key that is missing here falls back to the
window's main catalogue (so "OK" and "Cancel" are shared), then to the key.
"""

from __future__ import annotations

import json
from functools import lru_cache
from string import Template

from eurasia_game.lang.catalogue import words
from eurasia_game.paths import assets_dir
from eurasia_game.ui.strings import S


@lru_cache(maxsize=1)
def catalogue() -> dict[str, str]:
    path = assets_dir() / "ui" / "seminar.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def W(key: str, /, **values: object) -> str:
    """The seminar string ``key`` with its $placeholders filled."""
    source = catalogue().get(key)
    if source is None:
        return S(key, **values)
    text = words(key, source)
    if values:
        text = Template(text).safe_substitute({k: str(v) for k, v in values.items()})
    return text
