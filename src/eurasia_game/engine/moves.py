"""What a side may do now, why not, and what doing it changes.

``why_illegal`` returns one sentence (from the rules' texts) or None;
``legal_actions`` lists every action for which it returns None;
``apply_action`` applies a legal action and returns the new state and events.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from eurasia_game.engine.candidates import candidates, may_plan, open_orders, targets_of
from eurasia_game.engine.flow import advance
from eurasia_game.engine.facilitator import apply_facilitator, time_up_event, why_not_facilitator
from eurasia_game.engine.state import FACILITATOR, FACILITATOR_KINDS, Action, GameState, LogEvent, Order, StepResult, make_result, make_state
from eurasia_game.engine.work import Context, Work, holds
from eurasia_game.engine.words import fill_words
from eurasia_game.model.ruleset import RuleSet


class IllegalAction(ValueError):
    """Raised by ``apply_action`` for an illegal action; the message says why."""


def _phase_kind(rules: RuleSet, state: GameState) -> str:
    return rules.phases[state.phase].kind


def planned_cost(rules: RuleSet, state: GameState, side: str) -> int:
    return sum(rules.action[o.action].cost for o in state.plans.get(side, ()))


def _no_text(key: str, **values) -> str:
    return key


def why_illegal(rules: RuleSet, state: GameState, action: Action, _text=None) -> str | None:
    """One sentence saying why ``action`` is illegal now, or None if it is legal.

    ``legal_actions`` passes ``_no_text`` as ``_text`` to skip writing the
    sentence, which is most of the cost when only legality matters.
    """
    text = _text or rules.text
    if action.kind in FACILITATOR_KINDS or action.side == FACILITATOR:
        return why_not_facilitator(rules, state, action)
    if state.ending is not None:
        return text("illegal_game_over")
    if action.side != state.to_act:
        turn = rules.side[state.to_act].name if state.to_act in rules.side else ""
        side = rules.side[action.side].name if action.side in rules.side else action.side
        return text("illegal_not_your_turn", side=side, turn=turn)
    phase = rules.phases[state.phase]
    if state.dilemma is not None:
        if action.kind != "choose":
            return text("illegal_wrong_phase", phase=rules.event[state.dilemma].title)
        options = {o.id: o for o in rules.event[state.dilemma].dilemma.options}
        option = options.get(action.option)
        if option is None:
            return text("illegal_option", option=action.option)
        if option.requires is not None and not holds(rules, state, option.requires, Context(side=action.side)):
            return text("illegal_requires", reason=option.requires_text or "")
        if state.power[action.side] < option.cost:
            return text("illegal_cost", cost=option.cost, power=state.power[action.side])
        return None
    if action.kind == "commit":
        return None if phase.kind == "plan" else text("illegal_wrong_phase", phase=phase.name)
    if action.kind != "plan" or phase.kind != "plan":
        return text("illegal_wrong_phase", phase=phase.name)
    act = rules.action.get(action.action)
    if act is None:
        return text("illegal_unknown_action", action=action.action)
    if action.side not in act.sides:
        return text("illegal_not_your_action", side=rules.side[action.side].name, action=act.name)
    allowed = targets_of(rules, act)
    if action.target not in allowed:
        if action.target is None:
            return text("illegal_needs_target", action=act.name)
        front = rules.front[action.target].name if action.target in rules.front else action.target
        return text("illegal_target", action=act.name, front=front)
    return _order_problem(rules, state, action.side, act, action.target, None, text)


def _order_problem(rules: RuleSet, state: GameState, side: str, act, target, available: int | None, text) -> str | None:
    """The checks on a side's own action at an allowed target: order limit, per year, requirement, power.

    ``available`` is the side's power left after its planned orders; pass
    None to have it computed (``legal_actions`` computes it once per call).
    """
    plan = state.plans.get(side, ())
    limit = rules.side[side].orders_per_year
    if len(plan) >= limit:
        return text("illegal_orders", limit=limit)
    same = sum(1 for o in plan if o.action == act.id and o.target == target)
    if same >= act.per_year:
        return text("illegal_per_year", action=act.name, limit=act.per_year, times=times_text(rules, act.per_year), where=where_text(rules, act, target))
    if act.requires is not None and not holds(rules, state, act.requires, Context(side=side, target=target)):
        return text("illegal_requires", reason=act.requires_text or "")
    if available is None:
        available = state.power[side] - planned_cost(rules, state, side)
    if available < act.cost:
        return text("illegal_cost", cost=act.cost, power=available)
    return None


def times_text(rules: RuleSet, count: int) -> str:
    """'once', 'twice', '3 times': how often, in the rules' own words."""
    if count == 1:
        return rules.text("times_once")
    if count == 2:
        return rules.text("times_twice")
    return rules.text("times_many", count=count)


