"""Checks on a merged rule set that a single file cannot see.

Cross-references (an effect naming a track that does not exist), duplicate
ids, words like ``self`` used where no side acts, missing texts, scenarios
without a fallback ending.  Every problem is located and, where possible,
carries a "did you mean" suggestion.  Returns a list; never raises.
The sentences are the words catalogue's (``assets/words/problems.json``), in
the language chosen; the ids they name stay in quotes as written, which is
how a problem about an item in error is recognised (``_about_broken``).
"""

from __future__ import annotations

from pydantic import BaseModel

from eurasia_game.loading import placeholders
from eurasia_game.lang.catalogue import S
from eurasia_game.loading.problems import Problem, did_you_mean, format_path, noun
from eurasia_game.loading.refs import refs
from eurasia_game.model import conditions as C
from eurasia_game.model import effects as E
from eurasia_game.model.base import RESERVED_SIDE_IDS, Ref
from eurasia_game.model.content import SOURCED_KINDS, EventDef, item_note
from eurasia_game.model.ruleset import RuleSet
from eurasia_game.model.teaching import TEACHING_SECTIONS
from eurasia_game.model.texts import TEXT_KEYS

_ID_SECTIONS = {
    "side": "sides",
    "track": "tracks",
    "front": "fronts",
    "action": "actions",
    "event": "events",
    "ending": "endings",
    "scenario": "scenarios",
    "phase": "phases",
    "red line": "red_lines",
    "help": "help",
    "handout": "handouts",
    "briefing": "briefings",
    "reading": "readings",
    "rubric criterion": "rubric",
    "expectation": "expectations",
    "story check": "story",
    "flag name": "flags",
    "tutorial": "tutorials",
}


def _has(item, name: str) -> bool:
    if name == "note":
        return bool(item_note(item))
    return getattr(item, name, None) is not None


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37].rstrip() + "..."


class _Context:
    """What relative words mean at a place in the rules."""

    def __init__(self, side: bool = False, target: bool = False):
        self.side = side
        self.target = target


def walk(value, path: tuple) -> list[tuple[tuple, BaseModel]]:
    """Every pydantic model inside ``value`` with its path, depth first in field order."""
    out: list = []
    _walk_into(value, path, out)
    return out


_LEAVES = (str, int, float, bool, type(None))


def _walk_into(value, path: tuple, out: list) -> None:
    if isinstance(value, BaseModel):
        out.append((path, value))
        for name, key in _model_keys(type(value)):
            item = getattr(value, name)
            if item.__class__ not in _LEAVES:
                _walk_into(item, path + (key,), out)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            if item.__class__ not in _LEAVES:
                _walk_into(item, path + (index,), out)
    elif isinstance(value, dict):
        for key, item in value.items():
            if item.__class__ not in _LEAVES:
                _walk_into(item, path + (key,), out)


_KEYS: dict[type, tuple] = {}


def _model_keys(cls) -> tuple:
    """(field name, the key rule files use for it) of a model class, in field order."""
    known = _KEYS.get(cls)
    if known is None:
        known = _KEYS[cls] = tuple((name, info.alias or name) for name, info in cls.model_fields.items())
    return known


class Walks:
    """``walk`` for one checker run: the rule set is walked once and shared.

    The checks look at the whole rule set, at its sections and at single
    cards; each of these is a stretch of the one walk of the rule set, in the
    same order, so it is cut from it instead of walked again.
    """

    def __init__(self, rules: RuleSet):
        self.rules = rules
        # what walk(rules, ()) gives, noting where each section and each item of a list section starts and ends
        out: list = [((), rules)]
        spans: dict[tuple, tuple[int, int]] = {}
        for name, key in _model_keys(type(rules)):
            value = getattr(rules, name)
            start = len(out)
            if isinstance(value, (list, tuple)):
                for index, item in enumerate(value):
                    begin = len(out)
                    if item.__class__ not in _LEAVES:
                        _walk_into(item, (key, index), out)
                    spans[(key, index)] = (begin, len(out))
            elif value.__class__ not in _LEAVES:
                _walk_into(value, (key,), out)
            spans[(key,)] = (start, len(out))
        self.all = out
        self.spans = spans

    def __call__(self, value, path: tuple) -> list[tuple[tuple, BaseModel]]:
        rules = self.rules
        if value is rules and path == ():
            return self.all
        if len(path) in (1, 2) and path in self.spans and _at(rules, path) is value:
            start, end = self.spans[path]
            return self.all[start:end]
        return walk(value, path)


