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

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.problems import closest, did_you_mean, noun
from eurasia_game.model.tutorial import ANCHORS, ANYWHERE, MOMENT_SCREEN, MOMENTS, PATTERN_SCREEN, PATTERNS, anchors_for

# a screen -> the catalogue key of its name in a sentence
_SCREEN_WORDS = {None: "prob_screen_any", "board": "prob_screen_board", "card": "prob_screen_card", "dilemma": "prob_screen_dilemma", "orders_reveal": "prob_screen_reveal"}


def _screen(screen) -> str:
    key = _SCREEN_WORDS.get(screen)
    return S(key) if key else str(screen)


def _all_fixed() -> list[str]:
    return [ANYWHERE] + [a for names in ANCHORS.values() for a in names]


def _check_anchor(checker, path: tuple, anchor: str, moment: str, side: str) -> None:
    rules = checker.rules
    screen = MOMENT_SCREEN.get(moment)
    allowed = anchors_for(moment)
    if ":" in anchor:
        kind, ref = anchor.split(":", 1)
        if kind not in PATTERNS:
            match = closest(kind, PATTERNS)
            hint = S("prob_anchor_as_in", name=match, ref=ref) if match else S("prob_anchor_use", patterns=", ".join(k + ":ID" for k in PATTERNS), allowed=", ".join(allowed))
            checker.add("error", path, S("prob_anchor_unknown", anchor=anchor), hint)
            return
        section = PATTERNS[kind]
        known = [item.id for item in getattr(rules, section)]
        if ref not in known:
            if checker.broken.hides(section, ref):
                return
            checker.add("error", path, S("prob_anchor_unknown_ref", anchor=anchor, kind=noun(kind), ref=ref), did_you_mean(ref, known) or S("prob_known", ids=", ".join(known)))
            return
        if screen != PATTERN_SCREEN:
            checker.add("error", path, S("prob_anchor_board", anchor=anchor, moment=moment, screen=_screen(screen)), S("prob_anchor_use_board", allowed=", ".join(allowed)))
            return
        if kind == "action" and side in rules.side and side not in rules.action[ref].sides:
            checker.add("error", path, S("prob_anchor_not_side", side=rules.side[side].name, action=ref), did_you_mean(ref, [a.id for a in rules.actions if side in a.sides]) or S("prob_anchor_own_actions"))
        return
    if anchor in allowed:
        return
    if anchor in _all_fixed():
        where = next(s for s, names in ANCHORS.items() if anchor in names)
        checker.add("error", path, S("prob_anchor_elsewhere", anchor=anchor, where=_screen(where), moment=moment, screen=_screen(screen)), S("prob_use_one_of", allowed=", ".join(allowed)))
        return
    checker.add("error", path, S("prob_anchor_unknown", anchor=anchor), did_you_mean(anchor, allowed) or did_you_mean(anchor, _all_fixed()) or S("prob_use_one_of", allowed=", ".join(allowed)))


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
                checker.add("error", path + ("id",), S("prob_step_twice", id=step.id, tutorial=tutorial.id, number=seen[step.id] + 1), S("prob_step_own_id"))
            else:
                seen[step.id] = s_index
            _check_anchor(checker, path + ("anchor",), step.anchor, step.when, tutorial.side)
            rank = MOMENTS.index(step.when)
            if rank < latest:
                checker.add("warning", path + ("when",), S("prob_step_order", id=step.id, when=step.when, moment=MOMENTS[latest], above=latest_id), S("prob_step_move", above=latest_id))
            elif rank > latest:
                latest, latest_id = rank, step.id
