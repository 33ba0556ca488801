"""Every condition type of the closed vocabulary has a test of when it holds.

``CASES`` maps each condition model to a test function; the parametrized test
runs over ``CONDITION_TYPES``, so a new condition type without a test here
fails the suite.  Conditions are checked against immutable ``GameState``s
built with ``dataclasses.replace`` and against a ``Work`` (the engine uses
both).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pydantic import TypeAdapter, ValidationError

from eurasia_game.engine import Order, new_game
from eurasia_game.engine.work import Context, Work, holds
from eurasia_game.model import conditions as C
from eurasia_game.model.conditions import CONDITION_TYPES, Condition

_CONDITION = TypeAdapter(Condition)


def cond(data: dict):
    """A condition built the way a rule file builds it (through the tagged union)."""
    return _CONDITION.validate_python(data)


def base_state(rules, seed: int = 2):
    return new_game(rules, seed=seed)


def check(rules, state, data, ctx=Context()) -> bool:
    """Evaluate on the frozen state and on a Work copy; both must agree."""
    c = cond(data)
    frozen = holds(rules, state, c, ctx)
    working = holds(rules, Work(rules, state), c, ctx)
    assert frozen == working, f"GameState and Work disagree on {data}"
    return frozen


CASES = {}


def case(model):
    def register(func):
        CASES[model] = func
        return func

    return register


@case(C.TrackIs)
def _track(rules):
    track = rules.tracks[0]
    state = base_state(rules)
    state = replace(state, tracks={**state.tracks, track.id: 5})
    assert check(rules, state, {"type": "track", "track": track.id, "min": 5})
    assert check(rules, state, {"type": "track", "track": track.id, "max": 5})
    assert check(rules, state, {"type": "track", "track": track.id, "min": 4, "max": 6})
    assert not check(rules, state, {"type": "track", "track": track.id, "min": 6})
    assert not check(rules, state, {"type": "track", "track": track.id, "max": 4})


@case(C.PowerIs)
def _power(rules):
    a, b = rules.side_ids
    state = base_state(rules)
    state = replace(state, power={a: 2, b: 9})
    assert check(rules, state, {"type": "power", "side": a, "max": 2})
    assert check(rules, state, {"type": "power", "side": "self", "min": 9}, Context(side=b))
    assert check(rules, state, {"type": "power", "side": "other", "max": 2}, Context(side=b))
    assert not check(rules, state, {"type": "power", "side": "other", "max": 2}, Context(side=a))


@case(C.IncomeIs)
def _income(rules):
    a, b = rules.side_ids
    state = base_state(rules)
    state = replace(state, income={a: 3, b: 7})
    assert check(rules, state, {"type": "income", "side": b, "min": 7, "max": 7})
    assert not check(rules, state, {"type": "income", "side": "self", "min": 4}, Context(side=a))
    assert check(rules, state, {"type": "income", "side": "other", "min": 4}, Context(side=a))


@case(C.StandingIs)
def _standing(rules):
    a, b = rules.side_ids
    front = rules.fronts[0].id
    state = base_state(rules)
    standing = {f: dict(v) for f, v in state.standing.items()}
    standing[front] = {a: 1, b: 8}
    state = replace(state, standing=standing)
    assert check(rules, state, {"type": "standing", "front": front, "side": a, "max": 1})
    assert check(rules, state, {"type": "standing", "front": "target", "side": "other", "min": 8}, Context(side=a, target=front))
    assert not check(rules, state, {"type": "standing", "front": "target", "side": "self", "min": 2}, Context(side=a, target=front))


@case(C.Leads)
def _leads(rules):
    a, b = rules.side_ids
    front = rules.fronts[1].id
    state = base_state(rules)
    standing = {f: dict(v) for f, v in state.standing.items()}
    standing[front] = {a: 6, b: 4}
    state = replace(state, standing=standing)
    assert check(rules, state, {"type": "leads", "front": front, "side": a})
    assert check(rules, state, {"type": "leads", "front": front, "side": a, "by": 2})
    assert not check(rules, state, {"type": "leads", "front": front, "side": a, "by": 3})
    assert not check(rules, state, {"type": "leads", "front": front, "side": b})
    assert check(rules, state, {"type": "leads", "front": "target", "side": "other"}, Context(side=b, target=front))
    standing[front] = {a: 5, b: 5}
    tied = replace(state, standing=standing)
    assert not check(rules, tied, {"type": "leads", "front": front, "side": a}), "a tie is no lead"
    assert not check(rules, tied, {"type": "leads", "front": front, "side": b})
    with pytest.raises(ValidationError):
        cond({"type": "leads", "front": front, "side": a, "by": 0})


@case(C.YearIs)
def _year(rules):
    state = replace(base_state(rules), year=2025)
    assert check(rules, state, {"type": "year", "min": 2025})
    assert check(rules, state, {"type": "year", "max": 2025})
    assert not check(rules, state, {"type": "year", "min": 2026})
    assert not check(rules, state, {"type": "year", "min": 2019, "max": 2024})


@case(C.FlagSet)
def _flag(rules):
    state = base_state(rules)
    assert not check(rules, state, {"type": "flag", "flag": "some_flag"})
    assert check(rules, replace(state, flags=frozenset({"some_flag"})), {"type": "flag", "flag": "some_flag"})


@case(C.Fired)
def _fired(rules):
    first, last = rules.events[0].id, rules.events[-1].id
    state = replace(base_state(rules), fired=(first,))
    assert check(rules, state, {"type": "fired", "card": first})
    assert not check(rules, state, {"type": "fired", "card": last}) or first == last


@case(C.Ordered)
def _ordered(rules):
    a, b = rules.side_ids
    action = next(x for x in rules.actions if x.targets == "all" and a in x.sides and b in x.sides)
    f1, f2 = rules.front_ids[0], rules.front_ids[1]
    state = replace(base_state(rules), orders_done=(Order(a, action.id, f1),))
    assert check(rules, state, {"type": "ordered", "side": a, "action": action.id})
    assert check(rules, state, {"type": "ordered", "side": a, "action": action.id, "front": f1})
    assert not check(rules, state, {"type": "ordered", "side": a, "action": action.id, "front": f2})
    assert not check(rules, state, {"type": "ordered", "side": b, "action": action.id})
    assert check(rules, state, {"type": "ordered", "side": "other", "action": action.id, "front": "target"}, Context(side=b, target=f1))
    assert not check(rules, state, {"type": "ordered", "side": "self", "action": action.id, "front": "target"}, Context(side=b, target=f1))
    planned_only = replace(base_state(rules), plans={a: (Order(a, action.id, f1),), b: ()}, orders_done=())
    assert not check(rules, planned_only, {"type": "ordered", "side": a, "action": action.id}), "a planned order counts only once revealed"


TRUE = {"type": "year", "min": 1900}
FALSE = {"type": "year", "max": 1900}


@case(C.AllOf)
def _all(rules):
    state = base_state(rules)
    assert check(rules, state, {"type": "all", "of": [TRUE, TRUE]})
    assert not check(rules, state, {"type": "all", "of": [TRUE, FALSE]})
    with pytest.raises(ValidationError):
        cond({"type": "all", "of": []})


@case(C.AnyOf)
def _any(rules):
    state = base_state(rules)
    assert check(rules, state, {"type": "any", "of": [FALSE, TRUE]})
    assert not check(rules, state, {"type": "any", "of": [FALSE, FALSE]})
    with pytest.raises(ValidationError):
        cond({"type": "any", "of": []})


@case(C.NotOf)
def _not(rules):
    state = base_state(rules)
    assert check(rules, state, {"type": "not", "of": FALSE})
    assert not check(rules, state, {"type": "not", "of": TRUE})
    nested = {"type": "not", "of": {"type": "any", "of": [FALSE, {"type": "all", "of": [TRUE, FALSE]}]}}
    assert check(rules, state, nested), "conditions compose to any depth"


@pytest.mark.parametrize("model", CONDITION_TYPES, ids=lambda m: m.__name__)
def test_every_condition_type_has_a_test(rules, model):
    assert model in CASES, f"condition type {model.__name__} has no test case in tests/test_conditions.py"
    CASES[model](rules)


def test_condition_tags_match_the_vocabulary():
    tags = [m.model_fields["type"].annotation.__args__[0] for m in CONDITION_TYPES]
    assert len(set(tags)) == len(tags), "two condition types share a tag"
    assert set(CASES) == set(CONDITION_TYPES)


def test_no_condition_always_holds(rules):
    assert holds(rules, base_state(rules), None), "a missing condition means 'always'"


@pytest.mark.parametrize(
    "data, words",
    [
        ({"type": "track", "track": "x"}, "at least one of 'min' or 'max'"),
        ({"type": "year", "min": 2030, "max": 2020}, "can never be true"),
        ({"type": "track", "track": "x", "min": "3"}, "valid integer"),
        ({"type": "flag"}, "Field required"),
    ],
)
def test_bad_conditions_are_refused(data, words):
    with pytest.raises(ValidationError) as info:
        cond(data)
    assert words in str(info.value)
