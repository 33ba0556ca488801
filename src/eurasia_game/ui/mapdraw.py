"""The board's map: the region's real coastlines and borders, and each front drawn on it.

The geography is Natural Earth's (public domain), simplified once by
``scripts/build_map.py`` into ``assets/ui/map.json``; nothing is fetched at
run time.  The asset's frame (a plate carree of fixed bounds) is fitted into
the map's area, and the map goes on past the frame to the area's edges, so
a wide or tall window shows more of the region rather than empty bands.
Fronts sit where the rules' ``map_position`` puts them (fractions of the
frame); a front the asset knows by id is drawn as its region or route:
Central Asia's states, the Northern Sea Route, the Energy front's pipelines,
the UN as an inset.  Each side's capital (the rules' ``capital``) is marked
with the side's marker, and its country tinted with the side's colour.

The picture is drawn at twice the size and scaled down smoothly, so edges
are crisp at any window size, and cached per size: a frame only blits it.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache

import pygame

from eurasia_game.paths import assets_dir

SUPERSAMPLE = 2
SUPERSAMPLE_MAX_PIXELS = 2_600_000  # the board's map at 2560x1440 is about 1.3 million


@lru_cache(maxsize=1)
def map_data() -> dict:
    return json.loads((assets_dir() / "ui" / "map.json").read_text(encoding="utf-8"))


def place_name(name: str) -> str:
    """A place name of the map (a route, a pipeline, a country) in the language chosen.

    Its key in the interface catalogue is ``map_place_`` and the name in
    lowercase with underscores; a name with no key shows as the map has it.
    """
    from eurasia_game.lang.catalogue import english, words

    key = "map_place_" + "_".join(re.findall(r"[a-z0-9]+", name.lower()))
    return words(key, english()[key]) if key in english() else name


def capital_of(side, data: dict) -> dict | None:
    """The map's capital of a side: by the side's id, or by its capital's name (a mod's side)."""
    for cap in data["capitals"]:
        if cap.get("side") == side.id or cap["name"] == side.capital:
            return cap
    return None


def frame_rect(area: pygame.Rect) -> pygame.Rect:
    """The largest rect of the map's aspect ratio centred in ``area``."""
    aspect = map_data()["frame"]["aspect"]
    w = min(area.width, int(area.height * aspect))
    h = min(area.height, int(w / aspect))
    rect = pygame.Rect(0, 0, w, h)
    rect.center = area.center
    return rect


def projector(frame: pygame.Rect):
    """lon, lat -> x, y for ``frame`` (works past the frame's edges too)."""
    f = map_data()["frame"]
    (lon0, lon1), (lat0, lat1) = f["lon"], f["lat"]
    sx, sy = frame.width / (lon1 - lon0), frame.height / (lat1 - lat0)
    left, top = frame.left, frame.top
    return lambda lon, lat: (left + (lon - lon0) * sx, top + (lat - lat0) * sy)


def _project(frame: pygame.Rect, points):
    p = projector(frame)
    return [p(lon, lat) for lon, lat in points]


def position(frame: pygame.Rect, fraction) -> tuple[int, int]:
    return int(frame.left + fraction[0] * frame.width), int(frame.top + fraction[1] * frame.height)


def insets(ctx, area: pygame.Rect) -> dict[str, pygame.Rect]:
    """Fronts drawn as an inset (the UN), by id: the inset's box, in the map's
    bottom-right corner, over the sea; their markers go inside it."""
    fronts = map_data().get("fronts", {})
    out = {}
    right = area.right - ctx.px(8)
    for front_id, shape in fronts.items():
        if shape.get("kind") != "inset" or front_id not in ctx.rules.front:
            continue
        caption = ctx.text.width(place_name(shape.get("place", "")), ctx.fs("font_small")) + ctx.px(16)
        box = pygame.Rect(0, 0, max(ctx.px(INSET_W), caption), ctx.px(INSET_H))
        box.bottomright = (right, area.bottom - ctx.px(8))
        out[front_id] = box
        right = box.left - ctx.px(8)
    return out


INSET_W, INSET_H = 176, 150


