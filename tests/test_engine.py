"""The engine's flow and moves: starting a game, planning, resolving, illegal moves.

Ids are taken from the loaded rules (side order, action lists, fronts) so the
tests hold for any content that keeps the base game's shape; where a test
needs a particular kind of content (a targeted action, an action with a
requirement) it looks one up and fails if the rules have none, so no test
passes without reaching its check.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from eurasia_game.engine import Action, IllegalAction, Order, apply_action, legal_actions, new_game, outcome, start_game, view, why_illegal
from eurasia_game.engine.flow import interleaved_orders
from eurasia_game.engine.moves import candidate_actions, planned_text, targets_of, times_text
from eurasia_game.engine.views import visible


def planning_state(rules, scenario=None):
    """A state in the first year's plan phase with no dilemma waiting.

    Dilemmas drawn at the start are answered with their first legal option.
    """
    for seed in range(200):
        state = new_game(rules, scenario, seed)
        while state.dilemma is not None and not state.over:
            state = apply_action(rules, state, legal_actions(rules, state)[0]).state
        if not state.over and state.year == rules.scenario[state.scenario].start_year:
            return state
    pytest.fail("no seed reaches the first plan phase")


def first(rules):
    return rules.game.side_order[0]


def second(rules):
    return rules.game.side_order[1]


def targeted(rules, side, shared=True):
    """An action of ``side`` aimed at any front (shared: both sides have it)."""
    for action in rules.actions:
        if action.targets == "all" and side in action.sides and (not shared or len(action.sides) == 2):
            return action
    pytest.fail("no action aimed at any front")


def untargeted(rules, side):
    for action in rules.actions:
        if action.targets == "none" and side in action.sides:
            return action
    pytest.fail("no untargeted action")


def with_power(state, **power):
    return replace(state, power={**state.power, **power})


# --- starting -------------------------------------------------------------------

def test_new_game_starts_in_the_first_year_with_the_first_side_to_plan(rules):
    scenario = rules.scenario[rules.game.default_scenario]
    state = planning_state(rules)
    assert state.scenario == scenario.id and state.year == scenario.start_year
    assert rules.phases[state.phase].kind == "plan"
    assert state.to_act == first(rules)
    assert state.plans == {s: () for s in rules.side_ids}
    assert not state.over and state.ending is None


def quiet_rules(rules):
    """The rules with no events and no yearly trends, so a new game shows its setup plainly."""
    from eurasia_game.model.ruleset import RuleSet

    data = {name: getattr(rules, name) for name in RuleSet.model_fields}
    data["yearly"] = ()
    data["scenarios"] = tuple(s.model_copy(update={"events_per_year": 0, "opening_cards": []}) for s in rules.scenarios)
    return RuleSet(**data)


def test_scenario_setup_overrides_the_defaults(rules):
    quiet = quiet_rules(rules)
    for scenario in quiet.scenarios:
        state = new_game(quiet, scenario.id, 0)
        assert rules.phases[state.phase].kind == "plan" and state.dilemma is None
        setup = scenario.setup
        for track in rules.tracks:
            assert state.tracks[track.id] == setup.tracks.get(track.id, track.start), f"{scenario.id}: {track.id}"
        for side in rules.sides:
            income = setup.income.get(side.id, side.income)
            assert state.income[side.id] == income, f"{scenario.id}: {side.id} income"
            assert state.power[side.id] == setup.power.get(side.id, side.power) + income, f"{scenario.id}: {side.id} gained its income"
        for front in rules.fronts:
            for side in rules.side_ids:
                assert state.standing[front.id][side] == setup.standing.get(front.id, {}).get(side, front.start[side])
        assert state.flags == frozenset(setup.flags)


def test_start_values_come_from_the_rules_and_the_scenario(rules):
    from eurasia_game.engine.work import Work
    from eurasia_game.engine.flow import deck_for

    for scenario in rules.scenarios:
        state = new_game(rules, scenario.id, 1)
        assert len(state.deck) <= len(deck_for(rules, scenario))
        for card in state.deck:
            event = rules.event[card]
            assert event.in_deck or card in scenario.extra_cards
            if scenario.deck_tags is not None and card not in scenario.extra_cards:
                assert set(event.tags) & set(scenario.deck_tags), f"{card} is not in the deck of {scenario.id}"
        assert Work(rules, state).freeze() == state, "copying a state into a Work and back changes nothing"


def test_unknown_scenario_is_refused_with_the_known_ones(rules):
    with pytest.raises(KeyError) as info:
        new_game(rules, "no_such_scenario", 1)
    assert "no_such_scenario" in str(info.value) and rules.scenarios[0].id in str(info.value)


def test_same_seed_same_start_and_different_seeds_differ(rules):
    assert new_game(rules, None, 42) == new_game(rules, None, 42)
    starts = {new_game(rules, None, seed).rng for seed in range(20)}
    assert len(starts) == 20
    decks = {(new_game(rules, None, seed).fired, new_game(rules, None, seed).queue) for seed in range(40)}
    assert len(decks) > 1, "different seeds draw different cards"


# --- planning -------------------------------------------------------------------

def test_planning_is_secret_pure_and_undoable(rules):
    state = planning_state(rules)
    side = first(rules)
    action = targeted(rules, side)
    state = with_power(state, **{side: action.cost + 10})
    move = Action("plan", side, action=action.id, target=rules.front_ids[0])
    result = apply_action(rules, state, move)
    new = result.state
    assert result.undoable
    assert new.plans[side] == (Order(side, action.id, rules.front_ids[0]),)
    assert new.power == state.power, "power is only paid when the order is carried out"
    assert new.rng == state.rng and new.to_act == side
    assert [e.secret_for for e in result.events] == [side], "the planned order is logged for its side only"
    assert not visible(result.events[0], second(rules)) and not visible(result.events[0], None)
    assert visible(result.events[0], side)


def test_commit_passes_the_turn_and_the_last_commit_resolves(rules):
    state = planning_state(rules)
    a, b = first(rules), second(rules)
    result = apply_action(rules, state, Action("commit", a))
    assert result.state.to_act == b and a in result.state.committed
    assert not result.undoable, "handing over to the other side cannot be undone"
    result = apply_action(rules, result.state, Action("commit", b))
    assert not result.undoable
    kinds = [e.kind for e in result.events]
    assert "reveal" in kinds, "the orders were revealed"
    assert result.state.year == state.year + 1 or result.state.over
    assert result.state.snapshots and result.state.snapshots[-1].year == state.year


def test_orders_interleave_in_side_order(rules):
    a, b = first(rules), second(rules)
    plans = {a: (Order(a, "x1"), Order(a, "x2"), Order(a, "x3")), b: (Order(b, "y1"),)}
    assert [o.action for o in interleaved_orders(rules, plans)] == ["x1", "y1", "x2", "x3"]
    plans = {a: (), b: (Order(b, "y1"), Order(b, "y2"))}
    assert [o.action for o in interleaved_orders(rules, plans)] == ["y1", "y2"]


def test_resolution_carries_out_orders_and_pays_their_cost(rules):
    state = planning_state(rules)
    a, b = first(rules), second(rules)
    action = untargeted(rules, a)
    state = with_power(state, **{a: action.cost + 3})
    state = apply_action(rules, state, Action("plan", a, action=action.id)).state
    state = apply_action(rules, state, Action("commit", a)).state
    result = apply_action(rules, state, Action("commit", b))
    orders = [e for e in result.events if e.kind == "order"]
    assert orders and orders[0].side == a and orders[0].data == (action.id, "")
    assert orders[0].secret_for is None, "a revealed order is public"


def test_an_order_that_can_no_longer_be_paid_is_skipped(rules):
    state = planning_state(rules)
    a, b = first(rules), second(rules)
    action = next((x for x in rules.actions if x.cost > 0 and a in x.sides and x.targets == "none" and x.requires is None), None)
    assert action is not None, "the rules have no paid untargeted action without a requirement"
    state = with_power(state, **{a: action.cost})
    state = apply_action(rules, state, Action("plan", a, action=action.id)).state
    state = apply_action(rules, state, Action("commit", a)).state
    broke = replace(state, power={**state.power, a: 0})  # as if an earlier effect took the power
    result = apply_action(rules, broke, Action("commit", b))
    refused = [e for e in result.events if e.kind == "order" and e.side == a]
    assert refused and refused[0].text == rules.text("illegal_cost", cost=action.cost, power=0)
    assert not refused[0].data, "a skipped order is not counted as carried out"


def test_fronts_pay_out_when_their_rules_hold(rules):
    """Each front's standing is set (from a grid of values) so that one of its logged rules holds."""
    from eurasia_game.engine.work import Context, holds

    state = planning_state(rules)
    a, b = first(rules), second(rules)
    grid = [(x, y) for x in range(11) for y in range(11)]
    expected = []
    standing = dict(state.standing)
    for front in rules.fronts:
        for x, y in grid:
            tried = replace(state, standing={**standing, front.id: {a: x, b: y}})
            rule = next((r for r in front.resolution if holds(rules, tried, r.condition, Context(target=front.id))), None)
            if rule is not None and rule.log:
                standing[front.id] = {a: x, b: y}
                expected.append(rule.log)
                break
    assert len(expected) >= len(rules.fronts) - 1, f"only {expected} could be made to pay out"
    state = apply_action(rules, replace(state, standing=standing), Action("commit", a)).state
    result = apply_action(rules, state, Action("commit", b))
    texts = [e.text for e in result.events if e.kind == "front"]
    for line in expected:
        assert line in texts, f"{line!r} was not paid out"


