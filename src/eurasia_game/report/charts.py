"""The report's charts: each shared track, each front's standings, lines of play compared.

Built from ``Debrief`` series with ``svg.line_chart``.  Sides keep the colour
and marker shape the rules give them (``colour_safe``, ``shape``), so a chart
reads the same as the board.
"""

from __future__ import annotations

from eurasia_game.lang.catalogue import S
from eurasia_game.report.debrief import Debrief, Series
from eurasia_game.report.svg import Band, Line, line_chart, style


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def track_chart(rules, debrief: Debrief, series: Series, prefix: str = "") -> str:
    track = rules.track.get(series.key)
    zones = [(z.min, z.max, z.label) for z in track.zones if z.danger] if track else []
    line = Line(series.label, series.values, **style(0))
    return line_chart(series.label, debrief.points, [line], series.low, series.high, zones=zones, chart_id=f"{prefix}track-{_slug(series.key)}")


def front_chart(rules, debrief: Debrief, front_id: str, prefix: str = "") -> str:
    name, rows = debrief.fronts[front_id]
    lines = []
    for index, series in enumerate(rows):
        side = rules.side.get(series.key.split("/", 1)[1])
        look = style(index)
        if side is not None:
            look = {"colour": side.colour_safe, "dash": look["dash"], "shape": side.shape}
        lines.append(Line(side.name if side else series.label, series.values, **look))
    low = min(s.low for s in rows)
    high = max(s.high for s in rows)
    return line_chart(S("rep_chart_front", front=name), debrief.points, lines, low, high, chart_id=f"{prefix}front-{_slug(front_id)}")


def all_charts(rules, debrief: Debrief, prefix: str = "") -> tuple[list[str], list[str]]:
    """(track charts, front charts) of one game."""
    tracks = [track_chart(rules, debrief, s, prefix) for s in debrief.tracks]
    fronts = [front_chart(rules, debrief, f, prefix) for f in debrief.fronts]
    return tracks, fronts


def mixed_starts(debriefs: list[Debrief]) -> bool:
    """Whether the games start in different years (tables that played different scenarios)."""
    return len({d.point_years[0] for d in debriefs}) > 1


def start_label(year: int) -> str:
    return S("rep_chart_start_of", year=year + 1)


def aligned(debriefs: list[Debrief]) -> tuple[str, ...]:
    """Common x labels for several games: Start, then every year reached.

    When the games start in different years, every point sits at its own
    year, a game's start at the start of its first year, so the same column
    always means the same year.
    """
    if mixed_starts(debriefs):
        return tuple(_label(y, y in {d.point_years[0] for d in debriefs} and y not in {p for d in debriefs for p in d.point_years[1:]})
                     for y in sorted({y for d in debriefs for y in d.point_years}))
    years = sorted({y for d in debriefs for y in d.point_years[1:]})
    return (S("rep_point_start"),) + tuple(str(y) for y in years)


def _label(year: int, start_only: bool) -> str:
    return start_label(year) if start_only else str(year)


def _point_label(labels: tuple[str, ...], year: int, is_start: bool) -> str:
    if is_start:
        start = S("rep_point_start")
        return start if start in labels else (start_label(year) if start_label(year) in labels else str(year))
    return str(year)


def values_by_year(debrief: Debrief, series: Series, labels: tuple[str, ...]) -> tuple:
    """A series laid on common labels (None where that game has no value)."""
    by_label = {_point_label(labels, debrief.point_years[0], True): series.values[0]}
    for year, value in zip(debrief.point_years[1:], series.values[1:]):
        by_label[str(year)] = value
    return tuple(by_label.get(label) for label in labels)


def compare_chart(key: str, label: str, low: int, high: int, games: list[tuple[str, Debrief]], chart_id: str, spread: bool = False) -> str:
    """One value across several games: a line each, and a shaded spread if asked."""
    debriefs = [d for _, d in games]
    labels = aligned(debriefs)
    lines = []
    rows = []
    for index, (name, debrief) in enumerate(games):
        series = next((s for s in debrief.series() if s.key == key), None)
        if series is None:
            continue
        values = values_by_year(debrief, series, labels)
        rows.append(values)
        look = style(index)
        lines.append(Line(name, values, width=1.6 if spread else 2.5, **look))
    bands = []
    if spread and len(rows) > 1:
        lows = tuple(min((r[i] for r in rows if r[i] is not None), default=None) for i in range(len(labels)))
        highs = tuple(max((r[i] for r in rows if r[i] is not None), default=None) for i in range(len(labels)))
        bands.append(Band(S("rep_chart_spread"), lows, highs, colour="#0072b2", opacity=0.15))
    return line_chart(label, labels, lines, low, high, bands=bands, chart_id=chart_id)
