"""The turn's flow: starting a game and advancing it through the phase table.

The rules give the phases as a table (``phases:``); each row's ``kind`` names
one of the steps below.  ``advance`` runs steps until a side must decide (plan
its orders or choose a dilemma option) or the game ends, so a state always has
exactly one side to act, or none when the game is over.
"""

from __future__ import annotations

from functools import partial

from eurasia_game.engine import rng
from eurasia_game.engine.compiled import compiled
from eurasia_game.engine.objectives import by_fronts, by_objectives
from eurasia_game.engine.state import GameState, Order, StepResult
from eurasia_game.engine.work import Context, Work, holds
from eurasia_game.engine.words import fill_words
from eurasia_game.model import effects as E
from eurasia_game.model.ruleset import RuleSet


def deck_for(rules: RuleSet, scenario) -> tuple[str, ...]:
    tags = set(scenario.deck_tags) if scenario.deck_tags is not None else None
    extra = set(scenario.extra_cards)
    return tuple(
        e.id for e in rules.events if (e.in_deck and (tags is None or tags & set(e.tags))) or e.id in extra
    )


def new_game(rules: RuleSet, scenario: str | None = None, seed: int = 0, armed_from: int | None = None) -> GameState:
    """The state at the start of ``scenario``, advanced to the first decision."""
    return start_game(rules, scenario, seed, armed_from).state


def armed_problem(rules: RuleSet, scenario_id: str, year: int) -> str | None:
    """Why ``year`` cannot be the year endings are armed from in a scenario, or None."""
    sc = rules.scenario[scenario_id]
    if type(year) is not int or not sc.start_year <= year <= sc.end_year:
        return rules.text("illegal_armed_year", year=year, first=sc.start_year, last=sc.end_year)
    return None


def start_game(rules: RuleSet, scenario: str | None = None, seed: int = 0, armed_from: int | None = None) -> StepResult:
    """Like ``new_game``, but also returns what happened before the first decision.

    ``armed_from`` (default: the scenario's own, or its midpoint) is the first
    year in which sudden endings are checked and tipping points can be drawn.
    """
    scenario_id = scenario or rules.game.default_scenario
    if scenario_id not in rules.scenario:
        raise KeyError(f"unknown scenario '{scenario_id}'; the scenarios are: {', '.join(rules.scenario)}")
    sc = rules.scenario[scenario_id]
    if armed_from is None:
        armed_from = sc.armed_year
    elif armed_problem(rules, scenario_id, armed_from):
        raise ValueError(armed_problem(rules, scenario_id, armed_from))
    setup = sc.setup
    tracks = {t.id: setup.tracks.get(t.id, t.start) for t in rules.tracks}
    power = {s.id: setup.power.get(s.id, s.power) for s in rules.sides}
    income = {s.id: setup.income.get(s.id, s.income) for s in rules.sides}
    standing = {f.id: {s: setup.standing.get(f.id, {}).get(s, f.start[s]) for s in rules.side_ids} for f in rules.fronts}
    state = GameState(
        scenario=scenario_id,
        year=sc.start_year,
        phase=0,
        phase_done=False,
        to_act=None,
        tracks=tracks,
        power=power,
        income=income,
        standing=standing,
        flags=frozenset(setup.flags),
        deck=deck_for(rules, sc),
        fired=(),
        crossed=(),
        queue=(),
        dilemma=None,
        plans={s: () for s in rules.side_ids},
        committed=(),
        orders_done=(),
        rng=rng.seed_state(seed),
        armed_from=armed_from,
    )
    work = Work(rules, state)
    if armed_from > sc.start_year:
        work.log("armed", partial(rules.text, "armed_from", year=armed_from), data=(armed_from,))
    advance(work)
    return StepResult(work.freeze(), tuple(work.events), undoable=False)


# The context of rules that name no side and no front (red lines, endings).
_NO_CONTEXT = Context()

# The most cards that fire in one step; only a loop of triggers reaches it.
MAX_FIRINGS = 100


