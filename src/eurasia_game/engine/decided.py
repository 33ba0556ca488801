"""What decided a game, and every roll of the dice that mattered.

A class learns little from an ending decided by an unseen die.  The engine
logs each chance effect with its odds and its roll as data (a ``chance``
event: percent, rolled, success, stakes), and the ending with how it came
(an effect such as a tipping point, or a check of the tracks).  From that log
this module says, in one plain sentence, whether the game was decided by a
player's choice, by the tracks or by a roll, and lists the rolls that could
end the game or move a track, for the ending screen, the debrief and the
report alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from eurasia_game.engine.describe import describe_condition
from eurasia_game.lang.catalogue import S
from eurasia_game.model import conditions as C

CAUSES = ("choice", "tracks", "roll", "event")
# Events that are a side's own decision.
_CHOICES = ("order", "chose")
# Events whose own words say what moved a track (others only precede a silent trend).
_TOLD = ("order", "chose", "chance", "card", "trend", "front", "red_line", "say")


@dataclass(frozen=True)
class Roll:
    """One roll of a chance effect, read back from the log."""

    index: int  # position of the event in the log it was read from
    year: int
    card: str | None
    side: str | None
    percent: int
    rolled: int
    success: bool
    stakes: str  # 'ending', 'track' or ''
    text: str  # the logged sentence: odds, roll and what came of it
    ended: bool = False  # this roll ended the game

    @property
    def mattered(self) -> bool:
        return bool(self.stakes)


@dataclass(frozen=True)
class Decision:
    """Why the game ended: the cause ('choice', 'tracks', 'roll' or 'event') and one sentence."""

    cause: str
    text: str
    roll: Roll | None = None
    index: int | None = None  # the log event that decided it


def roll_of(event, index: int = 0) -> Roll | None:
    """The roll a ``chance`` log event records, or None for any other event."""
    if event.kind != "chance" or len(event.data) != 4:
        return None
    percent, rolled, success, stakes = event.data
    return Roll(index, event.year, event.card, event.side, percent, rolled, bool(success), stakes, event.text)


def rolls(events, mattered_only: bool = False) -> list[Roll]:
    """Every roll in a log (oldest first); the one that ended the game is marked."""
    out = []
    end = _ending_index(events)
    for index, event in enumerate(events):
        roll = roll_of(event, index)
        if roll is None or (mattered_only and not roll.mattered):
            continue
        if end is not None and index == end - 1 and _how(events[end]) == "effect" and roll.success:
            roll = replace(roll, ended=True)
        out.append(roll)
    return out


def roll_words(rules, roll: Roll) -> str:
    """The odds and the roll alone: 'A 30% chance: rolled 23, below 30.'"""
    return rules.text("roll_hit" if roll.success else "roll_miss", percent=roll.percent, rolled=roll.rolled)


def roll_line(rules, roll: Roll) -> str:
    """A roll for a list: year, card (or side), and the logged sentence."""
    who = rules.event[roll.card].title if roll.card in rules.event else rules.side[roll.side].name if roll.side in rules.side else ""
    return f"{roll.year} · {who}: {roll.text}" if who else f"{roll.year} · {roll.text}"


def _ending_index(events) -> int | None:
    for index in range(len(events) - 1, -1, -1):
        if events[index].kind == "ending":
            return index
    return None


def _how(event) -> str:
    return event.data[1] if len(event.data) >= 2 else "check"


def _tracks_in(cond) -> set[str]:
    if cond is None:
        return set()
    if isinstance(cond, C.TrackIs):
        return {cond.track}
    if isinstance(cond, (C.AllOf, C.AnyOf)):
        return set().union(*(_tracks_in(c) for c in cond.of))
    if isinstance(cond, C.NotOf):
        return _tracks_in(cond.of)
    return set()


def _cause_of(event) -> str:
    if event.kind in _CHOICES:
        return "choice"
    if event.kind == "chance":
        return "roll"
    return "tracks"


def decided_by(rules, state, events) -> Decision | None:
    """What decided the game ``state`` ended in, read from its log ``events`` (None while it runs)."""
    if state.ending is None:
        return None
    end = _ending_index(events)
    if end is None:
        return None
    ending = rules.ending[state.ending]
    year = events[end].year
    if _how(events[end]) == "effect":
        before = events[end - 1] if end > 0 else None
        roll = roll_of(before, end - 1) if before is not None else None
        if roll is not None and roll.success:
            roll = replace(roll, ended=True)
            title = rules.event[roll.card].title if roll.card in rules.event else ""
            what = f"{title}, {year}. {roll.text}" if title else f"{year}. {roll.text}"
            return Decision("roll", rules.text("decided_roll", what=what), roll, end - 1)
        if before is not None and before.kind in _CHOICES:
            return Decision("choice", rules.text("decided_choice", what=f"{before.text} ({before.year})"), None, end - 1)
        what = before.text if before is not None else ending.name
        return Decision("event", rules.text("decided_event", what=f"{what} ({year})"), None, end - 1 if before is not None else None)
    if ending.check != "sudden":
        if ending.condition is None:
            what = S("dec_after_none", year=year)
        else:
            what = S("dec_after", year=year, condition=describe_condition(rules, ending.condition))
        return Decision("tracks", rules.text("decided_tracks", what=_capital(what)))
    tracks = _tracks_in(ending.condition)
    reached = S("dec_reached_in", condition=describe_condition(rules, ending.condition), year=year)
    for index in range(end - 1, -1, -1):
        event = events[index]
        if any(key in tracks for key, _ in event.moved):
            cause = _cause_of(event)
            push = event.text if event.kind in _TOLD else S("dec_year_trends")
            what = S("dec_last_push", reached=_capital(reached), push=push, year=event.year)
            key = {"choice": "decided_choice", "roll": "decided_roll"}.get(cause, "decided_tracks")
            roll = roll_of(event, index)
            return Decision(cause, rules.text(key, what=what), roll, index)
    return Decision("tracks", rules.text("decided_tracks", what=S("dec_reached_sentence", reached=_capital(reached))))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
