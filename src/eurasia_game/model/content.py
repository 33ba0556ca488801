"""Content definitions: sides, tracks, fronts, actions, events, endings, scenarios.

Names follow one convention: ``*Def`` is content read from rule files.  Ids
are lowercase slugs; display text lives in separate fields so that renaming a
card never breaks a save.
"""

from typing import Annotated, Literal

from pydantic import Field, model_validator

from eurasia_game.lang.catalogue import S
from eurasia_game.model.base import (
    ActionRef,
    Basis,
    CardRef,
    EndingRef,
    FixedFrontRef,
    FixedSideRef,
    RuleModel,
    SectionRef,
    Slug,
    Text,
    Verbatim,
    TrackRef,
)
from eurasia_game.model.conditions import Condition
from eurasia_game.model.effects import Effect

# Every rule item a player meets says where in the article it comes from.
# Optional in the model so that older mods still load; the checker warns
# when an item leaves them out (see docs/modding.md, "Tying items to the article").
def _section_field():
    return Field(default=None, description="The article section heading this item comes from (one of game.sources).")


def _basis_field():
    return Field(default=None, description="'article' if the article says it, 'extrapolation' if the game adds a plausible development the article does not state.")


def _note_field():
    return Field(default=None, description="A teaching note: what this item shows about the article's argument, in the game's own words.")


SOURCED_KINDS = {"tracks": "track", "fronts": "front", "actions": "action", "red_lines": "red line", "yearly": "yearly trend", "events": "event card"}


# A basis in words (and the legend explaining both) is interface text: the
# reports take it from assets/words/report.json (report.debrief.basis_words).


def item_note(item) -> str | None:
    """An item's teaching note: cards call it ``teaching_note``, other items ``note``."""
    return getattr(item, "teaching_note", None) or getattr(item, "note", None)


PhaseKind = Literal["events", "income", "plan", "resolve", "checks"]


class PhaseDef(RuleModel):
    """One row of the turn's phase table.  ``kind`` is the engine step it runs."""

    id: Slug
    name: Text
    kind: PhaseKind = Field(description="events: draw and resolve event cards; income: sides gain power and the yearly trends apply; plan: each side secretly plans its orders; resolve: orders are revealed and carried out, fronts and red lines are resolved; checks: sudden deaths, the final ending, the next year.")
    description: Text


class ObjectiveDef(RuleModel):
    """One of a side's own objectives (its victory conditions).

    The sides want different things, as in the article: each is judged by its
    own objectives, not by a shared score.  An ending whose outcome is
    'objectives' compares how far each side got past what it needs.
    """

    id: Slug
    name: Text = Field(description="A short name, shown on the board and the ending screen.")
    text: Text = Field(description="The objective in words, with its threshold.")
    section: SectionRef
    teaching_note: Text = Field(description="Why the article makes this the side's aim.")
    condition: Condition = Field(alias="when", description="Holds when the objective is met.")
    points: int = Field(default=1, ge=1, le=10, description="What meeting it is worth.")


class SideDef(RuleModel):
    """A player side."""

    id: Slug
    name: Text
    capital: Text | None = None
    description: Text
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$", description="Main colour, as #rrggbb.")
    colour_safe: str = Field(pattern=r"^#[0-9a-fA-F]{6}$", description="Colour in the colour-blind-safe palette.")
    shape: Literal["circle", "square", "triangle", "diamond"] = Field(description="Marker shape, so sides are never told apart by colour alone.")
    power: int = Field(ge=0, le=100, description="Power at the start of the game (scenarios may override).")
    income: int = Field(ge=0, le=100, description="Power gained every year (scenarios may override).")
    orders_per_year: int = Field(default=3, ge=1, le=20, description="How many orders the side may plan each year.")
    goal: Text = Field(description="What this side is playing for, in a sentence or two.")
    objectives: list[ObjectiveDef] = Field(default_factory=list, description="The side's own victory conditions, judged at an 'objectives' ending.")
    objectives_needed: int = Field(default=0, ge=0, le=100, description="Points of objectives the side needs; its margin is what it scores beyond (or short of) this.")


class ZoneDef(RuleModel):
    """A labelled stretch of a track, such as a danger zone."""

    min: int
    max: int
    label: Text
    danger: bool = False


