"""Checks on tutorials that the ids alone do not catch.

The checker already verifies the scenario and side a tutorial names.  Here:
step ids used twice, moments and anchors that do not go together (a callout
pointing at the board's End planning button while a dilemma is open), anchors
that name no control or no content ("front:enrgy"), actions the player's
side cannot take, and steps placed after a step of a later moment, which
would never show.  Each problem is located at the step's own key in its own
file, with a suggestion.
"""

from __future__ import annotations

from eurasia_game.loading.problems import did_you_mean
from eurasia_game.model.tutorial import ANCHORS, ANYWHERE, MOMENT_SCREEN, MOMENTS, PATTERN_SCREEN, PATTERNS, anchors_for

_SCREEN_WORDS = {None: "any screen", "board": "the board", "card": "an event card", "dilemma": "the dilemma", "orders_reveal": "the reveal of the orders"}


def _all_fixed() -> list[str]:
    return [ANYWHERE] + [a for names in ANCHORS.values() for a in names]


def _check_anchor(checker, path: tuple, anchor: str, moment: str, side: str) -> None:
    rules = checker.rules
    screen = MOMENT_SCREEN.get(moment)
    allowed = anchors_for(moment)
    if ":" in anchor:
        kind, ref = anchor.split(":", 1)
        if kind not in PATTERNS:
            hint = did_you_mean(kind, PATTERNS)
            checker.add("error", path, f"unknown anchor '{anchor}'", f"{hint[:-1]}, as in '{hint[14:-2]}:{ref}'?" if hint else f"use {', '.join(k + ':ID' for k in PATTERNS)} or one of: {', '.join(allowed)}")
            return
        section = PATTERNS[kind]
        known = [item.id for item in getattr(rules, section)]
        if ref not in known:
            if checker.broken.hides(section, ref):
                return
            checker.add("error", path, f"the anchor '{anchor}' names an unknown {kind} '{ref}'", did_you_mean(ref, known) or f"known: {', '.join(known)}")
            return
        if screen != PATTERN_SCREEN:
            checker.add("error", path, f"the anchor '{anchor}' is on the board, but at the moment '{moment}' {_SCREEN_WORDS.get(screen, screen)} is open", f"use one of: {', '.join(allowed)}; or a board moment (plan, planned, computer)")
            return
        if kind == "action" and side in rules.side and side not in rules.action[ref].sides:
            checker.add("error", path, f"{rules.side[side].name} cannot take the action '{ref}', so its button is never on {rules.side[side].name}'s board", did_you_mean(ref, [a.id for a in rules.actions if side in a.sides]) or "point at one of the side's own actions")
        return
    if anchor in allowed:
        return
    if anchor in _all_fixed():
        where = next(s for s, names in ANCHORS.items() if anchor in names)
        checker.add("error", path, f"the anchor '{anchor}' is on {_SCREEN_WORDS.get(where, where)}, but at the moment '{moment}' {_SCREEN_WORDS.get(screen, screen)} is open", f"use one of: {', '.join(allowed)}")
        return
    checker.add("error", path, f"unknown anchor '{anchor}'", did_you_mean(anchor, allowed) or did_you_mean(anchor, _all_fixed()) or f"use one of: {', '.join(allowed)}")


def report(checker) -> None:
    rules = checker.rules
    for index, tutorial in enumerate(rules.tutorials):
        base = ("tutorials", index)
        seen: dict[str, int] = {}
        latest = -1
        latest_id = None
        for s_index, step in enumerate(tutorial.steps):
            path = base + ("steps", s_index)
            if step.id in seen:
                checker.add("error", path + ("id",), f"the step id '{step.id}' is used twice in the tutorial '{tutorial.id}' (also step {seen[step.id] + 1})", "give each step its own id: a translation finds its text by it")
            else:
                seen[step.id] = s_index
            _check_anchor(checker, path + ("anchor",), step.anchor, step.when, tutorial.side)
            rank = MOMENTS.index(step.when)
            if rank < latest:
                checker.add("warning", path + ("when",), f"the step '{step.id}' waits for '{step.when}', which comes before the moment '{MOMENTS[latest]}' of the step '{latest_id}' above it, so it is never shown", f"move it above '{latest_id}'")
            elif rank > latest:
                latest, latest_id = rank, step.id
