"""How far a rule-file condition is from holding, as a number.

The computer players judge a position by how close each ending's condition
is to coming true.  ``compile_margin`` turns any condition of the closed
vocabulary into a function of a state that returns a *margin*: zero or more
when the condition holds, negative by how many steps it misses otherwise
(for tracks, standings, power, income and years).  Conditions that have no
natural distance (flags, fired cards, orders) count as one step away.

Reading conditions this way, instead of naming tracks or endings in Python,
is what lets the players understand modded rules too.
"""

from __future__ import annotations

from typing import Callable

from eurasia_game.engine.compiled import compiled
from eurasia_game.engine.work import Context, other_side
from eurasia_game.model import conditions as C

Margin = Callable[[object], float]

# How many steps away a yes/no condition counts when it does not hold.
BINARY_GAP = 2.0
_INF = float("inf")


def _range(get, cond) -> Margin:
    lo, hi = cond.min, cond.max
    if lo is not None and hi is not None:

        def both(s):
            value = get(s)
            below, above = value - lo, hi - value
            return above if above < below else below  # min(below, above)

        return both
    if lo is not None:
        return lambda s: get(s) - lo
    return lambda s: hi - get(s)


# The margins the players judge most often (a track, a side's power or income,
# a standing) are read straight from the state, without a getter in between;
# the arithmetic is that of ``_range``.
def _in_table(field: str, key: str, lo, hi) -> Margin:
    """The margin of a value in one of the state's tables (tracks, power, income)."""
    if lo is not None and hi is not None:

        def both(s):
            value = getattr(s, field)[key]
            below, above = value - lo, hi - value
            return above if above < below else below

        return both
    if field == "tracks":
        return (lambda s: s.tracks[key] - lo) if lo is not None else (lambda s: hi - s.tracks[key])
    if field == "power":
        return (lambda s: s.power[key] - lo) if lo is not None else (lambda s: hi - s.power[key])
    if field == "income":
        return (lambda s: s.income[key] - lo) if lo is not None else (lambda s: hi - s.income[key])
    return (lambda s: getattr(s, field)[key] - lo) if lo is not None else (lambda s: hi - getattr(s, field)[key])


def _in_row(front: str, side: str, lo, hi) -> Margin:
    """The margin of a side's standing on a front."""
    if lo is not None and hi is not None:

        def both(s):
            value = s.standing[front][side]
            below, above = value - lo, hi - value
            return above if above < below else below

        return both
    if lo is not None:
        return lambda s: s.standing[front][side] - lo
    return lambda s: hi - s.standing[front][side]


def _min_of(parts: list) -> Margin:
    """The smallest of the parts' margins (the first smallest, like ``min``)."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        a, b = parts

        def two(s):
            x, y = a(s), b(s)
            return y if y < x else x

        return two
    return lambda s: min([p(s) for p in parts])


def _max_of(parts: list) -> Margin:
    """The largest of the parts' margins (the first largest, like ``max``)."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        a, b = parts

        def two(s):
            x, y = a(s), b(s)
            return y if y > x else x

        return two
    return lambda s: max([p(s) for p in parts])


def compile_margin(rules, cond, side: str | None = None, target: str | None = None) -> Margin:
    """A function state -> margin for ``cond`` (``side``/``target`` fill 'self' and 'target')."""
    ctx = Context(side=side, target=target)
    if cond is None:
        return lambda s: _INF

    def side_of(ref: str) -> str | None:
        if ref == "self":
            return side
        if ref == "other":
            return other_side(rules, side) if side else None
        return ref

    def front_of(ref: str) -> str | None:
        return target if ref == "target" else ref

    t = type(cond)
    lo, hi = getattr(cond, "min", None), getattr(cond, "max", None)
    if t is C.TrackIs:
        return _in_table("tracks", cond.track, lo, hi)
    if t is C.YearIs:
        return _range(lambda s: s.year, cond)
    if t in (C.PowerIs, C.IncomeIs, C.StandingIs, C.Leads):
        sid = side_of(cond.side)
        if sid is None:
            return _binary(rules, cond, ctx)
        if t is C.PowerIs:
            return _in_table("power", sid, lo, hi)
        if t is C.IncomeIs:
            return _in_table("income", sid, lo, hi)
        front = front_of(cond.front)
        if front is None:
            return _binary(rules, cond, ctx)
        if t is C.StandingIs:
            return _in_row(front, sid, lo, hi)
        oid = other_side(rules, sid)
        by = cond.by

        def leads(s):
            row = s.standing[front]
            return row[sid] - row[oid] - by

        return leads
    if t is C.AllOf:
        return _min_of([compile_margin(rules, c, side, target) for c in cond.of])
    if t is C.AnyOf:
        return _max_of([compile_margin(rules, c, side, target) for c in cond.of])
    if t is C.NotOf:
        inner = compile_margin(rules, cond.of, side, target)
        return lambda s: -inner(s) - 1
    return _binary(rules, cond, ctx)


def _binary(rules, cond, ctx: Context) -> Margin:
    """Flags, fired cards, orders and anything newer: holds or one step away."""
    if cond is None:
        return lambda s: 0.0  # ``holds`` of no condition
    test = compiled(rules).condition(cond)  # what ``holds`` would look up at every call
    return lambda s: 0.0 if test(s, ctx) else -BINARY_GAP
