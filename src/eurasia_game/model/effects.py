"""The closed vocabulary of effects a rule file may apply.

An effect is data: a small frozen model tagged by ``type``.  The engine
applies them in ``engine.effects``; ``describe`` turns them into words.
Randomness enters only through ``chance``, which draws from the game state's
own generator.
"""

from typing import Annotated, Literal, Union

from pydantic import Field

from eurasia_game.model.base import (
    CardRef,
    EndingRef,
    FlagRef,
    FrontRef,
    RuleModel,
    SideRef,
    Text,
    TrackRef,
)
from eurasia_game.model.conditions import Condition

Delta = Annotated[int, Field(ge=-100, le=100, description="How much to add (negative to subtract).")]


class ShiftTrack(RuleModel):
    """Move a shared track up or down, kept inside its bounds."""

    type: Literal["track"]
    track: TrackRef
    delta: Delta


class GainPower(RuleModel):
    """Give a side power to spend now (negative takes it away; never below zero)."""

    type: Literal["power"]
    side: SideRef
    delta: Delta


class ChangeIncome(RuleModel):
    """Change the power a side receives every year (never below zero)."""

    type: Literal["income"]
    side: SideRef
    delta: Delta


class ShiftStanding(RuleModel):
    """Move a side's standing on a front, kept inside the front's bounds."""

    type: Literal["standing"]
    front: FrontRef
    side: SideRef
    delta: Delta


class SetFlag(RuleModel):
    """Set (or clear) a named flag that conditions can test later."""

    type: Literal["flag"]
    flag: FlagRef
    value: bool = Field(default=True, description="true sets the flag, false clears it.")


class Chance(RuleModel):
    """Roll against a percentage: apply ``then`` on success, ``else`` otherwise."""

    type: Literal["chance"]
    percent: int = Field(ge=1, le=99, description="Chance of success, in percent.")
    then: list["Effect"] = Field(default_factory=list)
    otherwise: list["Effect"] = Field(default_factory=list, alias="else")
    success_text: Text | None = Field(default=None, description="Log line when the roll succeeds.")
    failure_text: Text | None = Field(default=None, description="Log line when the roll fails.")


class When(RuleModel):
    """Apply ``then`` if the condition holds now, ``else`` otherwise."""

    type: Literal["when"]
    condition: Condition = Field(alias="if")
    then: list["Effect"] = Field(default_factory=list)
    otherwise: list["Effect"] = Field(default_factory=list, alias="else")


class TriggerCard(RuleModel):
    """Fire an event card straight away (even one kept out of the draw deck)."""

    type: Literal["trigger"]
    card: CardRef


class ShuffleIn(RuleModel):
    """Put an event card into the draw deck so it can be drawn in later years."""

    type: Literal["shuffle_in"]
    card: CardRef


class RemoveCard(RuleModel):
    """Take an event card out of the draw deck for the rest of the game."""

    type: Literal["remove_card"]
    card: CardRef


class EndGame(RuleModel):
    """End the game at once with the named ending."""

    type: Literal["end"]
    ending: EndingRef


class Say(RuleModel):
    """Write a line in the game log."""

    type: Literal["say"]
    text: Text


Effect = Annotated[
    Union[ShiftTrack, GainPower, ChangeIncome, ShiftStanding, SetFlag, Chance, When, TriggerCard, ShuffleIn, RemoveCard, EndGame, Say],
    Field(discriminator="type"),
]

# (the recursive models are completed when first used: RuleModel defers building)

EFFECT_TYPES = (ShiftTrack, GainPower, ChangeIncome, ShiftStanding, SetFlag, Chance, When, TriggerCard, ShuffleIn, RemoveCard, EndGame, Say)
