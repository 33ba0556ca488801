"""A yearly or front rule that moves a number should say so in the log.

The log credits every change to the line written before it, so the changes
of a silent rule show on the reveal screen and in the debrief beside another
rule's words (a front's upkeep beside its payout).  ``check`` warns of each
such rule, at the rule, with the fix.
"""

from __future__ import annotations

from eurasia_game.lang.catalogue import S
from eurasia_game.model import effects as E

_NUMBER_MOVES = (E.ShiftTrack, E.ShiftStanding, E.GainPower, E.ChangeIncome)


def _nested(effects) -> list:
    """The effects, with those inside 'when' and 'chance' effects."""
    out = []
    for e in effects:
        out.append(e)
        if isinstance(e, (E.When, E.Chance)):
            out += _nested(e.then) + _nested(e.otherwise)
    return out


def moves_numbers(effects) -> bool:
    return any(isinstance(e, _NUMBER_MOVES) for e in _nested(effects))


def says(effects) -> bool:
    return any(isinstance(e, E.Say) for e in _nested(effects))


def report(checker) -> None:
    rules = checker.rules
    places = [(("yearly", i), rule) for i, rule in enumerate(rules.yearly)]
    places += [(("fronts", f, "resolution", i), rule) for f, front in enumerate(rules.fronts) for i, rule in enumerate(front.resolution)]
    for path, rule in places:
        if rule.log is None and moves_numbers(rule.effects) and not says(rule.effects):
            checker.add("warning", path, S("prob_rule_silent"), S("prob_add_rule_log"))
