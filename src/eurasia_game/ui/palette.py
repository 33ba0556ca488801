"""Colours and sizes of the window, from assets/ui/palette.json.

Side colours come from the rules (``colour`` and ``colour_safe``); the
palette holds the interface's own colours.  Sides are also told apart by
their marker shape (from the rules) and by a line pattern, never by colour
alone.
"""

from __future__ import annotations

import json
from functools import lru_cache

from eurasia_game.paths import assets_dir


def _rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads((assets_dir() / "ui" / "palette.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=256)
def colour(name: str) -> tuple[int, int, int]:
    return _rgb(_data()["colours"][name])


@lru_cache(maxsize=64)
def size(name: str) -> float:
    return float(_data()["sizes"][name])


def side_colour(rules, side: str, colour_safe: bool) -> tuple[int, int, int]:
    d = rules.side.get(side)
    if d is None:
        return colour("text_dim")
    return _rgb(d.colour_safe if colour_safe else d.colour)


def side_pattern(rules, side: str) -> int:
    """0 for a solid line, 1 for a dashed one: the second way sides differ in charts."""
    ids = list(rules.side_ids)
    return ids.index(side) % 2 if side in ids else 0
