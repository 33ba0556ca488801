"""Story checks: what the model must show over many games, as data.

A story check is a checkable statement about a batch of computer-played
games (the balance lab's runs): a track's mean in a given year, which side
earns more, how the orders spread over the actions, how often the fronts
saturate, the endings' shares, how often each card is drawn, the win shares.
Each is a small frozen model tagged by ``type``, from a closed vocabulary:
no expressions, nothing evaluated.  The lab (``balance.story``) measures a
check on the games of one run and says whether it holds; ``check`` validates
the ids it names like any other rule.

Units: shares of games, orders or answers are written in percent (0-100);
track means in the track's own units; income and power in power points.
Story checks do not change play, so they are left out of the rules'
fingerprint: adding one never invalidates a save.
"""

from typing import Annotated, Literal, Union

from pydantic import Field, model_validator

from eurasia_game.lang.catalogue import S
from eurasia_game.model.base import (
    ActionRef,
    CardRef,
    EndingRef,
    FixedFrontRef,
    FixedSideRef,
    Ref,
    RuleModel,
    SectionRef,
    Slug,
    Text,
    TrackRef,
)

ScenarioRef = Annotated[str, Ref("scenario"), Field(description="A scenario id.")]
Level = Literal["random", "easy", "normal", "hard"]
YearSpec = Annotated[
    int | Literal["start", "end"],
    Field(description="A year such as 2022, or 'start' (the position before the first year) or 'end' (the scenario's last year)."),
]
Percent = Annotated[float, Field(ge=0, le=100)]


class _Check(RuleModel):
    """What every story check has: an id, the statement in words and where it applies."""

    id: Slug = Field(description="The check's id, unique among story checks; a mod overrides a check by giving its id again.")
    text: Text = Field(description="The statement in words, as the report shows it.")
    section: SectionRef | None = Field(default=None, description="The article section the statement comes from.")
    scenarios: list[ScenarioRef] | None = Field(default=None, min_length=1, description="Judge the check only in runs of these scenarios; leave out for every scenario.")
    players: Level | Literal["equal"] | dict[str, Level] | None = Field(
        default=None,
        description="Judge the check only in runs with these computer players: one level for both sides (such as normal), 'equal' for both sides at the same level (whichever it is), or a level by side id; leave out for any players.",
    )

    @model_validator(mode="after")
    def _bounds(self):
        lo, hi = getattr(self, "min", None), getattr(self, "max", None)
        if "min" in type(self).model_fields and "max" in type(self).model_fields:
            if lo is None and hi is None:
                raise ValueError(S("prob_min_or_max"))
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(S("prob_story_min_above_max", min=f"{lo:g}", max=f"{hi:g}"))
        return self


class _Bounds(_Check):
    min: float | None = Field(default=None, description="The lowest value for which the check holds.")
    max: float | None = Field(default=None, description="The highest value for which the check holds.")


class _PercentBounds(_Check):
    min: Percent | None = Field(default=None, description="The lowest share, in percent, for which the check holds.")
    max: Percent | None = Field(default=None, description="The highest share, in percent, for which the check holds.")


class TrackMean(_Bounds):
    """A track's mean in one year (over the games still running then) lies within min..max."""

    type: Literal["track_mean"]
    track: TrackRef
    year: YearSpec


class TrackChange(_Bounds):
    """The change of a track's mean between two years (later minus earlier) lies within min..max."""

    type: Literal["track_change"]
    track: TrackRef
    from_year: YearSpec = Field(default="start", alias="from", description="The earlier year (default: the start).")
    to_year: YearSpec = Field(default="end", alias="to", description="The later year (default: the scenario's last year).")


class TrackRising(_Check):
    """A track rises through the game: from one year to the next, its mean change in the games that reached
    the later year (each game compared with itself) is never below minus 'slack'."""

    type: Literal["track_rising"]
    track: TrackRef
    slack: float = Field(default=0.0, ge=0, le=100, description="The largest mean fall from one year to the next that still counts as rising.")


