"""Judging a position for one side, read entirely from the rules.

The value of a position is the side's expected result (win 1, draw 0.5,
lose 0) estimated from the scenario's endings: each ending's condition is
turned into a margin (see ``margins``), the margin into a probability with a
spread that grows with the years left, and the probabilities are combined
in the order the engine checks the endings (sudden deaths every year, then
the first final ending that holds).  A 'fronts' ending is judged by the
sides' leads on every front; an 'objectives' ending by each side's chance
of meeting each of its own objectives (``objectives`` in the side's rules):
the expected margins of the two sides are compared (a tie is a draw).

Because trends and front payouts move the tracks every year, the position
is also projected a few years ahead under the rules' own ``yearly`` and
front ``resolution`` rules, as if nobody acted, and each margin is a blend
of the present one and the projected one.  A small term for power and
income makes the players value what they can still do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from eurasia_game.ai.forward import QuietWork, StratifiedWork, quiet
from eurasia_game.ai.margins import compile_margin
from eurasia_game.engine.compiled import compiled_quiet
from eurasia_game.engine.flow import outcome
from eurasia_game.engine.work import other_side
from eurasia_game.model import effects as E

RESULT_VALUE = {"win": 1.0, "draw": 0.5, "lose": 0.0}


@dataclass(frozen=True)
class Weights:
    """Knobs of the judgement; the defaults are what the levels use."""

    spread_base: float = 0.7  # spread of a margin with no year left
    spread_per_year: float = 0.75  # growth of the spread with sqrt(years left)
    front_spread: float = 1.5  # how decisive a one-point lead on a front is
    power: float = 0.012  # value of one unspent power point
    income: float = 0.010  # value of one point of income for each year left (capped)
    income_years: int = 4
    rival_resources: float = 0.5  # share of the rival's power and income counted against us
    project_years: int = 2  # years of passive trends projected before judging
    project_weight: float = 0.5  # share of the projected margins in the judgement


w_excess = 0.2  # worth of a power point beyond a year's spending, relative to one within it


def result_value(outcome, side: str) -> float:
    return RESULT_VALUE.get(outcome.get(side, "draw"), 0.5)


def _phi(x: float) -> float:
    """The standard normal distribution function."""
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


_exp = math.exp


def _sigmoid(x: float) -> float:
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))


class Evaluator:
    """Values of positions for ``side`` in one scenario of one rule set."""

    def __init__(self, rules, scenario: str, side: str, weights: Weights = Weights()):
        self.rules = rules
        self.side = side
        self.other = other_side(rules, side)
        self.weights = weights
        sc = rules.scenario[scenario]
        self.end_year = sc.end_year
        self.sudden = []
        self.final = []
        for ending_id in sc.endings:
            ending = rules.ending[ending_id]
            margin = compile_margin(rules, ending.condition) if ending.condition is not None else None
            value = ending.outcome if isinstance(ending.outcome, str) else result_value(ending.outcome, side)
            if ending.check == "sudden":
                if margin is not None:
                    self.sudden.append((margin, value if not isinstance(value, str) else 0.5))
            else:
                self.final.append((margin, value))
        self.front_ids = rules.front_ids
        # Each side's objectives: (margin function, points), and the points it needs.
        self.objectives = {
            sid: ([(compile_margin(rules, o.condition), o.points) for o in rules.side[sid].objectives], rules.side[sid].objectives_needed)
            for sid in rules.side_ids
        }
        self.projection = Projection(rules)
        # Every margin the judgement reads, once, in one list: a position's
        # margins are worked out together (see ``value``).
        self._margins: list = []
        self._sudden = [(self._index(m), v) for m, v in self.sudden]
        self._final = [(None if m is None else self._index(m), v) for m, v in self.final]
        self._objectives = [
            ([(self._index(m), points) for m, points in self.objectives[sid][0]], self.objectives[sid][1]) for sid in (self.side, self.other)
        ]
        # What each side can spend in a year: its order limit times its actions' mean cost.
        self.spend = {}
        for sid in rules.side_ids:
            costs = [a.cost for a in rules.actions if sid in a.sides] or [1]
            self.spend[sid] = rules.side[sid].orders_per_year * sum(costs) / len(costs)

    # --- exact results ---------------------------------------------------------
    def ending_value(self, ending_id: str, state) -> float:
        """The side's result for a game that ended in ``ending_id``."""
        return result_value(outcome(self.rules, state), self.side)

    # --- estimates ---------------------------------------------------------------
    def checks_left(self, state, this_year_checked: bool) -> int:
        return max(0, self.end_year - state.year + (0 if this_year_checked else 1))

    def _index(self, margin) -> int:
        self._margins.append(margin)
        return len(self._margins) - 1

    def value(self, state, this_year_checked: bool = True, spent: bool = False) -> float:
        """Expected result for the side (0..1, plus a small resource term).

        ``spent``: the caller throws ``state`` away afterwards (a quiet working
        copy of its own), so the projection may run on it in place instead of
        on a copy, once everything read from the present is read.
        """
        if state.ending is not None:
            return self.ending_value(state.ending, state)
        n = self.checks_left(state, this_year_checked)
        w = self.weights
        years = min(w.project_years, max(0, n - 1))
        spread = w.spread_base + w.spread_per_year * math.sqrt(max(n, 1))
        lam = w.project_weight if years else 0.0
        margins = self._margins
        present = [m(state) for m in margins]
        resources = self.resources(state, n)
        ahead = self.projection.run(state, years, spent) if years else state
        # Projected and present margins are mixed: the projection shows where
        # the trends lead, the present keeps every step of progress visible
        # (a projection clamped at a track's end would hide it).
        # The chance that each condition comes true (``_sigmoid``, written out) from the blend.
        if lam:
            keep = 1 - lam
            chance = [
                0.0 if x < -30 else 1.0 if x > 30 else 1.0 / (1.0 + _exp(-x))
                for x in [(keep * p + lam * m(ahead) + 0.5) / spread for p, m in zip(present, margins)]
            ]
        else:
            chance = [0.0 if x < -30 else 1.0 if x > 30 else 1.0 / (1.0 + _exp(-x)) for x in [(b + 0.5) / spread for b in present]]

        # Sudden deaths: reaching the condition at any check still to come.
        remaining = 1.0
        total = 0.0
        for index, value in self._sudden:
            p = chance[index] * remaining
            total += p * value
            remaining -= p
        # Final endings: the first whose condition holds after the last year.
        # The 'fronts' and 'objectives' results do not depend on which ending
        # names them: each is worked out once per position.
        final_total = 0.0
        left = 1.0
        shared: dict = {}
        for index, value in self._final:
            p = 1.0 if index is None else chance[index]
            if value == "fronts" or value == "objectives":
                known = shared.get(value)
                if known is None:
                    known = shared[value] = self.fronts_value(ahead, spread) if value == "fronts" else self._objectives_value(chance)
                value = known
            final_total += left * p * value
            left *= 1.0 - p
            if left <= 1e-9:
                break
        total += remaining * final_total
        return total + resources

    def _objectives_value(self, chance: list) -> float:
        """Chance of the larger margin on the sides' own objectives (a tie is a draw),
        from the chances of the conditions that ``value`` has worked out."""
        means = []
        var = 0.0
        for items, needed in self._objectives:
            total = 0.0
            for index, points in items:
                p = chance[index]
                total += p * points
                var += p * (1.0 - p) * points * points
            means.append(total - needed)
        lead = means[0] - means[1]
        sd = math.sqrt(var + 0.25)
        win = _phi((lead - 0.5) / sd)
        lose = _phi((-lead - 0.5) / sd)
        tie = max(0.0, 1.0 - win - lose)
        return win + 0.5 * tie

    def fronts_value(self, state, spread: float) -> float:
        me, rival = self.side, self.other
        lead = 0.0
        fs = self.weights.front_spread
        for front in self.front_ids:
            row = state.standing[front]
            lead += math.tanh((row[me] - row[rival]) / fs)
        return _sigmoid(lead / max(0.5, spread * 0.5))

    def resources(self, state, checks_left: int) -> float:
        w = self.weights
        if checks_left <= 0:
            return 0.0
        years = min(checks_left, w.income_years)
        fade = min(1.0, checks_left / 3.0)
        mine = w.power * self._stock(state.power[self.side], self.side) + w.income * years * state.income[self.side]
        theirs = w.power * self._stock(state.power[self.other], self.other) + w.income * years * state.income[self.other]
        return fade * (mine - w.rival_resources * theirs)

    def _stock(self, power: int, side: str) -> float:
        """Power is worth less beyond what a side can spend in a year."""
        cap = self.spend[side]
        return power if power <= cap else cap + w_excess * (power - cap)


