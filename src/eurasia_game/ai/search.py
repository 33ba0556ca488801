"""The hard computer player: determinised Monte-Carlo search over the year's plans.

At each decision the player lists a few promising whole-year plans (or the
dilemma's options), then spends its budget of simulations on them by successive halving:
every plan still in the running is tried on the same sampled situations,
and the worse half is dropped after each round.  Every simulation *determinises* what the side
cannot see from its own view, drawing from the player's own generator:

- the rival's secret orders, sampled from a model of the rival (the greedy
  planner playing the rival's side of the same public position, with some
  slack so the samples vary);
- the random generator of the game (a fresh seed), and so the coming event
  cards and the outcomes of chance effects.

The engine then plays the year exactly, both sides carry on for ``depth``
more years repeating their plans (a cheap stand-in for their future play,
which also plays the last years' endings out exactly), and the position is
judged.  The plan with
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
from eurasia_game.ai.forward import Prefixes, QuietWork, choose_option, determinise, quiet, run_plans, run_plans_to
from eurasia_game.ai.heuristic import PlanningPolicy
from eurasia_game.ai.planner import Planner, Style
from eurasia_game.engine import rng as engine_rng
from eurasia_game.engine.flow import advance
from eurasia_game.engine.moves import _no_text, targets_of, why_illegal
from eurasia_game.engine.state import Action, Order
from eurasia_game.engine.work import Context, other_side


CANDIDATES_PER_ORDER = 4


@dataclass(frozen=True)
class HardSettings:
    """The hard level's budget.  The defaults keep a move well under a second on one core."""

    simulations: int = 480  # simulations per decision
    # Whole-year plans considered at a planning decision; None: ``CANDIDATES_PER_ORDER``
    # for each order the side may plan a year, so a side with more orders, and so
    # a larger space of plans, gets a wider choice.
    candidates: int | None = None
    rival_samples: int = 4  # distinct guesses at the rival's orders
    replies: int = 2  # candidate plans that are the best reply to one of those guesses
    depth: int = 2  # further years both sides play on (repeating their plans) before judging
    time_cap_ms: float | None = None  # optional wall-clock cap; makes play machine-dependent


