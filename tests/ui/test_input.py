"""Input as a real keyboard and a real clock give it.

A real left Ctrl sets one modifier bit (``KMOD_LCTRL``), not both; frames
come from the loop's own clock, not a fixed ``dt``; shortcut letters must
not move around; and a key shown on a button means that button.
"""

from __future__ import annotations

import threading
import time

import pygame
import pytest

from eurasia_game.ui import keys
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.screens.curtain import HANDOVER_GUARD
from eurasia_game.ui.screens.ending import ENDING_GUARD
from eurasia_game.ui.widgets import key_matches
from tests.ui.driver import click, names, press, step


def _start(app, players=None, scenario="after_fourth_term", seed=11):
    players = players or {s: "human" for s in app.rules.side_ids}
    app.apply(sc.StartGame(scenario, seed, players, False))
    for _ in range(20):
        if app.top.name == "board" and app.top._acting_side(app.ctx) is not None:
            return
        press(app, pygame.K_SPACE)
    raise AssertionError(names(app))


def _key(key, mod=0):
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)


@pytest.mark.parametrize("bit", [pygame.KMOD_LCTRL, pygame.KMOD_RCTRL, pygame.KMOD_CTRL])
def test_either_ctrl_key_alone_matches_a_ctrl_shortcut(bit):
    pygame.display.init()
    assert key_matches(_key(pygame.K_z, bit), "ctrl+z")
    assert key_matches(_key(pygame.K_z, bit | pygame.KMOD_NUM), "ctrl+z")  # Num Lock on
    assert key_matches(_key(pygame.K_RETURN, bit), "ctrl+return")
    assert key_matches(_key(pygame.K_KP_ENTER, bit), "ctrl+return")
    assert not key_matches(_key(pygame.K_z, bit), "z")  # Ctrl+Z is not also Z
    assert not key_matches(_key(pygame.K_z), "ctrl+z")
    assert not key_matches(_key(pygame.K_y, bit), "ctrl+z")


def test_ctrl_z_with_the_left_ctrl_alone_undoes_an_order(make_app):
    app = make_app()
    _start(app)
    side = app.game.state.to_act
    click(app, f"act:invest:{app.top.front}")
    assert len(app.game.state.plans[side]) == 1
    press(app, pygame.K_z, mod=pygame.KMOD_LCTRL)
    assert app.game.state.plans[side] == ()


def test_ctrl_enter_with_the_right_ctrl_alone_starts_a_game(make_app):
    app = make_app()
    press(app, pygame.K_n)
    assert app.top.name == "new_game"
    press(app, pygame.K_RETURN, mod=pygame.KMOD_RCTRL)
    assert app.game is not None


def test_ctrl_s_with_one_ctrl_bit_opens_the_save_dialog_from_the_board(make_app):
    app = make_app()
    _start(app)
    press(app, pygame.K_s, mod=pygame.KMOD_LCTRL)
    assert app.top.name == "save"


def test_an_action_keeps_its_letter_on_every_front(make_app, rules):
    letters = keys.action_letters(rules)
    assert len(set(letters.values())) == len(letters)  # one letter, one action
    assert not set(letters.values()) & {"e", "m", "s", "z", "v"}
    app = make_app()
    _start(app)
    seen: dict[str, set] = {}
    for index, front in enumerate(rules.front_ids):
        press(app, pygame.K_1 + index)
        assert app.top.front == front
        for widget in app.top.ring.widgets:
            if widget.id.startswith("act:"):
                seen.setdefault(widget.id.split(":")[1], set()).add(widget.shortcut)
    anywhere = [a.id for a in rules.actions if any(w.id == f"act:{a.id}:-" for w in app.top.ring.widgets)]
    assert anywhere, "no action to give anywhere on this board"
    for action, shown in seen.items():
        assert shown == {letters[action]}, (action, shown)


def test_an_anywhere_action_is_ordered_by_its_letter_whichever_front_is_selected(make_app, rules):
    letters = keys.action_letters(rules)
    app = make_app()
    _start(app)
    side = app.game.state.to_act
    anywhere = next(w for w in app.top.ring.widgets if w.id.endswith(":-") and w.enabled)
    action = anywhere.id.split(":")[1]
    for index in range(len(rules.front_ids)):
        press(app, pygame.K_1 + index)
        assert app.top.ring.get(anywhere.id).shortcut == letters[action]
    press(app, pygame.key.key_code(letters[action]))
    assert [o.action for o in app.game.state.plans[side]] == [action]


