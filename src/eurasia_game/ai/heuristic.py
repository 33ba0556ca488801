"""The easy and normal computer players: greedy judgement of the year ahead.

Both plan the whole year at their first order and then hand the orders out
one call at a time; if the view no longer matches what they planned (a
person took over, an undo) they plan again from the view.  They see only
their side's view: the rival's secret orders are assumed to be nothing.
"""

from __future__ import annotations

import random

from eurasia_game.ai.evaluate import Weights
from eurasia_game.ai.forward import determinise, order_action
from eurasia_game.ai.planner import Planner, Style
from eurasia_game.engine.state import Action


class PlanningPolicy:
    """A policy that plans each year with a ``Planner`` in a given style."""

    name = "planning"
    style = Style()

    def __init__(self, seed: int, side: str):
        self.seed = seed
        self.side = side
        self.rng = random.Random(f"{seed}:{side}:{self.name}")
        self._planner: Planner | None = None
        self._key = None
        self._pending: list = []

    def __getstate__(self) -> dict:
        """The policy without its planner: a cache rebuilt from the rules on first use
        (so a policy can be copied, or sent to the computer's own process, without them)."""
        state = self.__dict__.copy()
        state["_planner"], state["_key"] = None, None
        return state

    def planner(self, rules, scenario: str) -> Planner:
        if self._planner is None or self._planner.rules is not rules or self._key != scenario:
            self._planner = Planner(rules, scenario, self.side, self.style, memo=False)
            self._key = scenario
        return self._planner

    def choose(self, rules, game_view, legal: list[Action]) -> Action:
        if not legal:
            raise ValueError("there is no legal action to choose from")
        if len(legal) == 1:
            return legal[0]
        planner = self.planner(rules, game_view.scenario)
        state = determinise(rules, game_view, self.rng.getrandbits(64))
        if game_view.dilemma is not None:
            return planner.choose_option(state, [a for a in legal if a.kind == "choose"], self.rng)
        return self.next_order(rules, game_view, legal, lambda: self.plan_year(planner, state, game_view))

    def plan_year(self, planner: Planner, state, game_view) -> list:
        return list(planner.plan(state, self.rng))

    def next_order(self, rules, game_view, legal: list[Action], make_plan) -> Action:
        """The next order of the year's plan, re-planning when the view has moved on."""
        key = (game_view.year, tuple(game_view.own_plan))
        if not self._pending or self._pending[0][0] != key:
            orders = make_plan()
            self._pending = []
            plan = tuple(game_view.own_plan)
            for order in orders:
                self._pending.append(((game_view.year, plan), order))
                plan = plan + (order,)
            self._pending.append(((game_view.year, plan), None))
        _, order = self._pending.pop(0)
        if order is None:
            return _commit(legal)
        action = order_action(order)
        if action in legal:
            return action
        self._pending = []
        return _commit(legal)


def _commit(legal: list[Action]) -> Action:
    for action in legal:
        if action.kind == "commit":
            return action
    return legal[-1]


class NormalPolicy(PlanningPolicy):
    """Plays the year that judges best, with a little variety among near-equal orders."""

    name = "normal"
    # The slack (0.035, was 0.02) lets orders within a few hundredths of the
    # best share the choice: with less, normal Moscow reached out to
    # Washington in 26-28% of its orders, always against the same feared
    # rise of US pressure, and left its other orders unused.
    style = Style(weights=Weights(), slack=0.035, chance_draws=2, beam=6)


class EasyPolicy(PlanningPolicy):
    """Plausible but loose: a short-sighted judgement, followed loosely."""

    name = "easy"
    style = Style(weights=Weights(project_years=0, spread_per_year=1.2), slack=0.08, chance_draws=1, stop_early=0.4)
