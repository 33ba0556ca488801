"""Conditions and effects turned into plain Python closures, once per rule set.

A rule file's conditions and effects are small pydantic models; reading one
means a chain of type tests and attribute look-ups every time it is judged
or applied, thousands of times a game.  ``compiled(rules)`` walks each one
the first time it is needed and keeps a closure with the ids, bounds and
deltas already in hand:

* a condition becomes ``fn(state, ctx) -> bool``; ``state`` is anything with
  the game state's field names (a ``GameState``, a working copy, a view);
* an effect, or a list of effects, becomes ``fn(work, ctx)`` that changes a
  working copy (``engine.work.Work``) exactly as the rules say, through the
  working copy's own methods for rolls, log lines and endings (so a quiet
  working copy of the computer players still keeps no log).

``ctx`` is an ``engine.context.Context``: 'self', 'other' and 'target' are
read from it when the closure runs.  Rule sets are immutable, so the
closures are kept with the rule set (by identity) and with each model.
"""

from __future__ import annotations

from functools import partial

from eurasia_game.engine.context import Context
from eurasia_game.engine.words import fill_words
from eurasia_game.model import conditions as C
from eurasia_game.model import effects as E


def _nothing(w, ctx) -> None:
    return None


def _always(state, ctx) -> bool:
    return True


