"""Fixtures for the seminar screens' tests: a headless window and private user folders.

SDL uses its dummy drivers and ``EURASIA_GAME_HOME`` points at a temporary
folder, so no test opens a real window or touches the real saves.
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import pygame  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    monkeypatch.setenv("EURASIA_GAME_HOME", str(folder))
    yield folder
    pygame.display.quit()


@pytest.fixture
def make_app(rules):
    """An App at a given size with no animation delays; errors propagate."""
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    apps = []

    def make(size=(1280, 800), **settings):
        options = {"animation": "off", "curtain": False, **settings}
        app = App(rules, settings=Settings(width=size[0], height=size[1], **options), raise_errors=True)
        app.step(dt=0.0)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.seminar.close()
