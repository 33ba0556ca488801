"""Rule steps of the quiet working copies written out as Python source, once per rule set.

The computer players' look-ahead runs the same few rule lists (the yearly
trends, each front's payouts) tens of thousands of times a game on quiet
working copies (``ai.forward.QuietWork``, which keep no log).  Run through
the closures of ``engine.compiled`` each rule costs a chain of calls: the
condition's closure and its parts', the effects' sequence, each effect's
closure.  Here a whole list of rules becomes one function whose source has
the ids, bounds and deltas written in and the context (side, front) worked
out when it is made, so a rule is an ``if`` over dictionary reads and its
effects a few assignments.

It does exactly what the closures of ``compiled_quiet`` do, in the same
order, with the same clamping:

* conditions read the same values and compare them the same way
  (``condition_source`` follows ``Compiled._condition`` case by case);
* shifts of tracks and standings clamp as ``Compiled._quiet_shift``, power
  and income stay at 0 or above as ``max(0, ...)`` does, flags are set and
  cleared;
* anything else (a chance, a card moved, a line said) calls the very
  closure the rules would have run, with the same context.

Only rule lists whose effects cannot end the game are written out (an
``end`` effect anywhere in them, and the engine's own loop runs them): then
the game cannot end part-way, and the checks of ``w.ending`` between the
rules and between the effects, which the closures make, all pass.
``tests/test_generated.py`` runs both ways on many positions and compares.
"""

from __future__ import annotations

from eurasia_game.model import conditions as C
from eurasia_game.model import effects as E

# Effects written out in the source; any other is called as its closure.
_INLINE_EFFECTS = (E.ShiftTrack, E.ShiftStanding, E.GainPower, E.ChangeIncome, E.SetFlag, E.When)


def can_end(effects) -> bool:
    """Whether any of ``effects`` (inside chances and conditions too) can end the game."""
    for e in effects:
        if isinstance(e, E.EndGame):
            return True
        if isinstance(e, (E.Chance, E.When)) and (can_end(e.then) or can_end(e.otherwise)):
            return True
    return False


class Unsupported(Exception):
    """Raised while writing source whose reads or writes its ``Places`` cannot express."""


class Places:
    """Where generated source reads and writes the state's values: the tables of ``s`` (or of
    the working copy ``w``), held in the locals ``T``, ``S``, ``P``, ``I`` and ``F``.

    Another kind of places (``ai.judgement``) keeps each value in a local variable of its
    own; it refuses (``Unsupported``) what it cannot hold, and anything that needs a closure.
    """

    year = "s.year"
    flags = "F"
    fired = "s.fired"
    orders = "s.orders_done"
    closures = True  # whether the source may call the rules' closures on ``w`` / ``s``
    say = True  # whether a line said is said (quiet copies' ``log`` does nothing either way)
    # A variable holding the die every chance rolls (a stratified judgement's single
    # quantile, ``ai.forward.StratifiedWork``), or None: chances call their closures.
    roll = None
    # Whether cards triggered may be left out (a judgement that never fires the queue).
    drop_cards = False

    def track(self, key: str) -> str:
        return f"T[{key!r}]"

    def standing(self, front, side) -> str:
        return f"S[{front!r}][{side!r}]"

    def power(self, side) -> str:
        return f"P[{side!r}]"

    def income(self, side) -> str:
        return f"I[{side!r}]"


TABLES = Places()