# --- illegal moves --------------------------------------------------------------

def test_every_illegal_move_says_why_with_the_rules_text(rules):
    state = planning_state(rules)
    a, b = first(rules), second(rules)
    text = rules.text
    name = {s: rules.side[s].name for s in rules.side_ids}

    assert why_illegal(rules, state, Action("commit", b)) == text("illegal_not_your_turn", side=name[b], turn=name[a])
    assert why_illegal(rules, state, Action("choose", a, option="x")) == text("illegal_wrong_phase", phase=rules.phases[state.phase].name)
    assert why_illegal(rules, state, Action("plan", a, action="no_such_action")) == text("illegal_unknown_action", action="no_such_action")

    only_b = next((x for x in rules.actions if x.sides == [b]), None)
    if only_b is not None:
        target = None if only_b.targets == "none" else (rules.front_ids[0] if only_b.targets == "all" else only_b.targets[0])
        assert why_illegal(rules, state, Action("plan", a, action=only_b.id, target=target)) == text("illegal_not_your_action", side=name[a], action=only_b.name)

    aimed = targeted(rules, a)
    assert why_illegal(rules, state, Action("plan", a, action=aimed.id)) == text("illegal_needs_target", action=aimed.name)
    plain = untargeted(rules, a)
    front = rules.fronts[0]
    assert why_illegal(rules, state, Action("plan", a, action=plain.id, target=front.id)) == text("illegal_target", action=plain.name, front=front.name)
    assert why_illegal(rules, state, Action("plan", a, action=aimed.id, target="atlantis")) == text("illegal_target", action=aimed.name, front="atlantis")
    listed = next((x for x in rules.actions if isinstance(x.targets, list) and a in x.sides and set(rules.front_ids) - set(x.targets)), None)
    if listed is not None:
        wrong = next(f for f in rules.front_ids if f not in listed.targets)
        assert why_illegal(rules, state, Action("plan", a, action=listed.id, target=wrong)) == text("illegal_target", action=listed.name, front=rules.front[wrong].name)

    poor = with_power(state, **{a: aimed.cost - 1}) if aimed.cost > 0 else None
    if poor is not None:
        assert why_illegal(rules, poor, Action("plan", a, action=aimed.id, target=rules.front_ids[0])) == text("illegal_cost", cost=aimed.cost, power=aimed.cost - 1)

    rich = with_power(state, **{a: 100})
    move = Action("plan", a, action=aimed.id, target=rules.front_ids[0])
    once = apply_action(rules, rich, move).state
    if aimed.per_year == 1:
        where = text("on_front", front=rules.fronts[0].name) if len(targets_of(rules, aimed)) > 1 else ""
        assert why_illegal(rules, once, move) == text("illegal_per_year", action=aimed.name, limit=1, times=text("times_once"), where=where)
    limit = rules.side[a].orders_per_year
    full = rich
    for front in rules.front_ids[:limit]:
        full = apply_action(rules, full, Action("plan", a, action=aimed.id, target=front)).state
    if len(rules.front_ids) > limit:
        assert why_illegal(rules, full, Action("plan", a, action=aimed.id, target=rules.front_ids[limit])) == text("illegal_orders", limit=limit)
    assert why_illegal(rules, full, Action("commit", a)) is None, "a side may always finish planning"


