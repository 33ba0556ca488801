"""Effects, conditions, actions and cards in plain words (engine.describe), phrase by phrase.

The window and the debrief show these phrases to players; each branch of the
closed vocabulary is checked against the exact words it should give, with
names taken from the loaded rules so the test survives content changes.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pydantic import TypeAdapter

from eurasia_game.engine.describe import (
    describe_action,
    describe_card,
    describe_condition,
    describe_effect,
    describe_effects,
    front_word,
    side_word,
)
from eurasia_game.model.conditions import Condition
from eurasia_game.model.effects import Effect

_CONDITION = TypeAdapter(Condition)
_EFFECT = TypeAdapter(Effect)


def cond(data: dict):
    return _CONDITION.validate_python(data)


def eff(data: dict):
    return _EFFECT.validate_python(data)


@pytest.fixture
def names(rules):
    a, b = rules.side_ids
    track, front = rules.tracks[0], rules.fronts[0]
    return {
        "a": a,
        "b": b,
        "A": rules.side[a].name,
        "B": rules.side[b].name,
        "track": track.id,
        "Track": track.name,
        "front": front.id,
        "Front": front.name,
    }


def test_side_words_name_a_side_or_stay_relative(rules, names):
    a, b, A, B = names["a"], names["b"], names["A"], names["B"]
    assert side_word(rules, "self", a) == A
    assert side_word(rules, "self", None) == "you"
    assert side_word(rules, "other", a) == B
    assert side_word(rules, "other", b) == A
    assert side_word(rules, "other", None) == "your partner"
    assert side_word(rules, b, a) == B
    assert side_word(rules, "nobody", a) == "nobody"


def test_front_words_name_the_target_or_the_front(rules, names):
    assert front_word(rules, "target", names["front"]) == names["Front"]
    assert front_word(rules, "target", None) == "the chosen front"
    assert front_word(rules, "target", "atlantis") == "the chosen front"
    assert front_word(rules, names["front"], None) == names["Front"]
    assert front_word(rules, "atlantis", None) == "atlantis"


def test_every_condition_in_words(rules, names):
    a, A, B, T, F = names["a"], names["A"], names["B"], names["Track"], names["Front"]
    track, front = names["track"], names["front"]
    d = lambda data, side=None, target=None: describe_condition(rules, cond(data), side, target)  # noqa: E731
    assert describe_condition(rules, None) == "always"
    assert d({"type": "track", "track": track, "min": 3, "max": 7}) == f"{T} is between 3 and 7"
    assert d({"type": "track", "track": track, "min": 3}) == f"{T} is 3 or more"
    assert d({"type": "track", "track": track, "max": 7}) == f"{T} is 7 or less"
    assert d({"type": "power", "side": "self", "min": 2}, a) == f"{A}'s power is 2 or more"
    assert d({"type": "income", "side": "other", "max": 4}, a) == f"{B}'s income is 4 or less"
    assert d({"type": "standing", "side": "self", "front": "target", "min": 5}, a, front) == f"{A}'s standing in {F} is 5 or more"
    assert d({"type": "leads", "side": "other", "front": front, "by": 2}, a) == f"{B} leads in {F} by 2 or more"
    assert d({"type": "year", "min": 2024, "max": 2026}) == "the year is between 2024 and 2026"
    assert d({"type": "flag", "flag": "deal_signed"}) == "'deal signed' has happened"
    card = rules.events[0]
    assert d({"type": "fired", "card": card.id}) == f"'{card.title}' has already happened"
    assert d({"type": "fired", "card": "lost_card"}) == "'lost_card' has already happened"
    action = rules.actions[0]
    assert d({"type": "ordered", "side": "self", "action": action.id}, a) == f"{A} ordered '{action.name}' this year"
    assert d({"type": "ordered", "side": "self", "action": action.id, "front": front}, a) == f"{A} ordered '{action.name}' in {F} this year"
    assert d({"type": "ordered", "side": "self", "action": "lost_action"}, a) == f"{A} ordered 'lost_action' this year"
    one = {"type": "track", "track": track, "min": 3}
    two = {"type": "flag", "flag": "x_y"}
    assert d({"type": "all", "of": [one, two]}) == f"{T} is 3 or more and 'x y' has happened"
    assert d({"type": "any", "of": [one, two]}) == f"either {T} is 3 or more or 'x y' has happened"
    assert d({"type": "not", "of": one}) == f"not ({T} is 3 or more)"
    assert d({"type": "all", "of": [{"type": "standing", "side": "self", "front": "target", "min": 1}]}, a, front) == f"{A}'s standing in {F} is 1 or more"
    assert d({"type": "leads", "side": "self", "front": "target"}, a, front) == f"{A} leads in {F} by 1 or more"
    assert d({"type": "ordered", "side": "other", "action": action.id, "front": "target"}, a, front) == f"{B} ordered '{action.name}' in {F} this year"
    inner = {"type": "standing", "side": "other", "front": "target", "max": 2}
    assert d({"type": "any", "of": [inner, inner]}, a, front) == f"either {B}'s standing in {F} is 2 or less or {B}'s standing in {F} is 2 or less"
    assert d({"type": "not", "of": inner}, a, front) == f"not ({B}'s standing in {F} is 2 or less)"


def test_every_effect_in_words(rules, names):
    a, A, B, T, F = names["a"], names["A"], names["B"], names["Track"], names["Front"]
    track, front = names["track"], names["front"]
    d = lambda data, side=None, target=None: describe_effect(rules, eff(data), side, target)  # noqa: E731
    assert d({"type": "track", "track": track, "delta": 2}) == f"{T} +2"
    assert d({"type": "track", "track": track, "delta": -1}) == f"{T} -1"
    assert d({"type": "track", "track": track, "delta": 0}) == f"{T} 0"
    assert d({"type": "power", "side": "self", "delta": 3}, a) == f"{A} power +3"
    assert d({"type": "income", "side": "other", "delta": -1}, a) == f"{B} income -1 a year"
    assert d({"type": "standing", "side": "self", "front": "target", "delta": 1}, a, front) == f"{A} +1 in {F}"
    assert d({"type": "flag", "flag": "deal_signed", "value": True}) == "marks 'deal signed'"
    assert d({"type": "flag", "flag": "deal_signed", "value": False}) == "clears 'deal signed'"
    up = {"type": "track", "track": track, "delta": 1}
    down = {"type": "track", "track": track, "delta": -1}
    assert d({"type": "chance", "percent": 30, "then": [up], "else": [down]}) == f"30% chance: {T} +1; otherwise: {T} -1"
    assert d({"type": "chance", "percent": 30, "then": [up]}) == f"30% chance: {T} +1; otherwise: nothing"
    assert d({"type": "chance", "percent": 30, "else": [up]}) == f"30% chance: nothing; otherwise: {T} +1"
    flag = {"type": "flag", "flag": "x_y"}
    assert d({"type": "when", "if": flag, "then": [up]}) == f"if 'x y' has happened: {T} +1"
    assert d({"type": "when", "if": flag, "then": [up], "else": [down]}) == f"if 'x y' has happened: {T} +1; otherwise: {T} -1"
    assert d({"type": "when", "if": flag, "else": [down]}) == f"if 'x y' has happened: nothing; otherwise: {T} -1"
    card = rules.events[0]
    assert d({"type": "trigger", "card": card.id}) == f"fires '{card.title}'"
    assert d({"type": "trigger", "card": "lost_card"}) == "fires 'lost_card'"
    assert d({"type": "shuffle_in", "card": card.id}) == f"adds '{card.title}' to the deck"
    assert d({"type": "shuffle_in", "card": "lost_card"}) == "adds 'lost_card' to the deck"
    assert d({"type": "remove_card", "card": card.id}) == f"removes '{card.title}' from the deck"
    assert d({"type": "remove_card", "card": "lost_card"}) == "removes 'lost_card' from the deck"
    ending = rules.endings[0]
    assert d({"type": "end", "ending": ending.id}) == f"ends the game: {ending.name}"
    assert d({"type": "say", "text": "Words only."}) == ""


def test_effects_join_with_commas_and_leave_out_silent_ones(rules, names):
    T = names["Track"]
    effects = [
        eff({"type": "track", "track": names["track"], "delta": 1}),
        eff({"type": "say", "text": "Words only."}),
        eff({"type": "track", "track": names["track"], "delta": -2}),
    ]
    assert describe_effects(rules, effects) == f"{T} +1, {T} -2"
    assert describe_effects(rules, []) == ""


def test_an_action_in_words_gives_its_cost_effects_and_requirement(rules):
    plain = next(x for x in rules.actions if x.requires is None)
    side = plain.sides[0]
    assert describe_action(rules, plain.id, side) == f"Cost {plain.cost}. {describe_effects(rules, plain.effects, side)}."
    needing = next(x for x in rules.actions if x.requires is not None)
    side = needing.sides[0]
    target = needing.targets[0] if isinstance(needing.targets, list) else None
    expected = (
        f"Cost {needing.cost}. {describe_effects(rules, needing.effects, side, target)}."
        f" Needs: {describe_condition(rules, needing.requires, side, target)}."
    )
    assert describe_action(rules, needing.id, side, target) == expected


def test_a_card_in_words_says_who_must_choose(rules):
    dilemma = next(c for c in rules.events if c.dilemma is not None and c.effects)
    chooser = rules.side[dilemma.dilemma.side].name
    assert describe_card(rules, dilemma.id) == f"{describe_effects(rules, dilemma.effects, dilemma.dilemma.side)}. {chooser} must choose."
    bare = dilemma.model_copy(update={"effects": []})  # a dilemma with no effects of its own
    assert describe_card(SimpleNamespace(event={bare.id: bare}, side=rules.side), bare.id) == f"{chooser} must choose."
    plain = next(c for c in rules.events if c.dilemma is None and c.effects)
    assert describe_card(rules, plain.id) == describe_effects(rules, plain.effects)
    assert describe_card(rules, plain.id)


def test_nested_effects_keep_the_side_and_the_front_they_are_told(rules, names):
    """Inside a chance or a when, 'self', 'other' and 'target' still name the side and front given."""
    a, A, B, F = names["a"], names["A"], names["B"], names["Front"]
    mine = {"type": "power", "side": "self", "delta": 1}
    theirs = {"type": "standing", "side": "other", "front": "target", "delta": -1}
    flag = {"type": "standing", "side": "self", "front": "target", "min": 2}
    chance = eff({"type": "chance", "percent": 40, "then": [mine], "else": [theirs]})
    assert describe_effect(rules, chance, a, names["front"]) == f"40% chance: {A} power +1; otherwise: {B} -1 in {F}"
    chance = eff({"type": "chance", "percent": 40, "then": [theirs], "else": [mine]})
    assert describe_effect(rules, chance, a, names["front"]) == f"40% chance: {B} -1 in {F}; otherwise: {A} power +1"
    when = eff({"type": "when", "if": flag, "then": [theirs]})
    assert describe_effect(rules, when, a, names["front"]) == f"if {A}'s standing in {F} is 2 or more: {B} -1 in {F}"
    when = eff({"type": "when", "if": flag, "then": [mine], "else": [theirs]})
    assert describe_effect(rules, when, a, names["front"]) == f"if {A}'s standing in {F} is 2 or more: {A} power +1; otherwise: {B} -1 in {F}"
    assert describe_effect(rules, when) == (
        "if you's standing in the chosen front is 2 or more: you power +1; otherwise: your partner -1 in the chosen front"
    )


def test_an_actions_requirement_and_a_dilemmas_effects_are_told_for_the_acting_side(rules, names):
    a, A, B, F = names["a"], names["A"], names["B"], names["Front"]
    action = rules.actions[0].model_copy(
        update={"requires": cond({"type": "standing", "side": "self", "front": "target", "min": 3}), "cost": 2, "effects": [eff({"type": "power", "side": "other", "delta": 1})]}
    )
    fake = SimpleNamespace(action={action.id: action}, side=rules.side, side_ids=rules.side_ids, front=rules.front)
    assert describe_action(fake, action.id, a, names["front"]) == f"Cost 2. {B} power +1. Needs: {A}'s standing in {F} is 3 or more."
    dilemma = next(c for c in rules.events if c.dilemma is not None)
    card = dilemma.model_copy(update={"effects": [eff({"type": "power", "side": "self", "delta": 2})]})
    chooser = rules.side[card.dilemma.side].name
    fake = SimpleNamespace(event={card.id: card}, side=rules.side, side_ids=rules.side_ids)
    assert describe_card(fake, card.id) == f"{chooser} power +2. {chooser} must choose."
