"""The two compilations of a shift agree, at and across every bound.

The engine compiles track and standing shifts twice: the loud closures note
what they moved (``Work.moves``, the pairs a log line carries to the
debrief), the quiet ones of the computer's look-ahead (``compiled_quiet``)
skip the note for speed.  Both must clamp exactly alike, or the computer
would plan against a game that differs from the one it plays.  Each shape
of shift the compiler special-cases (a track; a side's own standing at the
order's front; a named side at a named front; a named side at the order's
front; the other side; a named front for the acting side) is applied from
each bound and the middle, by deltas that stay inside, reach and overshoot
the bounds, and compared with the clamp worked out here.
"""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from eurasia_game.engine import new_game
from eurasia_game.engine.compiled import Compiled, compiled, compiled_quiet
from eurasia_game.engine.work import Context, Work
from eurasia_game.model.effects import Effect

_EFFECT = TypeAdapter(Effect)
DELTAS = (-100, -3, -1, 0, 1, 3, 100)


def _shapes(rules):
    """(effect data, how to find the moved value from a context) for each special-cased shape."""
    front = rules.fronts[0].id
    first, second = rules.side_ids
    track = rules.tracks[0].id
    return [
        ({"type": "track", "track": track}, lambda ctx: ("track", track)),
        ({"type": "standing", "front": "target", "side": "self"}, lambda ctx: ("standing", ctx.target, ctx.side)),
        ({"type": "standing", "front": front, "side": second}, lambda ctx: ("standing", front, second)),
        ({"type": "standing", "front": "target", "side": second}, lambda ctx: ("standing", ctx.target, second)),
        ({"type": "standing", "front": "target", "side": "other"}, lambda ctx: ("standing", ctx.target, second)),
        ({"type": "standing", "front": front, "side": "self"}, lambda ctx: ("standing", front, first)),
    ]


def _bounds(rules, where):
    if where[0] == "track":
        t = rules.track[where[1]]
        return t.min, t.max
    f = rules.front[where[1]]
    return f.min, f.max


def _read(w: Work, where):
    return w.tracks[where[1]] if where[0] == "track" else w.standing[where[1]][where[2]]


def _write(w: Work, where, value):
    if where[0] == "track":
        w.tracks[where[1]] = value
    else:
        w.standing[where[1]][where[2]] = value


def _apply(code: Compiled, rules, effect, where, start, ctx) -> Work:
    w = Work(rules, new_game(rules, seed=1))
    _write(w, where, start)
    w.moves = {}
    code.effect(effect)(w, ctx)
    return w


def _key(where):
    return where[1] if where[0] == "track" else f"{where[1]}/{where[2]}"


@pytest.mark.parametrize("shape", range(6))
def test_loud_and_quiet_shifts_clamp_alike_and_only_the_loud_one_notes_the_move(rules, shape):
    data, locate = _shapes(rules)[shape]
    first = rules.side_ids[0]
    # the order's front is not the first front, so a shift that ignores the target shows
    ctx = Context(side=first, target=rules.fronts[-1].id)
    where = locate(ctx)
    lo, hi = _bounds(rules, where)
    loud, quiet = compiled(rules), compiled_quiet(rules)
    assert loud.keep_moves and not quiet.keep_moves
    checked = 0
    for start in sorted({lo, lo + 1, (lo + hi) // 2, hi - 1, hi}):
        for delta in DELTAS:
            effect = _EFFECT.validate_python({**data, "delta": delta})
            expected = max(lo, min(hi, start + delta))
            w_loud = _apply(loud, rules, effect, where, start, ctx)
            w_quiet = _apply(quiet, rules, effect, where, start, ctx)
            assert _read(w_loud, where) == expected, (data, start, delta)
            assert _read(w_quiet, where) == expected, (data, start, delta)
            # nothing else moved, in either
            for w in (w_loud, w_quiet):
                _write(w, where, start)
                fresh = Work(rules, new_game(rules, seed=1))
                _write(fresh, where, start)
                assert w.tracks == fresh.tracks and w.standing == fresh.standing, (data, start, delta)
            if expected == start:
                assert w_loud.moves.get(_key(where), 0) == 0
            else:
                assert w_loud.moves == {_key(where): expected - start}, (data, start, delta)
            assert w_quiet.moves == {}
            checked += 1
    assert checked >= len(DELTAS) * 3


def test_loud_moves_add_up_over_several_shifts_of_one_value(rules):
    """Two shifts of one track note their net change, and a shift back cancels it."""
    track = rules.tracks[0]
    middle = (track.min + track.max) // 2
    code = compiled(rules)
    up = code.effect(_EFFECT.validate_python({"type": "track", "track": track.id, "delta": 2}))
    down = code.effect(_EFFECT.validate_python({"type": "track", "track": track.id, "delta": -1}))
    w = Work(rules, new_game(rules, seed=1))
    w.tracks[track.id] = middle
    w.moves = {"something else": 5}
    up(w, Context())
    down(w, Context())
    assert w.moves == {"something else": 5, track.id: 1}
    down(w, Context())
    assert w.moves[track.id] == 0


def test_compiled_closures_are_made_once_per_rule_set_and_kept_apart(rules):
    assert compiled(rules) is compiled(rules)
    assert compiled_quiet(rules) is compiled_quiet(rules)
    assert compiled(rules) is not compiled_quiet(rules)
    effect = _EFFECT.validate_python({"type": "track", "track": rules.tracks[0].id, "delta": 1})
    assert compiled(rules).effect(effect) is compiled(rules).effect(effect)