class Source:
    """The lines of one generated function and the objects its source refers to by name."""

    def __init__(self, code, places: Places = TABLES):
        self.code = code  # the ``Compiled`` whose closures the source falls back on
        self.places = places
        self.prologue: dict[str, str] = {}  # lines run once ``s`` is set, by the name they set
        self.prologue_at = 0  # where they go among the lines
        self.lines: list[str] = []
        self.names: dict[str, object] = {}
        self._ids: dict[int, str] = {}
        self._temps = 0

    def const(self, value) -> str:
        """A name in the function's namespace bound to ``value`` (kept alive with it)."""
        name = self._ids.get(id(value))
        if name is None:
            name = self._ids[id(value)] = f"_k{len(self._ids)}"
            self.names[name] = value
        return name

    def temp(self) -> str:
        self._temps += 1
        return f"_t{self._temps}"

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def function(self, name: str, args: str):
        """Compile the lines as ``def name(args)`` and return the function."""
        lines = self.lines[: self.prologue_at] + list(self.prologue.values()) + self.lines[self.prologue_at :]
        text = f"def {name}({args}):\n" + "\n".join(lines or ["    pass"]) + "\n"
        namespace = dict(self.names)
        exec(compile(text, f"<rules: {name}>", "exec"), namespace)
        fn = namespace[name]
        fn.source = text
        return fn


# --- conditions -------------------------------------------------------------------


def condition_source(src: Source, cond, side, target, ctx) -> str:
    """A Python expression over ``s`` (and its tables ``T``, ``S``, ``P``, ``I``, ``F``) that is
    true when ``cond`` holds for a rule run in ``ctx`` (whose ``side`` and ``target`` are given)."""
    code = src.code
    at = src.places
    t = type(cond)
    if cond is None:
        return "True"
    if t is C.TrackIs:
        return _range(at.track(cond.track), cond.min, cond.max)
    if t is C.StandingIs:
        return _range(at.standing(_front(cond.front, target), _side(code, cond.side, side)), cond.min, cond.max)
    if t is C.Leads:
        me = _side(code, cond.side, side)
        rival = code.second if me == code.first else code.first
        front = _front(cond.front, target)
        return f"({at.standing(front, me)} - {at.standing(front, rival)} >= {cond.by!r})"
    if t is C.PowerIs:
        return _range(at.power(_side(code, cond.side, side)), cond.min, cond.max)
    if t is C.IncomeIs:
        return _range(at.income(_side(code, cond.side, side)), cond.min, cond.max)
    if t is C.YearIs:
        return _range(at.year, cond.min, cond.max)
    if t is C.FlagSet:
        return f"({cond.flag!r} in {at.flags})"
    if t is C.Fired:
        return f"({cond.card!r} in {at.fired})"
    if t is C.AllOf:
        parts = [condition_source(src, c, side, target, ctx) for c in cond.of]
        return "(" + " and ".join(parts) + ")" if parts else "True"
    if t is C.AnyOf:
        parts = [condition_source(src, c, side, target, ctx) for c in cond.of]
        return "(" + " or ".join(parts) + ")" if parts else "False"
    if t is C.NotOf:
        return f"(not {condition_source(src, cond.of, side, target, ctx)})"
    if t is C.Ordered:
        who = _side(code, cond.side, side)
        front = _front(cond.front, target) if cond.front else None
        if at.orders == "()":
            return "False"  # no order made
        if at.orders == "s.orders_done":
            # The orders made, read once as (side, action, front) and (side, action) sets: no
            # generated step carries out an order, so they stay what they were all along.
            if front is None:
                src.prologue["DONE2"] = "    DONE2 = {(o.side, o.action) for o in s.orders_done}"
                return f"(({who!r}, {cond.action!r}) in DONE2)"
            src.prologue["DONE3"] = "    DONE3 = {(o.side, o.action, o.target) for o in s.orders_done}"
            return f"(({who!r}, {cond.action!r}, {front!r}) in DONE3)"
        where = "" if front is None else f" and o.target == {front!r}"
        return f"any(o.side == {who!r} and o.action == {cond.action!r}{where} for o in {at.orders})"
    # Anything newer: its own closure.
    if not at.closures:
        raise Unsupported(t.__name__)
    return f"{src.const(code.condition(cond))}(s, {src.const(ctx)})"


def _range(value: str, lo, hi) -> str:
    if lo is None:
        return f"({value} <= {hi!r})"
    if hi is None:
        return f"({value} >= {lo!r})"
    return f"({lo!r} <= {value} <= {hi!r})"