def where_text(rules: RuleSet, act, target: str | None) -> str:
    """Where an order is aimed (' on the Arctic front'), or '' when the action can aim at one front only.

    An action with a single front names it already ('Lend to Russian energy'),
    and an action with none has nowhere to name.
    """
    if target is None or target not in rules.front or len(targets_of(rules, act)) < 2:
        return ""
    return rules.text("on_front", front=rules.front[target].name)


def planned_text(rules: RuleSet, side: str, action_id: str, target: str | None) -> str:
    """The log line of a planned order ('Moscow planned: Invest on the Arctic front.')."""
    act = rules.action[action_id]
    front = rules.front[target].name if target in rules.front else ""
    return rules.text("planned", side=rules.side[side].name, action=act.name, front=front, where=where_text(rules, act, target))


def candidate_actions(rules: RuleSet, state: GameState, side: str) -> list[Action]:
    """Every action a side could try now, legal or not (for showing why not)."""
    if state.ending is not None:
        return []
    if state.dilemma is not None:
        card = rules.event[state.dilemma]
        if card.dilemma.side != side:
            return []
        return [Action("choose", side, option=o.id) for o in card.dilemma.options]
    if _phase_kind(rules, state) != "plan":
        return []
    out = [Action("plan", side, action=a.id, target=t) for a in rules.actions if side in a.sides for t in targets_of(rules, a)]
    out.append(Action("commit", side))
    return out


def legal_actions(rules: RuleSet, state: GameState, side: str | None = None) -> list[Action]:
    """The legal actions of ``side`` (default: the side to act), in a stable order."""
    side = side or state.to_act
    if side is None or side != state.to_act:
        return []
    if state.ending is None and state.dilemma is None and _phase_kind(rules, state) == "plan":
        # The common case: the side's own actions at allowed targets, less
        # those its plan, their requirement or its power refuse (see
        # ``engine.candidates``), then commit, which is always legal here.
        out = open_orders(rules, state, side)
        out.append(candidates(rules).commit[side])
        return out
    return [a for a in candidate_actions(rules, state, side) if why_illegal(rules, state, a, _no_text) is None]


def _plannable(rules: RuleSet, state: GameState, action: Action):
    """The candidate of ``action`` if it is an order its side may plan now, else None: the quick test of ``apply_action``."""
    if action.side != state.to_act or state.ending is not None or state.dilemma is not None or rules.phases[state.phase].kind != "plan":
        return None
    candidate = candidates(rules).by_key.get((action.side, action.action, action.target))
    return candidate if candidate is not None and may_plan(rules, state, action.side, candidate) else None


def _with_order(state: GameState, order: Order) -> GameState:
    """The state after planning ``order``: a new plans dict, one more step, the same memo.

    Planning changes nothing a requirement reads, so what was judged of the
    requirements (``state.memo``) holds for the new state too.
    """
    plans = dict(state.plans)
    plans[order.side] = plans[order.side] + (order,)
    s = state
    return make_state(
        s.scenario, s.year, s.phase, s.phase_done, s.to_act, s.tracks, s.power, s.income, s.standing, s.flags, s.deck,
        s.fired, s.crossed, s.queue, s.dilemma, plans, s.committed, s.orders_done, s.rng, s.ending, s.snapshots,
        s.steps + 1, s.injects, s.armed_from, s.luck, s.memo,
    )


