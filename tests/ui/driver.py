"""Drive the window the way a player does: post mouse and keyboard events, step frames.

Widgets are found by id to learn where to click; the input itself only ever
reaches the game as posted pygame events.
"""

from __future__ import annotations

import pygame


def step(app, frames: int = 2) -> None:
    """Run ``frames`` frames; a computer move being worked out is waited for after each,
    so a test plays the same game however fast the machine is."""
    for _ in range(frames):
        app.step()
        settle(app)


def settle(app, timeout: float = 60.0) -> None:
    """Wait until the computer's worker (if one is thinking) has its move."""
    game = app.game
    if game is not None:
        assert game.thinker.wait(timeout), "the computer did not find a move in time"


def click(app, widget_id: str) -> None:
    widget = app.top.ring.get(widget_id)
    assert widget is not None, f"no widget '{widget_id}' on {app.top.name}: {[w.id for w in app.top.ring.widgets]}"
    pos = widget.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    step(app)


def press(app, key: int, mod: int = 0, text: str = "") -> None:
    """A player's key press. A player looks at a screen before pressing Space or Enter on it:
    where the screen would still take such a key for a tap meant for the screen before
    (``Scene.key_guard``), the clock is first moved past that moment. The guards themselves
    are tested with frames of a given length (tests/ui/test_input.py)."""
    down = pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text, scancode=0)
    if app.stack and app.top.too_soon(down, app.ctx):
        app.step([], dt=app.top.key_guard)
    pygame.event.post(down)
    if text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=text, scancode=0))
    step(app)


def type_text(app, text: str) -> None:
    for ch in text:
        press(app, pygame.key.key_code(ch), text=ch)


def names(app) -> list[str]:
    return [s.name for s in app.stack]


def advance(app) -> None:
    """Move a game on by one screen: a dilemma answered with its first option
    (it ignores Space for its first moments, so a key meant for the card before
    cannot choose), anything else closed with Space."""
    if app.top.name == "dilemma":
        press(app, pygame.K_1)
    else:
        press(app, pygame.K_SPACE)
