"""The guide's sequencing: each step at its moment, in order; a step whose moment has
passed is left out; the end (or leaving) opens "what next" once."""

from __future__ import annotations

import os
from types import SimpleNamespace

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from eurasia_game.model.tutorial import TutorialDef  # noqa: E402
from eurasia_game.ui import scenes as sc  # noqa: E402
from eurasia_game.ui.tutorial import TutorialRun, moment_now  # noqa: E402


def _tutorial(*moments: str) -> TutorialDef:
    steps = [{"id": f"s{i}_{m}", "when": m, "title": "T", "text": "X"} for i, m in enumerate(moments)]
    return TutorialDef.model_validate({"id": "t", "name": "T", "description": "D", "scenario": "full_decade", "side": "moscow", "steps": steps, "what_next": "W"})


class FakeGame:
    def __init__(self, rules, **state):
        base = dict(over=False, dilemma=None, phase=2, to_act="moscow", plans={"moscow": ()}, year=2019)
        base.update(state)
        self.state = SimpleNamespace(**base)
        self.rules = rules

    def is_human(self, side):
        return side == "moscow"


def _shown(command):
    items = command if isinstance(command, list) else [command]
    return [c.scene for c in items if isinstance(c, sc.Push)]


def test_moments_are_read_from_the_screen_and_the_state(rules):
    plan = next(i for i, p in enumerate(rules.phases) if p.kind == "plan")
    game = FakeGame(rules, phase=plan)
    board = SimpleNamespace(name="board")
    assert moment_now(board, game, "moscow") == "plan"
    game.state.plans = {"moscow": ("an order",)}
    assert moment_now(board, game, "moscow") == "planned"
    game.state.to_act = "beijing"
    assert moment_now(board, game, "moscow") == "computer"
    assert moment_now(SimpleNamespace(name="reveal"), game, "moscow") == "card"
    assert moment_now(SimpleNamespace(name="dilemma", side="beijing"), game, "moscow") is None
    assert moment_now(SimpleNamespace(name="orders_reveal", finished=False), game, "moscow") == "reveal"
    assert moment_now(SimpleNamespace(name="orders_reveal", finished=True), game, "moscow") == "revealed"
    assert moment_now(SimpleNamespace(name="help"), game, "moscow") is None


def test_steps_come_in_order_and_a_passed_moment_is_left_out(rules):
    plan = next(i for i, p in enumerate(rules.phases) if p.kind == "plan")
    run = TutorialRun(_tutorial("start", "dilemma", "plan", "revealed"), 2019)
    game = FakeGame(rules, phase=plan)
    card = SimpleNamespace(name="reveal")
    [callout] = _shown(run.next_command(card, game, 0.0))
    assert callout.step.id == "s0_start"
    assert run.next_command(card, game, 0.1) is None, "one callout at a time"
    run.closed(0.1)
    assert run.next_command(card, game, 0.2) is None, "a pause between callouts"
    assert run.next_command(card, game, 1.0) is None, "the dilemma step waits for its dilemma"
    # no dilemma came: planning on the board leaves the dilemma step out
    [callout] = _shown(run.next_command(SimpleNamespace(name="board"), game, 2.0))
    assert callout.step.id == "s2_plan"
    run.closed(2.0)
    assert run.next_command(SimpleNamespace(name="help"), game, 3.0) is None, "never over the help or a menu"
    [callout] = _shown(run.next_command(SimpleNamespace(name="orders_reveal", finished=True), game, 3.0))
    assert callout.step.id == "s3_revealed"
    run.closed(3.0)
    command = run.next_command(SimpleNamespace(name="orders_reveal", finished=True), game, 4.0)
    assert [type(s).__name__ for s in _shown(command)] == ["WhatNextScene"] and run.over
    assert any(isinstance(c, sc.Call) and c.name == "tutorial_done" and c.args == (True,) for c in command)
    assert run.next_command(SimpleNamespace(name="board"), game, 5.0) is None, "what next opens once"


def test_a_year_over_ends_the_guide_with_what_is_left_unshown(rules):
    run = TutorialRun(_tutorial("plan", "revealed"), 2019)
    game = FakeGame(rules, year=2020, to_act=None)
    command = run.next_command(SimpleNamespace(name="reveal"), game, 0.0)
    assert [type(s).__name__ for s in _shown(command)] == ["WhatNextScene"]


def test_leaving_opens_what_next_as_not_finished(rules):
    run = TutorialRun(_tutorial("start", "plan"), 2019)
    game = FakeGame(rules)
    _shown(run.next_command(SimpleNamespace(name="reveal"), game, 0.0))
    command = run.closed(0.5, leave=True)
    assert run.over and run.left
    assert any(isinstance(c, sc.Call) and c.args == (False,) for c in command)
    assert [type(s).__name__ for s in _shown(command)] == ["WhatNextScene"]
