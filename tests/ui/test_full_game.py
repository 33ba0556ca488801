"""A whole hotseat game played through the window with posted input only.

Moscow's player uses the mouse, Beijing's the keyboard.  The game starts on
the title screen and ends on the ending screen, which must show the ending
the engine reaches when the same record is replayed on its own.
"""

from __future__ import annotations

import pygame

from eurasia_game.session.replay import replay
from tests.ui.driver import click, names, press, step, type_text

MOUSE, KEYS = "moscow", "beijing"


def _first_enabled(app, prefix: str):
    return next((w for w in app.top.ring.widgets if w.id.startswith(prefix) and w.enabled), None)


def _plan_by_mouse(app, rules, turn: int) -> None:
    board = app.top
    front = rules.front_ids[turn % len(rules.front_ids)]
    click(app, f"front:{front}")
    assert board.front == front
    action = _first_enabled(app, "act:")
    if action is not None and turn % 3 != 2:
        click(app, action.id)
    click(app, "commit")


def _plan_by_keys(app, rules, turn: int) -> None:
    board = app.top
    index = turn % len(rules.front_ids)
    press(app, pygame.K_1 + index)
    assert board.front == rules.front_ids[index]
    action = _first_enabled(app, "act:")
    if action is not None:
        before = len(app.game.state.plans[KEYS])
        press(app, pygame.key.key_code(action.shortcut))
        assert len(app.game.state.plans[KEYS]) == before + 1
        if turn % 2 == 0 and app.top.ring.get("undo").enabled:  # take it back and plan it again
            press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
            assert len(app.game.state.plans[KEYS]) == before
            press(app, pygame.key.key_code(action.shortcut))
    press(app, pygame.K_e)


def test_whole_hotseat_game_from_title_to_ending(make_app, rules):
    app = make_app()
    assert names(app) == ["title"]
    press(app, pygame.K_n)
    assert app.top.name == "new_game"
    click(app, "scenario:two_camps_risk")
    click(app, "seed")  # the seed field: clear it and type 46
    entry = app.top.entry
    assert entry.is_focused
    press(app, pygame.K_a, mod=pygame.KMOD_CTRL)
    press(app, pygame.K_BACKSPACE)
    type_text(app, "46")
    press(app, pygame.K_RETURN)
    assert entry.get_text() == "46"
    click(app, "start")
    assert app.game is not None and app.game.session.seed == 46 and app.game.session.scenario == "two_camps_risk"

    turns = {MOUSE: 0, KEYS: 0}
    seen = set()
    for _ in range(2000):
        top = app.top
        seen.add(top.name)
        if top.name == "ending":
            break
        side = app.game.state.to_act
        if top.name in ("reveal", "orders_reveal"):
            click(app, "continue") if len(seen) % 2 else press(app, pygame.K_SPACE)
        elif top.name == "curtain":
            assert top.side == side
            click(app, "ready") if side == MOUSE else press(app, pygame.K_SPACE)
        elif top.name == "dilemma":
            option = _first_enabled(app, "option:")
            if side == MOUSE:
                click(app, option.id)
            else:
                press(app, pygame.key.key_code(option.shortcut))
        elif top.name == "board":
            assert app.top.viewer == side, "a side plans only on its own view"
            if side == MOUSE:
                _plan_by_mouse(app, app.rules, turns[side])
            else:
                _plan_by_keys(app, app.rules, turns[side])
            turns[side] += 1
        else:
            raise AssertionError(f"unexpected screen {top.name}")
    assert app.top.name == "ending", names(app)
    assert {"curtain", "board", "reveal", "orders_reveal"} <= seen
    assert turns[MOUSE] >= 3 and turns[KEYS] >= 3  # several years were played

    # the ending shown is the one the engine reaches from the same record
    record = app.game.session.record()
    state, _ = replay(rules, record)
    ending = rules.ending[state.ending]
    step(app)
    app.draw()
    assert ending.name in " ".join(app.text.drawn)  # a long name may wrap onto two lines
    assert app.game.state.ending == state.ending
