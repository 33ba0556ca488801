"""The red-lines overlay (F2): Beijing's red lines as a table.

One row per line: its name (and how often it was crossed), what crosses
it, what it costs and how far the game is from it now, all read by
``engine.redlines`` from the rules and the current state.  When the person
at the screen is planning, their plan preview adds the odds that their own
orders cross the line this year.  Hovering a row gives the line's full
text, its article section and the full cost with each choice's effects.
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.redlines import rows
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import panel
from eurasia_game.ui.strings import S, basis_text
from eurasia_game.ui.widgets import Button

COLUMNS = (("red_lines_col_line", 0.2), ("red_lines_col_crosses", 0.24), ("red_lines_col_costs", 0.3), ("red_lines_col_far", 0.26))


def _sentence(text: str) -> str:
    """A table cell as a sentence: a capital first letter and the language's full stop ("。" in Chinese)."""
    return S("red_lines_sentence", text=text[:1].upper() + text[1:])


class RedLinesScene(sc.Scene):
    name = "red_lines"
    opaque = False

    def __init__(self, preview=None) -> None:
        super().__init__()
        self.preview = preview  # the viewer's plan preview, when they are planning
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.scroll = 0

    def layout(self, ctx) -> None:
        w, h = ctx.size
        m = ctx.px(24)
        width = min(w - 2 * m, ctx.px(1240))
        self.rect = pygame.Rect(0, 0, width, min(h - 2 * m, self._height(ctx, width)))
        self.rect.center = (w // 2, h // 2)
        close = Button("close", S("close"), on=lambda: sc.Pop(), shortcut="escape", tooltip=S("close_help"))
        close.rect = pygame.Rect(0, 0, ctx.px(140), ctx.px(36))
        close.rect.topright = (self.rect.right - ctx.px(12), self.rect.top + ctx.px(10))
        self.ring.set([close])
        self.ring.focus("close")

    def _widths(self, ctx, inner_w: int) -> list[int]:
        gap = ctx.px(14)
        return [int((inner_w - gap * (len(COLUMNS) - 1)) * share) for _, share in COLUMNS]

    def _row_height(self, ctx, cells, widths) -> int:
        size, small = ctx.fs("font"), ctx.fs("font_small")
        return max(ctx.text.wrapped_height(c, size if i == 0 else small, w - (ctx.px(6) if i == 0 else 0), i == 0) for i, (c, w) in enumerate(zip(cells, widths)))

    def _height(self, ctx, width: int) -> int:
        """The panel's height for every row (the window may cut it: then it scrolls)."""
        inner_w = width - 2 * ctx.px(8)
        big, size, small = ctx.fs("font_big"), ctx.fs("font"), ctx.fs("font_small")
        h = 2 * ctx.px(8) + ctx.text.line_height(big, True) + ctx.px(4)
        h += ctx.text.wrapped_height(S("red_lines_intro"), small, inner_w - ctx.px(150)) + ctx.px(10)
        h += ctx.text.line_height(size, True) + ctx.px(12)
        widths = self._widths(ctx, inner_w)
        table = self.table(ctx) if ctx.game is not None else []
        h += sum(self._row_height(ctx, cells, widths) + ctx.px(14) for _, _, cells, _ in table) or ctx.text.line_height(size)
        return h + ctx.px(24)

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F2):
            return sc.Pop()
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_DOWN):
            self.scroll += 1
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_UP):
            self.scroll = max(0, self.scroll - 1)
            return None
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - event.y)
            return None
        return super().handle(event, ctx)

    def table(self, ctx) -> list[tuple]:
        """The rows as drawn: (line def, LineRow, [cell texts], status colour)."""
        rules = ctx.rules
        state = ctx.game.state
        odds = {o.line: o.chance for o in self.preview.red_lines} if self.preview is not None else {}
        out = []
        for line, row in zip(rules.red_lines, rows(rules, state)):
            name = row.name
            if row.times:
                name += "\n" + S("red_lines_times", n=row.times)
            far = _sentence(row.distance)
            if line.id in odds:
                chance = odds[line.id]
                far += " " + (S("red_lines_plan_certain") if chance >= 1 else S("red_lines_plan_odds", percent=round(chance * 100)))
            colour = ctx.colour("text_dim") if row.spent else ctx.colour("danger") if row.steps == 0 or line.id in odds else ctx.colour("accent") if row.steps == 1 else ctx.colour("text")
            cells = [name, _sentence(row.crosses), _sentence(row.costs), far]
            out.append((line, row, cells, colour))
        return out

    def draw(self, surface, ctx) -> None:
        self.hotspots = []
        inner = panel(surface, ctx, self.rect)
        big, size, small = ctx.fs("font_big"), ctx.fs("font"), ctx.fs("font_small")
        ctx.text.draw(surface, S("red_lines_title"), inner.topleft, big, ctx.colour("accent"), bold=True)
        y = inner.top + ctx.text.line_height(big, True) + ctx.px(4)
        close = self.ring.get("close")
        intro_w = (close.rect.left if close else inner.right) - inner.left - ctx.px(10)
        y += ctx.text.draw_wrapped(surface, S("red_lines_intro"), pygame.Rect(inner.left, y, intro_w, inner.bottom - y), small, ctx.colour("text_dim")) + ctx.px(10)
        gap = ctx.px(14)
        widths = self._widths(ctx, inner.width)
        xs = [inner.left]
        for w in widths[:-1]:
            xs.append(xs[-1] + w + gap)
        head_h = ctx.text.line_height(size, True)
        for (key, _), x in zip(COLUMNS, xs):
            ctx.text.draw(surface, S(key), (x, y), size, ctx.colour("text"), bold=True)
        y += head_h + ctx.px(4)
        pygame.draw.line(surface, ctx.colour("panel_edge"), (inner.left, y), (inner.right, y), 1)
        y += ctx.px(8)
        table = self.table(ctx)
        if not table:
            ctx.text.draw(surface, S("no_red_lines"), (inner.left, y), size, ctx.colour("text"))
            self.ring.draw(surface, ctx)
            return
        self.scroll = min(self.scroll, len(table) - 1)
        hidden = self.scroll
        for line, row, cells, colour in table[self.scroll :]:
            row_h = self._row_height(ctx, cells, widths)
            if y + row_h > inner.bottom and y > inner.top + ctx.px(80) and line is not table[self.scroll][0]:
                break
            box = pygame.Rect(inner.left - ctx.px(4), y - ctx.px(4), inner.width + ctx.px(8), row_h + ctx.px(8))
            pygame.draw.rect(surface, ctx.colour("bg"), box, border_radius=ctx.px(4))
            pygame.draw.rect(surface, colour, pygame.Rect(box.left, box.top, ctx.px(4), box.height))
            for i, (cell, x, w) in enumerate(zip(cells, xs, widths)):
                if i == 0:
                    ctx.text.draw_wrapped(surface, cell, pygame.Rect(x + ctx.px(6), y, w - ctx.px(6), row_h), size, ctx.colour("text"), bold=True)
                else:
                    ctx.text.draw_wrapped(surface, cell, pygame.Rect(x, y, w, row_h), small, colour if i == 3 else ctx.colour("text"))
            help_text = f"{line.name}\n{line.text}"
            if line.section:
                help_text += "\n" + S("card_section", section=line.section, basis=basis_text(line.basis)).strip()
            help_text += "\n" + S("red_lines_full_cost", cost=row.detail)
            self.hotspots.append((box, help_text))
            y += row_h + ctx.px(14)
            hidden += 1
        if self.scroll or hidden < len(table):
            ctx.text.draw(surface, S("red_lines_more"), (inner.right, inner.bottom), small, ctx.colour("text_dim"), anchor="bottomright")
        self.ring.draw(surface, ctx)
