"""Shared pydantic configuration and reference annotations for rule-file models.

Every rule-file model is frozen, forbids unknown keys and is strict, so that a
misspelled key or a quoted number is an error a modder sees, not a silent
default.  Fields that name another piece of content carry a ``Ref`` marker; the
checker uses it to verify cross-references without a hand-written list.
"""

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class RuleModel(BaseModel):
    """Base of every model read from a rule file."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)


@dataclass(frozen=True)
class Ref:
    """Marks a string field as naming content of ``kind`` (track, side, front...).

    ``specials`` are the vocabulary words also accepted in that place, such as
    ``self`` for a side or ``target`` for a front.
    """

    kind: str
    specials: tuple[str, ...] = ()


Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64),
    Field(description="A lowercase identifier: letters, digits and underscores."),
]


@dataclass(frozen=True)
class Prose:
    """Marks a text field as words a player reads, which a language file may translate."""


# Words shown to players: a translation replaces them by the item's id and field.
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000), Prose()]
# Words quoted as they are in every language: the article's section headings
# (cards cite them by heading) and the source's citation.
Verbatim = Annotated[str, StringConstraints(min_length=1, max_length=4000)]

# Words that stand for a side or a front relative to who acts.
SIDE_SPECIALS = ("self", "other")
# The pseudo-side that records a facilitator's acts; no side may use this id.
FACILITATOR = "facilitator"
RESERVED_SIDE_IDS = SIDE_SPECIALS + (FACILITATOR,)
FRONT_SPECIALS = ("target",)

SideRef = Annotated[str, Ref("side", SIDE_SPECIALS), Field(description="A side id, or 'self' / 'other' relative to the side acting.")]
FixedSideRef = Annotated[str, Ref("side"), Field(description="A side id.")]
TrackRef = Annotated[str, Ref("track"), Field(description="A shared track id.")]
FrontRef = Annotated[str, Ref("front", FRONT_SPECIALS), Field(description="A front id, or 'target' for the front an action is aimed at.")]
FixedFrontRef = Annotated[str, Ref("front"), Field(description="A front id.")]
CardRef = Annotated[str, Ref("event"), Field(description="An event card id.")]
EndingRef = Annotated[str, Ref("ending"), Field(description="An ending id.")]
ActionRef = Annotated[str, Ref("action"), Field(description="An action id.")]
FlagRef = Annotated[str, Ref("flag"), Field(description="A flag name; flags are set by effects and tested by conditions.")]
SectionRef = Annotated[str, Ref("section"), Field(description="A section heading of the source article, as listed in game.sources.")]

# Whether the article states a rule item or the game extrapolates from it.
Basis = Annotated[
    Literal["article", "extrapolation"],
    Field(description="'article' when the source article says it; 'extrapolation' when the game adds a plausible development the article does not state."),
]