class Compiled:
    """The closures of one rule set's conditions and effects, made on first use."""

    def __init__(self, rules, keep_moves: bool = True):
        self.rules = rules
        # False for the quiet working copies of the look-ahead (``ai.forward.QuietWork``):
        # they keep no log, so the effects skip noting what they moved for it.
        self.keep_moves = keep_moves
        a, b = rules.side_ids
        self.first, self.second = a, b
        self.track_bounds = {t.id: (t.min, t.max) for t in rules.tracks}
        self.front_bounds = {f.id: (f.min, f.max) for f in rules.fronts}
        self.card_order = {e.id: i for i, e in enumerate(rules.events)}
        # What a track or a standing is called in ``LogEvent.moved``, and the
        # order moves are listed in: tracks, then each front's sides.
        self.standing_key = {(f.id, s): f"{f.id}/{s}" for f in rules.fronts for s in rules.side_ids}
        self.move_order = {key: i for i, key in enumerate([*(t.id for t in rules.tracks), *self.standing_key.values()])}
        self._conditions: dict[int, tuple] = {}
        self._effects: dict[int, tuple] = {}
        self._lists: dict[int, tuple] = {}
        self._rules: dict[int, tuple] = {}
        self._contexts: dict[tuple, object] = {}

    # --- look-ups, by identity of the model (kept alive with its closure) -------
    def condition(self, cond):
        """``fn(state, ctx) -> bool`` for a condition; None holds always."""
        known = self._conditions.get(id(cond))
        if known is not None and known[0] is cond:
            return known[1]
        fn = _always if cond is None else self._condition(cond)
        if len(self._conditions) > 20_000:
            self._conditions.clear()
        self._conditions[id(cond)] = (cond, fn)
        return fn

    def effect(self, effect):
        """``fn(work, ctx)`` applying one effect."""
        known = self._effects.get(id(effect))
        if known is not None and known[0] is effect:
            return known[1]
        fn = self._effect(effect)
        if len(self._effects) > 20_000:
            self._effects.clear()
        self._effects[id(effect)] = (effect, fn)
        return fn

    def effects(self, effects):
        """``fn(work, ctx)`` applying a list of effects in order, stopping once the game has ended.

        Meant for the lists held by the rules (a card's, an action's...): a
        list is known by its identity, so a list built for one call should
        go through ``Work.apply`` instead.
        """
        known = self._lists.get(id(effects))
        if known is not None and known[0] is effects:
            return known[1]
        fn = self._sequence(effects)
        if len(self._lists) > 20_000:
            self._lists.clear()
        self._lists[id(effects)] = (effects, fn)
        return fn

    def context(self, side=None, target=None, card=None):
        """The ``Context`` of a side acting at a target or a card, one shared immutable value each."""
        key = (side, target, card)
        found = self._contexts.get(key)
        if found is None:
            if len(self._contexts) > 10_000:
                self._contexts.clear()
            found = self._contexts[key] = Context(side=side, target=target, card=card)
        return found

    def body(self, effects):
        """Like ``effects``, for a caller that has just seen the game go on (no ending yet).

        A single effect is then its own closure, without the check that the
        game has not ended before it.
        """
        if len(effects) == 1:
            return self.effect(effects[0])
        return self.effects(effects)

    def rules_of(self, rule_defs) -> tuple:
        """(condition, log template or None, effects) of each rule of a list (yearly trends, a front's payouts)."""
        known = self._rules.get(id(rule_defs))
        if known is not None and known[0] is rule_defs:
            return known[1]
        made = tuple((self.condition(r.condition), r.log or None, self.body(r.effects)) for r in rule_defs)
        self._rules[id(rule_defs)] = (rule_defs, made)
        return made

    # --- sides and fronts named in a rule ---------------------------------------
    def side_of(self, ref: str):
        """A function of the context giving the side a rule names ('self', 'other' or an id)."""
        if ref == "self":
            return _ctx_side
        if ref == "other":
            a, b = self.first, self.second
            return lambda ctx: b if ctx.side == a else a
        return lambda ctx: ref

    # --- conditions -------------------------------------------------------------
    def _condition(self, c):
        t = type(c)
        if t is C.TrackIs:
            key, lo, hi = c.track, c.min, c.max
            if lo is None:
                return lambda s, ctx: s.tracks[key] <= hi
            if hi is None:
                return lambda s, ctx: s.tracks[key] >= lo
            return lambda s, ctx: lo <= s.tracks[key] <= hi
        if t is C.StandingIs:
            lo, hi = c.min, c.max
            if c.side not in ("self", "other") and c.front != "target":  # one front, one side, named: read in place
                front, fixed = c.front, c.side
                if lo is None:
                    return lambda s, ctx: s.standing[front][fixed] <= hi
                if hi is None:
                    return lambda s, ctx: s.standing[front][fixed] >= lo
                return lambda s, ctx: lo <= s.standing[front][fixed] <= hi
            if c.side not in ("self", "other"):  # a named side at the rule's front (a front's payouts)
                fixed = c.side
                if lo is None:
                    return lambda s, ctx: s.standing[ctx.target][fixed] <= hi
                if hi is None:
                    return lambda s, ctx: s.standing[ctx.target][fixed] >= lo
                return lambda s, ctx: lo <= s.standing[ctx.target][fixed] <= hi
            return _range(self._standing_getter(c.front, c.side), lo, hi)
        if t is C.Leads:
            side, by = self.side_of(c.side), c.by
            a, b = self.first, self.second
            front = c.front
            if c.side not in ("self", "other"):  # a side named: its rival is known too, read in place
                me = c.side
                rival = b if me == a else a
                if front == "target":
                    return lambda s, ctx: (row := s.standing[ctx.target])[me] - row[rival] >= by
                return lambda s, ctx: (row := s.standing[front])[me] - row[rival] >= by

            def leads(s, ctx):
                me = side(ctx)
                row = s.standing[ctx.target if front == "target" else front]
                return row[me] - row[b if me == a else a] >= by

            return leads
        if t is C.PowerIs:
            if c.side not in ("self", "other"):  # a side named: read in place
                return _fixed_range("power", c.side, c.min, c.max)
            side = self.side_of(c.side)
            return _range(lambda s, ctx: s.power[side(ctx)], c.min, c.max)
        if t is C.IncomeIs:
            if c.side not in ("self", "other"):
                return _fixed_range("income", c.side, c.min, c.max)
            side = self.side_of(c.side)
            return _range(lambda s, ctx: s.income[side(ctx)], c.min, c.max)
        if t is C.YearIs:
            lo, hi = c.min, c.max
            if lo is None:
                return lambda s, ctx: s.year <= hi
            if hi is None:
                return lambda s, ctx: s.year >= lo
            return lambda s, ctx: lo <= s.year <= hi
        if t is C.FlagSet:
            flag = c.flag
            return lambda s, ctx: flag in s.flags
        if t is C.Fired:
            card = c.card
            return lambda s, ctx: card in s.fired
        if t is C.Ordered:
            side, action, front_ref = self.side_of(c.side), c.action, c.front

            def ordered(s, ctx):
                who = side(ctx)
                front = (ctx.target if front_ref == "target" else front_ref) if front_ref else None
                for o in s.orders_done:  # (``any`` over them, without a generator)
                    if o.side == who and o.action == action and (front is None or o.target == front):
                        return True
                return False

            return ordered
        if t is C.AllOf:
            parts = tuple(self.condition(x) for x in c.of)
            if len(parts) == 1:
                return parts[0]
            if len(parts) == 2:
                first, second = parts
                return lambda s, ctx: first(s, ctx) and second(s, ctx)
            if len(parts) == 3:
                first, second, third = parts
                return lambda s, ctx: first(s, ctx) and second(s, ctx) and third(s, ctx)

            def every(s, ctx):  # (``all`` over the parts, without a generator)
                for p in parts:
                    if not p(s, ctx):
                        return False
                return True

            return every
        if t is C.AnyOf:
            parts = tuple(self.condition(x) for x in c.of)
            if len(parts) == 1:
                return parts[0]
            if len(parts) == 2:
                first, second = parts
                return lambda s, ctx: first(s, ctx) or second(s, ctx)
            if len(parts) == 3:
                first, second, third = parts
                return lambda s, ctx: first(s, ctx) or second(s, ctx) or third(s, ctx)

            def some(s, ctx):  # (``any`` over the parts, without a generator)
                for p in parts:
                    if p(s, ctx):
                        return True
                return False

            return some
        if t is C.NotOf:
            inner = self.condition(c.of)
            return lambda s, ctx: not inner(s, ctx)
        raise TypeError(f"unknown condition {t.__name__}")  # pragma: no cover - the vocabulary is closed

    def _standing_getter(self, front_ref: str, side_ref: str):
        """``get(state, ctx)``: the standing on a front of the side a rule names by 'self' or 'other'.

        A side named by its id is read in place by ``_condition`` instead.
        """
        side = self.side_of(side_ref)
        if front_ref == "target":
            return lambda s, ctx: s.standing[ctx.target][side(ctx)]
        return lambda s, ctx: s.standing[front_ref][side(ctx)]

    # --- effects ----------------------------------------------------------------
    def _sequence(self, effects):
        fns = tuple(self.effect(e) for e in effects)
        if not fns:
            return _nothing
        if len(fns) == 1:
            only = fns[0]

            def one(w, ctx):
                if w.ending is None:
                    only(w, ctx)

            return one
        if len(fns) == 2:
            first, second = fns

            def two(w, ctx):
                if w.ending is None:
                    first(w, ctx)
                    if w.ending is None:
                        second(w, ctx)

            return two

        def run(w, ctx):
            for fn in fns:
                if w.ending is not None:
                    return
                fn(w, ctx)

        return run

    def _effect(self, e):
        t = type(e)
        if not self.keep_moves and (t is E.ShiftTrack or t is E.ShiftStanding):
            return self._quiet_shift(e)
        if t is E.ShiftTrack:
            key, delta = e.track, e.delta
            if key not in self.track_bounds:  # not a track of these rules: fails when applied, as it always did
                return lambda w, ctx: self.rules.track[key]
            lo, hi = self.track_bounds[key]

            def shift_track(w, ctx):
                tracks = w.tracks
                old = tracks[key]
                new = max(lo, min(hi, old + delta))
                if new != old:
                    tracks[key] = new
                    moves = w.moves
                    moves[key] = moves.get(key, 0) + new - old

            return shift_track
        if t is E.ShiftStanding:
            side, delta, front_ref = self.side_of(e.side), e.delta, e.front
            bounds, names = self.front_bounds, self.standing_key
            if e.side == "self" and front_ref == "target":  # the usual order: its side, at its front
                def shift_own(w, ctx):
                    front, who = ctx.target, ctx.side
                    lo, hi = bounds[front]
                    row = w.standing[front]
                    old = row[who]
                    new = max(lo, min(hi, old + delta))
                    if new != old:
                        row[who] = new
                        key = names.get((front, who)) or f"{front}/{who}"
                        moves = w.moves
                        moves[key] = moves.get(key, 0) + new - old

                return shift_own
            if e.side not in ("self", "other") and front_ref in bounds:  # one front, one side, named
                lo, hi = bounds[front_ref]
                key = names.get((front_ref, e.side)) or f"{front_ref}/{e.side}"
                fixed = e.side

                def shift_fixed(w, ctx):
                    row = w.standing[front_ref]
                    old = row[fixed]
                    new = max(lo, min(hi, old + delta))
                    if new != old:
                        row[fixed] = new
                        moves = w.moves
                        moves[key] = moves.get(key, 0) + new - old

                return shift_fixed

            def shift_standing(w, ctx):
                front = ctx.target if front_ref == "target" else front_ref
                lo, hi = bounds[front]
                row = w.standing[front]
                who = side(ctx)
                old = row[who]
                new = max(lo, min(hi, old + delta))
                if new != old:
                    row[who] = new
                    key = names.get((front, who)) or f"{front}/{who}"
                    moves = w.moves
                    moves[key] = moves.get(key, 0) + new - old

            return shift_standing
        if t is E.GainPower:
            side, delta = self.side_of(e.side), e.delta
            if e.side not in ("self", "other"):
                fixed = e.side

                def gain_fixed(w, ctx):
                    power = w.power
                    value = power[fixed] + delta
                    power[fixed] = value if value > 0 else 0  # max(0, value), without the call

                return gain_fixed

            def gain_power(w, ctx):
                who = side(ctx)
                w.power[who] = max(0, w.power[who] + delta)

            return gain_power
        if t is E.ChangeIncome:
            side, delta = self.side_of(e.side), e.delta

            def change_income(w, ctx):
                who = side(ctx)
                w.income[who] = max(0, w.income[who] + delta)

            return change_income
        if t is E.SetFlag:
            flag = e.flag
            if e.value:
                return lambda w, ctx: w.flags.add(flag)
            return lambda w, ctx: w.flags.discard(flag)
        if t is E.Chance:
            percent, then, otherwise = e.percent, self.effects(e.then), self.effects(e.otherwise)

            def chance(w, ctx):
                rolled = w.chance_roll()
                success = rolled < percent
                w.log_roll(e, rolled, success, ctx)
                (then if success else otherwise)(w, ctx)

            return chance
        if t is E.When:
            test, then, otherwise = self.condition(e.condition), self.effects(e.then), self.effects(e.otherwise)
            return lambda w, ctx: (then if test(w, ctx) else otherwise)(w, ctx)
        if t is E.TriggerCard:
            card = e.card
            return lambda w, ctx: w.queue.append((card, False))
        if t is E.ShuffleIn:
            card, order = e.card, self.card_order

            def shuffle_in(w, ctx):
                if card not in w.deck:
                    w.deck.append(card)
                    w.deck.sort(key=order.__getitem__)

            return shuffle_in
        if t is E.RemoveCard:
            card = e.card

            def remove_card(w, ctx):
                if card in w.deck:
                    w.deck.remove(card)

            return remove_card
        if t is E.EndGame:
            ending = e.ending
            return lambda w, ctx: w.finish(ending, "effect")
        if t is E.Say:
            rules, template = self.rules, e.text
            return lambda w, ctx: w.log("say", partial(fill_words, rules, template, ctx.side, ctx.target), side=ctx.side, card=ctx.card)
        raise TypeError(f"unknown effect {t.__name__}")  # pragma: no cover - the vocabulary is closed


    def _quiet_shift(self, e):
        """A track or standing shift for a working copy that keeps no log: the value
        clamped to its bounds exactly as ``_effect``'s (``max(lo, min(hi, ...))``), nothing noted."""
        if type(e) is E.ShiftTrack:
            key, delta = e.track, e.delta
            if key not in self.track_bounds:
                return lambda w, ctx: self.rules.track[key]
            lo, hi = self.track_bounds[key]

            def shift_track(w, ctx):
                tracks = w.tracks
                new = tracks[key] + delta
                if new > hi:
                    new = hi
                if new < lo:
                    new = lo
                tracks[key] = new

            return shift_track
        side, delta, front_ref, bounds = self.side_of(e.side), e.delta, e.front, self.front_bounds
        if e.side == "self" and front_ref == "target":

            def shift_own(w, ctx):
                front = ctx.target
                lo, hi = bounds[front]
                row = w.standing[front]
                new = row[ctx.side] + delta
                if new > hi:
                    new = hi
                if new < lo:
                    new = lo
                row[ctx.side] = new

            return shift_own
        if e.side not in ("self", "other") and front_ref in bounds:
            lo, hi = bounds[front_ref]
            fixed = e.side

            def shift_fixed(w, ctx):
                row = w.standing[front_ref]
                new = row[fixed] + delta
                if new > hi:
                    new = hi
                if new < lo:
                    new = lo
                row[fixed] = new

            return shift_fixed
        if e.side not in ("self", "other") and front_ref == "target":
            fixed = e.side

            def shift_named(w, ctx):
                front = ctx.target
                lo, hi = bounds[front]
                row = w.standing[front]
                new = row[fixed] + delta
                if new > hi:
                    new = hi
                if new < lo:
                    new = lo
                row[fixed] = new

            return shift_named

        def shift_standing(w, ctx):
            front = ctx.target if front_ref == "target" else front_ref
            lo, hi = bounds[front]
            row = w.standing[front]
            who = side(ctx)
            new = row[who] + delta
            if new > hi:
                new = hi
            if new < lo:
                new = lo
            row[who] = new

        return shift_standing


