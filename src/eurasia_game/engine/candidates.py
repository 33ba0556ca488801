"""Each side's possible orders, listed once per rule set, and which of them are open now.

While a side plans, its legal orders are its own actions at their allowed
fronts, less those refused by the order limit, the per-year limit, the
action's requirement or the power left.  The list of candidates depends only
on the rules, so it is made once; whether a requirement holds depends on the
state but not on the orders planned so far (no condition reads the plans,
and planning changes nothing else), so it is judged once per state and kept
in the state's ``memo``, which the engine hands on to the state after a
planned order.  What remains per call is two integer comparisons a candidate.
"""

from __future__ import annotations

from eurasia_game.engine.compiled import compiled
from eurasia_game.engine.state import Action, Order
from eurasia_game.engine.work import Context


class Candidate:
    """One order a side could plan: an action at one target, with what its checks need."""

    __slots__ = ("action", "order", "act", "target", "key", "cost", "per_year", "requires", "ctx")

    def __init__(self, action: Action, act, target, requires):
        self.action = action  # the shared, immutable Action value handed out by legal_actions
        self.order = Order(action.side, act.id, target)  # and the Order it plans (immutable too)
        self.act = act
        self.target = target
        self.key = (act.id, target)  # what a planned order's (action, target) is compared with
        self.cost = act.cost
        self.per_year = act.per_year
        self.requires = requires  # compiled condition, or None
        self.ctx = Context(side=action.side, target=target)


def targets_of(rules, action) -> tuple:
    if action.targets == "none":
        return (None,)
    if action.targets == "all":
        return rules.front_ids
    return tuple(action.targets)


class Candidates:
    """The candidate orders of both sides, in the stable order of ``legal_actions``."""

    def __init__(self, rules):
        condition = compiled(rules).condition
        self.of: dict[str, tuple[Candidate, ...]] = {}
        self.by_key: dict[tuple, Candidate] = {}
        self.commit = {side: Action("commit", side) for side in rules.side_ids}
        for side in rules.side_ids:
            row = []
            for act in rules.actions:
                if side not in act.sides:
                    continue
                requires = condition(act.requires) if act.requires is not None else None
                for target in targets_of(rules, act):
                    candidate = Candidate(Action("plan", side, action=act.id, target=target), act, target, requires)
                    row.append(candidate)
                    self.by_key.setdefault((side, act.id, target), candidate)
            self.of[side] = tuple(row)


_CANDIDATES: dict[int, tuple] = {}


def candidates(rules) -> Candidates:
    """The candidate table of ``rules`` (made once per rule set, kept by identity)."""
    known = _CANDIDATES.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    made = Candidates(rules)
    if len(_CANDIDATES) > 64:
        _CANDIDATES.clear()
    _CANDIDATES[id(rules)] = (rules, made)
    return made


def allowed(rules, state, side: str) -> tuple[Candidate, ...]:
    """The side's candidates whose requirement holds in ``state`` (kept in ``state.memo``)."""
    memo = state.memo
    if memo is None:
        memo = {}
        object.__setattr__(state, "memo", memo)
    found = memo.get(side)
    if found is None:
        found = memo[side] = tuple(
            c for c in candidates(rules).of[side] if c.requires is None or c.requires(state, c.ctx)
        )
        memo[(side, "set")] = frozenset(found)
    return found


def open_orders(rules, state, side: str) -> list[Action]:
    """The orders ``side`` may plan now (its planning phase assumed), in the stable order."""
    plan = state.plans.get(side, ())
    if len(plan) >= rules.side[side].orders_per_year:
        return []
    table = allowed(rules, state, side)
    available = state.power[side]
    if not plan:
        return [c.action for c in table if c.cost <= available]
    action = rules.action
    counts: dict = {}
    for o in plan:
        act = action[o.action]
        available -= act.cost
        key = (o.action, o.target)
        counts[key] = counts.get(key, 0) + 1
    # the (action, target) pairs planned as often as their action allows this year
    full = {key for key, n in counts.items() if n >= action[key[0]].per_year}
    if not full:
        return [c.action for c in table if c.cost <= available]
    return [c.action for c in table if c.cost <= available and c.key not in full]


def may_plan(rules, state, side: str, candidate: Candidate) -> bool:
    """Whether ``side`` may plan ``candidate`` now (its planning phase assumed)."""
    plan = state.plans.get(side, ())
    if len(plan) >= rules.side[side].orders_per_year:
        return False
    available = state.power[side]
    same = 0
    if plan:
        action = rules.action
        act_id, target = candidate.act.id, candidate.target
        for o in plan:
            available -= action[o.action].cost
            if o.action == act_id and o.target == target:
                same += 1
    if available < candidate.cost or same >= candidate.per_year:
        return False
    memo = state.memo
    found = memo.get((side, "set")) if memo is not None else None
    if found is None:
        allowed(rules, state, side)
        found = state.memo[(side, "set")]
    return candidate in found
