"""A new player's first minutes, in a real X window with real keys, mouse and clock.

Title -> how to play (F1) -> new game against the normal computer, chosen
with the mouse -> Ctrl+Enter starts -> a dilemma answered with its number ->
an order given by its letter, taken back with Ctrl+Z (the left Ctrl alone)
and given again -> End planning -> the computer answers within 5 seconds,
at default settings.  Then F2, F9, F10 and quitting.  A second test watches
a demo play on its own, in a window that fits a 1024x640 display; others tap
on past the last reveal and past the end of a hotseat player's planning, where
the ending and the curtain must not take those taps.
"""

from __future__ import annotations

import time

import pytest

from eurasia_game.engine.state import Action
from eurasia_game.loading.loader import load_rules
from eurasia_game.session.session import GameSession
from eurasia_game.ui import keys
from eurasia_game.ui.scenes import TAP_GUARD
from eurasia_game.ui.screens.curtain import HANDOVER_GUARD
from eurasia_game.ui.screens.ending import ENDING_GUARD

from .conftest import layout_of



@pytest.fixture(scope="module")
def rules():
    return load_rules().rules


def _opening_dilemma(rules):
    """A seed whose game opens on a dilemma for Moscow, with an order Moscow can then give."""
    scenario = rules.game.default_scenario
    moscow = rules.side_ids[0]
    for seed in range(500):
        session = GameSession.new(rules, scenario, seed, {})
        state = session.state
        if state.dilemma is None or state.to_act != moscow:
            continue
        options = rules.event[state.dilemma].dilemma.options
        if len(options) < 2 or session.why_illegal(Action("choose", moscow, option=options[1].id)) is not None:
            continue
        return seed, options[1].id
    raise AssertionError(f"no game of {scenario} opens on a dilemma for {moscow} in 500 seeds")


