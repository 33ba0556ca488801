"""Which sound cues a step of the game calls for, worked out without any sound library.

The window plays short sounds for a few moments of play.  Which moments a
step of the game brings is read here from the rules, the states before and
after the step and the action taken, so it can be tested without audio and
the layers below the window never import pygame:

- ``order``: a side planned an order;
- ``card``: a card was drawn or set off;
- ``reveal``: the year's orders were revealed;
- ``danger``: a track moved into one of its danger zones (from outside any);
- ``ending``: the game ended.

The window (``ui.sound``) decides how to play them.
"""

from __future__ import annotations

CUES = ("order", "card", "reveal", "danger", "ending")


def in_danger(track, value: int) -> bool:
    return any(z.danger and z.min <= value <= z.max for z in track.zones)


def tracks_into_danger(rules, before, after) -> list[str]:
    """Tracks that were outside every danger zone before and are in one after."""
    return [t.id for t in rules.tracks if not in_danger(t, before.tracks[t.id]) and in_danger(t, after.tracks[t.id])]


def step_cues(rules, before, after, action, events=()) -> list[str]:
    """The cues of one step, in the order they happened (each once)."""
    out: list[str] = []
    if action is not None and action.kind == "plan":
        out.append("order")
    for event in events:
        if event.kind == "reveal":
            out.append("reveal")
        elif event.kind == "card":
            out.append("card")
    if before is not None and tracks_into_danger(rules, before, after):
        out.append("danger")
    if after.ending is not None and (before is None or before.ending is None):
        out.append("ending")
    return list(dict.fromkeys(out))
