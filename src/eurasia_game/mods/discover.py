"""Mods installed in the player's mods folder, each with its check status.

The mods folder is ``mods`` inside the game's home folder (the per-user data
folder from ``platformdirs``, or ``$EURASIA_GAME_HOME``).  Each sub-folder is
one mod.  ``discover_mods`` lists them for the new-game screen and for
``eurasia-game mods``; each is checked on top of the base game together with
the installed mods it depends on, so its status is what the player would get
by enabling it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.loader import LoadResult, load_rules
from eurasia_game.loading.manifest import read_mod_folder
from eurasia_game.loading.problems import Problem
from eurasia_game.model.mod import MANIFEST_NAME, ModManifest

Status = Literal["ok", "warnings", "errors", "unchecked"]


def user_mods_dir() -> Path:
    """The folder where the player installs mods (it may not exist yet)."""
    from eurasia_game.session.folders import game_home

    return game_home() / "mods"


@dataclass
class InstalledMod:
    """One mod folder found in the mods folder."""

    folder: Path
    manifest: ModManifest | None
    status: Status = "unchecked"
    problems: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.manifest.id if self.manifest else self.folder.name

    @property
    def name(self) -> str:
        return self.manifest.name if self.manifest else self.folder.name

    @property
    def version(self) -> str | None:
        return self.manifest.version if self.manifest else None

    @property
    def description(self) -> str | None:
        return self.manifest.description if self.manifest else None

    @property
    def replaces_base(self) -> bool:
        return bool(self.manifest and self.manifest.replaces_base)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def summary(self) -> str:
        """One line for a list: name, version and status."""
        if self.status == "ok":
            state = S("cli_mod_ok")
        elif self.status == "unchecked":
            state = S("cli_mod_unchecked")
        elif self.status == "warnings":
            state = S("cli_mod_warnings", warnings=len(self.warnings))
        else:
            state = S("cli_mod_errors", errors=len(self.errors), warnings=len(self.warnings))
        key = "cli_mod_line_version" if self.version else "cli_mod_line"
        return S(key, name=self.name, version=self.version, id=self.id, state=state)


def _mod_folders(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def with_dependencies(wanted: Iterable[str], installed: list[InstalledMod]) -> list[InstalledMod]:
    """The installed mods with the given ids plus every installed mod they depend on.

    Ids that are not installed are skipped (loading then reports the missing
    dependency); the result is sorted by id, since the load order comes from
    the manifests anyway.
    """
    by_id = {m.id: m for m in installed if m.manifest is not None}
    chosen: dict[str, InstalledMod] = {}
    stack = list(wanted)
    while stack:
        mod_id = stack.pop()
        if mod_id in chosen or mod_id not in by_id:
            continue
        mod = by_id[mod_id]
        chosen[mod_id] = mod
        stack.extend(d.id for d in mod.manifest.depends)
    return [chosen[k] for k in sorted(chosen)]


def check_mod(mod: InstalledMod, installed: list[InstalledMod], base: Path | None = None) -> LoadResult:
    """Load the base game plus ``mod`` and the installed mods it depends on; set its status."""
    folders = [m.folder for m in with_dependencies([mod.id], installed)] if mod.manifest else [mod.folder]
    result = load_rules(base, mods=folders)
    mod.problems = result.sorted_problems()
    mod.status = "errors" if result.errors or result.rules is None else ("warnings" if result.warnings else "ok")
    return result


def discover_mods(folder: Path | None = None, base: Path | None = None, check: bool = True) -> list[InstalledMod]:
    """Every mod in ``folder`` (default: the user's mods folder), sorted by id.

    With ``check`` each is loaded on top of ``base`` (default: the base game)
    and gets a status: ``ok``, ``warnings`` or ``errors``, with the problems.
    A folder without a readable manifest is listed with status ``errors``.
    """
    root = Path(folder) if folder is not None else user_mods_dir()
    found: list[InstalledMod] = []
    for path in _mod_folders(root):
        read = read_mod_folder(path)
        mod = InstalledMod(folder=read.folder, manifest=read.manifest if not read.problems else None)
        if read.problems:
            mod.problems = list(read.problems)
            mod.status = "errors"
        found.append(mod)
    if check:
        for mod in found:
            if mod.manifest is not None:
                check_mod(mod, found, base)
    return sorted(found, key=lambda m: (m.id, str(m.folder)))


def resolve_mod(text: str | Path, folder: Path | None = None) -> Path:
    """The folder of a mod named on the command line: a path, or an installed mod's id.

    A path that exists wins; otherwise a folder of that name, or a mod with
    that id, in the mods folder.  When nothing matches, the path is returned
    as given, and loading reports that it does not exist.
    """
    path = Path(text).expanduser()
    if path.exists():
        return path
    root = Path(folder) if folder is not None else user_mods_dir()
    if (root / str(text) / MANIFEST_NAME).is_file():
        return root / str(text)
    for candidate in _mod_folders(root):
        read = read_mod_folder(candidate)
        if read.manifest is not None and read.manifest.id == str(text):
            return candidate
    return path
