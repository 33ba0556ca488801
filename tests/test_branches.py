"""Rewinding a class's game to an earlier year, keeping the original line."""

from __future__ import annotations

import json
import random

import pytest

from eurasia_game.engine.state import FACILITATOR, Action
from eurasia_game.session.branches import TRUNK, ClassGame, TimerSettings, class_from_json, read_class, year_starts
from eurasia_game.session.record import RecordError
from eurasia_game.session.replay import replay
from eurasia_game.session.session import GameSession


def play(session, rng, years=None):
    """Calm random play (often just committing) for ``years`` years, or to the end."""
    start = session.state.year
    while not session.over and (years is None or session.state.year < start + years):
        legal = session.legal()
        commits = [a for a in legal if a.kind == "commit"]
        session.act(commits[0] if commits and rng.random() < 0.6 else rng.choice(legal))


@pytest.fixture
def game(rules):
    """A class game four years in (the first seed whose game lasts that long)."""
    for seed in range(100, 200):
        session = GameSession.new(rules, None, seed, {"moscow": "human", "beijing": "human"})
        play(session, random.Random(seed), years=4)
        if not session.over:
            break
    assert not session.over, "no calm game lasted four years"
    return ClassGame.new(rules, session, title="Seminar B, table 2", timer=TimerSettings(seconds=180, rule="commit", preset="75"))


def test_year_starts_point_at_each_years_first_decision(rules, game):
    record = game.session.record()
    starts = year_starts(rules, record)
    first = rules.scenario[record.scenario].start_year
    assert list(starts) == list(range(first, first + 5))
    assert starts[first] == 0
    assert list(starts.values()) == sorted(starts.values())
    session = GameSession.from_record(rules, record)
    for year, at in starts.items():
        state = session.steps[at].result.state
        assert state.year == year
        assert at == 0 or session.steps[at - 1].result.state.year == year - 1


def test_rewind_starts_a_branch_and_keeps_the_original(rules, game):
    trunk_before = game.session.record()
    year = rules.scenario[trunk_before.scenario].start_year + 2
    at = year_starts(rules, trunk_before)[year]
    session = game.rewind(year)
    assert game.current != TRUNK and session is game.session
    assert session.state.year == year
    assert session.record().actions == trunk_before.actions[:at]
    # The branch opens with a different move from the original line's, then plays on.
    original = trunk_before.actions[at]
    different = [a for a in session.legal() if (a.kind, a.action, a.target, a.option) != (original.kind, original.action, original.target, original.option)]
    session.act(different[0])
    play(session, random.Random(99), years=2)
    game.sync()
    assert game.branch(TRUNK).record.actions == trunk_before.actions
    branch = game.branch(game.current)
    assert branch.info.parent == TRUNK and branch.info.fork_year == year and branch.info.fork_at == at
    assert branch.record.actions[:at] == trunk_before.actions[:at]
    assert branch.record.actions != trunk_before.actions
    for line in game.branches:  # every line replays on its own
        replay(rules, line.record)


def test_a_branch_of_a_branch_names_its_parent(rules, game):
    first = rules.scenario[game.session.scenario].start_year
    game.rewind(first + 3)
    play(game.session, random.Random(5), years=1)
    parent = game.current
    game.rewind(first + 1)
    assert game.branch(game.current).info.parent == parent
    assert len(game.branches) == 3


def test_rewinding_where_it_cannot_says_why(rules, game):
    with pytest.raises(ValueError, match="never reached the start of 2090"):
        game.rewind(2090)
    record = game.session.record()
    starts = year_starts(rules, record)
    assert game.rewind_years() == [y for y in starts if starts[y] < len(record.actions)]
    fresh = ClassGame.new(rules, GameSession.new(rules, None, 3))
    with pytest.raises(ValueError, match="nothing has been played"):
        fresh.rewind(fresh.session.state.year)


def test_switching_lines_continues_where_each_stood(rules, game):
    trunk_state = game.session.state
    game.rewind(rules.scenario[game.session.scenario].start_year + 1)
    game.session.act(Action("note", FACILITATOR, text="We try the other choice here."))
    session = game.switch(TRUNK)
    assert session.state == trunk_state
    back = game.switch("b1")
    assert back.record().actions[-1].text == "We try the other choice here."


def test_a_class_saves_and_reads_back(rules, game, tmp_path):
    game.rewind(rules.scenario[game.session.scenario].start_year + 1)
    play(game.session, random.Random(3), years=1)
    path = tmp_path / "class.json"
    game.save(path)
    back = read_class(path)
    assert back.title == "Seminar B, table 2" and back.current == game.current
    assert back.timer == TimerSettings(seconds=180, rule="commit", preset="75")
    assert [b.info for b in back.branches] == [b.info for b in game.branches]
    assert [b.record.actions for b in back.branches] == [b.record.actions for b in game.branches]
    reopened = back.open(rules)
    assert reopened.session.state == game.session.state


def test_a_damaged_class_file_is_refused_with_a_sentence(rules, game, tmp_path):
    game.rewind(rules.scenario[game.session.scenario].start_year + 1)
    text = game.to_json()
    data = json.loads(text)
    data["title"] = "edited"
    with pytest.raises(RecordError, match="checksum"):
        class_from_json(json.dumps(data))
    with pytest.raises(RecordError):
        class_from_json("{not json")
    path = tmp_path / "missing.json"
    with pytest.raises(RecordError, match="there is no save"):
        read_class(path)


def test_a_single_game_record_reads_as_a_class_of_one_line(rules, game):
    back = class_from_json(game.session.record().to_json())
    assert len(back.branches) == 1 and back.branches[0].info.id == TRUNK
    assert back.branches[0].record.actions == game.session.record().actions
