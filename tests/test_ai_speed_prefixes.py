"""The hard search's kept starts of simulated years change nothing it plays.

A search plays the same plans from one position hundreds of times with
fresh seeds; the part of the year before the first roll is played once and
kept (``ai.forward.Prefixes``), which relies on two things tested here: the
engine's flow stopped before a phase (``advance(w, stop_before)``) carries
on exactly as if it had never stopped, and a kept start is only kept when
nothing was rolled to reach it, so that starting from it with another seed
is the same as playing it with that seed.
"""

from __future__ import annotations

import random

from eurasia_game.ai.forward import Prefixes, QuietWork, copy_work, run_plans, run_plans_to
from eurasia_game.engine import new_game
from eurasia_game.engine import rng as engine_rng
from eurasia_game.engine.flow import advance
from eurasia_game.engine.state import Order
from eurasia_game.engine.work import Work

from ai_positions import scattered_work

_FIELDS = ("tracks", "standing", "power", "income", "flags", "deck", "fired", "crossed", "queue", "orders_done", "plans",
           "ending", "rng", "year", "phase", "phase_done", "dilemma", "to_act", "committed", "luck")


def _planning_positions(rules, count: int, seed: int):
    """Planning positions with both sides' plans, scattered over the board."""
    rnd = random.Random(seed)
    start = new_game(rules, None, seed)
    for _ in range(count):
        w = scattered_work(rules, start, rnd)
        w.year = rnd.randint(2019, 2029)
        w.dilemma, w.queue, w.to_act = None, [], rules.game.side_order[0]
        w.phase, w.phase_done = [p.kind for p in rules.phases].index("plan"), False
        w.armed_from = rnd.choice((2019, 2024))
        plans = {}
        for s in rules.side_ids:
            mine = [a.id for a in rules.actions if s in a.sides]
            plans[s] = tuple(Order(s, rnd.choice(mine), rnd.choice(rules.front_ids)) for _ in range(rnd.randint(0, 3)))
        yield w.freeze(), plans


def _state(w) -> tuple:
    return tuple(repr(getattr(w, name)) for name in _FIELDS)


def test_a_flow_stopped_before_the_draw_carries_on_as_if_it_had_not_stopped(rules):
    stopped_somewhere = 0
    for state, plans in _planning_positions(rules, 120, 3):
        for kind in (Work, QuietWork):
            whole, split = kind(rules, state), kind(rules, state)
            run_plans(rules, whole, plans)
            fired = run_plans_to(rules, split, plans, "events")
            if split.to_act is None and split.ending is None:
                stopped_somewhere += 1
                assert rules.phases[split.phase].kind == "events" and not split.phase_done
            advance(split, None, fired)
            assert _state(split) == _state(whole)
    assert stopped_somewhere > 100


def test_a_kept_start_with_another_seed_is_the_start_played_with_that_seed(rules):
    kept_some = skipped_some = 0
    for state, plans in _planning_positions(rules, 120, 4):
        prefixes = Prefixes()
        first, second = engine_rng.seed_state(11), engine_rng.seed_state(12)
        w = QuietWork(rules, state)
        w.rng = first
        fired = run_plans_to(rules, w, plans, "events")
        prefixes.keep("line", w, first, state.luck, fired)
        started = prefixes.start("line", second)
        fresh = QuietWork(rules, state)
        fresh.rng = second
        fresh_fired = run_plans_to(rules, fresh, plans, "events")
        if started is None:
            skipped_some += 1
            assert w.rng != first  # kept only when nothing was rolled
            continue
        kept_some += 1
        again, again_fired = started
        before = _state(again)
        assert (before, again_fired) == (_state(fresh), fresh_fired)
        advance(again, None, again_fired)
        advance(fresh, None, fresh_fired)
        assert _state(again) == _state(fresh)
        # the kept copy is the keeper's own: playing a start leaves it as it was
        assert _state(prefixes.start("line", second)[0]) == before
    assert kept_some > 50 and skipped_some > 0


def test_a_kept_start_is_a_copy_that_shares_nothing_with_the_state_kept(rules):
    state, plans = next(_planning_positions(rules, 1, 5))
    w = QuietWork(rules, state)
    seed = w.rng
    prefixes = Prefixes()
    prefixes.keep("line", w, seed, state.luck)
    w.tracks[rules.tracks[0].id] += 1
    w.flags.add("changed")
    w.deck.clear()
    one, _ = prefixes.start("line", 5)
    assert one.tracks == state.tracks and "changed" not in one.flags and list(one.deck) == list(state.deck)
    assert one.rng == 5
    one.tracks[rules.tracks[1].id] += 1
    assert prefixes.start("line", 6)[0].tracks == state.tracks
    assert copy_work(one).tracks == one.tracks
