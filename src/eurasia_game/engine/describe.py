"""Effects, conditions, actions and cards in plain words, for players and debriefs.

Every sentence is built from the rules' own names (track, front and side
names), so a mod's content is described as well as the base game's.  Relative
words are kept relative when no side is known ("you", "your partner").
The sentence frames come from the words catalogue (``assets/words/engine.json``),
so they follow the language chosen, like the names they are built from.
"""

from __future__ import annotations

from eurasia_game.lang.catalogue import S
from eurasia_game.model import conditions as C
from eurasia_game.model import effects as E
from eurasia_game.model.flags import flag_name


def _signed(delta: int) -> str:
    return f"+{delta}" if delta > 0 else str(delta)


def side_word(rules, ref: str, side: str | None) -> str:
    if ref == "self":
        return rules.side[side].name if side else S("desc_you")
    if ref == "other":
        if side:
            a, b = rules.side_ids
            return rules.side[b if side == a else a].name
        return S("desc_your_partner")
    return rules.side[ref].name if ref in rules.side else ref


def front_word(rules, ref: str, target: str | None) -> str:
    if ref == "target":
        return rules.front[target].name if target in rules.front else S("desc_chosen_front")
    return rules.front[ref].name if ref in rules.front else ref


def _range(cond) -> str:
    if cond.min is not None and cond.max is not None:
        return S("desc_between", low=cond.min, high=cond.max)
    if cond.min is not None:
        return S("desc_or_more", low=cond.min)
    return S("desc_or_less", high=cond.max)


def describe_condition(rules, cond, side: str | None = None, target: str | None = None) -> str:
    """One phrase for a condition, e.g. 'Partnership is 7 or more'."""
    t = type(cond)
    if cond is None:
        return S("desc_always")
    if t is C.TrackIs:
        return S("desc_track_is", track=rules.track[cond.track].name, range=_range(cond))
    if t is C.PowerIs:
        return S("desc_power_is", side=side_word(rules, cond.side, side), range=_range(cond))
    if t is C.IncomeIs:
        return S("desc_income_is", side=side_word(rules, cond.side, side), range=_range(cond))
    if t is C.StandingIs:
        return S("desc_standing_is", side=side_word(rules, cond.side, side), front=front_word(rules, cond.front, target), range=_range(cond))
    if t is C.Leads:
        return S("desc_leads", side=side_word(rules, cond.side, side), front=front_word(rules, cond.front, target), by=cond.by)
    if t is C.YearIs:
        return S("desc_year_is", range=_range(cond))
    if t is C.FlagSet:
        return S("desc_flag_set", flag=flag_name(rules, cond.flag))
    if t is C.Fired:
        card = rules.event.get(cond.card)
        return S("desc_fired", card=card.title if card else cond.card)
    if t is C.Ordered:
        action = rules.action.get(cond.action)
        name = action.name if action else cond.action
        if cond.front:
            return S("desc_ordered_in", side=side_word(rules, cond.side, side), action=name, front=front_word(rules, cond.front, target))
        return S("desc_ordered", side=side_word(rules, cond.side, side), action=name)
    if t is C.AllOf:
        return S("desc_and").join(describe_condition(rules, c, side, target) for c in cond.of)
    if t is C.AnyOf:
        return S("desc_either", first=S("desc_or").join(describe_condition(rules, c, side, target) for c in cond.of))
    if t is C.NotOf:
        return S("desc_not", condition=describe_condition(rules, cond.of, side, target))
    return t.__name__  # pragma: no cover - the vocabulary is closed


def describe_effect(rules, effect, side: str | None = None, target: str | None = None) -> str:
    """One phrase for an effect, e.g. 'Partnership +1'."""
    t = type(effect)
    if t is E.ShiftTrack:
        return S("desc_track_shift", track=rules.track[effect.track].name, delta=_signed(effect.delta))
    if t is E.GainPower:
        return S("desc_power", side=side_word(rules, effect.side, side), delta=_signed(effect.delta))
    if t is E.ChangeIncome:
        return S("desc_income", side=side_word(rules, effect.side, side), delta=_signed(effect.delta))
    if t is E.ShiftStanding:
        return S("desc_standing", side=side_word(rules, effect.side, side), delta=_signed(effect.delta), front=front_word(rules, effect.front, target))
    if t is E.SetFlag:
        return S("desc_marks" if effect.value else "desc_clears", flag=flag_name(rules, effect.flag))
    if t is E.Chance:
        then = describe_effects(rules, effect.then, side, target) or S("desc_nothing")
        other = describe_effects(rules, effect.otherwise, side, target) or S("desc_nothing")
        return S("desc_chance", percent=effect.percent, then=then, otherwise=other)
    if t is E.When:
        then = describe_effects(rules, effect.then, side, target) or S("desc_nothing")
        text = S("desc_if", condition=describe_condition(rules, effect.condition, side, target), then=then)
        if effect.otherwise:
            text += S("desc_otherwise", otherwise=describe_effects(rules, effect.otherwise, side, target))
        return text
    if t is E.TriggerCard:
        card = rules.event.get(effect.card)
        return S("desc_fires", card=card.title if card else effect.card)
    if t is E.ShuffleIn:
        card = rules.event.get(effect.card)
        return S("desc_shuffle_in", card=card.title if card else effect.card)
    if t is E.RemoveCard:
        card = rules.event.get(effect.card)
        return S("desc_remove_card", card=card.title if card else effect.card)
    if t is E.EndGame:
        return S("desc_ends_game", ending=rules.ending[effect.ending].name)
    if t is E.Say:
        return ""
    return t.__name__  # pragma: no cover


def describe_effects(rules, effects, side: str | None = None, target: str | None = None) -> str:
    """Effects joined into one line: 'Partnership +1, Moscow power +2'."""
    parts = [describe_effect(rules, e, side, target) for e in effects]
    return S("desc_list_separator").join(p for p in parts if p)


def describe_action(rules, action_id: str, side: str | None = None, target: str | None = None) -> str:
    """Cost and effects of an action in words, e.g. 'Cost 2. Moscow +2 in Energy.'"""
    action = rules.action[action_id]
    text = S("desc_action", cost=action.cost, effects=describe_effects(rules, action.effects, side, target))
    if action.requires is not None:
        text += S("desc_needs", condition=describe_condition(rules, action.requires, side, target))
    return text


def describe_card(rules, card_id: str) -> str:
    """What an event card does, in words (the dilemma's options are separate)."""
    card = rules.event[card_id]
    side = card.dilemma.side if card.dilemma else None
    text = describe_effects(rules, card.effects, side)
    if card.dilemma:
        chooser = rules.side[card.dilemma.side].name
        choice = S("desc_must_choose", side=chooser)
        text = S("desc_card_then", effects=text, choice=choice) if text else choice
    return text
