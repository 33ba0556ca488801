"""A key held while the screen changes acts only on the screen that got its press.

The real key repeat is driven through X in tests/realwindow; here the rule
itself, with posted events: a second KEYDOWN with no KEYUP between is a
repeat.
"""

from __future__ import annotations

import pygame

from tests.ui.driver import names, step


def _down(key: int, **extra) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=pygame.key.name(key), scancode=0, **extra)


def _up(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)


def test_a_held_key_does_not_answer_the_screen_it_opened(make_app):
    app = make_app()
    assert names(app) == ["title"]
    app.step([_down(pygame.K_g)], dt=0.05)  # G pressed on the title: the guide opens its first callout
    step(app)
    assert app.top.name == "tutorial" and app.top.step.id == "welcome"
    callout = app.top
    app.step([_down(pygame.K_g), _down(pygame.K_g)], dt=0.05)  # its repeats, still held
    assert app.top is callout, "a repeat of the key that opened the callout closed it"
    app.step([_up(pygame.K_g), _down(pygame.K_SPACE), _up(pygame.K_SPACE)], dt=0.05)  # released, then a fresh press
    step(app)
    assert app.top is not callout


def test_repeats_reach_the_screen_that_got_the_press_only():
    from eurasia_game.ui.held_keys import HeldKeys

    held, board, dialog = HeldKeys(), object(), object()
    assert held.allows(_down(pygame.K_DOWN), board)
    assert held.allows(_down(pygame.K_DOWN), board), "held on one screen, a key repeats there (scrolling)"
    assert not held.allows(_down(pygame.K_DOWN), dialog)
    assert held.allows(_down(pygame.K_DOWN, handed_on=True), dialog), "a screen may hand its key on"
    assert held.allows(_up(pygame.K_DOWN), dialog) and held.allows(_down(pygame.K_DOWN), board)


def test_losing_the_focus_forgets_held_keys(make_app):
    app = make_app()
    app.step([_down(pygame.K_g)], dt=0.05)
    step(app)
    callout = app.top
    assert callout.name == "tutorial"
    app.step([pygame.event.Event(pygame.WINDOWFOCUSLOST)], dt=0.05)  # G let go in another window: no KEYUP comes
    app.step([_down(pygame.K_g)], dt=0.05)  # back in the window, a fresh press of G (meant for the screen below)
    step(app)
    assert app.top is not callout, "after the focus came back a fresh press was taken for a repeat"
