"""Every effect type of the closed vocabulary has a test of what it does.

``CASES`` maps each effect model to a test function; the parametrized test
runs over ``EFFECT_TYPES``, so adding a type to the vocabulary without a test
here fails the suite.  Ids come from the loaded base rules wherever possible
(first track, first front, ...) so the tests survive content changes.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pydantic import TypeAdapter, ValidationError

from eurasia_game.engine import new_game, rng
from eurasia_game.engine.flow import advance
from eurasia_game.engine.work import Context, Work
from eurasia_game.model import effects as E
from eurasia_game.model.effects import EFFECT_TYPES, Effect

_EFFECT = TypeAdapter(Effect)


def effect(data: dict):
    """An effect built the way a rule file builds it (through the tagged union)."""
    return _EFFECT.validate_python(data)


def work(rules, seed: int = 3) -> Work:
    return Work(rules, new_game(rules, seed=seed))


def sides(rules):
    return rules.side_ids


CASES = {}


def case(model):
    def register(func):
        CASES[model] = func
        return func

    return register


@case(E.ShiftTrack)
def _shift_track(rules):
    track = rules.tracks[0]
    w = work(rules)
    w.tracks[track.id] = track.min + 1
    w.apply_one(effect({"type": "track", "track": track.id, "delta": 2}), Context())
    assert w.tracks[track.id] == track.min + 3
    w.apply_one(effect({"type": "track", "track": track.id, "delta": 100}), Context())
    assert w.tracks[track.id] == track.max, "a track never goes above its max"
    w.apply_one(effect({"type": "track", "track": track.id, "delta": -100}), Context())
    assert w.tracks[track.id] == track.min, "a track never goes below its min"


@case(E.GainPower)
def _gain_power(rules):
    a, b = sides(rules)
    w = work(rules)
    w.power[a], w.power[b] = 5, 5
    w.apply_one(effect({"type": "power", "side": "self", "delta": 3}), Context(side=a))
    w.apply_one(effect({"type": "power", "side": "other", "delta": -2}), Context(side=a))
    assert (w.power[a], w.power[b]) == (8, 3), "'self' is the acting side, 'other' its partner"
    w.apply_one(effect({"type": "power", "side": b, "delta": -50}), Context())
    assert w.power[b] == 0, "power never drops below zero"


@case(E.ChangeIncome)
def _change_income(rules):
    a, b = sides(rules)
    w = work(rules)
    before = dict(w.income)
    w.apply_one(effect({"type": "income", "side": "other", "delta": 2}), Context(side=a))
    assert w.income[b] == before[b] + 2 and w.income[a] == before[a]
    w.apply_one(effect({"type": "income", "side": a, "delta": -100}), Context())
    assert w.income[a] == 0, "income never drops below zero"


@case(E.ShiftStanding)
def _shift_standing(rules):
    a, b = sides(rules)
    front = rules.fronts[-1]
    w = work(rules)
    w.standing[front.id][a] = front.min
    w.standing[front.id][b] = front.min + 2
    w.apply_one(effect({"type": "standing", "front": "target", "side": "self", "delta": 3}), Context(side=a, target=front.id))
    assert w.standing[front.id][a] == front.min + 3, "'target' is the front the action aims at"
    w.apply_one(effect({"type": "standing", "front": front.id, "side": "other", "delta": -100}), Context(side=a))
    assert w.standing[front.id][b] == front.min, "standing never goes below the front's min"
    w.apply_one(effect({"type": "standing", "front": front.id, "side": a, "delta": 100}), Context())
    assert w.standing[front.id][a] == front.max, "standing never goes above the front's max"
    others = [f.id for f in rules.fronts if f.id != front.id]
    assert all(w.standing[f] == new_game(rules, seed=3).standing[f] for f in others), "only the named front moves"


@case(E.SetFlag)
def _set_flag(rules):
    w = work(rules)
    w.apply_one(effect({"type": "flag", "flag": "test_flag"}), Context())
    assert "test_flag" in w.flags
    w.apply_one(effect({"type": "flag", "flag": "test_flag"}), Context())
    assert "test_flag" in w.flags, "setting a set flag keeps it set"
    w.apply_one(effect({"type": "flag", "flag": "test_flag", "value": False}), Context())
    assert "test_flag" not in w.flags
    assert "test_flag" not in w.freeze().flags


@case(E.Chance)
def _chance(rules):
    track = rules.tracks[0]
    data = {
        "type": "chance",
        "percent": 50,
        "success_text": "It worked for $side.",
        "failure_text": "It failed for $side.",
        "then": [{"type": "track", "track": track.id, "delta": 1}],
        "else": [{"type": "track", "track": track.id, "delta": -1}],
    }
    chance = effect(data)
    side = rules.side_ids[0]
    outcomes = set()
    for seed in range(40):
        w = work(rules, seed)
        w.tracks[track.id] = (track.min + track.max) // 2
        start_rng, middle = w.rng, w.tracks[track.id]
        w.apply_one(chance, Context(side=side))
        expected_rng, roll = rng.below(start_rng, 100)
        success = roll < 50
        assert w.rng == expected_rng, "the roll comes from the state's own generator"
        assert w.tracks[track.id] == middle + (1 if success else -1)
        word = "worked" if success else "failed"
        below = "below" if success else "not below"
        assert w.events[-1].text == f"A 50% chance: rolled {roll}, {below} 50. It {word} for {rules.side[side].name}."
        assert w.events[-1].data == (50, roll, success, "track"), "the roll is data in the log, not only words"
        outcomes.add(success)
    assert outcomes == {True, False}, "both branches happen over 40 seeds"
    # Same generator state, same outcome: the roll is reproducible.
    w1, w2 = work(rules, 11), work(rules, 11)
    w1.apply_one(chance, Context(side=side))
    w2.apply_one(chance, Context(side=side))
    assert w1.tracks == w2.tracks and w1.rng == w2.rng
    with pytest.raises(ValidationError):
        effect({**data, "percent": 100})


@case(E.When)
def _when(rules):
    track = rules.tracks[0]
    other = rules.tracks[1]
    when = effect(
        {
            "type": "when",
            "if": {"type": "track", "track": track.id, "min": track.max},
            "then": [{"type": "track", "track": other.id, "delta": 1}],
            "else": [{"type": "track", "track": other.id, "delta": -1}],
        }
    )
    w = work(rules)
    w.tracks[other.id] = (other.min + other.max) // 2
    start = w.tracks[other.id]
    w.tracks[track.id] = track.max
    rng_before = w.rng
    w.apply_one(when, Context())
    assert w.tracks[other.id] == start + 1, "'then' applies when the condition holds"
    w.tracks[track.id] = track.min
    w.apply_one(when, Context())
    assert w.tracks[other.id] == start, "'else' applies when it does not"
    assert w.rng == rng_before, "testing a condition draws nothing"


@case(E.TriggerCard)
def _trigger(rules):
    card = next(e for e in rules.events if not e.in_deck) if any(not e.in_deck for e in rules.events) else rules.events[0]
    w = work(rules)
    w.dilemma = None
    fired_before = w.fired.count(card.id)
    w.apply_one(effect({"type": "trigger", "card": card.id}), Context())
    assert w.queue[-1] == (card.id, False), "the card waits in the queue, not drawn from the deck"
    advance(w)
    assert w.fired.count(card.id) == fired_before + 1, "the flow fires a triggered card at once"
    assert any(e.card == card.id and e.kind == "card" for e in w.events)


@case(E.ShuffleIn)
def _shuffle_in(rules):
    order = [e.id for e in rules.events]
    card = rules.events[len(rules.events) // 2].id
    w = work(rules)
    w.deck = [c for c in order if c != card]
    w.apply_one(effect({"type": "shuffle_in", "card": card}), Context())
    assert w.deck == order, "the card goes back in rules order, so the draw stays deterministic"
    w.apply_one(effect({"type": "shuffle_in", "card": card}), Context())
    assert w.deck.count(card) == 1, "shuffling in a card already in the deck does not duplicate it"


@case(E.RemoveCard)
def _remove_card(rules):
    card = rules.events[0].id
    w = work(rules)
    w.deck = [e.id for e in rules.events]
    w.apply_one(effect({"type": "remove_card", "card": card}), Context())
    assert card not in w.deck and len(w.deck) == len(rules.events) - 1
    w.apply_one(effect({"type": "remove_card", "card": card}), Context())
    assert len(w.deck) == len(rules.events) - 1, "removing an absent card does nothing"


@case(E.EndGame)
def _end_game(rules):
    ending = rules.endings[0]
    track = rules.tracks[0]
    w = work(rules)
    w.tracks[track.id] = track.min
    w.apply(
        [effect({"type": "end", "ending": ending.id}), effect({"type": "track", "track": track.id, "delta": 1})],
        Context(),
    )
    state = w.freeze()
    assert state.ending == ending.id and state.over and state.to_act is None
    assert state.tracks[track.id] == track.min, "nothing applies after the game ended"
    assert w.events[-1].kind == "ending" and ending.name in w.events[-1].text
    assert state.snapshots[-1].year == state.year, "the final position is snapshotted for the debrief"
    w.apply_one(effect({"type": "end", "ending": rules.endings[-1].id}), Context())
    assert w.ending == ending.id, "the first ending reached stands"


@case(E.Say)
def _say(rules):
    a, b = sides(rules)
    front = rules.fronts[0]
    w = work(rules)
    w.apply_one(effect({"type": "say", "text": "$side and $other met over $front."}), Context(side=a, target=front.id))
    event = w.events[-1]
    assert event.kind == "say" and event.secret_for is None
    assert event.text == f"{rules.side[a].name} and {rules.side[b].name} met over {front.name}."


@pytest.mark.parametrize("model", EFFECT_TYPES, ids=lambda m: m.__name__)
def test_every_effect_type_has_a_test(rules, model):
    assert model in CASES, f"effect type {model.__name__} has no test case in tests/test_effects.py"
    CASES[model](rules)


def test_effect_tags_match_the_vocabulary():
    tags = [m.model_fields["type"].annotation.__args__[0] for m in EFFECT_TYPES]
    assert len(set(tags)) == len(tags), "two effect types share a tag"
    assert set(CASES) == set(EFFECT_TYPES), "a test case names a type outside the vocabulary"


def test_unknown_effect_type_is_refused():
    with pytest.raises(ValidationError) as info:
        effect({"type": "teleport", "track": "x", "delta": 1})
    assert "teleport" in str(info.value)


def test_effects_never_touch_the_input_state(rules):
    state = new_game(rules, seed=5)
    snapshot = replace(state)
    tracks, standing = dict(state.tracks), {f: dict(v) for f, v in state.standing.items()}
    w = Work(rules, state)
    w.apply_one(effect({"type": "track", "track": rules.tracks[0].id, "delta": 1}), Context())
    w.apply_one(effect({"type": "standing", "front": rules.fronts[0].id, "side": rules.side_ids[0], "delta": 1}), Context())
    assert state == snapshot and state.tracks == tracks and state.standing == standing
