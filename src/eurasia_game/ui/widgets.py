"""Buttons, the keyboard focus ring and tooltips.

One small widget model serves every screen, so that mouse and keyboard reach
the same things: each widget has an id (tests and shortcuts find it by id),
a tooltip, an optional shortcut shown in that tooltip, and when it is
unavailable a one-sentence reason, drawn on the widget itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pygame

from eurasia_game.ui.strings import S

_ACTIVATE = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


def parse_key(spec: str) -> tuple[int, int]:
    """'ctrl+z' -> (K_z, KMOD_CTRL); 'f1' -> (K_F1, 0)."""
    mods = 0
    parts = spec.lower().split("+")
    for part in parts[:-1]:
        if part == "ctrl":
            mods |= pygame.KMOD_CTRL
        elif part == "shift":
            mods |= pygame.KMOD_SHIFT
    return pygame.key.key_code(parts[-1]), mods


_KEY_NAMES = {"pageup": "Page Up", "pagedown": "Page Down", "return": "Enter", "escape": "Esc", "up": "Arrows", "space": "Space", "tab": "Tab"}


def key_label(spec: str) -> str:
    """How a key spec is written for players: 'ctrl+z' -> 'Ctrl+Z', 'pageup' -> 'Page Up'."""
    return "+".join(_KEY_NAMES.get(p, p.capitalize() if len(p) > 1 else p.upper()) for p in spec.split("+"))


# keys that count as the same key in a shortcut (the keypad's Enter is Enter)
_SAME_KEY = {pygame.K_KP_ENTER: pygame.K_RETURN}


def key_matches(event, spec: str) -> bool:
    """Whether a key press is the shortcut ``spec``.

    A real keyboard sets one modifier bit per key (left Ctrl sets only
    ``KMOD_LCTRL``), so a modifier in the spec is held when either of its two
    bits is set.  A shortcut without Ctrl never fires while Ctrl is held (so
    Ctrl+Z is not also Z); Shift is required only when the spec names it.
    """
    key, mods = parse_key(spec)
    if _SAME_KEY.get(event.key, event.key) != _SAME_KEY.get(key, key):
        return False
    held = event.mod
    if bool(held & pygame.KMOD_CTRL) != bool(mods & pygame.KMOD_CTRL):
        return False
    if mods & pygame.KMOD_SHIFT and not held & pygame.KMOD_SHIFT:
        return False
    return True


@dataclass(eq=False)
class Button:
    id: str
    label: str
    on: Callable[[], object] | None = None
    detail: str | None = None
    tooltip: str = ""
    shortcut: str | None = None
    enabled: bool = True
    reason: str | None = None
    selected: bool = False
    style: str = "normal"  # normal | primary | option | quiet
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    marker: Callable | None = None  # draws a small icon: marker(surface, centre, radius)
    overflow: bool = False

    def help_text(self) -> str:
        parts = [p for p in (self.tooltip,) if p]
        reason = self.reason or getattr(self, "hidden_reason", None)
        if not self.enabled and reason:
            parts.append(S("unavailable", reason=reason))
        if self.shortcut:
            parts.append(S("shortcut", key=key_label(self.shortcut)))
        return "\n".join(parts) if parts else self.label

    def activate(self):
        if not self.enabled or self.on is None:
            return None
        return self.on()

    # sizes -----------------------------------------------------------------
    def _badge(self, ctx, width: int) -> bool:
        """Whether the shortcut fits on the button's face (it is always in the tooltip)."""
        if not self.shortcut:
            return False
        pad = ctx.px(10)
        icon = ctx.px(22) if self.marker else 0
        badge = ctx.text.width(key_label(self.shortcut), ctx.fs("font_small")) + ctx.px(12)
        longest = max((ctx.text.width(word, ctx.fs("font"), True) for word in self.label.split()), default=0)
        return width - 2 * pad - icon - badge >= longest

    def _inner(self, ctx, width: int) -> int:
        pad = ctx.px(10)
        badge = ctx.text.width(key_label(self.shortcut), ctx.fs("font_small")) + ctx.px(12) if self._badge(ctx, width) else 0
        icon = ctx.px(22) if self.marker else 0
        return max(10, width - 2 * pad - badge - icon)

    def _detail_text(self) -> str | None:
        if not self.enabled and self.reason:
            return self.reason
        return self.detail

    def height_for(self, ctx, width: int) -> int:
        inner = self._inner(ctx, width)
        h = len(ctx.text.wrap(self.label, ctx.fs("font"), inner, True)) * ctx.text.line_height(ctx.fs("font"), True)
        detail = self._detail_text()
        if detail:
            h += ctx.text.wrapped_height(detail, ctx.fs("font_small"), inner)
        return max(ctx.px(34), h + ctx.px(10))

    # drawing ---------------------------------------------------------------
    def draw(self, surface, ctx, focused: bool, hovered: bool) -> None:
        r = self.rect
        if self.enabled:
            bg = ctx.colour("button_hover") if hovered else ctx.colour("button")
            if self.style == "primary":
                bg = ctx.colour("accent") if not hovered else (255, 222, 150)
            if self.selected:
                bg = ctx.colour("button_hover")
        else:
            bg = ctx.colour("button_disabled")
        if self.style == "quiet" and not hovered and not self.selected:
            bg = ctx.colour("panel")
        radius = ctx.px(6)
        pygame.draw.rect(surface, bg, r, border_radius=radius)
        edge = ctx.colour("accent") if self.selected else ctx.colour("panel_edge")
        pygame.draw.rect(surface, edge, r, width=max(1, ctx.px(2) if self.selected else 1), border_radius=radius)
        fg = ctx.colour("text") if self.enabled else ctx.colour("button_text_disabled")
        if self.style == "primary" and self.enabled:
            fg = ctx.colour("text_dark")
        pad = ctx.px(10)
        inner = self._inner(ctx, r.width)
        x = r.left + pad
        if self.marker:
            self.marker(surface, (x + ctx.px(8), r.centery), ctx.px(7))
            x += ctx.px(22)
        size = ctx.fs("font")
        lh = ctx.text.line_height(size, True)
        lines = ctx.text.wrap(self.label, size, inner, True)
        detail = self._detail_text()
        dsize = ctx.fs("font_small")
        dlines = ctx.text.wrap(detail, dsize, inner) if detail else []
        total = len(lines) * lh + len(dlines) * ctx.text.line_height(dsize)
        y = r.centery - total // 2
        self.overflow = total > r.height or any(ctx.text.width(line, size, True) > inner for line in lines)
        for line in lines:
            ctx.text.draw(surface, line, (x, y), size, fg, bold=True)
            y += lh
        dcol = fg if self.enabled else ctx.colour("button_text_disabled")
        if self.style == "primary" and self.enabled:
            dcol = ctx.colour("text_dark")
        for line in dlines:
            ctx.text.draw(surface, line, (x, y), dsize, dcol)
            y += ctx.text.line_height(dsize)
        if self._badge(ctx, r.width):
            label = key_label(self.shortcut)
            w = ctx.text.width(label, dsize) + ctx.px(8)
            badge = pygame.Rect(0, 0, w, ctx.text.line_height(dsize))
            badge.midright = (r.right - ctx.px(6), r.centery)
            pygame.draw.rect(surface, ctx.colour("panel"), badge, border_radius=ctx.px(3))
            ctx.text.draw(surface, label, badge.center, dsize, ctx.colour("text_dim"), anchor="center")
        if focused:
            pygame.draw.rect(surface, ctx.colour("focus"), r.inflate(ctx.px(6), ctx.px(6)), width=max(2, ctx.px(3)), border_radius=radius + ctx.px(3))


