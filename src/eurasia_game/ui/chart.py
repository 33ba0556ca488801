"""Small line charts of the tracks and fronts over the years, for the ending.

Each side's line has its own colour, its own marker shape and its own
pattern (solid or dashed), so the chart reads without colour.
"""

from __future__ import annotations

import pygame

from eurasia_game.ui.drawing import dashed_line, marker


def line_chart(surface, ctx, rect, title: str, years: list[int], series: list[tuple[str | None, list[int]]], lo: int, hi: int) -> None:
    """``series`` is [(side id or None, values)]; None draws a neutral line."""
    rect = pygame.Rect(rect)
    pygame.draw.rect(surface, ctx.colour("panel"), rect, border_radius=ctx.px(4))
    size = ctx.fs("font_small")
    ctx.text.draw(surface, title, (rect.left + ctx.px(6), rect.top + ctx.px(3)), size, ctx.colour("text"), bold=True)
    lh = ctx.text.line_height(size, True)
    half = ctx.text.line_height(size) // 2  # room for the axis labels centred on the plot's edges
    plot = pygame.Rect(rect.left + ctx.px(26), rect.top + lh + half + ctx.px(4), rect.width - ctx.px(34), rect.height - lh - half - ctx.px(4) - lh - ctx.px(4))
    if plot.width < 10 or plot.height < 10:
        return
    for v in (lo, (lo + hi) // 2, hi):
        y = plot.bottom - (v - lo) / max(1, hi - lo) * plot.height
        pygame.draw.line(surface, ctx.colour("chart_grid"), (plot.left, y), (plot.right, y), 1)
        ctx.text.draw(surface, str(v), (plot.left - ctx.px(4), y), size, ctx.colour("text_dim"), anchor="midright")
    if not years:
        return
    n = len(years)

    def point(i, v):
        x = plot.left + (i / max(1, n - 1)) * plot.width if n > 1 else plot.centerx
        y = plot.bottom - (max(lo, min(hi, v)) - lo) / max(1, hi - lo) * plot.height
        return (x, y)

    ctx.text.draw(surface, str(years[0]), (plot.left - ctx.px(4), plot.bottom + ctx.px(2)), size, ctx.colour("text_dim"), anchor="topleft")
    if n > 1:
        ctx.text.draw(surface, str(years[-1]), (plot.right + ctx.px(4), plot.bottom + ctx.px(2)), size, ctx.colour("text_dim"), anchor="topright")
    width = max(2, ctx.px(2))
    for side, values in series:
        pts = [point(i, v) for i, v in enumerate(values)]
        colour = ctx.side_colour(side) if side else ctx.colour("accent")
        if len(pts) > 1:
            pattern = ctx.rules.side_ids.index(side) % 2 if side in ctx.rules.side_ids else 0
            if pattern:
                dashed_line(surface, colour, pts, width, ctx.px(6))
            else:
                pygame.draw.lines(surface, colour, False, pts, width)
        for p in pts:
            if side:
                marker(surface, ctx.rules, side, (int(p[0]), int(p[1])), ctx.px(4), colour)
            else:
                pygame.draw.circle(surface, colour, (int(p[0]), int(p[1])), ctx.px(3))
