"""Fixtures for the seminar screens' tests: a headless window and private user folders.

SDL uses its dummy drivers and ``EURASIA_GAME_HOME`` points at a temporary
folder, so no test opens a real window or touches the real saves.
"""

from __future__ import annotations

import pytest

# The same headless display and private game home as the window's own tests
# (importing that conftest sets the SDL drivers before pygame starts a display).
from tests.ui.conftest import home  # noqa: F401


@pytest.fixture
def make_app(rules):
    """An App at a given size with no animation delays; errors propagate."""
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    apps = []

    def make(size=(1280, 800), **settings):
        options = {"animation": "off", "curtain": False, "briefings": False, **settings}
        app = App(rules, settings=Settings(width=size[0], height=size[1], **options), raise_errors=True)
        app.step(dt=0.0)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.seminar.close()
