"""Scattered positions for the tests that compare the look-ahead's shortcuts with the engine.

The speed tests of the computer players (``test_ai_speed_*.py``) check, from
many positions spread over the board, that a shortcut plays exactly as the
engine's own steps do; they draw those positions the same way, from here.
"""

from __future__ import annotations

from eurasia_game.engine.work import Work


def scattered_work(rules, start, rnd) -> Work:
    """A working copy of ``start`` with every track, standing, power and income drawn from ``rnd``."""
    w = Work(rules, start)
    for t in rules.tracks:
        w.tracks[t.id] = rnd.randint(t.min, t.max)
    for f in rules.fronts:
        for s in rules.side_ids:
            w.standing[f.id][s] = rnd.randint(f.min, f.max)
    for s in rules.side_ids:
        w.power[s] = rnd.randint(0, 9)
        w.income[s] = rnd.randint(0, 5)
    return w
