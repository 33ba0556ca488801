"""Endings a class can learn from: arming years, rolls shown as data, what decided a game."""

from __future__ import annotations

import json

import pytest

from eurasia_game.engine import Action, apply_action, new_game, start_game
from eurasia_game.engine.decided import decided_by, roll_line, rolls
from eurasia_game.engine.flow import ending_cards
from eurasia_game.engine.state import FACILITATOR
from eurasia_game.session.autoplay import play_game
from eurasia_game.session.record import record_from_json
from eurasia_game.session.replay import replay
from eurasia_game.session.session import GameSession

RANDOM = {"moscow": "random", "beijing": "random"}


def _ending_year(session) -> int:
    return next(e.year for e in session.events(None) if e.kind == "ending")


@pytest.mark.parametrize("scenario", ["full_decade", "after_fourth_term", "two_camps_risk"])
def test_no_game_ends_before_the_armed_year(rules, scenario):
    sc = rules.scenario[scenario]
    assert sc.armed_year == (sc.start_year + sc.end_year) // 2, "the base scenarios arm endings at their midpoint"
    early = 0
    for seed in range(100):
        session = play_game(rules, scenario, seed, RANDOM)
        assert session.state.armed_from == sc.armed_year
        assert _ending_year(session) >= sc.armed_year, f"seed {seed} ended before {sc.armed_year}"
        drawn_early = [e.card for e in session.events(None) if e.kind == "card" and e.year < sc.armed_year]
        assert not set(drawn_early) & ending_cards(rules), "no tipping point is drawn before the armed year"
    # Armed from the first year, random play ends some games early: the gate is what holds them.
    for seed in range(100):
        session = play_game(rules, scenario, seed, RANDOM, armed_from=sc.start_year)
        early += _ending_year(session) < sc.armed_year
    assert early > 0


def test_arming_is_announced_and_recorded(rules):
    session = GameSession.new(rules, "after_fourth_term", seed=3, armed_from=2025)
    first = session.events(None)[0]
    assert first.kind == "armed" and first.data == (2025,) and "2025" in first.text
    record = record_from_json(session.record().to_json())
    assert record.armed_from == 2025
    assert GameSession.from_record(rules, record).state.armed_from == 2025
    # A game at the scenario's own year writes nothing extra, so older saves stay byte for byte.
    plain = GameSession.new(rules, "after_fourth_term", seed=3)
    assert "armed_from" not in json.loads(plain.record().to_json())
    with pytest.raises(ValueError, match="2031"):
        GameSession.new(rules, "after_fourth_term", seed=3, armed_from=2031)


def test_the_facilitator_moves_the_armed_year(rules):
    state = new_game(rules, "after_fourth_term", seed=1)
    arm = Action("arm", FACILITATOR, year=2024)
    result = apply_action(rules, state, arm)
    assert result.state.armed_from == 2024
    assert result.events[0].kind == "armed" and "2024" in result.events[0].text
    refused = Action("arm", FACILITATOR, year=2040)
    from eurasia_game.engine import why_illegal

    assert "2040" in why_illegal(rules, state, refused)
    # Recorded like any act, so the replay matches.
    session = GameSession.new(rules, "after_fourth_term", seed=1)
    session.act(arm)
    again = GameSession.from_record(rules, record_from_json(session.record().to_json()))
    assert again.state.armed_from == 2024


def _game_ended_by_a_roll(rules):
    """The first normal-vs-normal game of the class scenario that a tipping-point roll ends."""
    for seed in range(200):
        session = play_game(rules, "after_fourth_term", seed, {"moscow": "normal", "beijing": "normal"})
        if decided_by(rules, session.state, session.events(None)).cause == "roll":
            return session
    raise AssertionError("no game in 200 seeds was ended by a tipping-point roll")


