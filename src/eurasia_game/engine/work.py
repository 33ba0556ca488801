"""A mutable working copy of a game state, and the interpreters of conditions and effects.

The engine copies a ``GameState`` into a ``Work``, changes it while resolving
one step, and freezes the result into a new ``GameState``.  The input state is
never touched.  Conditions are evaluated against either (they share field
names); effects only ever change a ``Work``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from string import Template

from eurasia_game.engine import rng
from eurasia_game.engine.state import GameState, LogEvent
from eurasia_game.model import conditions as C
from eurasia_game.model import effects as E
from eurasia_game.model.ruleset import RuleSet


@dataclass(frozen=True, slots=True)
class Context:
    """Who is acting and at what, so 'self', 'other' and 'target' have meaning."""

    side: str | None = None
    target: str | None = None
    card: str | None = None


def other_side(rules: RuleSet, side: str) -> str:
    a, b = rules.side_ids
    return b if side == a else a


def resolve_side(rules: RuleSet, ref: str, ctx: Context) -> str:
    if ref == "self":
        return ctx.side
    if ref == "other":
        return other_side(rules, ctx.side)
    return ref


def resolve_front(ref: str, ctx: Context) -> str:
    return ctx.target if ref == "target" else ref


def _in_range(value: int, cond) -> bool:
    return (cond.min is None or value >= cond.min) and (cond.max is None or value <= cond.max)


def holds(rules: RuleSet, state, cond, ctx: Context = Context()) -> bool:
    """Whether a condition holds in ``state`` (a GameState or a Work)."""
    if cond is None:
        return True
    t = type(cond)
    if t is C.TrackIs:
        return _in_range(state.tracks[cond.track], cond)
    if t is C.StandingIs:
        return _in_range(state.standing[resolve_front(cond.front, ctx)][resolve_side(rules, cond.side, ctx)], cond)
    if t is C.Leads:
        side = resolve_side(rules, cond.side, ctx)
        front = state.standing[resolve_front(cond.front, ctx)]
        return front[side] - front[other_side(rules, side)] >= cond.by
    if t is C.PowerIs:
        return _in_range(state.power[resolve_side(rules, cond.side, ctx)], cond)
    if t is C.IncomeIs:
        return _in_range(state.income[resolve_side(rules, cond.side, ctx)], cond)
    if t is C.YearIs:
        return _in_range(state.year, cond)
    if t is C.FlagSet:
        return cond.flag in state.flags
    if t is C.Fired:
        return cond.card in state.fired
    if t is C.Ordered:
        side = resolve_side(rules, cond.side, ctx)
        front = resolve_front(cond.front, ctx) if cond.front else None
        return any(o.side == side and o.action == cond.action and (front is None or o.target == front) for o in state.orders_done)
    if t is C.AllOf:
        return all(holds(rules, state, c, ctx) for c in cond.of)
    if t is C.AnyOf:
        return any(holds(rules, state, c, ctx) for c in cond.of)
    if t is C.NotOf:
        return not holds(rules, state, cond.of, ctx)
    raise TypeError(f"unknown condition {t.__name__}")  # pragma: no cover - the vocabulary is closed


class Work:
    """A game state being changed during one step."""

    def __init__(self, rules: RuleSet, s: GameState):
        self.rules = rules
        self.scenario = s.scenario
        self.year = s.year
        self.phase = s.phase
        self.phase_done = s.phase_done
        self.to_act = s.to_act
        self.tracks = dict(s.tracks)
        self.power = dict(s.power)
        self.income = dict(s.income)
        self.standing = {f: dict(v) for f, v in s.standing.items()}
        self.flags = set(s.flags)
        self.deck = list(s.deck)
        self.fired = list(s.fired)
        self.crossed = list(s.crossed)
        self.queue = list(s.queue)
        self.dilemma = s.dilemma
        self.plans = dict(s.plans)
        self.committed = list(s.committed)
        self.orders_done = list(s.orders_done)
        self.rng = s.rng
        self.ending = s.ending
        self.snapshots = list(s.snapshots)
        self.steps = s.steps
        self.injects = list(s.injects)
        self.armed_from = s.armed_from
        self.luck = s.luck
        self.events: list[LogEvent] = []
        self.revealed = False
        self._mark = self._position()

    def freeze(self) -> GameState:
        self._settle()
        return GameState(
            scenario=self.scenario,
            year=self.year,
            phase=self.phase,
            phase_done=self.phase_done,
            to_act=self.to_act,
            tracks=self.tracks,
            power=self.power,
            income=self.income,
            standing=self.standing,
            flags=frozenset(self.flags),
            deck=tuple(self.deck),
            fired=tuple(self.fired),
            crossed=tuple(self.crossed),
            queue=tuple(self.queue),
            dilemma=self.dilemma,
            plans=self.plans,
            committed=tuple(self.committed),
            orders_done=tuple(self.orders_done),
            rng=self.rng,
            ending=self.ending,
            snapshots=tuple(self.snapshots),
            steps=self.steps,
            injects=tuple(self.injects),
            armed_from=self.armed_from,
            luck=self.luck,
        )

    # --- helpers used by the flow and by effects -----------------------------
    def log(self, kind: str, text: str, **extra) -> None:
        self._settle()
        self.events.append(LogEvent(kind=kind, text=text, year=self.year, **extra))

    # What moved between two log events is put on the earlier one: the engine
    # logs an order, a card or a rule just before applying its effects, so a
    # debrief can say which event moved which track.
    # The position is kept as tuples in the dicts' own (fixed) key order, so
    # the common case, nothing moved, is one cheap comparison.
    def _position(self) -> tuple:
        return tuple(self.tracks.values()), tuple(tuple(row.values()) for row in self.standing.values())

    def _settle(self) -> None:
        now = self._position()
        if self.events and now != self._mark:
            (tracks, rows), (old_tracks, old_rows) = now, self._mark
            moved = [(k, new - old) for k, new, old in zip(self.tracks, tracks, old_tracks) if new != old]
            for (front, row), values, old_values in zip(self.standing.items(), rows, old_rows):
                if values != old_values:
                    moved.extend((f"{front}/{side}", new - old) for side, new, old in zip(row, values, old_values) if new != old)
            last = self.events[-1]
            self.events[-1] = replace(last, moved=last.moved + tuple(moved))
        self._mark = now

    def say(self, key: str, kind: str, **values) -> None:
        self.log(kind, self.rules.text(key, **values))

    def roll(self, n: int) -> int:
        self.rng, value = rng.below(self.rng, n)
        return value

    def chance_roll(self) -> int:
        """The die of a chance effect, 0 to 99; a waiting what-if roll takes its seed."""
        if self.luck:
            skip, seed = self.luck
            if skip > 0:
                self.luck = (skip - 1, seed)
            else:
                self.rng = rng.seed_state(seed)
                self.luck = ()
        return self.roll(100)

    def log_roll(self, effect, rolled: int, success: bool, ctx: Context) -> None:
        """Log a chance's odds and roll; the numbers go in the event's data.

        data = (percent, rolled, success, stakes): stakes is 'ending' when the
        chance can end the game, 'track' when it can move a track, else ''.
        """
        key = "roll_hit" if success else "roll_miss"
        text = self.rules.text(key, percent=effect.percent, rolled=rolled)
        told = effect.success_text if success else effect.failure_text
        if told:
            text = f"{text} {self.fill(told, ctx)}"
        self.log("chance", text, side=ctx.side, card=ctx.card, data=(effect.percent, rolled, success, chance_stakes(effect)))

    def side_name(self, side: str) -> str:
        return self.rules.side[side].name

    def front_name(self, front: str | None) -> str:
        return self.rules.front[front].name if front else ""

    def fill(self, template: str, ctx: Context) -> str:
        """Fill $side, $other and $front in a log template from the rules."""
        values = {}
        if ctx.side:
            values["side"] = self.side_name(ctx.side)
            values["other"] = self.side_name(other_side(self.rules, ctx.side))
        if ctx.target:
            values["front"] = self.front_name(ctx.target)
        return Template(template).safe_substitute(values)

    # --- effects ---------------------------------------------------------------
    def apply(self, effects, ctx: Context) -> None:
        for effect in effects:
            if self.ending is not None:
                return
            self.apply_one(effect, ctx)

    def apply_one(self, effect, ctx: Context) -> None:
        rules = self.rules
        t = type(effect)
        if t is E.ShiftTrack:
            track = rules.track[effect.track]
            self.tracks[effect.track] = max(track.min, min(track.max, self.tracks[effect.track] + effect.delta))
        elif t is E.ShiftStanding:
            front_id = resolve_front(effect.front, ctx)
            front = rules.front[front_id]
            side = resolve_side(rules, effect.side, ctx)
            row = self.standing[front_id]
            row[side] = max(front.min, min(front.max, row[side] + effect.delta))
        elif t is E.GainPower:
            side = resolve_side(rules, effect.side, ctx)
            self.power[side] = max(0, self.power[side] + effect.delta)
        elif t is E.ChangeIncome:
            side = resolve_side(rules, effect.side, ctx)
            self.income[side] = max(0, self.income[side] + effect.delta)
        elif t is E.SetFlag:
            if effect.value:
                self.flags.add(effect.flag)
            else:
                self.flags.discard(effect.flag)
        elif t is E.Chance:
            rolled = self.chance_roll()
            success = rolled < effect.percent
            self.log_roll(effect, rolled, success, ctx)
            self.apply(effect.then if success else effect.otherwise, ctx)
        elif t is E.When:
            self.apply(effect.then if holds(rules, self, effect.condition, ctx) else effect.otherwise, ctx)
        elif t is E.TriggerCard:
            self.queue.append((effect.card, False))
        elif t is E.ShuffleIn:
            if effect.card not in self.deck:
                order = {e.id: i for i, e in enumerate(rules.events)}
                self.deck.append(effect.card)
                self.deck.sort(key=order.__getitem__)
        elif t is E.RemoveCard:
            if effect.card in self.deck:
                self.deck.remove(effect.card)
        elif t is E.EndGame:
            self.finish(effect.ending, "effect")
        elif t is E.Say:
            self.log("say", self.fill(effect.text, ctx), side=ctx.side, card=ctx.card)
        else:  # pragma: no cover - the vocabulary is closed
            raise TypeError(f"unknown effect {t.__name__}")

    def finish(self, ending_id: str, how: str = "check") -> None:
        """End the game; ``how`` says whether a check ('check') or an effect ('effect') ended it."""
        if self.ending is not None:
            return
        self.ending = ending_id
        self.to_act = None
        self.dilemma = None
        ending = self.rules.ending[ending_id]
        self.log("ending", self.rules.text("ending_reached", name=ending.name), data=(ending_id, how))
        self.snapshot()

    def snapshot(self) -> None:
        from eurasia_game.engine.state import Snapshot

        if self.snapshots and self.snapshots[-1].year == self.year:
            self.snapshots.pop()
        self.snapshots.append(
            Snapshot(year=self.year, tracks=dict(self.tracks), standing={f: dict(v) for f, v in self.standing.items()}, power=dict(self.power))
        )


# What a chance effect can do, by the effect object (rule sets are immutable):
# computed once per effect, kept with the effect so a reused id is never trusted.
_STAKES: dict[int, tuple] = {}


def chance_stakes(effect) -> str:
    """'ending' if a chance effect can end the game, 'track' if it can move a track, else ''."""
    known = _STAKES.get(id(effect))
    if known is not None and known[0] is effect:
        return known[1]
    effects = [*effect.then, *effect.otherwise]
    stakes = "ending" if _can(effects, E.EndGame) else "track" if _can(effects, E.ShiftTrack) else ""
    if len(_STAKES) > 10_000:
        _STAKES.clear()
    _STAKES[id(effect)] = (effect, stakes)
    return stakes


def _can(effects, kind) -> bool:
    for effect in effects:
        if isinstance(effect, kind):
            return True
        if isinstance(effect, (E.Chance, E.When)) and _can([*effect.then, *effect.otherwise], kind):
            return True
    return False
