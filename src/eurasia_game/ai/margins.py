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
from eurasia_game.engine.generated import Source, condition_source
from eurasia_game.engine.work import Context, holds, other_side
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
    return lambda s: 0.0 if holds(rules, s, cond, ctx) else -BINARY_GAP


# --- many margins at once ---------------------------------------------------------


_MARGINS: dict[tuple, tuple] = {}


def margins_function(rules, conds: list):
    """``fn(state) -> list``: the margins of ``conds`` (as ``compile_margin(rules, cond)`` gives
    them, in order) worked out by one generated function.

    A position is judged on every margin of the scenario's endings and the
    sides' objectives, twice (now and projected); one function with the
    tracks and fronts read in place spares the chain of closures of each.
    The arithmetic is ``compile_margin``'s, step for step.  Made once per
    rule set and list of conditions (every planner of a game asks for the same).
    """
    key = (id(rules), *map(id, conds))
    known = _MARGINS.get(key)
    if known is not None and known[0] is rules and all(a is b for a, b in zip(known[1], conds)):
        return known[2]
    fn = _margins_function(rules, conds)
    if len(_MARGINS) > 64:
        _MARGINS.clear()
    _MARGINS[key] = (rules, tuple(conds), fn)
    return fn


def _margins_function(rules, conds: list):
    src = Source(compiled(rules))
    src.emit(1, "T = s.tracks; S = s.standing; P = s.power; I = s.income; F = s.flags")
    src.prologue_at = len(src.lines)
    names = [margin_source(rules, src, cond) for cond in conds]
    src.emit(1, "return [" + ", ".join(names) + "]")
    return src.function("margins", "s")


def margin_source(rules, src: Source, cond, side=None, target=None, indent: int = 1) -> str:
    """Statements setting a new variable to ``cond``'s margin (``compile_margin``'s arithmetic,
    reading the values where ``src.places`` keeps them); returns the variable's name."""
    out = src.temp()
    at = src.places
    if cond is None:
        src.emit(indent, f"{out} = {src.const(_INF)}")
        return out

    def side_of(ref: str):
        if ref == "self":
            return side
        if ref == "other":
            return other_side(rules, side) if side else None
        return ref

    t = type(cond)
    lo, hi = getattr(cond, "min", None), getattr(cond, "max", None)
    value = None
    if t is C.TrackIs:
        value = at.track(cond.track)
    elif t is C.YearIs:
        value = at.year
    elif t in (C.PowerIs, C.IncomeIs, C.StandingIs, C.Leads):
        sid = side_of(cond.side)
        front = target if getattr(cond, "front", None) == "target" else getattr(cond, "front", None)
        if sid is None or (t in (C.StandingIs, C.Leads) and front is None):
            value = None
        elif t is C.PowerIs:
            value = at.power(sid)
        elif t is C.IncomeIs:
            value = at.income(sid)
        elif t is C.StandingIs:
            value = at.standing(front, sid)
        else:
            oid = other_side(rules, sid)
            src.emit(indent, f"{out} = {at.standing(front, sid)} - {at.standing(front, oid)} - {cond.by!r}")
            return out
        if value is None:
            return _binary_source(rules, src, cond, side, target, out, indent)
    elif t is C.AllOf or t is C.AnyOf:
        parts = [margin_source(rules, src, c, side, target, indent) for c in cond.of]
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            x, y = parts
            src.emit(indent, f"{out} = {y} if {y} {'<' if t is C.AllOf else '>'} {x} else {x}")
        else:
            src.emit(indent, f"{out} = {'min' if t is C.AllOf else 'max'}([{', '.join(parts)}])")
        return out
    elif t is C.NotOf:
        inner = margin_source(rules, src, cond.of, side, target, indent)
        src.emit(indent, f"{out} = -{inner} - 1")
        return out
    else:
        return _binary_source(rules, src, cond, side, target, out, indent)
    # A value in a range (the arithmetic of ``_range``, ``_in_table`` and ``_in_row``).
    if lo is not None and hi is not None:
        below, above = src.temp(), src.temp()
        src.emit(indent, f"{below} = {value} - {lo!r}; {above} = {hi!r} - {value}")
        src.emit(indent, f"{out} = {above} if {above} < {below} else {below}")
    elif lo is not None:
        src.emit(indent, f"{out} = {value} - {lo!r}")
    else:
        src.emit(indent, f"{out} = {hi!r} - {value}")
    return out


def _binary_source(rules, src: Source, cond, side, target, out: str, indent: int) -> str:
    ctx = Context(side=side, target=target)
    src.emit(indent, f"{out} = 0.0 if {condition_source(src, cond, side, target, ctx)} else {-BINARY_GAP!r}")
    return out
