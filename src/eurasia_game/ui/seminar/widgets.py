"""Small drawing pieces of the seminar screens: the countdown badge, a text field, a list that scrolls.

The text field takes typed text from pygame's TEXTINPUT events (and
Backspace), so tests can type into it by posting events.
"""

from __future__ import annotations

import pygame

from eurasia_game.ui.seminar.presets import clock
from eurasia_game.ui.seminar.words import W


def draw_countdown(surface, ctx, rect, side: str, left: float, timer, size: int) -> None:
    """'Moscow 1:23' with a bar of the time left; red in the last seconds, 'time up' at zero."""
    rect = pygame.Rect(rect)
    total = max(1, timer.seconds or 1)
    urgent = left <= min(15, total / 4)
    bg = ctx.colour("danger") if urgent else ctx.colour("panel")
    pygame.draw.rect(surface, bg, rect, border_radius=rect.height // 2)
    pygame.draw.rect(surface, ctx.colour("accent"), rect, width=max(1, ctx.px(2)), border_radius=rect.height // 2)
    fill = rect.inflate(-ctx.px(8), 0)
    fill.height = max(2, ctx.px(4))
    fill.bottom = rect.bottom - ctx.px(4)
    fill.width = int(fill.width * max(0.0, min(1.0, left / total)))
    pygame.draw.rect(surface, ctx.colour("accent"), fill, border_radius=fill.height // 2)
    name = ctx.rules.side[side].name if side in ctx.rules.side else side
    text = W("sem_time_up_badge", side=name) if left <= 0 else W("sem_countdown", side=name, time=clock(left))
    ctx.text.draw(surface, text, (rect.centerx, rect.centery - ctx.px(2)), size, ctx.colour("text"), bold=True, anchor="center")


class TextField:
    """A one-line text field fed by TEXTINPUT events."""

    def __init__(self, text: str = "", limit: int = 500) -> None:
        self.text = text
        self.limit = limit

    def handle(self, event) -> bool:
        """Take typing; True when the event changed the text."""
        if event.type == pygame.TEXTINPUT:
            room = self.limit - len(self.text)
            if room > 0:
                self.text += "".join(c for c in event.text if c.isprintable())[:room]
                return True
            return False
        if event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE:
            if event.mod & pygame.KMOD_CTRL:
                self.text = self.text.rstrip().rsplit(" ", 1)[0] if " " in self.text.strip() else ""
            else:
                self.text = self.text[:-1]
            return True
        return False

    def draw(self, surface, ctx, rect, blink_on: bool = True) -> None:
        rect = pygame.Rect(rect)
        pygame.draw.rect(surface, ctx.colour("bg"), rect, border_radius=ctx.px(4))
        pygame.draw.rect(surface, ctx.colour("focus"), rect, width=max(1, ctx.px(2)), border_radius=ctx.px(4))
        size = ctx.fs("font")
        inner = rect.inflate(-ctx.px(16), -ctx.px(10))
        lines = ctx.text.wrap(self.text, size, inner.width) if self.text else [""]
        lh = ctx.text.line_height(size)
        fit = max(1, inner.height // lh)
        shown = lines[-fit:]
        y = inner.top
        for line in shown:
            ctx.text.draw(surface, line, (inner.left, y), size, ctx.colour("text"))
            y += lh
        if blink_on:
            x = inner.left + ctx.text.width(shown[-1], size)
            pygame.draw.line(surface, ctx.colour("focus"), (x + 2, y - lh + 2), (x + 2, y - 2), 2)
        counter = f"{len(self.text)}/{self.limit}"
        ctx.text.draw(surface, counter, (rect.right - ctx.px(6), rect.bottom + ctx.px(2)), ctx.fs("font_small"), ctx.colour("text_dim"), anchor="topright")


class Scroller:
    """Keeps an offset into a list of rows and answers which rows fit."""

    def __init__(self) -> None:
        self.offset = 0

    def clamp(self, total: int, fit: int) -> None:
        self.offset = max(0, min(self.offset, max(0, total - fit)))

    def handle(self, event, step: int, page: int) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            self.offset -= event.y * step
            return True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_PAGEDOWN:
                self.offset += page
                return True
            if event.key == pygame.K_PAGEUP:
                self.offset -= page
                return True
            if event.key == pygame.K_HOME:
                self.offset = 0
                return True
            if event.key == pygame.K_END:
                self.offset = 10**9
                return True
        return False
