"""Playing one game between computer players and keeping what the lab reports.

A game is summarised as plain data (numbers, strings, lists) so that it can
come back from a worker process and be written to CSV as it is.
"""

from __future__ import annotations

from eurasia_game.engine import apply_action, legal_actions, new_game, outcome, view
from eurasia_game.engine.objectives import standing
from eurasia_game.session.policies import make_policy

MAX_STEPS = 20_000


def start_tracks(rules, scenario: str) -> dict:
    setup = rules.scenario[scenario].setup
    return {t.id: setup.tracks.get(t.id, t.start) for t in rules.tracks}


def make_player(name: str, seed: int, side: str, hard=None):
    """A computer player; ``hard`` (a HardSettings) sets the hard level's budget."""
    if name == "hard" and hard is not None:
        from eurasia_game.ai import HardPolicy

        return HardPolicy(seed, side, hard)
    return make_policy(name, seed, side)


def play(rules, scenario: str, seed: int, players: dict, hard=None) -> dict:
    """Play one game; return its summary (see ``stats`` for the fields used)."""
    state = new_game(rules, scenario, seed)
    policies = {side: make_player(players[side], seed, side, hard) for side in rules.side_ids}
    choices = []
    income: dict = {}  # year -> side -> income received that year
    orders: list = []  # [year, side, action] for every order carried out
    steps = 0
    while state.ending is None and steps < MAX_STEPS:
        side = state.to_act
        legal = legal_actions(rules, state, side)
        action = policies[side].choose(rules, view(rules, state, side), legal)
        if action.kind == "choose":
            choices.append([state.dilemma, action.option, side])
        result = apply_action(rules, state, action)
        for event in result.events:
            if event.kind == "income" and len(event.data) == 2:
                income.setdefault(event.year, {})[event.data[0]] = event.data[1]
            elif event.kind == "order" and event.data and event.side:
                orders.append([event.year, event.side, event.data[0]])
        state = result.state
        steps += 1
    sc = rules.scenario[scenario]
    trajectory = [[sc.start_year - 1, start_tracks(rules, scenario)]]
    trajectory += [[snap.year, dict(snap.tracks)] for snap in state.snapshots]
    results = outcome(rules, state) if state.ending else {s: "unfinished" for s in rules.side_ids}
    return {
        "seed": seed,
        "ending": state.ending or "",
        "results": results,
        "last_year": state.year,
        "years": state.year - sc.start_year + 1,
        "steps": steps,
        "fired": list(state.fired),
        "choices": choices,
        "trajectory": trajectory,
        # the end of each year: power left, and each front's standings
        "years_detail": [
            [snap.year, dict(snap.power), {f: dict(row) for f, row in snap.standing.items()}, dict(income.get(snap.year, {}))]
            for snap in state.snapshots
        ],
        "orders": orders,
        # each side's objectives met in the final position (``tables.objectives``)
        "objectives": {s: [oid for oid, ok in standing(rules, state, s).met if ok] for s in rules.side_ids} if state.ending else {},
    }