class _Probe(sc.Scene):
    """A scene that needs frames and adds up the time the loop says passed."""

    name = "probe"

    def __init__(self):
        super().__init__()
        self.seen = 0.0
        self.frames = 0

    def busy(self, ctx):
        return True

    def update(self, dt, ctx):
        self.seen += dt
        self.frames += 1
        return None


def test_the_loop_ticks_once_a_frame_so_screens_see_real_time(make_app):
    app = make_app()
    probe = _Probe()
    app.apply(sc.Push(probe))
    ticks = []

    class CountingClock:
        def __init__(self, clock):
            self.clock = clock

        def tick(self, *args):
            ticks.append(args)
            return self.clock.tick(*args)

    app.clock.tick()  # the time the test took to set up is not the loop's
    app.clock = CountingClock(app.clock)
    timer = threading.Timer(0.6, lambda: pygame.event.post(pygame.event.Event(pygame.QUIT)))
    start = time.perf_counter()
    timer.start()
    app.run()
    wall = time.perf_counter() - start
    assert probe.frames >= 10
    assert probe.frames <= len(ticks) <= probe.frames + 1  # one tick per frame (the last one quits before updating)
    assert all(t == (60,) for t in ticks)  # busy frames are limited to 60 a second
    assert probe.seen == pytest.approx(wall, abs=0.12), (probe.seen, wall)


def test_a_computer_card_closes_on_its_own_in_real_time(make_app, rules):
    from eurasia_game.ui.screens.reveal import RevealScene

    app = make_app()
    card = rules.events[0].id
    app.apply(sc.Push(RevealScene(card, auto_close=0.25)))
    assert app.top.name == "reveal"
    closed = []

    def watch():
        deadline = time.perf_counter() + 2.0
        while time.perf_counter() < deadline:
            if app.top.name != "reveal":
                closed.append(time.perf_counter())
                break
            time.sleep(0.01)
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    start = time.perf_counter()
    watcher = threading.Thread(target=watch)
    watcher.start()
    app.run()
    watcher.join()
    assert closed, "the card never closed on its own"
    assert closed[0] - start < 0.8


def _dilemma_at_start(rules):
    """(scenario, seed, option index) of a game that opens on a dilemma whose
    choice the engine alone would let its side take back."""
    from eurasia_game.engine.state import Action
    from eurasia_game.session.session import GameSession

    for scenario in rules.scenario:
        for seed in range(200):
            first = GameSession.new(rules, scenario, seed, {})
            if first.state.dilemma is None:
                continue
            for index, option in enumerate(rules.event[first.state.dilemma].dilemma.options):
                session = GameSession.new(rules, scenario, seed, {})
                side = session.state.to_act
                action = Action("choose", side, option=option.id)
                if session.why_illegal(action) is None:
                    session.act(action)
                    if session.can_undo(side):
                        return scenario, seed, index
    raise AssertionError("no game opens on a dilemma whose choice the engine could undo, in 200 seeds a scenario")


def test_undo_is_not_offered_after_a_dilemma_choice(make_app, rules):
    from eurasia_game.engine.state import Action

    scenario, seed, index = _dilemma_at_start(rules)
    app = make_app()
    app.apply(sc.StartGame(scenario, seed, {s: "human" for s in rules.side_ids}, False))
    for _ in range(10):
        if app.top.name == "dilemma":
            break
        press(app, pygame.K_SPACE)  # the card drawn before it
    assert app.top.name == "dilemma", names(app)
    side = app.game.state.to_act
    option = app.top.ring.widgets[index]
    press(app, pygame.K_1 + index)
    chosen = Action("choose", side, option=option.id.split(":")[1])
    assert app.game.session.steps[-1].action == chosen
    assert not app.game.can_undo(side)
    assert app.top.name == "board"
    assert not app.top.ring.get("undo").enabled
    press(app, pygame.K_z, mod=pygame.KMOD_LCTRL)
    assert app.game.session.steps[-1].action == chosen


def _ended(app, rules):
    from eurasia_game.session.autoplay import play_game
    from eurasia_game.ui.controller import GameController
    from eurasia_game.ui.screens.ending import EndingScene

    players = {s: "random" for s in rules.side_ids}
    app.game = GameController(rules, play_game(rules, "two_camps_risk", 3, players))
    app.apply(sc.ResetTo(EndingScene()))
    step(app)
    assert app.top.name == "ending"


