"""The engine's exact words and carried-over fields, where a loose test would pass a wrong one.

Each test here pins a detail a player or a save can see but a broader test
lets through: a facilitator's refusal in its own sentence, a pause with and
without a topic, a dilemma option's requirement and the reason it gives, a
front named to a mod's log line, every field of the state carried through
planning and committing, the step counter, the income line's data, the
line when no card can be drawn.
"""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from pydantic import TypeAdapter

from eurasia_game.engine import apply_action, legal_actions, new_game, why_illegal
from eurasia_game.engine.moves import planned_text, where_text
from eurasia_game.engine.state import FACILITATOR, Action, GameState
from eurasia_game.model.conditions import Condition
from eurasia_game.model.ruleset import RuleSet
from tests.test_engine_direct import planning_state

_CONDITION = TypeAdapter(Condition)


def _rules_with(rules, **changes) -> RuleSet:
    data = {name: getattr(rules, name) for name in RuleSet.model_fields}
    data.update(changes)
    return RuleSet(**data)


# --- the facilitator's refusals and pauses ---------------------------------------


def test_an_unknown_card_and_an_unknown_inject_mode_are_refused_in_their_own_sentences(rules):
    state = new_game(rules, None, 1)
    unknown = why_illegal(rules, state, Action("inject", FACILITATOR, card="no_such_card", mode="now"))
    assert unknown == rules.text("illegal_unknown_card", card="no_such_card")
    card = rules.events[0].id
    sideways = why_illegal(rules, state, Action("inject", FACILITATOR, card=card, mode="sideways"))
    assert sideways == rules.text("illegal_inject_mode", mode="sideways")
    assert unknown != sideways


def test_a_pause_without_a_topic_and_with_one_log_their_own_lines(rules):
    state = new_game(rules, None, 1)
    bare = apply_action(rules, state, Action("pause", FACILITATOR, text="   "))
    (event,) = bare.events
    assert (event.kind, event.text, event.data) == ("pause", rules.text("paused"), ())
    assert bare.state.steps == state.steps + 1 and bare.undoable
    topic = apply_action(rules, state, Action("pause", FACILITATOR, text="  Who needs whom?  "))
    (event,) = topic.events
    assert (event.kind, event.text, event.data) == ("pause", rules.text("paused_topic", topic="Who needs whom?"), ("Who needs whom?",))
    assert rules.text("paused") != rules.text("paused_topic", topic="Who needs whom?")


# --- a dilemma option's requirement ----------------------------------------------


def _dilemma_with_a_requirement(rules):
    """The rules with a dilemma's first option open only to a side with at least 5 power, and that card."""
    card = next(e for e in rules.events if e.dilemma is not None and len(e.dilemma.options) >= 2)
    first = card.dilemma.options[0].model_copy(update={
        "requires": _CONDITION.validate_python({"type": "power", "side": "self", "min": 5}),
        "requires_text": "Only with 5 power in hand.",
        "cost": 0,
    })
    options = [first, *(o.model_copy(update={"cost": 0, "requires": None}) for o in card.dilemma.options[1:])]
    changed = card.model_copy(update={"dilemma": card.dilemma.model_copy(update={"options": options})})
    events = tuple(changed if e.id == card.id else e for e in rules.events)
    return _rules_with(rules, events=events), changed


def test_a_dilemma_option_that_requires_more_power_is_refused_with_its_reason_and_open_once_met(rules):
    mod, card = _dilemma_with_a_requirement(rules)
    side = card.dilemma.side
    other = next(s for s in mod.side_ids if s != side)
    start = planning_state(mod)
    # the side that must choose has 4, the other side plenty: the requirement is the chooser's own
    open_dilemma = replace(start, dilemma=card.id, to_act=side, power={side: 4, other: 100})
    option = card.dilemma.options[0].id
    choose = Action("choose", side, option=option)
    assert why_illegal(mod, open_dilemma, choose) == mod.text("illegal_requires", reason="Only with 5 power in hand.")
    assert choose not in legal_actions(mod, open_dilemma)
    assert Action("choose", side, option=card.dilemma.options[1].id) in legal_actions(mod, open_dilemma)
    met = replace(open_dilemma, power={side: 5, other: 0})
    assert why_illegal(mod, met, choose) is None and choose in legal_actions(mod, met)
    result = apply_action(mod, met, choose)
    assert result.state.dilemma is None and result.state.steps == met.steps + 1


# --- planning and committing carry the rest of the state -------------------------


_PLANNING_CHANGES = {"plans", "steps", "memo"}
_COMMIT_CHANGES = {"committed", "to_act", "steps", "memo"}


def _unusual(rules, state: GameState) -> GameState:
    """``state`` with the fields planning leaves alone set to values a new game never has."""
    card = rules.events[-1].id
    return replace(state, luck=(7, 12345), injects=((card, "next"),), armed_from=state.year + 3, flags=frozenset({"a_flag_of_the_test"}))


