"""Line charts as inline SVG text, so a report needs no plotting library and no network.

Lines are told apart by colour (a colour-blind-safe palette), by dash
pattern and by marker shape, never by colour alone.  Every point carries a
tooltip with its value; a legend names every line.  Shaded bands show a
track's danger zones, or the spread of a value across a class's tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

# Okabe-Ito, without yellow (too light on white paper).
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4")
SHAPES = ("circle", "square", "triangle", "diamond")


@dataclass(frozen=True)
class Line:
    label: str
    values: tuple  # numbers, or None where there is no value
    colour: str = PALETTE[0]
    dash: str = ""
    shape: str = "circle"
    width: float = 2.5


@dataclass(frozen=True)
class Band:
    """A shaded area between two value rows (a danger zone, or a spread)."""

    label: str
    lows: tuple
    highs: tuple
    colour: str = "#d55e00"
    opacity: float = 0.12


def style(index: int) -> dict:
    """Colour, dash and shape for the index-th line of a chart."""
    return {"colour": PALETTE[index % len(PALETTE)], "dash": DASHES[index % len(DASHES)], "shape": SHAPES[index % len(SHAPES)]}


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _marker(shape: str, x: float, y: float, colour: str, tip: str) -> str:
    r = 4.0
    title = f"<title>{escape(tip)}</title>"
    if shape == "square":
        body = f'<rect x="{_fmt(x - r)}" y="{_fmt(y - r)}" width="{_fmt(2 * r)}" height="{_fmt(2 * r)}" fill="{colour}">{title}</rect>'
    elif shape == "triangle":
        pts = f"{_fmt(x)},{_fmt(y - r - 1)} {_fmt(x + r + 1)},{_fmt(y + r)} {_fmt(x - r - 1)},{_fmt(y + r)}"
        body = f'<polygon points="{pts}" fill="{colour}">{title}</polygon>'
    elif shape == "diamond":
        pts = f"{_fmt(x)},{_fmt(y - r - 1)} {_fmt(x + r + 1)},{_fmt(y)} {_fmt(x)},{_fmt(y + r + 1)} {_fmt(x - r - 1)},{_fmt(y)}"
        body = f'<polygon points="{pts}" fill="{colour}">{title}</polygon>'
    else:
        body = f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(r)}" fill="{colour}">{title}</circle>'
    return body


def line_chart(
    title: str,
    x_labels: tuple,
    lines: list[Line],
    low: float,
    high: float,
    bands: list[Band] = (),
    zones: list[tuple] = (),
    width: int = 640,
    height: int = 250,
    chart_id: str = "",
) -> str:
    """An SVG line chart.  ``zones`` are (low, high, label) stretches of the scale to shade."""
    left, right, top, bottom = 40, 16, 30, 44
    legend_rows = (len(lines) + len(bands) + 2) // 3
    total_h = height + 18 * legend_rows
    plot_w = width - left - right
    plot_h = height - top - bottom
    count = max(1, len(x_labels) - 1)
    span = (high - low) or 1

    def x_at(i: int) -> float:
        return left + plot_w * i / count

    def y_at(v: float) -> float:
        return top + plot_h * (1 - (v - low) / span)

    uid = escape(chart_id or "chart")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{uid}" viewBox="0 0 {width} {total_h}" width="100%" '
        f'role="img" aria-labelledby="{uid}-title" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<text x="{left}" y="18" class="chart-title" font-size="14" font-weight="bold" fill="#222">{escape(title)}</text>',
    ]
    for z_low, z_high, z_label in zones:
        y1, y2 = y_at(min(high, z_high + 0.5)), y_at(max(low, z_low - 0.5))
        out.append(
            f'<rect x="{left}" y="{_fmt(y1)}" width="{plot_w}" height="{_fmt(max(0.0, y2 - y1))}" fill="#d55e00" opacity="0.08">'
            f"<title>{escape(z_label)}</title></rect>"
        )
    steps = _ticks(low, high)
    for v in steps:
        y = y_at(v)
        out.append(f'<line x1="{left}" y1="{_fmt(y)}" x2="{left + plot_w}" y2="{_fmt(y)}" stroke="#ddd" stroke-width="1"/>')
        out.append(f'<text x="{left - 6}" y="{_fmt(y + 4)}" text-anchor="end" font-size="11" fill="#444">{_fmt(v)}</text>')
    rotate = len(x_labels) > 8 or max((len(str(x)) for x in x_labels), default=0) > 6
    for i, label in enumerate(x_labels):
        x = x_at(i)
        out.append(f'<line x1="{_fmt(x)}" y1="{top + plot_h}" x2="{_fmt(x)}" y2="{top + plot_h + 4}" stroke="#888"/>')
        if rotate:
            out.append(
                f'<text x="{_fmt(x)}" y="{top + plot_h + 14}" text-anchor="end" font-size="10" fill="#444" '
                f'transform="rotate(-35 {_fmt(x)} {top + plot_h + 14})">{escape(str(label))}</text>'
            )
        else:
            out.append(f'<text x="{_fmt(x)}" y="{top + plot_h + 16}" text-anchor="middle" font-size="11" fill="#444">{escape(str(label))}</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#999"/>')
    for band in bands:
        upper = [(x_at(i), y_at(v)) for i, v in enumerate(band.highs) if v is not None]
        lower = [(x_at(i), y_at(v)) for i, v in enumerate(band.lows) if v is not None]
        if upper and lower:
            pts = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in upper + lower[::-1])
            out.append(f'<polygon class="band" points="{pts}" fill="{band.colour}" opacity="{band.opacity}"><title>{escape(band.label)}</title></polygon>')
    for line in lines:
        pts = [(x_at(i), y_at(v), v, x_labels[i]) for i, v in enumerate(line.values) if v is not None]
        if not pts:
            continue
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        path = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y, _, _ in pts)
        out.append(f'<polyline class="series" points="{path}" fill="none" stroke="{line.colour}" stroke-width="{line.width}"{dash} stroke-linejoin="round"/>')
        for x, y, v, label in pts:
            out.append(_marker(line.shape, x, y, line.colour, f"{line.label}, {label}: {_fmt(v)}"))
    legend_y = height + 4
    entries = [(line.label, line.colour, line.dash, line.shape, False) for line in lines] + [(b.label, b.colour, "", "", True) for b in bands]
    col_w = (width - left) / 3
    for i, (label, colour, dash, shape, is_band) in enumerate(entries):
        x = left + col_w * (i % 3)
        y = legend_y + 18 * (i // 3)
        if is_band:
            out.append(f'<rect x="{_fmt(x)}" y="{_fmt(y - 6)}" width="22" height="10" fill="{colour}" opacity="0.25"/>')
        else:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(f'<line x1="{_fmt(x)}" y1="{_fmt(y - 1)}" x2="{_fmt(x + 22)}" y2="{_fmt(y - 1)}" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
            out.append(_marker(shape, x + 11, y - 1, colour, label))
        out.append(f'<text x="{_fmt(x + 28)}" y="{_fmt(y + 3)}" font-size="11" fill="#222">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _ticks(low: float, high: float) -> list[float]:
    span = high - low
    step = 1
    for candidate in (1, 2, 5, 10, 20, 50, 100):
        step = candidate
        if span / candidate <= 6:
            break
    first = int(low // step) * step
    out = []
    value = first
    while value <= high:
        if value >= low:
            out.append(value)
        value += step
    return out
