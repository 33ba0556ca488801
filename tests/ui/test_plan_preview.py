"""The board's plan preview: shown while a person plans, in words and on the gauges."""

from __future__ import annotations

import pytest

from eurasia_game.engine import Action
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.strings import S
from tests.ui.driver import advance


def _planning(make_app, size):
    app = make_app(size=size)
    app.apply(sc.StartGame("after_fourth_term", 3, {"moscow": "human", "beijing": "human"}, True))
    for _ in range(30):
        game = app.game
        if app.top.name == "board" and game.state.to_act == "moscow" and game.state.dilemma is None and app.top.viewer == "moscow":
            return app
        advance(app)
    raise AssertionError("Moscow never got to plan")


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800)])
def test_the_preview_appears_with_the_first_order_and_says_what_is_certain_and_what_rolls(make_app, size):
    app = _planning(make_app, size)
    app.draw()
    title = S("preview_title", side="Moscow", rival="Beijing")
    assert title not in app.text.drawn  # no order yet: the stakes line instead
    app.apply(sc.Act(Action("plan", "moscow", action="invest", target="energy")))
    app.apply(sc.Act(Action("plan", "moscow", action="brinkmanship", target="central_asia")))
    app.draw()
    drawn = "\n".join(app.text.drawn)
    assert title in drawn
    assert "Decided by a roll:" in drawn and "Moscow in Central Asia" in drawn
    assert "Objectives:" in drawn
    assert any(line.startswith("plan ") and "on a roll" in line for line in app.text.drawn)  # a gauge's bracket label
    board = app.top
    energy = board.ring.get("front:energy")
    assert energy.preview["moscow"].certain and energy.preview["moscow"].low > energy.preview["moscow"].now  # the invest order


def test_the_preview_never_shows_to_the_public_or_the_rival(make_app):
    app = _planning(make_app, (1280, 800))
    app.apply(sc.Act(Action("plan", "moscow", action="invest", target="energy")))
    assert app.top.preview is not None
    app.top.viewer = None  # the public view (the curtain, a projector)
    app.top.layout(app.ctx)
    assert app.top.preview is None
