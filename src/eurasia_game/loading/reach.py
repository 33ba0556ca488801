"""Content that can never happen: conditions that are never true, cards never dealt, endings never reached.

The analysis is a cautious one over ranges: a track runs between its bounds,
a standing between its front's, power and income never go below zero, and
the year stays inside the scenarios that are played.  A condition is
reported only when it certainly can never hold (flags are left to the
checker's own "never set" warning), so a warning here is always worth
reading: a card that cannot be drawn, an action no one can take, an ending
no scenario reaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.refs import refs
from eurasia_game.model import conditions as C
from eurasia_game.model import effects as E

INF = 10**12
_RANGES = (C.TrackIs, C.StandingIs, C.PowerIs, C.IncomeIs, C.YearIs)


@dataclass(frozen=True)
class Never:
    """Why a condition can never be true, and which part of it is to blame."""

    reason: str
    culprit: object  # the condition model at fault (an atom, or an 'all')


class Reach:
    """What can happen under a rule set, as far as ranges can tell."""

    def __init__(self, rules, walk: Callable):
        self.rules = rules
        self.walk = walk
        scenarios = rules.scenarios
        self.all_years = (min((s.start_year for s in scenarios), default=0), max((s.end_year for s in scenarios), default=0))
        self.triggered: set[str] = set()
        self.ending_effects: set[str] = set()
        for _, model in walk(rules, ()):
            if isinstance(model, (E.TriggerCard, E.ShuffleIn)):
                self.triggered.add(model.card)
            elif isinstance(model, E.EndGame):
                self.ending_effects.add(model.ending)
        # every card a scenario names (opening, extra, scheduled cards...) is dealt or fired there
        for _, model in walk(scenarios, ("scenarios",)):
            for _, ref, meta in refs(model):
                if meta.kind == "event":
                    self.triggered.add(ref)

    # --- domains -----------------------------------------------------------
    def domain(self, cond, years: tuple[int, int]) -> tuple[int, int] | None:
        """The values the quantity a range condition tests can take, or None if unknown."""
        rules = self.rules
        if isinstance(cond, C.TrackIs):
            track = rules.track.get(cond.track)
            return (track.min, track.max) if track else None
        if isinstance(cond, C.StandingIs):
            fronts = rules.fronts if cond.front == "target" else [rules.front[cond.front]] if cond.front in rules.front else []
            if not fronts:
                return None
            return min(f.min for f in fronts), max(f.max for f in fronts)
        if isinstance(cond, (C.PowerIs, C.IncomeIs)):
            return 0, INF
        if isinstance(cond, C.YearIs):
            return years
        return None

    def _key(self, cond) -> tuple | None:
        if isinstance(cond, C.TrackIs):
            return ("track", cond.track)
        if isinstance(cond, C.StandingIs):
            return ("standing", cond.front, cond.side)
        if isinstance(cond, C.PowerIs):
            return ("power", cond.side)
        if isinstance(cond, C.IncomeIs):
            return ("income", cond.side)
        if isinstance(cond, C.YearIs):
            return ("year",)
        return None

    @staticmethod
    def _label(cond) -> str:
        if isinstance(cond, C.TrackIs):
            return f"'{cond.track}'"
        if isinstance(cond, C.StandingIs):
            return S("prob_reach_standing_any") if cond.front == "target" else S("prob_reach_standing_on", front=cond.front)
        if isinstance(cond, C.PowerIs):
            return S("prob_reach_power")
        if isinstance(cond, C.IncomeIs):
            return S("prob_reach_income")
        if isinstance(cond, C.YearIs):
            return S("prob_reach_the_year")
        return type(cond).__name__

    @staticmethod
    def _bounds(cond) -> tuple[int, int]:
        return (-INF if cond.min is None else cond.min, INF if cond.max is None else cond.max)

    @staticmethod
    def _span(low: int, high: int) -> str:
        if high >= INF:
            return S("prob_reach_or_more", value=low)
        return f"{low}..{high}"

    # --- never / always ----------------------------------------------------
    def never(self, cond, years: tuple[int, int] | None = None) -> Never | None:
        """Why ``cond`` can never hold in ``years`` (default: any scenario's), or None."""
        years = years or self.all_years
        if cond is None:
            return None
        if isinstance(cond, _RANGES):
            domain = self.domain(cond, years)
            if domain is None:
                return None
            low, high = self._bounds(cond)
            if high < domain[0] or low > domain[1]:
                if isinstance(cond, C.YearIs):
                    return Never(S("prob_reach_year_outside", want=self._want(cond), first=years[0], last=years[1]), cond)
                return Never(S("prob_reach_runs", what=self._label(cond), span=self._span(*domain), want=self._want(cond)), cond)
            return None
        if isinstance(cond, C.Leads):
            front = self.rules.front.get(cond.front)
            fronts = self.rules.fronts if cond.front == "target" else ([front] if front else [])
            if fronts and all(f.max - f.min < cond.by for f in fronts):
                return Never(S("prob_reach_no_lead", low=fronts[0].min, high=fronts[0].max, by=cond.by), cond)
            return None
        if isinstance(cond, C.Fired):
            if cond.card in self.rules.event and not self.card_can_fire(cond.card):
                return Never(S("prob_reach_card_never", card=cond.card), cond)
            return None
        if isinstance(cond, C.Ordered):
            return self._never_ordered(cond)
        if isinstance(cond, C.AllOf):
            for child in cond.of:
                found = self.never(child, years)
                if found:
                    return found
            return self._contradiction(cond, years)
        if isinstance(cond, C.AnyOf):
            found = [self.never(child, years) for child in cond.of]
            if all(found):
                return found[0]
            return None
        if isinstance(cond, C.NotOf):
            if self.always(cond.of, years):
                return Never(S("prob_reach_negates"), cond)
        return None

    @staticmethod
    def _want(cond) -> str:
        if cond.min is not None and cond.max is not None:
            return f"{cond.min}..{cond.max}"
        return S("prob_reach_or_more", value=cond.min) if cond.min is not None else S("prob_reach_or_less", value=cond.max)

    def _never_ordered(self, cond) -> Never | None:
        action = self.rules.action.get(cond.action)
        if action is None:
            return None
        if cond.side not in ("self", "other") and cond.side in self.rules.side and cond.side not in action.sides:
            return Never(S("prob_reach_side_action", side=cond.side, action=cond.action), cond)
        if cond.front is not None and cond.front != "target":
            if action.targets == "none":
                return Never(S("prob_reach_never_aimed", action=cond.action), cond)
            if isinstance(action.targets, list) and cond.front not in action.targets:
                return Never(S("prob_reach_not_aimed_at", action=cond.action, front=cond.front), cond)
        return None

    def _contradiction(self, cond, years) -> Never | None:
        ranges: dict[tuple, tuple[int, int]] = {}
        for child in cond.of:
            key = self._key(child)
            if key is None or "self" in key or "other" in key or "target" in key:
                continue
            low, high = self._bounds(child)
            have = ranges.get(key, (-INF, INF))
            merged = (max(have[0], low), min(have[1], high))
            if merged[0] > merged[1]:
                return Never(S("prob_reach_two_ranges", what=self._label(child)), cond)
            ranges[key] = merged
        return None

    def always(self, cond, years: tuple[int, int] | None = None) -> bool:
        """Whether ``cond`` certainly always holds (a cautious 'no' when unsure)."""
        years = years or self.all_years
        if cond is None:
            return True
        if isinstance(cond, _RANGES):
            domain = self.domain(cond, years)
            if domain is None:
                return False
            low, high = self._bounds(cond)
            return low <= domain[0] and domain[1] <= high
        if isinstance(cond, C.AllOf):
            return all(self.always(c, years) for c in cond.of)
        if isinstance(cond, C.AnyOf):
            return any(self.always(c, years) for c in cond.of)
        if isinstance(cond, C.NotOf):
            return self.never(cond.of, years) is not None
        return False

    # --- cards and endings -------------------------------------------------
    def dealt_in(self, event) -> list:
        """The scenarios whose draw deck holds ``event`` at the start."""
        out = []
        for scenario in self.rules.scenarios:
            tags = scenario.deck_tags
            if event.id in scenario.extra_cards or (event.in_deck and (tags is None or set(tags) & set(event.tags))):
                out.append(scenario)
        return out

    def card_can_fire(self, card_id: str) -> bool:
        if card_id in self.triggered:
            return True
        event = self.rules.event[card_id]
        return any(self.never(event.condition, (s.start_year, s.end_year)) is None for s in self.dealt_in(event))

    def dead_card(self, event) -> tuple[str, str, Never | None] | None:
        """(field, message, cause) when ``event`` can never happen, else None."""
        if event.id in self.triggered:
            return None
        dealt = self.dealt_in(event)
        if not event.in_deck:
            return ("in_deck", S("prob_reach_out_of_deck"), None)
        if not dealt:
            return ("tags", S("prob_reach_no_deck"), None)
        causes = [self.never(event.condition, (s.start_year, s.end_year)) for s in dealt]
        if all(causes):
            return ("when", S("prob_reach_never_drawn", reason=causes[0].reason), causes[0])
        return None

    def reachable_endings(self) -> dict[str, list[str]]:
        """For each ending, the scenarios in which it can happen (an 'end' effect counts for all)."""
        out: dict[str, list[str]] = {e.id: [] for e in self.rules.endings}
        for scenario in self.rules.scenarios:
            fallback = False
            years = (scenario.start_year, scenario.end_year)
            for ending_id in scenario.endings:
                ending = self.rules.ending.get(ending_id)
                if ending is None:
                    continue
                if ending.check == "sudden":
                    if ending.condition is not None and self.never(ending.condition, years) is None:
                        out[ending_id].append(scenario.id)
                    continue
                if fallback:
                    continue
                if self.never(ending.condition, (scenario.end_year, scenario.end_year)) is None:
                    out[ending_id].append(scenario.id)
                if ending.condition is None or self.always(ending.condition, (scenario.end_year, scenario.end_year)):
                    fallback = True
        for ending_id in self.ending_effects:
            if ending_id in out:
                out[ending_id].append("(an 'end' effect)")
        return out


def range_atoms(walk, rules) -> Iterator[tuple[tuple, object]]:
    """Every range or lead condition in the rules, with its path."""
    for section in ("actions", "events", "red_lines", "endings", "fronts", "yearly"):
        for path, model in walk(getattr(rules, section), (section,)):
            if isinstance(model, _RANGES + (C.Leads, C.AllOf)):
                yield path, model


def report(checker, walk) -> None:
    """Add a warning to ``checker`` for every piece of content that can never happen."""
    rules = checker.rules
    reach = Reach(rules, walk)
    first, last = reach.all_years
    blamed: set[int] = set()

    # single conditions that can never be true, wherever they stand
    for path, model in range_atoms(walk, rules):
        found = reach._contradiction(model, reach.all_years) if isinstance(model, C.AllOf) else reach.never(model)
        if found is None or found.culprit is not model:
            continue
        blamed.add(id(model))
        if isinstance(model, C.YearIs):
            hint = S("prob_reach_played_from", first=first, last=last)
        elif isinstance(model, C.AllOf):
            hint = S("prob_reach_widen")
        else:
            hint = S("prob_reach_use_values")
        checker.add("warning", path, S("prob_reach_never_true", reason=found.reason), hint)

    def whole(path: tuple, cond, message: str, years=None) -> None:
        found = reach.never(cond, years)
        if found is not None and id(found.culprit) not in blamed:
            checker.add("warning", path, S("prob_reach_because", message=message, reason=found.reason))

    for index, action in enumerate(rules.actions):
        whole(("actions", index, "requires"), action.requires, S("prob_reach_action_never"))
    for index, line in enumerate(rules.red_lines):
        whole(("red_lines", index, "when"), line.condition, S("prob_reach_red_line_never"))
    for index, rule in enumerate(rules.yearly):
        whole(("yearly", index, "when"), rule.condition, S("prob_reach_yearly_never"))
    for f_index, front in enumerate(rules.fronts):
        for index, rule in enumerate(front.resolution):
            whole(("fronts", f_index, "resolution", index, "when"), rule.condition, S("prob_reach_rule_never"))
    for index, event in enumerate(rules.events):
        dead = reach.dead_card(event)
        if dead is not None:
            field, message, cause = dead
            if cause is None or id(cause.culprit) not in blamed:
                hint = None if field == "when" else S("prob_reach_fire_it", card=event.id)
                checker.add("warning", ("events", index, field), message, hint)
        if event.dilemma is not None:
            for o_index, option in enumerate(event.dilemma.options):
                whole(("events", index, "dilemma", "options", o_index, "requires"), option.requires, S("prob_reach_option_never"))

    listed = {e for s in rules.scenarios for e in s.endings}
    reachable = reach.reachable_endings()
    for index, ending in enumerate(rules.endings):
        if ending.id not in listed and ending.id not in reach.ending_effects:
            checker.add("warning", ("endings", index, "id"), S("prob_reach_ending_unlisted", ending=ending.id), S("prob_reach_add_ending"))
        elif ending.check == "sudden" and ending.condition is None and ending.id not in reach.ending_effects:
            checker.add("warning", ("endings", index, "check"), S("prob_reach_sudden_no_when"), S("prob_reach_give_when"))
        elif not reachable.get(ending.id):
            found = reach.never(ending.condition)
            if found is not None and id(found.culprit) in blamed:
                continue
            why = S("prob_reach_condition_never", reason=found.reason) if found else S("prob_reach_after_fallback")
            checker.add("warning", ("endings", index, "id"), S("prob_reach_ending_never", ending=ending.id, why=why), S("prob_reach_move_ending") if not found else None)