def test_a_failed_requirement_gives_its_own_reason(rules):
    """Each action's requirement is tried on start states and on the same states with every
    standing at 0 and at 10, so both a state that fails it and one that meets it are found."""
    from eurasia_game.engine.work import Context, holds

    needing = [x for x in rules.actions if x.requires is not None]
    assert needing, "the rules have no action with a requirement"
    for action in needing:
        side = action.sides[0]
        target = None if action.targets == "none" else (rules.front_ids[0] if action.targets == "all" else action.targets[0])
        move = Action("plan", side, action=action.id, target=target)
        failed = met = 0
        for seed in range(20):
            start = new_game(rules, None, seed)
            while start.dilemma is not None and not start.over:
                start = apply_action(rules, start, legal_actions(rules, start)[0]).state
            if start.over or rules.phases[start.phase].kind != "plan":
                continue
            start = replace(start, to_act=side, power={**start.power, side: 100})
            for level in (None, 0, 10):
                state = start if level is None else replace(start, standing={f: {s: level for s in v} for f, v in start.standing.items()})
                if holds(rules, state, action.requires, Context(side=side, target=target)):
                    met += 1
                    assert why_illegal(rules, state, move) != rules.text("illegal_requires", reason=action.requires_text)
                else:
                    failed += 1
                    assert why_illegal(rules, state, move) == rules.text("illegal_requires", reason=action.requires_text)
        assert failed and met, f"{action.id}: no tried state {'fails' if not failed else 'meets'} its requirement"


