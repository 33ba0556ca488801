"""The hard computer player: determinised Monte-Carlo search over the year's plans.

At each decision the player lists a few promising whole-year plans (or the
dilemma's options), then spends its budget of simulations on them, choosing
which to try next by UCB1.  Every simulation *determinises* what the side
cannot see from its own view, drawing from the player's own generator:

- the rival's secret orders, sampled from a model of the rival (the greedy
  planner playing the rival's side of the same public position, with some
  slack so the samples vary);
- the random generator of the game (a fresh seed), and so the coming event
  cards and the outcomes of chance effects.

The engine then plays the year exactly, both sides carry on with the greedy
planner for ``depth`` more years, and the position is judged.  The plan with
the best average is played.

The budget is a number of simulations, so a move is the same on every
machine and a game replays exactly.  ``time_cap_ms`` adds an optional
wall-clock cap: it keeps moves short on a slow machine but makes the choice
depend on the machine's speed, so games are then no longer reproducible.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

from eurasia_game.ai.evaluate import Weights
from eurasia_game.ai.forward import QuietWork, determinise, quiet, run_plans
from eurasia_game.ai.heuristic import PlanningPolicy
from eurasia_game.ai.planner import Planner, Style
from eurasia_game.engine import rng as engine_rng
from eurasia_game.engine.state import Action, Order
from eurasia_game.engine.work import Context, other_side


@dataclass(frozen=True)
class HardSettings:
    """The hard level's budget.  The defaults keep a move well under a second on one core."""

    simulations: int = 400  # simulations per decision
    candidates: int = 6  # whole-year plans considered at a planning decision
    rival_samples: int = 4  # distinct guesses at the rival's orders
    depth: int = 0  # further years both sides play on before the position is judged
    exploration: float = 0.15  # UCB1 exploration constant (values lie in 0..1)
    time_cap_ms: float | None = None  # optional wall-clock cap; makes play machine-dependent


