"""Each side's briefing comes before its first year, behind the hotseat curtain.

The window shows the side's briefing (from the rules' ``briefings``) once,
after the curtain hands the computer to that side and before it plans; the
other side's briefing never shows on its screen.
"""

from __future__ import annotations

import pygame

from tests.ui.driver import click, names, press, step


def _start(app) -> None:
    press(app, pygame.K_n)
    click(app, "scenario:after_fourth_term")
    app.top.entry.set_text("12345")
    click(app, "start")


def _drawn(app) -> str:
    step(app)
    app.draw()
    return " ".join(app.text.drawn)


def test_each_side_is_briefed_once_behind_the_curtain(make_app, rules):
    app = make_app(curtain=True, briefings=True)
    _start(app)
    seen = []
    for _ in range(60):
        top = app.top
        if top.name == "briefing":
            assert names(app)[-2] == "board" and app.top.side not in seen
            text = _drawn(app)
            side = top.side
            other = next(s for s in rules.side_ids if s != side)
            assert rules.briefing[side].interests[0][:30] in text
            assert rules.briefing[other].interests[0][:30] not in text  # only its own
            seen.append(side)
            press(app, pygame.K_RETURN)
            assert app.top.name != "briefing"
            if len(seen) == 2:
                break
        elif top.name == "board" and app.game.state.to_act in rules.side_ids and app.game.is_human(app.game.state.to_act):
            side = app.game.state.to_act
            assert side in seen, "a side acted before its briefing"
            click(app, "commit")
        else:
            press(app, pygame.K_SPACE)
    assert sorted(seen) == sorted(rules.side_ids)
    assert app.game.briefed == set(rules.side_ids)


def test_briefings_can_be_switched_off(make_app):
    app = make_app(curtain=False, briefings=False)
    _start(app)
    for _ in range(10):
        assert app.top.name != "briefing"
        if app.top.name == "board" and app.top.viewer:
            break
        press(app, pygame.K_SPACE)