class Projection:
    """The rules' passive yearly changes, run by the engine's compiled rules."""

    def __init__(self, rules):
        self.rules = rules
        self.sides = rules.side_ids
        code = compiled_quiet(rules)  # run on quiet working copies
        # (condition, effects) closures of the yearly trends, then of each front's payouts with its context.
        self.yearly = [(test, effects) for test, _, effects in code.rules_of(rules.yearly)]
        self.fronts = [(code.context(None, f.id), [(test, effects) for test, _, effects in code.rules_of(f.resolution)]) for f in rules.fronts]
        self.none = code.context()
        # The same rules in one list, in the same order: (condition, effects, context).
        self.steps = [(test, effects, self.none) for test, effects in self.yearly] + [
            (test, effects, ctx) for ctx, pairs in self.fronts for test, effects in pairs
        ]
        # When those rules only change numbers and flags (no card, deck or ending), the
        # projection's copy need not copy the lists a year's play would change.
        rule_effects = [e for r in rules.yearly for e in r.effects] + [e for f in rules.fronts for r in f.resolution for e in r.effects]
        self.numbers_only = all(_numbers_only(e) for e in rule_effects)
        # Projecting a spent quiet copy in place gives what projecting its copy does when the
        # rules change only numbers and flags (which ``_numbers_copy`` copies) and roll
        # nothing (a stratified copy rolls at its quantile, its plain copy at random).
        self.in_place = self.numbers_only and not any(_has_chance(e) for e in rule_effects)

    def run(self, state, years: int, spent: bool = False):
        """The position ``years`` years on if nobody acted: income, trends, front payouts.

        Chance effects in those rules draw from the state's own generator copy,
        so the projection is deterministic.  Nothing is logged.  ``spent``: the
        caller has no further use for ``state`` (a quiet working copy), so it is
        projected in place when that changes nothing (see ``in_place``).
        """
        if spent and self.in_place and type(state) in _IN_PLACE:
            w = state
        else:
            w = _numbers_copy(state) if self.numbers_only and isinstance(state, QuietWork) else quiet(self.rules, state)
        w.orders_done = []
        sides, steps = self.sides, self.steps
        for _ in range(years):
            power, income = w.power, w.income
            for side in sides:
                power[side] += income[side]
            for test, effects, ctx in steps:
                if test(w, ctx):
                    effects(w, ctx)
            w.year += 1
        return w