def advance(w: Work, stop_before: str | None = None, fired: int = 0) -> int:
    """Run the phase table until a side must decide or the game ends.

    Cards waiting in the queue fire before the flow moves on, so an event's
    dilemma is answered in the phase that drew it.  With ``stop_before`` (a
    phase kind) the run also stops, with nobody to act, just before a phase
    of that kind would run its step; calling ``advance`` again carries on
    exactly as if it had not stopped when given back the count of cards
    fired so far, which this returns (the computer players' look-ahead keeps
    the part of a year that comes before the draw).
    """
    rules = w.rules
    phases = rules.phases
    while w.ending is None:
        if w.dilemma is not None:
            w.to_act = rules.event[w.dilemma].dilemma.side
            return fired
        w.to_act = None
        if w.queue:
            card, drawn = w.queue.pop(0)
            fired += 1
            if fired > MAX_FIRINGS:
                # Cards that keep triggering each other (the checker reports
                # such loops) would never let the game go on: stop the chain.
                w.queue.clear()
                continue
            fire(w, card, drawn)
            continue
        phase = phases[w.phase]
        if phase.kind == "plan":
            waiting = [s for s in rules.game.side_order if s not in w.committed]
            if waiting:
                w.to_act = waiting[0]
                return fired
            w.phase_done = True
        if not w.phase_done:
            if phase.kind == stop_before:
                return fired
            _run_phase(w, phase.kind)
            w.phase_done = True
        elif phase.kind == "checks" or w.phase == len(phases) - 1:
            _end_of_year(w)
        else:
            w.phase += 1
            w.phase_done = False
    return fired


def _run_phase(w: Work, kind: str) -> None:
    if w.phase == 0:
        w.say("year_began", "year", year=w.year)
        if w.year == w.armed_from and w.year > w.rules.scenario[w.scenario].start_year:
            w.log("armed", partial(w.rules.text, "armed_now", year=w.year), data=(w.year,))
    if kind == "events":
        _draw_events(w)
    elif kind == "income":
        _income(w)
    elif kind == "resolve":
        _resolve(w)
    elif kind == "checks":
        _checks(w)


def _draw_events(w: Work) -> None:
    rules = w.rules
    scenario = rules.scenario[w.scenario]
    if w.year == scenario.start_year:
        w.queue.extend((card, False) for card in scenario.opening_cards)
    for item in scenario.scheduled:
        if item.year == w.year and (item.card not in w.fired or w.rules.event[item.card].repeatable):
            w.queue.append((item.card, False))
    # Cards the facilitator set for this phase fire before the draw.
    w.queue.extend(w.injects)
    w.injects.clear()
    # Before the armed year no card that can end the game is drawn.
    unarmed = ending_cards(rules) if w.year < w.armed_from else frozenset()
    draw = _draw_table(rules)
    for _ in range(scenario.events_per_year):
        skip = {c for c, _ in w.queue}
        skip |= unarmed
        eligible = []
        total = 0
        for c in w.deck:
            if c not in skip:
                test, weight = draw[c]
                if test is None or test(w, _NO_CONTEXT):
                    eligible.append((c, weight))
                    total += weight
        if not eligible:
            w.say("no_card", "card")
            return
        pick = w.roll(total)
        for card, weight in eligible:
            pick -= weight
            if pick < 0:
                w.queue.append((card, True))
                break


_DRAW: dict[int, tuple] = {}


def _draw_table(rules: RuleSet) -> dict[str, tuple]:
    """Each card's compiled condition (None: always) and weight, made once per rule set."""
    known = _DRAW.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    condition = compiled(rules).condition
    table = {e.id: (condition(e.condition) if e.condition is not None else None, e.weight) for e in rules.events}
    if len(_DRAW) > 64:
        _DRAW.clear()
    _DRAW[id(rules)] = (rules, table)
    return table


_FIRE_TEXT = {True: "card_drawn", False: "card_triggered", "forced": "card_forced", "forced_next": "card_forced"}


def fire(w: Work, card_id: str, drawn: bool | str) -> None:
    """Fire an event card: log it, apply its effects, and open its dilemma."""
    rules = w.rules
    card = rules.event[card_id]
    w.fired.append(card_id)
    if not card.repeatable and card_id in w.deck:
        w.deck.remove(card_id)
    # ``drawn`` is True (drawn), False (triggered) or a facilitator inject mode.
    if w.code.keep_moves:  # a quiet copy keeps no log: its line is not prepared
        key = _FIRE_TEXT.get(drawn, "card_injected")
        w.log("card", partial(rules.text, key, title=card.title), card=card_id, data=(drawn,) if isinstance(drawn, str) else ())
    w.revealed = True
    side = card.dilemma.side if card.dilemma else None
    code = w.code
    code.body(card.effects)(w, code.context(side, None, card_id))
    if card.dilemma is not None and w.ending is None:
        w.dilemma = card_id
        w.to_act = card.dilemma.side


