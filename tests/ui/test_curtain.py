"""The hotseat curtain hides secrets.

Two games are played to the same point, differing only in Moscow's secret
orders.  While the curtain is up, and on Beijing's screen after it, the two
windows must be pixel for pixel the same and name none of Moscow's orders;
Moscow's own screen, in contrast, does show them (so the check can fail).
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.moves import planned_text
from eurasia_game.engine.state import Action
from tests.ui.driver import advance, click, names, press, step


def _to_moscow_planning(app) -> None:
    press(app, pygame.K_n)
    click(app, "scenario:after_fourth_term")
    app.top.entry.set_text("12345")  # both games must have the same seed
    click(app, "start")
    for _ in range(20):
        if app.top.name == "board" and app.top.viewer == "moscow":
            return
        advance(app)
    raise AssertionError(f"never reached Moscow's planning: {names(app)}")


def _plan(app, orders) -> list[str]:
    texts = []
    for action_id, front in orders:
        click(app, f"front:{front}")
        click(app, f"act:{action_id}:{front}")
        texts.append(planned_text(app.rules, "moscow", action_id, front))
    assert [o.action for o in app.game.state.plans["moscow"]] == [a for a, _ in orders]
    return texts


def _frame(app):
    step(app)
    app.draw()
    return pygame.image.tobytes(app.surface, "RGB"), list(app.text.drawn)


def test_curtain_and_other_side_show_nothing_of_moscows_orders(make_app, rules):
    frames = {}
    for name, orders in (("a", [("invest", "energy"), ("compete", "arctic")]), ("b", [("cooperate", "un")])):
        app = make_app(curtain=True)
        _to_moscow_planning(app)
        secret = _plan(app, orders)
        own_pixels, own_text = _frame(app)
        assert any(rules.action[a].name in " ".join(own_text) for a, _ in orders), "Moscow sees its own orders"
        click(app, "commit")
        assert app.top.name == "curtain" and app.top.side == "beijing"
        curtain_pixels, curtain_text = _frame(app)
        advance(app)
        assert app.top.name == "board" and app.top.viewer == "beijing"
        beijing_pixels, beijing_text = _frame(app)
        for text in secret + [rules.action[a].name for a, _ in orders if a != "cooperate"]:
            assert text not in curtain_text
        for text in secret:
            assert text not in beijing_text
        frames[name] = (own_pixels, curtain_pixels, beijing_pixels)
        app.quit()
        pygame.display.quit()
    assert frames["a"][0] != frames["b"][0], "Moscow's screens differ, so equal frames below mean something"
    assert frames["a"][1] == frames["b"][1], "the curtain shows nothing of Moscow's orders"
    assert frames["a"][2] == frames["b"][2], "Beijing's screen shows nothing of Moscow's orders"


def test_curtain_draws_only_the_hand_over(make_app, rules):
    app = make_app(curtain=True)
    _to_moscow_planning(app)
    click(app, "commit")
    _, text = _frame(app)
    assert app.top.name == "curtain"
    allowed = {"Pass to Beijing", "Beijing: press Space when ready.", "Ready", "Space"}
    assert set(text) <= allowed, set(text) - allowed


def test_no_curtain_in_open_play(make_app, rules):
    app = make_app(curtain=False)
    press(app, pygame.K_n)
    click(app, "curtain")  # the new-game screen starts from the settings' choice: off; this turns it on
    click(app, "curtain")
    click(app, "start")
    for _ in range(30):
        assert app.top.name != "curtain"
        if app.top.name == "board" and app.game.state.to_act == "beijing":
            break
        if app.top.name == "board":
            app.apply(__import__("eurasia_game.ui.scenes", fromlist=["Act"]).Act(Action("commit", app.game.state.to_act)))
        else:
            advance(app)
    assert app.top.name == "board" and app.top.viewer == "beijing"
