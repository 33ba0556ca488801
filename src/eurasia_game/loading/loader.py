"""Loading rule files from folders into a ``RuleSet``, collecting every problem.

The rules come in layers: the base game's folder (or a total conversion in
its place) and then each enabled mod's folder, in the load order the mods'
manifests decide (``loading.order``).  Each file is parsed with positions,
checked for its format version and validated on its own, so a pydantic error
maps back to its own ``file:line:column`` in its own folder; ``merge`` then
joins the layers (add, override by id, remove) and ``checker`` looks at the
whole.  Loading never raises for bad content: it returns problems.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Sequence

from pydantic import ValidationError

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.errors import annotation_at, keys_of, problem_from_error, validation_problems
from eurasia_game.loading.files import MAX_FILES, SourceFile, _relative, display_name, join_display, list_rule_files, read_rule_file
from eurasia_game.loading.formats import format_problem
from eurasia_game.loading.manifest import ModFolder, read_mod_folder
from eurasia_game.loading.merge import LayerFiles, merge_layers
from eurasia_game.loading.salvage import BrokenParts, salvage
from eurasia_game.loading.order import load_order
from eurasia_game.loading.problems import Problem
from eurasia_game.loading.result import LayerInfo, LoadResult
from eurasia_game.model.mod import MANIFEST_NAME, ModStamp, version_matches
from eurasia_game.model.ruleset import RuleFile, RuleSet

__all__ = [
    "LayerInfo", "LoadResult", "SourceFile", "MAX_FILES", "annotation_at", "display_name", "fingerprint",
    "keys_of", "load_layers", "load_rules", "problem_from_error", "rule_files",
]

MAX_MODS = 100


def rule_files(folder: Path) -> list[Path]:
    """The rule files of a folder, in load order (sorted relative paths)."""
    return list_rule_files(Path(folder), Path(folder).name).files


def load_rules(folder: Path | str | None = None, check: bool = True, mods: Sequence[Path | str] = (), paths: str = "short") -> LoadResult:
    """Load and (by default) check the rules in ``folder`` plus the mods in ``mods``.

    ``folder`` defaults to the base game.  ``mods`` are mod folders (each with
    a ``mod.yaml``), given in any order: the load order comes from their
    manifests.
    """
    return load_layers(folder, mods, check=check, paths=paths)


def _closure(order: list[ModFolder]) -> dict[str, frozenset[str]]:
    """For each mod, every mod it declared (directly or not) that it loads after."""
    direct = {m.id: {d.id for d in m.manifest.depends} | set(m.manifest.load_after) for m in order}
    out: dict[str, frozenset[str]] = {}
    for mod_id in direct:
        seen: set[str] = set()
        stack = list(direct[mod_id])
        while stack:
            other = stack.pop()
            if other in seen:
                continue
            seen.add(other)
            stack.extend(direct.get(other, ()))
        out[mod_id] = frozenset(seen)
    return out


PathStyle = str  # "short" (parent/name, the library default), "given" (as typed, for the command line) or "absolute"


def folder_display(given: Path | str, style: PathStyle = "short", default_base: bool = False) -> str:
    """How problems name the folder ``given``: the prefix of every file name in messages.

    ``given`` keeps the path as the user typed it (``.`` inside a mod gives
    plain ``events.yaml``), so an editor or a CI annotation can open the file
    from where the command ran; ``absolute`` resolves it; ``short`` is the
    folder's parent and own name (``mods/fifth_front``), for lists in the window.
    """
    import os

    path = Path(given)
    if style == "absolute":
        try:
            return str(path.resolve())
        except (OSError, RuntimeError):
            return str(path.absolute())
    if style == "given":
        if default_base:  # not typed: relative to where the command runs when it is below it
            try:
                return Path(os.path.relpath(path.resolve(), Path.cwd())).as_posix() if path.resolve().is_relative_to(Path.cwd().resolve()) else str(path.resolve())
            except (OSError, ValueError, RuntimeError):
                return str(path)
        return Path(os.path.normpath(str(path))).as_posix()
    return ""  # the short style is worked out by the caller


def load_layers(base: Path | str | None, mod_folders: Sequence[Path | str] = (), check: bool = True, paths: PathStyle = "short") -> LoadResult:
    """The base folder (unless a total conversion replaces it) plus mods, merged and checked.

    Every problem is collected in one run: a mod whose manifest is broken (or
    that cannot be put in the load order) still has its rule files read and
    validated, and a file with invalid items still gives its valid items to the
    merge, so the checks across files run whatever went wrong before them.
    The rules (``result.rules``) are only given when nothing is in error.
    """
    from eurasia_game.model.ruleset import complete_models
    from eurasia_game.paths import base_rules_dir

    complete_models()  # the field annotations the checks and messages walk
    result = LoadResult(rules=None)
    if len(mod_folders) > MAX_MODS:
        result.problems.append(Problem("error", "mods", 1, 1, "", S("prob_many_mods", max=MAX_MODS), S("prob_fewer_mods")))
        return result
    found = [read_mod_folder(folder, display=folder_display(folder, paths) or None) for folder in mod_folders]
    for mod in found:
        result.problems.extend(mod.problems)
    order, order_problems = load_order([m for m in found if m.manifest is not None and not m.problems])
    result.problems.extend(order_problems)
    conversion = next((m for m in order if m.manifest.replaces_base), None)
    declared = _closure(order)

    specs: list[tuple[LayerInfo, ModFolder | None]] = []
    if conversion is None:
        folder = Path(base) if base is not None else base_rules_dir()
        display = folder_display(folder, paths, default_base=base is None) or folder.name or str(folder)
        specs.append((LayerInfo("base", folder, display), None))
    for mod in order:
        specs.append((LayerInfo(mod.id, mod.folder, mod.display, mod.manifest), mod))

    broken = BrokenParts()
    layers: list[LayerFiles] = []
    for info, mod in specs:
        result.layers.append(info)
        files = _load_layer(info, mod, result, broken)
        if files is None:
            continue
        layers.append(LayerFiles(
            info.name, files,
            is_mod=mod is not None and not mod.manifest.replaces_base,
            declared=declared.get(info.name, frozenset()),
        ))
    # mods left out of the load order: their files are still read and validated
    ordered = {id(m) for m in order}
    for mod in sorted(found, key=lambda m: (m.id, str(m.folder))):  # the same whatever order they were given in
        if id(mod) not in ordered and mod.folder.is_dir():
            info = LayerInfo(mod.id, mod.folder, mod.display, None, unloaded=True)
            result.layers.append(info)
            _check_only_layer(info, mod, result)
    if not layers:
        return result
    merged = merge_layers(layers, broken)
    if len(layers) > 1:
        from eurasia_game.loading.translations import file_texts

        result.layer_english = {layer.name: file_texts(model for _, model in layer.files) for layer in layers}
    result.problems.extend(merged.problems)
    result.origins = merged.origins
    result.field_origins = merged.field_origins
    result.text_origins = merged.text_origins
    result.section_sources = merged.section_sources
    result.game_source = merged.game_source
    result.removed = merged.removed
    result.changed_by = merged.changed_by
    result.mod_changes = merged.mod_changes
    if merged.game_source is not None:
        result.problems.extend(_compatibility(order, merged.game_source))
    if merged.rules is None:
        return result
    stamps = tuple(ModStamp(id=m.manifest.id, version=m.manifest.version, name=m.manifest.name) for m in order)
    rules = merged.rules.model_copy(update={"mods": stamps})
    rules = rules.model_copy(update={"fingerprint": fingerprint(rules)})
    had_errors = bool(result.errors)
    if check:
        from eurasia_game.loading.checker import check_rules

        if had_errors:
            # rules with parts missing: check what is there, and never let a
            # check that met something it did not expect hide what was found
            try:
                result.problems.extend(check_rules(result, rules, broken))
            except Exception:  # noqa: BLE001 - the problems already found are reported
                pass
        else:
            result.problems.extend(check_rules(result, rules, broken))
    if not had_errors:
        result.rules = _in_language(rules, result)
    return result


def _in_language(rules: RuleSet, result: LoadResult) -> RuleSet:
    """The rules with their texts in the language chosen (``lang.current``), from every layer's ``lang/`` folder.

    A language file's problems are warnings here (the English shows where a
    text is refused); ``check`` reports them in full for every language.
    """
    from eurasia_game import lang

    code = lang.current()
    if code == lang.SOURCE:
        return rules
    from eurasia_game.loading.translations import Owners, layered_translation, text_keys, translate

    english = text_keys(rules)
    translation, problems = layered_translation(result, code, english, Owners(result, rules))
    for problem in problems:
        result.problems.append(problem if problem.severity != "error" else dataclasses.replace(problem, severity="warning"))
    return translate(rules, translation, english)


def _load_layer(info: LayerInfo, mod: ModFolder | None, result: LoadResult, broken: "BrokenParts | None" = None) -> list[tuple[SourceFile, RuleFile]] | None:
    """Parse, format-check and validate every file of one layer."""
    folder = info.folder
    if mod is None and not folder.is_dir():
        result.problems.append(Problem("error", str(folder), 1, 1, "", S("prob_rules_missing"), S("prob_give_rules_folder")))
        return None
    exclude = (folder / MANIFEST_NAME,) if mod is not None else ()
    listing = list_rule_files(folder, info.display, mod.manifest.rules if mod else None, exclude)
    result.problems.extend(listing.problems)
    if not listing.files:
        if mod is None:
            result.problems.append(Problem("error", str(folder), 1, 1, "", S("prob_rules_no_yaml"), S("prob_rule_files_end")))
            return None
        else:
            result.problems.append(mod.problem("warning", ("rules",) if mod.manifest.rules else (), S("prob_mod_no_files"), S("prob_add_rule_files")))
        return []
    if len(listing.files) > MAX_FILES:
        result.problems.append(Problem("error", info.display, 1, 1, "", S("prob_many_files", max=MAX_FILES), S("prob_merge_files")))
        return None
    parsed: list[SourceFile] = []
    root = folder.resolve()
    for path in listing.files:
        name = join_display(info.display, _relative(listing.resolved(path), root))  # display_name, each path resolved once
        located = read_rule_file(path, name, result.problems)
        if located is None:
            if broken is not None:
                _scan_unparsed(path, broken)
            continue
        source = SourceFile(name, located, layer=info.name, path=path)
        result.files.append(source)
        parsed.append(source)
        if all(value in (None, [], {}) for value in located.data.values()):
            message = S("prob_file_empty_sections") if located.data else S("prob_file_empty")
            result.problems.append(Problem("warning", name, 1, 1, "", message, S("prob_give_content")))
    layer_problem = _layer_format_problem(parsed, mod, str(folder))
    if layer_problem is not None:
        result.problems.append(layer_problem)
    validated: list[tuple[SourceFile, RuleFile]] = []
    for source in parsed:
        own = source.located.data.get("format")
        if type(own) is int:
            line, column = source.located.position(("format",))
            problem = format_problem(own, source.name, line, column, "format", str(folder))
            if problem is not None:
                result.problems.append(problem)
                _skipped(source, broken)
                continue
        elif layer_problem is not None:
            _skipped(source, broken)
            continue  # written in the folder's format, which was refused once above
        try:
            validated.append((source, RuleFile.model_validate(source.located.data)))
        except ValidationError as exc:
            result.problems.extend(validation_problems(RuleFile, source, exc))
            # the file's valid items still join the merge, so checks across files run
            validated.append((source, salvage(source, broken if broken is not None else BrokenParts())))
    return validated


def _skipped(source: SourceFile, broken: "BrokenParts | None") -> None:
    """A file not validated (its format was refused): what it holds is not missing, only unread."""
    if broken is None:
        return
    for key, value in source.located.data.items():
        broken.present.add(key)
        for item in value if isinstance(value, list) else ():
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                broken.any_ids.add(item["id"])


def _scan_unparsed(path: Path, broken: BrokenParts) -> None:
    """What a file that could not be parsed probably defines (when it can be read at all)."""
    from eurasia_game.loading.yamlsource import MAX_FILE_BYTES
    from eurasia_game.safefile import FileRefused, read_bounded

    try:
        broken.scan_unparsed(read_bounded(path, MAX_FILE_BYTES).decode("utf-8", "replace"))
    except FileRefused:
        broken.sections.add("*unreadable*")


def _check_only_layer(info: LayerInfo, mod: ModFolder, result: LoadResult) -> None:
    """Read and validate the rule files of a mod that cannot be loaded (its manifest is broken, or a dependency is missing)."""
    raw = mod.source.located.data if mod.source is not None and isinstance(mod.source.located.data, dict) else {}
    selection = raw.get("rules")
    if not (isinstance(selection, list) and all(isinstance(e, str) for e in selection)):
        selection = None
    listing = list_rule_files(info.folder, info.display, selection, (info.folder / MANIFEST_NAME,))
    result.problems.extend(listing.problems)
    for path in listing.files[:MAX_FILES]:
        name = display_name(path, info.folder, info.display)
        located = read_rule_file(path, name, result.problems)
        if located is None:
            continue
        source = SourceFile(name, located, layer=info.name, path=path)
        result.files.append(source)
        own = located.data.get("format")
        if type(own) is int:
            line, column = located.position(("format",))
            problem = format_problem(own, name, line, column, "format", str(info.folder))
            if problem is not None:
                result.problems.append(problem)
                continue
        try:
            RuleFile.model_validate(located.data)
        except ValidationError as exc:
            result.problems.extend(validation_problems(RuleFile, source, exc))


def _layer_format_problem(parsed: list[SourceFile], mod: ModFolder | None, folder: str) -> Problem | None:
    """The refusal of a folder whose stated format is not the current one, or None."""
    if mod is not None:
        line, column = mod.position(("format",))
        return format_problem(mod.manifest.format, mod.manifest_name, line, column, "format", folder)
    for source in parsed:
        game = source.located.data.get("game")
        if isinstance(game, dict) and type(game.get("format")) is int:
            line, column = source.located.position(("game", "format"))
            return format_problem(game["format"], source.name, line, column, "game.format", folder)
    return None


def _compatibility(order: list[ModFolder], game_source: SourceFile) -> list[Problem]:
    """Each mod's declared game and versions against the game actually loaded."""
    game = game_source.located.data.get("game", {})
    game_id, game_version = game.get("id"), game.get("version")
    problems: list[Problem] = []
    for mod in order:
        wanted = mod.manifest.game
        if wanted is None:
            if not mod.manifest.replaces_base:
                problems.append(mod.problem("warning", (), S("prob_manifest_no_game"), S("prob_add_game", id=game_id, versions=game_version)))
            continue
        if mod.manifest.replaces_base:
            continue
        if wanted.id != game_id:
            problems.append(mod.problem("error", ("game", "id"), S("prob_other_game", wanted=wanted.id, id=game_id), S("prob_enable_with_game")))
        elif isinstance(game_version, str) and not _matches(game_version, wanted.versions):
            problems.append(mod.problem("error", ("game", "versions"), S("prob_game_versions", id=game_id, versions=wanted.versions, version=game_version), S("prob_use_mod_version")))
    return problems


def _matches(version: str, spec: str | None) -> bool:
    try:
        return version_matches(version, spec)
    except ValueError:
        return False


def fingerprint(rules: RuleSet) -> str:
    """A short hash of the rules' content: a record only replays under the same one.

    Story checks, flags' names and teaching content (handouts, briefings...) do not change play, so they are left out.
    """
    from eurasia_game.model.teaching import TEACHING_SECTIONS

    data = rules.model_dump(mode="json", by_alias=True, exclude={"fingerprint", "mods", "story", "flags", *TEACHING_SECTIONS})
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


# kept for callers of the earlier API
_problem_from_error = problem_from_error
