#!/usr/bin/env python3
"""Build the board's map asset (assets/ui/map.json) from Natural Earth data.

The coastlines and borders are Natural Earth's (public domain), as the
``world-atlas`` package of the npm registry ships them in TopoJSON
(countries at 1:50m).  This script is run by hand when the map changes,
never by the game, which only reads the asset it writes:

    npm pack world-atlas@2.0.2            # writes world-atlas-2.0.2.tgz here
    python scripts/build_map.py world-atlas-2.0.2.tgz

It decodes the TopoJSON arcs, keeps the countries of the region the board
shows (and the sea around it, so a wide window is map to its edges),
simplifies each arc once (Douglas-Peucker), so a border shared by two
countries stays one line, and sorts the arcs into coastlines (used by one
country) and land borders (used by two).  To the geography it adds what the
game draws on it, by front id: the states of Central Asia, the Northern Sea
Route, the pipelines of the Energy front, the UN's inset, and the two
capitals.  Routes are schematic, from public maps.

The standard library is all it needs.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "assets" / "ui" / "map.json"

# The board's frame (a plate carree with its width shrunk to suit ~48 degrees
# north): the rules' front positions are fractions of this frame, so it must
# not move.  Data is kept well beyond it, for windows wider or taller than it.
FRAME = {"lon": [10, 160], "lat": [80, 20], "aspect": 1.67}
KEEP_LON = (-25.0, 215.0)
KEEP_LAT = (-12.0, 90.0)
TOLERANCE = 0.06  # degrees; about one pixel at 2560x1440
MIN_RING_AREA = 0.08  # square degrees: smaller islands are dropped

CENTRAL_ASIA = ["Kazakhstan", "Uzbekistan", "Turkmenistan", "Kyrgyzstan", "Tajikistan"]

# Schematic routes (lon, lat), west to east.
NORTHERN_SEA_ROUTE = [
    [33.1, 69.1], [40.0, 70.3], [50.0, 70.9], [58.5, 70.5], [66.0, 72.2], [73.0, 74.2], [80.5, 74.6],
    [90.0, 76.3], [100.5, 77.9], [106.0, 77.6], [115.0, 75.6], [126.0, 74.0], [139.0, 74.9],
    [152.0, 72.3], [163.0, 70.6], [172.0, 69.9], [182.0, 67.4], [190.5, 65.8],
]
PIPELINES = [
    {"name": "Power of Siberia", "points": [[111.0, 60.4], [119.0, 57.5], [124.0, 54.0], [127.5, 50.3], [127.0, 47.0], [124.0, 42.0], [117.5, 39.5]]},
    {"name": "ESPO oil pipeline", "points": [[98.0, 55.9], [105.0, 55.0], [113.0, 55.5], [123.9, 54.0], [131.0, 49.5], [133.0, 45.0], [132.9, 42.8]]},
    {"name": "ESPO spur to Daqing", "points": [[123.9, 54.0], [124.5, 50.0], [125.0, 46.6]]},
    {"name": "West Siberian gas", "points": [[75.0, 66.5], [73.5, 61.0], [66.0, 58.0], [58.0, 56.5], [46.0, 55.5], [37.6, 55.7]]},
    {"name": "Power of Siberia 2 (planned)", "planned": True, "points": [[75.0, 66.5], [79.0, 60.0], [83.0, 55.0], [88.0, 50.5], [97.0, 48.5], [106.9, 47.9], [111.0, 43.6], [116.4, 39.9]]},
]
CAPITALS = [
    {"name": "Moscow", "side": "moscow", "lonlat": [37.62, 55.75], "country": "Russia"},
    {"name": "Beijing", "side": "beijing", "lonlat": [116.40, 39.90], "country": "China"},
]
UN_INSET = {"title": "United Nations", "place": "Security Council, New York"}


def read_topology(source: Path) -> dict:
    """The countries-50m TopoJSON, from the npm tarball or a bare .json file."""
    if source.suffix == ".json":
        return json.loads(source.read_text(encoding="utf-8"))
    with tarfile.open(source) as tar:
        member = tar.getmember("package/countries-50m.json")
        return json.load(io.TextIOWrapper(tar.extractfile(member), encoding="utf-8"))


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def unwrap(points):
    """Arcs west of -90 (Chukotka's tip, the Aleutians) and those across the
    antimeridian are moved east of 180, so Russia is drawn whole."""
    if points and all(lon < -90 for lon, _ in points):
        return [(lon + 360.0, lat) for lon, lat in points]
    if any(lon > 90 for lon, _ in points) and any(lon < -90 for lon, _ in points):  # an arc across the antimeridian
        return [(lon + 360.0 if lon < 0 else lon, lat) for lon, lat in points]
    return points


def simplify(points, tolerance: float):
    """Douglas-Peucker, keeping both ends (iterative: long coasts recurse deep)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, index = -1.0, None
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * (px - x1) - dx * (py - y1)) / norm if norm else math.hypot(px - x1, py - y1)
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]