class IncomeLead(_Bounds):
    """In every year, a side's mean income minus the other side's lies within min..max."""

    type: Literal["income_lead"]
    side: FixedSideRef = Field(description="The side whose lead is measured (its income minus the other side's).")


class UnspentPower(_Bounds):
    """In every year, a side's mean power left at the end of the year, divided by its mean income that year, lies within min..max."""

    type: Literal["unspent_power"]
    side: FixedSideRef


class OrderShare(_PercentBounds):
    """Each action's share of a side's orders (carried out, over all games) lies within min..max percent."""

    type: Literal["order_share"]
    side: FixedSideRef | None = Field(default=None, description="The side whose orders are counted; leave out to judge each side.")
    actions: list[ActionRef] | None = Field(default=None, min_length=1, description="The actions judged; leave out for every action the side may take.")


class FrontSaturation(_PercentBounds):
    """The share of games whose final position has both sides at a front's maximum lies within min..max percent, on each front."""

    type: Literal["front_saturation"]
    fronts: list[FixedFrontRef] | None = Field(default=None, min_length=1, description="The fronts judged; leave out for every front.")


class EndingShare(_PercentBounds):
    """Each ending's share of the games lies within min..max percent."""

    type: Literal["ending_share"]
    endings: list[EndingRef] | None = Field(default=None, min_length=1, description="The endings judged; leave out for every ending the scenario has.")


class SuddenShare(_PercentBounds):
    """The share of games that end in a sudden death (any ending checked every year) lies within min..max percent."""

    type: Literal["sudden_share"]


class EarlyEndings(_PercentBounds):
    """The share of games that end before a point of the scenario (by default its midpoint year) lies within min..max percent."""

    type: Literal["early_endings"]
    before: Literal["midpoint"] | Percent = Field(
        default="midpoint",
        description="'midpoint': a game whose last year comes before the scenario's middle year (as the game counts it) ends early; or a percent of the scenario's years: a game played for fewer years than this ends early.",
    )


class CardFrequency(_PercentBounds):
    """Each card's share of games in which it fired lies within min..max percent."""

    type: Literal["card_frequency"]
    cards: list[CardRef] | None = Field(default=None, min_length=1, description="The cards judged; leave out for every card in the scenario's deck.")


class CardShareRatio(_Bounds):
    """How much more often one group of cards is drawn than another: the mean share of games in which a card of ``cards`` fired, divided by that of ``than``, lies within min..max.

    Only the cards in the scenario's deck count, so one check can serve every
    scenario.  Written to compare the cards that carry an argument with those
    that only push back against it (min 1: at least as often).
    """

    type: Literal["card_share_ratio"]
    cards: list[CardRef] = Field(min_length=1, description="The cards whose mean share of games is divided.")
    than: list[CardRef] = Field(min_length=1, description="The cards compared against: their mean share of games divides.")


class WinShare(_PercentBounds):
    """A side's share of wins lies within min..max percent."""

    type: Literal["win_share"]
    side: FixedSideRef | None = Field(default=None, description="The side judged; leave out to judge each side.")
    of: Literal["decided", "all"] = Field(default="decided", description="decided: share of the games one side won and the other lost; all: share of all games.")


class DilemmaShare(_PercentBounds):
    """Each dilemma option's share of its card's answers lies within min..max percent."""

    type: Literal["dilemma_share"]
    cards: list[CardRef] | None = Field(default=None, min_length=1, description="The dilemma cards judged; leave out for every dilemma.")
    min_answers: int = Field(default=20, ge=1, le=1_000_000, description="A dilemma answered fewer times than this in the run is not judged (too few to say).")


StoryCheck = Annotated[
    Union[TrackMean, TrackChange, TrackRising, IncomeLead, UnspentPower, OrderShare, FrontSaturation, EndingShare, SuddenShare, EarlyEndings, CardFrequency, CardShareRatio, WinShare, DilemmaShare],
    Field(discriminator="type"),
]

STORY_TYPES = (TrackMean, TrackChange, TrackRising, IncomeLead, UnspentPower, OrderShare, FrontSaturation, EndingShare, SuddenShare, EarlyEndings, CardFrequency, CardShareRatio, WinShare, DilemmaShare)

