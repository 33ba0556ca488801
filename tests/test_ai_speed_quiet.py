"""The look-ahead's quiet working copies play the year as the game's own copies do.

The computer players' look-ahead runs the engine's flow on quiet working
copies (``ai.forward.QuietWork``): they keep no log, so the engine skips
preparing the words of their log lines, carries out their orders in the
order ``interleaved_orders`` gives without building it, and fills them in
one go.  If a quiet copy ever ended a step elsewhere than the game's copy,
the computer would plan against a game other than the one it plays.  Here
both run from many scattered positions, with the base rules and with rules
given extra trends, payouts and red lines of every shape (every condition
type, 'other' and 'target', chances, cards moved, and effects that end the
game), and every part of the result is compared.
"""

from __future__ import annotations

import random

import pytest

from eurasia_game.ai.forward import QuietWork
from eurasia_game.engine import new_game
from eurasia_game.engine.compiled import compiled_quiet
from eurasia_game.engine.flow import _apply_rules, _resolve, advance
from eurasia_game.engine.state import Order
from eurasia_game.engine.work import Work
from eurasia_game.model import effects as E
from eurasia_game.model.content import RedLineDef
from eurasia_game.model.ruleset import RuleSet

from ai_positions import scattered_work

def _conditions(rules) -> list[dict]:
    """One condition of each type and shape, on the rules' own tracks, fronts, sides, flags, cards."""
    a, b = rules.side_ids
    track, other_track = rules.tracks[0].id, rules.tracks[-1].id
    front = rules.front_ids[1]
    action = rules.actions[1].id
    card = rules.events[0].id
    flag = "speed_test_flag"
    return [
        {"type": "track", "track": track, "min": 4},
        {"type": "track", "track": other_track, "max": 5},
        {"type": "track", "track": track, "min": 3, "max": 6},
        {"type": "standing", "front": front, "side": a, "min": 4},
        {"type": "standing", "front": "target", "side": b, "max": 5},
        {"type": "standing", "front": "target", "side": a, "min": 2, "max": 7},
        {"type": "standing", "front": front, "side": "other", "min": 3},
        {"type": "leads", "front": "target", "side": a, "by": 1},
        {"type": "leads", "front": front, "side": "other", "by": 2},
        {"type": "power", "side": a, "min": 3},
        {"type": "power", "side": "other", "max": 4},
        {"type": "income", "side": b, "min": 2, "max": 4},
        {"type": "year", "min": 2022},
        {"type": "year", "min": 2020, "max": 2024},
        {"type": "flag", "flag": flag},
        {"type": "fired", "card": card},
        {"type": "ordered", "side": a, "action": action, "front": "target"},
        {"type": "ordered", "side": "other", "action": action},
        {"type": "all", "of": [{"type": "flag", "flag": flag}, {"type": "track", "track": track, "min": 5}]},
        {"type": "all", "of": [{"type": "track", "track": track, "min": 2}, {"type": "year", "max": 2026}, {"type": "power", "side": b, "min": 1}]},
        {"type": "any", "of": [{"type": "track", "track": other_track, "max": 3}, {"type": "leads", "front": "target", "side": b, "by": 2}]},
        {"type": "any", "of": [{"type": "flag", "flag": flag}, {"type": "fired", "card": card}, {"type": "income", "side": a, "max": 3}]},
        {"type": "not", "of": {"type": "track", "track": track, "min": 6}},
        {"type": "not", "of": {"type": "all", "of": [{"type": "flag", "flag": flag}, {"type": "standing", "front": front, "side": a, "min": 5}]}},
    ]