def _to_board(game, timeout: float = 15) -> None:
    """Close the cards shown (Space) until the board waits for the player; a dilemma on the way
    gets 1, and a hotseat curtain is lifted once the hand-over has had its moment."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = game.log_text().rstrip()
        if text.endswith("screen: board"):
            return
        mark = game.mark()
        if text.endswith("screen: reveal"):
            game.key("space", pause=0.05)
        elif text.endswith("screen: briefing"):
            time.sleep(TAP_GUARD + 0.1)  # it takes no Space for its first moments (a tap meant for the card before)
            game.key("space", pause=0.05)
        elif text.endswith("screen: orders_reveal"):
            game.key("Escape", pause=0.05)  # the reveal of the orders closes at once
        elif text.endswith("screen: dilemma"):
            time.sleep(TAP_GUARD + 0.1)
            game.key("1", pause=0.05)
        elif text.endswith("screen: curtain"):
            time.sleep(HANDOVER_GUARD + 0.1)  # the hand-over: it takes no Space for its first second
            game.key("space", pause=0.05)
        else:
            time.sleep(0.1)
            continue
        game.wait_log(r"screen: ", 10, mark)  # one key, then the screen it leads to
    raise AssertionError("the board never came back:\n" + game.log_text()[-1500:])


def test_a_new_player_against_the_normal_computer(real_window, rules, tmp_path):
    moscow, beijing = rules.side_ids
    seed, option = _opening_dilemma(rules)
    game = real_window((1280, 800))
    x, y, w, h = game.geometry()
    assert x >= 0 and y >= 0 and x + w <= 1280 and y + h <= 800

    # F1 opens the help anywhere; Esc closes it
    mark = game.mark()
    game.key("F1")
    game.wait_log(r"screen: help", 5, mark)
    game.key("Escape")
    game.wait_log(r"screen: title", 5, mark)

    # the new-game screen, where Beijing is made the normal computer with the mouse
    from eurasia_game.session.policies import policy_names
    from eurasia_game.ui.screens.newgame import NewGameScene

    where = layout_of((w, h), NewGameScene, tmp_path / "layout", rules)
    game.key("n")
    game.wait_log(r"screen: new_game", 5, mark)
    choices = ["human", *policy_names()]
    for _ in range(choices.index("normal")):
        game.click(*where[f"player:{beijing}"].center)
    # the seed typed into its box
    game.click(*where["seed"].center)
    game.key("End", *["BackSpace"] * 20, pause=0.02)
    game.type(str(seed))
    game.key("Return")
    # Ctrl+Enter (a real left Ctrl: one modifier bit) starts
    mark = game.mark()
    game.key("ctrl+Return")
    started = game.wait_log(r"new game: scenario=(\S+) seed=(\d+) players=(.*)", 5, mark)
    assert started.group(2) == str(seed)
    assert f"'{beijing}': 'normal'" in started.group(3) and f"'{moscow}': 'human'" in started.group(3)

    # the opening card, then the dilemma, answered with its number
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if game.count(r"screen: dilemma", mark):
            break
        if game.log_text().rstrip().endswith(("screen: reveal", "screen: briefing")):
            shown = game.mark()
            if game.log_text().rstrip().endswith("screen: briefing"):
                time.sleep(TAP_GUARD + 0.1)  # past the briefing's guard
            game.key("space", pause=0.05)
            game.wait_log(r"screen: ", 10, shown)
        time.sleep(0.1)
    game.wait_log(r"screen: dilemma", 5, mark)
    game.key("2")
    game.wait_log(rf"action \{{'kind': 'choose', 'side': '{moscow}', 'option': '{option}'\}}", 5, mark)
    _to_board(game)

    # an order by its letter, taken back with Ctrl+Z, given again; then End planning
    session = GameSession.new(rules, rules.game.default_scenario, seed, {})
    session.act(Action("choose", moscow, option=option))
    order = next(a for a in session.legal(moscow) if a.kind == "plan" and a.target is None)
    letter = keys.action_letters(rules)[order.action]
    game.key(letter)
    game.wait_log(rf"action \{{'kind': 'plan', 'side': '{moscow}', 'action': '{order.action}'", 5, mark)
    undo_mark = game.mark()
    game.key("ctrl+z")
    game.wait_log(rf"undo \{{'kind': 'plan', 'side': '{moscow}', 'action': '{order.action}'", 5, undo_mark)
    game.key(letter)
    game.wait_log(rf"action \{{'kind': 'plan', 'side': '{moscow}', 'action': '{order.action}'", 5, undo_mark)
    commit_mark = game.mark()
    game.key("e")
    game.wait_log(rf"action \{{'kind': 'commit', 'side': '{moscow}'\}}", 5, commit_mark)
    ended = time.monotonic()
    game.wait_log(rf"action \{{'kind': 'commit', 'side': '{beijing}'\}}", 5, commit_mark)
    assert time.monotonic() - ended < 5.5
    game.screenshot(tmp_path / "answered.png")

    # F2: Beijing's red lines; Esc back
    _to_board(game)
    mark = game.mark()
    game.key("F2")
    game.wait_log(r"screen: red_lines", 5, mark)
    game.key("Escape")
    game.wait_log(r"screen: board", 5, mark)

    # F9: the facilitator's panel, and F9 again closes it
    mark = game.mark()
    game.key("F9")
    game.wait_log(r"screen: sem_", 5, mark)
    game.key("F9")
    game.wait_log(r"screen: board", 5, mark)

    # F10: the projector in its own window; the keyboard stays with the players' window
    mark = game.mark()
    game.key("F10")
    game.wait_log(r"projector window opened", 5, mark)
    deadline = time.monotonic() + 4
    while game.focused() != game.window and time.monotonic() < deadline:
        time.sleep(0.1)
    assert game.focused() == game.window, "the projector kept the keyboard"
    game.key("F10")
    game.wait_log(r"projector window closed", 5, mark)
    deadline = time.monotonic() + 4
    while game.focused() != game.window and time.monotonic() < deadline:
        time.sleep(0.1)
    assert game.focused() == game.window, "the keyboard was lost with the projector"

    # Esc: the menu; Q quits cleanly
    game.key("Escape")
    game.wait_log(r"screen: menu", 5, mark)
    game.key("q")
    assert game.process.wait(10) == 0


def test_a_demo_plays_on_its_own_in_a_window_that_fits_a_small_display(real_window, rules):
    game = real_window((1024, 640), settings={"width": 1280, "height": 800})  # saved on a larger screen
    x, y, w, h = game.geometry()
    assert x >= 0 and y >= 0 and x + w <= 1024 and y + h <= 640, (x, y, w, h)
    mark = game.mark()
    game.key("n")
    game.wait_log(r"screen: new_game", 5, mark)
    game.key("d")
    game.wait_log(r"new game: .*players=\{'[a-z_]+': '(normal|easy|hard)'", 5, mark)
    started = time.monotonic()
    game.wait_log(r"action \{'kind': 'commit'", 10, mark)  # the first card closes itself, the computers plan
    assert time.monotonic() - started < 10
    before = game.count(r"action \{", mark)
    time.sleep(2.0)
    assert game.count(r"action \{", mark) > before, "the demo stopped advancing"


def test_a_second_tap_does_not_lift_the_hotseat_curtain(real_window, rules, tmp_path):
    """Two people at one computer: Moscow ends its planning with E and taps on (Space, Enter);
    the curtain that hides Beijing's screen takes neither for its first second (real keys,
    real clock), then Beijing's Space lifts it."""
    game = real_window((1280, 800))
    mark = game.mark()
    game.key("n")
    game.wait_log(r"screen: new_game", 5, mark)
    game.key("ctrl+Return")  # the defaults: two people, the curtain on
    started = game.wait_log(r"new game: scenario=(\S+) seed=(\d+) players=(.*)", 5, mark)
    assert "'human'" in started.group(3) and "normal" not in started.group(3)
    _to_board(game, timeout=30)
    planning = game.mark()
    game.key("e", "space", "Return", pause=0.1)  # the end of Moscow's planning, and two taps after it
    curtain = game.wait_log(r"screen: curtain", 5, planning)
    shown = planning + curtain.end()  # the log just after the curtain came up
    time.sleep(0.3)
    assert not game.count(r"screen: ", shown), "a tap right after the curtain came up lifted it:\n" + game.log_text()[planning:]
    game.screenshot(tmp_path / "curtain.png")
    time.sleep(HANDOVER_GUARD)
    game.key("space")  # Beijing, at the screen a moment later
    game.wait_log(r"screen: (board|briefing|dilemma)", 5, shown)


