"""A mutable working copy of a game state, and the interpreters of conditions and effects.

The engine copies a ``GameState`` into a ``Work``, changes it while resolving
one step, and freezes the result into a new ``GameState``.  The input state is
never touched.  Conditions are evaluated against either (they share field
names); effects only ever change a ``Work``.  Both run as closures compiled
once per rule set (``engine.compiled``); log lines are kept as data with
their words written on demand (``engine.words``).
"""

from __future__ import annotations

from functools import partial

from eurasia_game.engine import rng
from eurasia_game.engine.compiled import compiled
from eurasia_game.engine.context import Context
from eurasia_game.engine.state import GameState, LogEvent, Snapshot, make_state
from eurasia_game.engine.words import other_of, roll_words
from eurasia_game.model import effects as E
from eurasia_game.model.ruleset import RuleSet


def other_side(rules: RuleSet, side: str) -> str:
    return other_of(rules, side)


def resolve_side(rules: RuleSet, ref: str, ctx: Context) -> str:
    if ref == "self":
        return ctx.side
    if ref == "other":
        return other_side(rules, ctx.side)
    return ref


def resolve_front(ref: str, ctx: Context) -> str:
    return ctx.target if ref == "target" else ref


def holds(rules: RuleSet, state, cond, ctx: Context = Context()) -> bool:
    """Whether a condition holds in ``state`` (a GameState, a Work or a view)."""
    if cond is None:
        return True
    return compiled(rules).condition(cond)(state, ctx)


class Work:
    """A game state being changed during one step."""

    def __init__(self, rules: RuleSet, s: GameState):
        self.rules = rules
        self.code = compiled(rules)  # the rule set's compiled conditions and effects
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
        # What effects moved since the last log line: track id or "front/side" -> net change.
        self.moves: dict[str, int] = {}

    def freeze(self) -> GameState:
        self._settle()
        return make_state(
            self.scenario, self.year, self.phase, self.phase_done, self.to_act, self.tracks, self.power, self.income,
            self.standing, frozenset(self.flags), tuple(self.deck), tuple(self.fired), tuple(self.crossed),
            tuple(self.queue), self.dilemma, self.plans, tuple(self.committed), tuple(self.orders_done), self.rng,
            self.ending, tuple(self.snapshots), self.steps, tuple(self.injects), self.armed_from, self.luck, None,
        )

    # --- helpers used by the flow and by effects -----------------------------
    def log(self, kind: str, text, **extra) -> None:
        """Add a log event; ``text`` is its words or a call that writes them (see ``LogEvent``)."""
        if self.moves:
            self._settle()
        self.events.append(LogEvent(kind, text, self.year, **extra))

    # What moved between two log events is put on the earlier one: the engine
    # logs an order, a card or a rule just before applying its effects, so a
    # debrief can say which event moved which track.  The effects keep the
    # net change of each track and standing they moved (``moves``); the pairs
    # are listed tracks first, then front by front, as the rules order them.
    def _position(self) -> tuple:
        return tuple(self.tracks.values()), tuple(tuple(row.values()) for row in self.standing.values())

    def _settle(self) -> None:
        moves = self.moves
        if not moves:
            return
        self.moves = {}
        if self.events:
            if len(moves) > 1:
                order = self.code.move_order
                try:
                    keys = sorted(moves, key=order.__getitem__)
                except KeyError:  # a front or side the rules do not list: after the rest
                    keys = sorted(moves, key=lambda k: order.get(k, len(order)))
                moved = [(k, moves[k]) for k in keys if moves[k]]
            else:
                moved = [(k, d) for k, d in moves.items() if d]
            if moved:
                last = self.events[-1]
                # the event is this step's own, not handed out yet: add to it in place
                object.__setattr__(last, "moved", last.moved + tuple(moved))

    def say(self, key: str, kind: str, **values) -> None:
        self.log(kind, partial(self.rules.text, key, **values))

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
        told = effect.success_text if success else effect.failure_text
        words = partial(roll_words, self.rules, effect.percent, rolled, success, told, ctx.side, ctx.target)
        self.log("chance", words, side=ctx.side, card=ctx.card, data=(effect.percent, rolled, success, chance_stakes(effect)))

    def side_name(self, side: str) -> str:
        return self.rules.side[side].name

    def front_name(self, front: str | None) -> str:
        return self.rules.front[front].name if front else ""

    # --- effects ---------------------------------------------------------------
    def apply(self, effects, ctx: Context) -> None:
        """Apply effects in order, stopping once the game has ended."""
        effect = self.code.effect
        for e in effects:
            if self.ending is not None:
                return
            effect(e)(self, ctx)

    def apply_one(self, effect, ctx: Context) -> None:
        self.code.effect(effect)(self, ctx)

    def finish(self, ending_id: str, how: str = "check") -> None:
        """End the game; ``how`` says whether a check ('check') or an effect ('effect') ended it."""
        if self.ending is not None:
            return
        self.ending = ending_id
        self.to_act = None
        self.dilemma = None
        ending = self.rules.ending[ending_id]
        self.log("ending", partial(self.rules.text, "ending_reached", name=ending.name), data=(ending_id, how))
        self.snapshot()

    def snapshot(self) -> None:
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
