"""The red-lines table: what crosses each line, what it costs and how far the game is from it,
read from the rules and the state (never written out by hand)."""

from __future__ import annotations

from dataclasses import replace

import pytest

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


def _far_state(rules):
    state = _state(rules)
    return replace(
        state,
        tracks={**state.tracks, "partnership": 6},
        power={**state.power, "moscow": 3},
        standing={**state.standing, "arctic": {"moscow": 4, "beijing": 2}},
        year=2022,
    )


def _track(**bounds):
    return C.TrackIs(type="track", track="partnership", **bounds)


def _fired(rules):
    return C.Fired(type="fired", card=rules.events[0].id)


# (condition, steps, the words the table shows) in a state with partnership 6, Moscow's power 3,
# Arctic standing Moscow 4 and Beijing 2, in 2022, with no card fired
HOW_FAR = [
    (lambda r: _track(max=5), 1, "Partnership is 6: 1 step away"),
    (lambda r: _track(max=4), 2, "Partnership is 6: 2 steps away"),
    (lambda r: _track(min=2), 0, "Partnership is 6: met now"),
    (lambda r: _track(min=8), 2, "Partnership is 6: 2 steps away"),
    (lambda r: C.StandingIs(type="standing", front="arctic", side="beijing", min=3), 1, "Beijing stands at 2 in Arctic: 1 step away"),
    (lambda r: C.StandingIs(type="standing", front="arctic", side="beijing", min=5), 3, "Beijing stands at 2 in Arctic: 3 steps away"),
    (lambda r: C.StandingIs(type="standing", front="arctic", side="moscow", max=4), 0, "Moscow stands at 4 in Arctic: met now"),
    (lambda r: C.PowerIs(type="power", side="moscow", min=4), 1, "Moscow has 3 power: 1 away"),
    (lambda r: C.PowerIs(type="power", side="moscow", max=3), 0, "Moscow has 3 power: met now"),
    (lambda r: C.Leads(type="leads", front="arctic", side="moscow", by=2), 0, "Moscow leads by 2 in Arctic: met now"),
    (lambda r: C.Leads(type="leads", front="arctic", side="moscow", by=3), 1, "Moscow leads by 2 in Arctic: 1 step away"),
    (lambda r: C.Leads(type="leads", front="arctic", side="beijing", by=2), 4, "Beijing leads by -2 in Arctic: 4 steps away"),
    (lambda r: C.YearIs(type="year", min=2022), 0, "this year"),
    (lambda r: C.YearIs(type="year", min=2023), 1, "1 year away"),
    (lambda r: C.YearIs(type="year", min=2025), 3, "3 years away"),
    (lambda r: C.NotOf(type="not", of=_track(max=5)), 0, "holds now"),
    (lambda r: C.NotOf(type="not", of=_track(min=5)), None, "does not hold now"),
    (lambda r: _fired(r), None, "has not happened yet"),
    (lambda r: C.AllOf(type="all", of=[_track(max=5), _fired(r)]), None, "Partnership is 6: 1 step away; and has not happened yet"),
    (lambda r: C.AllOf(type="all", of=[_track(max=5), _track(max=4)]), 3, "Partnership is 6: 1 step away; and Partnership is 6: 2 steps away"),
    (lambda r: C.AnyOf(type="any", of=[_track(max=4), _fired(r)]), 2, "Partnership is 6: 2 steps away; or has not happened yet"),
    (lambda r: C.AnyOf(type="any", of=[_fired(r)]), None, "has not happened yet"),
    (lambda r: C.FlagSet(type="flag", flag="zz_nothing"), None, "not now; it comes from no rule of this game"),
]


@pytest.mark.parametrize("make, steps, words", HOW_FAR, ids=[w for _, _, w in HOW_FAR])
def test_how_far_each_kind_of_condition_is_in_steps_and_words(rules, make, steps, words):
    assert how_far(rules, _far_state(rules), make(rules)) == (steps, words)


def test_a_card_that_fired_has_happened(rules):
    state = replace(_far_state(rules), fired=(rules.events[0].id,))
    assert how_far(rules, state, _fired(rules)) == (0, "has happened")


def test_a_lines_cost_names_its_card_and_the_choice_in_words(rules):
    """costs() in full words for a line that moves a track and sets off a card with a dilemma."""
    from eurasia_game.engine.describe import describe_condition, describe_effects, side_word
    from eurasia_game.model import effects as E

    card = next(e for e in rules.events if e.dilemma is not None and e.effects)
    track = rules.tracks[0]
    effects = [E.SetFlag(type="flag", flag="zz_mark"), E.ShiftTrack(type="track", track=track.id, delta=-1), E.TriggerCard(type="trigger", card=card.id)]
    who = side_word(rules, card.dilemma.side, None)
    plain = describe_effects(rules, card.effects, card.dilemma.side)
    labels = [o.label for o in card.dilemma.options]
    moved = describe_effects(rules, [effects[1]])
    assert moved and plain
    assert costs(rules, effects) == f"{moved}; '{card.title}': {plain}; then {who} chooses: {' or '.join(labels)}"
    assert costs(rules, []) == "nothing"
    for line, row in zip(rules.red_lines, rows(rules, _state(rules))):
        assert (row.crosses, row.costs) == (describe_condition(rules, line.condition), costs(rules, line.effects))


