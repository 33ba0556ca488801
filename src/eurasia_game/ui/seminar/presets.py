"""Class-length presets: a 45-, 75- or 90-minute class picks a scenario and a turn timer.

Nothing here names a scenario: a preset takes the longest scenario whose
typical playing time (``minutes`` in the rules) fits the class, or the
shortest one if none fits, and sets the turn timer so that the years fit the
class with time left for the debrief.  A mod's scenarios get presets too.
Pure Python, no window: the new-game screen and the tests share it.
"""

from __future__ import annotations

from dataclasses import dataclass

from eurasia_game.session.branches import TimerSettings

CLASS_MINUTES = (45, 75, 90)
# Minutes kept for the debrief at the end of the class, and for the rules and
# the briefings at its start (docs/seminar.md has the minute-by-minute plans).
DEBRIEF_MINUTES = {45: 12, 75: 15, 90: 20}
BRIEFING_MINUTES = {45: 8, 75: 10, 90: 12}
MIN_SECONDS, MAX_SECONDS, STEP = 45, 300, 15


@dataclass(frozen=True)
class Preset:
    minutes: int
    scenario: str
    years: int
    timer: TimerSettings
    debrief_minutes: int
    briefing_minutes: int = 0

    @property
    def play_minutes(self) -> int:
        return self.minutes - self.debrief_minutes - self.briefing_minutes

    @property
    def id(self) -> str:
        return str(self.minutes)


def timer_seconds(play_minutes: int, years: int, sides: int) -> int:
    """Seconds for each side's decisions in a year, so the years fit the play time."""
    raw = play_minutes * 60 / max(1, years * sides)
    rounded = int(round(raw / STEP)) * STEP
    return max(MIN_SECONDS, min(MAX_SECONDS, rounded))


def preset_for(rules, minutes: int) -> Preset:
    scenarios = list(rules.scenarios)
    fitting = [s for s in scenarios if s.minutes <= minutes]
    if fitting:
        chosen = max(fitting, key=lambda s: (s.minutes, s.end_year - s.start_year))
    else:
        chosen = min(scenarios, key=lambda s: (s.minutes, s.end_year - s.start_year))
    years = chosen.end_year - chosen.start_year + 1
    debrief = DEBRIEF_MINUTES.get(minutes, max(10, minutes // 5))
    briefing = BRIEFING_MINUTES.get(minutes, max(5, minutes // 8))
    seconds = timer_seconds(minutes - debrief - briefing, years, len(rules.side_ids))
    # In the shortest class the game must end in time: time up commits the decision.
    rule = "commit" if minutes <= min(CLASS_MINUTES) else "warn"
    return Preset(minutes, chosen.id, years, TimerSettings(seconds=seconds, rule=rule, preset=str(minutes)), debrief, briefing)


def presets(rules) -> list[Preset]:
    return [preset_for(rules, m) for m in CLASS_MINUTES]


def clock(seconds: float | None) -> str:
    """'2:30' for 150 seconds; '' for no timer."""
    if seconds is None:
        return ""
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"