def _effects(rules, ending: bool) -> list[list[dict]]:
    a, b = rules.side_ids
    track = rules.tracks[0].id
    front = rules.front_ids[2]
    card = rules.events[1].id
    lists = [
        [{"type": "track", "track": track, "delta": 2}],
        [{"type": "track", "track": rules.tracks[-1].id, "delta": -3}, {"type": "flag", "flag": "speed_test_flag"}],
        [{"type": "standing", "front": "target", "side": a, "delta": 3}],
        [{"type": "standing", "front": front, "side": "other", "delta": -2}, {"type": "standing", "front": "target", "side": b, "delta": 1}],
        [{"type": "power", "side": a, "delta": -4}, {"type": "power", "side": "other", "delta": 2}],
        [{"type": "income", "side": b, "delta": -2}],
        [{"type": "flag", "flag": "speed_test_flag", "value": False}],
        [{"type": "when", "if": {"type": "track", "track": track, "min": 5}, "then": [{"type": "power", "side": b, "delta": 1}], "else": [{"type": "track", "track": track, "delta": 1}]}],
        [{"type": "chance", "percent": 50, "then": [{"type": "track", "track": track, "delta": 1}], "else": [{"type": "income", "side": a, "delta": 1}]}],
        [{"type": "say", "text": "Something happened."}, {"type": "trigger", "card": card}],
        [{"type": "remove_card", "card": card}],
    ]
    if ending:
        lists.append([{"type": "when", "if": {"type": "track", "track": track, "min": 7}, "then": [{"type": "end", "ending": rules.endings[0].id}]}, {"type": "track", "track": track, "delta": -1}])
    return lists


def _rule(condition: dict, effects: list[dict], log: str | None = None) -> dict:
    out = {"text": "A rule for the test.", "when": condition, "effects": effects}
    if log:
        out["log"] = log
    return out


def _no_target(data) -> bool:
    """Whether a condition or effect list names no 'target' (so it may stand in a yearly rule or a red line)."""
    return "'target'" not in repr(data)


def _busy_rules(rules, ending: bool, numbers_only: bool = False) -> RuleSet:
    """The base rules with extra yearly trends, front payouts and red lines of every shape
    (``numbers_only``: their effects only move numbers and flags)."""
    conditions = _conditions(rules)
    effects = _effects(rules, ending)
    if numbers_only:
        effects = [e for e in effects if not any(x["type"] in ("chance", "say", "trigger", "remove_card", "end") for x in e)]
    anywhere = [c for c in conditions if _no_target(c)]
    anywhere_effects = [e for e in effects if _no_target(e)]
    rule_type = type(rules.yearly[0])
    yearly = [_rule(c, anywhere_effects[i % len(anywhere_effects)], "A rule fired." if i % 3 == 0 else None) for i, c in enumerate(anywhere)]
    if ending:
        yearly.append(_rule({"type": "year", "min": 2019}, effects[-1]))
    if numbers_only:  # each condition also moves a track, where the judgement sees it
        tracks = [t.id for t in rules.tracks]
        yearly += [_rule(c, [{"type": "track", "track": tracks[i % len(tracks)], "delta": 1 - 2 * (i % 2)}]) for i, c in enumerate(anywhere)]
    data = {name: getattr(rules, name) for name in RuleSet.model_fields}
    data["yearly"] = tuple(rules.yearly) + tuple(rule_type.model_validate(r) for r in yearly)
    payouts = [_rule(c, effects[(i * 7) % len(effects)], "A payout." if i % 2 else None) for i, c in enumerate(conditions)]
    fronts = []
    for i, f in enumerate(rules.fronts):
        mine = [rule_type.model_validate(r) for r in payouts[i :: len(rules.fronts)]]
        fronts.append(f.model_copy(update={"resolution": [*f.resolution, *mine]}))
    data["fronts"] = tuple(fronts)
    lines = list(rules.red_lines)
    for i, c in enumerate(anywhere[::3]):
        lines.append(RedLineDef.model_validate({
            "id": f"speed_line_{i}", "name": "A line", "text": "A line for the test.", "when": c,
            "once": i % 2 == 0, "effects": anywhere_effects[(i * 5) % len(anywhere_effects)], "log": "A line was crossed.",
        }))
    data["red_lines"] = tuple(lines)
    return RuleSet(**data)


