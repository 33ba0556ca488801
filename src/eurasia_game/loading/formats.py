"""The rule-file format version: checking it on load and upgrading old files.

Every rules folder says which format its files are written in: the base game
in ``game.format``, a mod in its manifest's ``format``, and a single file may
override either with a top-level ``format:`` key.  A file written for another
format is refused with one message (and not validated further, so a renamed
key does not produce a flood of errors): an older one says to run
``eurasia-game upgrade``, a newer one says the game is too old.

An upgrade is a list of steps, one per format number.  Steps are edits on the
text (renaming keys, bumping the format number), made at the positions the
YAML parser reports, so comments and layout survive the upgrade.  The
current format is the first, so no step exists yet; when the format changes,
its step is added to ``UPGRADES`` and the loader and ``eurasia-game upgrade``
pick it up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.problems import Problem

CURRENT_FORMAT = 1


@dataclass(frozen=True)
class Rename:
    """Rename the key ``old`` to ``new`` in every mapping at ``where``.

    ``where`` is a path pattern from the top of a rule file: keys, and ``*``
    for any list index or key, e.g. ``("events", "*")`` for every event.
    """

    where: tuple[str, ...]
    old: str
    new: str


@dataclass(frozen=True)
class UpgradeStep:
    """How a file of format ``from_format`` becomes format ``from_format + 1``."""

    from_format: int
    summary: str
    renames: tuple[Rename, ...] = ()


# from_format -> the step to the next format.  Empty while format 1 is current.
UPGRADES: dict[int, UpgradeStep] = {}


def format_problem(declared: int, file: str, line: int, column: int, path: str, folder: str) -> Problem | None:
    """The refusal for a file written in another format, or None if it is current."""
    current = CURRENT_FORMAT
    if declared == current:
        return None
    if declared > current:
        return Problem(
            "error", file, line, column, path,
            S("prob_format_newer", declared=declared, current=current),
            S("prob_format_use_newer"),
        )
    if declared < 1:
        return Problem("error", file, line, column, path, S("prob_format_none", declared=declared), S("prob_format_write", current=current))
    return Problem(
        "error", file, line, column, path,
        S("prob_format_older", declared=declared, current=current),
        S("prob_format_run_upgrade", folder=folder, current=current),
    )


# --- upgrading ------------------------------------------------------------------


@dataclass
class FileUpgrade:
    """What an upgrade did (or would do) to one file."""

    path: Path
    from_format: int
    to_format: int
    changes: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def _mapping_nodes(node, pattern: tuple[str, ...]):
    """The mapping nodes found at ``pattern`` below ``node``."""
    if not pattern:
        if isinstance(node, yaml.MappingNode):
            yield node
        return
    head, rest = pattern[0], pattern[1:]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and (head == "*" or key.value == head):
                yield from _mapping_nodes(value, rest)
    elif isinstance(node, yaml.SequenceNode) and head == "*":
        for item in node.value:
            yield from _mapping_nodes(item, rest)


def _compose(text: str):
    """The node tree of a rule file, under the same limits as loading it (size, nesting)."""
    from eurasia_game.loading.yamlsource import MAX_DEPTH, MAX_FILE_BYTES

    if len(text) > MAX_FILE_BYTES:
        raise UpgradeError(S("prob_up_too_large", mb=MAX_FILE_BYTES // 1_000_000))
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = S("prob_up_at_line", line=mark.line + 1) if mark else ""
        detail = f": {exc.problem}" if getattr(exc, "problem", None) else ""
        raise UpgradeError(S("prob_up_not_yaml", where=where, detail=detail)) from None
    except (RecursionError, MemoryError):
        raise UpgradeError(S("prob_up_nesting", max=MAX_DEPTH)) from None


try:  # the C parser, as for loading: fast, and it refuses nesting deeper than 1000 levels itself
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader




class UpgradeError(ValueError):
    """A file that cannot be upgraded; the message says why."""


def _edit(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def apply_step(text: str, step: UpgradeStep) -> tuple[str, list[str]]:
    """Apply one step's renames to the text of a rule file."""
    root = _compose(text)
    if root is None:
        return text, []
    edits: list[tuple[int, int, str]] = []
    changes: list[str] = []
    for rename in step.renames:
        for mapping in _mapping_nodes(root, rename.where):
            for key, _ in mapping.value:
                if isinstance(key, yaml.ScalarNode) and key.value == rename.old:
                    edits.append((key.start_mark.index, key.end_mark.index, rename.new))
                    changes.append(S("prob_up_renamed", line=key.start_mark.line + 1, old=rename.old, new=rename.new))
    return _edit(text, edits), changes


