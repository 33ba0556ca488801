"""Every ranged condition holds exactly on its bounds and fails one step outside.

The compiler (``engine.compiled``) turns a ranged condition into one of
several closures, by shape: a track; a standing at a named or at the order's
front, for the acting side, the other side or a side named in the rule; a
side's power or income, named or relative; the year.  Each closure has three
forms (only a minimum, only a maximum, both).  This test builds every shape
and form from rule-file data and judges it with the value one below, on,
and one above each bound, against the inclusive range worked out here, so
an off-by-one (``<`` for ``<=``) or a side or front read from the wrong
place fails.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pydantic import TypeAdapter

from eurasia_game.engine import new_game
from eurasia_game.engine.work import Context, Work, holds
from eurasia_game.model.conditions import Condition

_CONDITION = TypeAdapter(Condition)
LO, HI = 3, 6
FORMS = ({"min": LO}, {"max": HI}, {"min": LO, "max": HI})


def _expected(value: int, form: dict) -> bool:
    return ("min" not in form or value >= form["min"]) and ("max" not in form or value <= form["max"])


def _shapes(rules):
    """(condition data without bounds, how to set the value it reads) for each compiled shape.

    The context is Moscow-side acting at the last front; the value is set
    only where the condition should read it, and the same value's neighbours
    elsewhere are set far outside the range, so a read from the wrong side
    or front gives the wrong answer.
    """
    first, second = rules.side_ids
    named = rules.fronts[0].id
    track = rules.tracks[0].id
    return {
        "track": ({"type": "track", "track": track}, ("tracks", track)),
        "standing named front, named side": ({"type": "standing", "front": named, "side": second}, ("standing", named, second)),
        "standing target, named side": ({"type": "standing", "front": "target", "side": second}, ("standing", "target", second)),
        "standing target, self": ({"type": "standing", "front": "target", "side": "self"}, ("standing", "target", first)),
        "standing named front, other": ({"type": "standing", "front": named, "side": "other"}, ("standing", named, second)),
        "power, named side": ({"type": "power", "side": second}, ("power", second)),
        "power, self": ({"type": "power", "side": "self"}, ("power", first)),
        "power, other": ({"type": "power", "side": "other"}, ("power", second)),
        "income, named side": ({"type": "income", "side": second}, ("income", second)),
        "income, self": ({"type": "income", "side": "self"}, ("income", first)),
        "income, other": ({"type": "income", "side": "other"}, ("income", second)),
        "year": ({"type": "year"}, ("year",)),
    }


def _state_with(rules, where, value: int, decoy: int):
    """A start state whose read place holds ``value`` and every neighbour of it ``decoy``."""
    state = new_game(rules, seed=3)
    first, second = rules.side_ids
    target = rules.fronts[-1].id
    kind = where[0]
    if kind == "tracks":
        return replace(state, tracks={**{k: decoy for k in state.tracks}, where[1]: value})
    if kind == "year":
        return replace(state, year=value)
    if kind in ("power", "income"):
        table = {s: decoy for s in rules.side_ids}
        table[where[1]] = value
        return replace(state, **{kind: table})
    front = target if where[1] == "target" else where[1]
    standing = {f: {s: decoy for s in rules.side_ids} for f in state.standing}
    standing[front][where[2]] = value
    return replace(state, standing=standing)


@pytest.mark.parametrize("form", FORMS, ids=["min", "max", "min-max"])
@pytest.mark.parametrize("shape", [
    "track", "standing named front, named side", "standing target, named side", "standing target, self",
    "standing named front, other", "power, named side", "power, self", "power, other",
    "income, named side", "income, self", "income, other", "year",
])
def test_a_ranged_condition_holds_on_its_bounds_and_fails_one_step_outside(rules, shape, form):
    data, where = _shapes(rules)[shape]
    first = rules.side_ids[0]
    ctx = Context(side=first, target=rules.fronts[-1].id)
    if where[0] == "year":
        base = 2000
        form = {k: base + v for k, v in form.items()}
        values = sorted({v + d for v in form.values() for d in (-1, 0, 1)})
    else:
        values = [LO - 1, LO, LO + 1, HI - 1, HI, HI + 1]
    condition = _CONDITION.validate_python({**data, **form})
    # A decoy far outside the range on the places the condition must not read.
    decoy = 100
    seen = set()
    for value in values:
        state = _state_with(rules, where, value, decoy)
        want = _expected(value, form)
        seen.add(want)
        assert holds(rules, state, condition, ctx) is want, f"{shape} {form} at {value}"
        assert holds(rules, Work(rules, state), condition, ctx) is want, f"{shape} {form} at {value} (working copy)"
    assert seen == {True, False}, "the values tried must fall on both sides of a bound"
