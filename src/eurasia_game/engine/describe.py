"""Effects, conditions, actions and cards in plain words, for players and debriefs.

Every sentence is built from the rules' own names (track, front and side
names), so a mod's content is described as well as the base game's.  Relative
words are kept relative when no side is known ("you", "your partner").
"""

from __future__ import annotations

from eurasia_game.model import conditions as C
from eurasia_game.model import effects as E


def _signed(delta: int) -> str:
    return f"+{delta}" if delta > 0 else str(delta)


def side_word(rules, ref: str, side: str | None) -> str:
    if ref == "self":
        return rules.side[side].name if side else "you"
    if ref == "other":
        if side:
            a, b = rules.side_ids
            return rules.side[b if side == a else a].name
        return "your partner"
    return rules.side[ref].name if ref in rules.side else ref


def front_word(rules, ref: str, target: str | None) -> str:
    if ref == "target":
        return rules.front[target].name if target in rules.front else "the chosen front"
    return rules.front[ref].name if ref in rules.front else ref


def _range(cond) -> str:
    if cond.min is not None and cond.max is not None:
        return f"between {cond.min} and {cond.max}"
    if cond.min is not None:
        return f"{cond.min} or more"
    return f"{cond.max} or less"


def describe_condition(rules, cond, side: str | None = None, target: str | None = None) -> str:
    """One phrase for a condition, e.g. 'Partnership is 7 or more'."""
    t = type(cond)
    if cond is None:
        return "always"
    if t is C.TrackIs:
        return f"{rules.track[cond.track].name} is {_range(cond)}"
    if t is C.PowerIs:
        return f"{side_word(rules, cond.side, side)}'s power is {_range(cond)}"
    if t is C.IncomeIs:
        return f"{side_word(rules, cond.side, side)}'s income is {_range(cond)}"
    if t is C.StandingIs:
        return f"{side_word(rules, cond.side, side)}'s standing in {front_word(rules, cond.front, target)} is {_range(cond)}"
    if t is C.Leads:
        return f"{side_word(rules, cond.side, side)} leads in {front_word(rules, cond.front, target)} by {cond.by} or more"
    if t is C.YearIs:
        return f"the year is {_range(cond)}"
    if t is C.FlagSet:
        return f"'{cond.flag.replace('_', ' ')}' has happened"
    if t is C.Fired:
        card = rules.event.get(cond.card)
        return f"'{card.title if card else cond.card}' has already happened"
    if t is C.Ordered:
        action = rules.action.get(cond.action)
        name = action.name if action else cond.action
        where = f" in {front_word(rules, cond.front, target)}" if cond.front else ""
        return f"{side_word(rules, cond.side, side)} ordered '{name}'{where} this year"
    if t is C.AllOf:
        return " and ".join(describe_condition(rules, c, side, target) for c in cond.of)
    if t is C.AnyOf:
        return "either " + " or ".join(describe_condition(rules, c, side, target) for c in cond.of)
    if t is C.NotOf:
        return f"not ({describe_condition(rules, cond.of, side, target)})"
    return t.__name__  # pragma: no cover - the vocabulary is closed


def describe_effect(rules, effect, side: str | None = None, target: str | None = None) -> str:
    """One phrase for an effect, e.g. 'Partnership +1'."""
    t = type(effect)
    if t is E.ShiftTrack:
        return f"{rules.track[effect.track].name} {_signed(effect.delta)}"
    if t is E.GainPower:
        return f"{side_word(rules, effect.side, side)} power {_signed(effect.delta)}"
    if t is E.ChangeIncome:
        return f"{side_word(rules, effect.side, side)} income {_signed(effect.delta)} a year"
    if t is E.ShiftStanding:
        return f"{side_word(rules, effect.side, side)} {_signed(effect.delta)} in {front_word(rules, effect.front, target)}"
    if t is E.SetFlag:
        verb = "marks" if effect.value else "clears"
        return f"{verb} '{effect.flag.replace('_', ' ')}'"
    if t is E.Chance:
        then = describe_effects(rules, effect.then, side, target) or "nothing"
        other = describe_effects(rules, effect.otherwise, side, target) or "nothing"
        return f"{effect.percent}% chance: {then}; otherwise: {other}"
    if t is E.When:
        then = describe_effects(rules, effect.then, side, target) or "nothing"
        text = f"if {describe_condition(rules, effect.condition, side, target)}: {then}"
        if effect.otherwise:
            text += f"; otherwise: {describe_effects(rules, effect.otherwise, side, target)}"
        return text
    if t is E.TriggerCard:
        card = rules.event.get(effect.card)
        return f"fires '{card.title if card else effect.card}'"
    if t is E.ShuffleIn:
        card = rules.event.get(effect.card)
        return f"adds '{card.title if card else effect.card}' to the deck"
    if t is E.RemoveCard:
        card = rules.event.get(effect.card)
        return f"removes '{card.title if card else effect.card}' from the deck"
    if t is E.EndGame:
        return f"ends the game: {rules.ending[effect.ending].name}"
    if t is E.Say:
        return ""
    return t.__name__  # pragma: no cover


def describe_effects(rules, effects, side: str | None = None, target: str | None = None) -> str:
    """Effects joined into one line: 'Partnership +1, Moscow power +2'."""
    parts = [describe_effect(rules, e, side, target) for e in effects]
    return ", ".join(p for p in parts if p)


def describe_action(rules, action_id: str, side: str | None = None, target: str | None = None) -> str:
    """Cost and effects of an action in words, e.g. 'Cost 2. Moscow +2 in Energy.'"""
    action = rules.action[action_id]
    text = f"Cost {action.cost}. {describe_effects(rules, action.effects, side, target)}."
    if action.requires is not None:
        text += f" Needs: {describe_condition(rules, action.requires, side, target)}."
    return text


def describe_card(rules, card_id: str) -> str:
    """What an event card does, in words (the dilemma's options are separate)."""
    card = rules.event[card_id]
    side = card.dilemma.side if card.dilemma else None
    text = describe_effects(rules, card.effects, side)
    if card.dilemma:
        chooser = rules.side[card.dilemma.side].name
        text = (text + ". " if text else "") + f"{chooser} must choose."
    return text
