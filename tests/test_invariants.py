"""Seeded random play of many games, checking the engine's invariants after every action.

For every scenario of the base rules, many games are played by picking
uniformly among the legal actions.  After every step the state must be
sound (tracks and standings in bounds, no negative power or income, exactly
one side to act unless the game is over, no year past the scenario's last),
``apply_action`` must not have changed its input, every legal action must be
accepted and every other candidate action refused with a sentence.
"""

from __future__ import annotations

import copy
import random

import pytest

from eurasia_game.engine import IllegalAction, apply_action, legal_actions, start_game, why_illegal
from eurasia_game.engine.flow import card_endings
from eurasia_game.engine.moves import candidate_actions
from eurasia_game.engine.state import Action
from eurasia_game.model.ruleset import RuleSet

GAMES_PER_SCENARIO = 80
FULL_CHECK_GAMES = 10  # games in which every legal action of every state is tried
MAX_STEPS = 5_000


def check_state(rules, state, where: str) -> None:
    """Assert every invariant of a single state."""
    for track in rules.tracks:
        value = state.tracks[track.id]
        assert track.min <= value <= track.max, f"{where}: track {track.id}={value} outside {track.min}..{track.max}"
    assert set(state.tracks) == set(rules.track_ids), f"{where}: tracks {sorted(state.tracks)}"
    for front in rules.fronts:
        for side in rules.side_ids:
            value = state.standing[front.id][side]
            assert front.min <= value <= front.max, f"{where}: {side} on {front.id}={value} outside {front.min}..{front.max}"
    for side in rules.side_ids:
        assert state.power[side] >= 0, f"{where}: {side} power {state.power[side]}"
        assert state.income[side] >= 0, f"{where}: {side} income {state.income[side]}"
    scenario = rules.scenario[state.scenario]
    assert scenario.start_year <= state.year <= scenario.end_year, f"{where}: year {state.year} outside the scenario"
    if state.over:
        assert state.to_act is None, f"{where}: a side is to act after the game ended"
        assert state.ending in rules.ending, f"{where}: unknown ending {state.ending}"
        assert state.dilemma is None
    else:
        assert state.to_act in rules.side_ids, f"{where}: to_act is {state.to_act!r}, not a side id"
        if state.dilemma is not None:
            assert state.to_act == rules.event[state.dilemma].dilemma.side, f"{where}: the wrong side answers a dilemma"
        else:
            assert rules.phases[state.phase].kind == "plan", f"{where}: waiting for a side outside the plan phase"
            assert state.to_act not in state.committed
    for side, plan in state.plans.items():
        assert len(plan) <= rules.side[side].orders_per_year, f"{where}: {side} planned too many orders"
        assert sum(rules.action[o.action].cost for o in plan) <= state.power[side], f"{where}: {side} planned beyond its power"
    assert set(state.deck) <= set(rules.event), f"{where}: unknown card in the deck"
    assert set(state.fired) <= set(rules.event)
    years = [s.year for s in state.snapshots]
    assert years == sorted(set(years)), f"{where}: snapshot years {years}"


def check_sentence(text, where: str) -> None:
    assert isinstance(text, str) and text.strip(), f"{where}: why_illegal gave {text!r}"
    assert "$" not in text, f"{where}: unfilled placeholder in {text!r}"
    assert text.rstrip()[-1] in ".!?", f"{where}: {text!r} is not a sentence"


def check_moves(rules, state, legal, full: bool, where: str) -> None:
    """Legal actions are accepted; the other candidates are refused with a sentence."""
    if state.over:
        assert legal == []
        return
    assert legal, f"{where}: the side to act has no legal action"
    assert len(set(legal)) == len(legal), f"{where}: duplicate legal actions"
    for action in legal:
        assert why_illegal(rules, state, action) is None
        if full:
            apply_action(rules, state, action)  # must not raise
    for action in candidate_actions(rules, state, state.to_act):
        if action not in legal:
            reason = why_illegal(rules, state, action)
            check_sentence(reason, f"{where} {action}")
            with pytest.raises(IllegalAction):
                apply_action(rules, state, action)
    other = next(s for s in rules.side_ids if s != state.to_act)
    assert legal_actions(rules, state, other) == [], f"{where}: the side not to act has legal actions"
    check_sentence(why_illegal(rules, state, Action("commit", other)), f"{where} wrong side")