def test_on_the_ending_enter_means_back_to_title_even_after_the_debrief(make_app, rules):
    app = make_app()
    _ended(app, rules)
    press(app, pygame.K_d)
    assert app.top.name != "ending"  # the debrief
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "ending"
    app.step([], dt=ENDING_GUARD)  # the debrief read: the ending takes Space and Enter again
    press(app, pygame.K_RETURN)
    assert app.top.name == "title"


def _tap(app, key: int, dt: float = 0.05) -> None:
    """A key pressed and let go in one frame of ``dt`` seconds (the clock the screens see)."""
    up = pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)
    app.step([_key(key), up], dt=dt)
    app.step([], dt=dt)


def test_a_tap_meant_for_the_last_reveal_does_not_skip_the_ending(make_app, rules):
    app = make_app()
    _ended(app, rules)
    opened = app.top.opened
    for key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
        _tap(app, key)
        assert app.top.name == "ending", f"{pygame.key.name(key)} right after the ending came up left it"
    assert app.ctx.time - opened < ENDING_GUARD
    _tap(app, pygame.K_F1)  # other keys act at once: the help
    assert app.top.name == "help"
    _tap(app, pygame.K_ESCAPE)
    assert app.top.name == "ending"
    app.step([], dt=ENDING_GUARD)
    _tap(app, pygame.K_SPACE)  # past the guard, Space takes the focused way back to the title
    assert app.top.name == "title"


def test_a_tap_that_closes_a_screen_over_the_board_does_not_give_the_focused_order(make_app):
    app = make_app()
    _start(app)
    side = app.game.state.to_act
    focused = app.top.ring.focused()
    assert focused is not None and focused.id.startswith("act:"), "the board should open on an order"
    app.apply(sc.Push(sc.Scene()))  # a card over the board ...
    app.step([], dt=0.05)
    app.apply(sc.Pop())  # ... closed by a tap of Space
    _tap(app, pygame.K_SPACE)  # the next tap, at once
    _tap(app, pygame.K_RETURN)
    assert app.game.state.plans[side] == (), "a tap meant for the card gave an order"
    app.step([], dt=sc.TAP_GUARD)
    _tap(app, pygame.K_SPACE)  # a moment later Space gives the focused order
    assert len(app.game.state.plans[side]) == 1


def test_a_tap_meant_for_the_first_card_does_not_close_the_briefing(make_app, rules):
    app = make_app(briefings=True)
    app.apply(sc.StartGame("after_fourth_term", 11, {s: "human" for s in rules.side_ids}, False))
    for _ in range(10):
        if app.top.name == "briefing":
            break
        # the year's first cards, each read past its own guard; frames of a fixed
        # length, so a slow machine cannot let the briefing's guard run out unseen
        app.step([], dt=sc.TAP_GUARD)
        _tap(app, pygame.K_SPACE)
    assert app.top.name == "briefing", names(app)
    assert app.ctx.time - app.top.opened < sc.TAP_GUARD - 0.1
    _tap(app, pygame.K_SPACE)  # the second tap of a player closing the card
    _tap(app, pygame.K_RETURN)
    assert app.top.name == "briefing", "a tap meant for the card closed the briefing unread"
    app.step([], dt=sc.TAP_GUARD)
    _tap(app, pygame.K_RETURN)
    assert app.top.name != "briefing"


def test_a_second_tap_does_not_lift_the_hotseat_curtain_on_the_other_sides_secrets(make_app, rules):
    """Hotseat with the curtain: a player who closes a card with Space, Space (or ends the
    year's planning and taps on) must not lift the curtain that hides the next side's
    screen while still at the computer."""
    app = make_app()
    app.apply(sc.StartGame("after_fourth_term", 11, {s: "human" for s in rules.side_ids}, True))
    tapped_into = 0
    for _ in range(40):
        if app.top.name == "curtain" and tapped_into:
            break
        if app.top.name == "curtain":
            press(app, pygame.K_SPACE)  # the first hand-over, after a look: the player takes the screen
            continue
        if app.top.name == "reveal":
            _tap(app, pygame.K_SPACE)  # a card closed by a tap ...
            tapped_into = app.top.name == "curtain"
            continue
        press(app, pygame.K_SPACE)
    assert app.top.name == "curtain" and tapped_into, names(app)
    side = app.top.side
    for key in (pygame.K_SPACE, pygame.K_RETURN):
        _tap(app, key)  # ... and the second tap, at once
        assert app.top.name == "curtain", f"{pygame.key.name(key)} right after the curtain came up lifted it"
    app.step([], dt=HANDOVER_GUARD)
    _tap(app, pygame.K_SPACE)  # the next player, a moment later
    assert app.top.name != "curtain"
    assert next(s for s in app.stack if s.name == "board").viewer == side