class FocusRing:
    """The widgets of a scene in keyboard order, the focused one, and clicks."""

    def __init__(self) -> None:
        self.widgets: list[Button] = []
        self.focus_id: str | None = None
        self._pressed: str | None = None

    def set(self, widgets: list[Button]) -> None:
        self.widgets = list(widgets)
        if self.focus_id is not None and self.get(self.focus_id) is None:
            self.focus_id = None

    def get(self, widget_id: str) -> Button | None:
        return next((w for w in self.widgets if w.id == widget_id), None)

    def focused(self) -> Button | None:
        return self.get(self.focus_id) if self.focus_id else None

    def focus(self, widget_id: str | None) -> None:
        self.focus_id = widget_id

    def at(self, pos) -> Button | None:
        for w in self.widgets:
            if w.rect.collidepoint(pos):
                return w
        return None

    def move(self, step: int) -> None:
        if not self.widgets:
            return
        ids = [w.id for w in self.widgets]
        if self.focus_id in ids:
            index = (ids.index(self.focus_id) + step) % len(ids)
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.focus_id = ids[index]

    def handle(self, event, ctx):
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            widget = self.at(event.pos)
            self._pressed = widget.id if widget else None
            if widget is not None:
                self.focus_id = widget.id
            return None
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            widget = self.at(event.pos)
            pressed, self._pressed = self._pressed, None
            if widget is not None and widget.id == pressed:
                return widget.activate()
            return None
        if event.type != pygame.KEYDOWN:
            return None
        if event.key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return None
        if event.key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.move(1)
            return None
        if event.key in (pygame.K_UP, pygame.K_LEFT):
            self.move(-1)
            return None
        # A key that is a button's own shortcut presses that button, even when
        # another has the focus: Enter shown on "Back to title" means that
        # button, whatever was pressed before.  Otherwise Enter and Space
        # press the focused button.
        for widget in self.widgets:
            if widget.shortcut and key_matches(event, widget.shortcut):
                if widget.enabled:
                    self.focus_id = widget.id
                return widget.activate()
        if event.key in _ACTIVATE and not event.mod & pygame.KMOD_CTRL:
            widget = self.focused()
            return widget.activate() if widget else None
        return None

    def draw(self, surface, ctx) -> None:
        mouse = ctx.mouse if ctx.pointer_active else None
        for w in self.widgets:
            hovered = mouse is not None and w.rect.collidepoint(mouse)
            w.draw(surface, ctx, w.id == self.focus_id, hovered)


