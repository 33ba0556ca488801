"""Choosing a year's orders and a dilemma option by judging where they lead.

The planner is greedy: it adds, one at a time, the order whose year (the
reveal, the fronts' payouts, the red lines and the checks, played by the
engine's own steps) leaves the side's position best, and stops when no order
is worth its power.  Orders whose effects depend on chance are judged on a
few draws.  ``slack`` lets a level pick at random among near-best orders, so
that games vary and weaker levels play looser.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields

from eurasia_game.ai.evaluate import Evaluator, Weights
from eurasia_game.ai.forward import QuietWork, StratifiedWork, fork
from eurasia_game.engine.flow import after_orders_quietly, orders_quietly, quiet_sequence
from eurasia_game.engine.moves import _no_text, _order_problem, planned_cost, targets_of, why_illegal
from eurasia_game.engine.state import Action, GameState, Order
from eurasia_game.engine.work import Context, Work, other_side
from eurasia_game.model import effects as E


@dataclass(frozen=True)
class Style:
    """How a level plays: its judgement and how loosely it follows it."""

    weights: Weights = Weights()
    slack: float = 0.0  # orders within this much of the best are equally good
    chance_draws: int = 2  # draws used to judge an order with a chance effect
    stop_early: float = 0.0  # chance of finishing planning before the best plan is complete
    beam: int | None = None  # after the first order, only this many of the best-ranked orders are judged again


class Memo:
    """Judgements of plans, by position; only the last few positions are kept.

    A position is told by its content, less what a plan's judgement replaces
    (the sides' plans, who has committed, who is to act), so the positions a
    search builds by changing only the plans share one table.
    """

    KEEP = 4

    def __init__(self):
        self._last = None  # (state, its key): most calls ask about the same state object
        self._tables: dict = {}

    def table(self, state) -> dict | None:
        last = self._last
        if last is not None and last[0] is state:
            key = last[1]
        else:
            if not isinstance(state, GameState):
                return None
            key = position_key(state)
            if key is None:
                return None
            self._last = (state, key)
        table = self._tables.get(key)
        if table is None:
            if len(self._tables) >= self.KEEP:
                self._tables.pop(next(iter(self._tables)))
            table = self._tables[key] = {}
        return table


# (and "memo": a cache some states carry, not part of the position)
_NOT_POSITION = frozenset({"plans", "committed", "to_act", "memo"})


def position_key(state) -> tuple | None:
    """A hashable copy of a frozen state's content, less its plans, commitments and turn
    (None when some part of it cannot be told by value)."""
    key = tuple(_hashable(getattr(state, f.name)) for f in fields(state) if f.name not in _NOT_POSITION)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _hashable(value):
    if type(value) is dict:
        return tuple((k, _hashable(v)) for k, v in value.items())
    return value


class SharedOrders:
    """The start of a judged year that the plans judged in one position share.

    The planner judges ``plan + (order,)`` for every order it may add: the
    orders carried out before the last one of the plan (its own earlier
    orders, the rival's that come between) are the same for all of them.
    They are carried out once on a quiet copy of the position, kept for that
    position (a frozen state, by identity), those orders and the seed (and
    the quantile, when one of them rolls), and each judgement goes on from a
    copy of it: the very steps ``resolve_year`` would take, in the same order.
    """

    KEEP = 8

    def __init__(self):
        self._state = None
        self._kept: dict = {}
        self._last = None  # (key, kept) of the last call

    def start(self, planner, state, plan: tuple, rival_plan: tuple, orders, seed: int, quantile: float):
        """(a working copy with the shared orders carried out, how many of ``orders`` they are,
        False when the game ended before the next order)."""
        rules = planner.rules
        if type(state) is not GameState:  # only a frozen state stays the same
            w = StratifiedWork(rules, state)
            w.rng = seed
            w.committed = list(rules.side_ids)
            w.revealed = True
            return w, 0, True
        if state is not self._state:
            self._state = state
            self._kept = {}
            self._last = None
        head = plan[:-1]
        key = (head, rival_plan, seed, not plan)
        # Most calls continue the last one's plan: told apart without hashing the orders
        # (tuples of the same orders compare by identity first).
        last = self._last
        if last is not None and last[0] == key:
            kept = last[1]
        else:
            kept = self._kept.get(key)
        if kept is None:
            # How many of the year's orders come before the plan's last one: the orders
            # both sequences share (those of the two sides are never equal).
            before = quiet_sequence(rules, {planner.side: head, planner.rival: rival_plan}) if plan else orders
            k = 0
            for a, b in zip(orders, before):
                if a != b:
                    break
                k += 1
            rolls = any(o.action in planner.chancy for o in orders[:k])
            kept = self._kept[key] = [k, rolls, {}]
            if len(self._kept) > self.KEEP:
                self._kept.pop(next(iter(self._kept)))
        self._last = (key, kept)
        k, rolls, starts = kept
        at = quantile if rolls else None
        start = starts.get(at)
        if start is None:
            w = StratifiedWork(rules, state)
            w.quantile = quantile
            w.rng = seed
            w.committed = list(rules.side_ids)
            w.revealed = True
            going = orders_quietly(w, rules, w.code, orders[:k])
            start = starts[at] = (w, going)
        return fork(start[0]), k, start[1]


def _has_chance(effects) -> bool:
    for e in effects:
        if isinstance(e, E.Chance):
            return True
        if isinstance(e, E.When) and (_has_chance(e.then) or _has_chance(e.otherwise)):
            return True
    return False


class Planner:
    """Greedy planning for one side of one scenario."""

    def __init__(self, rules, scenario: str, side: str, style: Style = Style(), memo: bool = True):
        self.rules = rules
        self.side = side
        self.rival = other_side(rules, side)
        self.style = style
        self.evaluator = Evaluator(rules, scenario, side, style.weights)
        self.moves = [Action("plan", side, action=a.id, target=t) for a in rules.actions if side in a.sides for t in targets_of(rules, a)]
        self.chancy = {a.id for a in rules.actions if _has_chance(a.effects)}
        self.limit = rules.side[side].orders_per_year
        # A plan's judgement depends on the generator's seed only through chance
        # effects in the projected years (the year itself is judged on fixed
        # quantiles): without any, the seed is left out of the memo's keys.
        projected = style.weights.project_years > 0 and (
            any(_has_chance(r.effects) for r in rules.yearly) or any(_has_chance(r.effects) for f in rules.fronts for r in f.resolution)
        )
        self._seeded = projected
        # A planner asked for one plan of each position (the easy and normal levels) never
        # judges a plan twice: it goes without the memo (``memo=False``).
        self._memo = Memo() if memo else None
        self._years = SharedOrders()

    # --- judging -----------------------------------------------------------------
    def judge_plan(self, state, plan: tuple, rival_plan: tuple, seed: int) -> float:
        """Value of the year played with ``plan`` against ``rival_plan``.

        Chance effects are judged on draws at evenly spaced quantiles.  The
        same plan judged again in the same position (the hard level asks for
        many plans of one position, and its guesses at the rival's plans share
        their first orders) is answered from a memo: the value is the same.
        """
        table = self._memo.table(state) if self._memo is not None else None
        if table is None:
            return self._judge(state, plan, rival_plan, seed)
        key = (plan, rival_plan, seed if self._seeded else None)
        value = table.get(key)
        if value is None:
            value = table[key] = self._judge(state, plan, rival_plan, seed)
        return value

    def _judge(self, state, plan: tuple, rival_plan: tuple, seed: int) -> float:
        draws = self.style.chance_draws if any(o.action in self.chancy for o in plan + rival_plan) else 1
        total = 0.0
        rules, value = self.rules, self.evaluator.value
        side, rival = self.side, self.rival
        plans = {s: plan if s == side else rival_plan if s == rival else () for s in rules.side_ids}
        orders = quiet_sequence(rules, plans)
        for i in range(draws):
            quantile = (i + 0.5) / draws
            # The year (as ``resolve_year`` plays it, without the checks) from the orders that
            # come before the plan's last one, carried out once for all the plans that share
            # them (the planner judges every order it may add to the same plan).
            w, k, going = self._years.start(self, state, plan, rival_plan, orders, seed, quantile)
            w.quantile = quantile
            w.plans = plans
            code = w.code
            # The year's checks are judged, not played: the rival's orders are
            # a guess, so an ending that seems settled may still slip away.
            if going and orders_quietly(w, rules, code, orders[k:]):
                after_orders_quietly(w, rules, code)
            total += value(w, False, True)
        return total / draws

    def legal_moves(self, w: Work, plan: tuple, among: set | None = None) -> list[Action]:
        """The side's orders it may add to ``plan`` in ``w``, in the planner's order (only those
        whose (action, target) is in ``among``, when given)."""
        w.plans = dict(w.plans)
        w.plans[self.side] = plan
        w.to_act = self.side
        rules = self.rules
        if w.ending is None and w.dilemma is None and rules.phases[w.phase].kind == "plan":
            # The planner's own moves (its side's actions at their allowed targets) in a
            # planning phase: of ``why_illegal``'s checks only the order's own are left
            # (limit, per year, requirement, power), with the power left worked out once.
            available = w.power[self.side] - planned_cost(rules, w, self.side)
            act = rules.action
            moves = self.moves if among is None else [m for m in self.moves if (m.action, m.target) in among]
            return [m for m in moves if _order_problem(rules, w, self.side, act[m.action], m.target, available, _no_text) is None]
        # Only legality matters here: the engine is spared writing out the reasons.
        moves = self.moves if among is None else [m for m in self.moves if (m.action, m.target) in among]
        return [m for m in moves if why_illegal(rules, w, m, _no_text) is None]

    # --- planning ------------------------------------------------------------------
    def plan(self, state, rng: random.Random, rival_plan: tuple = ()) -> tuple:
        """The orders to add to the side's current plan in ``state`` (a full state)."""
        seed = rng.getrandbits(64)
        plan = tuple(state.plans.get(self.side, ()))
        current = self.judge_plan(state, plan, rival_plan, seed)
        scratch = QuietWork(self.rules, state)
        added: list[Order] = []
        ranked: list | None = None
        while len(plan) < self.limit:
            if added and self.style.stop_early and rng.random() < self.style.stop_early:
                break
            if ranked is not None and self.style.beam:
                # Orders rarely change rank from one slot to the next: re-judge the best few
                # (of the legal ones: the filter comes first, the order and the list are the same).
                moves = self.legal_moves(scratch, plan, set(ranked[: self.style.beam]))
            else:
                moves = self.legal_moves(scratch, plan)
            scored = []
            for move in moves:
                order = Order(self.side, move.action, move.target)
                scored.append((self.judge_plan(state, plan + (order,), rival_plan, seed), order))
            if not scored:
                break
            ranked = [(o.action, o.target) for _, o in sorted(scored, key=lambda vo: -vo[0])]
            best = max(v for v, _ in scored)
            if best <= current + 1e-9:
                break
            near = [(v, o) for v, o in scored if v >= best - self.style.slack and v > current]
            value, order = near[int(rng.random() * len(near))] if len(near) > 1 else near[0]
            plan = plan + (order,)
            added.append(order)
            current = value
        return tuple(added)

    def choose_option(self, state, legal: list[Action], rng: random.Random) -> Action:
        """The dilemma option whose consequences judge best (``state`` is a full state)."""
        seed = rng.getrandbits(64)
        card = self.rules.event[state.dilemma]
        options = {o.id: o for o in card.dilemma.options}
        scored = []
        for action in legal:
            option = options[action.option]
            w = QuietWork(self.rules, state)
            w.rng = seed
            w.dilemma = None
            w.power[self.side] -= option.cost
            w.apply(option.effects, Context(side=self.side, card=card.id))
            scored.append((self.evaluator.value(w, this_year_checked=False, spent=True), action))
        best = max(v for v, _ in scored)
        near = [a for v, a in scored if v >= best - self.style.slack]
        return near[int(rng.random() * len(near))] if len(near) > 1 else near[0]
