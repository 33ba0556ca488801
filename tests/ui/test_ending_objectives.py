"""The ending says, beside each side's result, how it did on its own objectives.

The final endings are won on the objectives' margins, so a result without
them ('Moscow draws') leaves a class asking why.  The score sits on the
result's line at every size, the full list is on hover, and from the default
size up the objectives met are named under the results.
"""

from __future__ import annotations

import pytest

from eurasia_game.engine.objectives import standing
from eurasia_game.session.policies import make_policy
from eurasia_game.session.session import GameSession
from eurasia_game.ui.screens.objectives_view import detail_text, ending_score, ending_text
from tests.ui.test_ending_rolls import show_ending


def _finished_on_objectives(rules):
    """A normal-vs-normal game that ran to a final ending."""
    for seed in range(40):
        session = GameSession.new(rules, "two_camps_risk", seed, {s: "normal" for s in rules.side_ids})
        policies = {s: make_policy("normal", seed, s) for s in rules.side_ids}
        while not session.state.over:
            side = session.state.to_act
            session.act(policies[side].choose(rules, session.view(side), session.legal(side)))
        if rules.ending[session.state.ending].check != "sudden":
            return session
    pytest.fail("no game of 40 reached a final ending")


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800), (2560, 1440)])
def test_the_ending_gives_each_sides_objectives_beside_its_result(make_app, rules, size):
    session = _finished_on_objectives(rules)
    app, scene = show_ending(make_app, rules, session, size)
    drawn = app.text.drawn
    for side in rules.sides:
        st = standing(rules, session.state, side.id)
        score = ending_score(rules, session.state, side.id)
        assert score == f"objectives met: {st.score}, {st.needed} needed"
        assert score in drawn, (side.id, size)
        # hovering the result gives the whole list, each objective marked met or not
        detail = detail_text(rules, session.state, side.id)
        assert any(text == detail for _, text in scene.hotspots), (side.id, size)
        assert detail.count("[met]") == sum(ok for _, ok in st.met)
    if size[0] >= 1280:
        # and there is room to name what each side met
        joined = " ".join(drawn)
        for side in rules.sides:
            text = ending_text(rules, session.state, side.id)
            assert text.split(":")[0] in joined and text.rstrip(".").split(", ")[-1] in joined, (side.id, size)
