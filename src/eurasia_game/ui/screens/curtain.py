"""The hotseat curtain: a full-window hand-over screen before a side's secret input.

It is opaque and draws only the name of the side the computer is passed to,
so nothing of either side's hand, plans or choices shows while it is up.
"""

from __future__ import annotations

import pygame

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import marker
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button

# Seconds after the curtain comes up when Space and Enter do nothing yet: a second tap
# meant for the card or order before it must not lift it on the other side's secrets
# while the last player is still at the screen (a hand-over takes longer than this).
HANDOVER_GUARD = 1.0


class CurtainScene(sc.Scene):
    name = "curtain"
    opaque = True
    key_guard = HANDOVER_GUARD

    def __init__(self, side: str, on_ready) -> None:
        super().__init__()
        self.side = side
        self.on_ready = on_ready

    def layout(self, ctx) -> None:
        w, h = ctx.size
        ready = Button("ready", S("curtain_ready"), on=self.on_ready, style="primary", shortcut="space", tooltip=S("curtain_ready_help"))
        bw = min(ctx.px(320), w - ctx.px(40))
        ready.rect = pygame.Rect(0, 0, bw, ready.height_for(ctx, bw))
        ready.rect.center = (w // 2, h // 2 + ctx.px(90))
        self.ring.set([ready])
        self.ring.focus("ready")

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE:
            return self.on_ready()
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            from eurasia_game.ui.screens.menu import MenuScene

            return sc.Push(MenuScene())
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        w, h = surface.get_size()
        surface.fill(ctx.colour("curtain"))
        name = ctx.rules.side[self.side].name
        marker(surface, ctx.rules, self.side, (w // 2, h // 2 - ctx.px(110)), ctx.px(26), ctx.side_colour(self.side))
        title = S("curtain_pass", side=name)
        size = ctx.fs("font_title")
        while size > 12 and ctx.text.width(title, size, True) > w - ctx.px(40):
            size -= 2
        ctx.text.draw(surface, title, (w // 2, h // 2 - ctx.px(40)), size, ctx.colour("text"), bold=True, anchor="center")
        sub = S("curtain_press", side=name)
        ctx.text.draw_wrapped(surface, sub, pygame.Rect(ctx.px(20), h // 2 + ctx.px(10), w - ctx.px(40), ctx.px(80)), ctx.fs("font_big"), ctx.colour("text_dim"), align="center")
        self.ring.draw(surface, ctx)
