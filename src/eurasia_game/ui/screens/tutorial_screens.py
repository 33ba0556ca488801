"""The guided first game's screens: a callout pointing at a real control, and "what next".

A callout lights up one control of the screen under it (``anchor_rect``
finds it from the tutorial's anchor id: the board's regions and buttons, a
card, the dilemma's options, the reveal's panels), dims the rest, and says
what the control is for beside it.  Space, Enter or Right goes on; Esc
leaves the guide; any other key closes the callout and goes to the screen
under it (so "press its number" on a dilemma just works).  "What next" comes
after the last step: play on, start a full game, read the rules, or go back
to the title.
"""

from __future__ import annotations

import pygame

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button, key_label

_BOARD_REGIONS = {"board.map": "map", "board.phases": "phases", "board.stakes": "stakes", "board.tracks": "gauges", "board.plan": "plan", "board.log": "log"}
_BOARD_BUTTONS = {"board.commit": "commit", "board.undo": "undo", "board.red_lines": "red_lines", "board.help": "help", "board.menu": "menu"}
_REVEAL_ZONES = {"reveal.orders": "orders", "reveal.then": "then", "reveal.tracks": "tracks", "reveal.fronts": "fronts"}


def _union(rects) -> pygame.Rect | None:
    rects = [pygame.Rect(r) for r in rects if r is not None and r.width > 0 and r.height > 0]
    if not rects:
        return None
    return rects[0].unionall(rects[1:])


def anchor_rect(scene, anchor: str, ctx) -> pygame.Rect | None:
    """Where ``anchor`` is on ``scene`` as drawn last, or None (the callout then stands in the middle)."""
    name = getattr(scene, "name", "")
    rules = ctx.rules
    if anchor == "none":
        return None
    if name == "board":
        if anchor in _BOARD_REGIONS:
            return scene.regions.get(_BOARD_REGIONS[anchor])
        if anchor in _BOARD_BUTTONS:
            widget = scene.ring.get(_BOARD_BUTTONS[anchor])
            return pygame.Rect(widget.rect) if widget is not None else None
        if anchor == "board.power":
            top = scene.regions.get("top")
            return pygame.Rect(top.left, top.top, max(1, getattr(scene, "power_right", top.width) - top.left), top.height) if top else None
        if anchor == "board.year":
            found = [rect for rect, text in scene.hotspots if rules.scenario[ctx.game.session.scenario].description in text]
            return pygame.Rect(found[0]) if found else None
        if anchor == "board.objectives":
            found = [rect for rect, text in scene.hotspots if text == S("objectives_help")]
            return pygame.Rect(found[0]) if found else None
        if anchor == "board.orders":
            return _union(b.rect for b in getattr(scene, "actions", ()))
        kind, _, ref = anchor.partition(":")
        if kind == "front":
            widget = scene.ring.get(f"front:{ref}")
            return pygame.Rect(widget.rect) if widget is not None else None
        if kind == "track" and ref in rules.track:
            track = rules.track[ref]
            found = [rect for rect, text in scene.hotspots if text == f"{track.name}: {track.description}"]
            return pygame.Rect(found[0]) if found else None
        if kind == "action":
            buttons = [b for b in getattr(scene, "actions", ()) if b.id.split(":")[1:2] == [ref]]
            return pygame.Rect(buttons[0].rect) if buttons else _union(b.rect for b in getattr(scene, "actions", ()))
        return None
    if name == "reveal" and anchor == "card":
        return pygame.Rect(scene.rect)
    if name == "dilemma":
        if anchor == "dilemma.card":
            return pygame.Rect(scene.rect)
        if anchor == "dilemma.options":
            return _union(w.rect for w in scene.ring.widgets)
    if name == "orders_reveal":
        if anchor in _REVEAL_ZONES:
            return pygame.Rect(scene.zones[_REVEAL_ZONES[anchor]])
        if anchor == "reveal.continue":
            widget = scene.ring.get("continue")
            return pygame.Rect(widget.rect) if widget is not None else None
    return None


def _beside(box: pygame.Rect, target: pygame.Rect, screen: pygame.Rect, gap: int) -> pygame.Rect | None:
    """The callout beside its target (right, left, below, above: the first that fits), or None."""
    for side in ("right", "left", "below", "above"):
        b = box.copy()
        if side == "right":
            b.midleft = (target.right + gap, target.centery)
        elif side == "left":
            b.midright = (target.left - gap, target.centery)
        elif side == "below":
            b.midtop = (target.centerx, target.bottom + gap)
        else:
            b.midbottom = (target.centerx, target.top - gap)
        b = b.clamp(screen)
        if not b.colliderect(target):
            return b
    return None


