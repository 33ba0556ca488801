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
            f"this file is written in rule-file format {declared}, but this version of the game reads format {current}",
            "use a newer version of the game, or a version of the rules made for this one",
        )
    if declared < 1:
        return Problem("error", file, line, column, path, f"there is no rule-file format {declared}; formats start at 1", f"write format: {current}")
    return Problem(
        "error", file, line, column, path,
        f"this file is written in rule-file format {declared}, older than the format {current} this game reads",
        f"run 'eurasia-game upgrade {folder}' to upgrade the folder's files to format {current}",
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
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise UpgradeError(f"the file is not valid YAML{where}; fix it first, then upgrade") from None


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
                    changes.append(f"line {key.start_mark.line + 1}: renamed '{rename.old}' to '{rename.new}'")
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
        raise UpgradeError(f"line {node.start_mark.line + 1}: the format '{node.value}' is not a whole number") from None


def set_format(text: str, number: int, in_game: bool = True) -> str:
    """The text with its stated format number replaced by ``number`` (if it states one)."""
    node = _format_node(_compose(text), in_game)
    if node is None:
        return text
    return _edit(text, [(node.start_mark.index, node.end_mark.index, str(number))])


def upgrade_text(text: str, from_format: int, path: Path) -> FileUpgrade:
    """Upgrade a rule file's text from ``from_format`` to the current format."""
    if from_format > CURRENT_FORMAT:
        raise UpgradeError(f"it is written in format {from_format}, newer than the format {CURRENT_FORMAT} this game reads; use a newer version of the game")
    if from_format < 1:
        raise UpgradeError(f"there is no rule-file format {from_format}")
    result = FileUpgrade(path, from_format, CURRENT_FORMAT, text=text)
    for number in range(from_format, CURRENT_FORMAT):
        step = UPGRADES.get(number)
        if step is None:
            raise UpgradeError(f"this game cannot upgrade format {number} (no upgrade step is known)")
        result.text, changes = apply_step(result.text, step)
        result.changes.extend(changes)
    if from_format != CURRENT_FORMAT and declared_format(result.text) is not None:
        result.text = set_format(result.text, CURRENT_FORMAT)
        result.changes.append(f"format {from_format} -> {CURRENT_FORMAT}")
    return result