def _income(w: Work) -> None:
    rules = w.rules
    loud = w.code.keep_moves  # a quiet copy keeps no log: its lines are not prepared
    for side in rules.game.side_order:
        amount = w.income[side]
        w.power[side] += amount
        # data names the side and the amount, for tools that count income (the balance lab)
        if loud:
            w.log("income", partial(rules.text, "income_gained", side=w.side_name(side), amount=amount), data=(side, amount))
    _apply_rules(w, rules.yearly, "trend")


def _apply_rules(w: Work, rule_defs, kind: str, target: str | None = None) -> None:
    rules = w.rules
    code = w.code
    loud = code.keep_moves  # a quiet copy keeps no log: its lines are not prepared
    ctx = code.context(None, target)
    for test, log, effects in code.rules_of(rule_defs):
        if w.ending is not None:
            return
        if test(w, ctx):
            if log and loud:
                w.log(kind, partial(fill_words, rules, log, None, target))
            effects(w, ctx)


def interleaved_orders(rules: RuleSet, plans: dict) -> list[Order]:
    """Orders in the sequence they are carried out: first of each side, then second..."""
    order: list[Order] = []
    longest = max((len(p) for p in plans.values()), default=0)
    for index in range(longest):
        for side in rules.game.side_order:
            if index < len(plans.get(side, ())):
                order.append(plans[side][index])
    return order


def _resolve(w: Work) -> None:
    rules = w.rules
    code = w.code
    if not code.keep_moves:
        _resolve_quietly(w, rules, code)
        return
    w.revealed = True
    w.say("orders_revealed", "reveal", year=w.year)
    for order in interleaved_orders(rules, w.plans):
        if w.ending is not None:
            return
        action = rules.action[order.action]
        ctx = code.context(order.side, order.target)
        if w.power[order.side] < action.cost:
            w.log("order", partial(rules.text, "illegal_cost", cost=action.cost, power=w.power[order.side]), side=order.side)
            continue
        w.power[order.side] -= action.cost
        w.orders_done.append(order)
        w.log("order", partial(fill_words, rules, action.log, order.side, order.target), side=order.side, data=(order.action, order.target or ""))
        code.body(action.effects)(w, ctx)
    w.plans = {s: () for s in rules.side_ids}
    for front in rules.fronts:
        _apply_rules(w, front.resolution, "front", target=front.id)
    _red_lines(w, rules, code, logged=True)


def _resolve_quietly(w: Work, rules: RuleSet, code) -> None:
    """``_resolve`` for a working copy that keeps no log (its ``log`` and ``say`` do nothing):
    the same orders and rules in the same order, without the log lines' words being prepared."""
    w.revealed = True
    if orders_quietly(w, rules, code, quiet_sequence(rules, w.plans)):
        after_orders_quietly(w, rules, code)


def quiet_sequence(rules: RuleSet, plans: dict):
    """The orders of ``plans`` in the order of ``interleaved_orders``: one side's orders alone
    in their own order, two sides' first of each, second of each..., then the rest of the
    longer plan."""
    order_of = rules.game.side_order
    if len(order_of) == 2:
        first, second = plans.get(order_of[0], ()), plans.get(order_of[1], ())
        if not second:
            return first
        if not first:
            return second
        orders = [o for pair in zip(first, second) for o in pair]
        orders += first[len(second):] or second[len(first):]
        return orders
    return interleaved_orders(rules, plans)


def orders_quietly(w: Work, rules: RuleSet, code, orders) -> bool:
    """Carry out ``orders`` on a quiet working copy as ``_resolve`` does; False when the game
    had ended before one of them (the resolution then stops there).

    The look-ahead carries out the orders a year's plans share once and the rest
    on copies: the steps are the same either way."""
    power, done, actions, context, body = w.power, w.orders_done, rules.action, code.context, code.body
    for order in orders:
        if w.ending is not None:
            return False
        side = order.side
        action = actions[order.action]
        if power[side] < action.cost:
            continue
        power[side] -= action.cost
        done.append(order)
        body(action.effects)(w, context(side, order.target))
    return True


def after_orders_quietly(w: Work, rules: RuleSet, code) -> None:
    """The rest of a quiet resolution once the orders are carried out: the fronts' payouts
    and the red lines."""
    w.plans = dict.fromkeys(rules.side_ids, ())
    # Each front's payouts in its context, one list for all fronts (``_apply_rules``, unlogged).
    for test, effects, ctx in _payouts(code):
        if w.ending is not None:
            return
        if test(w, ctx):
            effects(w, ctx)
    _red_lines(w, rules, code, logged=False)


