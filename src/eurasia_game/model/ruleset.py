"""The shape of one rule file and of a whole rule set.

A rule file holds any of the sections below; the loader validates each file
on its own (so a problem points at its own file and line) and then merges
them into one ``RuleSet``.
"""

from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

from eurasia_game.model.base import RuleModel, Text
from eurasia_game.model.mod import ModStamp, Patches, Removals
from eurasia_game.model.flags import FlagDef
from eurasia_game.model.story import StoryCheck
from eurasia_game.model.content import (
    ActionDef,
    EndingDef,
    EventDef,
    FrontDef,
    GameInfo,
    HelpDef,
    PhaseDef,
    RedLineDef,
    RuleDef,
    ScenarioDef,
    SideDef,
    TrackDef,
)
from eurasia_game.model.teaching import BriefingDef, ExpectationDef, HandoutDef, ReadingDef, RubricDef
from eurasia_game.model.tutorial import TutorialDef


class RuleFile(RuleModel):
    """Everything one rule file may contain.  Every section is optional."""

    format: int | None = Field(default=None, description="The rule-file format this file is written in, when it differs from its folder's (game.format, or the mod's manifest).")
    remove: Removals | None = Field(default=None, description="Content of earlier layers (the base game or mods loaded before) to delete, by id.")
    patch: Patches | None = Field(default=None, description="Single fields of items loaded before (or in this layer) to change, or lists to add to, without copying the items.")
    game: GameInfo | None = None
    phases: list[PhaseDef] | None = None
    texts: dict[str, Text] | None = Field(default=None, description="Player-visible messages of the engine, with $placeholders.")
    help: list[HelpDef] | None = None
    sides: list[SideDef] | None = None
    tracks: list[TrackDef] | None = None
    fronts: list[FrontDef] | None = None
    yearly: list[RuleDef] | None = Field(default=None, description="Rules applied every year in the income phase (the long-term trends).")
    actions: list[ActionDef] | None = None
    events: list[EventDef] | None = None
    red_lines: list[RedLineDef] | None = None
    endings: list[EndingDef] | None = None
    scenarios: list[ScenarioDef] | None = None
    story: list[StoryCheck] | None = Field(default=None, description="Story checks: what the model must show over many games, judged by the balance lab (they do not change play).")
    flags: list[FlagDef] | None = Field(default=None, description="Readable, translatable names of flags, by flag id (they do not change play; a flag without one is shown by its id).")
    handouts: list[HandoutDef] | None = Field(default=None, description="Printed handouts: titles, introductions, learning objectives (teaching only).")
    briefings: list[BriefingDef] | None = Field(default=None, description="Each side's role briefing, by side id (teaching only).")
    readings: list[ReadingDef] | None = Field(default=None, description="The reading guide to the article, one entry per section (teaching only).")
    rubric: list[RubricDef] | None = Field(default=None, description="The post-game memo's rubric (teaching only).")
    expectations: list[ExpectationDef] | None = Field(default=None, description="What the article expects of the tracks and the ending (teaching only).")
    tutorials: list[TutorialDef] | None = Field(default=None, description="Guided games: a game to play and the callouts that teach it, step by step (teaching only).")


LIST_SECTIONS = (
    "phases", "help", "sides", "tracks", "fronts", "yearly", "actions", "events", "red_lines", "endings", "scenarios", "story", "flags",
    "handouts", "briefings", "readings", "rubric", "expectations", "tutorials",
)


class RuleSet(BaseModel):
    """A merged, validated rule set: what the engine plays."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    game: GameInfo
    phases: tuple[PhaseDef, ...]
    texts: dict[str, str]
    help: tuple[HelpDef, ...] = ()
    sides: tuple[SideDef, ...]
    tracks: tuple[TrackDef, ...]
    fronts: tuple[FrontDef, ...]
    yearly: tuple[RuleDef, ...] = ()
    actions: tuple[ActionDef, ...]
    events: tuple[EventDef, ...]
    red_lines: tuple[RedLineDef, ...] = ()
    endings: tuple[EndingDef, ...]
    scenarios: tuple[ScenarioDef, ...]
    story: tuple[StoryCheck, ...] = ()  # not part of the fingerprint: story checks do not change play
    flags: tuple[FlagDef, ...] = ()  # not part of the fingerprint: names do not change play
    handouts: tuple[HandoutDef, ...] = ()
    briefings: tuple[BriefingDef, ...] = ()
    readings: tuple[ReadingDef, ...] = ()
    rubric: tuple[RubricDef, ...] = ()
    expectations: tuple[ExpectationDef, ...] = ()
    tutorials: tuple[TutorialDef, ...] = ()
    fingerprint: str = ""
    mods: tuple[ModStamp, ...] = ()  # the mods merged in, in load order (not part of the fingerprint)

    @cached_property
    def side_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sides)

    @cached_property
    def track_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.tracks)

    @cached_property
    def front_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fronts)

    @cached_property
    def side(self) -> dict[str, SideDef]:
        return {s.id: s for s in self.sides}

    @cached_property
    def track(self) -> dict[str, TrackDef]:
        return {t.id: t for t in self.tracks}

    @cached_property
    def front(self) -> dict[str, FrontDef]:
        return {f.id: f for f in self.fronts}

    @cached_property
    def action(self) -> dict[str, ActionDef]:
        return {a.id: a for a in self.actions}

    @cached_property
    def event(self) -> dict[str, EventDef]:
        return {e.id: e for e in self.events}

    @cached_property
    def ending(self) -> dict[str, EndingDef]:
        return {e.id: e for e in self.endings}

    @cached_property
    def flag(self) -> dict[str, FlagDef]:
        return {f.id: f for f in self.flags}

    @cached_property
    def handout(self) -> dict[str, HandoutDef]:
        return {h.id: h for h in self.handouts}

    @cached_property
    def briefing(self) -> dict[str, BriefingDef]:
        return {b.id: b for b in self.briefings}

    @cached_property
    def tutorial(self) -> dict[str, TutorialDef]:
        return {t.id: t for t in self.tutorials}

    @cached_property
    def scenario(self) -> dict[str, ScenarioDef]:
        return {s.id: s for s in self.scenarios}

    def text(self, key: str, **values: object) -> str:
        """A player-visible message from the ``texts`` section, placeholders filled.

        Uses ``string.Template`` so that text from a rule file can never reach
        attributes or code, only the values given here.
        """
        from string import Template

        template = self.texts.get(key, key)
        return Template(template).safe_substitute({k: str(v) for k, v in values.items()})


def complete_models() -> None:
    """Resolve the recursive models' own annotations (conditions inside ``all``/``any``/``not``,
    effects inside ``chance``/``when``), as tools that read the models' fields need them.

    The rule models defer building their validators (start-up takes cached rules without
    validating), so these few, which name a union defined after them, are completed here:
    by the loader before it validates, by the reference and schema writers.  Done once.
    """
    from eurasia_game.model.conditions import AllOf, AnyOf, NotOf
    from eurasia_game.model.effects import Chance, When

    for model in (AllOf, AnyOf, NotOf, Chance, When):
        model.model_rebuild()

