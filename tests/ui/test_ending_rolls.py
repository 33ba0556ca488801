"""The ending's list of the other rolls that mattered: whole where it fits, shortened where not, never cut off."""

from __future__ import annotations

import pytest

from eurasia_game.engine.decided import roll_line, rolls
from eurasia_game.session.policies import make_policy
from eurasia_game.session.session import GameSession
from eurasia_game.ui.controller import GameController
from eurasia_game.ui.screens.ending import EndingScene, rolls_text
from eurasia_game.ui.screens.objectives_view import ending_text
from eurasia_game.ui.strings import S


def _ended(rules, scenario: str, seed: int) -> GameSession:
    session = GameSession.new(rules, scenario, seed, {s: "random" for s in rules.side_ids})
    policies = {s: make_policy("random", seed, s) for s in rules.side_ids}
    while not session.state.over:
        side = session.state.to_act
        session.act(policies[side].choose(rules, session.view(side), session.legal(side)))
    return session


def show_ending(make_app, rules, session, size):
    """The ending screen of a finished game drawn at ``size``: (app, scene)."""
    app = make_app(size=size)
    app.game = GameController(rules, session)
    scene = EndingScene()
    app.stack = [scene]
    scene.layout(app.ctx)
    app.draw()
    return app, scene


def _many_rolls(rules):
    """A finished game with a long ending text and several other rolls that mattered."""
    for seed in range(60):
        session = _ended(rules, "after_fourth_term", seed)
        mattered = [r for r in rolls(session.events(None), mattered_only=True) if not r.ended]
        if len(mattered) >= 5 and len(rules.ending[session.state.ending].text) > 200:
            return session, [roll_line(rules, r) for r in reversed(mattered)]
    pytest.skip("no such game in 60 seeds")


def test_the_list_shortens_to_what_fits(make_app, rules):
    app = make_app(size=(1024, 640))
    ctx, size = app.ctx, app.ctx.fs("font_small")
    lines = [f"2030 · Moscow: a roll that mattered, number {i}, with its odds and its result." for i in range(6)]
    width = ctx.px(380)
    lh = ctx.text.line_height(size)
    full = rolls_text(ctx, lines, width, 100 * lh)
    assert full.count("2030 ·") == 3 and S("ending_rolls_more", count=3) in full
    shorter = rolls_text(ctx, lines, width, ctx.text.wrapped_height(full, size, width) - 1)
    assert shorter.count("2030 ·") < 3 and S("ending_rolls_more", count=6 - shorter.count("2030 ·")) in shorter
    assert rolls_text(ctx, lines, width, lh) == S("ending_rolls_count", count=6)  # the count alone
    assert rolls_text(ctx, lines, width, lh // 2) is None
    assert rolls_text(ctx, lines[:2], width, 100 * lh).count("2030 ·") == 2  # no "more" when all are shown
    assert S("ending_rolls_more", count=0) not in rolls_text(ctx, lines[:2], width, 100 * lh)


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800), (2560, 1440)])
def test_the_ending_never_cuts_the_list_off(make_app, rules, size):
    session, lines = _many_rolls(rules)
    app, _ = show_ending(make_app, rules, session, size)
    drawn = app.text.drawn
    # the list ends with the count of the rest (or is the count alone): a list cut off
    # below its room loses exactly that last line
    assert any(t.endswith(S("ending_rolls_more", count=len(lines) - len([x for x in drawn if " · " in x[:9]])).strip()) for t in drawn) or S("ending_rolls_count", count=len(lines)) in drawn, drawn
    # Which objectives each side met come before the rolls (they explain the
    # result; every roll is in the debrief): from the default size up they are
    # named, and the rolls keep at least their count.
    if size[0] >= 1280:
        joined = " ".join(drawn)
        for side in rules.sides:
            assert ending_text(rules, session.state, side.id).split(":")[0] in joined
