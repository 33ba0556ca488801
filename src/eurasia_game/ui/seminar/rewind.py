"""Rewind to the start of an earlier year and play on as a new line; or go back to another line.

Each year the current line reached is offered with its position at that
moment, so the class can pick the moment to ask "what if".  The original
line is kept; the debrief shows every line side by side.
"""

from __future__ import annotations

import pygame

from eurasia_game.session.branches import line_name, year_starts
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.scene_registry import scene
from eurasia_game.ui.layout import grid
from eurasia_game.ui.seminar.words import W
from eurasia_game.ui.widgets import Button
from eurasia_game.ui.strings import joined


class RewindScene(sc.Scene):
    name = "sem_rewind"

    def __init__(self) -> None:
        super().__init__()
        self.years_top = 0
        self.lines_top = 0

    def _position(self, ctx, at: int) -> str:
        """The tracks at the start of a year: 'Partnership 6, US pressure 4, ...'."""
        state = ctx.game.session.steps[at].result.state
        return joined(f"{t.name} {state.tracks[t.id]}" for t in ctx.rules.tracks)

    def layout(self, ctx) -> None:
        seminar = ctx.app.seminar
        klass = seminar.ensure_class()
        record = ctx.game.session.record()
        starts = year_starts(ctx.rules, record)
        years = [
            Button(
                f"year:{year}",
                W("sem_rewind_to", year=year),
                detail=self._position(ctx, at),
                on=self._rewind(year),
                tooltip=W("sem_rewind_to_help", year=year),
            )
            for year, at in starts.items()
            if at < len(record.actions)
        ]
        lines = [
            Button(
                f"line:{b.info.id}",
                line_name(b.info),
                detail=W("sem_line_here") if b.info.id == klass.current else W("sem_line_from", year=b.info.fork_year) if b.info.fork_year else W("sem_line_original"),
                on=self._switch(b.info.id),
                selected=b.info.id == klass.current,
                enabled=b.info.id != klass.current,
                reason=W("sem_line_here"),
                style="option",
            )
            for b in klass.branches
        ]
        back = Button("sem_back", W("sem_back_to_panel"), on=self._back, shortcut="escape", style="primary")
        w, h = ctx.size
        m = ctx.px(20)
        head = ctx.text.line_height(ctx.fs("font_big"), True) + ctx.text.line_height(ctx.fs("font")) + ctx.px(20)
        label = ctx.text.line_height(ctx.fs("font"), True) + ctx.px(6)
        self.years_top = m + head
        cols = 3 if w > ctx.px(1100) else 2
        y = grid(ctx, years, pygame.Rect(m, self.years_top + label, w - 2 * m, 0), cols, ctx.px(8)) + ctx.px(20)
        self.lines_top = y
        y = grid(ctx, lines, pygame.Rect(m, y + label, w - 2 * m, 0), cols, ctx.px(8)) + ctx.px(20)
        bh = back.height_for(ctx, ctx.px(260))
        back.rect = pygame.Rect(w - m - ctx.px(260), max(y, h - m - bh), ctx.px(260), bh)
        self.ring.set(years + lines + [back])
        if self.ring.focus_id is None:
            self.ring.focus("sem_back")

    def _rewind(self, year: int):
        from eurasia_game.ui.screens.dialog import ConfirmScene

        return lambda: sc.Push(ConfirmScene(W("sem_rewind_confirm_title", year=year), W("sem_rewind_confirm", year=year), W("sem_rewind_do", year=year), sc.Call("seminar", ("rewind", year))))

    def _switch(self, line: str):
        return lambda: sc.Call("seminar", ("switch", line))

    def _back(self):
        return sc.Replace(scene("facilitator_panel"))

    def draw(self, surface, ctx) -> None:
        surface.fill(ctx.colour("bg"))
        m = ctx.px(20)
        ctx.text.draw(surface, W("sem_rewind_title"), (m, m), ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        ctx.text.draw(surface, W("sem_rewind_intro"), (m, m + ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(6)), ctx.fs("font"), ctx.colour("text_dim"))
        ctx.text.draw(surface, W("sem_rewind_years"), (m, self.years_top), ctx.fs("font"), ctx.colour("text"), bold=True)
        ctx.text.draw(surface, W("sem_rewind_lines"), (m, self.lines_top), ctx.fs("font"), ctx.colour("text"), bold=True)
        self.ring.draw(surface, ctx)
