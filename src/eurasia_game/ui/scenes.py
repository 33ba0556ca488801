"""The scene stack's vocabulary: scenes and the commands they return.

A scene is one screen or overlay.  The app keeps a stack of them; input goes
to the top one; drawing starts at the highest opaque scene so dialogs show
over what is below.  Scenes never call the session: they return commands
(``Act``, ``Undo``, ``Push``...) and the app carries them out.  ``draw`` must
not change anything that affects the game.

Lifecycle: ``layout(ctx)`` when shown and on every resize; ``resume(ctx)``
when it becomes the top scene again (returns a command or None);
``handle(event, ctx)`` and ``update(dt, ctx)`` return a command, a list of
commands, or None; ``busy(ctx)`` says whether the scene needs frames without
input (an animation, a computer's move), so the app can sleep otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pygame

from eurasia_game.ui.widgets import FocusRing, control_group, draw_tooltip

FOCUS_TIP_DELAY = 0.9  # seconds the keyboard focus rests on a widget before its help box opens


# --- commands ---------------------------------------------------------------
@dataclass
class Push:
    scene: "Scene"


@dataclass
class Pop:
    pass


@dataclass
class Replace:
    scene: "Scene"


@dataclass
class ResetTo:
    """Clear the stack and show ``scene`` (for example back to the title)."""

    scene: "Scene"


@dataclass
class Quit:
    pass


@dataclass
class Act:
    """Send an action to the engine through the game controller."""

    action: Any


@dataclass
class Undo:
    pass


@dataclass
class StartGame:
    """Start a new game from the new-game screen's choices."""

    scenario: str
    seed: int
    players: dict
    curtain: bool
    mods: tuple = ()
    armed_from: int | None = None  # None: the scenario's own year
    remember: bool = False  # offer these scenario and players again on the next new game


@dataclass
class LoadGame:
    path: Any


@dataclass
class SaveGame:
    name: str


@dataclass
class ApplySettings:
    settings: Any


@dataclass
class Call:
    """Run an app-level function by name with arguments (kept to a small known set)."""

    name: str
    args: tuple = field(default_factory=tuple)


# --- scenes -----------------------------------------------------------------
TAP_GUARD = 0.4  # seconds a screen that just came up ignores Space and Enter (``Scene.key_guard``)


class Scene:
    """Base class: a focus ring of widgets, hover help and a background."""

    opaque = True
    name = "scene"
    # Space and Enter do nothing on this screen for its first ``key_guard`` seconds
    # (``App.dispatch``): a key tapped to close the screen before must not answer this
    # one (a dilemma's option, the ending's way back to the title).
    key_guard = 0.0
    opened: float | None = None  # ``ctx.time`` when the screen came up, or was uncovered again (``App.apply``)

    def __init__(self) -> None:
        self.ring = FocusRing()
        self.hotspots: list[tuple[pygame.Rect, str]] = []

    def too_soon(self, event, ctx) -> bool:
        """Whether ``event`` is a Space or Enter that came within ``key_guard`` of the screen coming up."""
        return (
            self.key_guard > 0
            and event.type == pygame.KEYDOWN
            and event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)
            and self.opened is not None
            and ctx.time - self.opened < self.key_guard
        )

    # lifecycle -------------------------------------------------------------
    def layout(self, ctx) -> None:
        """Place widgets for the window's current size (called again on resize)."""

    def resume(self, ctx):
        return None

    def handle(self, event, ctx):
        return self.ring.handle(event, ctx)

    def update(self, dt: float, ctx):
        return None

    def busy(self, ctx) -> bool:
        return False

    # drawing -----------------------------------------------------------------
    def draw(self, surface, ctx) -> None:
        surface.fill(ctx.colour("bg"))
        self.ring.draw(surface, ctx)

    def help_text_at(self, pos) -> str | None:
        """What hovering ``pos`` explains: a widget's tooltip, else a hotspot's."""
        widget = self.ring.at(pos)
        if widget is not None:
            return widget.help_text()
        for rect, text in reversed(self.hotspots):
            if rect.collidepoint(pos):
                return text
        return None

    def focus_tip(self, ctx):
        """The focused widget whose help box is due or waiting, and whether it is due.

        A help box for the keyboard focus opens only once the focus has rested
        on one widget for ``FOCUS_TIP_DELAY`` seconds after the last key, and
        only when a key put it there (never for the focus a screen starts with,
        never while the mouse is in use).
        """
        # the key that opened this screen (F2, Enter...) did not choose its focus
        opened = getattr(self, "_keys_at_open", None)
        if opened is None:
            opened = self._keys_at_open = ctx.key_presses
        if ctx.pointer_active is not False or ctx.key_presses <= opened:
            return None, False
        widget = self.ring.focused()
        if widget is None or not widget.help_text():
            return None, False
        key = widget.id
        if key != getattr(self, "_tip_key", None):
            self._tip_key, self._tip_since = key, ctx.time
        since = max(self._tip_since, ctx.last_key)
        return widget, ctx.time - since >= FOCUS_TIP_DELAY

    def focus_tip_pending(self, ctx) -> bool:
        """Whether a focus help box is waiting for its delay (the loop keeps frames coming)."""
        widget, _ = self.focus_tip(ctx)
        return widget is not None and getattr(self, "_tip_shown", None) != (widget.id, max(self._tip_since, ctx.last_key))

    def draw_help(self, surface, ctx) -> None:
        """Draw the tooltip for the hovered thing, or (after a delay) for the keyboard focus,
        beside the group of controls in use rather than over it."""
        if ctx.pointer_active and ctx.mouse is not None:
            text = self.help_text_at(ctx.mouse)
            if text:
                anchor = pygame.Rect(ctx.mouse, (1, 1)).inflate(ctx.px(24), ctx.px(24))
                draw_tooltip(surface, ctx, text, anchor)
            return
        widget, due = self.focus_tip(ctx)
        if widget is None or not due:
            return
        self._tip_shown = (widget.id, max(self._tip_since, ctx.last_key))
        avoid = control_group(self.ring.widgets, widget, ctx.px(14))
        self.focus_tip_rect = draw_tooltip(surface, ctx, widget.help_text(), widget.rect, avoid)