def test_apply_action_refuses_illegal_moves_with_the_reason(rules):
    state = planning_state(rules)
    b = second(rules)
    with pytest.raises(IllegalAction) as info:
        apply_action(rules, state, Action("commit", b))
    assert str(info.value) == why_illegal(rules, state, Action("commit", b))


def test_nothing_is_legal_once_the_game_is_over(rules):
    state = replace(planning_state(rules), ending=rules.endings[0].id, to_act=None)
    assert legal_actions(rules, state) == [] and candidate_actions(rules, state, first(rules)) == []
    assert why_illegal(rules, state, Action("commit", first(rules))) == rules.text("illegal_game_over")


def test_legal_actions_are_the_candidates_without_a_reason(rules):
    state = planning_state(rules)
    side = state.to_act
    legal = legal_actions(rules, state)
    candidates = candidate_actions(rules, state, side)
    assert legal == [c for c in candidates if why_illegal(rules, state, c) is None]
    assert Action("commit", side) in legal
    assert legal_actions(rules, state, second(rules)) == [], "only the side to act has legal actions"


# --- dilemmas -------------------------------------------------------------------

def dilemma_state(rules):
    for scenario in rules.scenarios:
        for seed in range(300):
            state = new_game(rules, scenario.id, seed)
            if state.dilemma is not None:
                return state
    pytest.fail("no seed opens a dilemma at the start")


