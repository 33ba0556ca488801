"""Beijing's red lines as a table: what crosses each, what it costs, how far the game is from it.

The red-lines screen (F2) shows one row per line.  Everything in a row is
read from the rules and the game state, so a mod's red lines are described
as well as the base game's:

- *what crosses it*: the line's condition in words;
- *what it costs*: its effects, and those of the cards it sets off (a
  climb-down card and its dilemma's options);
- *how far*: for a condition on a track, a standing, power or the year, the
  steps still to go; for an order, whether the side can afford it this year;
  for a mark set by an earlier effect, whether it is set now and which
  orders, cards or options set it (with the odds when a roll decides).

It is public information: a side's secret plan is never read here (the plan
preview adds the viewer's own plan on the board).
"""

from __future__ import annotations

from dataclasses import dataclass

from eurasia_game.engine.describe import describe_condition, describe_effects, side_word
from eurasia_game.lang.catalogue import S
from eurasia_game.engine.work import Context, holds, resolve_side
from eurasia_game.model import conditions as C
from eurasia_game.model import effects as E


@dataclass(frozen=True)
class LineRow:
    id: str
    name: str
    crosses: str  # the condition in words
    costs: str  # the effects in words, short (the cards it sets off and who chooses)
    detail: str  # the effects in full, each choice's effects too
    distance: str  # how far the game is from crossing it now, in words
    steps: int | None  # steps to go (0: crossed at this year's resolution if nothing changes; None: no count)
    times: int  # how often it was crossed so far
    spent: bool  # a line crossed only once that is used up


def _distance(value: int, cond) -> int:
    if cond.min is not None and value < cond.min:
        return cond.min - value
    if cond.max is not None and value > cond.max:
        return value - cond.max
    return 0


def _card_now(rules, state, card) -> str:
    """Whether ``card`` can come up now, in words (for a mark a card's choice sets)."""
    if state is None:
        return ""
    if card.id not in state.deck and not card.repeatable:
        return S("rl_card_played")
    if card.condition is not None and not holds(rules, state, card.condition):
        return S("rl_card_when", condition=describe_condition(rules, card.condition))
    return S("rl_card_now") if card.id in state.deck else ""


def _setters(rules, flag: str, state=None) -> list[str]:
    """Who sets ``flag``: '<order> (on a roll, 50%)', "'<card>' (option '<label>')"."""
    found: list[str] = []

    def walk(effects, odds: float, where: str) -> None:
        for e in effects:
            if isinstance(e, E.SetFlag) and e.flag == flag and e.value:
                found.append(where if odds >= 1 else S("rl_on_a_roll", where=where, percent=round(odds * 100)))
            elif isinstance(e, E.Chance):
                walk(e.then, odds * e.percent / 100, where)
                walk(e.otherwise, odds * (1 - e.percent / 100), where)
            elif isinstance(e, E.When):
                walk([*e.then, *e.otherwise], odds, where)

    for a in rules.actions:
        walk(a.effects, 1.0, S("rl_the_order", action=a.name))
    for card in rules.events:
        now = _card_now(rules, state, card)
        walk(card.effects, 1.0, S("rl_the_card", card=card.title, now=now))
        if card.dilemma:
            for o in card.dilemma.options:
                walk(o.effects, 1.0, S("rl_the_choice", option=o.label, card=card.title, now=now))
    return list(dict.fromkeys(found))


def _away(steps: int) -> str:
    """'met now', '1 step away', '3 steps away' in the language chosen."""
    if steps == 0:
        return S("rl_met_now")
    return S("rl_step_away" if steps == 1 else "rl_steps_away", n=steps)