def _format_node(root, in_game: bool):
    """The scalar node holding the file's format number (top level, or in game:)."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "format" and isinstance(value, yaml.ScalarNode):
            return value
    if in_game:
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "game" and isinstance(value, yaml.MappingNode):
                for k, v in value.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == "format" and isinstance(v, yaml.ScalarNode):
                        return v
    return None


def declared_format(text: str, in_game: bool = True) -> int | None:
    """The format number a file states (top-level ``format:`` or ``game.format``)."""
    node = _format_node(_compose(text), in_game)
    if node is None:
        return None
    try:
        return int(node.value)
    except ValueError:
        raise UpgradeError(S("prob_up_format_not_number", line=node.start_mark.line + 1, value=node.value)) from None


def set_format(text: str, number: int, in_game: bool = True) -> str:
    """The text with its stated format number replaced by ``number`` (if it states one)."""
    node = _format_node(_compose(text), in_game)
    if node is None:
        return text
    return _edit(text, [(node.start_mark.index, node.end_mark.index, str(number))])


def upgrade_text(text: str, from_format: int, path: Path) -> FileUpgrade:
    """Upgrade a rule file's text from ``from_format`` to the current format."""
    if from_format > CURRENT_FORMAT:
        raise UpgradeError(S("prob_up_newer", format=from_format, current=CURRENT_FORMAT))
    if from_format < 1:
        raise UpgradeError(S("prob_up_no_format", format=from_format))
    result = FileUpgrade(path, from_format, CURRENT_FORMAT, text=text)
    for number in range(from_format, CURRENT_FORMAT):
        step = UPGRADES.get(number)
        if step is None:
            raise UpgradeError(S("prob_up_no_step", format=number))
        result.text, changes = apply_step(result.text, step)
        result.changes.extend(changes)
    if from_format != CURRENT_FORMAT and declared_format(result.text) is not None:
        result.text = set_format(result.text, CURRENT_FORMAT)
        result.changes.append(f"format {from_format} -> {CURRENT_FORMAT}")
    return result


# --- upgrading a folder or a file -------------------------------------------------


@dataclass
class UpgradeReport:
    """What upgrading a path did (or, when checking, would do)."""

    files: list[FileUpgrade] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def needed(self) -> bool:
        return any(f.changed for f in self.files)


def _read(path: Path, report: UpgradeReport) -> str | None:
    from eurasia_game.loading.yamlsource import MAX_FILE_BYTES
    from eurasia_game.safefile import FileRefused, read_bounded

    try:
        raw = read_bounded(path, MAX_FILE_BYTES, "rule file")
    except FileRefused as exc:
        report.problems.append(f"{path}:1: {exc.reason}")
        return None
    try:
        return raw.decode("utf-8")  # a byte-order mark stays, so the file is written back as it was
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.problems.append(S("prob_up_not_utf8", path=path, line=line))
        return None


def _plan(path: Path, text: str, from_format: int, report: UpgradeReport) -> None:
    try:
        report.files.append(upgrade_text(text, from_format, path))
    except UpgradeError as exc:
        report.problems.append(f"{path}: {exc}")


def _own_format(path: Path, text: str, report: UpgradeReport, in_game: bool) -> int | None:
    try:
        return declared_format(text, in_game=in_game)
    except UpgradeError as exc:
        report.problems.append(f"{path}: {exc}")
        return None


def plan_upgrade(target: Path | str) -> UpgradeReport:
    """Work out the upgrade of a mod folder, a rules folder or one rule file (nothing is written)."""
    from eurasia_game.loading.files import list_rule_files

    target = Path(target)
    report = UpgradeReport()
    if target.is_file():
        text = _read(target, report)
        if text is None:
            return report
        found = _own_format(target, text, report, in_game=True)
        manifest = target.parent / "mod.yaml"
        if found is None and target.name != "mod.yaml" and manifest.is_file():
            manifest_text = _read(manifest, report)
            found = _own_format(manifest, manifest_text, report, in_game=False) if manifest_text is not None else None
        if found is None:
            if not report.problems:
                report.problems.append(S("prob_up_file_no_format", path=target))
            return report
        _plan(target, text, found, report)
        return report
    if not target.is_dir():
        if target.exists():  # a pipe, a device...: say what it is, without reading it
            _read(target, report)
        else:
            report.problems.append(S("prob_up_no_such", path=target))
        return report
    manifest = target / "mod.yaml"
    listing = list_rule_files(target, target.name, exclude=(manifest,))
    report.problems.extend(str(p) for p in listing.problems)
    texts = {}
    for path in listing.files:
        text = _read(path, report)
        if text is not None:
            texts[path] = text
    if manifest.is_file():
        manifest_text = _read(manifest, report)
        folder_format = _own_format(manifest, manifest_text, report, in_game=False) if manifest_text is not None else None
        if folder_format is None:
            if manifest_text is not None and not report.problems:
                report.problems.append(S("prob_up_manifest_no_format", path=manifest, current=CURRENT_FORMAT))
            return report
        in_game = False
    else:
        folder_format = None
        for path, text in texts.items():
            try:
                root = _compose(text)
            except UpgradeError:
                continue
            node = _format_node(root, in_game=True)
            if node is not None and node.value.isdigit():
                folder_format = int(node.value)
                break
        if folder_format is None:
            report.problems.append(S("prob_up_folder_no_format", path=target))
            return report
        in_game = True
    for path, text in texts.items():
        own = _own_format(path, text, report, in_game=in_game)
        _plan(path, text, own if own is not None else folder_format, report)
    if manifest.is_file() and manifest_text is not None and folder_format != CURRENT_FORMAT and folder_format <= CURRENT_FORMAT:
        bumped = set_format(manifest_text, CURRENT_FORMAT, in_game=False)
        report.files.append(FileUpgrade(manifest, folder_format, CURRENT_FORMAT, [f"format {folder_format} -> {CURRENT_FORMAT}"], bumped))
    return report


def write_upgrade(report: UpgradeReport) -> list[Path]:
    """Write every changed file of ``report`` (each replaced in one step); the paths written."""
    import os
    import tempfile

    written = []
    for upgrade in report.files:
        if not upgrade.changed:
            continue
        fd, tmp = tempfile.mkstemp(prefix=f".{upgrade.path.name}.", suffix=".tmp", dir=upgrade.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(upgrade.text)
            os.replace(tmp, upgrade.path)
        except OSError:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        written.append(upgrade.path)
    return written