def _same_apart_from(before: GameState, after: GameState, changed: set[str]) -> None:
    for f in fields(GameState):
        if f.name not in changed:
            assert getattr(after, f.name) == getattr(before, f.name), f"{f.name} was not carried over"


def test_planning_an_order_changes_only_the_plan_and_the_step_count(rules):
    state = _unusual(rules, planning_state(rules))
    side = state.to_act
    order = next(a for a in legal_actions(rules, state) if a.kind == "plan")
    result = apply_action(rules, state, order)
    _same_apart_from(state, result.state, _PLANNING_CHANGES)
    assert result.state.steps == state.steps + 1
    assert len(result.state.plans[side]) == len(state.plans.get(side, ())) + 1
    assert result.undoable


def test_the_first_commit_of_a_year_changes_only_who_acts_and_the_step_count(rules):
    state = _unusual(rules, planning_state(rules))
    side = state.to_act
    assert not state.committed
    result = apply_action(rules, state, Action("commit", side))
    _same_apart_from(state, result.state, _COMMIT_CHANGES)
    assert result.state.committed == (side,) and result.state.to_act != side
    assert result.state.steps == state.steps + 1
    (event,) = result.events
    assert event.kind == "committed" and event.text == rules.text("committed", side=rules.side[side].name)


def test_the_last_commit_of_a_year_counts_one_step_and_cannot_be_undone_once_the_year_turns(rules):
    state = planning_state(rules)
    first = apply_action(rules, state, Action("commit", state.to_act)).state
    last = apply_action(rules, first, Action("commit", first.to_act))
    assert last.state.steps == first.steps + 1
    # the year's orders are carried out and a card drawn: rolls were made and cards shown
    assert last.state.year != first.year or last.state.dilemma is not None or last.state.over
    assert not last.undoable
    assert any(e.kind == "committed" for e in last.events)


# --- a front named to a mod's log line -------------------------------------------


def test_a_planned_line_offers_the_front_by_name_to_a_mod_that_writes_it(rules):
    mod = _rules_with(rules, texts={**rules.texts, "planned": "$side: $action at $front."})
    act = next(a for a in mod.actions if a.targets)
    target = act.targets[0] if act.targets[0] in mod.front else mod.fronts[0].id
    side = next(iter(act.sides))
    line = planned_text(mod, side, act.id, target)
    assert line == f"{mod.side[side].name}: {act.name} at {mod.front[target].name}."
    # and the base line, which names it through $where
    assert planned_text(rules, side, act.id, target) == rules.text(
        "planned", side=rules.side[side].name, action=act.name, where=where_text(rules, act, target)
    )


# --- the year's lines ------------------------------------------------------------


def test_each_sides_income_line_carries_the_side_and_the_amount(rules):
    state = planning_state(rules)
    first = apply_action(rules, state, Action("commit", state.to_act)).state
    result = apply_action(rules, first, Action("commit", first.to_act))
    incomes = [e for e in result.events if e.kind == "income"]
    assert incomes, "a year's end pays income"
    assert [e.data[0] for e in incomes] == list(rules.game.side_order)
    for event in incomes:
        side, amount = event.data
        assert type(amount) is int and amount > 0
        assert event.text == rules.text("income_gained", side=rules.side[side].name, amount=amount)


def test_a_year_with_no_card_to_draw_says_so_in_a_card_line(rules):
    events = tuple(e.model_copy(update={"in_deck": False}) for e in rules.events)
    scenarios = tuple(s.model_copy(update={"opening_cards": [], "scheduled": [], "extra_cards": [], "events_per_year": 1}) for s in rules.scenarios)
    empty = _rules_with(rules, events=events, scenarios=scenarios)
    state = new_game(empty, None, 1)
    assert state.deck == ()
    first = apply_action(empty, state, Action("commit", state.to_act)).state
    result = apply_action(empty, first, Action("commit", first.to_act))
    lines = [e for e in result.events if e.text == empty.text("no_card")]
    assert lines and all(e.kind == "card" for e in lines)
    began = [e for e in result.events if e.text == empty.text("year_began", year=result.state.year)]
    assert len(began) == 1 and began[0].kind == "year"


# --- a card's rolls, a front's lines, the order of moves ----------------------------


def _effect(data):
    from eurasia_game.model.effects import Effect

    return TypeAdapter(Effect).validate_python(data)


