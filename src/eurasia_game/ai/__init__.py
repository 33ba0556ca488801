"""Computer opponents: easy, normal and hard.

``LEVELS`` names them; ``eurasia_game.session.policies`` adds them to the
players a game can have the first time it is asked for one, so this package
never imports the session above it.  Every level acts only through a side's
own view and its legal actions, reads the rules (so it plays modded rules
too), and is deterministic given the game seed and its side.
"""

from eurasia_game.ai.heuristic import EasyPolicy, NormalPolicy
from eurasia_game.ai.search import HardPolicy, HardSettings

# From the weakest to the strongest: the order a player cycles through them.
LEVELS = {"easy": EasyPolicy, "normal": NormalPolicy, "hard": HardPolicy}

__all__ = ["LEVELS", "EasyPolicy", "HardPolicy", "HardSettings", "NormalPolicy"]
