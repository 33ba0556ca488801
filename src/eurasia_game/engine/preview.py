"""What a side's plan so far is expected to do, before it is revealed.

While a side plans, the board shows the effect of its orders on each track
and front.  This module works that out from the rules alone, without
touching the game: it carries out the side's own planned orders on a copy
of the state as the resolution phase would (in order, each paid for, a
skipped order when power runs short), then the fronts' yearly payouts and
Beijing's red lines, following *every* branch of each roll with its odds
instead of rolling.  So the preview says

- what is certain (the same in every branch),
- what depends on a roll (differs between branches: a range and odds),
- what the rival can still change (a track or front its orders this year
  could move; its plan is secret, so the numbers assume it does nothing),
- which planned orders change nothing by the year's end (paid for, then
  undone by a track's limit or a front's upkeep),

and how each side's own objectives would stand afterwards.  The rival's
planned orders are never read, so the preview leaks no secret.  Nothing here
draws a die: the engine's results are unchanged (tests check that the real
resolution always lands on one of the previewed branches).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from eurasia_game.engine.objectives import standing as objective_standing
from eurasia_game.engine.state import GameState
from eurasia_game.engine.work import Context, Work, holds, other_side, resolve_front, resolve_side
from eurasia_game.model import effects as E

MAX_BRANCHES = 256  # more rolls than this in one plan are merged (never reached by the base game)


@dataclass(frozen=True)
class Change:
    """One track, or one side's standing on one front, after the plan."""

    now: int
    low: int  # the lowest value over the branches
    high: int  # the highest
    expected: float  # the odds-weighted mean
    rival: bool  # whether the rival's orders this year could move it too

    @property
    def certain(self) -> bool:
        """Every branch agrees (no roll changes it)."""
        return self.low == self.high

    @property
    def moved(self) -> bool:
        return self.low != self.now or self.high != self.now


@dataclass(frozen=True)
class ObjectiveOutlook:
    """A side's objectives now and after the plan."""

    side: str
    score_now: int
    low: int
    high: int
    needed: int
    chance_met: float  # the odds that the score reaches what the side needs after the plan


@dataclass(frozen=True)
class LineOutlook:
    """A red line the plan may cross, with the odds."""

    line: str
    chance: float  # 1.0: certain


@dataclass(frozen=True)
class Preview:
    side: str
    orders: int  # the planned orders counted
    branches: int  # the distinct roll outcomes followed
    power_left: int  # the lowest power left over the branches
    skipped: int  # orders the side could not pay for in at least one branch
    tracks: dict  # track id -> Change
    standing: dict  # front id -> side id -> Change
    objectives: dict  # side id -> ObjectiveOutlook
    red_lines: tuple  # LineOutlook, in rules order
    cards: tuple  # (card id, odds): cards the resolution would set off (a climb-down and its dilemma)
    rival_power: int  # what the rival has to spend
    idle: tuple = ()  # planned orders that change nothing by the year's end (``idle_orders``)

    def changes(self):
        """(kind, key, Change) for every track and front standing the plan may move."""
        for track, c in self.tracks.items():
            if c.moved:
                yield "track", track, c
        for front, row in self.standing.items():
            for side, c in row.items():
                if c.moved:
                    yield "front", f"{front}/{side}", c


def _clone(w: Work) -> Work:
    return Work(w.rules, w.freeze())


def _run(rules, branches: list, effects, ctx: Context) -> list:
    """Apply ``effects`` to every (odds, Work) branch, splitting on each roll."""
    for effect in effects:
        nxt = []
        for p, w in branches:
            if w.ending is not None:
                nxt.append((p, w))
            elif isinstance(effect, E.Chance):
                hit = effect.percent / 100
                other = _clone(w)
                if hit > 0:
                    nxt += _run(rules, [(p * hit, w)], effect.then, ctx)
                if hit < 1:
                    nxt += _run(rules, [(p * (1 - hit), other)], effect.otherwise, ctx)
            elif isinstance(effect, E.When):
                nxt += _run(rules, [(p, w)], effect.then if holds(rules, w, effect.condition, ctx) else effect.otherwise, ctx)
            else:
                w.apply_one(effect, ctx)
                nxt.append((p, w))
        branches = _merge(nxt) if len(nxt) > MAX_BRANCHES else nxt
    return branches


