"""What a mod says about itself (``mod.yaml``), and the ``remove:`` section.

A mod is a folder of rule files plus a manifest.  The manifest names the mod,
its version, the rule-file format its files are written in, the game (and
game versions) it is made for, the mods it needs and the mods it must load
after.  The loader reads it with the same strict models as the rule files, so
a misspelled key in ``mod.yaml`` gets the same located message.

``Removals`` is the ``remove:`` section a rule file may hold: content of
earlier layers (the base game, or mods loaded before) to delete by id.
"""

import re
from typing import Any, Literal

from pydantic import Field, field_validator

from eurasia_game.lang.catalogue import S
from eurasia_game.model.base import RuleModel, Slug, Text

VERSION_PATTERN = r"^\d+\.\d+(\.\d+)?$"
_SPEC_PART = re.compile(r"^\s*(>=|<=|==|!=|>|<)?\s*(\d+(\.\d+){0,2})(\.\*)?\s*$")
MANIFEST_NAME = "mod.yaml"

Version = str  # such as "1.0" or "1.2.3"


def parse_version(text: str) -> tuple[int, int, int]:
    """``'1.2'`` -> ``(1, 2, 0)``; raises ValueError for anything else."""
    if not re.match(r"^\d+(\.\d+){0,2}$", text):
        raise ValueError(S("prob_not_version", text=text))
    parts = [int(p) for p in text.split(".")]
    while len(parts) < 3:
        parts.append(0)
    return parts[0], parts[1], parts[2]


def spec_problem(spec: str) -> str | None:
    """Why ``spec`` is not a valid version range, or None."""
    parts = [p for p in spec.split(",")]
    if not spec.strip() or any(not p.strip() for p in parts):
        return S("prob_not_range", spec=spec)
    for part in parts:
        match = _SPEC_PART.match(part)
        if not match:
            return S("prob_not_condition", part=part.strip())
        if match.group(4) and match.group(1) not in (None, "==", "!="):
            return S("prob_wildcard", part=part.strip())
    return None


def version_matches(version: str, spec: str | None) -> bool:
    """Whether ``version`` satisfies every comma-separated condition of ``spec``.

    ``1.*`` and ``==1.2.*`` match by prefix; a bare version (``1.2.0``) means
    exactly that version; missing parts count as zero.  None matches anything.
    """
    if spec is None:
        return True
    have = parse_version(version)
    for part in spec.split(","):
        match = _SPEC_PART.match(part)
        if match is None:
            return False
        op, number, _, wildcard = match.groups()
        op = op or "=="
        if wildcard:
            prefix = [int(p) for p in number.split(".")]
            equal = list(have[: len(prefix)]) == prefix
            if (op == "==") != equal:
                return False
            continue
        want = parse_version(number)
        ok = {
            ">=": have >= want,
            "<=": have <= want,
            ">": have > want,
            "<": have < want,
            "==": have == want,
            "!=": have != want,
        }[op]
        if not ok:
            return False
    return True


VersionSpec = str  # such as ">=1.0, <2.0"; see version_matches


def _check_spec(value: str | None) -> str | None:
    if value is not None:
        problem = spec_problem(value)
        if problem:
            raise ValueError(problem)
    return value


class GameRequirement(RuleModel):
    """The game a mod is made for."""

    id: Slug = Field(description="The game's id, as in its rules' 'game: id:' (the base game is 'eurasia_base').")
    versions: VersionSpec | None = Field(
        default=None,
        max_length=200,
        description="The game versions the mod supports, such as '>=1.0, <2.0' or '1.*'. Leave out to accept any version.",
    )

    @field_validator("versions")
    @classmethod
    def _spec(cls, value: str | None) -> str | None:
        return _check_spec(value)


class Dependency(RuleModel):
    """Another mod this mod needs; it is always loaded first."""

    id: Slug = Field(description="The id of the mod needed.")
    versions: VersionSpec | None = Field(default=None, max_length=200, description="Versions of that mod that work, such as '>=1.2'. Leave out to accept any version.")

    @field_validator("versions")
    @classmethod
    def _spec(cls, value: str | None) -> str | None:
        return _check_spec(value)


