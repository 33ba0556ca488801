"""Drawing pieces shared by the screens: side markers, gauges, panels.

Sides are drawn with their rules colour *and* their rules shape (circle,
square, triangle, diamond), so they are never told apart by colour alone.
"""

from __future__ import annotations

import pygame


def marker(surface, rules, side: str, centre, radius: int, colour, outline=(15, 20, 25)) -> None:
    """Draw ``side``'s marker shape (from the rules) at ``centre``."""
    d = rules.side.get(side)
    shape = d.shape if d is not None else "circle"
    x, y = centre
    r = max(3, radius)
    if shape == "square":
        rect = pygame.Rect(0, 0, 2 * r - 1, 2 * r - 1)
        rect.center = centre
        pygame.draw.rect(surface, colour, rect)
        pygame.draw.rect(surface, outline, rect, 1)
    elif shape == "triangle":
        pts = [(x, y - r), (x + r, y + r - 1), (x - r, y + r - 1)]
        pygame.draw.polygon(surface, colour, pts)
        pygame.draw.polygon(surface, outline, pts, 1)
    elif shape == "diamond":
        pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        pygame.draw.polygon(surface, colour, pts)
        pygame.draw.polygon(surface, outline, pts, 1)
    else:
        pygame.draw.circle(surface, colour, centre, r)
        pygame.draw.circle(surface, outline, centre, r, 1)


def side_marker(ctx, side: str):
    """A marker-drawing function for a widget: marker(surface, centre, radius)."""
    return lambda surface, centre, radius: marker(surface, ctx.rules, side, centre, radius, ctx.side_colour(side))


def panel(surface, ctx, rect, title: str | None = None) -> pygame.Rect:
    """A framed panel; returns the inner rect below its title."""
    pygame.draw.rect(surface, ctx.colour("panel"), rect, border_radius=ctx.px(6))
    pygame.draw.rect(surface, ctx.colour("panel_edge"), rect, width=1, border_radius=ctx.px(6))
    inner = pygame.Rect(rect).inflate(-2 * ctx.px(8), -2 * ctx.px(8))
    if title:
        size = ctx.fs("font")
        ctx.text.draw(surface, title, inner.topleft, size, ctx.colour("accent"), bold=True)
        lh = ctx.text.line_height(size, True)
        inner.top += lh + ctx.px(4)
        inner.height -= lh + ctx.px(4)
    return inner


def dashed_line(surface, colour, points, width: int, dash: int) -> None:
    """A polyline drawn in dashes (the second side's pattern in charts)."""
    on = True
    left = dash
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        dx, dy = x2 - x1, y2 - y1
        length = max(1e-6, (dx * dx + dy * dy) ** 0.5)
        pos = 0.0
        while pos < length:
            step = min(left, length - pos)
            a = (x1 + dx * pos / length, y1 + dy * pos / length)
            b = (x1 + dx * (pos + step) / length, y1 + dy * (pos + step) / length)
            if on:
                pygame.draw.line(surface, colour, a, b, width)
            pos += step
            left -= step
            if left <= 0:
                on = not on
                left = dash


def gauge(surface, ctx, rect, track, value: int) -> list[tuple[pygame.Rect, str]]:
    """A labelled track gauge with its zones; returns hover spots for the zones."""
    from eurasia_game.ui.strings import S

    rect = pygame.Rect(rect)
    small = ctx.fs("font_small")
    name_h = ctx.text.line_height(ctx.fs("font"), True)
    value_text = S("track_value", value=value, max=track.max)
    room = rect.width - ctx.text.width(value_text, ctx.fs("font"), True) - ctx.px(8)
    name_size = ctx.fs("font") if ctx.text.width(track.name, ctx.fs("font"), True) <= room else ctx.fs("font_small")
    ctx.text.draw(surface, track.name, (rect.left, rect.top + name_h - ctx.text.line_height(name_size, True)), name_size, ctx.colour("text"), bold=True)
    ctx.text.draw(surface, value_text, (rect.right, rect.top), ctx.fs("font"), ctx.colour("accent"), bold=True, anchor="topright")
    bar = gauge_bar(ctx, rect)
    span = track.max - track.min + 1
    cell = bar.width / span
    spots = []
    covered = set()
    for i, zone in enumerate(track.zones):
        x1 = bar.left + (zone.min - track.min) * cell
        x2 = bar.left + (zone.max - track.min + 1) * cell
        zr = pygame.Rect(int(x1), bar.top, int(x2) - int(x1), bar.height)
        colour = ctx.colour("danger") if zone.danger else ctx.colour("zone" if i % 2 == 0 else "zone_alt")
        pygame.draw.rect(surface, colour, zr)
        if zone.danger:  # hatching: danger is not shown by colour alone
            step = ctx.px(7)
            clip = surface.get_clip()
            surface.set_clip(zr)
            for x in range(zr.left - zr.height, zr.right, step):
                pygame.draw.line(surface, ctx.colour("shade"), (x, zr.bottom), (x + zr.height, zr.top), 1)
            surface.set_clip(clip)
        covered.update(range(zone.min, zone.max + 1))
        text = S("zone_help", label=zone.label, min=zone.min, max=zone.max) + (" " + S("zone_danger") if zone.danger else "")
        spots.append((zr, text))
    if not track.zones:
        pygame.draw.rect(surface, ctx.colour("zone"), bar)
    for v in range(track.min + 1, track.max + 1):
        x = int(bar.left + (v - track.min) * cell)
        pygame.draw.line(surface, ctx.colour("panel"), (x, bar.top), (x, bar.top + bar.height // 4), 1)
    pygame.draw.rect(surface, ctx.colour("panel_edge"), bar, 1)
    # the value: a white pointer with a dark outline over its cell
    cx = int(bar.left + (value - track.min + 0.5) * cell)
    pts = [(cx, bar.bottom - ctx.px(3)), (cx - ctx.px(7), bar.top - ctx.px(3)), (cx + ctx.px(7), bar.top - ctx.px(3))]
    pygame.draw.polygon(surface, ctx.colour("gauge_mark"), pts)
    pygame.draw.polygon(surface, ctx.colour("shade"), pts, 2)
    ly = bar.bottom + ctx.px(2)
    ctx.text.draw(surface, track.low_label, (bar.left, ly), small, ctx.colour("text_dim"))
    ctx.text.draw(surface, track.high_label, (bar.right, ly), small, ctx.colour("text_dim"), anchor="topright")
    return spots


def gauge_bar(ctx, rect) -> pygame.Rect:
    """Where a gauge drawn in ``rect`` puts its bar (under the name, over the end labels)."""
    name_h = ctx.text.line_height(ctx.fs("font"), True)
    lh = ctx.text.line_height(ctx.fs("font_small"))
    return pygame.Rect(rect.left, rect.top + name_h + ctx.px(2), rect.width, max(ctx.px(14), rect.height - name_h - lh - ctx.px(6)))


def gauge_height(ctx) -> int:
    return ctx.text.line_height(ctx.fs("font"), True) + ctx.text.line_height(ctx.fs("font_small")) + ctx.px(26)


def shade(surface, alpha: int = 150) -> None:
    veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    veil.fill((0, 0, 0, alpha))
    surface.blit(veil, (0, 0))
