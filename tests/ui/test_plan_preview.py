"""The board's plan preview: shown while a person plans, in words and on the gauges."""

from __future__ import annotations

from dataclasses import replace

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
    app.apply(sc.Act(Action("plan", "moscow", action="invest", target="arctic")))
    app.apply(sc.Act(Action("plan", "moscow", action="brinkmanship", target="central_asia")))
    app.draw()
    drawn = "\n".join(app.text.drawn)
    assert title in drawn
    assert "Decided by a roll:" in drawn and "Moscow in Central Asia" in drawn
    assert "Objectives:" in drawn
    assert any(line.startswith("plan ") and "on a roll" in line for line in app.text.drawn)  # a gauge's bracket label
    board = app.top
    arctic = board.ring.get("front:arctic")
    assert arctic.preview["moscow"].certain and arctic.preview["moscow"].low > arctic.preview["moscow"].now  # the invest order


def test_the_preview_never_shows_to_the_public_or_the_rival(make_app):
    app = _planning(make_app, (1280, 800))
    app.apply(sc.Act(Action("plan", "moscow", action="invest", target="energy")))
    assert app.top.preview is not None
    app.top.viewer = None  # the public view (the curtain, a projector)
    app.top.layout(app.ctx)
    assert app.top.preview is None


def test_an_order_that_changes_nothing_is_named_in_the_preview(make_app):
    """Moscow at 7 in Energy: an investment reaches 8 and the upkeep takes it back in the
    same resolution, so the preview names the order as paid for and changing nothing."""
    app = _planning(make_app, (1280, 800))
    session = app.game.session
    step = session.steps[-1]
    state = step.result.state
    standing = {f: dict(row) for f, row in state.standing.items()}
    standing["energy"].update(moscow=7, beijing=3)
    standing["central_asia"]["moscow"] = 4
    session.steps[-1] = replace(step, result=replace(step.result, state=replace(state, standing=standing, power={**state.power, "moscow": 10})))
    app.apply(sc.Act(Action("plan", "moscow", action="invest", target="central_asia")))
    app.draw()
    idle_words = S("preview_idle", orders="").split(":")[0]
    assert idle_words not in " ".join(app.text.drawn)  # a useful order alone: no such line
    app.apply(sc.Act(Action("plan", "moscow", action="invest", target="energy")))
    app.draw()
    drawn = " ".join(app.text.drawn)  # the panel wraps its words over lines
    assert S("preview_idle", orders="Invest — Energy") in drawn  # only the idle order is named
