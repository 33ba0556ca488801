"""Typing a note on the current year, or the topic of a discussion pause.

A note is a recorded facilitator act: it changes nothing on the board and
appears in the debrief's timeline and in the report.  A topic opens the
discussion screen with the topic on it (and on the projector).
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.facilitator import MAX_NOTE
from eurasia_game.engine.state import FACILITATOR, Action
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import panel
from eurasia_game.ui.layout import centred
from eurasia_game.ui.seminar.widgets import TextField
from eurasia_game.ui.seminar.words import W
from eurasia_game.ui.widgets import Button


class EntryScene(sc.Scene):
    """kind 'note': write a note on this year; kind 'pause': the topic of a discussion."""

    name = "sem_entry"
    opaque = False

    def __init__(self, kind: str = "note", text: str = "") -> None:
        super().__init__()
        self.kind = kind
        self.field = TextField(text, MAX_NOTE if kind == "note" else 200)
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.field_rect = pygame.Rect(0, 0, 0, 0)
        self.blink = 0.0

    def _done(self):
        text = " ".join(self.field.text.split())
        if self.kind == "pause":
            from eurasia_game.ui.seminar.discussion import DiscussionScene

            return DiscussionScene.opening(text)
        if not text:
            return None
        return [sc.Act(Action("note", FACILITATOR, text=text)), sc.Pop()]

    def layout(self, ctx) -> None:
        pygame.key.start_text_input()
        pad = ctx.px(20)
        width = min(ctx.px(760), ctx.size[0] - ctx.px(40))
        inner = width - 2 * pad
        head = ctx.text.line_height(ctx.fs("font_big"), True) + ctx.text.line_height(ctx.fs("font")) + ctx.px(14)
        field_h = 4 * ctx.text.line_height(ctx.fs("font")) + ctx.px(12)
        ok = Button("sem_ok", W(f"sem_{self.kind}_ok"), on=self._done, style="primary", shortcut="return", enabled=self.kind == "pause" or bool(self.field.text.strip()), reason=W("sem_note_empty"))
        cancel = Button("sem_cancel", W("cancel"), on=lambda: sc.Pop(), shortcut="escape")
        bh = max(ok.height_for(ctx, inner // 2), cancel.height_for(ctx, inner // 2))
        self.rect = centred(ctx, width, pad + head + field_h + ctx.px(28) + bh + pad)
        self.field_rect = pygame.Rect(self.rect.left + pad, self.rect.top + pad + head, inner, field_h)
        y = self.field_rect.bottom + ctx.px(24)
        half = (inner - ctx.px(8)) // 2
        ok.rect = pygame.Rect(self.rect.left + pad, y, half, bh)
        cancel.rect = pygame.Rect(self.rect.left + pad + half + ctx.px(8), y, inner - half - ctx.px(8), bh)
        self.ring.set([ok, cancel])

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self._done()
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        if self.field.handle(event):
            self.layout(ctx)
            return None
        if event.type == pygame.KEYDOWN and event.key not in (pygame.K_TAB,):
            return None  # letters arrive as TEXTINPUT; keys are not shortcuts while typing
        return super().handle(event, ctx)

    def update(self, dt, ctx):
        self.blink = (self.blink + dt) % 1.0
        return None

    def busy(self, ctx) -> bool:
        return True  # the cursor blinks

    def draw(self, surface, ctx) -> None:
        panel(surface, ctx, self.rect)
        pad = ctx.px(20)
        x, y = self.rect.left + pad, self.rect.top + pad
        ctx.text.draw(surface, W(f"sem_{self.kind}_title", year=ctx.game.state.year), (x, y), ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        y += ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(4)
        ctx.text.draw(surface, W(f"sem_{self.kind}_intro"), (x, y), ctx.fs("font"), ctx.colour("text_dim"))
        self.field.draw(surface, ctx, self.field_rect, self.blink < 0.6)
        self.ring.draw(surface, ctx)