def test_a_tipping_roll_shows_its_odds_and_result(rules):
    session = _game_ended_by_a_roll(rules)
    events = session.events(None)
    decision = decided_by(rules, session.state, events)
    assert decision.cause == "roll", decision.text
    roll = decision.roll
    assert roll.ended and roll.success and roll.stakes == "ending"
    assert roll.rolled < roll.percent
    words = f"A {roll.percent}% chance: rolled {roll.rolled}, below {roll.percent}."
    assert words in decision.text and words in events[roll.index].text
    assert decision.text.startswith("Decided by a roll:")
    listed = rolls(events, mattered_only=True)
    assert listed[-1].ended and all(r.mattered for r in listed)
    assert rules.event[roll.card].title in roll_line(rules, listed[-1])
    # The roll is data, and the same seed gives the same roll.
    again = _game_ended_by_a_roll(rules)
    assert [e.data for e in again.events(None) if e.kind == "chance"] == [e.data for e in events if e.kind == "chance"]


def test_decided_by_the_tracks_and_by_a_choice(rules):
    for seed in range(6, 100):
        final = play_game(rules, "after_fourth_term", seed, {"moscow": "normal", "beijing": "normal"})
        decision = decided_by(rules, final.state, final.events(None))
        if decision.cause == "tracks":
            break
    assert final.state.year == 2030 and decision.cause == "tracks"
    assert decision.text.startswith("Decided by the tracks: After 2030")
    # A sudden ending pushed over by an order is a player's choice.
    found = None
    for seed in range(60):
        session = play_game(rules, "after_fourth_term", seed, RANDOM)
        d = decided_by(rules, session.state, session.events(None))
        if d.cause == "choice":
            found = (session, d)
            break
    assert found is not None, "random play pushes some track over its limit with an order"
    session, d = found
    pusher = session.events(None)[d.index]
    assert pusher.kind in ("order", "chose") and pusher.text in d.text
    assert d.text.startswith("Decided by a player's choice:")


def test_a_what_if_roll_replaces_exactly_one_roll(rules):
    """The facilitator's reroll swaps the die of the n-th next chance for the given seed's."""
    from eurasia_game.engine import rng
    from eurasia_game.session.branches import roll_step

    session = _game_ended_by_a_roll(rules)
    decision = decided_by(rules, session.state, session.events(None))
    at, skip = roll_step(session, decision.roll.index)
    assert at > 0
    before = session.steps[at - 1].result.state
    what_if = apply_action(rules, before, Action("reroll", FACILITATOR, seed=3, skip=skip))
    assert what_if.state.luck == (skip, 3) and what_if.events[0].kind == "reroll"
    after = apply_action(rules, what_if.state, session.steps[at].action)
    old = [e for e in session.steps[at].result.events if e.kind == "chance"]
    new = [e for e in after.events if e.kind == "chance"]
    assert [e.data for e in new[:skip]] == [e.data for e in old[:skip]], "earlier rolls of the step stay"
    assert new[skip].card == old[skip].card == decision.roll.card, "the same card rolls again"
    assert new[skip].data[1] == rng.below(rng.seed_state(3), 100)[1], "the new die comes from the given seed"
    assert after.state.luck == ()


def test_the_what_if_line_is_kept_in_the_class_file(rules, tmp_path):
    from eurasia_game.engine import rng
    from eurasia_game.session.branches import ClassGame, read_class

    session = _game_ended_by_a_roll(rules)
    old = decided_by(rules, session.state, session.events(None)).roll
    klass = ClassGame.new(rules, session)
    line = klass.reroll()
    info = klass.branch(klass.current).info
    first = session.seed + 1
    assert info.parent == "trunk" and info.reroll_seed == first and info.fork_year == old.year
    again = [r for r in rolls(line.events(None)) if r.card == old.card and r.year == old.year][-1]
    assert again.percent == old.percent
    assert again.rolled == rng.below(rng.seed_state(first), 100)[1], "the next seed's roll"
    # A second what-if at the same roll takes the seed after.
    klass.switch("trunk")
    klass.reroll()
    assert klass.branch(klass.current).info.reroll_seed == first + 1
    path = tmp_path / "class.json"
    klass.save(path)
    loaded = read_class(path)
    assert [b.info.reroll_seed for b in loaded.branches] == [None, first, first + 1]
    reopened = loaded.open(rules)
    assert reopened.session.state == klass.session.state, "the what-if line replays exactly"


