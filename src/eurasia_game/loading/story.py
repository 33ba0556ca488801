"""Checks on story checks that the ids alone do not catch.

The checker already verifies every id a story check names (tracks, actions,
endings, cards, fronts, sides, scenarios, article sections).  Here: side ids
used as keys of ``players``, years no scenario of the check reaches, bounds a
track can never reach, actions the side cannot take, endings its scenarios
cannot reach, dilemma checks on cards without a dilemma, and a card
compared with itself.  Each problem is located at the check's own key in
its own file.
"""

from __future__ import annotations

from eurasia_game.lang import catalogue
from eurasia_game.loading.problems import did_you_mean, noun
from eurasia_game.model import story as S


def _scenarios(rules, check) -> list:
    if check.scenarios is None:
        return list(rules.scenarios)
    return [rules.scenario[s] for s in check.scenarios if s in rules.scenario]


def _year(checker, path: tuple, year, scenarios) -> None:
    if not isinstance(year, int) or not scenarios:
        return
    if not any(sc.start_year <= year <= sc.end_year for sc in scenarios):
        spans = ", ".join(f"{sc.id} {sc.start_year}-{sc.end_year}" for sc in scenarios)
        checker.add("warning", path, catalogue.S("prob_story_year", year=year, spans=spans), catalogue.S("prob_story_choose_year"))


def report(checker) -> None:
    rules = checker.rules
    for index, check in enumerate(rules.story):
        base = ("story", index)
        scenarios = _scenarios(rules, check)
        if isinstance(check.players, dict):
            for side in check.players:
                if side not in rules.side:
                    checker.add("error", base + ("players", side), catalogue.S("prob_unknown_ref", kind=noun("side"), ref=side), did_you_mean(side, rules.side_ids) or catalogue.S("prob_the_sides", sides=", ".join(rules.side_ids)))
        if isinstance(check, (S.TrackMean, S.TrackChange)) and check.track in rules.track:
            track = rules.track[check.track]
            if isinstance(check, S.TrackMean):
                _year(checker, base + ("year",), check.year, scenarios)
                for key in ("min", "max"):
                    bound = getattr(check, key)
                    if bound is not None and not track.min <= bound <= track.max:
                        checker.add("warning", base + (key,), catalogue.S("prob_story_bound", value=bound, low=track.min, high=track.max), catalogue.S("prob_story_bound_inside"))
            else:
                _year(checker, base + ("from",), check.from_year, scenarios)
                _year(checker, base + ("to",), check.to_year, scenarios)
        if isinstance(check, S.OrderShare):
            for a_index, action_id in enumerate(check.actions or ()):
                action = rules.action.get(action_id)
                if action is None or check.side is None:
                    continue
                if check.side not in action.sides:
                    checker.add("error", base + ("actions", a_index), catalogue.S("prob_cannot_take", side=rules.side[check.side].name if check.side in rules.side else check.side, action=action_id), catalogue.S("prob_actions_of_side", actions=", ".join(a.id for a in rules.actions if check.side in a.sides)))
        if isinstance(check, S.EndingShare):
            reachable = {e for sc in scenarios for e in sc.endings}
            for e_index, ending in enumerate(check.endings or ()):
                if ending in rules.ending and scenarios and ending not in reachable:
                    checker.add("warning", base + ("endings", e_index), catalogue.S("prob_story_ending", ending=ending), catalogue.S("prob_story_add_ending"))
        if isinstance(check, S.CardShareRatio):
            for c_index, card in enumerate(check.than):
                if card in check.cards:
                    checker.add("warning", base + ("than", c_index), catalogue.S("prob_story_card_in_both", card=card), catalogue.S("prob_story_one_group"))
        if isinstance(check, S.DilemmaShare):
            for c_index, card in enumerate(check.cards or ()):
                if card in rules.event and rules.event[card].dilemma is None:
                    with_dilemma = [e.id for e in rules.events if e.dilemma is not None]
                    checker.add("error", base + ("cards", c_index), catalogue.S("prob_story_no_dilemma", card=card), did_you_mean(card, with_dilemma))
