"""Playing a whole game between computer policies, with no window."""

from __future__ import annotations

from eurasia_game.session.policies import make_policy
from eurasia_game.session.session import GameSession


def play_game(rules, scenario: str | None, seed: int, players: dict[str, str], max_steps: int = 100_000, armed_from: int | None = None) -> GameSession:
    """Play ``scenario`` to its end; ``players`` maps side id -> policy name."""
    session = GameSession.new(rules, scenario, seed, players, armed_from=armed_from)
    policies = {side: make_policy(players[side], seed, side) for side in rules.side_ids}
    for _ in range(max_steps):
        state = session.state
        if state.over:
            break
        side = state.to_act
        legal = session.legal(side)
        action = policies[side].choose(rules, session.view(side), legal)
        session.act(action)
    return session
