"""Event cards: the reveal (title, effect in words, article section, teaching
note) and the dilemma, which asks the right side to choose an option.
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.describe import describe_card, describe_condition, describe_effects
from eurasia_game.engine.state import Action
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import marker
from eurasia_game.ui.layout import centred, stack
from eurasia_game.ui.strings import S, basis_text
from eurasia_game.ui.widgets import Button


def _card_blocks(ctx, card, rolls: tuple = ()) -> list[tuple[str, int, tuple, bool]]:
    """The card's paragraphs: (text, size, colour, bold); ``rolls``: its chance rolls, odds and result."""
    rules = ctx.rules
    ink, dim = ctx.colour("card_text"), ctx.colour("card_dim")
    blocks = [
        (S("card_section", section=card.section, basis=basis_text(card.basis)).strip(), ctx.fs("font_small"), dim, True),
        (card.title, ctx.fs("font_big"), ink, True),
        (card.text, ctx.fs("font"), ink, False),
    ]
    effect = describe_card(rules, card.id)
    if effect:
        blocks.append((S("card_effect", effect=effect), ctx.fs("font"), ink, True))
    for roll in rolls:
        blocks.append((S("card_roll", roll=roll), ctx.fs("font"), ink, True))
    blocks.append((S("card_note", note=card.teaching_note), ctx.fs("font_small"), dim, False))
    return blocks


def _blocks_height(ctx, blocks, width: int) -> int:
    return sum(ctx.text.wrapped_height(t, s, width, b) + ctx.px(10) for t, s, _, b in blocks)


def _draw_card(surface, ctx, rect, blocks) -> int:
    pygame.draw.rect(surface, ctx.colour("card"), rect, border_radius=ctx.px(10))
    pygame.draw.rect(surface, ctx.colour("accent"), rect, width=ctx.px(3), border_radius=ctx.px(10))
    pad = ctx.px(20)
    y = rect.top + pad
    for text, size, colour, bold in blocks:
        y += ctx.text.draw_wrapped(surface, text, pygame.Rect(rect.left + pad, y, rect.width - 2 * pad, rect.bottom - y), size, colour, bold) + ctx.px(10)
    return y


class RevealScene(sc.Scene):
    """A card drawn or triggered, shown to everyone (it is public)."""

    name = "reveal"
    opaque = False

    def __init__(self, card_id: str, auto_close: float | None = None, rolls: tuple = ()) -> None:
        super().__init__()
        self.card_id = card_id
        self.auto_close = auto_close
        self.rolls = rolls
        self.rect = pygame.Rect(0, 0, 0, 0)

    def layout(self, ctx) -> None:
        card = ctx.rules.event[self.card_id]
        width = min(ctx.px(620), ctx.size[0] - ctx.px(40))
        pad = ctx.px(20)
        blocks = _card_blocks(ctx, card, self.rolls)
        ok = Button("continue", S("continue_card"), on=lambda: sc.Pop(), style="primary", shortcut="space", tooltip=S("continue_card_help"))
        h = _blocks_height(ctx, blocks, width - 2 * pad) + 2 * pad + ok.height_for(ctx, width - 2 * pad) + ctx.px(8)
        self.rect = centred(ctx, width, h)
        ok.rect = pygame.Rect(self.rect.left + pad, self.rect.bottom - pad - ok.height_for(ctx, width - 2 * pad), width - 2 * pad, ok.height_for(ctx, width - 2 * pad))
        self.blocks = blocks
        self.ring.set([ok])
        self.ring.focus("continue")

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
            return sc.Pop()
        return super().handle(event, ctx)

    def busy(self, ctx) -> bool:
        return self.auto_close is not None

    def update(self, dt, ctx):
        if self.auto_close is None:
            return None
        self.auto_close -= dt
        return sc.Pop() if self.auto_close <= 0 else None

    def draw(self, surface, ctx) -> None:
        _draw_card(surface, ctx, self.rect, self.blocks)
        self.ring.draw(surface, ctx)


class DilemmaScene(sc.Scene):
    """A dilemma: the prompt, then each option with its cost and consequences."""

    name = "dilemma"
    opaque = False
    key_guard = sc.TAP_GUARD  # a key meant for the card before it must not choose an option

    def __init__(self, card_id: str, side: str) -> None:
        super().__init__()
        self.card_id = card_id
        self.side = side
        self.rect = pygame.Rect(0, 0, 0, 0)

    def _choose(self, action: Action):
        return lambda: [sc.Act(action), sc.Pop()]

    def layout(self, ctx) -> None:
        rules = ctx.rules
        card = rules.event[self.card_id]
        game = ctx.game
        width = min(ctx.px(760), ctx.size[0] - ctx.px(40))
        pad = ctx.px(20)
        inner = width - 2 * pad
        buttons = []
        for i, option in enumerate(card.dilemma.options):
            action = Action("choose", self.side, option=option.id)
            reason = game.session.why_illegal(action) if game else None
            effects = describe_effects(rules, option.effects, self.side)
            detail = option.text
            if option.cost:
                detail += " " + S("option_cost", cost=option.cost)
            tooltip = S("option_effects", effects=effects or S("nothing"))
            if option.requires is not None:
                tooltip += "\n" + S("option_needs", needs=describe_condition(rules, option.requires, self.side))
            buttons.append(Button(f"option:{option.id}", option.label, on=self._choose(action), detail=detail, tooltip=tooltip, enabled=reason is None, reason=reason, shortcut=str(i + 1) if i < 9 else None))
        self.head = [
            (S("card_section", section=card.section, basis=basis_text(card.basis)).strip(), ctx.fs("font_small"), ctx.colour("card_dim"), True),
            (card.title, ctx.fs("font_big"), ctx.colour("card_text"), True),
            (card.dilemma.prompt, ctx.fs("font"), ctx.colour("card_text"), False),
            (S("dilemma_who", side=rules.side[self.side].name), ctx.fs("font"), ctx.colour("card_text"), True),
        ]
        head_h = _blocks_height(ctx, self.head, inner)
        body_h = sum(b.height_for(ctx, inner) + ctx.px(8) for b in buttons)
        self.rect = centred(ctx, width, head_h + body_h + 2 * pad)
        stack(ctx, buttons, self.rect.left + pad, self.rect.top + pad + head_h, inner)
        self.ring.set(buttons)
        if self.ring.focus_id is None:
            first = next((b for b in buttons if b.enabled), buttons[0])
            self.ring.focus(first.id)

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            from eurasia_game.ui.screens.menu import MenuScene

            return sc.Push(MenuScene())
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        _draw_card(surface, ctx, self.rect, self.head)
        marker(surface, ctx.rules, self.side, (self.rect.right - ctx.px(24), self.rect.top + ctx.px(24)), ctx.px(10), ctx.side_colour(self.side))
        self.ring.draw(surface, ctx)