def _red_lines(w: Work, rules: RuleSet, code, logged: bool) -> None:
    """Beijing's red lines (the rules' ``red_lines``), checked in order after the payouts."""
    for line, test, effects in _red_line_steps(code):
        if w.ending is not None:
            return
        if line.once and line.id in w.crossed:
            continue
        if test(w, _NO_CONTEXT):
            w.crossed.append(line.id)
            if logged:
                w.log("red_line", partial(fill_words, rules, line.log, None, None))
            effects(w, _NO_CONTEXT)


_RED_LINES: dict[int, tuple] = {}


def _red_line_steps(code) -> list:
    """(red line, condition, effects) of every red line, made once per set of compiled closures."""
    known = _RED_LINES.get(id(code))
    if known is not None and known[0] is code:
        return known[1]
    steps = [(line, code.condition(line.condition), code.body(line.effects)) for line in code.rules.red_lines]
    if len(_RED_LINES) > 64:
        _RED_LINES.clear()
    _RED_LINES[id(code)] = (code, steps)
    return steps


_PAYOUTS: dict[int, tuple] = {}


def _payouts(code) -> list:
    """(condition, effects, context) of every front's payout rules, front by front, made once
    per set of compiled closures."""
    known = _PAYOUTS.get(id(code))
    if known is not None and known[0] is code:
        return known[1]
    steps = [(test, effects, code.context(None, f.id)) for f in code.rules.fronts for test, _, effects in code.rules_of(f.resolution)]
    if len(_PAYOUTS) > 64:
        _PAYOUTS.clear()
    _PAYOUTS[id(code)] = (code, steps)
    return steps


def _checks(w: Work) -> None:
    rules = w.rules
    scenario = rules.scenario[w.scenario]
    endings = [rules.ending[e] for e in scenario.endings]
    armed = w.year >= w.armed_from
    condition = w.code.condition
    for ending in endings:
        if armed and ending.check == "sudden" and ending.condition is not None and condition(ending.condition)(w, _NO_CONTEXT):
            w.finish(ending.id)
            return
    if w.year >= scenario.end_year:
        for ending in endings:
            if ending.check == "final" and condition(ending.condition)(w, _NO_CONTEXT):
                w.finish(ending.id)
                return


def _end_of_year(w: Work) -> None:
    w.snapshot()
    w.year += 1
    w.phase = 0
    w.phase_done = False
    w.committed = []
    w.orders_done = []
    w.plans = {s: () for s in w.rules.side_ids}


def ending_card(rules: RuleSet, state: GameState) -> str | None:
    """The card that ended the game, when a card's ``end`` effect did.

    A game ends either because an ending's condition came true or because a
    card (a tipping point) ended it outright.  When the ending's condition
    does not hold in the final state, the last fired card that can bring this
    ending about is the one that did.  None when the condition explains it.
    """
    if state.ending is None:
        return None
    ending = rules.ending[state.ending]
    if ending.condition is None or holds(rules, state, ending.condition):
        return None
    for card_id in reversed(state.fired):
        if state.ending in card_endings(rules, card_id):
            return card_id
    return None


_ENDING_CARDS: dict[int, tuple] = {}


def ending_cards(rules: RuleSet) -> frozenset[str]:
    """The cards whose effects can end the game (tipping points); computed once per rule set."""
    known = _ENDING_CARDS.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    cards = frozenset(e.id for e in rules.events if card_endings(rules, e.id))
    if len(_ENDING_CARDS) > 256:
        _ENDING_CARDS.clear()
    _ENDING_CARDS[id(rules)] = (rules, cards)
    return cards


def card_endings(rules: RuleSet, card_id: str) -> set[str]:
    """The endings a card's ``end`` effects (its options' included) can bring about."""
    card = rules.event[card_id]
    options = card.dilemma.options if card.dilemma else ()
    return _endings_named([*card.effects, *(e for o in options for e in o.effects)])


def _endings_named(effects) -> set[str]:
    found: set[str] = set()
    for effect in effects:
        if isinstance(effect, E.EndGame):
            found.add(effect.ending)
        elif isinstance(effect, (E.Chance, E.When)):
            found |= _endings_named(effect.then) | _endings_named(effect.otherwise)
    return found


def outcome(rules: RuleSet, state: GameState) -> dict[str, str]:
    """Each side's result ('win', 'lose' or 'draw') once the game is over."""
    if state.ending is None:
        return {}
    ending = rules.ending[state.ending]
    if isinstance(ending.outcome, dict):
        return dict(ending.outcome)
    if ending.outcome == "objectives":
        return by_objectives(rules, state)
    return by_fronts(rules, state)
