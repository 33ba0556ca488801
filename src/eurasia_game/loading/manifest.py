"""Reading a mod folder's manifest (``mod.yaml``) into a ``ModManifest``.

The manifest goes through the same safe YAML reader and the same error
translation as rule files, so a broken manifest gets located messages.  A
mod without a usable manifest is not loaded: its other files would have no
id, version or format to be checked against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.errors import validation_problems
from eurasia_game.loading.files import SourceFile, path_problem, read_rule_file
from eurasia_game.loading.problems import Problem
from eurasia_game.model.mod import MANIFEST_NAME, ModManifest


@dataclass
class ModFolder:
    """A mod folder as found on disk: where it is, what it says, what is wrong."""

    folder: Path
    display: str
    manifest: ModManifest | None = None
    source: SourceFile | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.manifest.id if self.manifest else self.folder.name

    @property
    def manifest_name(self) -> str:
        from eurasia_game.loading.files import join_display

        return join_display(self.display, MANIFEST_NAME)

    def position(self, path: tuple) -> tuple[int, int]:
        return self.source.located.position(path) if self.source else (1, 1)

    def problem(self, severity: str, path: tuple, message: str, suggestion: str | None = None) -> Problem:
        from eurasia_game.loading.problems import format_path

        line, column = self.position(path)
        return Problem(severity, self.manifest_name, line, column, format_path(path), message, suggestion)


def mod_display(folder: Path) -> str:
    """How problems name a mod folder: its parent's name and its own (``mods/fifth_front``)."""
    folder = Path(folder)
    parent = folder.parent.name
    return f"{parent}/{folder.name}" if parent else folder.name


def read_mod_folder(folder: Path | str, display: str | None = None) -> ModFolder:
    """Read the manifest of the mod in ``folder``; problems are collected, never raised.

    ``display`` is how problems name the folder (default: ``mod_display``).
    """
    given = Path(folder)
    try:
        resolved = given.resolve()
    except (OSError, RuntimeError):
        resolved = given
    mod = ModFolder(folder=resolved, display=display if display is not None else mod_display(resolved if resolved.name else given))
    if not resolved.is_dir():
        message = S("prob_mod_folder_missing") if not resolved.exists() else S("prob_mod_folder_not_folder")
        mod.problems.append(Problem("error", str(given), 1, 1, "", message, S("prob_give_mod_folder")))
        return mod
    manifest_path = resolved / MANIFEST_NAME
    if not manifest_path.exists() and not manifest_path.is_symlink():
        others = sorted(p.name for p in resolved.iterdir() if p.name.lower() in ("mod.yml", "manifest.yaml", "mod.json"))
        hint = S("prob_rename_manifest", found=others[0], name=MANIFEST_NAME) if others else S("prob_add_manifest", name=MANIFEST_NAME)
        mod.problems.append(Problem("error", mod.manifest_name, 1, 1, "", S("prob_no_manifest", name=MANIFEST_NAME), hint))
        return mod
    if manifest_path.is_symlink() and not _inside(manifest_path, resolved):
        mod.problems.append(Problem("error", mod.manifest_name, 1, 1, "", S("prob_manifest_link"), S("prob_copy_file_in")))
        return mod
    located = read_rule_file(manifest_path, mod.manifest_name, mod.problems)
    if located is None:
        return mod
    mod.source = SourceFile(mod.manifest_name, located, layer=resolved.name, path=manifest_path)
    try:
        mod.manifest = ModManifest.model_validate(located.data)
    except ValidationError as exc:
        mod.problems.extend(validation_problems(ModManifest, mod.source, exc))
        return mod
    for index, entry in enumerate(mod.manifest.rules or ()):
        problem = path_problem(entry)
        if problem is None and not _inside(resolved / entry, resolved):
            problem = S("prob_entry_link", path=entry)
        if problem is None and not (resolved / entry).exists():
            problem = S("prob_entry_missing", path=entry)
        if problem is None and (resolved / entry).is_file() and not entry.endswith(".yaml"):
            problem = S("prob_entry_not_yaml", path=entry)
        if problem:
            mod.problems.append(mod.problem("error", ("rules", index), problem, S("prob_list_inside")))
    return mod


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False