def _at(rules: RuleSet, path: tuple):
    """The value at a section (or a section's item) path of the rule set, or None."""
    value = getattr(rules, path[0], None) if isinstance(path[0], str) else None
    if len(path) == 2:
        if isinstance(value, (list, tuple)) and isinstance(path[1], int) and 0 <= path[1] < len(value):
            return value[path[1]]
        return None
    return value


class Checker:
    def __init__(self, load_result, rules: RuleSet | None = None, broken=None):
        from eurasia_game.loading.salvage import BrokenParts

        self.result = load_result
        self.rules: RuleSet = rules if rules is not None else load_result.rules
        self.broken = broken if broken is not None else BrokenParts()
        self.problems: list[Problem] = []
        self._ids: dict[str, tuple[list[str], set[str]]] = {}

    def add(self, severity: str, path: tuple, message: str, suggestion: str | None = None) -> None:
        if self.broken and self._about_broken(message):
            return  # a consequence of an item in error, which is reported where it is
        file, line, column, inner = self.result.locate(path)
        self.problems.append(Problem(severity, file, line, column, format_path(inner), message, suggestion))

    def _about_broken(self, message: str) -> bool:
        names = set(self.broken.any_ids)
        for ids in self.broken.ids.values():
            names |= ids
        return any(f"'{name}'" in message for name in names)

    # --- ids -------------------------------------------------------------
    def ids(self, kind: str) -> list[str]:
        if kind == "section":
            return list(self.rules.game.sources)
        if kind == "flag":
            return sorted(self.flags_set)
        section = _ID_SECTIONS[kind]
        return [item.id for item in getattr(self.rules, section)]

    def known_ids(self, kind: str) -> tuple[list[str], set[str]]:
        """``ids(kind)`` and the same as a set, worked out once per run."""
        found = self._ids.get(kind)
        if found is None:
            listed = self.ids(kind)
            found = self._ids[kind] = (listed, set(listed))
        return found

    def run(self) -> list[Problem]:
        rules = self.rules
        self.walk = Walks(rules)
        self.flags_set = self._flags_set()
        for kind, section in _ID_SECTIONS.items():
            seen: dict[str, int] = {}
            for index, item in enumerate(getattr(rules, section)):
                if item.id in seen:
                    file, line, _, _ = self.result.locate((section, seen[item.id], "id"))
                    self.add("error", (section, index, "id"), S("prob_id_twice", kind=noun(kind), id=item.id, file=file, line=line), S("prob_own_id"))
                else:
                    seen[item.id] = index
        self._check_refs()
        self._check_game()
        self._check_sides_keys()
        self._check_phases()
        self._check_events()
        self._check_scenarios()
        self._check_texts()
        self._check_overridden_sides()
        self._check_sourced()
        from eurasia_game.loading import flagnames, loops, reach, rulelogs, story, tutorial

        story.report(self)
        tutorial.report(self)
        flagnames.report(self)
        rulelogs.report(self)

        reach.report(self, self.walk)
        loops.report(self, self.walk)
        return self.problems

    def _flags_set(self) -> set[str]:
        flags: set[str] = set()
        for _, model in self.walk(self.rules, ()):
            if isinstance(model, E.SetFlag) and model.value:
                flags.add(model.flag)
        for scenario in self.rules.scenarios:
            flags.update(scenario.setup.flags)
        return flags

    def _check_refs(self) -> None:
        rules = self.rules
        walk = self.walk
        # (the models of one place, in walk order; what relative words mean there)
        places: list[tuple[list, _Context]] = [(walk(rules.game, ("game",)), _Context())]
        for index, action in enumerate(rules.actions):
            places.append((walk(action, ("actions", index)), _Context(side=True, target=action.targets != "none")))
        when = EventDef.model_fields["condition"].alias  # the key a card's draw test has in rule files
        for index, event in enumerate(rules.events):
            # A card's 'when' is tested at the draw, before any side acts; its
            # effects and dilemma speak for the dilemma's side.
            models = walk(event, ("events", index))
            test = [(path, model) for path, model in models if path[2:3] == (when,)]
            places.append(([(path, model) for path, model in models if path[2:3] != (when,)], _Context(side=event.dilemma is not None)))
            if test:
                places.append((test, _Context()))
        for index, front in enumerate(rules.fronts):
            places.append((walk(front, ("fronts", index)), _Context(target=True)))
        for section in ("yearly", "red_lines", "endings", "scenarios", "sides", "tracks", "phases", "story", *TEACHING_SECTIONS):
            places.append((walk(getattr(rules, section), (section,)), _Context()))
        for models, context in places:
            for path, model in models:
                for key, ref, meta in refs(model):
                    self._check_ref(path + tuple(_split_key(key)), ref, meta, context, model)
                placeholders.check_model(self, path, model, context)

    def _check_ref(self, path: tuple, ref: str, meta: Ref, context: _Context, model) -> None:
        if ref in meta.specials:
            if meta.kind == "side" and not context.side:
                self.add("error", path, S("prob_no_side_acting", ref=ref), S("prob_name_a_side", sides=", ".join(self.rules.side_ids)))
            if meta.kind == "front" and not context.target:
                self.add("error", path, S("prob_no_front_aimed", ref=ref), S("prob_name_a_front", fronts=", ".join(self.rules.front_ids)))
            return
        known, known_set = self.known_ids(meta.kind)
        if ref in known_set:
            return
        if self.broken.hides(_ID_SECTIONS.get(meta.kind, meta.kind)):
            # an item of that section with no readable id is in error: the ref
            # may name it (a ref to a broken item *with* an id is dropped by
            # ``add``, which drops every message quoting a broken id)
            return
        if meta.kind == "flag":
            if isinstance(model, C.FlagSet):
                self.add("warning", path, S("prob_flag_never_set", ref=ref), did_you_mean(ref, known))
            return
        words = list(known) + list(meta.specials)
        label = noun("article section" if meta.kind == "section" else meta.kind)
        remover = self.result.removed.get((_ID_SECTIONS.get(meta.kind, ""), ref)) if hasattr(self.result, "removed") else None
        if remover is not None:
            self.add("error", path, S("prob_unknown_removed", kind=label, ref=ref, mod=remover), S("prob_stop_removing", ref=ref))
            return
        self.add("error", path, S("prob_unknown_ref", kind=label, ref=ref), did_you_mean(ref, words) or (S("prob_known", ids=", ".join(words)) if len(words) <= 12 else None))

    def _check_game(self) -> None:
        game = self.rules.game
        for index, side in enumerate(self.rules.sides):
            if side.id in RESERVED_SIDE_IDS:
                self.add("error", ("sides", index, "id"), S("prob_reserved_side", id=side.id), S("prob_choose_other_id"))
        if game.default_scenario not in self.rules.scenario:
            self.add("error", ("game", "default_scenario"), S("prob_unknown_ref", kind=noun("scenario"), ref=game.default_scenario), did_you_mean(game.default_scenario, self.rules.scenario))
        if self.broken.mentions("sides"):
            return  # the sides are not all known
        if sorted(game.side_order) != sorted(self.rules.side_ids):
            self.add("error", ("game", "side_order"), S("prob_side_order"), S("prob_use", ids=", ".join(self.rules.side_ids)))
        if len(self.rules.sides) != 2:
            self.add("error", ("sides",), S("prob_two_sides", count=len(self.rules.sides)))

    def _check_side_keys(self, path: tuple, mapping: dict, complete: bool) -> None:
        sides = self.rules.side_ids
        for key in mapping:
            if key not in sides:
                self.add("error", path + (key,), S("prob_unknown_ref", kind=noun("side"), ref=key), did_you_mean(key, sides))
        if complete:
            missing = [s for s in sides if s not in mapping]
            if missing:
                self.add("error", path, S("prob_missing_value", sides=", ".join(missing)), S("prob_value_every_side"))

    def _check_sides_keys(self) -> None:
        rules = self.rules
        for index, front in enumerate(rules.fronts):
            self._check_side_keys(("fronts", index, "start"), front.start, complete=True)
            for side, value in front.start.items():
                if not front.min <= value <= front.max:
                    self.add("error", ("fronts", index, "start", side), S("prob_standing_outside", value=value, low=front.min, high=front.max))
        for index, ending in enumerate(rules.endings):
            if isinstance(ending.outcome, dict):
                self._check_side_keys(("endings", index, "outcome"), ending.outcome, complete=True)
        for index, scenario in enumerate(rules.scenarios):
            base = ("scenarios", index, "setup")
            self._check_side_keys(base + ("power",), scenario.setup.power, complete=False)
            self._check_side_keys(base + ("income",), scenario.setup.income, complete=False)
            for track, value in scenario.setup.tracks.items():
                if track not in rules.track:
                    self.add("error", base + ("tracks", track), S("prob_unknown_ref", kind=noun("track"), ref=track), did_you_mean(track, rules.track_ids))
                elif not rules.track[track].min <= value <= rules.track[track].max:
                    t = rules.track[track]
                    self.add("error", base + ("tracks", track), S("prob_outside_track", value=value, low=t.min, high=t.max))
            for front, by_side in scenario.setup.standing.items():
                if front not in rules.front:
                    self.add("error", base + ("standing", front), S("prob_unknown_ref", kind=noun("front"), ref=front), did_you_mean(front, rules.front_ids))
                else:
                    self._check_side_keys(base + ("standing", front), by_side, complete=False)
        for index, rule in enumerate(rules.actions):
            if isinstance(rule.targets, list) and not rule.targets:
                self.add("error", ("actions", index, "targets"), S("prob_targets_empty"), S("prob_targets_none"))
            if rule.requires is not None and rule.requires_text is None:
                self.add("warning", ("actions", index, "requires"), S("prob_requires_text"), S("prob_add_requires_text"))
        self._check_bounds()

    def _check_bounds(self) -> None:
        """Starting values and zones outside the bounds of their track or front."""
        rules = self.rules
        for index, track in enumerate(rules.tracks):
            for z_index, zone in enumerate(track.zones):
                if zone.min > zone.max:
                    self.add("error", ("tracks", index, "zones", z_index), S("prob_zone_min_max", low=zone.min, high=zone.max))
                elif zone.min < track.min or zone.max > track.max:
                    self.add("warning", ("tracks", index, "zones", z_index), S("prob_zone_outside", zone_low=zone.min, zone_high=zone.max, low=track.min, high=track.max))
        for index, scenario in enumerate(rules.scenarios):
            base = ("scenarios", index, "setup")
            for front_id, by_side in scenario.setup.standing.items():
                front = rules.front.get(front_id)
                for side, value in by_side.items():
                    if front is not None and not front.min <= value <= front.max:
                        self.add("error", base + ("standing", front_id, side), S("prob_standing_outside_front", value=value, low=front.min, high=front.max))
            for key in ("power", "income"):
                for side, value in getattr(scenario.setup, key).items():
                    if value < 0:
                        self.add("error", base + (key, side), S("prob_below_zero", key=key, value=value), S("prob_zero_or_more"))

    def _check_overridden_sides(self) -> None:
        """A side's power or income that a mod set, and that every scenario's set-up replaces."""
        rules = self.rules
        if not rules.scenarios:
            return
        for index, side in enumerate(rules.sides):
            for key in ("power", "income"):
                file = self.result.locate(("sides", index, key))[0]
                layer = self.result.layer_of(file)
                if layer is None or not layer.is_mod:
                    continue  # the base game's own value: its scenarios are written with it in mind
                given = {sc.id: getattr(sc.setup, key)[side.id] for sc in rules.scenarios if side.id in getattr(sc.setup, key)}
                if len(given) == len(rules.scenarios):
                    values = ", ".join(f"{sc_id} {value}" for sc_id, value in given.items())
                    self.add(
                        "warning", ("sides", index, key),
                        S("prob_set_by_scenarios", side=side.name, key=key, values=values),
                        S("prob_change_in_scenarios", key=key, id=side.id),
                    )
    def _check_sourced(self) -> None:
        """Every item a player meets should say where in the article it comes from.

        A warning, not an error, so that mods written before these fields
        existed still load; the base game's tests require all three.
        """
        for section, kind in SOURCED_KINDS.items():
            for index, item in enumerate(getattr(self.rules, section)):
                missing = [name for name in ("section", "basis", "note") if not _has(item, name)]
                if not missing:
                    continue
                name = getattr(item, "id", None)
                label = S("prob_label_named", kind=noun(kind), name=name) if name else S("prob_label_numbered", kind=noun(kind), number=index + 1, text=_short(item.text))
                wanted = ", ".join(missing)
                self.add(
                    "warning",
                    (section, index),
                    S("prob_not_sourced", label=label, missing=wanted),
                    S("prob_add_source"),
                )

    def _check_phases(self) -> None:
        if self.broken.mentions("phases"):
            return
        kinds = [p.kind for p in self.rules.phases]
        for kind in ("plan", "checks"):
            if kinds.count(kind) != 1:
                self.add("error", ("phases",), S("prob_one_phase", kind=kind, count=kinds.count(kind)))
        for kind in ("events", "income", "resolve"):
            if kind not in kinds:
                self.add("warning", ("phases",), S("prob_no_phase", kind=kind))
        if kinds and kinds[-1] != "checks":
            self.add("error", ("phases",), S("prob_checks_last"))

    def _check_events(self) -> None:
        for index, event in enumerate(self.rules.events):
            if event.dilemma is None:
                continue
            ids = [o.id for o in event.dilemma.options]
            for o_index, option in enumerate(event.dilemma.options):
                if ids.count(option.id) > 1 and ids.index(option.id) != o_index:
                    self.add("error", ("events", index, "dilemma", "options", o_index, "id"), S("prob_option_twice", id=option.id))
            if all(o.requires is not None or o.cost > 0 for o in event.dilemma.options):
                self.add("error", ("events", index, "dilemma", "options"), S("prob_no_free_option"), S("prob_make_free"))

    def _check_scenarios(self) -> None:
        rules = self.rules
        for index, scenario in enumerate(rules.scenarios):
            finals = [rules.ending[e] for e in scenario.endings if e in rules.ending and rules.ending[e].check == "final"]
            if not any(e.condition is None for e in finals) and not self.broken.mentions("endings"):
                self.add("error", ("scenarios", index, "endings"), S("prob_no_fallback"), S("prob_add_fallback"))
            for s_index, item in enumerate(scenario.scheduled):
                if not scenario.start_year <= item.year <= scenario.end_year:
                    self.add("error", ("scenarios", index, "scheduled", s_index, "year"), S("prob_scheduled_outside", year=item.year, start=scenario.start_year, end=scenario.end_year))
            deck = [e for e in rules.events if e.in_deck and (scenario.deck_tags is None or set(e.tags) & set(scenario.deck_tags))]
            if not deck and scenario.events_per_year:
                self.add("warning", ("scenarios", index, "deck_tags"), S("prob_no_card_tags"))

    def _check_texts(self) -> None:
        placeholders.check_texts(self)
        if self.broken.hides("texts"):
            return  # a texts section in error: which keys it gives is not known
        for key in TEXT_KEYS:
            if key not in self.rules.texts:
                self.add("error", ("texts",), S("prob_message_missing", key=key), S("prob_add_message", key=key, meaning=TEXT_KEYS[key]))
        for key in self.rules.texts:
            if key not in TEXT_KEYS:
                self.add("warning", ("texts", key), S("prob_message_unused", key=key), did_you_mean(key, TEXT_KEYS))


def _split_key(key: str) -> list:
    """'sides[1]' -> ['sides', 1]."""
    if "[" in key:
        name, rest = key.split("[", 1)
        return [name, int(rest.rstrip("]"))]
    return [key]


def check_rules(load_result, rules: RuleSet | None = None, broken=None) -> list[Problem]:
    """Every problem of the merged rules (``rules``, default ``load_result.rules``).

    ``broken`` names what failed validation, so references to it are not
    reported a second time as unknown.
    """
    return Checker(load_result, rules, broken).run()