def _positions(rules, count: int, seed: int):
    """Game states scattered over the tracks, fronts, resources, flags, cards and orders."""
    rnd = random.Random(seed)
    start = new_game(rules, None, seed)
    actions = [(a.id, a.sides) for a in rules.actions]
    for _ in range(count):
        w = scattered_work(rules, start, rnd)
        w.year = rnd.randint(2019, 2030)
        w.flags = {f for f in ("speed_test_flag", "growth_year", "rivalry_open", "referendum_held", "brinkmanship_backfired") if rnd.random() < 0.4}
        w.fired = [e.id for e in rules.events[:6] if rnd.random() < 0.3]
        w.crossed = [line.id for line in rules.red_lines if rnd.random() < 0.3]
        w.rng = rnd.getrandbits(64)
        plans = {}
        for s in rules.side_ids:
            mine = [a for a, sides in actions if s in sides]
            plans[s] = tuple(Order(s, rnd.choice(mine), rnd.choice(rules.front_ids)) for _ in range(rnd.randint(0, 3)))
        w.plans = plans
        w.orders_done = [o for p in plans.values() for o in p if rnd.random() < 0.5]
        # At the planning phase, no dilemma waiting, no card queued.
        w.dilemma, w.queue, w.to_act = None, [], rules.game.side_order[0]
        w.phase, w.phase_done = [p.kind for p in rules.phases].index("plan"), False
        w.armed_from = rnd.choice((2019, 2024, 2031))
        yield w.freeze()


_FIELDS = ("tracks", "standing", "power", "income", "flags", "deck", "fired", "crossed", "queue", "orders_done", "plans", "ending", "rng", "year")


def _same(quiet: Work, loud: Work) -> None:
    for name in _FIELDS:
        assert getattr(quiet, name) == getattr(loud, name), name


@pytest.fixture(scope="module", params=[False, True], ids=["no-ending", "with-ending"])
def busy(request, rules):
    return _busy_rules(rules, request.param)


def _ends(effects) -> bool:
    return any(isinstance(e, E.EndGame) or (isinstance(e, (E.Chance, E.When)) and (_ends(e.then) or _ends(e.otherwise))) for e in effects)


def test_the_busy_rules_have_effects_that_end_the_game_only_when_asked(rules):
    assert not any(_ends(r.effects) for r in _busy_rules(rules, False).yearly)
    assert any(_ends(r.effects) for r in _busy_rules(rules, True).yearly)


def test_a_quiet_resolution_changes_the_numbers_as_the_logged_one_does(rules, busy):
    for chosen in (rules, busy):
        for state in _positions(chosen, 150, 7):
            loud, quiet = Work(chosen, state), QuietWork(chosen, state)
            _resolve(loud)
            _resolve(quiet)
            _same(quiet, loud)
            assert quiet.events == []


def test_quiet_yearly_trends_and_payouts_change_the_numbers_as_the_logged_ones_do(rules, busy):
    for chosen in (rules, busy):
        for state in _positions(chosen, 150, 8):
            loud, quiet = Work(chosen, state), QuietWork(chosen, state)
            _apply_rules(loud, chosen.yearly, "trend")
            _apply_rules(quiet, chosen.yearly, "trend")
            for f in chosen.fronts:
                _apply_rules(loud, f.resolution, "front", target=f.id)
                _apply_rules(quiet, f.resolution, "front", target=f.id)
            _same(quiet, loud)


def test_a_quiet_year_played_on_is_the_logged_year_card_for_card(rules, busy):
    """Whole years (orders, payouts, red lines, checks, the draw, cards, income) from scattered
    positions, with the generator's own draws: a quiet copy ends where the game's copy does."""
    for chosen in (rules, busy):
        for state in _positions(chosen, 150, 12):
            loud, quiet = Work(chosen, state), QuietWork(chosen, state)
            for w in (loud, quiet):
                w.committed = list(chosen.side_ids)
                w.to_act = None
                advance(w)
            _same(quiet, loud)
            assert (quiet.phase, quiet.dilemma, quiet.to_act) == (loud.phase, loud.dilemma, loud.to_act)


def test_a_quiet_copy_has_the_fields_of_the_games_copy_with_the_quiet_closures(rules, busy):
    for chosen in (rules, busy):
        for state in _positions(chosen, 20, 14):
            quiet, loud = QuietWork(chosen, state), Work(chosen, state)
            assert list(quiet.__dict__) == list(loud.__dict__)
            assert quiet.code is compiled_quiet(chosen) and loud.code is not quiet.code
            for name, value in loud.__dict__.items():
                if name != "code":
                    assert getattr(quiet, name) == value, name
                    if isinstance(value, (dict, list, set)):
                        assert getattr(quiet, name) is not value and getattr(quiet, name) is not getattr(state, name, None), name