def test_an_order_aimed_at_a_front_is_named_with_the_front_and_the_power_still_missing(rules):
    action = max(rules.actions, key=lambda a: a.cost)
    front = rules.fronts[0]
    side = action.sides[0]
    cond = C.Ordered(type="ordered", side=side, action=action.id, front=front.id)
    short = replace(_state(rules), power={**_state(rules).power, side: 1})
    need = action.cost - 1
    assert need > 0
    assert how_far(rules, short, cond) == (need, f"{rules.side[side].name} needs {need} more power for '{action.name}' in {front.name} (cost {action.cost})")
    rich = replace(short, power={**short.power, side: action.cost})
    assert how_far(rules, rich, cond) == (1, f"one order away: {rules.side[side].name} can afford '{action.name}' in {front.name} this year (cost {action.cost}, power {action.cost})")


# --- exact words of the odds, a card's plain effects and each choice ---------------------------


def _rules_with(rules, **changes):
    from eurasia_game.model.ruleset import RuleSet

    data = {name: getattr(rules, name) for name in RuleSet.model_fields}
    data.update(changes)
    return RuleSet(**data)


def _with_card(rules, card):
    return _rules_with(rules, events=tuple(card if e.id == card.id else e for e in rules.events))


def test_a_mark_set_on_a_roll_names_the_card_and_the_odds_of_each_branch(rules):
    """70% on success and 30% otherwise: odds a percent off (a 101 for a 100) round differently."""
    from pydantic import TypeAdapter

    from eurasia_game.model.effects import Effect

    roll = TypeAdapter(Effect).validate_python(
        {"type": "chance", "percent": 70, "then": [{"type": "flag", "flag": "zz_then"}], "else": [{"type": "flag", "flag": "zz_else"}]}
    )
    card = rules.events[0].model_copy(update={"effects": [roll], "condition": None, "repeatable": False})
    mod = _with_card(rules, card)
    state = replace(_far_state(mod), deck=(card.id,))
    where = f"the card '{card.title}', a card that can be drawn now"
    then = how_far(mod, state, C.FlagSet(type="flag", flag="zz_then"))
    otherwise = how_far(mod, state, C.FlagSet(type="flag", flag="zz_else"))
    assert then == (None, f"not now; it comes from {where} (on a roll, 70%)")
    assert otherwise == (None, f"not now; it comes from {where} (on a roll, 30%)")


def test_a_mark_of_an_order_carried_out_for_the_other_side_names_that_side(rules):
    """An order condition read for 'other': the side is resolved from the rules, not only the context."""
    action = min(rules.actions, key=lambda a: a.cost)
    side = action.sides[0]
    other = next(s for s in rules.side_ids if s != side)
    target = action.targets[0] if isinstance(action.targets, (list, tuple)) and action.targets else None
    done = replace(_far_state(rules), orders_done=(Order(side, action.id, target),))
    cond = C.Ordered(type="ordered", side="other", action=action.id)
    from eurasia_game.engine.work import Context

    assert how_far(rules, done, cond, Context(side=other)) == (0, f"{rules.side[side].name} has carried out '{action.name}' this year")


def test_a_cards_plain_effects_name_the_side_that_chooses_and_each_option_in_full(rules):
    from pydantic import TypeAdapter

    from eurasia_game.engine.describe import describe_effects, side_word
    from eurasia_game.model import effects as E
    from eurasia_game.model.effects import Effect

    base = next(e for e in rules.events if e.dilemma is not None and len(e.dilemma.options) >= 2)
    gain = TypeAdapter(Effect).validate_python({"type": "power", "side": "self", "delta": 2})
    card = base.model_copy(update={"effects": [gain]})
    mod = _with_card(rules, card)
    chooser = mod.side[card.dilemma.side].name
    plain = describe_effects(mod, card.effects, card.dilemma.side)
    assert chooser in plain, "the card's own effects are said of the side that chooses"
    who = side_word(mod, card.dilemma.side, None)
    options = [f"{o.label} ({describe_effects(mod, o.effects, card.dilemma.side) or 'nothing'})" for o in card.dilemma.options]
    trigger = [E.TriggerCard(type="trigger", card=card.id)]
    assert costs(mod, trigger, full=True) == f"'{card.title}': {plain}; then {who} chooses: {'; or '.join(options)}"
    assert costs(mod, trigger) == f"'{card.title}': {plain}; then {who} chooses: {' or '.join(o.label for o in card.dilemma.options)}"


def test_a_standing_and_power_read_for_the_other_side_name_that_side(rules):
    from eurasia_game.engine.work import Context

    cond = C.StandingIs(type="standing", front="arctic", side="other", min=3)
    assert how_far(rules, _far_state(rules), cond, Context(side="moscow")) == (1, "Beijing stands at 2 in Arctic: 1 step away")
    assert how_far(rules, _far_state(rules), cond, Context(side="beijing")) == (0, "Moscow stands at 4 in Arctic: met now")
    power = C.PowerIs(type="power", side="other", min=4)
    assert how_far(rules, _far_state(rules), power, Context(side="beijing")) == (1, "Moscow has 3 power: 1 away")
