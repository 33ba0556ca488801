"""The reveal of the orders in the window: shown after both sides commit, paced by the
animation setting, skipped with one key, its markers explained on hover, the game untouched."""

from __future__ import annotations

import pygame

from eurasia_game.session.policies import make_policy
from eurasia_game.ui import scenes as sc
from tests.ui.driver import names, press, step


def _to_reveal(app, players=None, seed: int = 7):
    rules = app.rules
    app.apply(sc.StartGame("full_decade", seed, players or {s: "human" for s in rules.side_ids}, False))
    policies = {s: make_policy("easy", seed, s) for s in rules.side_ids}
    for _ in range(200):
        top = app.top
        if top.name == "orders_reveal":
            return top
        if top.name in ("reveal", "curtain", "briefing"):
            app.apply(sc.Pop())
            continue
        side = app.game.state.to_act
        app.apply(sc.Act(policies[side].choose(rules, app.game.session.view(side), app.game.session.legal(side))))
        if top.name == "dilemma":
            app.apply(sc.Pop())
    raise AssertionError(names(app))


def test_the_reveal_comes_after_both_commit_and_space_skips_then_closes(make_app):
    app = make_app(animation="slow")
    scene = _to_reveal(app)
    record = app.game.session.record()
    assert names(app)[:2] == ["board", "orders_reveal"]
    assert not scene.finished and scene.busy(app.ctx), "slow animation: the steps play one by one"
    step(app, 3)
    assert not scene.finished
    press(app, pygame.K_SPACE)
    assert app.top is scene and scene.finished, "the first Space skips to the end"
    app.draw()
    drawn = " ".join(app.text.drawn)
    assert "Moscow's orders" in drawn and "Beijing's orders" in drawn
    press(app, pygame.K_SPACE)
    assert app.top is not scene, "the second Space closes it"
    assert app.game.session.record() == record, "the reveal changed nothing in the game"


def test_esc_closes_the_reveal_at_once(make_app):
    app = make_app(animation="slow")
    scene = _to_reveal(app)
    assert not scene.finished
    press(app, pygame.K_ESCAPE)
    assert app.top is not scene and "orders_reveal" not in names(app)


def test_animation_off_shows_the_result_at_once_with_causes_on_hover(make_app):
    app = make_app(animation="off")
    scene = _to_reveal(app)
    assert scene.finished
    app.draw()
    causes = [(rect, text) for rect, text in scene.hotspots if "Cause:" in text]
    assert causes, "every change has a marker with its cause"
    rect, text = causes[0]
    assert scene.help_text_at(rect.center) == text
    order_texts = [s.text for s in scene.reveal.steps if s.kind == "order"]
    assert any(t in text for t in [s.text for s in scene.reveal.steps]), text
    assert order_texts


def test_the_animation_moves_on_with_the_clock(make_app):
    app = make_app(animation="normal")
    scene = _to_reveal(app)
    first = scene.timeline.index
    app.step(dt=1.0)
    app.step(dt=1.0)
    assert scene.timeline.index > first




def test_a_computer_only_game_does_not_wait_on_the_reveal(make_app, rules):
    app = make_app(animation="fast")
    app.apply(sc.StartGame("full_decade", 7, {s: "easy" for s in rules.side_ids}, False))
    seen = False
    for _ in range(600):
        app.step(dt=0.2)
        app.game.thinker.wait(60)
        seen = seen or app.top.name == "orders_reveal"
        if app.game.state.year > 2019 and seen and app.top.name != "orders_reveal":
            break
    assert seen and app.top.name != "orders_reveal", names(app)


def test_a_front_with_more_changes_than_room_ends_in_a_marker_that_lists_the_rest(make_app):
    """No change is hidden: markers that do not fit become one "…N" marker whose hover names
    each of their causes (an upkeep slip used to vanish behind two earlier markers)."""
    from eurasia_game.ui.reveal_sequence import Change, Reveal, RevealStep

    app = make_app(size=(1024, 640), animation="off")
    scene = _to_reveal(app)
    key = f"{app.rules.fronts[0].id}/{app.rules.side_ids[0]}"
    steps = tuple(RevealStep("order", f"cause number {k}", changes=(Change(key, 1 if k % 2 else -1, 5, 5),)) for k in range(1, 9))
    from eurasia_game.ui.reveal_sequence import Timeline

    scene.reveal = Reveal(scene.reveal.year, steps, dict(scene.reveal.start), {})
    scene.timeline = Timeline(len(steps), 0.0)
    scene.layout(app.ctx)
    app.draw()
    texts = [text for _, text in scene.hotspots]
    for k in range(1, 9):
        assert any(f"cause number {k}" in t for t in texts), f"cause {k} is on no marker"
    more = [t for t in texts if t.count("cause number") > 1]
    assert len(more) == 1 and "cause number 8" in more[0]
    shown_alone = sum(1 for t in texts if t.count("cause number") == 1)
    assert shown_alone >= 2 and shown_alone + more[0].count("cause number") == 8


def test_an_order_that_only_paid_in_power_says_where_to_look(make_app):
    """Selling arms with the partnership at its top moves no track or front, yet Moscow gained
    power: the row says power and income show in the top bar instead of that the order did
    nothing; an order with no such effect still says plainly that nothing moved."""
    from eurasia_game.ui.reveal_sequence import Reveal, RevealStep, Timeline, pays_in_power
    from eurasia_game.ui.strings import S

    rules = make_app().rules
    assert pays_in_power(rules.action["sell_arms"].effects)
    assert not pays_in_power(rules.action["invest"].effects)
    assert not pays_in_power(rules.action["reach_out_to_washington"].effects)
    for size in ((1280, 800), (1024, 640)):
        app = make_app(size=size, animation="off")
        scene = _to_reveal(app)
        moscow, beijing = rules.side_ids
        steps = (
            RevealStep("order", "Moscow sold advanced arms to Beijing.", moscow, "sell_arms"),
            RevealStep("order", "Beijing invested in Energy.", beijing, "invest", "energy"),
        )
        scene.reveal = Reveal(scene.reveal.year, steps, dict(scene.reveal.start), {moscow: [0], beijing: [1]})
        scene.timeline = Timeline(len(steps), 0.0)
        scene.layout(app.ctx)
        app.text.drawn.clear()
        app.draw()
        drawn = app.text.drawn
        power = S("reveal_power_only")
        # the whole line, or its start cut with an ellipsis in a narrow row
        power_line = [t for t in drawn if t == power or (t.endswith("\u2026") and power.startswith(t[:-1]))]
        assert power_line, drawn
        assert drawn.count(S("reveal_no_change")) == 1, "the investment that moved nothing says so, and only it"
