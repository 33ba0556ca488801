"""The reveal's sequencing: what it shows is what the engine resolved, step by step, paced by the setting."""

from __future__ import annotations

import pytest

from eurasia_game.engine.state import Action
from eurasia_game.session.policies import make_policy
from eurasia_game.session.session import GameSession
from eurasia_game.ui.reveal_sequence import STEP_SECONDS, Timeline, build_reveal, latest_reveal


def _first_year(rules, seed: int = 7) -> GameSession:
    """A game played by the easy computer for both sides until the first year's orders are revealed."""
    session = GameSession.new(rules, "full_decade", seed, {})
    policies = {s: make_policy("easy", seed, s) for s in rules.side_ids}
    while not any(e.kind == "reveal" for e in session.steps[-1].result.events):
        side = session.state.to_act
        session.act(policies[side].choose(rules, session.view(side), session.legal(side)))
    return session


@pytest.fixture(scope="module")
def played(rules):
    return _first_year(rules)


def test_the_orders_come_in_each_sides_column_in_the_plans_order(rules, played):
    reveal = latest_reveal(played)
    assert reveal is not None and reveal.year == 2019
    committed = played.steps[-2].result.state  # the state before the last commit: both plans are in it
    for side in rules.side_ids:
        shown = [(reveal.steps[i].action, reveal.steps[i].target) for i in reveal.orders[side]]
        planned = [(o.action, o.target) for o in committed.plans[side]]
        assert shown == planned, side
        assert all(reveal.steps[i].side == side for i in reveal.orders[side])
    # carried out in turn: first of each side, then second of each...
    firsts = [reveal.steps[reveal.orders[s][0]] for s in rules.game.side_order]
    assert [s.side for s in firsts] == list(rules.game.side_order)
    assert reveal.orders[rules.game.side_order[0]][0] < reveal.orders[rules.game.side_order[1]][0]


def test_the_values_step_by_step_end_where_the_engine_ended_the_year(rules, played):
    reveal = latest_reveal(played)
    before = played.steps[-2].result.state
    start = reveal.values_after(0)
    for track in rules.track_ids:
        assert start[track] == before.tracks[track]
    snapshot = played.state.snapshots[-1]  # the position at the end of the revealed year
    end = reveal.end
    for track in rules.track_ids:
        assert end[track] == snapshot.tracks[track], track
    for front, row in snapshot.standing.items():
        for side, value in row.items():
            assert end[f"{front}/{side}"] == value, (front, side)
    # each change starts where the one before it left the value
    values = dict(start)
    for step in reveal.steps:
        for change in step.changes:
            assert change.before == values[change.key] and change.after == change.before + change.delta
            values[change.key] = change.after
    assert any(step.changes for step in reveal.steps), "the year moved something"


def test_the_reveal_stops_at_the_next_year_and_reads_only_the_log(rules, played):
    step = played.steps[-1]
    reveal = build_reveal(played.steps[-2].result.state, step.result.events, rules.side_ids)
    kinds = [s.kind for s in reveal.steps]
    assert "year" not in kinds and "reveal" not in kinds
    assert kinds.count("order") == sum(len(v) for v in reveal.orders.values())
    assert build_reveal(played.steps[-2].result.state, (), rules.side_ids) is None
    # a step without a reveal (a plan) gives none
    fresh = GameSession.new(rules, "full_decade", 7, {})
    assert latest_reveal(fresh) is None


def test_the_timeline_paces_steps_by_the_animation_setting():
    timeline = Timeline(4, STEP_SECONDS["normal"])
    assert not timeline.finished and timeline.index == 0 and timeline.fraction == 0
    timeline.advance(STEP_SECONDS["normal"] * 1.3)
    assert timeline.index == 1 and 0 < timeline.fraction < 1
    timeline.advance(STEP_SECONDS["normal"] * 10)
    assert timeline.finished and timeline.index == 4 and timeline.fraction == 1
    slow, fast = Timeline(4, STEP_SECONDS["slow"]), Timeline(4, STEP_SECONDS["fast"])
    slow.advance(1.0), fast.advance(1.0)
    assert slow.index < fast.index
    skipped = Timeline(4, STEP_SECONDS["slow"])
    skipped.skip()
    assert skipped.finished and skipped.index == 4


def test_animation_off_shows_everything_at_once(rules, played):
    reveal = latest_reveal(played)
    timeline = Timeline(len(reveal.steps), STEP_SECONDS["off"])
    assert timeline.finished and timeline.index == len(reveal.steps)
    for key, value in reveal.end.items():
        assert timeline.value(reveal, key) == value


def test_values_slide_between_before_and_after_the_playing_step(rules, played):
    reveal = latest_reveal(played)
    index = next(i for i, s in enumerate(reveal.steps) if s.changes)
    change = reveal.steps[index].changes[0]
    timeline = Timeline(len(reveal.steps), 1.0)
    timeline.advance(index + 0.3)  # 30% into the step: half of its move (the move takes 60%)
    shown = timeline.value(reveal, change.key)
    assert min(change.before, change.after) < shown < max(change.before, change.after)


def test_the_reveal_does_not_change_the_game(rules):
    a, b = _first_year(rules, 11), _first_year(rules, 11)
    latest_reveal(a)
    assert a.state == b.state and a.record() == b.record()