def play_checked(rules, scenario: str, seed: int, full: bool):
    """Play one random game, checking everything after every step; return the final state."""
    chooser = random.Random(seed * 7919 + 1)
    result = start_game(rules, scenario, seed)
    state = result.state
    where = f"{scenario} seed {seed} step 0"
    check_state(rules, state, where)
    for step in range(1, MAX_STEPS):
        if state.over:
            break
        legal = legal_actions(rules, state)
        check_moves(rules, state, legal, full or step % 17 == 0, where)
        action = legal[chooser.randrange(len(legal))]
        before = copy.deepcopy(state)
        result = apply_action(rules, state, action)
        assert state == before, f"{where}: apply_action changed its input state"
        assert result.state.steps == state.steps + 1
        state = result.state
        where = f"{scenario} seed {seed} step {step} after {action}"
        check_state(rules, state, where)
    else:
        pytest.fail(f"{scenario} seed {seed}: no ending after {MAX_STEPS} steps")
    assert state.over, f"{scenario} seed {seed}: the game did not end"
    assert legal_actions(rules, state) == []
    check_sentence(why_illegal(rules, state, Action("commit", rules.side_ids[0])), "game over")
    return state


def test_random_games_keep_every_invariant(rules):
    endings = {}
    for scenario in rules.scenarios:
        for seed in range(GAMES_PER_SCENARIO):
            final = play_checked(rules, scenario.id, seed, full=seed < FULL_CHECK_GAMES)
            endings.setdefault(scenario.id, set()).add(final.ending)
            assert final.year <= scenario.end_year
    for scenario in rules.scenarios:
        assert endings.get(scenario.id), f"no game of {scenario.id} ended"


def without_sudden_endings(rules):
    """The rules with every scenario's sudden endings taken out, and the cards
    that can end a game (the tipping points) kept out of the deck, so games
    run to the end."""
    scenarios = [
        sc.model_copy(update={"endings": [e for e in sc.endings if rules.ending[e].check == "final"]})
        for sc in rules.scenarios
    ]
    events = [
        ev.model_copy(update={"in_deck": False}) if card_endings(rules, ev.id) else ev
        for ev in rules.events
    ]
    data = {name: getattr(rules, name) for name in RuleSet.model_fields}
    data["scenarios"] = tuple(scenarios)
    data["events"] = tuple(events)
    return RuleSet(**data)


def test_games_end_in_their_last_year_when_nothing_ends_them_sooner(rules):
    """With no sudden endings, every game is decided by a final ending in its last year."""
    lasting = without_sudden_endings(rules)
    for scenario in lasting.scenarios:
        for seed in range(10):
            final = play_checked(lasting, scenario.id, seed, full=False)
            assert final.year == scenario.end_year, f"{scenario.id} seed {seed}: ended in {final.year}"
            assert lasting.ending[final.ending].check == "final"
            assert [s.year for s in final.snapshots] == list(range(scenario.start_year, scenario.end_year + 1))


def test_sudden_endings_are_reached_in_random_play(rules):
    """The base game's sudden endings do end games early (and only in scenario years)."""
    for scenario in rules.scenarios:
        sudden = {e for e in scenario.endings if rules.ending[e].check == "sudden"}
        seen = set()
        for seed in range(GAMES_PER_SCENARIO):
            chooser = random.Random(seed)
            state = start_game(rules, scenario.id, seed).state
            while not state.over:
                legal = legal_actions(rules, state)
                state = apply_action(rules, state, legal[chooser.randrange(len(legal))]).state
            if state.ending in sudden:
                seen.add(state.ending)
            elif state.year != scenario.end_year:
                # Only a card that fired can end a game early with a final ending.
                assert any(state.ending in card_endings(rules, c) for c in set(state.fired)), f"{scenario.id} seed {seed}: {state.ending} in {state.year}"
        assert seen, f"no random game of {scenario.id} ended suddenly"


def test_same_seed_and_choices_give_the_same_game(rules):
    scenario = rules.game.default_scenario
    a = play_checked(rules, scenario, 123, full=False)
    b = play_checked(rules, scenario, 123, full=False)
    assert a == b
