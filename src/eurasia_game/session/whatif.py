"""What if a table had answered a dilemma the other way?  The same seed, replayed with the other option.

For every dilemma choice in a record, ``dilemma_forks`` replays the game up
to that choice, takes each other option the side could afford instead, and
then gives the same later decisions as the record for as long as they stay
legal.  From the first one that no longer fits, a computer player finishes
the game for both sides (the record's own computer players where it had
them), so every fork reaches an ending.  The engine is deterministic, so the
same record always gives the same forks.
"""

from __future__ import annotations

from dataclasses import dataclass

from eurasia_game.engine import IllegalAction
from eurasia_game.session.policies import make_policy, policy_names
from eurasia_game.session.record import GameRecord
from eurasia_game.session.replay import replay_steps
from eurasia_game.session.session import GameSession

# Who finishes a fork once the record's decisions no longer fit: a quick,
# fixed level, so a report never waits on a search.
FILLER = "normal"
_SLOW = {"hard"}
MAX_STEPS = 20_000


@dataclass(frozen=True)
class Fork:
    """One dilemma answered the other way."""

    index: int  # the choice's place in the record's actions
    year: int
    side: str
    card: str
    chosen: str  # the option the table took
    other: str  # the option replayed instead
    record: GameRecord  # the whole replayed game
    followed: int  # later decisions of the record that were given unchanged
    later: int  # how many later decisions the record had
    left_year: int | None  # the year from which a computer played on (None: the record was followed to the end)


def _filler(record: GameRecord, side: str) -> str:
    name = record.players.get(side)
    return name if name in policy_names() and name not in _SLOW else FILLER


def dilemma_forks(rules, record: GameRecord, limit: int = 24) -> list[Fork]:
    """Every dilemma choice of ``record`` replayed with each other option it could afford."""
    states = [result.state for result in replay_steps(rules, record)]
    finish = bool(states) and states[-1].over
    forks: list[Fork] = []
    for index, entry in enumerate(record.actions):
        if entry.kind != "choose" or index >= len(states):
            continue
        before = states[index]
        card = before.dilemma
        if card is None:
            continue
        session = GameSession.from_record(rules, record.model_copy(update={"actions": list(record.actions[:index]), "checksum": None}))
        options = [a for a in session.legal(entry.side) if a.kind == "choose" and a.option != entry.option]
        for alternative in options:
            if len(forks) >= limit:
                return forks
            forks.append(_play_fork(rules, record, index, before.year, card, entry, alternative, finish))
    return forks


def _play_fork(rules, record: GameRecord, index: int, year: int, card: str, entry, alternative, finish: bool = True) -> Fork:
    session = GameSession.from_record(rules, record.model_copy(update={"actions": list(record.actions[:index]), "checksum": None}))
    session.act(alternative)
    later = record.actions[index + 1 :]
    followed = 0
    left_year = None
    for item in later:
        if session.over:
            break
        try:
            session.act(item.to_action())
        except IllegalAction:
            left_year = session.state.year
            break
        followed += 1
    if not finish:  # the table's game is not over: compare it as far as it went
        return Fork(index, year, entry.side, card, entry.option, alternative.option, session.record(), followed, len(later), left_year)
    if not session.over and left_year is None:
        left_year = session.state.year  # the record ended before the game did
    policies = {side: make_policy(_filler(record, side), record.seed, side) for side in rules.side_ids}
    steps = 0
    while not session.over and steps < MAX_STEPS:
        side = session.state.to_act
        legal = session.legal(side)
        if not legal:
            break
        session.act(policies[side].choose(rules, session.view(side), legal))
        steps += 1
    return Fork(index, year, entry.side, card, entry.option, alternative.option, session.record(), followed, len(later), left_year)