def legend(ctx) -> list[str]:
    """What the map draws for each front and side, one line each (the map's hover help)."""
    from eurasia_game.ui.strings import S, joined

    rules = ctx.rules
    data = map_data()
    lines = []
    for front_id, shape in data.get("fronts", {}).items():
        if front_id not in rules.front:
            continue
        front = rules.front[front_id].name
        kind = shape.get("kind")
        if kind == "countries":
            lines.append(S("map_legend_countries", front=front, countries=joined(place_name(c) for c in shape["countries"])))
        elif kind == "route":
            lines.append(S("map_legend_route", route=place_name(shape["name"]), front=front))
        elif kind == "pipelines":
            lines.append(S("map_legend_pipelines", front=front, names=joined(place_name(p["name"]) for p in shape["lines"])))
        elif kind == "inset":
            lines.append(S("map_legend_inset", front=front, place=place_name(shape.get("place", ""))))
    capitals = [side.capital for side in rules.sides if side.capital and capital_of(side, data) is not None]
    if capitals:
        lines.append(S("map_legend_capitals", capitals=joined(capitals)))
    return lines


def _blend(a, b, share: float):
    return tuple(int(x * (1 - share) + y * share) for x, y in zip(a, b))


def _dashed(surface, colour, points, width: int, dash: float, gap: float) -> None:
    """A polyline in dashes of ``dash`` pixels with ``gap`` between them."""
    on, left = True, dash
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        length = math.hypot(x2 - x1, y2 - y1)
        pos = 0.0
        while pos < length:
            step = min(left, length - pos)
            if on:
                a = (x1 + (x2 - x1) * pos / length, y1 + (y2 - y1) * pos / length)
                b = (x1 + (x2 - x1) * (pos + step) / length, y1 + (y2 - y1) * (pos + step) / length)
                pygame.draw.line(surface, colour, a, b, width)
            pos += step
            left -= step
            if left <= 0:
                on = not on
                left = dash if on else gap