def test_a_roll_made_by_a_firing_card_is_logged_with_that_card(rules):
    track = rules.tracks[0].id
    base = next(e for e in rules.events if e.dilemma is None)
    card = base.model_copy(update={"effects": [_effect({"type": "chance", "percent": 50, "then": [{"type": "track", "track": track, "delta": 1}]})]})
    mod = _rules_with(rules, events=tuple(card if e.id == card.id else e for e in rules.events))
    state = planning_state(mod)
    result = apply_action(mod, state, Action("inject", FACILITATOR, card=card.id, mode="forced"))
    rolls = [e for e in result.events if e.kind == "chance"]
    assert len(rolls) == 1 and rolls[0].card == card.id
    assert rolls[0].data[3] == "track", "a roll that can move a track says so"


def test_a_chance_that_moves_nothing_has_no_stakes_and_one_that_ends_the_game_has_ending_stakes(rules):
    from eurasia_game.engine.work import chance_stakes

    flag_only = _effect({"type": "chance", "percent": 40, "then": [{"type": "flag", "flag": "zz_mark"}]})
    ending = _effect({"type": "chance", "percent": 40, "else": [{"type": "end", "ending": rules.endings[0].id}]})
    track = _effect({"type": "chance", "percent": 40, "then": [{"type": "track", "track": rules.tracks[0].id, "delta": -1}]})
    assert [chance_stakes(e) for e in (flag_only, ending, track)] == ["", "ending", "track"]
    assert chance_stakes(flag_only) == "" and chance_stakes(ending) == "ending"  # and again, from what was kept


def test_a_fronts_own_rule_names_its_front_in_its_log_line(rules):
    front = rules.fronts[0]
    rule = front.resolution[0].model_copy(update={"condition": None, "log": "Paid out on the $front front."})
    changed = front.model_copy(update={"resolution": [rule]})
    mod = _rules_with(rules, fronts=tuple(changed if f.id == front.id else f for f in rules.fronts))
    state = planning_state(mod)
    first = apply_action(mod, state, Action("commit", state.to_act)).state
    result = apply_action(mod, first, Action("commit", first.to_act))
    lines = [e for e in result.events if e.kind == "front"]
    assert [e.text for e in lines] == [f"Paid out on the {front.name} front."]


def test_moves_are_listed_in_the_rules_order_and_unknown_ones_after_them(rules):
    from eurasia_game.engine.work import Work

    w = Work(rules, new_game(rules, None, 1))
    w.say("year_began", "year", year=w.year)
    first, last = rules.tracks[0].id, rules.tracks[-1].id
    front, side = rules.fronts[0].id, rules.side_ids[0]
    w.moves = {"zz_unlisted": 2, f"{front}/{side}": 1, last: -1, first: 3, "zz_none": 0}
    w._settle()
    assert w.events[-1].moved == ((first, 3), (last, -1), (f"{front}/{side}", 1), ("zz_unlisted", 2))


def test_a_step_that_can_be_undone_never_changes_the_dice_or_who_acts(rules):
    """Over random play: undoable only when nothing was revealed, rolled or handed over."""
    import random

    pick = random.Random(4)
    checked = handed = 0
    for seed in range(6):
        state = new_game(rules, None, seed)
        while not state.over:
            action = pick.choice(legal_actions(rules, state))
            result = apply_action(rules, state, action)
            if result.undoable:
                assert result.state.rng == state.rng and result.state.to_act == state.to_act, action
                checked += 1
            elif action.kind == "choose" and result.state.to_act != state.to_act and result.state.rng == state.rng:
                handed += 1
            state = result.state
    assert checked > 50
    assert handed > 0, "some choice hands the turn over without a roll: it must not be undoable"


def test_a_mark_is_described_by_the_name_its_rules_give_it(rules):
    from eurasia_game.engine.describe import describe_effect
    from eurasia_game.model.flags import FlagDef

    flag = rules.flags[0]
    renamed = _rules_with(rules, flags=(FlagDef(id=flag.id, name="the test's own name"), *rules.flags[1:]))
    assert describe_effect(renamed, _effect({"type": "flag", "flag": flag.id})) == "marks 'the test's own name'"
    assert describe_effect(renamed, _effect({"type": "flag", "flag": flag.id, "value": False})) == "clears 'the test's own name'"


def test_arming_endings_from_a_year_outside_the_scenario_is_refused_with_that_year(rules):
    from eurasia_game.engine.flow import start_game

    scenario = rules.scenario[rules.game.default_scenario]
    late = scenario.end_year + 5
    with pytest.raises(ValueError) as refused:
        start_game(rules, None, 1, armed_from=late)
    assert str(refused.value) == f"Endings can be armed from {scenario.start_year} to {scenario.end_year}, not from {late}."


def test_a_state_sent_to_another_process_arrives_whole_without_its_memo(rules):
    """The computer players' worker process receives states by pickling (``session.workproc``)."""
    import pickle

    state = _unusual(rules, planning_state(rules))
    legal_actions(rules, state)  # fills the memo of what was judged
    back = pickle.loads(pickle.dumps(state))
    _same_apart_from(state, back, {"memo"})
    assert back.memo is None
