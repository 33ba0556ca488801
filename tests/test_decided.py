"""What decided a game, read from hand-made logs: every branch of engine/decided.py.

The dice tests (tests/test_dice.py) look at whole games; these build the few
log events each branch needs, so a wrong index, a dropped ``ended`` mark or a
swapped cause fails here in milliseconds (and mutation testing can afford them).
"""

from __future__ import annotations

from types import SimpleNamespace

from eurasia_game.engine import decided as D
from eurasia_game.engine.describe import describe_condition
from eurasia_game.engine.state import LogEvent
from eurasia_game.model import conditions as C

CARD = "chinese_5g"


def chance(year=2024, success=True, stakes="ending", percent=30, rolled=12, card=CARD, side=None, moved=()):
    text = f"A {percent}% chance: rolled {rolled}."
    return LogEvent("chance", text, year, side=side, card=card, data=(percent, rolled, success, stakes), moved=moved)


def ending(ending_id, how, year=2024):
    return LogEvent("ending", f"The game ended: {ending_id}.", year, data=(ending_id, how))


def over(ending_id):
    return SimpleNamespace(ending=ending_id)


# --- reading rolls ---------------------------------------------------------------

def test_roll_of_reads_a_chance_event_and_nothing_else():
    roll = D.roll_of(chance(percent=40, rolled=39, success=True, stakes="track", side="moscow"), 7)
    assert roll == D.Roll(7, 2024, CARD, "moscow", 40, 39, True, "track", "A 40% chance: rolled 39.")
    assert roll.mattered and not roll.ended
    assert D.roll_of(LogEvent("order", "An order.", 2024, data=(1, 2, True, "")), 0) is None
    assert D.roll_of(LogEvent("chance", "Odd.", 2024, data=(1, 2, True)), 0) is None
    assert not D.roll_of(chance(stakes=""), 0).mattered


def test_rolls_marks_only_the_successful_roll_just_before_an_ending_by_effect():
    events = [chance(success=True, stakes="track"), chance(success=False, stakes=""), chance(success=True), ending("rupture", "effect")]
    found = D.rolls(events)
    assert [r.index for r in found] == [0, 1, 2]
    assert [r.ended for r in found] == [False, False, True]
    assert [r.index for r in D.rolls(events, mattered_only=True)] == [0, 2]
    # A missed roll before the ending did not end it; nor does a roll before an ending found by the check.
    assert not any(r.ended for r in D.rolls([chance(success=False), ending("rupture", "effect")]))
    assert not any(r.ended for r in D.rolls([chance(success=True), ending("rupture", "check")]))
    assert not any(r.ended for r in D.rolls([chance(success=True), LogEvent("order", "x", 2024), ending("rupture", "effect")]))
    assert not any(r.ended for r in D.rolls([chance(success=True)]))


def test_the_last_ending_event_is_the_one_read():
    events = [ending("rupture", "check"), chance(success=True), ending("rupture", "effect")]
    assert D.rolls(events)[0].ended
    assert D._ending_index(events) == 2
    assert D._ending_index([chance()]) is None
    assert D._ending_index([ending("rupture", "check"), chance()]) == 0
    assert D._ending_index([ending("rupture", "check"), chance(), chance()]) == 0
    assert D._how(LogEvent("ending", "x", 2024, data=("rupture",))) == "check"


def test_roll_words_and_lines(rules):
    hit = D.roll_of(chance(percent=30, rolled=23, success=True), 0)
    miss = D.roll_of(chance(percent=30, rolled=31, success=False, card=None, side="beijing"), 0)
    assert D.roll_words(rules, hit) == rules.text("roll_hit", percent=30, rolled=23)
    assert D.roll_words(rules, miss) == rules.text("roll_miss", percent=30, rolled=31)
    assert D.roll_words(rules, hit) != D.roll_words(rules, miss)
    assert D.roll_line(rules, hit) == f"2024 · {rules.event[CARD].title}: {hit.text}"
    assert D.roll_line(rules, miss) == f"2024 · {rules.side['beijing'].name}: {miss.text}"
    nobody = D.roll_of(chance(card=None, side=None), 0)
    assert D.roll_line(rules, nobody) == f"2024 · {nobody.text}"


# --- what decided the game -------------------------------------------------------

def test_a_game_still_running_or_without_an_ending_event_has_no_decision(rules):
    assert D.decided_by(rules, over(None), [ending("rupture", "effect")]) is None
    assert D.decided_by(rules, over("rupture"), [chance()]) is None


def test_an_ending_by_effect_after_a_successful_roll_was_decided_by_the_roll(rules):
    events = [LogEvent("order", "An order.", 2023), chance(year=2025), ending("rupture", "effect", year=2025)]
    decision = D.decided_by(rules, over("rupture"), events)
    assert decision.cause == "roll" and decision.index == 1
    assert decision.roll is not None and decision.roll.ended and decision.roll.index == 1
    what = f"{rules.event[CARD].title}, 2025. {events[1].text}"
    assert decision.text == rules.text("decided_roll", what=what)
    untitled = [chance(year=2025, card="not_a_card"), ending("rupture", "effect", year=2025)]
    assert D.decided_by(rules, over("rupture"), untitled).text == rules.text("decided_roll", what=f"2025. {untitled[0].text}")


