"""Between the engine and the players: records, saves, replays, undo and policies.

A game is its record (rules fingerprint, scenario, seed, actions); everything
else is derived by folding ``apply_action`` over it.
"""