class MapRenderer:
    def __init__(self, fronts: bool = True, supersample: int = SUPERSAMPLE) -> None:
        self._cache: dict = {}
        self.fronts = fronts  # False: the geography and capitals alone (the title's backdrop)
        # 1: drawn at its own size, not scaled down (the title's backdrop, shaded behind
        # the buttons, where the first frame's time counts more than the finest edges)
        self.supersample = supersample

    def surface(self, ctx, area: pygame.Rect) -> tuple[pygame.Surface, pygame.Rect]:
        """The map drawn for ``area`` (cached) and the frame rect inside it."""
        key = (area.size, ctx.settings.colour_safe, round(ctx.scale, 3), id(ctx.rules))
        hit = self._cache.get(key)
        if hit is None:
            hit = self._render(ctx, pygame.Rect((0, 0), area.size))
            self._cache = {key: hit}
        surf, frame = hit
        return surf, frame.move(area.topleft)

    def _render(self, ctx, area: pygame.Rect):
        k = self.supersample if area.width * area.height <= SUPERSAMPLE_MAX_PIXELS else 1  # a whole-window backdrop is shaded anyway
        self._area = area
        big_area = pygame.Rect(0, 0, area.width * k, area.height * k)
        big = pygame.Surface(big_area.size)
        frame = frame_rect(area)
        self._geography(ctx, big, frame_rect(big_area), k)
        surf = pygame.transform.smoothscale(big, area.size) if k > 1 else big
        self._labels(ctx, surf, frame)
        return surf, frame

    # --- the picture, drawn at k times the size ---------------------------
    def _geography(self, ctx, surf, frame: pygame.Rect, k: int) -> None:
        data = map_data()
        rules = ctx.rules
        p = projector(frame)
        px = lambda n: max(1, int(round(ctx.px(n) * k)))  # noqa: E731
        surf.fill(ctx.colour("sea"))
        w, h = surf.get_size()
        # the graticule, every 10 degrees, as far as the area goes
        for lon in range(-180, 361, 10):
            x = p(lon, 0)[0]
            if 0 <= x <= w:
                pygame.draw.line(surf, ctx.colour("sea_line"), (x, 0), (x, h), max(1, k // 2))
        for lat in range(-80, 90, 10):
            y = p(0, lat)[1]
            if 0 <= y <= h:
                pygame.draw.line(surf, ctx.colour("sea_line"), (0, y), (w, y), max(1, k // 2))
        # polar ice north of 82 degrees
        ice_y = p(0, 82)[1]
        if ice_y > 0:
            pygame.draw.rect(surf, _blend(ctx.colour("sea"), ctx.colour("ice"), 0.45), pygame.Rect(0, 0, w, int(ice_y)))
        # the countries, each side's home tinted with its colour, Central Asia's states marked
        tint = {}
        for side in rules.sides:
            cap = capital_of(side, data)
            if cap is not None:
                tint[cap["country"]] = _blend(ctx.colour("land"), ctx.side_colour(side.id), 0.28)
        region = set()
        fronts = data.get("fronts", {})
        for front_id, shape in (fronts.items() if self.fronts else ()):  # a front that is a group of states (Central Asia)
            if front_id in rules.front and shape.get("kind") == "countries":
                region |= set(shape["countries"])
        for country in data["countries"]:
            colour = tint.get(country["name"]) or (_blend(ctx.colour("land"), ctx.colour("accent"), 0.22) if country["name"] in region else ctx.colour("land"))
            for ring in country["rings"]:
                pygame.draw.polygon(surf, colour, [p(x, y) for x, y in ring])
        for line in data["borders"]:
            pygame.draw.lines(surf, ctx.colour("border"), False, [p(x, y) for x, y in line], px(1))
        for line in data["coasts"]:
            pygame.draw.lines(surf, ctx.colour("land_edge"), False, [p(x, y) for x, y in line], px(1.2))
        for country in data["countries"]:
            if country["name"] in region:
                for ring in country["rings"]:
                    pygame.draw.lines(surf, ctx.colour("accent"), True, [p(x, y) for x, y in ring], px(1.6))
        if not self.fronts:
            return
        # the fronts' routes
        for front_id, shape in fronts.items():
            if front_id not in rules.front:
                continue
            if shape["kind"] == "route":
                pts = [p(x, y) for x, y in shape["points"]]
                _dashed(surf, ctx.colour("sea_route"), pts, px(2.2), px(9), px(6))
            elif shape["kind"] == "pipelines":
                for pipe in shape["lines"]:
                    pts = [p(x, y) for x, y in pipe["points"]]
                    if pipe.get("planned"):
                        _dashed(surf, ctx.colour("pipeline"), pts, px(2), px(6), px(5))
                    else:
                        pygame.draw.lines(surf, ctx.colour("shade"), False, pts, px(4))
                        pygame.draw.lines(surf, ctx.colour("pipeline"), False, pts, px(2.4))
                    for end in (pts[0], pts[-1]):
                        pygame.draw.circle(surf, ctx.colour("pipeline"), end, px(3))
        for box in insets(ctx, self._area).values():
            self._inset(ctx, surf, pygame.Rect(box.left * k, box.top * k, box.width * k, box.height * k), px)

    def _inset(self, ctx, surf, box, px) -> None:
        """The UN as an inset: a framed box with a globe, away from the region itself."""
        pygame.draw.rect(surf, _blend(ctx.colour("sea"), ctx.colour("panel"), 0.6), box, border_radius=px(6))
        pygame.draw.rect(surf, ctx.colour("land_edge"), box, px(1.5), border_radius=px(6))
        # a globe seen from the pole, as on the UN's emblem
        r = px(22)
        g = (box.centerx, box.bottom - px(50))
        colour = _blend(ctx.colour("sea"), ctx.colour("ice"), 0.5)
        pygame.draw.circle(surf, colour, g, r, px(1.4))
        for i in (1, 2):
            pygame.draw.circle(surf, colour, g, r * i // 3, px(1))
        for a in range(0, 360, 45):
            pygame.draw.line(surf, colour, g, (g[0] + r * math.cos(math.radians(a)), g[1] + r * math.sin(math.radians(a))), px(1))

    # --- labels, drawn at the final size so the text is sharp ---------------
    def _labels(self, ctx, surf, frame: pygame.Rect) -> None:
        from eurasia_game.ui.drawing import marker

        data = map_data()
        rules = ctx.rules
        p = projector(frame)
        small = ctx.fs("font_small")
        fronts = data.get("fronts", {}) if self.fronts else {}
        for front_id, shape in fronts.items():
            if front_id not in rules.front:
                continue
            if shape["kind"] == "route":
                lon, lat = shape["points"][-5]
                ctx.text.draw(surf, place_name(shape["name"]), p(lon, lat + 2.4), small, ctx.colour("sea_route"), anchor="midbottom")
        for front_id, box in (insets(ctx, self._area) if self.fronts else {}).items():
            ctx.text.draw(surf, place_name(fronts[front_id]["place"]), (box.centerx, box.bottom - ctx.px(5)), small, ctx.colour("text_dim"), anchor="midbottom")
        for side in rules.sides:
            cap = capital_of(side, data)
            if cap is None:
                continue
            x, y = p(*cap["lonlat"])
            centre = (int(x), int(y))
            marker(surf, rules, side.id, centre, ctx.px(6), ctx.side_colour(side.id), outline=ctx.colour("text"))
            ctx.text.draw(surf, side.capital or cap["name"], (centre[0] - ctx.px(9), centre[1]), small, ctx.colour("text"), bold=True, anchor="midright")
