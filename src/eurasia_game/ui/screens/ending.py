"""The ending: its name, the article's future it stands for, why it happened,
each side's result with the objectives it met, and charts of every shared
track and front over the years.
"""

from __future__ import annotations

import pygame

from eurasia_game.engine import ending_card, outcome
from eurasia_game.engine.decided import decided_by, roll_line, rolls
from eurasia_game.engine.describe import describe_condition
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.chart import line_chart
from eurasia_game.ui.drawing import marker, panel
from eurasia_game.ui.screens.objectives_view import detail_text, ending_score, ending_text
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button


ENDING_GUARD = 1.0  # seconds after the ending comes up when Space and Enter do nothing yet


def why_text(rules, state) -> str:
    ending = rules.ending[state.ending]
    card = ending_card(rules, state)
    if card is not None:
        return S("ending_why_card", title=rules.event[card].title, year=state.year)
    if ending.condition is None:
        return S("ending_why_fallback", year=state.year)
    kind = S("ending_sudden") if ending.check == "sudden" else S("ending_final")
    return S("ending_why", kind=kind, condition=describe_condition(rules, ending.condition), year=state.year)


def ending_series(game) -> tuple[list, list]:
    """(point labels from "Start", [(title, [(side or None, values)], low, high)]) for the charts."""
    from eurasia_game.report.debrief import debrief_of

    session = game.session
    first = session.steps[0].result
    events = [e for step in session.steps for e in step.result.events]
    debrief = debrief_of(game.rules, session.record(), first.state, first.events, session.state, events)
    charts = [(s.label, [(None, list(s.values))], s.low, s.high) for s in debrief.tracks]
    for name, series in debrief.fronts.values():
        charts.append((name, [(s.key.split("/", 1)[1], list(s.values)) for s in series], series[0].low, series[0].high))
    return list(debrief.points), charts


def rolls_text(ctx, lines: list[str], width: int, height: int, most: int = 3) -> str | None:
    """The other rolls that mattered (latest first), as many whole as fit in ``width`` x ``height``.

    Up to ``most`` rolls are listed, the rest counted ("and 4 more in the
    debrief"); where not even one fits, the count alone; where not even that
    fits, nothing.  The list is never cut off part-way.
    """
    size = ctx.fs("font_small")
    for shown in range(min(most, len(lines)), 0, -1):
        text = S("ending_rolls", rolls="\n".join(lines[:shown]))
        if len(lines) > shown:
            text += S("ending_rolls_more", count=len(lines) - shown)
        if ctx.text.wrapped_height(text, size, width) <= height:
            return text
    text = S("ending_rolls_count", count=len(lines))
    return text if ctx.text.wrapped_height(text, size, width) <= height else None


def reroll_button(ctx) -> Button:
    """Roll the deciding die again from the same position, as a what-if line of the class."""
    from eurasia_game.session.branches import deciding_roll

    game = ctx.game
    roll = deciding_roll(ctx.rules, game.session) if game is not None else None
    return Button(
        "reroll",
        S("reroll"),
        on=lambda: sc.Call("seminar", ("reroll",)),
        shortcut="w",
        tooltip=S("reroll_help"),
        enabled=roll is not None,
        reason=S("reroll_none"),
    )


