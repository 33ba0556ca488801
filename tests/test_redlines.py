"""The red-lines table: what crosses each line, what it costs and how far the game is from it,
read from the rules and the state (never written out by hand)."""

from __future__ import annotations

from dataclasses import replace

from eurasia_game.engine import new_game
from eurasia_game.engine.redlines import costs, how_far, rows
from eurasia_game.engine.state import Order
from eurasia_game.model import conditions as C


def _state(rules):
    return new_game(rules, None, seed=3)


def test_one_row_per_line_with_its_words(rules):
    table = rows(rules, _state(rules))
    assert [r.id for r in table] == [line.id for line in rules.red_lines]
    for row in table:
        assert row.crosses and row.costs and row.distance
        assert "Pressure to back down" in row.costs and "Moscow chooses" in row.costs
        assert "Partnership -2" in row.detail  # the full cost gives each choice's effects
        assert row.times == 0 and not row.spent


def test_the_distance_follows_the_state(rules):
    state = _state(rules)
    arctic = {r.id: r for r in rows(rules, replace(state, power={**state.power, "moscow": 8}))}["arctic_stability"]
    assert arctic.steps == 1 and "one order away" in arctic.distance and "power 8" in arctic.distance
    poor = {r.id: r for r in rows(rules, replace(state, power={**state.power, "moscow": 0}))}["arctic_stability"]
    assert poor.steps == 2 and "needs 2 more power" in poor.distance
    done = replace(state, orders_done=(Order("moscow", "brinkmanship", "arctic"),))
    assert {r.id: r for r in rows(rules, done)}["arctic_stability"].steps == 0
    gamble = {r.id: r for r in rows(rules, state)}["stability_first"]
    assert gamble.steps is None and "Gamble on brinkmanship" in gamble.distance and "50%" in gamble.distance
    marked = {r.id: r for r in rows(rules, replace(state, flags=state.flags | {"brinkmanship_backfired"}))}["stability_first"]
    assert marked.steps == 0 and "set now" in marked.distance
    vote = {r.id: r for r in rows(rules, state)}["no_redrawn_borders"]
    assert "Hold the vote" in vote.distance
    steady = replace(state, tracks={**state.tracks, "regime": 9})
    assert "drawn only when Regime stability is 6 or less" in {r.id: r for r in rows(rules, steady)}["no_redrawn_borders"].distance
    shaky = replace(state, tracks={**state.tracks, "regime": 4})
    assert "can be drawn now" in {r.id: r for r in rows(rules, shaky)}["no_redrawn_borders"].distance
    gone = replace(shaky, deck=tuple(c for c in shaky.deck if c != "referendum_push"))
    assert "already played" in {r.id: r for r in rows(rules, gone)}["no_redrawn_borders"].distance


def test_crossings_are_counted_and_a_once_line_is_spent(rules):
    state = replace(_state(rules), crossed=("stability_first", "stability_first"))
    row = {r.id: r for r in rows(rules, state)}["stability_first"]
    assert row.times == 2 and not row.spent  # the base game's lines can be crossed again
    line = next(line for line in rules.red_lines if line.id == "stability_first")
    once = rules.model_copy(update={"red_lines": (line.model_copy(update={"once": True}),)})
    spent = rows(once, state)[0]
    assert spent.spent and spent.steps is None and "only once" in spent.distance


def test_numeric_conditions_count_steps(rules):
    state = replace(_state(rules), tracks={**_state(rules).tracks, "partnership": 6})
    steps, words = how_far(rules, state, C.TrackIs(type="track", track="partnership", max=3))
    assert steps == 3 and "3 steps away" in words
    steps, _ = how_far(rules, state, C.TrackIs(type="track", track="partnership", min=2))
    assert steps == 0
    both = C.AllOf(type="all", of=[C.TrackIs(type="track", track="partnership", max=5), C.TrackIs(type="track", track="partnership", max=4)])
    assert how_far(rules, state, both)[0] == 3
    either = C.AnyOf(type="any", of=[C.TrackIs(type="track", track="partnership", max=5), C.TrackIs(type="track", track="partnership", max=4)])
    assert how_far(rules, state, either)[0] == 1


def test_flag_bookkeeping_is_not_a_cost(rules):
    line = rules.red_lines[0]
    assert "marks" not in costs(rules, line.effects) and "clears" not in costs(rules, line.effects)
