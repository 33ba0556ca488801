"""The guided first game in the window: offered on the first launch, played with keys to
its "what next" screen, left at any step, its callouts pointing at real controls."""

from __future__ import annotations

import pygame
import pytest

from eurasia_game.model.tutorial import ANCHORS, MOMENT_SCREEN
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.screens.tutorial_screens import anchor_rect
from eurasia_game.ui.settings import load_settings
from tests.ui.driver import names, press, step


def _frames(app, n: int = 3, dt: float = 0.4) -> None:
    for _ in range(n):
        app.step(dt=dt)
        if app.game is not None:
            app.game.thinker.wait(30)


def _play(app, keys_for=None, limit: int = 200) -> list[str]:
    """Play the guide with keys only: Space through callouts and cards, the step's own key
    where it asks for one.  Returns the ids of the steps shown."""
    keys_for = keys_for or {"dilemma": pygame.K_1, "orders": pygame.K_c, "commit": pygame.K_e}
    shown = []
    for _ in range(limit):
        _frames(app)
        top = app.top
        if top.name == "what_next":
            return shown
        if top.name == "tutorial":
            shown.append(top.step.id)
            press(app, keys_for.get(top.step.id, pygame.K_SPACE))
        elif top.name in ("reveal", "orders_reveal"):
            press(app, pygame.K_SPACE)
        elif top.name == "dilemma":
            press(app, pygame.K_1)  # a second dilemma in the year (the guide spoke of the first)
    raise AssertionError(f"the guide never ended: {names(app)} after {shown}")


def test_the_title_offers_the_guide_on_the_first_launch_only(make_app, rules):
    from eurasia_game.ui.app import App

    app = make_app()
    assert app.top.name == "title" and app.top.offer
    app.draw()
    assert "New to the game?" in " ".join(app.text.drawn)
    assert app.top.ring.get("tutorial") is not None
    assert load_settings().tutorial_offered, "the offer is remembered in the settings file"
    again = App(rules, settings=load_settings(), raise_errors=True)  # the next launch, with the settings file
    again.step()
    assert not again.top.offer and again.top.ring.get("tutorial") is not None, "later, only the button stays"


def test_the_guide_plays_with_keys_to_what_next_and_is_remembered(make_app, rules):
    app = make_app(animation="fast")
    press(app, pygame.K_g)
    assert app.game is not None and app.game.tutorial is not None
    tutorial = rules.tutorial["first_year"]
    assert app.game.session.seed == tutorial.seed and app.game.players[tutorial.side] == "human"
    assert app.game.players["beijing"] == tutorial.opponent
    shown = _play(app)
    assert shown == [s.id for s in tutorial.steps], "every step of the first year came, in order"
    assert app.game.state.year == 2020 and app.game.tutorial is None
    settings = load_settings()
    assert settings.tutorial_done and settings.tutorial_offered
    app.draw()
    assert "What next?" in " ".join(app.text.drawn)
    # the recap tells the guided year alone: from the set-up to the year's own snapshot,
    # not counting what the next year's first card has already moved
    scenario = rules.scenario[app.game.session.scenario]
    first = next(s for s in app.game.state.snapshots if s.year == scenario.start_year)
    recap = app.top._recap(app.ctx)
    for track in rules.tracks:
        was = scenario.setup.tracks.get(track.id, track.start)
        if first.tracks[track.id] != was:
            assert f"{track.name} {was} to {first.tracks[track.id]}" in recap, recap
        else:
            assert f"{track.name} {was} to" not in recap, recap
    # play on: the guide's game goes on as an ordinary one
    press(app, pygame.K_p)
    assert "what_next" not in names(app) and "orders_reveal" not in names(app)


def test_esc_leaves_the_guide_at_any_step(make_app):
    app = make_app(animation="fast")
    press(app, pygame.K_g)
    _frames(app)
    assert app.top.name == "tutorial" and app.top.step.id == "welcome"
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "what_next" and app.top.left
    assert app.game.tutorial is None
    assert not load_settings().tutorial_done, "left early: not counted as finished"
    press(app, pygame.K_t)
    assert names(app) == ["title"]


def test_a_key_meant_for_the_screen_goes_through_the_callout(make_app):
    app = make_app(animation="fast")
    press(app, pygame.K_g)
    for _ in range(20):
        _frames(app)
        if app.top.name == "tutorial" and app.top.step.id == "dilemma":
            break
        press(app, pygame.K_SPACE)
    assert app.top.name == "tutorial" and app.top.step.id == "dilemma"
    card = app.game.state.dilemma
    press(app, pygame.K_1)
    step(app, 2)
    assert app.game.state.dilemma != card, "the number chose the dilemma's first option"
    chosen = [s.action for s in app.game.session.steps[1:] if s.action.kind == "choose"]
    assert chosen and chosen[0].option == app.rules.event[card].dilemma.options[0].id


def _screens(app):
    """The game screens a tutorial step can stand on, as the guide's game shows them."""
    found = {}
    tutorial = app.rules.tutorials[0]
    app.apply(sc.StartGame(tutorial.scenario, tutorial.seed, {"moscow": "human", "beijing": "easy"}, False))
    for _ in range(200):
        _frames(app, 1)
        top = app.top
        app.draw()
        key = {"reveal": "card", "dilemma": "dilemma", "board": "board", "orders_reveal": "orders_reveal"}.get(top.name)
        if key == "board" and app.game.state.to_act != "moscow":
            key = None
        if key and key not in found:
            found[key] = top
            yield key, top
        if top.name == "orders_reveal":
            return
        if top.name == "board" and app.game.state.to_act == "moscow":
            if not app.game.state.plans.get("moscow"):
                press(app, pygame.K_c)
            press(app, pygame.K_e)
        elif top.name == "dilemma":
            press(app, pygame.K_1)
        elif top.name == "reveal":
            press(app, pygame.K_SPACE)


@pytest.mark.parametrize("size", [(1024, 640), (2560, 1440)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_anchor_of_the_vocabulary_is_a_real_control(make_app, rules, size):
    app = make_app(size=size, animation="off")
    window = app.surface.get_rect()
    seen = set()
    for screen, scene in _screens(app):
        seen.add(screen)
        wanted = list(ANCHORS[screen])
        if screen == "board":
            wanted += [f"front:{f}" for f in rules.front_ids] + [f"track:{t}" for t in rules.track_ids]
            wanted += [f"action:{a.id}" for a in rules.actions if "moscow" in a.sides]
        for anchor in wanted:
            rect = anchor_rect(scene, anchor, app.ctx)
            assert rect is not None and rect.width > 0 and rect.height > 0, f"{anchor} on {screen}"
            assert window.contains(rect), f"{anchor} {rect} on {screen} at {size}"
    assert seen == {s for s in MOMENT_SCREEN.values() if s}
