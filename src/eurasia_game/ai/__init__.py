"""Computer opponents: easy, normal and hard.

Importing this package registers the levels in
``eurasia_game.session.policies.POLICIES``.  Every level acts only through a
side's own view and its legal actions, reads the rules (so it plays modded
rules too), and is deterministic given the game seed and its side.
"""

from eurasia_game.ai.heuristic import EasyPolicy, NormalPolicy
from eurasia_game.ai.search import HardPolicy, HardSettings
from eurasia_game.session.policies import POLICIES

POLICIES.setdefault("easy", EasyPolicy)
POLICIES.setdefault("normal", NormalPolicy)
POLICIES.setdefault("hard", HardPolicy)

__all__ = ["EasyPolicy", "HardPolicy", "HardSettings", "NormalPolicy"]
