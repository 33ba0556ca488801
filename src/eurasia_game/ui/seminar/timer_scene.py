"""Setting the turn timer: the time for each decision, and what happens when it runs out.

"Warn" only marks the log (and turns the countdown red); "commit" takes the
decision as it stands: a side's planning is committed with the orders
planned so far, a dilemma takes the first option the side can afford.  When
time runs out the conductor records a facilitator act, so the rule in force
is in the game record.
"""

from __future__ import annotations

import pygame

from eurasia_game.session.branches import TimerSettings
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.scene_registry import scene
from eurasia_game.ui.drawing import panel
from eurasia_game.ui.layout import centred, grid
from eurasia_game.ui.seminar.presets import clock
from eurasia_game.ui.seminar.words import W
from eurasia_game.ui.widgets import Button

CHOICES = (None, 60, 90, 120, 150, 180, 240, 300)


class TimerScene(sc.Scene):
    name = "sem_timer"
    opaque = False

    def __init__(self) -> None:
        super().__init__()
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.rule_top = 0

    def _set(self, ctx, **change):
        def apply():
            seminar = ctx.app.seminar
            current = seminar.timer
            settings = TimerSettings(**{**current.model_dump(), "preset": None, **change})
            return sc.Call("seminar", ("set_timer", settings))

        return apply

    def layout(self, ctx) -> None:
        timer = ctx.app.seminar.timer
        times = [
            Button(f"time:{s or 'off'}", W("sem_timer_off") if s is None else clock(s), on=self._set(ctx, seconds=s), selected=timer.seconds == s, style="option", shortcut=str(i) if i < 10 else None)
            for i, s in enumerate(CHOICES)
        ]
        rules = [
            Button(f"rule:{r}", W(f"sem_rule_{r}"), detail=W(f"sem_rule_{r}_help"), on=self._set(ctx, rule=r), selected=timer.rule == r, style="option", shortcut=r[0])
            for r in ("warn", "commit")
        ]
        done = Button("sem_done", W("sem_back_to_panel"), on=self._back, style="primary", shortcut="escape")
        pad = ctx.px(20)
        width = min(ctx.px(720), ctx.size[0] - ctx.px(40))
        inner = width - 2 * pad
        head = ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(10)
        label = ctx.text.line_height(ctx.fs("font"), True) + ctx.px(6)
        cols = 4
        time_h = max(b.height_for(ctx, inner // cols) for b in times)
        rows = (len(times) + cols - 1) // cols
        rule_h = max(b.height_for(ctx, inner // 2) for b in rules)
        done_h = done.height_for(ctx, inner)
        total = pad + head + label + rows * (time_h + ctx.px(8)) + ctx.px(8) + label + rule_h + ctx.px(16) + done_h + pad
        self.rect = centred(ctx, width, total)
        x = self.rect.left + pad
        y = self.rect.top + pad + head + label
        y = grid(ctx, times, pygame.Rect(x, y, inner, 0), cols, ctx.px(8)) + ctx.px(16)
        self.rule_top = y
        y = grid(ctx, rules, pygame.Rect(x, y + label, inner, 0), 2, ctx.px(8)) + ctx.px(16)
        done.rect = pygame.Rect(x, y, inner, done_h)
        self.ring.set(times + rules + [done])
        if self.ring.focus_id is None:
            self.ring.focus("sem_done")

    def _back(self):
        return sc.Replace(scene("facilitator_panel"))

    def resume(self, ctx):
        self.layout(ctx)
        return None

    def handle(self, event, ctx):
        command = super().handle(event, ctx)
        if isinstance(command, sc.Call):
            return [command, sc.Call("relayout")]
        return command

    def draw(self, surface, ctx) -> None:
        panel(surface, ctx, self.rect)
        pad = ctx.px(20)
        x, y = self.rect.left + pad, self.rect.top + pad
        ctx.text.draw(surface, W("sem_timer_title"), (x, y), ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        y += ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(10)
        ctx.text.draw(surface, W("sem_timer_each"), (x, y), ctx.fs("font"), ctx.colour("text"), bold=True)
        ctx.text.draw(surface, W("sem_timer_when_out"), (x, self.rule_top), ctx.fs("font"), ctx.colour("text"), bold=True)
        self.ring.draw(surface, ctx)
