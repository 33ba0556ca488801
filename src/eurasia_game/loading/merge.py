"""Merging validated rule files, layer by layer, into one ``RuleSet``.

A layer is one rules folder: the base game (or a total conversion in its
place), then each enabled mod in load order.  The merge rules, also written
out for modders in docs/modding.md:

1. Inside a layer, files are read in sorted order and their lists are joined;
   an id used twice inside one layer is a mistake (the checker says so).
2. A layer first applies its ``remove:`` sections to what the layers before
   it built: each id is deleted, or ``all`` empties the section.
3. Then its items are added.  An item whose id matches one from an earlier
   layer replaces that item in place (an override: same position, so ordered
   lists such as phases and endings keep their order); other items are
   appended.  ``texts`` entries override by key.
4. Then its ``patch:`` sections change single fields of, or add to lists
   of, what is there so far (``loading.patches``).
5. Only the base game or a total conversion may give the ``game`` section.
6. When two mods add, override, patch or remove the same item, the one
   loading later wins, and a warning names both, unless the later mod
   declared the earlier one in ``depends`` or ``load_after`` (then the order
   is intended).

Items that failed validation are left out (their ids are in ``broken``) and
the rules are still built, so the checks across files can run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.files import SourceFile
from eurasia_game.loading.patches import apply_patches
from eurasia_game.loading.problems import Problem, did_you_mean, format_path, noun
from eurasia_game.model.mod import Removals
from eurasia_game.model.ruleset import LIST_SECTIONS, RuleFile, RuleSet


@dataclass
class LayerFiles:
    """One layer ready to merge: its validated files and what it may do."""

    name: str
    files: list[tuple[SourceFile, RuleFile]]
    is_mod: bool = False  # an extension mod (not the base game, not a total conversion)
    declared: frozenset[str] = frozenset()  # mods this one declared it loads after (transitively)


@dataclass
class Entry:
    id: str | None
    item: object
    source: SourceFile
    index: int
    layer: int
    # field -> (source, path in it) for fields a patch set or added to
    fields: dict[str, tuple[SourceFile, tuple]] = field(default_factory=dict)


@dataclass
class Touch:
    layer: str
    verb: str  # "added", "overrode", "patched", "removed"
    source: SourceFile
    path: tuple


@dataclass
class ModChanges:
    """What one mod did to the rules it was loaded onto."""

    added: list[tuple[str, str]] = field(default_factory=list)
    overridden: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class MergeOutput:
    rules: RuleSet | None
    problems: list[Problem] = field(default_factory=list)
    origins: dict[tuple[str, int], tuple[SourceFile, int]] = field(default_factory=dict)
    field_origins: dict[tuple[str, int, str], tuple[SourceFile, tuple]] = field(default_factory=dict)
    text_origins: dict[str, SourceFile] = field(default_factory=dict)
    section_sources: dict[str, SourceFile] = field(default_factory=dict)
    game_source: SourceFile | None = None
    removed: dict[tuple[str, str], str] = field(default_factory=dict)
    changed_by: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    mod_changes: dict[str, ModChanges] = field(default_factory=dict)


def _problem(severity: str, source: SourceFile, path: tuple, message: str, suggestion: str | None = None) -> Problem:
    line, column = source.located.position(path)
    return Problem(severity, source.name, line, column, format_path(path), message, suggestion)


_REMOVABLE = tuple(Removals.model_fields)

# how a message names one item of a section
KIND = {
    "phases": "phase", "help": "help entry", "sides": "side", "tracks": "track", "fronts": "front",
    "yearly": "yearly rule", "actions": "action", "events": "event", "red_lines": "red line",
    "endings": "ending", "scenarios": "scenario", "story": "story check", "flags": "flag name", "texts": "message",
    "handouts": "handout", "briefings": "briefing", "readings": "reading", "rubric": "rubric criterion", "expectations": "expectation",
    "tutorials": "tutorial",
}
# what a mod did to an item -> its catalogue key (for the sentence about two mods)
VERBS = {"added": "prob_verb_added", "overrode": "prob_verb_overrode", "patched": "prob_verb_patched", "removed": "prob_verb_removed"}


def merge_layers(layers: list[LayerFiles], broken=None) -> MergeOutput:
    """Join the layers into one ``RuleSet``; problems are collected, and the rules are
    built whenever a ``game`` section exists, so the checks across files can run
    even when some parts are in error (``broken``: what failed validation)."""
    from eurasia_game.loading.salvage import BrokenParts

    broken = broken if broken is not None else BrokenParts()
    out = MergeOutput(rules=None)
    entries: dict[str, list[Entry]] = {name: [] for name in LIST_SECTIONS}
    texts: dict[str, tuple[str, SourceFile, int]] = {}
    touches: dict[tuple[str, str], list[Touch]] = {}
    game = None

    def touch(layer: LayerFiles, key: tuple[str, str], verb: str, source: SourceFile, path: tuple) -> None:
        touches.setdefault(key, []).append(Touch(layer.name, verb, source, path))
        if layer.is_mod:
            changes = out.mod_changes.setdefault(layer.name, ModChanges())
            if key[1] == "*":
                return
            {"added": changes.added, "overrode": changes.overridden, "patched": changes.overridden, "removed": changes.removed}[verb].append(key)

    for number, layer in enumerate(layers):
        if layer.is_mod:
            out.mod_changes.setdefault(layer.name, ModChanges())
        # 1. removals, against what earlier layers built
        for source, model in layer.files:
            if model.remove is None:
                continue
            for section in _REMOVABLE:
                spec = getattr(model.remove, section)
                if spec is None:
                    continue
                if section == "texts":
                    keys = [k for k, v in texts.items() if v[2] < number] if spec == "all" else spec
                    for index, key in enumerate(keys):
                        path = ("remove", "texts") if spec == "all" else ("remove", "texts", index)
                        if key in texts and texts[key][2] < number:
                            del texts[key]
                            out.removed[("texts", key)] = layer.name
                            touch(layer, ("texts", key), "removed", source, path)
                        else:
                            out.problems.append(_problem("warning", source, path, S("prob_remove_no_message", key=key), did_you_mean(key, texts)))
                    continue
                earlier = [e for e in entries[section] if e.layer < number]
                if spec == "all":
                    touch(layer, (section, "*"), "removed", source, ("remove", section))
                    for entry in earlier:
                        if entry.id is not None:
                            out.removed[(section, entry.id)] = layer.name
                            touch(layer, (section, entry.id), "removed", source, ("remove", section))
                    entries[section] = [e for e in entries[section] if e.layer >= number]
                    continue
                for index, item_id in enumerate(spec):
                    path = ("remove", section, index)
                    match = next((e for e in earlier if e.id == item_id), None)
                    if match is None:
                        known = [e.id for e in earlier if e.id]
                        # this layer's own items are added after its removals, so look in its files
                        mine = any(getattr(item, "id", None) == item_id for _, own in layer.files for item in getattr(own, section) or ())
                        why = S("prob_remove_added_here") if mine else S("prob_remove_none_before")
                        out.problems.append(_problem("warning", source, path, S("prob_remove_nothing", kind=noun(KIND[section]), id=item_id, why=why), did_you_mean(item_id, known)))
                        continue
                    entries[section].remove(match)
                    out.removed[(section, item_id)] = layer.name
                    touch(layer, (section, item_id), "removed", source, path)
        # 2. the game section
        for source, model in layer.files:
            if model.game is None:
                continue
            if layer.is_mod:
                out.problems.append(_problem("error", source, ("game",), S("prob_game_in_mod"), S("prob_remove_game")))
            elif game is not None and out.game_source is not None and out.game_source.layer == layer.name:
                out.problems.append(_problem("error", source, ("game",), S("prob_game_twice", file=out.game_source.name), S("prob_keep_one_game")))
            else:
                game, out.game_source = model.game, source
        # 3. texts and lists: add or override
        for source, model in layer.files:
            for key, value in (model.texts or {}).items():
                previous = texts.get(key)
                if previous is not None and previous[2] == number:
                    out.problems.append(_problem("warning", source, ("texts", key), S("prob_message_twice", key=key, file=previous[1].name), S("prob_keep_one")))
                elif previous is not None:
                    touch(layer, ("texts", key), "overrode", source, ("texts", key))
                elif layer.is_mod:
                    touch(layer, ("texts", key), "added", source, ("texts", key))
                texts[key] = (value, source, number)
                out.section_sources["texts"] = source
            for section in LIST_SECTIONS:
                items = getattr(model, section) or ()
                if items:
                    out.section_sources[section] = source
                where = source.index_map.get(section)
                for index, item in enumerate(items):
                    item_id = getattr(item, "id", None)
                    if where is not None:  # invalid items were left out: keep each item's index in its file
                        index = where[index]
                    entry = Entry(item_id, item, source, index, number)
                    match = None
                    if item_id is not None:
                        match = next((i for i, e in enumerate(entries[section]) if e.id == item_id and e.layer < number), None)
                    if match is not None:
                        entries[section][match] = entry
                        touch(layer, (section, item_id), "overrode", source, (section, index, "id"))
                    else:
                        entries[section].append(entry)
                        if item_id is not None and layer.is_mod:
                            touch(layer, (section, item_id), "added", source, (section, index, "id"))
        # 4. patches: single fields of what is there so far
        for source, model in layer.files:
            if model.patch is not None:
                apply_patches(layer, number, source, model.patch, entries, out, touch, broken)

    _conflicts(layers, touches, out)
    out.changed_by = {key: [t.layer for t in found] for key, found in touches.items()}
    if game is None:
        if not broken.mentions("game"):  # a broken game section was reported where it is
            first = layers[0].files[0][0] if layers and layers[0].files else None
            out.problems.append(Problem("error", first.name if first else "rules", 1, 1, "game", S("prob_no_game"), S("prob_add_game_yaml")))
        return out
    for section in ("phases", "sides", "tracks", "fronts", "actions", "events", "endings", "scenarios"):
        if not entries[section] and not broken.mentions(section):
            removed = any(k[0] == section for k in out.removed)
            message = S("prob_no_section_removed", section=section) if removed else S("prob_no_section", section=section)
            out.problems.append(_problem("error", out.game_source, (), message, S("prob_add_section", section=section)))
    lists = {}
    for section, found in entries.items():
        lists[section] = tuple(e.item for e in found)
        for index, entry in enumerate(found):
            out.origins[(section, index)] = (entry.source, entry.index)
            for key, origin in entry.fields.items():
                out.field_origins[(section, index, key)] = origin
    out.text_origins = {key: source for key, (_, source, _) in texts.items()}
    out.rules = RuleSet(game=game, texts={k: v for k, (v, _, _) in texts.items()}, **lists)
    return out


def _conflicts(layers: list[LayerFiles], touches: dict[tuple[str, str], list[Touch]], out: MergeOutput) -> None:
    """Warn when two mods change the same item without declaring which wins."""
    declared = {layer.name: layer.declared for layer in layers}
    mods = {layer.name for layer in layers if layer.is_mod}
    for (section, item_id), found in touches.items():
        by_mod = [t for t in found if t.layer in mods]
        seen: list[Touch] = []
        for later in by_mod:
            for earlier in seen:
                if earlier.layer == later.layer or earlier.layer in declared.get(later.layer, ()):
                    continue
                what = S("prob_whole_section", section=section) if item_id == "*" else S("prob_label_named", kind=noun(KIND.get(section, section)), name=item_id)
                out.problems.append(_problem(
                    "warning", later.source, later.path,
                    S("prob_two_mods", what=what, first=earlier.layer, first_did=S(VERBS[earlier.verb]), second=later.layer, second_did=S(VERBS[later.verb])),
                    S("prob_two_mods_fix", first=earlier.layer, second=later.layer),
                ))
            if all(t.layer != later.layer for t in seen):
                seen.append(later)
