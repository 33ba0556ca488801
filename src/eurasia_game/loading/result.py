"""What loading rules gives back: the rules (when nothing is in error), every problem, and where each item came from.

Kept apart from the loader so that code which only reads a result (the
window, when it opens with the rules it checked before: ``loading.rules_cache``)
does not import the loader's parsing and checking machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eurasia_game.loading.problems import Problem

if TYPE_CHECKING:
    from eurasia_game.loading.files import SourceFile
    from eurasia_game.loading.merge import ModChanges
    from eurasia_game.model.mod import ModManifest
    from eurasia_game.model.ruleset import RuleSet

__all__ = ["LayerInfo", "LoadResult"]


@dataclass
class LayerInfo:
    """One folder of rules as loaded: the base game or a mod."""

    name: str  # "base", or the mod's id
    folder: Path
    display: str  # how problems name the folder, e.g. "rules" or "mods/fifth_front"
    manifest: ModManifest | None = None
    unloaded: bool = False  # a mod left out of the load order: its files were only read and validated

    @property
    def is_mod(self) -> bool:
        return self.manifest is not None or self.unloaded


@dataclass
class LoadResult:
    rules: RuleSet | None
    problems: list[Problem] = field(default_factory=list)
    # (section, merged index) -> (source file, index inside that file)
    origins: dict[tuple[str, int], tuple[SourceFile, int]] = field(default_factory=dict)
    # (section, merged index, field) -> (source, path in it) for fields a patch set or added to
    field_origins: dict[tuple[str, int, str], tuple[SourceFile, tuple]] = field(default_factory=dict)
    files: list[SourceFile] = field(default_factory=list)
    layers: list[LayerInfo] = field(default_factory=list)
    text_origins: dict[str, SourceFile] = field(default_factory=dict)
    section_sources: dict[str, SourceFile] = field(default_factory=dict)
    game_source: SourceFile | None = None
    # (section, id) -> the layer that removed it; (section, id) -> layers that changed it
    removed: dict[tuple[str, str], str] = field(default_factory=dict)
    changed_by: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    mod_changes: dict[str, ModChanges] = field(default_factory=dict)
    # layer name -> the English of the texts its own files give, by text key (kept when mods load:
    # a translation stays good for a text a later layer rewrote with the same words)
    layer_english: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.rules is not None and not self.errors

    @property
    def mods(self) -> list[ModManifest]:
        """The manifests of the mods loaded, in load order."""
        return [layer.manifest for layer in self.layers if layer.manifest is not None]

    def sorted_problems(self) -> list[Problem]:
        """The problems in reading order: layer by layer (base first), then file, line, column."""
        def key(problem: Problem):
            layer = self.layer_of(problem.file)
            number = self.layers.index(layer) if layer is not None else len(self.layers)
            return (number, problem.file, problem.line, problem.column)

        return sorted(self.problems, key=key)

    def layer_of(self, file: str) -> LayerInfo | None:
        """The layer a problem's file belongs to (by its display name)."""
        best = None
        for layer in self.layers:
            if file == layer.display or file.startswith(layer.display + "/") or layer.display in (".", ""):
                if best is None or best.display in (".", "") or len(layer.display) > len(best.display):
                    best = best if layer.display in (".", "") and best is not None else layer
        return best

    def locate(self, path: tuple) -> tuple[str, int, int, tuple]:
        """File, line, column and in-file path for a path in the merged rule set."""
        if len(path) >= 3 and (path[0], path[1], path[2]) in self.field_origins:
            source, where = self.field_origins[(path[0], path[1], path[2])]
            inner = where + tuple(path[3:])
            return (source.name, *source.located.position(inner), inner)
        if len(path) >= 2 and (path[0], path[1]) in self.origins:
            source, index = self.origins[(path[0], path[1])]
            inner = (path[0], index) + tuple(path[2:])
            return (source.name, *source.located.position(inner), inner)
        if len(path) >= 2 and path[0] == "texts" and path[1] in self.text_origins:
            source = self.text_origins[path[1]]
            return (source.name, *source.located.position(path), path)
        if path and path[0] == "game" and self.game_source is not None:
            return (self.game_source.name, *self.game_source.located.position(path), path)
        if path and path[0] in self.section_sources:
            source = self.section_sources[path[0]]
            return (source.name, *source.located.position(path[:1]), path)
        if path:
            for source in self.files:
                if isinstance(source.located.data, dict) and path[0] in source.located.data:
                    return (source.name, *source.located.position(path), path)
        first = self.files[0].name if self.files else "rules"
        return (first, 1, 1, path)