def test_a_tap_meant_for_the_last_reveal_does_not_skip_the_ending(real_window, rules, tmp_path):
    """Players tap Space or Enter through the last reveal; the ending that follows takes
    neither for its first second (real keys, real clock), then Space works again."""
    from eurasia_game.session.autoplay import play_game
    from eurasia_game.session.autosave import Autosaver

    # a finished game waits under Continue (the first window's home is home1)
    session = play_game(rules, "two_camps_risk", 3, {s: "random" for s in rules.side_ids})
    saver = Autosaver(tmp_path / "home1" / "saves" / "autosave")
    assert saver.begin() is None and saver.save(session.record()) is None
    saver.end()  # closed cleanly: the title offers it, no resume dialog
    game = real_window((1280, 800))
    mark = game.mark()
    game.key("c")
    game.wait_log(r"screen: ending", 10, mark)
    shown = game.mark()
    game.key("space", "Return", pause=0.1)  # taps meant for the reveal before it
    time.sleep(0.4)
    assert not game.count(r"screen: ", shown), "a tap right after the ending came up left it"
    game.screenshot(tmp_path / "ending.png")
    time.sleep(ENDING_GUARD)
    game.key("space")  # a second later: the focused way back to the title
    game.wait_log(r"screen: title", 5, shown)