def test_an_ending_by_effect_after_a_choice_was_decided_by_the_choice(rules):
    for kind in ("order", "chose"):
        events = [chance(), LogEvent(kind, "Moscow chose to climb down.", 2026), ending("client_state", "effect", year=2027)]
        decision = D.decided_by(rules, over("client_state"), events)
        assert (decision.cause, decision.index, decision.roll) == ("choice", 1, None)
        assert decision.text == rules.text("decided_choice", what="Moscow chose to climb down. (2026)")


def test_an_ending_by_effect_after_anything_else_was_decided_by_the_event(rules):
    missed = [chance(success=False), ending("rupture", "effect", year=2026)]
    decision = D.decided_by(rules, over("rupture"), missed)
    assert (decision.cause, decision.index, decision.roll) == ("event", 0, None)
    assert decision.text == rules.text("decided_event", what=f"{missed[0].text} (2026)")
    alone = D.decided_by(rules, over("rupture"), [ending("rupture", "effect", year=2026)])
    assert (alone.cause, alone.index) == ("event", None)
    assert alone.text == rules.text("decided_event", what=f"{rules.ending['rupture'].name} (2026)")


def test_a_final_ending_was_decided_by_the_tracks(rules):
    final = rules.ending["two_camps"]
    decision = D.decided_by(rules, over("two_camps"), [chance(), ending("two_camps", "check", year=2030)])
    what = f"after 2030, {describe_condition(rules, final.condition)}."
    assert (decision.cause, decision.roll, decision.index) == ("tracks", None, None)
    assert decision.text == rules.text("decided_tracks", what=what[0].upper() + what[1:])
    fallback = next(e for e in rules.endings if e.check != "sudden" and e.condition is None)
    decision = D.decided_by(rules, over(fallback.id), [ending(fallback.id, "check", year=2030)])
    assert decision.text == rules.text("decided_tracks", what="After 2030, none of the other futures' conditions held.")


def test_a_sudden_ending_names_the_last_push_on_its_track(rules):
    sudden = rules.ending["rupture"]
    track = next(iter(D._tracks_in(sudden.condition)))
    reached = f"{describe_condition(rules, sudden.condition)} in 2027"
    reached = reached[0].upper() + reached[1:]
    other = next(t.id for t in rules.tracks if t.id != track)

    def decide(push):
        elsewhere = LogEvent("order", "Moved another track.", 2027, moved=((other, -1),))
        return D.decided_by(rules, over("rupture"), [push, elsewhere, ending("rupture", "check", year=2027)])

    by_order = decide(LogEvent("order", "Beijing pressed hard.", 2026, moved=((track, -2),)))
    assert (by_order.cause, by_order.index, by_order.roll) == ("choice", 0, None)
    assert by_order.text == rules.text("decided_choice", what=f"{reached}; the last push: Beijing pressed hard. (2026)")

    roll_event = chance(year=2026, moved=((track, -1),))
    by_roll = decide(roll_event)
    assert (by_roll.cause, by_roll.index) == ("roll", 0)
    assert by_roll.roll == D.roll_of(roll_event, 0)
    assert by_roll.text == rules.text("decided_roll", what=f"{reached}; the last push: {roll_event.text} (2026)")

    by_trend = decide(LogEvent("trend", "The rivalry deepened.", 2026, moved=((track, -1),)))
    assert by_trend.cause == "tracks"
    assert by_trend.text == rules.text("decided_tracks", what=f"{reached}; the last push: The rivalry deepened. (2026)")

    silent = decide(LogEvent("upkeep", "Silent words.", 2026, moved=((track, -1),)))
    assert silent.cause == "tracks"
    assert silent.text == rules.text("decided_tracks", what=f"{reached}; the last push: the year's trends (2026)")

    # the push just before the ending, and a roll read back at its own place in the log
    late_roll = chance(year=2027, moved=((track, -1),))
    last = D.decided_by(rules, over("rupture"), [LogEvent("order", "x", 2026), late_roll, ending("rupture", "check", year=2027)])
    assert (last.cause, last.index, last.roll) == ("roll", 1, D.roll_of(late_roll, 1))

    nothing = D.decided_by(rules, over("rupture"), [LogEvent("order", "x", 2027), ending("rupture", "check", year=2027)])
    assert (nothing.cause, nothing.index) == ("tracks", None)
    assert nothing.text == rules.text("decided_tracks", what=f"{reached}.")


def test_the_tracks_of_a_condition_are_found_through_all_any_and_not():
    a = C.TrackIs(type="track", track="partnership", max=0)
    b = C.TrackIs(type="track", track="regime", min=3)
    c = C.TrackIs(type="track", track="autonomy", max=1)
    assert D._tracks_in(None) == set()
    assert D._tracks_in(a) == {"partnership"}
    assert D._tracks_in(C.AllOf(type="all", of=[a, C.AnyOf(type="any", of=[b, C.NotOf(type="not", of=c)])])) == {"partnership", "regime", "autonomy"}
    assert D._tracks_in(C.NotOf(type="not", of=b)) == {"regime"}
