"""Choose from which year sudden endings and tipping points can end the game.

A game that ends in its second year leaves a class nothing to debrief, so
scenarios arm their sudden deaths and tipping points only from a given year
(by default their midpoint).  The facilitator may move that year for a class
here; the change is a recorded facilitator act (``arm``), so replays match.
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.state import FACILITATOR, Action
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.scene_registry import scene
from eurasia_game.ui.layout import grid
from eurasia_game.ui.seminar.words import W
from eurasia_game.ui.widgets import Button


class ArmScene(sc.Scene):
    name = "sem_arm"

    def __init__(self) -> None:
        super().__init__()
        self.top = 0

    def layout(self, ctx) -> None:
        state = ctx.game.state
        scenario = ctx.rules.scenario[state.scenario]
        years = []
        for year in range(scenario.start_year, scenario.end_year + 1):
            if year == state.armed_from:
                detail = W("sem_arm_now")
            elif year == scenario.armed_year:
                detail = W("sem_arm_default")
            elif year <= state.year:
                detail = W("sem_arm_at_once")
            else:
                detail = ""
            years.append(
                Button(
                    f"arm:{year}",
                    W("sem_arm_year", year=year),
                    detail=detail or None,
                    on=self._arm(year),
                    selected=year == state.armed_from,
                    enabled=year != state.armed_from and not state.over,
                    reason=W("sem_arm_now") if not state.over else W("sem_game_over"),
                    style="option",
                )
            )
        back = Button("sem_back", W("sem_back_to_panel"), on=self._back, shortcut="escape", style="primary")
        w, h = ctx.size
        m = ctx.px(20)
        head = ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(6)
        self.intro_rect = pygame.Rect(m, m + head, w - 2 * m, ctx.px(200))
        intro = ctx.text.wrapped_height(self._intro(ctx), ctx.fs("font"), w - 2 * m) + ctx.px(16)
        self.top = m + head + intro
        cols = 4 if w > ctx.px(1100) else 3
        y = grid(ctx, years, pygame.Rect(m, self.top, w - 2 * m, 0), cols, ctx.px(8)) + ctx.px(20)
        bh = back.height_for(ctx, ctx.px(260))
        back.rect = pygame.Rect(w - m - ctx.px(260), max(y, h - m - bh), ctx.px(260), bh)
        self.ring.set(years + [back])
        if self.ring.focus_id is None:
            self.ring.focus("sem_back")

    def _intro(self, ctx) -> str:
        state = ctx.game.state
        scenario = ctx.rules.scenario[state.scenario]
        return W("sem_arm_intro", year=state.armed_from, default=scenario.armed_year)

    def _arm(self, year: int):
        return lambda: [sc.Act(Action("arm", FACILITATOR, year=year)), self._back()]

    def _back(self):
        return sc.Replace(scene("facilitator_panel"))

    def draw(self, surface, ctx) -> None:
        surface.fill(ctx.colour("bg"))
        m = ctx.px(20)
        ctx.text.draw(surface, W("sem_arm_title"), (m, m), ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        ctx.text.draw_wrapped(surface, self._intro(ctx), self.intro_rect, ctx.fs("font"), ctx.colour("text_dim"))
        self.ring.draw(surface, ctx)
