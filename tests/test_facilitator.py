"""The seminar facilitator's acts in the engine: injects, notes, pauses, the timer.

They are recorded like the sides' actions, so a replay must reproduce them,
and they must never leak into a side's legal actions or break the rule that
exactly one side (or nobody, once the game is over) is to act.
"""

from __future__ import annotations

import random

import pytest

from eurasia_game.engine import IllegalAction, apply_action, legal_actions, new_game, view, why_illegal
from eurasia_game.engine.facilitator import facilitator_injectable
from eurasia_game.engine.state import FACILITATOR, Action
from eurasia_game.engine.views import visible
from eurasia_game.engine.work import holds
from eurasia_game.session.record import record_from_json
from eurasia_game.session.session import GameSession


def inject(card, mode="now"):
    return Action("inject", FACILITATOR, card=card, mode=mode)


def to_planning(rules, session):
    """Answer dilemmas with their first option until a side is planning."""
    while session.state.dilemma is not None:
        session.act(next(a for a in session.legal() if a.kind == "choose"))
    assert rules.phases[session.state.phase].kind == "plan"


def play_year(session):
    """Commit (or take the first choice) until the year changes."""
    year = session.state.year
    while session.state.year == year and not session.over:
        legal = session.legal()
        session.act(next(a for a in legal if a.kind in ("commit", "choose")))


def test_note_is_logged_and_changes_nothing_else(rules):
    session = GameSession.new(rules, None, 5)
    before = session.state
    result = session.act(Action("note", FACILITATOR, text="  Ask the Beijing team why it waited.  "))
    (event,) = result.events
    assert event.kind == "note" and event.year == before.year
    assert "Ask the Beijing team why it waited." in event.text
    assert event.data == ("Ask the Beijing team why it waited.",)
    assert result.state.tracks == before.tracks and result.state.to_act == before.to_act
    assert result.state.steps == before.steps + 1
    assert result.undoable


@pytest.mark.parametrize("text", ["", "   ", "x" * 501])
def test_bad_notes_are_refused_with_a_sentence(rules, text):
    state = new_game(rules, None, 5)
    reason = why_illegal(rules, state, Action("note", FACILITATOR, text=text))
    assert reason and "500" in reason


def test_only_the_facilitator_acts_as_facilitator(rules):
    state = new_game(rules, None, 5)
    side = state.to_act
    assert why_illegal(rules, state, Action("note", side, text="hello")) == rules.text("illegal_facilitator_only")
    assert why_illegal(rules, state, Action("commit", FACILITATOR)) == rules.text("illegal_facilitator_kind")
    with pytest.raises(IllegalAction):
        apply_action(rules, state, Action("inject", side, card=state.deck[0], mode="now"))


def test_facilitator_acts_are_never_a_sides_legal_actions(rules):
    session = GameSession.new(rules, None, 9)
    for _ in range(60):
        if session.over:
            break
        for side in rules.side_ids:
            assert all(a.kind in ("plan", "commit", "choose") and a.side == side for a in session.legal(side))
        session.act(session.legal()[-1])


def test_inject_now_fires_the_card_and_marks_it(rules):
    session = GameSession.new(rules, None, 11)
    to_planning(rules, session)
    card = facilitator_injectable(rules, session.state)[0]
    result = session.act(inject(card))
    fired = [e for e in result.events if e.kind == "card"]
    assert fired[0].card == card and fired[0].data == ("now",)
    assert fired[0].text == rules.text("card_injected", title=rules.event[card].title)
    assert card in session.state.fired
    assert session.state.to_act in rules.side_ids
    assert not result.undoable


def test_injectable_cards_are_exactly_the_legal_unforced_injects(rules):
    session = GameSession.new(rules, None, 13)
    to_planning(rules, session)
    state = session.state
    listed = set(facilitator_injectable(rules, state))
    assert listed
    for card in rules.events:
        allowed = why_illegal(rules, state, inject(card.id)) is None
        assert allowed == (card.id in listed), card.id
        assert why_illegal(rules, state, inject(card.id, "forced")) is None or card.id in {c for c, _ in state.queue} | {state.dilemma}


