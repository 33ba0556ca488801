"""Every screen fits the window from 1024x640 to 2560x1440: no widget spills out
of the window, no two widgets overlap, and no button's text is cut."""

from __future__ import annotations

import itertools

import pygame
import pytest

from eurasia_game.ui import scenes as sc
from tests.ui.driver import advance, press, step

SIZES = [(1024, 640), (1280, 800), (2560, 1440)]


def _check(app, where: str) -> None:
    app.draw()
    top = app.top
    window = app.surface.get_rect()
    widgets = [w for w in top.ring.widgets if w.rect.width > 0]
    assert widgets, f"{where}: no widgets"
    for w in widgets:
        assert window.contains(w.rect), f"{where}: {w.id} {w.rect} is outside the window {window}"
        assert not w.overflow, f"{where}: the text of {w.id} does not fit {w.rect}"
    for a, b in itertools.combinations(widgets, 2):
        assert not a.rect.colliderect(b.rect), f"{where}: {a.id} {a.rect} overlaps {b.id} {b.rect}"
    if top.name == "board":
        assert not top.overflow, f"{where}: the board's right column overflows"


def _screens(app):
    from eurasia_game.ui.screens.help import HelpScene
    from eurasia_game.ui.screens.menu import MenuScene
    from eurasia_game.ui.screens.modreport import ModReportScene
    from eurasia_game.ui.screens.newgame import NewGameScene
    from eurasia_game.ui.screens.saveload import LoadScene, SaveScene
    from eurasia_game.ui.screens.settings_screen import SettingsScene

    yield "title"
    for scene in (NewGameScene(), SettingsScene(), LoadScene(), HelpScene()):
        app.apply(sc.Push(scene))
        yield scene.name
        app.apply(sc.Pop())
    app.apply(sc.StartGame("after_fourth_term", 3, {"moscow": "human", "beijing": "human"}, True))
    seen = set()
    for _ in range(40):
        name = app.top.name
        if name not in seen:
            seen.add(name)
            yield name
        if name == "board":
            break
        advance(app)
    from eurasia_game.ui.screens.briefing import BriefingScene

    for scene in (MenuScene(), SaveScene("x"), ModReportScene(), BriefingScene(app.rules.side_ids[0])):
        app.apply(sc.Push(scene))
        yield scene.name
        app.apply(sc.Pop())
    yield from _play_on(app, seen)


def _play_on(app, seen):
    """Play on with random choices, yielding the dilemma and ending screens."""
    from eurasia_game.session.policies import make_policy

    policies = {s: make_policy("random", 5, s) for s in app.rules.side_ids}
    for _ in range(3000):
        name = app.top.name
        if name in ("dilemma", "ending", "orders_reveal") and name not in seen:
            seen.add(name)
            yield name
        if name == "ending":
            return
        if name in ("reveal", "orders_reveal", "curtain"):
            advance(app)
            continue
        side = app.game.state.to_act
        action = policies[side].choose(app.rules, app.game.session.view(side), app.game.session.legal(side))
        app.apply(sc.Act(action))
        if name == "dilemma":
            app.apply(sc.Pop())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_screens_fit(make_app, size):
    app = make_app(size=size)
    names = []
    for name in _screens(app):
        step(app, 1)
        _check(app, f"{name} at {size}")
        names.append(name)
    assert {"title", "new_game", "board", "curtain", "reveal", "orders_reveal", "menu", "briefing", "ending"} <= set(names)


def test_resizing_relayouts(make_app):
    app = make_app(size=(1280, 800))
    app.apply(sc.StartGame("after_fourth_term", 3, {"moscow": "human", "beijing": "human"}, False))
    for _ in range(10):
        if app.top.name == "board":
            break
        advance(app)
    assert app.top.name == "board"
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1600, 1000), w=1600, h=1000))
    step(app)
    assert app.surface.get_size() == (1600, 1000)
    _check(app, "board after resize")
    assert app.settings.width == 1600


@pytest.mark.parametrize("size", SIZES[:2], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("ui_scale,text_size", [(1.5, 1.3), (0.8, 0.85)])
def test_screens_fit_with_the_largest_and_smallest_settings(make_app, size, ui_scale, text_size):
    app = make_app(size=size, ui_scale=ui_scale, text_size=text_size)
    for name in _screens(app):
        step(app, 1)
        _check(app, f"{name} at scale {ui_scale}, text {text_size}")