def test_a_key_that_ends_an_idle_wait_is_seen_at_the_time_it_came(make_app):
    """The window sleeps until an event comes; the frame that wakes it carries the whole wait,
    and its key must be judged at that time, not at the last frame's (else the board's guard
    would swallow a key pressed well after it)."""
    app = make_app()
    _start(app)
    side = app.game.state.to_act
    app.apply(sc.Push(sc.Scene()))
    app.step([], dt=0.05)
    app.apply(sc.Pop())  # the board is back; nothing moves, so the window waits
    _tap(app, pygame.K_SPACE, dt=sc.TAP_GUARD + 0.2)  # Space, after the guard, ends the wait
    assert len(app.game.state.plans[side]) == 1, "a key after the guard was taken for a tap meant for the card"


def test_window_fits_and_is_centred_on_the_display_it_opens_on():
    from eurasia_game.ui.placement import TITLE_BAR, Area, fit

    cases = [
        ((1280, 800), Area(0, 0, 1024, 640)),  # a saved big window on a small projector laptop
        ((1920, 1080), Area(0, 0, 1280, 800)),
        ((1280, 800), Area(0, 0, 1366, 768 - 40)),  # a laptop with a task bar
        ((1024, 640), Area(1920, 0, 1920, 1080)),  # the second monitor
        ((2560, 1440), Area(-1280, 24, 1280, 1000)),  # a monitor left of the first, a top panel
    ]
    for requested, usable in cases:
        (w, h), (x, y) = fit(requested, usable, (1024, 640))
        assert w <= usable.w and h + TITLE_BAR <= usable.h, (requested, usable, w, h)
        assert usable.x <= x and x + w <= usable.x + usable.w
        assert usable.y + TITLE_BAR <= y and y + h <= usable.y + usable.h
        assert abs((x - usable.x) - (usable.x + usable.w - x - w)) <= 1  # centred across
        assert w == min(max(requested[0], 1024), usable.w)
    assert fit((1280, 800), Area(0, 0, 2560, 1440), (1024, 640))[0] == (1280, 800)  # room to spare: as asked


def test_the_window_opens_no_larger_than_the_display(make_app, monkeypatch):
    from eurasia_game.ui import placement

    monkeypatch.setattr(placement, "current_display", lambda centre: placement.Area(0, 0, 1024, 640))
    monkeypatch.setattr(pygame.display, "get_driver", lambda: "x11")
    app = make_app(size=(1920, 1080))
    w, h = app.surface.get_size()
    assert w <= 1024 and h <= 640 - placement.TITLE_BAR
    assert app.top.name == "title"
    app.draw()  # the title lays out in the smaller window


def test_the_endings_charts_start_at_the_start_as_the_debriefs_do(make_app, rules):
    from eurasia_game.report.debrief import build_debrief
    from eurasia_game.ui.screens.ending import ending_series

    app = make_app()
    _ended(app, rules)
    points, charts = ending_series(app.game)
    debrief = build_debrief(rules, app.game.session.record())
    assert points[0] == "Start" and points == list(debrief.points)
    first_track = rules.tracks[0]
    assert charts[0][1][0][1][0] == debrief.tracks[0].values[0]
    assert len(charts) == len(rules.tracks) + len(rules.fronts)
    assert charts[0][0] == debrief.tracks[0].label == first_track.name


def test_the_mod_report_never_ends_on_a_colon_with_nothing_after_it(make_app):
    from eurasia_game.ui.screens.modreport import rules_summary

    app = make_app()
    app.load_problems = []
    lines = rules_summary(app)
    assert not any("problem(s)" in line for line in lines)
    heading = next(i for i, line in enumerate(lines) if "checker found" in line)
    assert not lines[heading].endswith(":")


def test_continue_and_load_say_which_game(make_app, rules, home):
    from eurasia_game.ui.screens.saveload import LoadScene

    app = make_app()
    _start(app, players={rules.side_ids[0]: "human", rules.side_ids[1]: "random"})
    app.game.save_named("my-game")
    scenario = rules.scenario[app.game.session.scenario].name
    app.apply(sc.ResetTo(__import__("eurasia_game.ui.screens.title", fromlist=["TitleScene"]).TitleScene()))
    step(app)
    detail = app.top.ring.get("continue").detail
    assert scenario in detail and str(app.game.state.year) in detail
    app.apply(sc.Push(LoadScene()))
    row = app.top.ring.get("save:my-game")
    assert scenario in row.detail and rules.side[rules.side_ids[1]].name in row.detail