def _side(code, ref: str, side):
    """The side a rule names, in a context of ``side`` (as ``Compiled.side_of``)."""
    if ref == "self":
        return side
    if ref == "other":
        return code.second if side == code.first else code.first
    return ref


def _front(ref: str, target):
    return target if ref == "target" else ref


# --- effects ----------------------------------------------------------------------


def effects_source(src: Source, effects, indent: int, side, target, ctx) -> None:
    """Statements applying ``effects`` (none of which can end the game) to ``w``, quietly."""
    if not effects:
        src.emit(indent, "pass")
        return
    for e in effects:
        _effect_source(src, e, indent, side, target, ctx)


def _clamp(src: Source, indent: int, place: str, delta, lo, hi) -> None:
    v = src.temp()
    src.emit(indent, f"{v} = {place} + {delta!r}")
    src.emit(indent, f"if {v} > {hi!r}: {v} = {hi!r}")
    src.emit(indent, f"if {v} < {lo!r}: {v} = {lo!r}")
    src.emit(indent, f"{place} = {v}")


def _effect_source(src: Source, e, indent: int, side, target, ctx) -> None:
    code = src.code
    at = src.places
    t = type(e)
    if t is E.ShiftTrack and e.track in code.track_bounds:
        lo, hi = code.track_bounds[e.track]
        _clamp(src, indent, at.track(e.track), e.delta, lo, hi)
        return
    if t is E.ShiftStanding:
        front = _front(e.front, target)
        if front in code.front_bounds:
            lo, hi = code.front_bounds[front]
            _clamp(src, indent, at.standing(front, _side(code, e.side, side)), e.delta, lo, hi)
            return
    if t is E.GainPower or t is E.ChangeIncome:
        who = _side(code, e.side, side)
        place = at.power(who) if t is E.GainPower else at.income(who)
        v = src.temp()
        src.emit(indent, f"{v} = {place} + {e.delta!r}")
        src.emit(indent, f"{place} = {v} if {v} > 0 else 0")  # max(0, ...)
        return
    if t is E.SetFlag:
        src.emit(indent, f"{at.flags}.{'add' if e.value else 'discard'}({e.flag!r})")
        return
    if t is E.Say and not at.say:
        src.emit(indent, "pass")  # a quiet copy says nothing
        return
    if t is E.Chance and at.roll is not None:
        # ``Compiled._effect``'s chance with the die already cast (nothing logged).
        src.emit(indent, f"if {at.roll} < {e.percent!r}:")
        effects_source(src, e.then, indent + 1, side, target, ctx)
        src.emit(indent, "else:")
        effects_source(src, e.otherwise, indent + 1, side, target, ctx)
        return
    if t is E.TriggerCard and at.drop_cards:
        src.emit(indent, "pass")  # the queue is never read after this judgement
        return
    if t is E.When:
        src.emit(indent, f"if {condition_source(src, e.condition, side, target, ctx)}:")
        effects_source(src, e.then, indent + 1, side, target, ctx)
        if e.otherwise:
            src.emit(indent, "else:")
            effects_source(src, e.otherwise, indent + 1, side, target, ctx)
        return
    # A chance, a line said, a card moved...: the effect's own closure.
    if not at.closures:
        raise Unsupported(t.__name__)
    src.emit(indent, f"{src.const(code.effect(e))}(w, {src.const(ctx)})")


_TABLES = "T = s.tracks; S = s.standing; P = s.power; I = s.income; F = s.flags"


def rules_step(code, rule_defs, side=None, target=None):
    """``fn(w)`` running ``rule_defs`` on a quiet working copy as ``flow._apply_rules`` does
    (stopping at once if the game has ended), or None when one of their effects can end the game."""
    if any(can_end(r.effects) for r in rule_defs):
        return None
    src = Source(code)
    ctx = code.context(side, target)
    src.emit(1, "if w.ending is not None: return")
    src.emit(1, "s = w; " + _TABLES)
    src.prologue_at = len(src.lines)
    for r in rule_defs:
        src.emit(1, f"if {condition_source(src, r.condition, side, target, ctx)}:")
        effects_source(src, r.effects, 2, side, target, ctx)
    return src.function("rules_step", "w")


