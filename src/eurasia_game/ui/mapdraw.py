"""The board's map: an original, stylised Eurasia drawn from assets/ui/map.json.

The coastlines are a few hundred hand-placed points projected onto a frame;
the rendered map is cached per size, so a frame only blits it.  Fronts sit
where the rules' ``map_position`` puts them (fractions of the frame).
"""

from __future__ import annotations

import json
from functools import lru_cache

import pygame

from eurasia_game.paths import assets_dir


@lru_cache(maxsize=1)
def map_data() -> dict:
    return json.loads((assets_dir() / "ui" / "map.json").read_text(encoding="utf-8"))


def frame_rect(area: pygame.Rect) -> pygame.Rect:
    """The largest rect of the map's aspect ratio centred in ``area``."""
    aspect = map_data()["frame"]["aspect"]
    w = min(area.width, int(area.height * aspect))
    h = min(area.height, int(w / aspect))
    rect = pygame.Rect(0, 0, w, h)
    rect.center = area.center
    return rect


def _project(frame: pygame.Rect, points):
    f = map_data()["frame"]
    (lon0, lon1), (lat0, lat1) = f["lon"], f["lat"]
    return [(frame.left + (lon - lon0) / (lon1 - lon0) * frame.width, frame.top + (lat - lat0) / (lat1 - lat0) * frame.height) for lon, lat in points]


def position(frame: pygame.Rect, fraction) -> tuple[int, int]:
    return int(frame.left + fraction[0] * frame.width), int(frame.top + fraction[1] * frame.height)


class MapRenderer:
    def __init__(self) -> None:
        self._cache: dict = {}

    def surface(self, ctx, area: pygame.Rect) -> tuple[pygame.Surface, pygame.Rect]:
        """The map drawn for ``area`` (cached) and the frame rect inside it."""
        key = (area.size, ctx.settings.colour_safe, round(ctx.scale, 3))
        hit = self._cache.get(key)
        if hit is None:
            hit = self._render(ctx, pygame.Rect((0, 0), area.size))
            self._cache = {key: hit}
        surf, frame = hit
        return surf, frame.move(area.topleft)

    def _render(self, ctx, area: pygame.Rect):
        surf = pygame.Surface(area.size)
        surf.fill(ctx.colour("sea"))
        frame = frame_rect(area)
        data = map_data()
        # a faint graticule on the sea
        f = data["frame"]
        for lon in range(20, f["lon"][1], 20):
            pts = _project(frame, [(lon, f["lat"][0]), (lon, f["lat"][1])])
            pygame.draw.line(surf, ctx.colour("sea_line"), pts[0], pts[1], 1)
        for lat in range(30, 80, 10):
            pts = _project(frame, [(f["lon"][0], lat), (f["lon"][1], lat)])
            pygame.draw.line(surf, ctx.colour("sea_line"), pts[0], pts[1], 1)
        pygame.draw.polygon(surf, ctx.colour("ice"), _project(frame, data["ice"]))
        edge = max(1, ctx.px(1.5))
        for poly in data["land"]:
            pts = _project(frame, poly)
            pygame.draw.polygon(surf, ctx.colour("land"), pts)
            pygame.draw.polygon(surf, ctx.colour("land_edge"), pts, edge)
        for poly in data["water"]:
            pts = _project(frame, poly)
            pygame.draw.polygon(surf, ctx.colour("sea"), pts)
            pygame.draw.polygon(surf, ctx.colour("land_edge"), pts, edge)
        for line in data["rivers"]:
            pygame.draw.lines(surf, ctx.colour("river"), False, _project(frame, line), max(1, ctx.px(1.5)))
        return surf, frame
