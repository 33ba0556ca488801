"""The pure, deterministic game engine.

States are immutable; ``apply_action`` returns a new state and the events that
happened.  Randomness comes only from the generator stored in the state.
Nothing here imports pygame or reads files.
"""

from eurasia_game.engine.state import Action, GameState, LogEvent, Order, StepResult
from eurasia_game.engine.flow import ending_card, new_game, outcome, start_game
from eurasia_game.engine.moves import IllegalAction, apply_action, legal_actions, why_illegal
from eurasia_game.engine.views import GameView, view

__all__ = [
    "Action",
    "GameState",
    "GameView",
    "IllegalAction",
    "LogEvent",
    "Order",
    "StepResult",
    "apply_action",
    "ending_card",
    "legal_actions",
    "new_game",
    "outcome",
    "start_game",
    "view",
    "why_illegal",
]
