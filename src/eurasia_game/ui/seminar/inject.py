"""The inject chooser: fire an event card now or at the next events phase, or force one.

The list shows every card with its article section; those whose conditions
allow it now come first, the others say why not.  Choosing a card shows what
it does and offers: fire now, at the next events phase, or forced past its
conditions (marked "forced" in the log and the debrief).  Each is one
recorded facilitator act, so a replay fires the same card at the same moment.
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.describe import describe_card
from eurasia_game.engine.facilitator import facilitator_injectable
from eurasia_game.engine.state import FACILITATOR, Action
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.scene_registry import scene
from eurasia_game.ui.drawing import panel
from eurasia_game.ui.layout import centred, stack
from eurasia_game.ui.seminar.widgets import Scroller
from eurasia_game.ui.seminar.words import W
from eurasia_game.ui.widgets import Button


def inject_action(card: str, mode: str) -> Action:
    return Action("inject", FACILITATOR, card=card, mode=mode)


class InjectScene(sc.Scene):
    """Every event card, the ones that can fire now first."""

    name = "sem_inject"

    def __init__(self) -> None:
        super().__init__()
        self.scroll = Scroller()
        self.list_rect = pygame.Rect(0, 0, 0, 0)
        self.rows: list[Button] = []

    def _rows(self, ctx) -> list[Button]:
        rules = ctx.rules
        state = ctx.game.state
        session = ctx.game.session
        ready = facilitator_injectable(rules, state)
        rows = []
        for card_id in ready + [e.id for e in rules.events if e.id not in ready]:
            card = rules.event[card_id]
            reason = session.why_illegal(inject_action(card_id, "now"))
            status = W("sem_card_ready") if reason is None else reason
            rows.append(
                Button(
                    f"card:{card_id}",
                    card.title,
                    detail=f"{card.section} - {status}",
                    on=self._choose(card_id),
                    tooltip=card.text,
                    style="option" if reason is None else "normal",
                )
            )
        return rows

    def _choose(self, card_id: str):
        return lambda: sc.Push(InjectModeScene(card_id))

    def layout(self, ctx) -> None:
        w, h = ctx.size
        m = ctx.px(20)
        head = ctx.text.line_height(ctx.fs("font_big"), True) + ctx.text.line_height(ctx.fs("font")) + ctx.px(16)
        back = Button("sem_back", W("sem_back_to_panel"), on=self._back, shortcut="escape")
        bh = back.height_for(ctx, ctx.px(240))
        back.rect = pygame.Rect(w - m - ctx.px(240), h - m - bh, ctx.px(240), bh)
        self.list_rect = pygame.Rect(m, m + head, w - 2 * m, h - 3 * m - head - bh)
        self.rows = self._rows(ctx)
        cols = 2 if self.list_rect.width > ctx.px(900) else 1
        gap = ctx.px(8)
        width = (self.list_rect.width - ctx.px(16) - gap * (cols - 1)) // cols
        heights = [b.height_for(ctx, width) for b in self.rows]
        row_h = max(heights) if heights else ctx.px(40)
        fit = cols * max(1, self.list_rect.height // (row_h + ctx.px(6)))
        self.scroll.clamp(len(self.rows), fit)
        shown = self.rows[self.scroll.offset : self.scroll.offset + fit]
        for i, b in enumerate(shown):  # column by column, so the order reads downwards
            col, row = divmod(i, fit // cols)
            b.rect = pygame.Rect(self.list_rect.left + col * (width + gap), self.list_rect.top + row * (row_h + ctx.px(6)), width, row_h)
        self.fit = fit
        self.ring.set(shown + [back])
        if self.ring.focus_id is None and shown:
            self.ring.focus(shown[0].id)

    def _back(self):
        return sc.Replace(scene("facilitator_panel"))

    def handle(self, event, ctx):
        if self.scroll.handle(event, 1, max(1, getattr(self, "fit", 5) - 1)):
            self.layout(ctx)
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_DOWN, pygame.K_UP):
            ids = [b.id for b in self.ring.widgets]
            focus = self.ring.focus_id
            if focus in ids:
                index = ids.index(focus)
                if event.key == pygame.K_DOWN and index == len(ids) - 2 and self.scroll.offset + self.fit < len(self.rows):
                    self.scroll.offset += 1
                    self.layout(ctx)
                    self.ring.focus(self.ring.widgets[-2].id)
                    return None
                if event.key == pygame.K_UP and index == 0 and self.scroll.offset > 0:
                    self.scroll.offset -= 1
                    self.layout(ctx)
                    self.ring.focus(self.ring.widgets[0].id)
                    return None
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        surface.fill(ctx.colour("bg"))
        m = ctx.px(20)
        ctx.text.draw(surface, W("sem_inject_title"), (m, m), ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        ctx.text.draw(surface, W("sem_inject_intro", shown=len(self.ring.widgets) - 1, total=len(self.rows)), (m, m + ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(4)), ctx.fs("font"), ctx.colour("text_dim"))
        self.ring.draw(surface, ctx)
        if self.scroll.offset + self.fit < len(self.rows):
            ctx.text.draw(surface, W("sem_more_below"), (self.list_rect.centerx, self.list_rect.bottom + ctx.px(4)), ctx.fs("font_small"), ctx.colour("text_dim"), anchor="midtop")


class InjectModeScene(sc.Scene):
    """One card: what it does, and how to fire it."""

    name = "sem_inject_card"
    opaque = False

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.text_rect = pygame.Rect(0, 0, 0, 0)

    def _body(self, ctx) -> str:
        rules = ctx.rules
        card = rules.event[self.card_id]
        effects = describe_card(rules, self.card_id)
        reason = ctx.game.session.why_illegal(inject_action(self.card_id, "now"))
        status = W("sem_card_ready") if reason is None else reason
        parts = (card.text, W("sem_card_does", effects=effects) if effects else "", W("sem_card_article", section=card.section, note=card.teaching_note), W("sem_card_status", status=status.rstrip(".")))
        return "\n".join(p for p in parts if p)

    def _fire(self, mode: str):
        action = inject_action(self.card_id, mode)
        if mode in ("next", "forced_next"):
            from eurasia_game.ui.screens.dialog import MessageScene

            title = self._title
            return lambda: [sc.Act(action), sc.Pop(), sc.Replace(MessageScene(W("sem_inject_title"), W("sem_inject_queued", title=title)))]
        return lambda: [sc.Pop(), sc.Pop(), sc.Act(action)]

    def layout(self, ctx) -> None:
        session = ctx.game.session
        self._title = ctx.rules.event[self.card_id].title
        buttons = []
        for mode, shortcut in (("now", "1"), ("next", "2"), ("forced", "3"), ("forced_next", "4")):
            reason = session.why_illegal(inject_action(self.card_id, mode))
            buttons.append(
                Button(
                    f"mode:{mode}",
                    W(f"sem_mode_{mode}"),
                    on=self._fire(mode),
                    shortcut=shortcut,
                    tooltip=W(f"sem_mode_{mode}_help"),
                    enabled=reason is None,
                    reason=reason,
                    style="primary" if mode == "now" else "normal",
                )
            )
        buttons.append(Button("sem_back", W("sem_back_to_cards"), on=lambda: sc.Pop(), shortcut="escape"))
        pad = ctx.px(20)
        width = min(ctx.px(700), ctx.size[0] - ctx.px(40))
        inner = width - 2 * pad
        head = ctx.text.wrapped_height(self._title, ctx.fs("font_big"), inner, True) + ctx.px(8)
        body_h = ctx.text.wrapped_height(self._body(ctx), ctx.fs("font"), inner) + ctx.px(12)
        buttons_h = sum(b.height_for(ctx, inner) + ctx.px(6) for b in buttons)
        self.rect = centred(ctx, width, pad + head + body_h + buttons_h + pad)
        self.text_rect = pygame.Rect(self.rect.left + pad, self.rect.top + pad + head, inner, body_h)
        stack(ctx, buttons, self.rect.left + pad, self.text_rect.bottom, inner, ctx.px(6))
        self.ring.set(buttons)
        if self.ring.focus_id is None:
            first = next((b for b in buttons if b.enabled), buttons[-1])
            self.ring.focus(first.id)

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        panel(surface, ctx, self.rect)
        pad = ctx.px(20)
        ctx.text.draw_wrapped(surface, self._title, pygame.Rect(self.rect.left + pad, self.rect.top + pad, self.rect.width - 2 * pad, ctx.px(200)), ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        ctx.text.draw_wrapped(surface, self._body(ctx), self.text_rect, ctx.fs("font"), ctx.colour("text"))
        self.ring.draw(surface, ctx)
