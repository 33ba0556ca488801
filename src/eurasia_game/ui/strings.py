"""Every word the window itself shows, from one file: assets/ui/strings.json.

Content words (side, front, track, card names and texts) come from the
rules; this catalogue holds only the interface's own words, with $name
placeholders filled by ``string.Template`` (so a string can reach only the
values it is given).  A missing key shows as the key itself, never a crash.
The English here is the source; ``lang.catalogue`` gives the words in the
language chosen.
"""

from __future__ import annotations

import json
from functools import lru_cache
from string import Template

from eurasia_game.lang.catalogue import words
from eurasia_game.paths import assets_dir


@lru_cache(maxsize=1)
def catalogue() -> dict[str, str]:
    path = assets_dir() / "ui" / "strings.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def basis_text(basis: str | None) -> str:
    """A rule item's basis in words: stated in the article, or extrapolated."""
    return S(f"basis_{basis}") if basis in ("article", "extrapolation") else ""


def S(key: str, /, **values: object) -> str:
    """The interface string ``key`` with its $placeholders filled."""
    source = catalogue().get(key)
    text = key if source is None else words(key, source)
    if values:
        text = Template(text).safe_substitute({k: str(v) for k, v in values.items()})
    return text


def joined(items) -> str:
    """Items listed in one line with the language's own separator (', ' in English, '、' in Chinese)."""
    return S("list_separator").join(items)
