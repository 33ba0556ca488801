"""Keeping the valid parts of a rule file that does not validate, for the checks across files.

A type error in one card must not hide the problems that only the whole
rule set shows (an effect naming a missing track in another file, a
duplicate id, a scenario without a fallback ending).  So when a file fails
validation, its errors are reported as usual and then each item of each
section is validated on its own: the valid ones still join the merge, and
the ids of the broken ones are remembered, so that a reference to a card
that is merely broken is not also reported as a reference to a card that
does not exist.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import get_args

from pydantic import TypeAdapter, ValidationError

from eurasia_game.model.ruleset import LIST_SECTIONS, RuleFile


@dataclass
class BrokenParts:
    """What failed validation: item ids by section, and whole sections or keys."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    sections: set[str] = field(default_factory=set)
    # from files that could not be parsed at all: ids and top-level keys found by a rough scan
    any_ids: set[str] = field(default_factory=set)
    present: set[str] = field(default_factory=set)

    def add_id(self, section: str, item) -> None:
        item_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(item_id, str):
            self.ids.setdefault(section, set()).add(item_id)
        else:  # an item without a readable id: any reference into the section may be to it
            self.sections.add(section)

    def hides(self, section: str, item_id: str | None = None) -> bool:
        """Whether a reference to ``item_id`` in ``section`` may be to something broken."""
        if section in self.sections:
            return True
        return item_id is not None and (item_id in self.ids.get(section, ()) or item_id in self.any_ids)

    def mentions(self, section: str) -> bool:
        """Whether a part in error may have held (some of) ``section``."""
        return section in self.sections or section in self.present or bool(self.ids.get(section))

    def scan_unparsed(self, text: str) -> None:
        """Learn what a file that is not valid YAML probably defines, so the merge does not report it missing."""
        self.present.update(_TOP_KEY.findall(text))
        self.any_ids.update(_ID.findall(text))

    def __bool__(self) -> bool:
        return bool(self.ids or self.sections or self.any_ids or self.present)


_TOP_KEY = re.compile(r"^([a-z_]+)\s*:", re.MULTILINE)
_ID = re.compile(r"^[\s-]*id:\s*[\"']?([a-z][a-z0-9_]*)", re.MULTILINE)


@functools.lru_cache(maxsize=None)
def _item_adapter(section: str) -> TypeAdapter:
    """A validator for one item of ``section`` (a model, or a discriminated union of models)."""
    annotation = RuleFile.model_fields[section].annotation
    for member in get_args(annotation):  # list[X] | None
        inner = get_args(member)
        if inner:
            return TypeAdapter(inner[0])
    raise KeyError(section)  # pragma: no cover - every list section is list[X] | None


def salvage(source, broken: BrokenParts) -> RuleFile:
    """The valid parts of ``source``'s data as a ``RuleFile``; what was left out goes into ``broken``.

    ``source.index_map`` records, for each list section, the index in the file
    of each item kept, so problems found later still point at the right line.
    """
    data = source.located.data
    kept: dict = {}
    index_map: dict[str, list[int]] = {}
    for key, value in data.items():
        if key in LIST_SECTIONS and isinstance(value, list):
            adapter = _item_adapter(key)
            good, where = [], []
            for index, item in enumerate(value):
                try:
                    good.append(adapter.validate_python(item))
                    where.append(index)
                except ValidationError:
                    broken.add_id(key, item)
            kept[key] = good
            index_map[key] = where
            continue
        try:
            RuleFile.model_validate({key: value})
            kept[key] = value
        except ValidationError:
            broken.sections.add(key)
    source.index_map = index_map
    try:
        return RuleFile.model_validate(kept)
    except ValidationError:  # pragma: no cover - every part was validated on its own
        broken.sections.update(kept)
        return RuleFile()
