"""PNG charts of the balance lab's figures, drawn with pygame-ce (already a dependency).

pygame's drawing is enough for a few lines and bars, and it avoids a large
plotting library for two charts.  It lives with the other pygame code: the
``balance`` command hands ``draw_charts`` to the lab, which stays free of
pygame itself.  It never opens a window.  Colours follow the Okabe-Ito
palette, which stays readable for colour-blind readers, and every line also
has a marker shape.  Titles and legends are in the language chosen
(``assets/words/balance.json``); in any language but English they use the
game's own fonts, whose glyphs cover Cyrillic and Chinese.
"""

from __future__ import annotations

import os
from pathlib import Path

from eurasia_game import lang
from eurasia_game.lang.catalogue import S as W  # the lab's words (assets/words/balance.json), not the window's catalogue

PALETTE = [(0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167), (230, 159, 0), (86, 180, 233), (240, 228, 66), (0, 0, 0)]
INK = (30, 30, 30)
GRID = (220, 220, 220)
PAPER = (255, 255, 255)


def _pygame():
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    if not pygame.font.get_init():
        pygame.font.init()
    return pygame


def _fonts(pygame):
    """(label font, title font): pygame's own for English, as always; the game's Noto fonts for other languages."""
    if lang.current() == lang.SOURCE:
        return pygame.font.Font(None, 22), pygame.font.Font(None, 28)
    from eurasia_game.ui.text import font_path

    cjk = lang.current() in lang.CJK
    return pygame.font.Font(font_path(False, cjk), 14), pygame.font.Font(font_path(True, cjk), 18)


def _marker(pygame, surf, kind: int, x: int, y: int, colour) -> None:
    shape = kind % 4
    if shape == 0:
        pygame.draw.circle(surf, colour, (x, y), 4)
    elif shape == 1:
        pygame.draw.rect(surf, colour, (x - 4, y - 4, 8, 8))
    elif shape == 2:
        pygame.draw.polygon(surf, colour, [(x, y - 5), (x - 5, y + 4), (x + 5, y + 4)])
    else:
        pygame.draw.polygon(surf, colour, [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)])


def trajectories_chart(path: Path, figures: dict) -> None:
    pygame = _pygame()
    font, title = _fonts(pygame)
    tracks = figures["trajectories"]
    legend = max((font.size(t["name"])[0] for t in tracks.values()), default=0)
    width, height = 700 + legend, 540
    left, right, top, bottom = 60, legend + 80, 50, 50
    surf = pygame.Surface((width, height))
    surf.fill(PAPER)
    years = sorted({p["year"] for t in tracks.values() for p in t["points"]})
    lo = min((t["min"] for t in tracks.values()), default=0)
    hi = max((t["max"] for t in tracks.values()), default=10)
    if not years or hi <= lo:
        years = years or [0, 1]
    x0, x1 = years[0], max(years[-1], years[0] + 1)

    def px(year):
        return int(left + (year - x0) / (x1 - x0) * (width - left - right))

    def py(value):
        return int(height - bottom - (value - lo) / (hi - lo) * (height - top - bottom))

    surf.blit(title.render(W("bal_chart_tracks", scenario=figures["scenario_name"]), True, INK), (left, 14))
    for v in range(lo, hi + 1):
        pygame.draw.line(surf, GRID, (left, py(v)), (width - right, py(v)))
        label = font.render(str(v), True, INK)
        surf.blit(label, (left - 8 - label.get_width(), py(v) - label.get_height() // 2))
    for year in years:
        pygame.draw.line(surf, GRID, (px(year), top), (px(year), height - bottom))
        text = W("bal_start") if year == figures["start_year"] - 1 else str(year)
        label = font.render(text, True, INK)
        surf.blit(label, (px(year) - label.get_width() // 2, height - bottom + 8))
    pygame.draw.rect(surf, INK, (left, top, width - left - right, height - top - bottom), 1)
    for i, (track, t) in enumerate(tracks.items()):
        colour = PALETTE[i % len(PALETTE)]
        points = [(px(p["year"]), py(p["mean"])) for p in t["points"]]
        if len(points) > 1:
            pygame.draw.lines(surf, colour, False, points, 3)
        for x, y in points:
            _marker(pygame, surf, i, x, y, colour)
        ly = top + 10 + i * 28
        pygame.draw.line(surf, colour, (width - right + 16, ly + 8), (width - right + 44, ly + 8), 3)
        _marker(pygame, surf, i, width - right + 30, ly + 8, colour)
        surf.blit(font.render(t["name"], True, INK), (width - right + 52, ly))
    pygame.image.save(surf, str(path))


def endings_chart(path: Path, figures: dict) -> None:
    pygame = _pygame()
    endings = figures["endings"]
    width = 960
    row = 34
    top, left, right = 66, 300, 90
    height = top + row * max(1, len(endings)) + 50
    surf = pygame.Surface((width, height))
    surf.fill(PAPER)
    font, title = _fonts(pygame)
    surf.blit(title.render(W("bal_chart_endings", games=figures["games"], scenario=figures["scenario_name"]), True, INK), (20, 14))
    colours = {"sudden": PALETTE[1], "final": PALETTE[0]}
    span = width - left - right
    for pct in range(0, 101, 20):
        x = left + int(span * pct / 100)
        pygame.draw.line(surf, GRID, (x, top - 6), (x, height - 40))
        label = font.render(f"{pct}%", True, INK)
        surf.blit(label, (x - label.get_width() // 2, height - 34))
    for i, e in enumerate(endings):
        y = top + i * row
        name = font.render(e["name"], True, INK)
        surf.blit(name, (left - 10 - name.get_width(), y + 8))
        bar = int(span * e["share"])
        colour = colours.get(e["check"], PALETTE[2])
        if e["check"] == "sudden":
            pygame.draw.rect(surf, colour, (left, y + 4, max(bar, 1), row - 10))
        else:
            pygame.draw.rect(surf, colour, (left, y + 4, max(bar, 1), row - 10), 0)
            pygame.draw.rect(surf, INK, (left, y + 4, max(bar, 1), row - 10), 1)
        surf.blit(font.render(f"{100 * e['share']:.1f}%", True, INK), (left + bar + 6, y + 8))
    key_y = 40
    x = left
    for kind, colour in colours.items():
        pygame.draw.rect(surf, colour, (x, key_y, 14, 14))
        label = font.render(W("bal_chart_sudden") if kind == "sudden" else W("bal_chart_final"), True, INK)
        surf.blit(label, (x + 20, key_y))
        x += 20 + label.get_width() + 30
    pygame.image.save(surf, str(path))


def draw_charts(out_dir: Path, figures: dict) -> list[str]:
    """Draw both charts into ``out_dir``; return their file names."""
    trajectories_chart(out_dir / "trajectories.png", figures)
    endings_chart(out_dir / "endings.png", figures)
    return ["trajectories.png", "endings.png"]
