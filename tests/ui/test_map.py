"""The board's map: Natural Earth's coastlines and borders from the shipped asset,
the fronts drawn as their regions and routes, crisp and growing with the window."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pygame
import pytest

from eurasia_game.paths import assets_dir
from eurasia_game.ui import mapdraw
from eurasia_game.ui import scenes as sc

REPO = Path(__file__).resolve().parents[2]


def _data():
    return mapdraw.map_data()


def test_the_asset_holds_the_region_and_says_where_it_comes_from():
    data = _data()
    names = {c["name"] for c in data["countries"]}
    assert {"Russia", "China", "Mongolia", "Kazakhstan", "Japan"} <= names
    assert "Natural Earth" in data["source"]
    for country in data["countries"]:
        for ring in country["rings"]:
            lons = [p[0] for p in ring]
            assert max(lons) - min(lons) < 180 or country["name"] == "Russia", country["name"]  # no ring wraps the world
    russia = next(c for c in data["countries"] if c["name"] == "Russia")
    assert max(p[0] for r in russia["rings"] for p in r) > 180  # Chukotka drawn east of 180, not torn off
    assert data["coasts"] and data["borders"]
    assert (assets_dir() / "ui" / "map.json").stat().st_size < 600_000
    credits = (assets_dir() / "README.txt").read_text(encoding="utf-8")
    assert "Natural Earth" in credits and "public domain" in credits and "world-atlas" in credits


def _build_module():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import build_map
    finally:
        sys.path.pop(0)
    return build_map


def test_the_build_script_sorts_shared_arcs_into_borders_and_simplifies():
    build_map = _build_module()
    # two squares sharing their middle edge (arc 1), quantised as TopoJSON does
    topo = {
        "transform": {"scale": [1, 1], "translate": [0, 40]},
        "arcs": [
            [[10, 0], [0, 10], [-10, 0], [0, -10]],  # left square's outer edge, 10..20 lon
            [[10, 0], [0, 10]],  # the shared edge, at lon 20... as deltas from (10, 0)
            [[10, 10], [10, 0], [0, -10], [-10, 0]],
        ],
        "objects": {"countries": {"geometries": [
            {"type": "Polygon", "id": "1", "properties": {"name": "A"}, "arcs": [[0, 1]]},
            {"type": "Polygon", "id": "2", "properties": {"name": "B"}, "arcs": [[~1, 2]]},
        ]}},
    }
    data = build_map.build(topo, required=())
    assert {c["name"] for c in data["countries"]} == {"A", "B"}
    assert len(data["borders"]) == 1 and len(data["coasts"]) == 2
    zigzag = [(x / 10, (x % 2) * 0.001) for x in range(100)]
    assert build_map.simplify(zigzag, 0.01) == [zigzag[0], zigzag[-1]]
    assert build_map.unwrap([(-175.0, 66.0), (-170.0, 65.0)]) == [(185.0, 66.0), (190.0, 65.0)]
    assert build_map.unwrap([(179.0, 66.0), (-179.0, 66.5)]) == [(179.0, 66.0), (181.0, 66.5)]


@pytest.mark.parametrize("size", [(1024, 640), (2560, 1440)])
def test_the_map_fills_its_area_and_marks_the_capitals(make_app, size):
    app = make_app(size=size)
    app.apply(sc.StartGame("after_fourth_term", 3, {"moscow": "human", "beijing": "human"}, True))
    board = next(s for s in app.stack if s.name == "board")
    area = board.regions["map"]
    surf, frame = board.map.surface(app.ctx, area)
    assert surf.get_size() == area.size
    assert area.width - frame.width <= 1 or area.height - frame.height <= 1  # the frame fits; the map goes on past it
    sea = app.ctx.colour("sea")
    corners = [surf.get_at((x, y))[:3] for x in (2, area.width - 3) for y in (2, area.height - 3)]
    assert any(c != sea for c in corners)  # land or lines to the edges, not empty bands
    p = mapdraw.projector(frame.move(-area.left, -area.top))
    for cap in _data()["capitals"]:
        x, y = p(*cap["lonlat"])
        side = next(s for s in app.rules.sides if s.capital == cap["name"])
        colour = pygame.Color(*app.ctx.side_colour(side.id))
        got = surf.get_at((int(x), int(y)))
        assert abs(got.r - colour.r) + abs(got.g - colour.g) + abs(got.b - colour.b) < 60, (cap["name"], got, colour)


def test_the_un_sits_in_its_inset(make_app):
    app = make_app(size=(1280, 800))
    app.apply(sc.StartGame("after_fourth_term", 3, {"moscow": "human", "beijing": "human"}, True))
    board = next(s for s in app.stack if s.name == "board")
    boxes = mapdraw.insets(app.ctx, board.regions["map"])
    assert boxes
    for front_id, box in boxes.items():
        node = board.ring.get(f"front:{front_id}")
        assert box.contains(node.rect)
        for other in board.ring.widgets:
            if other.id.startswith("front:") and other is not node:
                assert not other.rect.colliderect(box), other.id


def test_the_maps_hover_help_names_what_it_draws(make_app):
    app = make_app(size=(1280, 800))
    app.apply(sc.StartGame("after_fourth_term", 3, {"moscow": "human", "beijing": "human"}, True))
    board = next(s for s in app.stack if s.name == "board")
    app.draw()
    help_text = next(text for rect, text in board.hotspots if rect == board.regions["map"])
    assert "Northern Sea Route" in help_text and "Power of Siberia" in help_text and "Kazakhstan" in help_text
    assert "Moscow" in help_text and "Beijing" in help_text
