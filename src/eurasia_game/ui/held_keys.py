"""Keys held down while the screen changed: their repeats are not meant for the new screen.

The window repeats a held key (``pygame.key.set_repeat``) so that arrows
scroll and Backspace erases while held.  But a key pressed on one screen
and held a little too long must not act on the screen it opened: G held
on the title would close the guide's first callout before it was read,
and Space held on a card would skip the next ones.  pygame marks no repeat
as such, so a key counts as held from its press until its release; while
it is held, its repeats reach only the screen that got the press.

A key released while the window had no focus never sends its release, so
losing the focus forgets every held key.
"""

from __future__ import annotations

import pygame


class HeldKeys:
    """Which screen each held key was pressed on."""

    def __init__(self) -> None:
        self._pressed_on: dict[int, object] = {}

    def allows(self, event, top) -> bool:
        """Whether ``event`` may reach ``top`` (False: a repeat of a key pressed on another screen)."""
        if event.type == pygame.KEYUP:
            self._pressed_on.pop(event.key, None)
        elif event.type == pygame.KEYDOWN:
            if getattr(event, "handed_on", False):  # a screen passed its key on to the one below it
                self._pressed_on[event.key] = top
                return True
            return self._pressed_on.setdefault(event.key, top) is top
        elif event.type == pygame.WINDOWFOCUSLOST:
            self._pressed_on.clear()
        return True
