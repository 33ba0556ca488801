"""Who can play a side, in the window's words: a person, or a computer level.

The new-game screen cycles through these choices and the save list names
the players of each save, so both read them from here.
"""

from __future__ import annotations

from eurasia_game.ui.controller import HUMAN
from eurasia_game.ui.strings import S


def player_choices() -> list[str]:
    from eurasia_game.session.policies import policy_names

    return [HUMAN] + policy_names()


def player_label(name: str) -> str:
    return S("player_human") if name == HUMAN else S("player_computer", level=S(f"level_{name}") if f"level_{name}" in _levels() else name)


def _levels() -> set:
    from eurasia_game.ui.strings import catalogue

    return {k for k in catalogue() if k.startswith("level_")}
