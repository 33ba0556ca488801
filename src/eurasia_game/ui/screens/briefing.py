"""A side's briefing, shown before its first year: role, goal, interests, fears, the article, questions.

The board pushes it once per side, when that side first acts in the first
year; in hotseat that is after the curtain, so only the side's own team sees
it.  The words come from the rules (``handouts.content.briefing``, the same
data as the printed briefing), so a mod or a translation carries through.
It is opaque and shows nothing of the board or the other side.
"""

from __future__ import annotations

import pygame

from eurasia_game.handouts.content import briefing
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import marker, panel
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button


class BriefingScene(sc.Scene):
    name = "briefing"
    opaque = True
    # It follows the year's first card, closed by a tap of Space or Enter: the next tap
    # must not close the side's private briefing before it is read.
    key_guard = sc.TAP_GUARD

    def __init__(self, side: str, on_done=None) -> None:
        super().__init__()
        self.side = side
        self.on_done = on_done or (lambda: sc.Pop())
        self.scroll = 0
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.more = False

    def layout(self, ctx) -> None:
        w, h = ctx.size
        m = ctx.px(16)
        self.rect = pygame.Rect(m, m, w - 2 * m, h - 2 * m)
        done = Button("done", S("briefing_done"), on=self.on_done, style="primary", shortcut="return", tooltip=S("briefing_done_help"))
        bw = min(ctx.px(260), self.rect.width // 2)
        done.rect = pygame.Rect(0, 0, bw, done.height_for(ctx, bw))
        done.rect.bottomright = (self.rect.right - ctx.px(12), self.rect.bottom - ctx.px(10))
        self.ring.set([done])
        self.ring.focus("done")

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.on_done()
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_DOWN):
            self.scroll += 4 if self.more else 0
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_UP):
            self.scroll = max(0, self.scroll - 4)
            return None
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - 3 * event.y) if event.y > 0 or self.more else self.scroll
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            from eurasia_game.ui.screens.menu import MenuScene

            return sc.Push(MenuScene())
        return super().handle(event, ctx)

    def blocks(self, ctx) -> list[tuple[str, list[str]]]:
        """(heading, paragraphs) of the briefing, in reading order."""
        game = ctx.game
        scenario = game.session.scenario if game is not None else None
        brief = briefing(ctx.rules, self.side, scenario)
        if brief is None:
            side = ctx.rules.side[self.side]
            return [(S("briefing_goal"), [side.goal]), (S("briefing_role"), [side.description])]
        scen = ctx.rules.scenario.get(scenario or ctx.rules.game.default_scenario)
        start = S("briefing_start", scenario=scen.name if scen else "", power=brief.start["power"], income=brief.start["income"], orders=brief.start["orders"])
        out = [(S("briefing_role"), [brief.role]), (S("briefing_goal"), [brief.goal, start])]
        if brief.objectives:
            out.append((S("briefing_objectives"), ["• " + o for o in brief.objectives]))
        out.append((S("briefing_interests"), ["• " + i for i in brief.interests]))
        out.append((S("briefing_fears"), ["• " + f for f in brief.fears]))
        out.append((S("briefing_article"), [f"• {p.text} ({p.section})" for p in brief.argument]))
        if brief.red_lines:
            out.append((S("briefing_red_lines"), [f"• {n}: {t}" for n, t in brief.red_lines]))
        out.append((S("briefing_questions"), ["• " + q for q in brief.questions]))
        return out

    def _lines(self, ctx, width: int, small: bool = False) -> list[tuple[str, int, tuple, bool, int]]:
        """Wrapped lines: (text, size, colour, bold, space before); bold lines are headings."""
        body = ctx.fs("font_small" if small else "font")
        head = ctx.fs("font" if small else "font_big")
        out = []
        for heading, paragraphs in self.blocks(ctx):
            for n, line in enumerate(ctx.text.wrap(heading, head, width, True)):
                out.append((line, head, ctx.colour("accent"), True, ctx.px(10) if n == 0 and out else 0))
            for para in paragraphs:
                indent = "   " if para.startswith("• ") else ""
                first, *rest = ctx.text.wrap(para, body, width, False) or [""]
                out.append((first, body, ctx.colour("text"), False, ctx.px(3)))
                if rest:
                    narrower = width - ctx.text.width(indent, body)
                    for line in ctx.text.wrap(" ".join(rest), body, narrower, False):
                        out.append((indent + line, body, ctx.colour("text"), False, 0))
        return out

    def _place(self, ctx, lines, height: int, columns: int) -> tuple[list[tuple[int, int, tuple]], bool]:
        """(column, y, line) for the lines from the scroll position on, and whether they all fit."""
        placed = []
        column, y = 0, 0
        shown = lines[self.scroll :]
        for index, line in enumerate(shown):
            text, size, colour, bold, before = line
            lh = ctx.text.line_height(size, bold)
            need = lh
            if bold and index + 1 < len(shown):  # a heading stays with its first line
                nxt = shown[index + 1]
                need += nxt[4] + ctx.text.line_height(nxt[1], nxt[3])
            elif before:  # a paragraph stays in one column when it can
                rest = 0
                for later in shown[index + 1 :]:
                    if later[3] or later[4]:
                        break
                    rest += ctx.text.line_height(later[1], later[3])
                if lh + rest <= height:
                    need += rest
            if y and y + before + need > height:
                column, y = column + 1, 0
                if column >= columns:
                    return placed, False
            y += before if y else 0
            placed.append((column, y, line))
            y += lh
        return placed, True

    def draw(self, surface, ctx) -> None:
        surface.fill(ctx.colour("curtain"))
        inner = panel(surface, ctx, self.rect)
        name = ctx.rules.side[self.side].name
        size = ctx.fs("font_title")
        title = S("briefing_title", side=name)
        while size > 14 and ctx.text.width(title, size, True) > inner.width - ctx.px(60):
            size -= 2
        r = ctx.px(14)
        marker(surface, ctx.rules, self.side, (inner.left + r, inner.top + ctx.text.line_height(size, True) // 2), r, ctx.side_colour(self.side))
        ctx.text.draw(surface, title, (inner.left + 2 * r + ctx.px(10), inner.top), size, ctx.colour("text"), bold=True)
        top = inner.top + ctx.text.line_height(size, True) + ctx.px(2)
        ctx.text.draw(surface, S("briefing_secret", side=name), (inner.left, top), ctx.fs("font_small"), ctx.colour("text_dim"))
        top += ctx.text.line_height(ctx.fs("font_small")) + ctx.px(10)
        bottom = self.ring.widgets[0].rect.top - ctx.px(8) if self.ring.widgets else inner.bottom
        gap = ctx.px(28)
        inner = inner.inflate(-ctx.px(8), 0)
        columns = 2 if inner.width >= ctx.px(760) else 1
        col_w = (inner.width - gap * (columns - 1)) // columns
        height = bottom - top
        for small in (False, True):  # the smaller type when the whole briefing then fits
            lines = self._lines(ctx, col_w, small)
            self.scroll = min(self.scroll, max(0, len(lines) - 1))
            placed, fits = self._place(ctx, lines, height, columns)
            if fits:
                break
        self.more = not fits
        for column, y, (text, fsize, colour, bold, _) in placed:
            ctx.text.draw(surface, text, (inner.left + column * (col_w + gap), top + y), fsize, colour, bold)
        if self.more or self.scroll:
            ctx.text.draw(surface, S("scroll_hint"), (inner.left, self.rect.bottom - ctx.px(14)), ctx.fs("font_small"), ctx.colour("text_dim"), anchor="bottomleft")
        self.ring.draw(surface, ctx)