def how_far(rules, state, cond, ctx: Context = Context()) -> tuple[int | None, str]:
    """(steps to go or None, the distance in words) for a red line's condition."""
    t = type(cond)
    if t is C.TrackIs:
        value = state.tracks[cond.track]
        d = _distance(value, cond)
        return d, S("rl_track_is", track=rules.track[cond.track].name, value=value, away=_away(d))
    if t is C.StandingIs:
        side = resolve_side(rules, cond.side, ctx)
        value = state.standing[cond.front][side]
        d = _distance(value, cond)
        return d, S("rl_stands", side=rules.side[side].name, value=value, front=rules.front[cond.front].name, away=_away(d))
    if t is C.PowerIs:
        side = resolve_side(rules, cond.side, ctx)
        d = _distance(state.power[side], cond)
        return d, S("rl_power", side=rules.side[side].name, power=state.power[side], away=S("rl_met_now") if d == 0 else S("rl_power_away", n=d))
    if t is C.Leads:
        side = resolve_side(rules, cond.side, ctx)
        a, b = rules.side_ids
        other = b if side == a else a
        row = state.standing[cond.front]
        lead = row[side] - row[other]
        d = max(0, cond.by - lead)
        return d, S("rl_leads", side=rules.side[side].name, lead=lead, front=rules.front[cond.front].name, away=_away(d))
    if t is C.YearIs:
        d = _distance(state.year, cond)
        return d, S("rl_this_year") if d == 0 else S("rl_year_away" if d == 1 else "rl_years_away", n=d)
    if t is C.FlagSet:
        if cond.flag in state.flags:
            return 0, S("rl_mark_set")
        setters = _setters(rules, cond.flag, state)
        return None, S("rl_comes_from", setters=S("desc_or").join(setters)) if setters else S("rl_comes_from_nothing")
    if t is C.Ordered:
        side = resolve_side(rules, cond.side, ctx)
        action = rules.action[cond.action]
        where = S("rl_in_front", front=rules.front[cond.front].name) if cond.front else ""
        if any(o.side == side and o.action == cond.action and (cond.front is None or o.target == cond.front) for o in state.orders_done):
            return 0, S("rl_carried_out", side=rules.side[side].name, action=action.name, where=where)
        if state.power.get(side, 0) >= action.cost:
            return 1, S("rl_one_order_away", side=rules.side[side].name, action=action.name, where=where, cost=action.cost, power=state.power[side])
        need = action.cost - state.power.get(side, 0)
        return need, S("rl_needs_power", side=rules.side[side].name, need=need, action=action.name, where=where, cost=action.cost)
    if t in (C.AllOf, C.AnyOf):
        parts = [how_far(rules, state, c, ctx) for c in cond.of]
        counted = [s for s, _ in parts if s is not None]
        if t is C.AllOf:
            steps = sum(counted) if len(counted) == len(parts) else None
        else:
            steps = min(counted) if counted else None
        joiner = S("rl_and") if t is C.AllOf else S("rl_or")
        return steps, joiner.join(text for _, text in parts)
    if t is C.NotOf:
        return (0, S("rl_holds_now")) if holds(rules, state, cond) else (None, S("rl_does_not_hold"))
    if t is C.Fired:
        return (0, S("rl_has_happened")) if cond.card in state.fired else (None, S("rl_not_yet"))
    return None, describe_condition(rules, cond)  # pragma: no cover - the vocabulary is closed


def costs(rules, effects, full: bool = False) -> str:
    """A line's effects in words; the cards it sets off named with their plain
    effects and who then chooses (``full``: with each option's effects)."""
    parts = []
    for e in effects:
        if isinstance(e, E.SetFlag):
            continue  # bookkeeping of the marks the lines test
        if isinstance(e, E.TriggerCard) and e.card in rules.event:
            card = rules.event[e.card]
            text = S("rl_quoted", title=card.title)
            plain = describe_effects(rules, card.effects, card.dilemma.side if card.dilemma else None)
            if plain:
                text += S("rl_then_plain", effects=plain)
            if card.dilemma:
                who = side_word(rules, card.dilemma.side, None)
                if full:
                    options = S("rl_or").join(S("rl_option_effects", option=o.label, effects=describe_effects(rules, o.effects, card.dilemma.side) or S("desc_nothing")) for o in card.dilemma.options)
                else:
                    options = S("desc_or").join(o.label for o in card.dilemma.options)
                text += S("rl_then_chooses", side=who, options=options)
            parts.append(text)
        else:
            words = describe_effects(rules, [e])
            if words:
                parts.append(words)
    return S("rl_list_separator").join(parts) or S("desc_nothing")


def rows(rules, state) -> list[LineRow]:
    """One row per red line, in rules order, read from ``state``."""
    out = []
    for line in rules.red_lines:
        times = sum(1 for c in state.crossed if c == line.id)
        spent = line.once and times > 0
        steps, distance = how_far(rules, state, line.condition)
        if spent:
            steps, distance = None, S("rl_crossed_once")
        out.append(LineRow(line.id, line.name, describe_condition(rules, line.condition), costs(rules, line.effects), costs(rules, line.effects, full=True), distance, steps, times, spent))
    return out
