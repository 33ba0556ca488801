"""Property tests (hypothesis) over random games: undo and secrecy.

* Undo: every step the session lets a side undo restores exactly the state
  before it, and undo is never offered for a step that drew a random number,
  fired a card or revealed orders.
* Views: a side's view is the same whatever the other side has planned, and
  the public view is the same whatever either side has planned; nor does any
  view or visible log line hold another side's planned order.
"""

from __future__ import annotations

import random
from dataclasses import fields, replace

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from eurasia_game.engine import Order, view
from eurasia_game.engine.views import GameView
from eurasia_game.session.session import GameSession

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REVEALING_KINDS = {"card", "reveal", "order", "chance", "red_line", "ending"}
MAX_STEPS = 3_000


def random_session(rules, scenario, seed, choice_seed):
    """Yield (session, previous state, action, result) for each step of a random game."""
    session = GameSession.new(rules, scenario, seed)
    chooser = random.Random(choice_seed)
    for _ in range(MAX_STEPS):
        if session.over:
            return
        legal = session.legal()
        action = legal[chooser.randrange(len(legal))]
        before = session.state
        result = session.act(action)
        yield session, before, action, result


@SETTINGS
@given(data=st.data(), seed=st.integers(0, 2**40), choice_seed=st.integers(0, 2**32))
def test_undo_restores_the_previous_state_and_never_undoes_chance(rules, data, seed, choice_seed):
    scenario = data.draw(st.sampled_from([s.id for s in rules.scenarios]), label="scenario")
    undone = 0
    for session, before, action, result in random_session(rules, scenario, seed, choice_seed):
        new = result.state
        if result.undoable:
            assert new.rng == before.rng, f"{action} drew a random number but is undoable"
            assert new.fired == before.fired and new.orders_done == before.orders_done and new.year == before.year
            assert not {e.kind for e in result.events} & REVEALING_KINDS, f"{action} revealed something but is undoable"
            assert all(e.secret_for in (None, action.side) for e in result.events)
            assert new.to_act == before.to_act, "undo is only for a step that kept the turn"
        assert session.can_undo() == result.undoable
        if session.can_undo():
            other = next(s for s in rules.side_ids if s != action.side)
            assert session.can_undo(action.side) and not session.can_undo(other), "only the side that acted may undo"
            assert session.undo() == action
            assert session.state == before, "undo restores the exact previous state"
            redo = session.act(action)
            assert redo.state == new and redo.events == result.events, "doing it again gives the same result"
            undone += 1
    assert session.over
    event(f"undone steps > 0: {undone > 0}")


def _orders_in(value, found):
    if isinstance(value, Order):
        found.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _orders_in(item, found)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _orders_in(item, found)
    return found


def check_secrecy(rules, session, state):
    a, b = rules.side_ids
    for viewer in (a, b, None):
        seen = view(rules, state, viewer)
        for f in fields(GameView):
            if f.name == "orders_done":  # revealed orders are public by then
                continue
            for order in _orders_in(getattr(seen, f.name), []):
                assert viewer is not None and order.side == viewer, f"the view of {viewer} shows {order} in {f.name}"
        # The view does not change when the hidden plans do.
        hidden = {s: (() if s != viewer else p) for s, p in state.plans.items()}
        assert view(rules, replace(state, plans=hidden), viewer) == seen, f"the view of {viewer} depends on hidden plans"
        for event in session.events(viewer):
            assert event.secret_for in (None, viewer), f"{viewer} sees a secret of {event.secret_for}"
    assert view(rules, state, None).own_plan == ()
    for side in (a, b):
        assert view(rules, state, side).own_plan == state.plans[side]


@SETTINGS
@given(data=st.data(), seed=st.integers(0, 2**40), choice_seed=st.integers(0, 2**32))
def test_no_view_shows_another_sides_plans(rules, data, seed, choice_seed):
    scenario = data.draw(st.sampled_from([s.id for s in rules.scenarios]), label="scenario")
    planned = 0
    for session, _before, _action, result in random_session(rules, scenario, seed, choice_seed):
        check_secrecy(rules, session, result.state)
        planned += any(result.state.plans.values())
    assert session.over
    event(f"states with plans > 0: {planned > 0}")