class HardPolicy(PlanningPolicy):
    """Searches over whole-year plans against sampled rival orders and draws."""

    name = "hard"
    # A move is a second or more of search: the window works it out in a process of its own
    # (a quicker level's few milliseconds go in a thread, not worth a process's start).
    searches = True
    style = Style(weights=Weights(), slack=0.0, chance_draws=2)
    rival_style = Style(weights=Weights(), slack=0.02, chance_draws=1)

    def __init__(self, seed: int, side: str, settings: HardSettings | None = None):
        super().__init__(seed, side)
        self.settings = settings or HardSettings()
        self._planners: dict = {}

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state["_planners"] = {}  # caches, rebuilt from the rules
        return state

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
    def candidate_plans(self, planner: Planner, state, rivals: list = ()) -> list[tuple]:
        """The greedy plan, the best replies to the likeliest rival orders,
        plans opening with each of the best first orders, and no plan."""
        rng = random.Random(self.rng.getrandbits(64))
        own = tuple(state.plans.get(self.side, ()))
        plans = [planner.plan(state, rng)]
        for rival_plan in rivals[: self.settings.replies]:
            reply = planner.plan(state, rng, rival_plan)
            if reply not in plans:
                plans.append(reply)
        seed = rng.getrandbits(64)
        scratch = QuietWork(planner.rules, state)
        openings = []
        for move in planner.legal_moves(scratch, own):
            order = Order(self.side, move.action, move.target)
            openings.append((planner.judge_plan(state, own + (order,), (), seed), order))
        openings.sort(key=lambda vo: -vo[0])
        limit = self.settings.candidates or CANDIDATES_PER_ORDER * planner.rules.side[self.side].orders_per_year
        for _, order in openings:
            if len(plans) >= limit - 1:
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
        rivals = self.rival_plans(rules, state)
        candidates = self.candidate_plans(planner, state, rivals)
        if len(candidates) == 1:
            return list(candidates[0])
        rival = other_side(rules, me)
        own = tuple(state.plans.get(me, ()))
        # The year's orders, payouts, red lines and checks come before its draw: played once
        # for each pair of plans when they roll nothing (``Prefixes``).
        prefixes = Prefixes()

        def simulate(plan: tuple, rng: random.Random) -> float:
            seed = engine_rng.seed_state(rng.getrandbits(63))
            rival_plan = rivals[int(rng.random() * len(rivals))]
            plans = {me: own + plan, rival: rival_plan}
            key = (plan, rival_plan)
            started = prefixes.start(key, seed)
            if started is None:
                w = quiet(rules, state)
                w.rng = seed
                fired = run_plans_to(rules, w, plans, "events")
                prefixes.keep(key, w, seed, state.luck, fired)
            else:
                w, fired = started
            advance(w, None, fired)
            return self.play_on(rules, w, planner, plans)

        return list(self.bandit(candidates, simulate))

    # --- dilemmas ------------------------------------------------------------------------
    def search_dilemma(self, rules, state, legal: list[Action]) -> Action:
        planner = self.planner_for(rules, state.scenario, self.side, self.style)
        plans_after: dict = {}
        # The option's effects and the rest of the year up to the next decision, played once
        # for each option when they roll nothing (``Prefixes``).
        prefixes = Prefixes()

        def simulate(action: Action, rng: random.Random) -> float:
            seed = engine_rng.seed_state(rng.getrandbits(63))
            started = prefixes.start(action.option, seed)
            if started is None:
                w = quiet(rules, state)
                w.rng = seed
                choose_option(rules, w, self.side, action.option)
                prefixes.keep(action.option, w, seed, state.luck)
            else:
                w = started[0]
            # Both sides' plans after this option are worked out once, then replayed.
            plans = plans_after.setdefault(action.option, {})
            return self.play_on(rules, w, planner, plans, years=1 + self.settings.depth, rng=rng)

        budget = max(len(legal), self.settings.simulations // 4)
        return self.bandit(legal, simulate, budget=budget)

    # --- shared machinery -------------------------------------------------------------------
    def play_on(self, rules, w, planner: Planner, plans: dict, years: int | None = None, rng: random.Random | None = None) -> float:
        """Play ``years`` more years with each side repeating its plan, then judge for this side.

        Repeating a year's plan is a cheap stand-in for each side's future play:
        it shows where a line of play leads over several years, and within
        reach of the last year it plays the ending out exactly.  A side with no
        plan yet gets the greedy planner's; dilemmas on the way are answered
        by a one-step judgement.
        """
        years = self.settings.depth if years is None else years
        start = w.year
        while w.ending is None and w.year < start + years:
            side = w.to_act
            if side is None:
                break
            if w.dilemma is not None:
                quick_answer(rules, w, side, self.planner_for(rules, w.scenario, side, self.rival_style).evaluator)
                continue
            frozen = None
            chosen = {}
            for s in rules.side_ids:
                if s not in plans:
                    frozen = frozen or w.freeze()
                    sp = self.planner_for(rules, w.scenario, s, self.rival_style)
                    plans[s] = sp.plan(_replace(_with_plan(frozen, s, ()), to_act=s), rng or random.Random(0))
                chosen[s] = legal_part(rules, w, s, plans[s])
            run_plans(rules, w, chosen)
        return planner.evaluator.value(w, this_year_checked=w.ending is not None or _checked(rules, w))

    def bandit(self, arms: list, simulate, budget: int | None = None):
        """Successive halving over ``arms`` with common random numbers; the best arm.

        Every arm still in the running is tried on the *same* determinisations
        (the same rival orders, the same seed for draws), so arms are compared
        on equal terms and the noise of the draws mostly cancels out.  After
        each round the worse half is dropped, so the budget goes to the arms
        that are hard to tell apart.
        """
        budget = budget or self.settings.simulations
        cap = self.settings.time_cap_ms
        started = time.perf_counter()
        base = self.rng.getrandbits(64)
        alive = list(range(len(arms)))
        total = [0.0] * len(arms)
        n = [0] * len(arms)
        rounds = max(1, math.ceil(math.log2(len(arms)))) if len(arms) > 1 else 1
        used = 0
        k = 0
        for r in range(rounds):
            per_arm = max(1, (budget - used) // (len(alive) * (rounds - r)))
            for _ in range(per_arm):
                if cap is not None and used >= len(arms) and (time.perf_counter() - started) * 1000 > cap:
                    break
                for i in alive:
                    total[i] += simulate(arms[i], random.Random(base + k))
                    n[i] += 1
                    used += 1
                k += 1
            alive.sort(key=lambda i: -total[i] / max(n[i], 1))
            if len(alive) > 1 and r < rounds - 1:
                alive = alive[: max(1, (len(alive) + 1) // 2)]
        best = max(alive, key=lambda i: (total[i] / max(n[i], 1), -i))
        return arms[best]


def quick_answer(rules, w, side: str, evaluator) -> None:
    """Answer the dilemma waiting in ``w`` with the option that judges best right away."""
    card = rules.event[w.dilemma]
    best, best_value = None, None
    for option in card.dilemma.options:
        action = Action("choose", side, option=option.id)
        if why_illegal(rules, w, action, _no_text) is not None:
            continue
        trial = quiet(rules, w)
        trial.dilemma = None
        trial.power[side] -= option.cost
        trial.apply(option.effects, Context(side=side, card=card.id))
        value = evaluator.value(trial, this_year_checked=False)
        if best_value is None or value > best_value:
            best, best_value = option.id, value
    choose_option(rules, w, side, best or card.dilemma.options[0].id)


def legal_part(rules, w, side: str, plan: tuple) -> tuple:
    """The orders of ``plan`` that ``side`` may still plan in ``w``, in order."""
    planning = w.ending is None and w.dilemma is None and rules.phases[w.phase].kind == "plan"
    if not planning:
        return _legal_part_by_reasons(rules, w, side, plan)
    # In a planning phase, an order of one of the side's actions at an allowed target
    # can only fail the order's own checks (``moves._order_problem``: the order limit,
    # how often a year, the requirement, the power left), checked here in place with the
    # power left kept as orders are kept; any other order is asked of ``why_illegal``.
    keep: list = []
    available = w.power[side]
    limit = rules.side[side].orders_per_year
    actions = rules.action
    condition = w.code.condition
    for order in plan:
        act = actions.get(order.action)
        target = order.target
        if act is not None and side in act.sides and target in targets_of(rules, act):
            ok = (
                len(keep) < limit
                and sum(1 for o in keep if o.action == act.id and o.target == target) < act.per_year
                and (act.requires is None or condition(act.requires)(w, Context(side=side, target=target)))
                and available >= act.cost
            )
            if ok:
                available -= act.cost
        else:
            ok = _why_illegal_with(rules, w, side, tuple(keep), order) is None
            if ok:
                available -= rules.action[order.action].cost
        if ok:
            keep.append(order)
    return tuple(keep)


def _why_illegal_with(rules, w, side: str, planned: tuple, order) -> str | None:
    """``why_illegal`` of ``order`` for ``side`` to act in ``w`` with ``planned`` as its plan so far."""
    saved = (w.to_act, w.plans)
    w.to_act = side
    w.plans = dict(w.plans)
    w.plans[side] = planned
    try:
        return why_illegal(rules, w, Action("plan", side, action=order.action, target=order.target), _no_text)
    finally:
        w.to_act, w.plans = saved


def _legal_part_by_reasons(rules, w, side: str, plan: tuple) -> tuple:
    """``legal_part`` outside a planning phase: each order asked of ``why_illegal``."""
    keep: list = []
    for order in plan:
        if _why_illegal_with(rules, w, side, tuple(keep), order) is None:
            keep.append(order)
    return tuple(keep)


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
