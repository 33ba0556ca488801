"""Computer players.  A policy sees only its side's view and legal actions.

Every policy is deterministic given the game seed and its side, so a game
against the computer replays exactly.  Stronger levels register themselves
in ``POLICIES`` from ``eurasia_game.ai`` when first asked for.
"""

from __future__ import annotations

import random
from typing import Callable, Protocol

from eurasia_game.engine import Action, GameView


class Policy(Protocol):
    name: str

    def choose(self, rules, game_view: GameView, legal: list[Action]) -> Action: ...


class RandomPolicy:
    """Picks uniformly among the legal actions."""

    name = "random"

    def __init__(self, seed: int, side: str):
        self.rng = random.Random(f"{seed}:{side}:random")

    def choose(self, rules, game_view: GameView, legal: list[Action]) -> Action:
        return legal[int(self.rng.random() * len(legal))]


POLICIES: dict[str, Callable[[int, str], Policy]] = {"random": RandomPolicy}


def policy_names() -> list[str]:
    """The computer players from the weakest level to the strongest (the order the levels
    are registered in), then the random player: the order a player cycles through them."""
    _load_more()
    return [name for name in POLICIES if name != RandomPolicy.name] + [RandomPolicy.name]


def make_policy(name: str, seed: int, side: str) -> Policy:
    _load_more()
    if name not in POLICIES:
        raise KeyError(f"unknown player '{name}'; choose one of: {', '.join(policy_names())}")
    return POLICIES[name](seed, side)


def _load_more() -> None:
    """Add the computer-opponent levels of ``eurasia_game.ai`` (imported when first needed: it is large)."""
    if "normal" in POLICIES:
        return
    from eurasia_game.ai import LEVELS

    for name, level in LEVELS.items():
        POLICIES.setdefault(name, level)