def _corner(box: pygame.Rect, target: pygame.Rect, screen: pygame.Rect, gap: int) -> pygame.Rect:
    """The target fills most of the screen: the corner that hides the least of it."""
    corners = []
    for corner in ("topleft", "topright", "bottomleft", "bottomright"):
        b = box.copy()
        setattr(b, corner, getattr(screen.inflate(-2 * gap, -2 * gap), corner))
        corners.append(b)
    return min(corners, key=lambda b: b.clip(target).width * b.clip(target).height)


class CalloutScene(sc.Scene):
    """One tutorial step over the screen it speaks about."""

    name = "tutorial"
    opaque = False

    def __init__(self, run, step, number: int, total: int) -> None:
        super().__init__()
        self.run = run
        self.step = step
        self.number = number
        self.total = total
        self.box = pygame.Rect(0, 0, 0, 0)
        self.target: pygame.Rect | None = None
        self.closed = False

    def _below(self, ctx):
        stack = ctx.app.stack
        return stack[-2] if len(stack) >= 2 and stack[-1] is self else (stack[-1] if stack and stack[-1] is not self else None)

    def _close(self, ctx, leave: bool = False):
        if self.closed:
            return None
        self.closed = True
        after = self.run.closed(ctx.time, leave)
        return [sc.Pop()] + (after if isinstance(after, list) else [after] if after else [])

    def layout(self, ctx) -> None:
        below = self._below(ctx)
        self.target = anchor_rect(below, self.step.anchor, ctx) if below is not None else None
        w, h = ctx.size
        pad = ctx.px(16)
        screen = pygame.Rect(0, 0, w, h).inflate(-ctx.px(16), -ctx.px(16))
        target = self.target.inflate(ctx.px(8), ctx.px(8)) if self.target else None
        # the widest box that fits beside the control (a large card leaves narrow bands)
        for want in (440, 380, 330, 280):
            box = self._sized(ctx, min(ctx.px(want), w - ctx.px(40)), pad)
            if target is None:
                box.center = screen.center
                break
            placed = _beside(box, target, screen, ctx.px(18))
            if placed is not None:
                box = placed
                break
        else:
            box = _corner(self._sized(ctx, min(ctx.px(440), w - ctx.px(40)), pad), target, screen, ctx.px(18))
        self.box = box
        inner = box.width - 2 * pad
        nxt = Button("next", S("tutorial_next"), on=lambda: self._close(ctx), style="primary", shortcut="return", tooltip=S("tutorial_next_help"))
        leave = Button("leave", S("tutorial_leave"), on=lambda: self._close(ctx, leave=True), shortcut="escape", tooltip=S("tutorial_leave_help"), style="quiet")
        half = (inner - ctx.px(8)) // 2
        bh = self._button_h(ctx, inner)
        if self._stacked(ctx, inner):  # a narrow box: one button under the other
            one = (bh - ctx.px(6)) // 2
            nxt.rect = pygame.Rect(self.box.left + pad, self.box.bottom - pad - bh, inner, one)
            leave.rect = pygame.Rect(self.box.left + pad, self.box.bottom - pad - one, inner, one)
        else:
            nxt.rect = pygame.Rect(self.box.right - pad - half, self.box.bottom - pad - bh, half, bh)
            leave.rect = pygame.Rect(self.box.left + pad, self.box.bottom - pad - bh, half, bh)
        self.ring.set([nxt, leave])
        self.ring.focus("next")

    def _buttons(self, ctx):
        return Button("next", S("tutorial_next"), style="primary", shortcut="return"), Button("leave", S("tutorial_leave"), shortcut="escape")

    def _stacked(self, ctx, inner: int) -> bool:
        return (inner - ctx.px(8)) // 2 < ctx.px(175)

    def _button_h(self, ctx, inner: int) -> int:
        """The height the buttons take: side by side, or one under the other when narrow."""
        if self._stacked(ctx, inner):
            return 2 * max(b.height_for(ctx, inner) for b in self._buttons(ctx)) + ctx.px(6)
        half = (inner - ctx.px(8)) // 2
        return max(b.height_for(ctx, half) for b in self._buttons(ctx))

    def _sized(self, ctx, width: int, pad: int) -> pygame.Rect:
        """A box of ``width`` as tall as the step's words and buttons need."""
        inner = width - 2 * pad
        head = ctx.text.line_height(ctx.fs("font_small")) + ctx.text.wrapped_height(self.step.title, ctx.fs("font_big"), inner, True) + ctx.px(6)
        body = ctx.text.wrapped_height(self.step.text, ctx.fs("font"), inner)
        height = pad + head + body + ctx.px(12) + self._button_h(ctx, inner) + pad
        return pygame.Rect(0, 0, width, min(height, ctx.size[1] - ctx.px(20)))

    def focus_tip(self, ctx):
        return None, False  # the callout is help already: no help box over it for its buttons

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_RIGHT):
                return self._close(ctx)
            if event.key == pygame.K_ESCAPE:
                return self._close(ctx, leave=True)
            if event.key in (pygame.K_TAB, pygame.K_LEFT, pygame.K_UP, pygame.K_DOWN) or event.key in _MODIFIERS:
                return super().handle(event, ctx)
            # any other key is meant for the screen under the callout: close, and hand the key on
            command = self._close(ctx)
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=event.key, mod=event.mod, unicode=getattr(event, "unicode", ""), scancode=getattr(event, "scancode", 0), handed_on=True))
            return command
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        below = self._below(ctx)
        target = anchor_rect(below, self.step.anchor, ctx) if below is not None else None
        if target is not None and below is not None:
            # the control stands out: drawn again over the shade the window put on everything below
            clear = pygame.Surface(surface.get_size())
            clear.fill(ctx.colour("bg"))
            mark = len(ctx.text.drawn)
            below.draw(clear, ctx)
            del ctx.text.drawn[mark:]
            area = target.inflate(ctx.px(6), ctx.px(6)).clip(surface.get_rect())
            surface.blit(clear, area.topleft, area)
            pygame.draw.rect(surface, ctx.colour("accent"), area.inflate(ctx.px(4), ctx.px(4)), width=max(2, ctx.px(3)), border_radius=ctx.px(6))
            start = _nearest_edge(self.box, area.center)
            end = _nearest_edge(area.inflate(ctx.px(4), ctx.px(4)), self.box.center)
            pygame.draw.line(surface, ctx.colour("accent"), start, end, max(2, ctx.px(3)))
        box = self.box
        pad = ctx.px(16)
        pygame.draw.rect(surface, ctx.colour("card"), box, border_radius=ctx.px(10))
        pygame.draw.rect(surface, ctx.colour("accent"), box, width=ctx.px(3), border_radius=ctx.px(10))
        inner = box.inflate(-2 * pad, -2 * pad)
        y = inner.top
        small = ctx.fs("font_small")
        ctx.text.draw(surface, S("tutorial_step", n=self.number + 1, total=self.total), (inner.left, y), small, ctx.colour("card_dim"), bold=True)
        counter = S("tutorial_step", n=self.number + 1, total=self.total)
        keys_text = S("tutorial_keys", next=key_label("space"), leave=key_label("escape"))
        if ctx.text.width(counter, small, True) + ctx.text.width(keys_text, small) + ctx.px(16) <= inner.width:
            ctx.text.draw(surface, keys_text, (inner.right, y), small, ctx.colour("card_dim"), anchor="topright")
        y += ctx.text.line_height(small)
        y += ctx.text.draw_wrapped(surface, self.step.title, pygame.Rect(inner.left, y, inner.width, inner.bottom - y), ctx.fs("font_big"), ctx.colour("card_text"), bold=True) + ctx.px(6)
        ctx.text.draw_wrapped(surface, self.step.text, pygame.Rect(inner.left, y, inner.width, inner.bottom - y), ctx.fs("font"), ctx.colour("card_text"))
        self.ring.draw(surface, ctx)