class ModManifest(RuleModel):
    """The manifest of a mod: the file ``mod.yaml`` at the top of its folder."""

    id: Slug = Field(description="The mod's id: lowercase letters, digits and underscores. Saves record it.")
    name: Text = Field(description="The mod's name as players see it.")
    version: Version = Field(pattern=VERSION_PATTERN, description="The mod's own version, such as 1.0.0. Saves record it.")
    format: int = Field(ge=1, le=1000, description="The rule-file format the mod's files are written in (see 'eurasia-game upgrade').")
    description: Text | None = Field(default=None, description="What the mod changes, in a sentence or two.")
    authors: list[Text] = Field(default_factory=list, max_length=50)
    game: GameRequirement | None = Field(default=None, description="The game and game versions the mod is made for. A total conversion leaves it out.")
    depends: list[Dependency] = Field(default_factory=list, max_length=100, description="Mods that must be enabled too; they load before this one.")
    load_after: list[Slug] = Field(default_factory=list, max_length=100, description="Mods that, when enabled, load before this one (they are not required).")
    replaces_base: bool = Field(default=False, description="true for a total conversion: the base game's rules are not loaded and the mod provides everything, including the 'game' section.")
    rules: list[str] | None = Field(
        default=None,
        max_length=500,
        description="Rule files or folders to load, relative to the mod folder. Leave out to load every .yaml file except mod.yaml.",
    )


SectionRemoval = list[str] | Literal["all"]


class Removals(RuleModel):
    """Content of earlier layers to delete, by id, section by section.

    ``all`` empties the section as it stands so far (the only way to remove
    the ``yearly`` trends, which have no ids).
    """

    phases: SectionRemoval | None = None
    help: SectionRemoval | None = None
    sides: SectionRemoval | None = None
    tracks: SectionRemoval | None = None
    fronts: SectionRemoval | None = None
    yearly: Literal["all"] | None = Field(default=None, description="Yearly trends have no ids: 'all' removes every earlier one.")
    actions: SectionRemoval | None = None
    events: SectionRemoval | None = None
    red_lines: SectionRemoval | None = None
    endings: SectionRemoval | None = None
    scenarios: SectionRemoval | None = None
    handouts: SectionRemoval | None = None
    briefings: SectionRemoval | None = None
    readings: SectionRemoval | None = None
    rubric: SectionRemoval | None = None
    expectations: SectionRemoval | None = None
    tutorials: SectionRemoval | None = None
    story: SectionRemoval | None = Field(default=None, description="Story checks to remove, by id.")
    flags: SectionRemoval | None = Field(default=None, description="Flags' names to remove, by flag id (the flag is then shown by its id).")
    texts: SectionRemoval | None = Field(default=None, description="Message keys to remove (a later layer must then give them again).")


PatchValue = Any  # checked when the patched item is validated again, against the item's own model


class Patch(RuleModel):
    """Change single fields of items loaded before (or by this same layer), without copying them.

    ``set`` replaces the fields it names, each whole; ``add`` appends entries
    to list fields (``endings``, ``opening_cards``, ``deck_tags``, ``tags``...),
    skipping entries already there.  An ending added to a scenario goes just
    before the scenario's first final ending without a condition (its
    fallback), so it can still be reached; ``before`` names another place.
    The patched item is validated again and checked like any other.
    """

    id: Slug | list[Slug] = Field(description="The id of the item to patch, a list of ids, or 'all' for every item of the section loaded so far.")
    set_: dict[str, PatchValue] | None = Field(default=None, alias="set", max_length=100, description="Fields to replace, each whole: 'income: 7'; a dotted key reaches inside a mapping: 'setup.income.beijing: 8'. The id cannot be changed.")
    add: dict[str, list[PatchValue]] | None = Field(default=None, max_length=100, description="Entries to add to list fields: 'endings: [my_ending]'. Entries already there are skipped.")
    before: Slug | None = Field(default=None, description="Put the added entries before this one in the list, instead of the default place.")


class Patches(RuleModel):
    """Single-field changes to items of earlier layers (or this one), by section."""

    phases: list[Patch] | None = Field(default=None, max_length=1000)
    help: list[Patch] | None = Field(default=None, max_length=1000)
    sides: list[Patch] | None = Field(default=None, max_length=1000)
    tracks: list[Patch] | None = Field(default=None, max_length=1000)
    fronts: list[Patch] | None = Field(default=None, max_length=1000)
    actions: list[Patch] | None = Field(default=None, max_length=1000)
    events: list[Patch] | None = Field(default=None, max_length=1000)
    red_lines: list[Patch] | None = Field(default=None, max_length=1000)
    endings: list[Patch] | None = Field(default=None, max_length=1000)
    scenarios: list[Patch] | None = Field(default=None, max_length=1000)


class ModStamp(RuleModel):
    """A mod as a save records it: its id and version."""

    id: str = Field(max_length=64)
    version: str = Field(max_length=32)
    name: str = Field(default="", max_length=200, description="The mod's name as players see it (not saved).")
