"""The help overlay (F1): the rules summary, each side's objectives, the turn's phase table and every shortcut."""

from __future__ import annotations

import pygame

from eurasia_game.ui import keys
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import panel
from eurasia_game.ui.screens.help_article import article_lines
from eurasia_game.ui.screens.objectives_view import has_objectives
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button


class HelpScene(sc.Scene):
    name = "help"
    opaque = False

    def __init__(self) -> None:
        super().__init__()
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.scroll = 0
        self.blocks: list[tuple[str, str]] = []

    def layout(self, ctx) -> None:
        w, h = ctx.size
        m = ctx.px(24)
        self.rect = pygame.Rect(m, m, w - 2 * m, h - 2 * m)
        close = Button("close", S("close"), on=lambda: sc.Pop(), shortcut="escape", tooltip=S("close_help"))
        close.rect = pygame.Rect(0, 0, ctx.px(140), ctx.px(36))
        close.rect.topright = (self.rect.right - ctx.px(12), self.rect.top + ctx.px(10))
        self.ring.set([close])
        self.ring.focus("close")

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F1):
            return sc.Pop()
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_DOWN):
            self.scroll += 3
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_UP):
            self.scroll = max(0, self.scroll - 3)
            return None
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - 3 * event.y)
            return None
        return super().handle(event, ctx)

    def _lines(self, ctx, width: int) -> list[tuple[str, int, tuple, bool]]:
        """Every line of the help, already wrapped: (text, size, colour, bold)."""
        rules = ctx.rules
        out = []
        body, head = ctx.fs("font"), ctx.fs("font_big")
        text, accent, dim = ctx.colour("text"), ctx.colour("accent"), ctx.colour("text_dim")

        def para(t, size=body, colour=text, bold=False):
            for line in ctx.text.wrap(t, size, width, bold):
                out.append((line, size, colour, bold))

        for block in rules.help:
            para(block.title, head, accent, True)
            para(block.text)
            out.append(("", body, text, False))
        if has_objectives(rules):
            para(S("objectives_heading"), head, accent, True)
            for side in rules.sides:
                if side.objectives:
                    para(S("objectives_needs", side=side.name, needed=side.objectives_needed, count=len(side.objectives)), body, text, True)
                    for o in side.objectives:
                        para(f"· {o.name}: {o.text}", body, dim)
            out.append(("", body, text, False))
        for kind, line in article_lines(rules):
            style = {"head": (head, accent, True), "sub": (body, accent, True), "item": (body, text, True), "note": (ctx.fs("font_small"), dim, False)}
            para(line, *style.get(kind, (body, text, False)))
        out.append(("", body, text, False))
        para(S("phase_table"), head, accent, True)
        for i, phase in enumerate(rules.phases):
            para(f"{i + 1}. {phase.name}", body, text, True)
            para(phase.description, body, dim)
        out.append(("", body, text, False))
        para(S("shortcuts"), head, accent, True)
        for spec, what, where in keys.GLOBAL + keys.BOARD + keys.OTHER:
            para(f"{keys.help_label(spec)} — {S(what)} ({S(where)})")
        return out

    def draw(self, surface, ctx) -> None:
        inner = panel(surface, ctx, self.rect)
        ctx.text.draw(surface, S("help_title"), inner.topleft, ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        top = inner.top + ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(16)
        gap = ctx.px(24)
        col_w = (inner.width - gap) // 2
        lines = self._lines(ctx, col_w)
        height = inner.bottom - top
        # two columns, filled in order; scrolling skips lines from the top
        self.scroll = min(self.scroll, max(0, len(lines) - 1))
        column, y = 0, 0
        shown_all = True
        for text, size, colour, bold in lines[self.scroll :]:
            lh = ctx.text.line_height(size, bold)
            # a heading never ends a column: it moves on with its first line
            heading = size == ctx.fs("font_big") and y > 0
            if y + lh > height or (heading and y + 2 * lh > height):
                column, y = column + 1, 0
                if column > 1:
                    shown_all = False
                    break
            ctx.text.draw(surface, text, (inner.left + column * (col_w + gap), top + y), size, colour, bold)
            y += lh
        if not shown_all or self.scroll:
            ctx.text.draw(surface, S("scroll_hint"), (inner.right, inner.bottom), ctx.fs("font_small"), ctx.colour("text_dim"), anchor="bottomright")
        self.ring.draw(surface, ctx)