def years_step(code, steps, sides):
    """``fn(w, years)`` playing ``years`` passive years on a quiet working copy whose game has not
    ended: each side's income added to its power, then ``steps`` ((rule, context side, front)
    in order), then the year moves on; None when an effect of the steps can end the game."""
    if any(can_end(r.effects) for r, _, _ in steps):
        return None
    src = Source(code)
    src.emit(1, "s = w; " + _TABLES)
    src.prologue_at = len(src.lines)
    src.emit(1, "for _ in range(years):")
    for side in sides:
        src.emit(2, f"P[{side!r}] += I[{side!r}]")
    for r, side, target in steps:
        ctx = code.context(side, target)
        src.emit(2, f"if {condition_source(src, r.condition, side, target, ctx)}:")
        effects_source(src, r.effects, 3, side, target, ctx)
    src.emit(2, "w.year += 1")
    return src.function("years_step", "w, years")


def _block(src: Source, effects, indent: int, side, target, ctx) -> None:
    """``effects`` run as a rule's body (``Compiled.body``) right after the game was seen to go on:
    written out when none can end the game, else the body's own closure (with its checks)."""
    if can_end(effects):
        src.emit(indent, f"{src.const(src.code.body(effects))}(w, {src.const(ctx)})")
    else:
        effects_source(src, effects, indent, side, target, ctx)


def resolution_step(code, fronts, red_lines):
    """``fn(w)``: what ``flow._resolve`` does on a quiet working copy once the orders are carried
    out: each front's payouts (``front.resolution``, in the front's context), then Beijing's red
    lines (a line crossed once is passed over when it is ``once``), stopping as soon as the game
    has ended; nothing is logged."""
    src = Source(code)
    src.emit(1, "s = w; " + _TABLES)
    src.prologue_at = len(src.lines)
    for front in fronts:
        ctx = code.context(None, front.id)
        for r in front.resolution:
            src.emit(1, "if w.ending is not None: return")
            src.emit(1, f"if {condition_source(src, r.condition, None, front.id, ctx)}:")
            _block(src, r.effects, 2, None, front.id, ctx)
    ctx = code.context()
    for line in red_lines:
        src.emit(1, "if w.ending is not None: return")
        indent = 1
        if line.once:
            src.emit(1, f"if {line.id!r} not in w.crossed:")
            indent = 2
        src.emit(indent, f"if {condition_source(src, line.condition, None, None, ctx)}:")
        src.emit(indent + 1, f"w.crossed.append({line.id!r})")
        _block(src, line.effects, indent + 1, None, None, ctx)
    return src.function("resolution_step", "w")


def order_step(code, effects, side, target):
    """``fn(w)`` carrying out an order's ``effects`` for ``side`` at ``target`` on a quiet working
    copy whose game has not ended, as ``Compiled.body(effects)`` does in that context."""
    src = Source(code)
    src.emit(1, "s = w; " + _TABLES)
    src.prologue_at = len(src.lines)
    _block(src, effects, 1, side, target, code.context(side, target))
    return src.function("order_step", "w")


def failing_cards(code, events):
    """``fn(s) -> set``: the ids of the cards of ``events`` whose draw condition does not hold
    in ``s`` (cards without one always may be drawn), every condition judged once, in order."""
    src = Source(code)
    src.emit(1, _TABLES)
    src.prologue_at = len(src.lines)
    src.emit(1, "out = set()")
    ctx = code.context()
    for e in events:
        if e.condition is not None:
            src.emit(1, f"if not {condition_source(src, e.condition, None, None, ctx)}: out.add({e.id!r})")
    src.emit(1, "return out")
    return src.function("failing_cards", "s")
