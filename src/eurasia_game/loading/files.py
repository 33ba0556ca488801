"""Finding and reading the rule files of one folder, safely.

A rules folder (the base game or a mod) is data only: every file loaded must
sit inside it.  Symbolic links that lead out of the folder, absolute paths
and ``..`` in a manifest's list of files are refused with a message, hidden
files and folders (``.git``, ``.github``: a mod's own CI) are skipped, and
sizes are bounded.  Reading a file turns every way it can be unreadable into a
located problem instead of an exception.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.problems import Problem
from eurasia_game.loading.yamlsource import MAX_FILE_BYTES, Located, YamlProblem, parse_yaml
from eurasia_game.safefile import UTF8_BOM, FileRefused, read_bounded

MAX_FILES = 500
# A rules folder's translations live in lang/<code>/ (see loading.translations).
LANG_FOLDER = "lang"


@dataclass
class SourceFile:
    """One parsed rule file: its display name, located data and layer."""

    name: str
    located: Located
    layer: str = "base"
    path: Path | None = None
    # section -> index in the file of each item kept, when invalid items were left out (see salvage)
    index_map: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Listing:
    """The rule files found in a folder, and the problems met finding them."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    real: dict[Path, Path] = field(default_factory=dict, repr=False)  # each file's resolved path, worked out once

    def resolved(self, path: Path) -> Path:
        found = self.real.get(path)
        if found is None:
            found = self.real[path] = path.resolve()
        return found


def _inside(path: Path, root: Path, real: Path | None = None) -> bool:
    """Whether ``path`` (already resolved to ``real``, when given) lies inside ``root``."""
    try:
        (real if real is not None else path.resolve()).relative_to(root)
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def _walk(folder: Path, root: Path, display: str, listing: Listing, exclude: set[Path]) -> None:
    """Every ``*.yaml`` under ``folder`` (sorted, hidden entries skipped)."""
    found: list[Path] = []
    for current, dirs, names in os.walk(folder, followlinks=False):
        here = Path(current)
        keep = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            if here == root and name == LANG_FOLDER:
                continue  # translations, read by loading.translations, not rule files
            sub = here / name
            if sub.is_symlink():
                if not _inside(sub, root):
                    listing.problems.append(Problem("error", join_display(display, sub.relative_to(root).as_posix()), 1, 1, "", S("prob_folder_link_outside"), S("prob_copy_files")))
                # a link to a folder inside the same tree: its files are read
                # where they really are, so the link itself is skipped
                continue
            keep.append(name)
        dirs[:] = keep
        for name in names:
            if name.startswith(".") or not name.endswith(".yaml"):
                continue
            found.append(here / name)
    for path in found:
        real = listing.resolved(path)
        if real in exclude:
            continue
        if not _inside(path, root, real):
            listing.problems.append(Problem("error", join_display(display, _relative(path, root)), 1, 1, "", S("prob_file_link_outside"), S("prob_copy_file")))
            continue
        # pipes, devices and broken links are listed too: reading them says
        # what they are (bounded, without blocking) instead of skipping them silently
        listing.files.append(path)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def path_problem(entry: str) -> str | None:
    """Why a path written in a manifest is not allowed, or None."""
    if not entry or not entry.strip():
        return S("prob_path_empty")
    if "\\" in entry:
        return S("prob_path_backslashes", path=entry)
    pure = PurePosixPath(entry)
    if pure.is_absolute() or (len(entry) > 1 and entry[1] == ":"):
        return S("prob_path_absolute", path=entry)
    if ".." in pure.parts:
        return S("prob_path_climbs", path=entry)
    return None


def list_rule_files(root: Path, display: str, selection: list[str] | None = None, exclude: tuple[Path, ...] = ()) -> Listing:
    """The rule files of the folder ``root`` in load order (sorted relative paths).

    ``selection`` restricts loading to the given relative files or folders (a
    manifest's ``rules:`` list); ``exclude`` names files never to load (the
    manifest itself).  Problems name files as ``display/relative/path``.
    """
    listing = Listing()
    root = root.resolve()
    excluded = {p.resolve() for p in exclude}
    if selection is None:
        _walk(root, root, display, listing, excluded)
    else:
        for entry in selection:
            target = root / entry
            if path_problem(entry) or not _inside(target, root):
                continue  # reported against the manifest by the caller
            if target.is_dir():
                _walk(target.resolve(), root, display, listing, excluded)
            elif (target.exists() or target.is_symlink()) and target.name.endswith(".yaml"):
                if target.resolve() not in excluded:
                    listing.files.append(target)
    unique: dict[str, Path] = {}
    for path in listing.files:
        unique.setdefault(_relative(listing.resolved(path), root), path)
    listing.files = [unique[key] for key in sorted(unique)]
    return listing


def join_display(display: str, relative: str) -> str:
    """``display/relative``; a folder shown as ``.`` (the one the command runs in) adds nothing."""
    if display in (".", ""):
        return relative
    return f"{display.rstrip('/')}/{relative}"


def display_name(path: Path, root: Path, display: str) -> str:
    """``display`` + the file's path relative to its folder, with forward slashes."""
    return join_display(display, _relative(path.resolve(), root.resolve()))


def read_rule_file(path: Path, name: str, problems: list[Problem]) -> Located | None:
    """Parse one file with positions; on failure add a located problem and return None."""
    try:
        raw = read_bounded(path, MAX_FILE_BYTES, "rule file")
    except FileRefused as exc:
        hint = S("prob_split_file") if exc.kind == "too_large" else None
        problems.append(Problem("error", name, 1, 1, "", exc.reason, hint))
        return None
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem("error", name, line, 1, "", S("prob_not_utf8"), S("prob_save_utf8")))
        return None
    try:
        located = parse_yaml(text)
    except YamlProblem as exc:
        problems.append(Problem("error", name, exc.line, exc.column, "", exc.message, exc.suggestion))
        return None
    except (RecursionError, MemoryError):  # pragma: no cover - bounded by MAX_DEPTH and MAX_FILE_BYTES
        problems.append(Problem("error", name, 1, 1, "", S("prob_too_deep_or_large")))
        return None
    if not isinstance(located.data, dict):
        problems.append(Problem("error", name, 1, 1, "", S("prob_not_sections"), S("prob_start_with_section")))
        return None
    return located