def control_group(widgets: list[Button], widget: Button, gap: int) -> pygame.Rect:
    """The rect around ``widget`` and every widget within ``gap`` of it, and of those, and so on:
    the group of controls the keyboard is working in (a column of options, the action grid)."""
    group = [widget]
    area = widget.rect.inflate(2 * gap, 2 * gap)
    rest = [w for w in widgets if w is not widget and w.rect.width > 0]
    grown = True
    while grown:
        grown = False
        for w in list(rest):
            if any(w.rect.colliderect(g.rect.inflate(2 * gap, 2 * gap)) for g in group):
                group.append(w)
                rest.remove(w)
                grown = True
    area = group[0].rect.unionall([g.rect for g in group[1:]]) if len(group) > 1 else pygame.Rect(widget.rect)
    return area


def _tooltip_box(surface, ctx, text: str):
    size = ctx.fs("font_small")
    width = min(ctx.px(380), surface.get_width() - ctx.px(20))
    pad = ctx.px(8)
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(ctx.text.wrap(para, size, width - 2 * pad))
    lh = ctx.text.line_height(size)
    w = min(width, max(ctx.text.width(line, size) for line in lines) + 2 * pad)
    h = len(lines) * lh + 2 * pad
    return pygame.Rect(0, 0, w, h), lines, size, lh, pad


def tooltip_rect(surface, ctx, text: str, anchor: pygame.Rect, avoid: pygame.Rect | None = None) -> pygame.Rect | None:
    """Where the help box for ``anchor`` goes; with ``avoid``, a place clear of that
    rect (beside it, else below or above), or None when there is no such place."""
    box = _tooltip_box(surface, ctx, text)[0]
    screen = surface.get_rect()
    if avoid is None:
        box.topleft = (anchor.left, anchor.bottom + ctx.px(4))
        if box.bottom > screen.height - 4:
            box.bottom = anchor.top - ctx.px(4)
        return box.clamp(screen)
    gap = ctx.px(8)
    tries = []
    right = box.copy()
    right.topleft = (avoid.right + gap, anchor.top)
    tries.append(right)
    left = box.copy()
    left.topright = (avoid.left - gap, anchor.top)
    tries.append(left)
    below = box.copy()
    below.topleft = (anchor.left, avoid.bottom + gap)
    tries.append(below)
    above = box.copy()
    above.bottomleft = (anchor.left, avoid.top - gap)
    tries.append(above)
    for place in tries:
        if place.left < 0 or place.right > screen.right:
            if place in (below, above):
                place.clamp_ip(pygame.Rect(0, place.top, screen.width, place.height))
            else:
                continue
        if place.top < 0 or place.bottom > screen.bottom:
            if place in (right, left):
                place.clamp_ip(pygame.Rect(place.left, 0, place.width, screen.height))
            else:
                continue
        if screen.contains(place) and not place.colliderect(avoid):
            return place
    return None


def draw_tooltip(surface, ctx, text: str, anchor: pygame.Rect, avoid: pygame.Rect | None = None) -> pygame.Rect | None:
    """A wrapped help box beside ``anchor``, kept inside the window (and clear of ``avoid``)."""
    box = tooltip_rect(surface, ctx, text, anchor, avoid)
    if box is None:
        return None
    _, lines, size, lh, pad = _tooltip_box(surface, ctx, text)
    pygame.draw.rect(surface, ctx.colour("tooltip"), box, border_radius=ctx.px(4))
    pygame.draw.rect(surface, ctx.colour("panel_edge"), box, width=1, border_radius=ctx.px(4))
    y = box.top + pad
    for line in lines:
        ctx.text.draw(surface, line, (box.left + pad, y), size, ctx.colour("tooltip_text"))
        y += lh
    return box
