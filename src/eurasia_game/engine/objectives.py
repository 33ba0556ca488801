"""Each side's own objectives: which are met, the score, and who did better.

The sides want different things (the article's asymmetry): Moscow its room
for manoeuvre and its regime, Beijing a partner bound to its needs and a
stable neighbourhood.  Rather than one shared score, each side is judged by
its own objectives (``objectives`` in a side's rule entry); its *margin* is
the points it scores minus the points it needs.  An ending whose outcome is
'objectives' is won by the side with the larger margin.
"""

from __future__ import annotations

from dataclasses import dataclass

from eurasia_game.engine.work import holds


@dataclass(frozen=True)
class Standing:
    """One side's progress: the objectives met, its score and its margin."""

    side: str
    met: tuple[tuple[str, bool], ...]  # (objective id, met?) in rules order
    score: int
    needed: int

    @property
    def margin(self) -> int:
        return self.score - self.needed


def standing(rules, state, side: str) -> Standing:
    """How ``side`` stands on its own objectives in ``state`` (any year)."""
    sdef = rules.side[side]
    met = tuple((o.id, holds(rules, state, o.condition)) for o in sdef.objectives)
    score = sum(o.points for o, (_, ok) in zip(sdef.objectives, met) if ok)
    return Standing(side, met, score, sdef.objectives_needed)


def standings(rules, state) -> dict[str, Standing]:
    return {side: standing(rules, state, side) for side in rules.side_ids}


def fronts_led(rules, state) -> dict[str, int]:
    """How many fronts each side leads."""
    a, b = rules.side_ids
    led = {a: 0, b: 0}
    for front in rules.front_ids:
        row = state.standing[front]
        if row[a] != row[b]:
            led[a if row[a] > row[b] else b] += 1
    return led


def by_fronts(rules, state) -> dict[str, str]:
    """The side leading more fronts wins; equal leads are a draw."""
    a, b = rules.side_ids
    led = fronts_led(rules, state)
    if led[a] == led[b]:
        return {a: "draw", b: "draw"}
    winner, loser = (a, b) if led[a] > led[b] else (b, a)
    return {winner: "win", loser: "lose"}


def by_objectives(rules, state) -> dict[str, str]:
    """The side further past what it needs wins; equal margins are a draw."""
    a, b = rules.side_ids
    mine, theirs = standing(rules, state, a).margin, standing(rules, state, b).margin
    if mine == theirs:
        return {a: "draw", b: "draw"}
    winner, loser = (a, b) if mine > theirs else (b, a)
    return {winner: "win", loser: "lose"}