def _ctx_side(ctx):
    return ctx.side


def _fixed_range(table: str, key: str, lo, hi):
    """A test that a named side's power or income lies in [lo, hi] (read in place, no getter between)."""
    if table == "power":
        if lo is None:
            return lambda s, ctx: s.power[key] <= hi
        if hi is None:
            return lambda s, ctx: s.power[key] >= lo
        return lambda s, ctx: lo <= s.power[key] <= hi
    if lo is None:
        return lambda s, ctx: s.income[key] <= hi
    if hi is None:
        return lambda s, ctx: s.income[key] >= lo
    return lambda s, ctx: lo <= s.income[key] <= hi


def _range(get, lo, hi):
    """A test that ``get(state, ctx)`` lies in [lo, hi]; either bound may be None."""
    if lo is None:
        return lambda s, ctx: get(s, ctx) <= hi
    if hi is None:
        return lambda s, ctx: get(s, ctx) >= lo
    return lambda s, ctx: lo <= get(s, ctx) <= hi


_COMPILED: dict[int, tuple] = {}
_QUIET: dict[int, tuple] = {}


def compiled(rules) -> Compiled:
    """The closures of ``rules`` (made once per rule set, kept by identity)."""
    known = _COMPILED.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    made = Compiled(rules)
    if len(_COMPILED) > 64:
        _COMPILED.clear()
    _COMPILED[id(rules)] = (rules, made)
    return made


def compiled_quiet(rules) -> Compiled:
    """The closures of ``rules`` for working copies that keep no log (the same numbers, no notes of what moved)."""
    known = _QUIET.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    made = Compiled(rules, keep_moves=False)
    if len(_QUIET) > 64:
        _QUIET.clear()
    _QUIET[id(rules)] = (rules, made)
    return made
