"""The guided first game in a real X window, played with keys only on the real clock.

A new player's first launch: the title offers the guide; G starts it; every
callout is answered with the key it asks for (Right or Space to go on, the dilemma's
number, an order's letter, E to end planning), cards and the reveal with
Space, until the "what next" screen, all well inside five minutes.  What the
game did is read from its log.
"""

from __future__ import annotations

import re
import time

import pytest

from eurasia_game.engine.state import Action
from eurasia_game.loading.loader import load_rules
from eurasia_game.session.session import GameSession
from eurasia_game.ui import keys


@pytest.fixture(scope="module")
def rules():
    return load_rules().rules


def _order_letter(rules, tutorial) -> str:
    """The letter of an order the tutorial's side can give in its first planning, once its dilemma is answered."""
    session = GameSession.new(rules, tutorial.scenario, tutorial.seed, {})
    while session.state.dilemma is not None:
        side = session.state.to_act
        session.act(Action("choose", side, option=rules.event[session.state.dilemma].dilemma.options[0].id))
    order = next(a for a in session.legal(tutorial.side) if a.kind == "plan" and a.target is None)
    return keys.action_letters(rules)[order.action]


def _last(pattern: str, text: str) -> str | None:
    found = re.findall(pattern, text)
    return found[-1] if found else None


def test_the_guide_plays_to_its_end_with_keys_only_in_under_five_minutes(real_window, rules):
    tutorial = rules.tutorials[0]
    letter = _order_letter(rules, tutorial)
    wanted = {"dilemma": "1", "orders": letter, "commit": "e"}
    game = real_window((1280, 800))  # a fresh home: the first launch
    started = time.monotonic()
    mark = game.mark()
    game.key("g")
    game.wait_log(r"tutorial started: " + tutorial.id, 10, mark)
    shown: list[str] = []
    handled = 0  # the callouts answered so far
    last_text, still_since = "", time.monotonic()
    while time.monotonic() - started < 240:
        text = game.log_text()
        if text != last_text:
            last_text, still_since = text, time.monotonic()
        screen = _last(r"screen: (\w+)", text)
        if screen == "what_next":
            break
        steps_logged = re.findall(r"tutorial step: (\w+)", text)
        if screen == "tutorial" and len(steps_logged) > handled:
            handled = len(steps_logged)
            shown.append(steps_logged[-1])
            # Right goes on like Space, but does nothing on the board if the machine is slow enough
            # for the key to repeat (Space there would give the focused order)
            game.key(wanted.get(steps_logged[-1], "Right"), pause=0.05)
        elif len(steps_logged) > handled or time.monotonic() - still_since < 1.5:
            # a callout logged but not drawn yet (a loaded machine), or one on its way (the
            # guide pauses between them): no other key until it is up, or it would answer it
            time.sleep(0.1)
        elif screen == "dilemma":
            game.key("1", pause=0.05)  # a second dilemma in the year (the guide spoke of the first)
            still_since = time.monotonic()
        elif screen == "reveal":
            game.key("space", pause=0.05)  # a card (the reveal of the orders plays to its end by itself)
            still_since = time.monotonic()
        elif screen == "board" and time.monotonic() - still_since > 6:
            game.key("e", pause=0.05)  # a board with nothing asked of the player: end planning
            still_since = time.monotonic()
        else:
            time.sleep(0.1)
    took = time.monotonic() - started
    game.wait_log(r"screen: what_next", 5, mark)
    assert took < 300, f"the guide took {took:.0f} s"
    assert re.search(r"tutorial finished", game.log_text())
    steps = [s.id for s in tutorial.steps]
    assert [s for s in steps if s in shown] == [s for s in shown if s in steps]
    assert {"welcome", "dilemma", "fronts", "orders", "commit", "causes", "ending"} <= set(shown), shown
    assert re.search(rf"action \{{'kind': 'plan', 'side': '{tutorial.side}'", game.log_text())
    # the settings file remembers the guide was played to its end
    import json

    settings = json.loads((game.home / "config" / "settings.json").read_text(encoding="utf-8"))
    assert settings["tutorial_done"] is True and settings["tutorial_offered"] is True
    # play on: the game goes on without the guide
    mark = game.mark()
    game.key("p")
    game.wait_log(r"screen: (reveal|board|dilemma)", 5, mark)


def test_g_held_down_on_the_title_leaves_the_guide_on_its_first_callout(real_window):
    """A key held past the repeat delay starts the guide once; its repeats do not answer the callout it opened."""
    game = real_window((1280, 800))
    mark = game.mark()
    game.xdotool("keydown", "g")
    time.sleep(0.9)  # the window repeats a held key after 0.4 s
    game.xdotool("keyup", "g")
    game.wait_log(r"tutorial step: welcome", 10, mark)
    time.sleep(1.5)
    steps = re.findall(r"tutorial step: (\w+)", game.log_text()[mark:])
    assert steps == ["welcome"], steps
    assert _last(r"screen: (\w+)", game.log_text()) == "tutorial"
    game.key("space")  # a fresh press answers it
    game.wait_log(r"tutorial step: card", 10, mark)