def test_a_dilemma_waits_for_its_side_and_offers_its_options(rules):
    state = dilemma_state(rules)
    card = rules.event[state.dilemma]
    assert state.to_act == card.dilemma.side
    legal = legal_actions(rules, state)
    assert {a.kind for a in legal} == {"choose"}
    assert {a.option for a in legal} <= {o.id for o in card.dilemma.options}
    assert why_illegal(rules, state, Action("commit", state.to_act)) == rules.text("illegal_wrong_phase", phase=card.title)
    assert why_illegal(rules, state, Action("choose", state.to_act, option="nope")) == rules.text("illegal_option", option="nope")
    option = legal[0]
    result = apply_action(rules, state, option)
    assert result.state.dilemma != state.dilemma or result.state.fired.count(state.dilemma) > state.fired.count(state.dilemma)
    chose = [e for e in result.events if e.kind == "chose"]
    assert chose and chose[0].data == (option.option,) and chose[0].secret_for is None


def test_a_costly_option_needs_the_power(rules):
    state = dilemma_state(rules)
    card = rules.event[state.dilemma]
    side = card.dilemma.side
    options = card.dilemma.options
    plain = next(o for o in options if o.requires is None and o.cost == 0)
    costly = plain.model_copy(update={"cost": 3})
    patched_card = card.model_copy(update={"dilemma": card.dilemma.model_copy(update={"options": [costly if o is plain else o for o in options]})})
    from eurasia_game.model.ruleset import RuleSet

    data = {name: getattr(rules, name) for name in RuleSet.model_fields}
    data["events"] = tuple(patched_card if e.id == card.id else e for e in rules.events)
    patched = RuleSet(**data)
    poor = with_power(state, **{side: 2})
    assert why_illegal(patched, poor, Action("choose", side, option=costly.id)) == patched.text("illegal_cost", cost=3, power=2)
    rich = with_power(state, **{side: 50})
    assert why_illegal(patched, rich, Action("choose", side, option=costly.id)) is None
    paid = apply_action(patched, rich, Action("choose", side, option=costly.id)).state
    free = apply_action(rules, rich, Action("choose", side, option=costly.id)).state
    assert paid.power[side] == free.power[side] - 3, "the option's cost is paid by the side choosing it"


# --- views and outcome ----------------------------------------------------------

def test_a_side_sees_its_own_plan_and_nobody_sees_the_other(rules):
    state = planning_state(rules)
    a, b = first(rules), second(rules)
    action = untargeted(rules, a)
    state = apply_action(rules, with_power(state, **{a: 50}), Action("plan", a, action=action.id)).state
    assert view(rules, state, a).own_plan == state.plans[a]
    assert view(rules, state, b).own_plan == ()
    assert view(rules, state, None).own_plan == ()
    for side in (a, b, None):
        assert not hasattr(view(rules, state, side), "rng"), "the generator would reveal future draws"
        assert not hasattr(view(rules, state, side), "plans")


def test_fronts_outcome_counts_the_fronts_led(rules):
    """The 'fronts' outcome (and the objectives' tie-break) counts the fronts each side leads."""
    from eurasia_game.engine.objectives import by_fronts

    a, b = rules.side_ids
    state = planning_state(rules)
    fronts = rules.front_ids
    lead_a = {f: ({a: 5, b: 1} if i == 0 else {a: 3, b: 3}) for i, f in enumerate(fronts)}
    assert by_fronts(rules, replace(state, standing=lead_a)) == {a: "win", b: "lose"}
    tied = {f: {a: 3, b: 3} for f in fronts}
    assert by_fronts(rules, replace(state, standing=tied)) == {a: "draw", b: "draw"}
    lead_b = {f: ({a: 5, b: 1} if i == 0 else {a: 1, b: 4}) for i, f in enumerate(fronts)}
    assert by_fronts(rules, replace(state, standing=lead_b)) == ({b: "win", a: "lose"} if len(fronts) > 2 else {a: "draw", b: "draw"})


