"""Small layout helpers: stacking widgets and centring dialogs."""

from __future__ import annotations

import pygame


def stack(ctx, widgets, left: int, top: int, width: int, gap: int | None = None) -> int:
    """Place widgets one under another; returns the y below the last one."""
    gap = ctx.px(8) if gap is None else gap
    y = top
    for w in widgets:
        h = w.height_for(ctx, width)
        w.rect = pygame.Rect(left, y, width, h)
        y += h + gap
    return y - gap if widgets else top


def grid(ctx, widgets, rect: pygame.Rect, columns: int, gap: int | None = None) -> int:
    """Place widgets in ``columns`` columns, rows as tall as their tallest; returns the bottom y."""
    gap = ctx.px(8) if gap is None else gap
    columns = max(1, columns)
    width = (rect.width - gap * (columns - 1)) // columns
    y = rect.top
    for row in range(0, len(widgets), columns):
        items = widgets[row : row + columns]
        h = max(w.height_for(ctx, width) for w in items)
        for i, w in enumerate(items):
            w.rect = pygame.Rect(rect.left + i * (width + gap), y, width, h)
        y += h + gap
    return y - gap if widgets else rect.top


def centred(ctx, width: int, height: int) -> pygame.Rect:
    w, h = ctx.size
    margin = ctx.px(16)
    rect = pygame.Rect(0, 0, min(width, w - 2 * margin), min(height, h - 2 * margin))
    rect.center = (w // 2, h // 2)
    return rect
