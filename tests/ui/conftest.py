"""Fixtures for the window's tests: a headless display and private user folders.

SDL is pointed at its dummy drivers before pygame starts, and
``EURASIA_GAME_HOME`` at a temporary folder, so no test opens a real window
or touches the real settings, saves or logs.
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import pygame  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def home(home):
    """Every UI test gets its own game home (the suite's ``home``, made automatic here)."""
    return home


@pytest.fixture
def make_app(rules):
    """Build an App at a given size; errors propagate unless raise_errors=False."""
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    def make(size=(1280, 800), raise_errors=True, **settings):
        options = {"animation": "off", "briefings": False, **settings}  # test_briefing.py turns the briefings on
        app = App(rules, settings=Settings(width=size[0], height=size[1], **options), raise_errors=raise_errors)
        app.step()
        return app

    return make