class TrackDef(RuleModel):
    """A shared track: a number both sides push and pull."""

    id: Slug
    name: Text
    section: SectionRef | None = _section_field()
    basis: Basis | None = _basis_field()
    note: Text | None = _note_field()
    description: Text
    min: int = 0
    max: int = 10
    start: int
    low_label: Text
    high_label: Text
    zones: list[ZoneDef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _bounds(self):
        if self.min >= self.max:
            raise ValueError(S("prob_min_below_max", min=self.min, max=self.max))
        if not self.min <= self.start <= self.max:
            raise ValueError(S("prob_start_outside", start=self.start, min=self.min, max=self.max))
        return self


class RuleDef(RuleModel):
    """A conditional rule: when the condition holds, apply the effects."""

    text: Text = Field(description="The rule in words, shown to players.")
    section: SectionRef | None = _section_field()
    basis: Basis | None = _basis_field()
    note: Text | None = _note_field()
    condition: Condition | None = Field(default=None, alias="when", description="Leave out to apply always.")
    effects: list[Effect] = Field(min_length=1)
    log: Text | None = Field(default=None, description="Log line when the rule applies (past tense).")


class FrontDef(RuleModel):
    """One of the fronts where the sides spend power."""

    id: Slug
    name: Text
    section: SectionRef | None = _section_field()
    basis: Basis | None = _basis_field()
    note: Text | None = _note_field()
    description: Text
    stakes: list[Text] = Field(min_length=1, description="What is at stake on this front, one line each.")
    min: int = 0
    max: int = 10
    start: dict[str, int] = Field(description="Each side's standing at the start, by side id.")
    resolution: list[RuleDef] = Field(default_factory=list, description="Rules applied every year in the resolve phase.")
    map_position: list[Annotated[float, Field(ge=0, le=1)]] = Field(min_length=2, max_length=2, description="Where the front sits on the map, as fractions of its width and height.")


class ActionDef(RuleModel):
    """Something a side can order in the plan phase."""

    id: Slug
    name: Text
    section: SectionRef | None = _section_field()
    basis: Basis | None = _basis_field()
    note: Text | None = _note_field()
    description: Text
    sides: list[FixedSideRef] = Field(min_length=1, description="Which sides may take the action.")
    cost: int = Field(ge=0, le=100)
    targets: list[FixedFrontRef] | Literal["all", "none"] = Field(default="none", description="'none' for no target, 'all' for any front, or a list of front ids.")
    requires: Condition | None = Field(default=None, description="Only available while this holds.")
    requires_text: Text | None = Field(default=None, description="Why the action is unavailable when 'requires' fails.")
    per_year: int = Field(default=1, ge=1, le=20, description="How often one side may take it in a year (per front for targeted actions).")
    effects: list[Effect] = Field(min_length=1)
    log: Text = Field(description="Log line when carried out, past tense; $side and $front are filled in.")


class OptionDef(RuleModel):
    """One choice of a dilemma."""

    id: Slug
    label: Text
    text: Text
    cost: int = Field(default=0, ge=0, le=100, description="Power the choosing side pays.")
    requires: Condition | None = None
    requires_text: Text | None = None
    effects: list[Effect] = Field(default_factory=list)
    log: Text


class DilemmaDef(RuleModel):
    """A choice one side must make when the card fires."""

    side: FixedSideRef
    prompt: Text
    options: list[OptionDef] = Field(min_length=2)


class EventDef(RuleModel):
    """An event card."""

    id: Slug
    title: Text
    text: Text = Field(description="What happens, in the game's own words.")
    section: SectionRef
    basis: Basis | None = _basis_field()
    teaching_note: Text
    tags: list[Slug] = Field(default_factory=list)
    in_deck: bool = Field(default=True, description="false keeps the card out of the draw deck: it only fires when triggered or shuffled in.")
    condition: Condition | None = Field(default=None, alias="when", description="The card can only be drawn while this holds.")
    weight: int = Field(default=1, ge=1, le=100, description="Relative chance of being drawn.")
    repeatable: bool = False
    effects: list[Effect] = Field(default_factory=list)
    dilemma: DilemmaDef | None = None

    @model_validator(mode="after")
    def _does_something(self):
        if not self.effects and self.dilemma is None:
            raise ValueError(S("prob_event_needs"))
        return self


class RedLineDef(RuleModel):
    """One of Beijing's red lines: public, and checked every year."""

    id: Slug
    name: Text
    section: SectionRef | None = _section_field()
    basis: Basis | None = _basis_field()
    note: Text | None = _note_field()
    text: Text
    condition: Condition = Field(alias="when")
    effects: list[Effect] = Field(min_length=1)
    once: bool = Field(default=True, description="Cross it only once per game.")
    log: Text


Outcome = Literal["win", "lose", "draw"]


class EndingDef(RuleModel):
    """A way the game ends."""

    id: Slug
    name: Text
    future: Text = Field(description="The article's future this ending stands for.")
    section: SectionRef
    basis: Basis | None = _basis_field()
    text: Text
    check: Literal["sudden", "final"] = Field(description="sudden: checked every year; final: checked after the last year, in order.")
    condition: Condition | None = Field(default=None, alias="when", description="Leave out for a fallback final ending.")
    outcome: dict[str, Outcome] | Literal["fronts", "objectives"] = Field(description="Each side's result by side id; 'fronts': the side leading more fronts wins; 'objectives': the side with the larger margin on its own objectives wins (equal margins are a draw).")
    questions: list[Text] = Field(default_factory=list, description="Discussion questions for the debrief.")


class ScenarioSetup(RuleModel):
    """Starting values that differ from the defaults."""

    tracks: dict[str, int] = Field(default_factory=dict)
    power: dict[str, int] = Field(default_factory=dict)
    income: dict[str, int] = Field(default_factory=dict)
    standing: dict[str, dict[str, int]] = Field(default_factory=dict, description="front id -> side id -> standing")
    flags: list[Slug] = Field(default_factory=list)


class ScheduledCard(RuleModel):
    """An event card that fires in a given year, before that year's draw."""

    year: int = Field(ge=1900, le=2200)
    card: CardRef


class ScenarioDef(RuleModel):
    """A scenario: the years played, the starting position and the deck."""

    id: Slug
    name: Text
    description: Text
    start_year: int = Field(ge=1900, le=2200)
    end_year: int = Field(ge=1900, le=2200)
    minutes: int = Field(ge=5, le=600, description="Typical playing time.")
    events_per_year: int = Field(default=1, ge=0, le=5)
    setup: ScenarioSetup = Field(default_factory=ScenarioSetup)
    deck_tags: list[Slug] | None = Field(default=None, description="Only cards with one of these tags go into the deck; leave out for all.")
    extra_cards: list[CardRef] = Field(default_factory=list, description="Cards added to the deck even when deck_tags leaves them out.")
    opening_cards: list[CardRef] = Field(default_factory=list, description="Cards fired in the first year before any draw.")
    scheduled: list[ScheduledCard] = Field(default_factory=list, description="Cards that fire in a given year, before that year's draw (a known date, such as the end of a presidential term).")
    endings: list[EndingRef] = Field(min_length=1)
    armed_from: int | None = Field(
        default=None,
        ge=1900,
        le=2200,
        description=(
            "The first year in which sudden-death endings are checked and cards that can end the game "
            "(tipping points) can be drawn; leave out for the scenario's midpoint. A facilitator can change it for a class."
        ),
    )

    @model_validator(mode="after")
    def _years(self):
        if self.end_year < self.start_year:
            raise ValueError(S("prob_end_before_start", end=self.end_year, start=self.start_year))
        if self.armed_from is not None and not self.start_year <= self.armed_from <= self.end_year:
            raise ValueError(S("prob_armed_from", armed=self.armed_from, start=self.start_year, end=self.end_year))
        return self

    @property
    def midpoint(self) -> int:
        """The middle year of the scenario (rounded down)."""
        return (self.start_year + self.end_year) // 2

    @property
    def armed_year(self) -> int:
        """From this year on, sudden deaths and tipping points can end the game."""
        return self.armed_from if self.armed_from is not None else self.midpoint


class GameInfo(RuleModel):
    """Who the rules are and where they come from."""

    id: Slug
    name: Text
    version: str = Field(pattern=r"^\d+\.\d+(\.\d+)?$")
    format: int = Field(ge=1, description="Version of the rule-file format.")
    description: Text
    source: Verbatim = Field(description="The work the game is built on.")
    sources: list[Verbatim] = Field(min_length=1, description="The section headings of the source that cards may cite.")
    default_scenario: Slug
    side_order: list[FixedSideRef] = Field(min_length=2, description="Order in which sides plan and their orders interleave.")


class HelpDef(RuleModel):
    """A titled block of player-facing text (rules summary, glossary)."""

    id: Slug
    title: Text
    text: Text


_ = (ActionRef, CardRef, EndingRef, TrackRef)  # re-exported types used by annotations above
