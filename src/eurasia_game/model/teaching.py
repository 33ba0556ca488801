"""Teaching content: handouts, role briefings, the reading guide, the memo rubric, the article's expectations.

A class needs more than the rules of play: each side's briefing, a guide to
the article the game is built on, learning objectives, a memo to write after
the game and a rubric to grade it, and a statement of what the article
expects, to set against what a table's game did.  All of it lives in rule
files (``rules/teaching.yaml`` in the base game), so a mod or a translation
rewrites the handouts, the window's briefing screen and the report together.

None of it changes how the game plays, so it is left out of the rules'
fingerprint (a class may reword its briefings without breaking its saves).
"""

from typing import Literal

from pydantic import Field, model_validator

from eurasia_game.lang.catalogue import S
from eurasia_game.model.base import EndingRef, FixedSideRef, RuleModel, SectionRef, Slug, Text, TrackRef, Verbatim

# The sections of a rule set that hold teaching content only.
TEACHING_SECTIONS = ("handouts", "briefings", "readings", "rubric", "expectations", "tutorials")


class CitationDef(RuleModel):
    """The source article as a reading list cites it.  Leave out what is not known; invent nothing."""

    title: Verbatim
    author: Verbatim | None = Field(default=None, description="Leave out when the source names no author.")
    publisher: Verbatim | None = None
    date: Verbatim | None = Field(default=None, description="As precise as is known, e.g. 'about 2019'.")
    url: Verbatim | None = None
    note: Text | None = Field(default=None, description="What the citation cannot say, e.g. that the copy names no author.")


class HandoutDef(RuleModel):
    """One printed handout: its title, an introduction and its learning objectives.

    The base game's ids are ``briefing``, ``rules``, ``reading_guide`` and ``memo``.
    """

    id: Slug
    title: Text
    intro: Text | None = None
    objectives: list[Text] = Field(min_length=1, description="Learning objectives: what a student can do after using this handout.")
    prompts: list[Text] = Field(default_factory=list, description="Questions or tasks the handout sets (the memo's prompts).")
    citation: CitationDef | None = Field(default=None, description="The source the handout cites (the reading guide).")


class ArgumentDef(RuleModel):
    """One point of the article's argument, in paraphrase, with the section it comes from."""

    section: SectionRef
    text: Text


class BriefingDef(RuleModel):
    """A side's role briefing.  ``id`` is the side's id."""

    id: FixedSideRef
    role: Text = Field(description="Who the player is, in a sentence or two.")
    interests: list[Text] = Field(min_length=1)
    fears: list[Text] = Field(min_length=1)
    argument: list[ArgumentDef] = Field(min_length=1, description="The article's argument as it bears on this side, paraphrased, by section.")
    questions: list[Text] = Field(min_length=1, description="What the side should ask itself before each year.")


class ReadingDef(RuleModel):
    """The reading guide's entry for one section of the article."""

    id: Slug
    section: SectionRef
    gist: Text = Field(description="What the section argues, in paraphrase.")
    look_for: list[Text] = Field(min_length=1, description="What to look for while reading it.")
    in_game: Text = Field(description="Where the section shows up in the game.")


class LevelDef(RuleModel):
    label: Text
    points: int = Field(ge=0, le=100)
    text: Text


class RubricDef(RuleModel):
    """One criterion of the memo's rubric, with its levels from best to weakest."""

    id: Slug
    criterion: Text
    levels: list[LevelDef] = Field(min_length=2)


class ExpectationDef(RuleModel):
    """What the article expects of a track, or of the ending, up to 2030.

    Give ``track`` and ``trend`` for a track, or ``endings`` (the endings
    that match the article's most plausible future) for the ending.
    """

    id: Slug
    track: TrackRef | None = None
    trend: Literal["rise", "fall", "steady", "hold", "open"] | None = Field(default=None, description="rise, fall or steady; hold: not fall; open: the article does not say which way.")
    endings: list[EndingRef] = Field(default_factory=list)
    section: SectionRef
    text: Text = Field(description="The expectation in paraphrase.")

    @model_validator(mode="after")
    def _one_kind(self):
        if self.track is not None and self.trend is None:
            raise ValueError(S("prob_expect_trend"))
        if self.track is None and not self.endings:
            raise ValueError(S("prob_expect_track"))
        if self.track is not None and self.endings:
            raise ValueError(S("prob_expect_not_both"))
        return self
