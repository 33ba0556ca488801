"""The closed vocabulary of conditions a rule file may state.

A condition is data: a small frozen model tagged by ``type``.  The engine
evaluates them in ``engine.conditions``; ``describe`` turns them into words.
Conditions compose with ``all``, ``any`` and ``not``.
"""

from typing import Annotated, Literal, Union

from pydantic import Field, model_validator

from eurasia_game.lang.catalogue import S
from eurasia_game.model.base import (
    ActionRef,
    CardRef,
    FlagRef,
    FrontRef,
    RuleModel,
    SideRef,
    TrackRef,
)


class _Range(RuleModel):
    """A value is inside [min, max]; either bound may be left out."""

    min: int | None = Field(default=None, description="Lowest value that satisfies the condition.")
    max: int | None = Field(default=None, description="Highest value that satisfies the condition.")

    @model_validator(mode="after")
    def _has_bound(self):
        if self.min is None and self.max is None:
            raise ValueError(S("prob_min_or_max"))
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(S("prob_min_above_max", min=self.min, max=self.max))
        return self


class TrackIs(_Range):
    """A shared track's level is within the range."""

    type: Literal["track"]
    track: TrackRef


class PowerIs(_Range):
    """A side's unspent power is within the range."""

    type: Literal["power"]
    side: SideRef


class IncomeIs(_Range):
    """A side's yearly income is within the range."""

    type: Literal["income"]
    side: SideRef


class StandingIs(_Range):
    """A side's standing on a front is within the range."""

    type: Literal["standing"]
    front: FrontRef
    side: SideRef


class Leads(RuleModel):
    """A side's standing on a front exceeds the other side's by at least ``by``."""

    type: Literal["leads"]
    front: FrontRef
    side: SideRef
    by: int = Field(default=1, ge=1, description="The margin of the lead.")


class YearIs(_Range):
    """The current year is within the range."""

    type: Literal["year"]


class FlagSet(RuleModel):
    """A flag has been set by an earlier effect."""

    type: Literal["flag"]
    flag: FlagRef


class Fired(RuleModel):
    """An event card has already fired in this game."""

    type: Literal["fired"]
    card: CardRef


class Ordered(RuleModel):
    """A side took an action this year (optionally on a given front)."""

    type: Literal["ordered"]
    side: SideRef
    action: ActionRef
    front: FrontRef | None = Field(default=None, description="Only count the action when aimed at this front.")


class AllOf(RuleModel):
    """Every condition in the list holds."""

    type: Literal["all"]
    of: list["Condition"] = Field(min_length=1)


class AnyOf(RuleModel):
    """At least one condition in the list holds."""

    type: Literal["any"]
    of: list["Condition"] = Field(min_length=1)


class NotOf(RuleModel):
    """The condition does not hold."""

    type: Literal["not"]
    of: "Condition"


Condition = Annotated[
    Union[TrackIs, PowerIs, IncomeIs, StandingIs, Leads, YearIs, FlagSet, Fired, Ordered, AllOf, AnyOf, NotOf],
    Field(discriminator="type"),
]

# (the recursive models are completed when first used: RuleModel defers building)

CONDITION_TYPES = (TrackIs, PowerIs, IncomeIs, StandingIs, Leads, YearIs, FlagSet, Fired, Ordered, AllOf, AnyOf, NotOf)