class HardPolicy(PlanningPolicy):
    """Searches over whole-year plans against sampled rival orders and draws."""

    name = "hard"
    style = Style(weights=Weights(), slack=0.0, chance_draws=2)
    rival_style = Style(weights=Weights(), slack=0.02, chance_draws=1)

    def __init__(self, seed: int, side: str, settings: HardSettings | None = None):
        super().__init__(seed, side)
        self.settings = settings or HardSettings()
        self._planners: dict = {}

    def planner_for(self, rules, scenario: str, side: str, style: Style) -> Planner:
        key = (id(rules), scenario, side, style)
        planner = self._planners.get(key)
        if planner is None or planner.rules is not rules:
            planner = self._planners[key] = Planner(rules, scenario, side, style)
        return planner

    # --- the policy ----------------------------------------------------------------
    def choose(self, rules, game_view, legal: list[Action]) -> Action:
        if not legal:
            raise ValueError("there is no legal action to choose from")
        if len(legal) == 1:
            return legal[0]
        state = determinise(rules, game_view, self.rng.getrandbits(64))
        if game_view.dilemma is not None:
            return self.search_dilemma(rules, state, [a for a in legal if a.kind == "choose"])
        return self.next_order(rules, game_view, legal, lambda: self.search_plan(rules, state, game_view))

    # --- planning decisions -----------------------------------------------------------
    def candidate_plans(self, planner: Planner, state) -> list[tuple]:
        """The greedy plan, plans opening with each of the best first orders, and no plan."""
        rng = random.Random(self.rng.getrandbits(64))
        own = tuple(state.plans.get(self.side, ()))
        plans = [planner.plan(state, rng)]
        seed = rng.getrandbits(64)
        scratch = QuietWork(planner.rules, state)
        openings = []
        for move in planner.legal_moves(scratch, own):
            order = Order(self.side, move.action, move.target)
            openings.append((planner.judge_plan(state, own + (order,), (), seed), order))
        openings.sort(key=lambda vo: -vo[0])
        for _, order in openings:
            if len(plans) >= self.settings.candidates - 1:
                break
            after = _with_plan(state, self.side, own + (order,))
            plan = (order,) + planner.plan(after, rng)
            if plan not in plans:
                plans.append(plan)
        if () not in plans:
            plans.append(())
        return plans

    def rival_plans(self, rules, state) -> list[tuple]:
        """Guesses at the rival's orders this year, from the rival's side of the public position."""
        rival = other_side(rules, self.side)
        planner = self.planner_for(rules, state.scenario, rival, self.rival_style)
        seen = _with_plan(_with_plan(state, self.side, ()), rival, ())
        seen = _replace(seen, to_act=rival, committed=tuple(s for s in state.committed if s != rival))
        rng = random.Random(self.rng.getrandbits(64))
        out = []
        for _ in range(self.settings.rival_samples):
            out.append(planner.plan(seen, rng))
        return out

    def search_plan(self, rules, state, game_view) -> list:
        me = self.side
        planner = self.planner_for(rules, state.scenario, me, self.style)
        candidates = self.candidate_plans(planner, state)
        if len(candidates) == 1:
            return list(candidates[0])
        rivals = self.rival_plans(rules, state)
        rival = other_side(rules, me)
        own = tuple(state.plans.get(me, ()))

        def simulate(plan: tuple, rng: random.Random) -> float:
            w = quiet(rules, state)
            w.rng = engine_rng.seed_state(rng.getrandbits(63))
            run_plans(rules, w, {me: own + plan, rival: rivals[int(rng.random() * len(rivals))]})
            return self.play_on(rules, w, rng, planner)

        best = self.bandit(candidates, simulate)
        return list(best)

    # --- dilemmas ------------------------------------------------------------------------
    def search_dilemma(self, rules, state, legal: list[Action]) -> Action:
        planner = self.planner_for(rules, state.scenario, self.side, self.style)
        card = rules.event[state.dilemma]

        def simulate(action: Action, rng: random.Random) -> float:
            w = quiet(rules, state)
            w.rng = engine_rng.seed_state(rng.getrandbits(63))
            option = next(o for o in card.dilemma.options if o.id == action.option)
            w.dilemma = None
            w.power[self.side] -= option.cost
            w.apply(option.effects, Context(side=self.side, card=card.id))
            from eurasia_game.engine.flow import advance

            advance(w)
            return self.play_on(rules, w, rng, planner, years=1 + self.settings.depth)

        budget = max(len(legal), self.settings.simulations // 8)
        return self.bandit(legal, simulate, budget=budget)

    # --- shared machinery -------------------------------------------------------------------
    def play_on(self, rules, w, rng: random.Random, planner: Planner, years: int | None = None) -> float:
        """Let both sides play greedily for ``years`` more year ends, then judge for this side."""
        years = self.settings.depth if years is None else years
        start = w.year
        while w.ending is None and w.year < start + years:
            side = w.to_act
            if side is None:
                break
            if w.dilemma is not None:
                sp = self.planner_for(rules, w.scenario, side, self.rival_style)
                frozen = w.freeze()
                legal = [Action("choose", side, option=o.id) for o in rules.event[w.dilemma].dilemma.options]
                from eurasia_game.engine.moves import why_illegal

                legal = [a for a in legal if why_illegal(rules, frozen, a) is None] or legal[:1]
                choice = sp.choose_option(frozen, legal, rng)
                from eurasia_game.ai.forward import choose_option

                choose_option(rules, w, side, choice.option)
                continue
            plans = {}
            frozen = w.freeze()
            for s in rules.side_ids:
                sp = self.planner_for(rules, w.scenario, s, self.rival_style)
                view_state = _replace(_with_plan(frozen, s, ()), to_act=s)
                plans[s] = sp.plan(view_state, rng)
            run_plans(rules, w, plans)
        return planner.evaluator.value(w, this_year_checked=w.ending is not None or _checked(rules, w))

    def bandit(self, arms: list, simulate, budget: int | None = None):
        """UCB1 over ``arms``; returns the arm with the best mean."""
        budget = budget or self.settings.simulations
        cap = self.settings.time_cap_ms
        started = time.perf_counter()
        rng = random.Random(self.rng.getrandbits(64))
        n = [0] * len(arms)
        total = [0.0] * len(arms)
        c = self.settings.exploration
        for it in range(budget):
            if it < len(arms):
                i = it
            else:
                if cap is not None and (time.perf_counter() - started) * 1000 > cap:
                    break
                log_t = math.log(it)
                i = max(range(len(arms)), key=lambda k: total[k] / n[k] + c * math.sqrt(log_t / n[k]))
            total[i] += simulate(arms[i], rng)
            n[i] += 1
        best = max(range(len(arms)), key=lambda k: (total[k] / n[k] if n[k] else -1.0, n[k]))
        return arms[best]


def _checked(rules, w) -> bool:
    """Whether this year's checks are behind ``w`` (false at a new year's decisions)."""
    kinds = [p.kind for p in rules.phases]
    if "checks" not in kinds:
        return False
    return w.phase > kinds.index("checks")


def _replace(state, **changes):
    from dataclasses import replace

    return replace(state, **changes)


def _with_plan(state, side: str, plan: tuple):
    plans = dict(state.plans)
    plans[side] = tuple(plan)
    return _replace(state, plans=plans)