def test_the_report_lists_every_roll_that_mattered(rules):
    from eurasia_game.report.debrief import build_debrief
    from eurasia_game.report.html import ending_html
    from eurasia_game.report.markdown import ending_md

    session = _game_ended_by_a_roll(rules)
    debrief = build_debrief(rules, session.record())
    assert debrief.decided_cause == "roll" and debrief.armed_from == 2027
    ended = decided_by(rules, session.state, session.events(None)).roll
    words = f"A {ended.percent}% chance: rolled {ended.rolled}, below {ended.percent}."
    assert debrief.decided.startswith(f"Decided by a roll: {rules.event[ended.card].title}, {ended.year}. {words}")
    mattered = rolls([e for e in session.events(None)], mattered_only=True)
    assert len(debrief.rolls) == len(mattered) >= 1
    assert debrief.rolls[-1].endswith("This roll ended the game.")
    md = "\n".join(ending_md(rules, debrief))
    html = ending_html(rules, debrief)
    for text in (md, html):
        assert "Rolls that mattered" in text and "armed from 2027" in text
        assert words in text
        assert all(line.split(": ", 1)[1][:30] in text for line in debrief.rolls)


def test_the_balance_lab_counts_games_over_before_the_midpoint(rules):
    from eurasia_game.balance.runner import run_games
    from eurasia_game.balance.stats import summarise

    players = {"moscow": "random", "beijing": "random"}
    games = run_games(rules, "after_fourth_term", players, list(range(20)), jobs=1)
    early = summarise(rules, "after_fourth_term", players, games)["early"]
    assert early["before"] == 2027 == early["armed_from"]
    assert early["count"] == sum(1 for g in games if g["last_year"] < 2027) == 0, "the armed year holds in the lab too"


def test_simulate_takes_the_armed_year(rules, tmp_path, capsys):
    from eurasia_game.cli.main import main

    save = tmp_path / "g.json"
    assert main(["simulate", "--seed", "4", "--scenario", "after_fourth_term", "--armed-from", "2025", "--moscow", "random", "--beijing", "random", "--save", str(save)]) == 0
    out = capsys.readouterr().out
    assert "armed from 2025" in out
    assert record_from_json(save.read_text()).armed_from == 2025
    assert main(["simulate", "--seed", "4", "--scenario", "after_fourth_term", "--armed-from", "2040", "--moscow", "random", "--beijing", "random"]) == 2
    assert "from 2024 to 2030" in capsys.readouterr().err


def test_a_roll_before_the_first_decision_is_rolled_again_from_the_next_seed(rules):
    from eurasia_game.session.branches import ClassGame, deciding_roll

    session = GameSession.new(rules, "after_fourth_term", seed=9)
    roll = deciding_roll(rules, session)
    assert roll is not None and roll.year == 2024, "the succession card rolls before anyone decides"
    klass = ClassGame.new(rules, session)
    line = klass.reroll()
    info = klass.branch(klass.current).info
    assert info.fork_at == 0 and info.reroll_seed == 10
    assert line.seed == 10 and line.record().actions == []
    assert klass.branch("trunk").record.seed == 9, "the original line stays"


def test_no_roll_no_what_if(rules):
    from eurasia_game.session.branches import ClassGame

    session = GameSession.new(rules, "full_decade", seed=0)
    klass = ClassGame.new(rules, session)
    if not rolls(session.events(None), mattered_only=True):
        with pytest.raises(ValueError, match="no roll"):
            klass.reroll()
    with pytest.raises(ValueError, match="no roll at that place"):
        klass.reroll(event_index=0)
