"""The guided first game: a tutorial written in rule files.

A tutorial names a scenario, a seed, the side the player takes and the
computer level of the other, and a list of steps.  Each step waits for a
moment of the year (``when``: the first card, the dilemma, planning, the
reveal...), then shows a callout pointing at one control of the screen then
open (``anchor``) with a title and a text.  Steps and their texts are keyed
by id, so a mod can reword or translate a tutorial by giving the same id, or
write another one.  The window plays it; the checker verifies every moment
and anchor against the vocabulary below, which the window's tests check
against the real controls.

Nothing here changes how the game plays, so tutorials are left out of the
rules' fingerprint (like the other teaching content).
"""

from typing import Literal

from pydantic import Field

from typing import Annotated

from eurasia_game.model.base import FixedSideRef, Ref, RuleModel, Slug, Text

ScenarioRef = Annotated[str, Ref("scenario"), Field(description="A scenario id.")]

# The moments of the tutorial's year, in the order they come.  A step waits
# for its moment; a step whose moment has passed (a year without a dilemma)
# is left out.
MOMENTS = ("start", "card", "dilemma", "plan", "planned", "computer", "reveal", "revealed")
Moment = Literal["start", "card", "dilemma", "plan", "planned", "computer", "reveal", "revealed"]

MOMENT_HELP = {
    "start": "as soon as the game has begun, over whatever screen is open",
    "card": "while an event card is shown",
    "dilemma": "while the player's dilemma waits for a choice",
    "plan": "on the board, when the player starts planning (no order yet)",
    "planned": "on the board, once the player has planned an order",
    "computer": "on the board, while the computer plans",
    "reveal": "when the reveal of both sides' orders opens",
    "revealed": "when the reveal has resolved every order",
}

# The screen each moment happens on (None: any screen).
MOMENT_SCREEN = {
    "start": None,
    "card": "card",
    "dilemma": "dilemma",
    "plan": "board",
    "planned": "board",
    "computer": "board",
    "reveal": "orders_reveal",
    "revealed": "orders_reveal",
}

# The controls a callout can point at, by screen.  "none" (a callout in the
# middle, pointing at nothing) fits every screen.
ANCHORS = {
    "board": (
        "board.year", "board.power", "board.phases", "board.map", "board.stakes", "board.tracks", "board.objectives",
        "board.plan", "board.orders", "board.commit", "board.undo", "board.log", "board.red_lines", "board.help", "board.menu",
    ),
    "card": ("card",),
    "dilemma": ("dilemma.card", "dilemma.options"),
    "orders_reveal": ("reveal.orders", "reveal.then", "reveal.tracks", "reveal.fronts", "reveal.continue"),
}
ANYWHERE = "none"

# Anchors naming one piece of content on the board: "front:energy", "track:partnership", "action:invest".
PATTERNS = {"front": "fronts", "track": "tracks", "action": "actions"}
PATTERN_SCREEN = "board"


def anchors_for(moment: str) -> list[str]:
    """Every fixed anchor a step at ``moment`` may name (patterns aside)."""
    screen = MOMENT_SCREEN.get(moment)
    return [ANYWHERE] + (list(ANCHORS.get(screen, ())) if screen else [])


class TutorialStepDef(RuleModel):
    """One callout of a tutorial."""

    id: Slug = Field(description="The step's key: a mod rewords or translates the step by giving the same tutorial id with this step id.")
    when: Moment = Field(description="The moment the step waits for: " + "; ".join(f"'{k}' {v}" for k, v in MOMENT_HELP.items()) + ".")
    anchor: str = Field(
        default=ANYWHERE,
        max_length=100,
        description=(
            "The control the callout points at: 'none', one of "
            + ", ".join(f"{screen}: {', '.join(names)}" for screen, names in ANCHORS.items())
            + "; or on the board 'front:ID', 'track:ID' or 'action:ID'."
        ),
    )
    title: Text
    text: Text


class TutorialDef(RuleModel):
    """A guided game: which game is played and the callouts that teach it."""

    id: Slug
    name: Text
    description: Text = Field(description="What the tutorial teaches and how long it takes, shown where it is offered.")
    scenario: ScenarioRef
    seed: int = Field(default=0, ge=0, le=2**63 - 1, description="The game's seed: every player gets the same game.")
    side: FixedSideRef = Field(description="The side the player takes.")
    opponent: Literal["random", "easy", "normal", "hard"] = Field(default="easy", description="The computer level of the other side.")
    steps: list[TutorialStepDef] = Field(min_length=1, max_length=200)
    what_next: Text = Field(description="What the screen after the tutorial says: where to go from here.")