def test_forcing_sets_the_conditions_aside_and_says_so(rules):
    session = GameSession.new(rules, None, 17)
    to_planning(rules, session)
    state = session.state
    blocked = [c for c in state.deck if not holds(rules, state, rules.event[c].condition)]
    assert blocked, "the base deck should hold a card whose conditions fail at the start"
    card = blocked[0]
    title = rules.event[card].title
    assert why_illegal(rules, state, inject(card)) == rules.text("illegal_inject_condition", title=title)
    result = session.act(inject(card, "forced"))
    fired = next(e for e in result.events if e.kind == "card")
    assert fired.card == card and fired.data == ("forced",)
    assert fired.text == rules.text("card_forced", title=title)


def test_spent_cards_need_forcing(rules):
    session = GameSession.new(rules, None, 19)
    to_planning(rules, session)
    spent = next(e.id for e in rules.events if e.id not in session.state.deck and e.id != session.state.dilemma)
    assert "force" in why_illegal(rules, session.state, inject(spent))


def test_inject_next_is_secret_and_fires_at_the_next_events_phase(rules):
    session = GameSession.new(rules, None, 23)
    to_planning(rules, session)
    year = session.state.year
    card = facilitator_injectable(rules, session.state)[0]
    result = session.act(inject(card, "next"))
    (event,) = result.events
    assert event.kind == "inject" and event.secret_for == FACILITATOR
    assert not visible(event, None) and not any(visible(event, s) for s in rules.side_ids)
    assert session.state.injects == ((card, "next"),)
    assert card not in session.state.fired
    assert why_illegal(rules, session.state, inject(card, "now")) == rules.text("illegal_inject_waiting", title=rules.event[card].title)
    play_year(session)
    assert session.state.year == year + 1
    fired = [e for e in session.events(everything=True) if e.kind == "card" and e.card == card]
    assert fired and fired[0].year == year + 1 and fired[0].data == ("next",)
    assert session.state.injects == ()


def test_inject_now_waits_for_an_open_dilemma(rules):
    for seed in range(40):
        session = GameSession.new(rules, None, seed)
        if session.state.dilemma is not None:
            break
    else:  # pragma: no cover - the base deck opens with dilemmas often
        pytest.fail("no seed opened with a dilemma")
    dilemma = session.state.dilemma
    card = facilitator_injectable(rules, session.state)[0]
    result = session.act(inject(card))
    assert [e.kind for e in result.events] == ["inject"]
    assert session.state.dilemma == dilemma and session.state.to_act == rules.event[dilemma].dilemma.side
    after = session.act(next(a for a in session.legal() if a.kind == "choose"))
    assert any(e.kind == "card" and e.card == card for e in after.events)


def test_time_up_commit_commits_planning_as_it_stands(rules):
    session = GameSession.new(rules, None, 29)
    to_planning(rules, session)
    side = session.state.to_act
    plan = next(a for a in session.legal() if a.kind == "plan")
    session.act(plan)
    result = session.act(Action("time_up", FACILITATOR, target=side, mode="commit", seconds=90))
    assert result.events[0].kind == "time_up" and "1:30" in result.events[0].text
    assert result.events[0].text == rules.text("time_up_commit", side=rules.side[side].name, time="1:30")
    assert side in session.state.committed or session.state.to_act != side
    assert any(e.kind == "committed" for e in result.events)


def test_time_up_warn_only_marks_the_log(rules):
    session = GameSession.new(rules, None, 31)
    to_planning(rules, session)
    before = session.state
    result = session.act(Action("time_up", FACILITATOR, target=before.to_act, mode="warn", seconds=60))
    assert [e.kind for e in result.events] == ["time_up"]
    assert result.state.to_act == before.to_act and result.state.plans == before.plans