def test_fixed_outcomes_come_from_the_ending(rules):
    for ending in rules.endings:
        if isinstance(ending.outcome, dict):
            state = replace(planning_state(rules), ending=ending.id, to_act=None)
            assert outcome(rules, state) == ending.outcome
    assert outcome(rules, planning_state(rules)) == {}, "no outcome while the game goes on"


def test_a_loop_of_triggers_cannot_hang_the_game(rules_copy):
    """Even under rules the checker refuses, cards triggering each other stop after a bound."""
    from eurasia_game.engine.flow import MAX_FIRINGS
    from eurasia_game.loading.loader import load_rules

    (rules_copy / "zz_loop.yaml").write_text(
        "events:\n"
        "  - id: echo_a\n"
        "    title: Echo A\n"
        "    text: A card that fires itself.\n"
        "    section: Introduction\n"
        "    teaching_note: A note.\n"
        "    in_deck: false\n"
        "    repeatable: true\n"
        "    effects: [{type: trigger, card: echo_a}]\n",
        encoding="utf-8",
    )
    result = load_rules(rules_copy)
    assert any("trigger each other" in p.message for p in result.errors)
    looped = result.rules
    scenario = looped.scenarios[0]
    data = {name: getattr(looped, name) for name in type(looped).model_fields}
    data["scenarios"] = (scenario.model_copy(update={"opening_cards": ["echo_a"]}), *looped.scenarios[1:])
    looped = type(looped)(**data)
    state = start_game(looped, scenario.id, 1).state
    assert 0 < state.fired.count("echo_a") <= MAX_FIRINGS
    assert state.to_act in looped.side_ids or state.over, "the game goes on after the chain is cut"


def test_order_messages_read_as_sentences(rules):
    """No '1 time(s)', no unfilled $word, no front named twice ('Lend to Russian energy Energy')."""
    state = planning_state(rules)
    after_first = apply_action(rules, state, Action("commit", first(rules))).state
    seen = []
    for act, side in [(a, s) for s in (first(rules), second(rules)) for a in rules.actions if s in a.sides]:
        rich = with_power(state if side == first(rules) else after_first, **{side: 100})
        for target in targets_of(rules, act):
            move = Action("plan", side, action=act.id, target=target)
            result = apply_action(rules, rich, move)
            planned = next(e.text for e in result.events if e.kind == "planned")
            again = why_illegal(rules, result.state, move) if act.per_year == 1 else None
            for line in (planned, again):
                if line is None:
                    continue
                seen.append(line)
                assert "$" not in line and "(s)" not in line and "  " not in line, line
                front = rules.front[target].name if target else None
                if front and front.lower() in act.name.lower():
                    assert front not in line.replace(act.name, ""), line  # the action's name says where already
            assert planned.endswith(".") and act.name in planned
            if again is not None:
                assert "once a year" in again, again
    assert seen
    side = first(rules)
    invest = next(a for a in rules.actions if side in a.sides and len(targets_of(rules, a)) > 1)
    front = rules.fronts[-1]
    assert rules.front[front.id].name in planned_text(rules, side, invest.id, front.id)
    assert (times_text(rules, 1), times_text(rules, 2), times_text(rules, 3)) == ("once", "twice", "3 times")
    lend = rules.action.get("lend")
    if lend is not None and len(targets_of(rules, lend)) == 1:
        assert planned_text(rules, lend.sides[0], "lend", targets_of(rules, lend)[0]) == f"{rules.side[lend.sides[0]].name} planned: {lend.name}."