def _quick_commit(rules: RuleSet, state: GameState, side: str) -> StepResult | None:
    """A side's commit while the other side has still to plan, or None when it is not that.

    Nothing else happens then: the flow hands the turn to the next side in
    ``side_order`` that has not committed (what ``advance`` would do), no card
    waits and nothing is drawn, so the new state is built directly and keeps
    the memo (nothing a requirement reads has changed).
    """
    if side != state.to_act or state.ending is not None or state.dilemma is not None or state.queue or _phase_kind(rules, state) != "plan":
        return None
    committed = state.committed + (side,)
    waiting = [s for s in rules.game.side_order if s not in committed]
    if not waiting:
        return None
    s = state
    new = make_state(
        s.scenario, s.year, s.phase, s.phase_done, waiting[0], s.tracks, s.power, s.income, s.standing, s.flags, s.deck,
        s.fired, s.crossed, s.queue, s.dilemma, s.plans, committed, s.orders_done, s.rng, s.ending, s.snapshots,
        s.steps + 1, s.injects, s.armed_from, s.luck, s.memo,
    )
    event = LogEvent("committed", partial(rules.text, "committed", side=rules.side[side].name), s.year)
    return make_result(new, (event,), waiting[0] == s.to_act)


def apply_action(rules: RuleSet, state: GameState, action: Action) -> StepResult:
    """Apply a legal action; raises ``IllegalAction`` with the reason otherwise."""
    candidate = _plannable(rules, state, action) if action.kind == "plan" else None
    if candidate is not None:
        # Planning only adds a secret order: no flow, no randomness.
        new = _with_order(state, candidate.order)
        event = LogEvent(
            "planned",
            partial(planned_text, rules, action.side, action.action, action.target),
            state.year,
            side=action.side,
            secret_for=action.side,
            data=(action.action, action.target or ""),
        )
        return make_result(new, (event,), True)
    if action.kind == "commit":
        quick = _quick_commit(rules, state, action.side)
        if quick is not None:
            return quick
    reason = why_illegal(rules, state, action)
    if reason is not None:
        raise IllegalAction(reason)
    if action.kind == "time_up":
        return time_up(rules, state, action)
    if action.kind in FACILITATOR_KINDS:
        return apply_facilitator(rules, state, action)
    if action.kind == "plan":  # pragma: no cover - legal orders take the quick path above
        raise AssertionError("a legal order was not plannable")
    w = Work(rules, state)
    w.steps += 1
    if action.kind == "commit":
        w.committed.append(action.side)
        w.say("committed", "committed", side=w.side_name(action.side))
    else:
        card = rules.event[state.dilemma]
        option = next(o for o in card.dilemma.options if o.id == action.option)
        w.dilemma = None
        w.power[action.side] -= option.cost
        ctx = Context(side=action.side, card=card.id)
        w.log("chose", partial(fill_words, rules, option.log, action.side, None), side=action.side, card=card.id, data=(option.id,))
        w.code.body(option.effects)(w, ctx)
    advance(w)
    new = w.freeze()
    undoable = not w.revealed and new.rng == state.rng and new.to_act == state.to_act
    return make_result(new, tuple(w.events), undoable)


def time_up(rules: RuleSet, state: GameState, action: Action) -> StepResult:
    """A turn timer ran out: log it, and under the 'commit' rule make the side's move for it.

    The move is the one a player makes by ending the turn as it stands: commit
    the plan, or in a dilemma the first option it may choose.
    """
    side = action.target
    taken = None
    if action.mode == "commit":
        kind = "choose" if state.dilemma is not None else "commit"
        taken = next((a for a in legal_actions(rules, state, side) if a.kind == kind), None)
    event = time_up_event(rules, state, action, taken)
    if taken is None:
        return StepResult(replace(state, steps=state.steps + 1), (event,), undoable=True)
    inner = apply_action(rules, state, taken)
    return StepResult(inner.state, (event,) + inner.events, undoable=False)