_MODIFIERS = (pygame.K_LCTRL, pygame.K_RCTRL, pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LALT, pygame.K_RALT, pygame.K_LMETA, pygame.K_RMETA, pygame.K_F1, pygame.K_F11)


def _nearest_edge(rect: pygame.Rect, point) -> tuple[int, int]:
    """The point of ``rect``'s edge nearest ``point`` (where a pointer line leaves it)."""
    x = min(max(point[0], rect.left), rect.right)
    y = min(max(point[1], rect.top), rect.bottom)
    if rect.collidepoint(point):
        return rect.center
    return x, y


class WhatNextScene(sc.Scene):
    """After the guide: what the year did, and where to go from here."""

    name = "what_next"
    opaque = False

    def __init__(self, tutorial, left: bool = False) -> None:
        super().__init__()
        self.tutorial = tutorial
        self.left = left
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.blocks: list = []

    def _play_on(self, ctx):
        stack = ctx.app.stack
        below = stack[-2] if len(stack) >= 2 else None
        if below is not None and below.name == "orders_reveal":
            return [sc.Pop(), sc.Pop()]  # the reveal is read: back to the game
        return sc.Pop()

    def _new_game(self):
        from eurasia_game.ui.scene_registry import scene

        return [sc.ResetTo(scene("title")), sc.Push(scene("new_game"))]

    def _title(self):
        from eurasia_game.ui.scene_registry import scene

        return sc.ResetTo(scene("title"))

    def _help(self):
        from eurasia_game.ui.screens.help import HelpScene

        return sc.Push(HelpScene())

    def _recap(self, ctx) -> str:
        game = ctx.game
        if game is None:
            return ""
        scenario = ctx.rules.scenario[game.session.scenario]
        setup = scenario.setup  # where the year began, before its first card
        # where it ended: the year's own snapshot (by now the next year's first card may have moved a track)
        end = next((snap.tracks for snap in game.state.snapshots if snap.year == scenario.start_year), game.state.tracks)
        moved = []
        for track in ctx.rules.tracks:
            a, b = setup.tracks.get(track.id, track.start), end.get(track.id)
            if a is not None and b is not None and a != b:
                moved.append(S("what_next_moved", track=track.name, was=a, now=b))
        return S("what_next_recap", moves="; ".join(moved)) if moved else S("what_next_still")

    def layout(self, ctx) -> None:
        w, h = ctx.size
        width = min(ctx.px(640), w - ctx.px(40))
        pad = ctx.px(22)
        inner = width - 2 * pad
        buttons = [
            Button("play_on", S("what_next_play_on"), on=lambda: self._play_on(ctx), style="primary", shortcut="p", tooltip=S("what_next_play_on_help")),
            Button("new_game", S("what_next_new_game"), on=self._new_game, shortcut="n", tooltip=S("what_next_new_game_help")),
            Button("how_to_play", S("what_next_help"), on=self._help, shortcut="h", tooltip=S("what_next_help_help")),
            Button("to_title", S("what_next_title"), on=self._title, shortcut="t", tooltip=S("what_next_title_help")),
        ]
        title = S("what_next_title_left") if self.left else S("what_next_heading")
        self.blocks = [
            (title, ctx.fs("font_big"), ctx.colour("card_text"), True),
            (self._recap(ctx), ctx.fs("font"), ctx.colour("card_text"), False),
            (self.tutorial.what_next, ctx.fs("font"), ctx.colour("card_text"), False),
        ]
        head = sum(ctx.text.wrapped_height(t, s, inner, b) + ctx.px(10) for t, s, _, b in self.blocks)
        half = (inner - ctx.px(10)) // 2
        bh = max(b.height_for(ctx, half) for b in buttons)
        height = pad + head + ctx.px(6) + 2 * bh + ctx.px(10) + pad
        self.rect = pygame.Rect(0, 0, width, min(height, h - ctx.px(20)))
        self.rect.center = (w // 2, h // 2)
        y = self.rect.top + pad + head + ctx.px(6)
        for i, b in enumerate(buttons):
            b.rect = pygame.Rect(self.rect.left + pad + (i % 2) * (half + ctx.px(10)), y + (i // 2) * (bh + ctx.px(10)), half, bh)
        self.ring.set(buttons)
        if self.ring.focus_id is None:
            self.ring.focus("play_on")

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self._play_on(ctx)
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        r = self.rect
        pygame.draw.rect(surface, ctx.colour("card"), r, border_radius=ctx.px(10))
        pygame.draw.rect(surface, ctx.colour("accent"), r, width=ctx.px(3), border_radius=ctx.px(10))
        pad = ctx.px(22)
        y = r.top + pad
        for text, size, colour, bold in self.blocks:
            y += ctx.text.draw_wrapped(surface, text, pygame.Rect(r.left + pad, y, r.width - 2 * pad, r.bottom - y), size, colour, bold) + ctx.px(10)
        self.ring.draw(surface, ctx)