def _key(w: Work) -> tuple:
    return (tuple(w.tracks.items()), tuple((f, tuple(r.items())) for f, r in w.standing.items()), tuple(sorted(w.flags)), tuple(w.power.items()), tuple(w.crossed))


def _merge(branches: list) -> list:
    """Branches that reached the same position, merged (their odds added)."""
    out: dict = {}
    for p, w in branches:
        k = _key(w)
        if k in out:
            out[k] = (out[k][0] + p, out[k][1])
        else:
            out[k] = (p, w)
    return list(out.values())


def _fire_queued(rules, w: Work) -> Work:
    """Cards the year's resolution set off (a red line's climb-down), their
    plain effects applied as the engine fires them next; a dilemma they open
    is left to its chooser (``Preview.cards`` names the cards, with odds)."""
    fired = 0
    while w.queue and w.ending is None and fired < 8:
        card_id, _ = w.queue.pop(0)
        fired += 1
        card = rules.event[card_id]
        w.fired.append(card_id)
        side = card.dilemma.side if card.dilemma else None
        for _, x in _run(rules, [(1.0, w)], [e for e in card.effects if not isinstance(e, E.Chance)], Context(side=side, card=card_id)):
            w = x
    return w


def footprint(rules, effects, side: str, target: str | None, into: set) -> set:
    """The tracks and "front/side" standings ``effects`` can move when ``side`` acts on ``target``."""
    ctx = Context(side=side, target=target)
    for effect in effects:
        if isinstance(effect, E.ShiftTrack):
            into.add(effect.track)
        elif isinstance(effect, E.ShiftStanding):
            front = resolve_front(effect.front, ctx)
            fronts = [front] if front else rules.front_ids
            for f in fronts:
                into.add(f"{f}/{resolve_side(rules, effect.side, ctx)}")
        elif isinstance(effect, (E.Chance, E.When)):
            footprint(rules, [*effect.then, *effect.otherwise], side, target, into)
    return into


def rival_reach(rules, state: GameState, rival: str) -> set:
    """What the rival's orders this year could move: every order it may give and afford.

    Read from public facts only (the rules and the rival's power): whether
    the rival has planned, or planned nothing, is its secret.
    """
    reach: set = set()
    for action in rules.actions:
        if rival not in action.sides or action.cost > state.power.get(rival, 0):
            continue
        targets = rules.front_ids if action.targets == "all" else [None] if action.targets == "none" else list(action.targets)
        for target in targets:
            footprint(rules, action.effects, rival, target, reach)
    return reach


def _resolved(rules, state: GameState, side: str, plan: tuple, without_effects: int | None = None) -> tuple[list, int, list]:
    """The year's resolution of ``side``'s ``plan`` (its rival idle), every roll's branch
    followed: ((odds, Work) merged branches, orders skipped for want of power, and for
    each order whether some branch could not pay for it).  ``without_effects``: the
    plan's order at that index is paid for and carried out without its effects (see
    ``idle_orders``)."""
    start = Work(rules, replace(state, plans={side: plan}, orders_done=()))
    start.events = []
    branches = [(1.0, start)]
    skipped = 0
    short_at = []
    for i, order in enumerate(plan):
        short = False
        action = rules.action[order.action]
        ctx = Context(side=order.side, target=order.target)
        nxt = []
        for p, w in branches:
            if w.ending is not None:
                nxt.append((p, w))
                continue
            if w.power[order.side] < action.cost:
                short = True
                nxt.append((p, w))
                continue
            w.power[order.side] -= action.cost
            if i == without_effects:
                nxt.append((p, w))
                continue
            w.orders_done.append(order)
            nxt += _run(rules, [(p, w)], action.effects, ctx)
        branches = nxt
        skipped += short
        short_at.append(short)
    # the fronts' yearly payouts and the red lines, as the resolution ends
    after = []
    for p, w in branches:
        out = [(p, w)]
        for front in rules.fronts:
            for rule in front.resolution:
                ctx = Context(target=front.id)
                nxt = []
                for q, x in out:
                    if x.ending is None and holds(rules, x, rule.condition, ctx):
                        nxt += _run(rules, [(q, x)], rule.effects, ctx)
                    else:
                        nxt.append((q, x))
                out = nxt
        for line in rules.red_lines:
            nxt = []
            for q, x in out:
                if x.ending is None and not (line.once and line.id in x.crossed) and holds(rules, x, line.condition):
                    x.crossed.append(line.id)
                    nxt += _run(rules, [(q, x)], line.effects, Context())
                else:
                    nxt.append((q, x))
            out = nxt
        after += [(q, _fire_queued(rules, x)) for q, x in out]
    return _merge(after), skipped, short_at