def ring_points(arcs, indices):
    out = []
    for i in indices:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(pts if not out else pts[1:])
    return out


def area(ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def in_region(points) -> bool:
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return max(lons) >= KEEP_LON[0] and min(lons) <= KEEP_LON[1] and max(lats) >= KEEP_LAT[0] and min(lats) <= KEEP_LAT[1]


def rounded(points):
    return [[round(x, 2), round(y, 2)] for x, y in points]


def build(topo: dict, required=None) -> dict:
    """The asset's data from a TopoJSON topology; ``required``: country names
    that must be there (by default Central Asia's and the capitals')."""
    raw = decode_arcs(topo)
    arcs = [simplify(a, TOLERANCE) for a in raw]
    users: dict[int, int] = {}
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geom.get("arcs") or []
        if geom["type"] == "Polygon":
            polys = [polys]
        rings = []
        for poly in polys:
            for k, ring_arcs in enumerate(poly):
                ring = unwrap(ring_points(arcs, ring_arcs))
                if k > 0 or len(ring) < 4 or area(ring) < MIN_RING_AREA or not in_region(ring):
                    continue  # holes (lakes, enclaves) are drawn over by their own countries
                rings.append(rounded(ring))
                for i in ring_arcs:
                    users[i if i >= 0 else ~i] = users.get(i if i >= 0 else ~i, 0) + 1
        if rings:
            countries.append({"name": geom["properties"]["name"], "id": geom.get("id"), "rings": rings})
    coasts, borders = [], []
    for i, n in sorted(users.items()):
        line = unwrap(arcs[i])
        if len(line) >= 2 and in_region(line):
            (borders if n >= 2 else coasts).append(rounded(line))
    names = {c["name"] for c in countries}
    required = CENTRAL_ASIA + [c["country"] for c in CAPITALS] if required is None else list(required)
    missing = [n for n in required if n not in names]
    if missing:
        raise SystemExit(f"build_map: the data has no {', '.join(missing)}")
    return {
        "_about": (
            "The board's map. Coastlines and borders: Natural Earth (public domain), 1:50m countries as the "
            "world-atlas package ships them, simplified by scripts/build_map.py (which also adds the fronts' "
            "schematic routes). Coordinates are longitude, latitude; east of 180 continues past 180."
        ),
        "source": "Natural Earth 1:50m Admin 0 countries (v4.1.0, via world-atlas 2.0.2); public domain",
        "frame": FRAME,
        "countries": countries,
        "coasts": coasts,
        "borders": borders,
        "capitals": CAPITALS,
        "fronts": {
            "central_asia": {"kind": "countries", "countries": CENTRAL_ASIA},
            "arctic": {"kind": "route", "name": "Northern Sea Route", "points": NORTHERN_SEA_ROUTE},
            "energy": {"kind": "pipelines", "lines": PIPELINES},
            "un": {"kind": "inset", **UN_INSET},
        },
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="world-atlas-2.0.2.tgz (from 'npm pack world-atlas@2.0.2') or its countries-50m.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = build(read_topology(args.source))
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    points = sum(len(r) for c in data["countries"] for r in c["rings"])
    print(f"{args.out}: {len(data['countries'])} countries, {points} points, {len(data['coasts'])} coast and {len(data['borders'])} border lines, {len(text) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