# Effects that change only numbers (tracks, standings, power, income) and flags, or say
# something (a quiet copy says nothing), possibly by chance or under a condition.
_NUMBER_EFFECTS = (E.ShiftTrack, E.ShiftStanding, E.GainPower, E.ChangeIncome, E.SetFlag, E.Say)


# The quiet copies a spent state may be (the judged years of the planner, a dilemma's trials).
_IN_PLACE = (QuietWork, StratifiedWork)


def _has_chance(effect) -> bool:
    if isinstance(effect, E.Chance):
        return True
    if isinstance(effect, E.When):
        return any(_has_chance(e) for e in (*effect.then, *effect.otherwise))
    return False


def _numbers_only(effect) -> bool:
    if isinstance(effect, (E.Chance, E.When)):
        return all(_numbers_only(e) for e in (*effect.then, *effect.otherwise))
    return isinstance(effect, _NUMBER_EFFECTS)


def _numbers_copy(w: QuietWork) -> QuietWork:
    """A quiet copy whose tables and flags are its own and whose lists are shared with ``w``:
    for rules that change only numbers and flags, which never touch those lists."""
    new = object.__new__(QuietWork)
    fields = dict(w.__dict__)
    fields["tracks"] = dict(fields["tracks"])
    fields["power"] = dict(fields["power"])
    fields["income"] = dict(fields["income"])
    fields["standing"] = {front: dict(row) for front, row in fields["standing"].items()}
    fields["flags"] = set(fields["flags"])
    fields["moves"] = {}
    fields["events"] = []
    fields["revealed"] = False
    fields.pop("quantile", None)  # as ``copy_work``: a copy draws at random again
    new.__dict__ = fields
    return new
