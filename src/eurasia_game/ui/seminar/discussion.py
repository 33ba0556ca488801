"""The discussion screen: the game pauses and the whole window says so, in large type.

Opening it records a "pause" act (with its topic, if any), so the debrief
shows when the class stopped to talk.  The turn timer stands still while it
is open; the projector shows the same topic.  Enter, Space or Escape resume.
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.state import FACILITATOR, Action
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.seminar.words import W
from eurasia_game.ui.widgets import Button


class DiscussionScene(sc.Scene):
    name = "sem_discussion"

    def __init__(self, topic: str = "") -> None:
        super().__init__()
        self.topic = topic
        self.elapsed = 0.0
        self._second = -1

    @classmethod
    def opening(cls, topic: str):
        """The commands that record the pause and show the screen."""
        action = Action("pause", FACILITATOR, text=topic or None)
        return [sc.Act(action), sc.Replace(cls(topic))]

    def layout(self, ctx) -> None:
        w, h = ctx.size
        resume = Button("sem_resume", W("sem_resume"), on=lambda: sc.Pop(), style="primary", shortcut="return", tooltip=W("sem_resume_help"))
        bw, bh = ctx.px(320), ctx.px(56)
        resume.rect = pygame.Rect((w - bw) // 2, h - ctx.px(40) - bh, bw, bh)
        self.ring.set([resume])
        self.ring.focus("sem_resume")

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
            return sc.Pop()
        return super().handle(event, ctx)

    def update(self, dt, ctx):
        self.elapsed += dt
        if int(self.elapsed) != self._second:
            self._second = int(self.elapsed)
            ctx.app.dirty = True
        return None

    def draw(self, surface, ctx) -> None:
        draw_discussion(surface, ctx, self.topic, self.elapsed)
        self.ring.draw(surface, ctx)


def draw_discussion(surface, ctx, topic: str, elapsed: float | None, scale: float = 1.0) -> None:
    """The full-window discussion screen (also drawn on the projector)."""
    w, h = surface.get_size()
    surface.fill(ctx.colour("curtain"))
    game = ctx.game
    big = int(ctx.fs("font_title") * 1.5 * scale)
    mid = int(ctx.fs("font_big") * 1.4 * scale)
    y = int(h * 0.18)
    ctx.text.draw(surface, W("sem_discussion_title"), (w // 2, y), big, ctx.colour("accent"), bold=True, anchor="midtop")
    y += ctx.text.line_height(big, True) + ctx.px(24)
    if topic:
        area = pygame.Rect(int(w * 0.12), y, int(w * 0.76), int(h * 0.4))
        y += ctx.text.draw_wrapped(surface, topic, area, mid, ctx.colour("text"), bold=True, align="center") + ctx.px(24)
    if game is not None:
        state = game.state
        line = W("sem_discussion_where", year=state.year, phase=ctx.rules.phases[state.phase].name)
        ctx.text.draw(surface, line, (w // 2, y), int(ctx.fs("font_big") * scale), ctx.colour("text_dim"), anchor="midtop")
        y += ctx.text.line_height(int(ctx.fs("font_big") * scale)) + ctx.px(10)
    if elapsed is not None:
        ctx.text.draw(surface, W("sem_discussion_elapsed", time=f"{int(elapsed) // 60}:{int(elapsed) % 60:02d}"), (w // 2, y), int(ctx.fs("font") * scale), ctx.colour("text_dim"), anchor="midtop")
