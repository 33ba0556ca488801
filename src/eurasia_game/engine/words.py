"""The words of log events, written only when something reads them.

The engine records each event as data and hands ``LogEvent`` a
``functools.partial`` of one of these functions over plain values (names,
numbers, ids, the immutable rule set), so the sentence comes out the same
whenever it is first asked for, and a game nobody reads costs no words.
"""

from __future__ import annotations

from string import Template


def other_of(rules, side: str | None) -> str:
    a, b = rules.side_ids
    return b if side == a else a


def fill_words(rules, template: str, side: str | None, target: str | None) -> str:
    """Fill $side, $other and $front in a log template from the rules."""
    values = {}
    if side:
        values["side"] = rules.side[side].name
        values["other"] = rules.side[other_of(rules, side)].name
    if target:
        values["front"] = rules.front[target].name
    return Template(template).safe_substitute(values)


def roll_words(rules, percent: int, rolled: int, success: bool, told: str | None, side: str | None, target: str | None) -> str:
    """A chance's odds and roll ('A 25% chance: rolled 8, below 25.'), and what it did."""
    text = rules.text("roll_hit" if success else "roll_miss", percent=percent, rolled=rolled)
    if told:
        text = f"{text} {fill_words(rules, told, side, target)}"
    return text