def _outcomes(branches: list) -> dict:
    """Where the year may end, with the odds: everything a later year can read."""
    out: dict = {}
    for p, w in branches:
        k = (_key(w), tuple(w.fired), w.ending)
        out[k] = out.get(k, 0.0) + p
    return out


def idle_orders(rules, state: GameState, side: str, plan: tuple, branches: list, short_at: list) -> tuple:
    """The orders of ``plan`` that change nothing by the year's end: the year ends the
    same, with the same odds, if the order is paid for and does nothing (for example an
    investment that the front's upkeep takes back).  An order that some branch cannot
    pay for is left out (it is counted as skipped)."""
    if not plan:
        return ()
    full = _outcomes(branches)
    idle = []
    for i, order in enumerate(plan):
        if short_at[i]:
            continue
        without = _outcomes(_resolved(rules, state, side, plan, without_effects=i)[0])
        if without.keys() == full.keys() and all(abs(full[k] - without[k]) < 1e-9 for k in full):
            idle.append(order)
    return tuple(idle)


def preview(rules, state: GameState, side: str) -> Preview:
    """The expected effect of ``side``'s orders planned so far (its rival assumed idle)."""
    rival = other_side(rules, side)
    plan = tuple(state.plans.get(side, ()))
    crossed_before = len(state.crossed)
    branches, skipped, short_at = _resolved(rules, state, side, plan)
    idle = idle_orders(rules, state, side, plan, branches, short_at)
    reach = rival_reach(rules, state, rival)

    def change(now: int, values: list) -> tuple[int, int, float]:
        return min(v for _, v in values), max(v for _, v in values), sum(p * v for p, v in values)

    tracks = {}
    for t in rules.track_ids:
        lo, hi, ex = change(state.tracks[t], [(p, w.tracks[t]) for p, w in branches])
        tracks[t] = Change(state.tracks[t], lo, hi, ex, t in reach)
    standing = {}
    for f in rules.front_ids:
        standing[f] = {}
        for s in rules.side_ids:
            lo, hi, ex = change(state.standing[f][s], [(p, w.standing[f][s]) for p, w in branches])
            standing[f][s] = Change(state.standing[f][s], lo, hi, ex, f"{f}/{s}" in reach)
    objectives = {}
    for s in rules.side_ids:
        now = objective_standing(rules, state, s)
        scores = [(p, objective_standing(rules, w, s).score) for p, w in branches]
        objectives[s] = ObjectiveOutlook(s, now.score, min(v for _, v in scores), max(v for _, v in scores), now.needed, sum(p for p, v in scores if v >= now.needed))
    lines = []
    for line in rules.red_lines:
        odds = sum(p for p, w in branches if line.id in w.crossed[crossed_before:])
        if odds > 0:
            lines.append(LineOutlook(line.id, min(1.0, odds)))
    fired_before = len(state.fired)
    cards: dict = {}
    for p, w in branches:
        for card_id in dict.fromkeys(w.fired[fired_before:]):
            cards[card_id] = cards.get(card_id, 0.0) + p
    return Preview(
        side=side,
        orders=len(plan),
        branches=len(branches),
        power_left=min(w.power[side] for _, w in branches),
        skipped=skipped,
        tracks=tracks,
        standing=standing,
        objectives=objectives,
        red_lines=tuple(lines),
        cards=tuple((c, min(1.0, p)) for c, p in cards.items()),
        rival_power=state.power.get(rival, 0),
        idle=idle,
    )
