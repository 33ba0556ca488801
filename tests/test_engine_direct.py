"""Direct tests of engine lines that random play rarely pins down.

A chance is decided by ``roll < percent``: the tests pick generator states
that roll exactly on the line and one below it, so a ``<=`` (or any other
shift of the boundary) fails here instead of passing unnoticed among random
outcomes.  Red lines are crossed twice in a row, once with ``once: true`` and
once with ``once: false``, in rules with no cards or trends to get in the way.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pydantic import TypeAdapter

from eurasia_game.engine import Action, apply_action, new_game, rng
from eurasia_game.engine.work import Context, Work
from eurasia_game.model.content import RedLineDef
from eurasia_game.model.effects import Effect
from eurasia_game.model.ruleset import RuleSet

_EFFECT = TypeAdapter(Effect)


def generator_state_rolling(value: int, n: int = 100) -> int:
    """A generator state whose next ``below(n)`` is exactly ``value``."""
    for seed in range(100_000):
        state = rng.seed_state(seed)
        if rng.below(state, n)[1] == value:
            return state
    pytest.fail(f"no generator state in 100000 seeds rolls {value}")


@pytest.mark.parametrize("percent", [1, 30, 50, 99])
def test_a_chance_succeeds_on_one_below_its_percent_and_fails_exactly_on_it(rules, percent):
    track = rules.tracks[0]
    chance = _EFFECT.validate_python(
        {
            "type": "chance",
            "percent": percent,
            "then": [{"type": "track", "track": track.id, "delta": 1}],
            "else": [{"type": "track", "track": track.id, "delta": -1}],
        }
    )
    middle = (track.min + track.max) // 2
    for rolled, success in ((percent - 1, True), (percent, False)):
        w = Work(rules, new_game(rules, seed=1))
        w.rng = generator_state_rolling(rolled)
        w.tracks[track.id] = middle
        w.apply_one(chance, Context(side=rules.side_ids[0]))
        assert w.rng == rng.below(generator_state_rolling(rolled), 100)[0], "the chance used exactly one roll"
        assert w.tracks[track.id] == middle + (1 if success else -1), f"a roll of {rolled} against {percent}%"


def test_a_sure_miss_and_a_near_sure_hit_at_the_edges_of_the_die(rules):
    """Roll 0 passes every chance (percent is at least 1); roll 99 fails every one (at most 99)."""
    track = rules.tracks[0]
    middle = (track.min + track.max) // 2
    for percent in (1, 99):
        chance = _EFFECT.validate_python(
            {"type": "chance", "percent": percent, "then": [{"type": "track", "track": track.id, "delta": 1}]}
        )
        for rolled, moved in ((0, 1), (99, 0)):
            w = Work(rules, new_game(rules, seed=1))
            w.rng = generator_state_rolling(rolled)
            w.tracks[track.id] = middle
            w.apply_one(chance, Context())
            assert w.tracks[track.id] == middle + moved, f"a roll of {rolled} against {percent}%"


# --- red lines ---------------------------------------------------------------------------------


def rules_with_red_lines(rules, lines: list[dict]) -> RuleSet:
    """The base rules with only ``lines`` as red lines, and no cards or yearly trends."""
    data = {name: getattr(rules, name) for name in RuleSet.model_fields}
    data["yearly"] = ()
    data["scenarios"] = tuple(s.model_copy(update={"events_per_year": 0, "opening_cards": []}) for s in rules.scenarios)
    data["red_lines"] = tuple(RedLineDef.model_validate(line) for line in lines)
    return RuleSet(**data)


def red_line(line_id: str, once: bool, flag: str, track: str) -> dict:
    return {
        "id": line_id,
        "name": line_id,
        "text": "A line for the test.",
        "when": {"type": "flag", "flag": flag},
        "once": once,
        "effects": [{"type": "track", "track": track, "delta": 1}],
        "log": f"{line_id} was crossed.",
    }


def play_a_year_with_flags(rules, state, flags: set[str]):
    """Set ``flags`` at the start of planning, let both sides commit; the events and the next state."""
    assert rules.phases[state.phase].kind == "plan" and not state.over
    state = replace(state, flags=frozenset(state.flags | flags))
    events = []
    for side in rules.game.side_order:
        result = apply_action(rules, state, Action("commit", side))
        events += result.events
        state = result.state
    return state, events


def test_a_red_line_with_once_true_is_crossed_once_and_with_once_false_every_time(rules):
    first, second = rules.tracks[0].id, rules.tracks[1].id
    quiet = rules_with_red_lines(
        rules,
        [red_line("once_only", True, "line_once", first), red_line("every_time", False, "line_always", second)],
    )
    state = new_game(quiet, None, 0)
    assert state.dilemma is None and not state.over
    start = dict(state.tracks)
    crossings = []
    for year in range(2):
        state, events = play_a_year_with_flags(quiet, state, {"line_once", "line_always"})
        assert not state.over, f"the game ended in year {year + 1}; the test needs two"
        crossings.append([e.text for e in events if e.kind == "red_line"])
    assert crossings == [["once_only was crossed.", "every_time was crossed."], ["every_time was crossed."]]
    assert state.tracks[first] == start[first] + 1, "a once-only line's effects apply only the first time"
    assert state.tracks[second] == start[second] + 2, "a repeatable line's effects apply each time"
    assert state.crossed.count("once_only") == 1 and state.crossed.count("every_time") == 2


def test_a_red_line_whose_condition_does_not_hold_is_not_crossed(rules):
    first = rules.tracks[0].id
    quiet = rules_with_red_lines(rules, [red_line("once_only", True, "line_once", first)])
    state = new_game(quiet, None, 0)
    start = state.tracks[first]
    state, events = play_a_year_with_flags(quiet, state, set())
    assert [e for e in events if e.kind == "red_line"] == []
    assert state.tracks[first] == start and "once_only" not in state.crossed