class EndingScene(sc.Scene):
    name = "ending"
    # Players tap Space or Enter through the last reveal; the next tap must not take
    # them straight past the ending to the title.
    key_guard = ENDING_GUARD

    def __init__(self) -> None:
        super().__init__()
        self.left = pygame.Rect(0, 0, 0, 0)
        self.right = pygame.Rect(0, 0, 0, 0)

    def layout(self, ctx) -> None:
        from eurasia_game.ui.screens.help import HelpScene
        from eurasia_game.ui.screens.saveload import SaveScene
        from eurasia_game.ui.screens.title import TitleScene
        from eurasia_game.ui.seminar.debrief_screen import debrief_button

        w, h = ctx.size
        m = ctx.px(16)
        left_w = int((w - 3 * m) * 0.40)
        self.left = pygame.Rect(m, m, left_w, h - 2 * m)
        self.right = pygame.Rect(2 * m + left_w, m, w - 3 * m - left_w, h - 2 * m)
        game = ctx.game
        default = f"{game.session.scenario}-ending" if game else "ending"
        buttons = [
            Button("to_title", S("back_to_title"), on=lambda: sc.ResetTo(TitleScene()), style="primary", shortcut="return", tooltip=S("back_to_title_help")),
            Button("save_record", S("save_record"), on=lambda: sc.Push(SaveScene(default)), shortcut="ctrl+s", tooltip=S("save_record_help")),
            reroll_button(ctx),
            debrief_button(),
            Button("help", S("how_to_play"), on=lambda: sc.Push(HelpScene()), shortcut="f1"),
        ]
        inner = self.left.inflate(-2 * ctx.px(14), -2 * ctx.px(14))
        bh = max(b.height_for(ctx, inner.width) for b in buttons)
        y = inner.bottom - len(buttons) * (bh + ctx.px(6)) + ctx.px(6)
        for b in buttons:
            b.rect = pygame.Rect(inner.left, y, inner.width, bh)
            y += bh + ctx.px(6)
        self.text_bottom = inner.bottom - len(buttons) * (bh + ctx.px(6))
        self.ring.set(buttons)
        if self.ring.focus_id is None:
            self.ring.focus("to_title")

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            from eurasia_game.ui.screens.menu import MenuScene

            return sc.Push(MenuScene())
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        rules = ctx.rules
        state = ctx.game.state
        ending = rules.ending[state.ending]
        self.hotspots = []
        surface.fill(ctx.colour("bg"))
        inner = panel(surface, ctx, self.left)
        pad = ctx.px(14)
        inner = self.left.inflate(-2 * pad, -2 * pad)
        inner.height = self.text_bottom - inner.top
        y = inner.top
        ctx.text.draw(surface, S("ending_heading"), (inner.left, y), ctx.fs("font_small"), ctx.colour("text_dim"), bold=True)
        y += ctx.text.line_height(ctx.fs("font_small"), True)
        self.ending_name_rect = pygame.Rect(inner.left, y, inner.width, 0)
        # the title size when the name fits on one line; a long name in the big
        # size instead, so the results and objectives below keep their room
        name_size = ctx.fs("font_title")
        if ctx.text.width(ending.name, name_size, True) > inner.width:
            name_size = ctx.fs("font_big")
        y += ctx.text.draw_wrapped(surface, ending.name, pygame.Rect(inner.left, y, inner.width, inner.bottom - y), name_size, ctx.colour("accent"), bold=True) + ctx.px(6)
        events = ctx.game.session.events(None)
        decision = decided_by(rules, state, events)
        mattered = [r for r in rolls(events, mattered_only=True) if not r.ended]
        blocks = [
            (S("ending_future", future=ending.future, section=ending.section), ctx.fs("font"), ctx.colour("text"), True),
            (ending.text, ctx.fs("font"), ctx.colour("text"), False),
            (decision.text if decision else why_text(rules, state), ctx.fs("font"), ctx.colour("accent"), True),
        ]
        for text, size, colour, bold in blocks:
            y += ctx.text.draw_wrapped(surface, text, pygame.Rect(inner.left, y, inner.width, inner.bottom - y), size, colour, bold) + ctx.px(8)
        # keep a line for the other rolls' count under the results
        reserve = ctx.text.line_height(ctx.fs("font_small")) if mattered else 0
        y = self._draw_results(surface, ctx, state, inner, y, reserve)
        room = pygame.Rect(inner.left, y + ctx.px(8), inner.width, inner.bottom - y - ctx.px(8))
        text = rolls_text(ctx, [roll_line(rules, r) for r in reversed(mattered)], room.width, room.height) if mattered else None
        if text:
            # under the results, and only as much of the list as fits there
            ctx.text.draw_wrapped(surface, text, room, ctx.fs("font_small"), ctx.colour("text_dim"))
        self._draw_charts(surface, ctx, state)
        self.ring.draw(surface, ctx)

    def _draw_results(self, surface, ctx, state, inner: pygame.Rect, y: int, reserve: int = 0) -> int:
        """Each side's result with its objectives' score beside it; then, where
        both fit whole and leave ``reserve`` free below, which objectives each
        side met. Returns the next free y.

        The objectives decide the final endings, so a result is never shown
        without its score; the names of what was met come before the other
        rolls (they explain the result) and are on hover when they do not fit.
        """
        rules = ctx.rules
        results = outcome(rules, state)
        big, small = ctx.fs("font_big"), ctx.fs("font_small")
        lh, small_lh = ctx.text.line_height(big, True), ctx.text.line_height(small)
        left = inner.left + ctx.px(28)
        for side in rules.sides:
            if y + lh > inner.bottom:
                return y
            marker(surface, rules, side.id, (inner.left + ctx.px(10), y + lh // 2), ctx.px(9), ctx.side_colour(side.id))
            shown = ctx.text.draw(surface, S("result_" + results.get(side.id, "draw"), side=side.name), (left, y), big, ctx.colour("text"), bold=True)
            row = pygame.Rect(inner.left, y, inner.width, lh)
            y += lh
            if side.objectives:
                score = ending_score(rules, state, side.id)
                gap = ctx.px(10)
                if shown.right + gap + ctx.text.width(score, small) <= inner.right:
                    at = (shown.right + gap, row.bottom - small_lh - ctx.px(3))  # on the result's line
                elif y + small_lh <= inner.bottom:
                    at = (left, y)
                    y += small_lh
                    row.height += small_lh
                else:
                    at = None
                if at is not None:
                    ctx.text.draw(surface, score, at, small, ctx.colour("text_dim"))
                self.hotspots.append((row, detail_text(rules, state, side.id)))
        lists = [ending_text(rules, state, s.id) for s in rules.sides if s.objectives]
        width = inner.width - ctx.px(28)
        heights = [ctx.text.wrapped_height(text, small, width) for text in lists]
        if lists and y + ctx.px(6) + sum(heights) + ctx.px(2) * len(lists) + reserve <= inner.bottom:
            y += ctx.px(6)
            for text, height in zip(lists, heights):
                ctx.text.draw_wrapped(surface, text, pygame.Rect(left, y, width, height), small, ctx.colour("text_dim"))
                y += height + ctx.px(2)
        return y

    def _draw_charts(self, surface, ctx, state) -> None:
        rules = ctx.rules
        inner = panel(surface, ctx, self.right, S("chart_title"))
        # the debrief's own series, so the charts start at the start as the debrief's do
        key = (id(ctx.game.session), len(ctx.game.session.steps))
        if getattr(self, "_series_key", None) != key:
            self._series_key, self._series = key, ending_series(ctx.game)
        years, charts = self._series
        n = len(charts)
        cols = 3 if inner.width > ctx.px(480) else 2
        rows = (n + cols - 1) // cols
        legend_h = ctx.text.line_height(ctx.fs("font_small")) + ctx.px(6)
        gap = ctx.px(8)
        cw = (inner.width - gap * (cols - 1)) // cols
        ch = (inner.height - legend_h - gap * (rows - 1)) // rows
        for i, (title, series, lo, hi) in enumerate(charts):
            rect = pygame.Rect(inner.left + (i % cols) * (cw + gap), inner.top + legend_h + (i // cols) * (ch + gap), cw, ch)
            line_chart(surface, ctx, rect, title, years, series, lo, hi)
            self.hotspots.append((rect, S("chart_help", name=title)))
        x = inner.left
        for side in rules.sides:
            marker(surface, rules, side.id, (x + ctx.px(6), inner.top + legend_h // 2), ctx.px(5), ctx.side_colour(side.id))
            pattern = S("line_solid") if rules.side_ids.index(side.id) % 2 == 0 else S("line_dashed")
            r = ctx.text.draw(surface, f"{side.name} ({pattern})", (x + ctx.px(16), inner.top + legend_h // 2), ctx.fs("font_small"), ctx.colour("text"), anchor="midleft")
            x = r.right + ctx.px(18)