def test_time_up_in_a_dilemma_takes_the_first_affordable_option(rules):
    for seed in range(40):
        session = GameSession.new(rules, None, seed)
        if session.state.dilemma is not None:
            break
    else:  # pragma: no cover - the base deck opens with dilemmas often
        pytest.fail("no seed in 40 opened with a dilemma")
    side = session.state.to_act
    first = next(a for a in session.legal() if a.kind == "choose")
    result = session.act(Action("time_up", FACILITATOR, target=side, mode="commit", seconds=45))
    assert result.events[0].kind == "time_up" and result.events[0].data == ("commit",)
    assert result.events[0].text == rules.text("time_up_choice", side=rules.side[side].name, time="0:45")
    chose = next(e for e in result.events if e.kind == "chose")
    assert chose.data == (first.option,)
    assert not result.undoable


def test_time_up_only_for_the_side_to_act_and_known_rules(rules):
    state = new_game(rules, None, 3)
    other = next(s for s in rules.side_ids if s != state.to_act)
    assert why_illegal(rules, state, Action("time_up", FACILITATOR, target=other, mode="commit")).startswith("Time can only run out")
    assert "warn or commit" in why_illegal(rules, state, Action("time_up", FACILITATOR, target=state.to_act, mode="explode"))


def test_a_record_with_facilitator_acts_replays_exactly(rules):
    session = GameSession.new(rules, None, 37)
    session.act(Action("pause", FACILITATOR, text="What does Moscow want?"))
    to_planning(rules, session)
    cards = facilitator_injectable(rules, session.state)
    session.act(inject(cards[0], "next"))
    session.act(Action("note", FACILITATOR, text="Moscow hesitated over the Arctic."))
    session.act(Action("time_up", FACILITATOR, target=session.state.to_act, mode="commit", seconds=120))
    play_year(session)
    blocked = next(c for c in rules.event if why_illegal(rules, session.state, inject(c)) and not why_illegal(rules, session.state, inject(c, "forced")))
    session.act(inject(blocked, "forced"))
    rng = random.Random(1)
    while not session.over:
        session.act(rng.choice(session.legal()))
    session.act(Action("note", FACILITATOR, text="Debrief: the forced card decided it."))
    text = session.record().to_json()
    again = GameSession.from_record(rules, record_from_json(text))
    assert again.state == session.state
    assert again.events(everything=True) == session.events(everything=True)
    kinds = {a.kind for a in record_from_json(text).actions}
    assert {"inject", "note", "pause", "time_up"} <= kinds


def test_random_play_with_injects_keeps_one_side_to_act(rules):
    rng = random.Random(7)
    for seed in range(6):
        session = GameSession.new(rules, None, seed)
        while not session.over:
            state = session.state
            assert state.to_act in rules.side_ids
            if rng.random() < 0.15:
                mode = rng.choice(["now", "next", "forced", "forced_next"])
                cards = [c for c in rules.event if why_illegal(rules, state, inject(c, mode)) is None]
                if cards:
                    session.act(inject(rng.choice(cards), mode))
                    continue
            session.act(rng.choice(legal_actions(rules, state)))
        assert session.state.to_act is None
        for side in rules.side_ids:
            assert legal_actions(rules, session.state, side) == []


def test_log_events_carry_what_they_moved(rules):
    session = GameSession.new(rules, None, 41)
    rng = random.Random(2)
    while not session.over:
        before = session.state
        result = session.act(rng.choice(session.legal()))
        after = result.state
        for track in rules.track_ids:
            moved = sum(d for e in result.events for k, d in e.moved if k == track)
            assert moved == after.tracks[track] - before.tracks[track]
        for front in rules.front_ids:
            for side in rules.side_ids:
                moved = sum(d for e in result.events for k, d in e.moved if k == f"{front}/{side}")
                assert moved == after.standing[front][side] - before.standing[front][side]


def test_public_view_does_not_show_queued_injects(rules):
    session = GameSession.new(rules, None, 43)
    to_planning(rules, session)
    session.act(inject(facilitator_injectable(rules, session.state)[0], "next"))
    public = view(rules, session.state, None)
    assert not hasattr(public, "injects")
    assert all(e.kind != "inject" for e in session.events(None))
