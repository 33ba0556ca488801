"""Help boxes for the keyboard focus: only after a pause, never over the controls in use."""

from __future__ import annotations

import pygame
import pytest

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.scenes import FOCUS_TIP_DELAY


def _key(app, key, dt=0.0):
    fields = {"key": key, "mod": 0, "unicode": "", "scancode": 0}
    app.step([pygame.event.Event(pygame.KEYDOWN, **fields), pygame.event.Event(pygame.KEYUP, **fields)], dt=dt)


def _wait(app, seconds):
    app.step([], dt=seconds)
    app.draw()


def _shown(app, widget):
    return any(line and line in widget.help_text().split("\n")[0] for line in app.text.drawn[-40:]) and getattr(app.top, "focus_tip_rect", None) is not None


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800)])
def test_a_focus_help_box_waits_and_keeps_clear_of_the_settings_column(make_app, size):
    app = make_app(size=size)
    from eurasia_game.ui.screens.settings_screen import SettingsScene

    app.apply(sc.Push(SettingsScene()))
    app.step([], dt=0.0)
    _key(app, pygame.K_DOWN)
    widget = app.top.ring.focused()
    assert widget is not None and widget.tooltip
    app.top.focus_tip_rect = None
    app.draw()
    assert app.top.focus_tip_rect is None  # not at once
    assert app.busy()  # the loop keeps frames coming for it
    _wait(app, FOCUS_TIP_DELAY + 0.1)
    box = app.top.focus_tip_rect
    assert box is not None, "the help box never opened"
    assert not app.busy()
    for other in app.top.ring.widgets:
        assert not box.colliderect(other.rect), (other.id, box, other.rect)


def test_no_focus_help_box_over_a_dilemmas_options(make_app, rules):
    from eurasia_game.ui.screens.reveal import DilemmaScene

    app = make_app()
    card = next(e for e in rules.events if e.dilemma is not None)
    app.apply(sc.StartGame(rules.game.default_scenario, 1, {s: "human" for s in rules.side_ids}, False))
    app.apply(sc.Push(DilemmaScene(card.id, rules.side_ids[0])))
    app.step([], dt=0.0)
    _key(app, pygame.K_DOWN)
    _wait(app, FOCUS_TIP_DELAY + 0.1)
    box = app.top.focus_tip_rect
    assert box is not None, "the focused option's help box never opened"
    for other in app.top.ring.widgets:
        assert not box.colliderect(other.rect), other.id


def test_the_focus_a_screen_opens_with_shows_no_help_box(make_app):
    from eurasia_game.ui.screens.help import HelpScene

    app = make_app()
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(0, 0), buttons=(0, 0, 0))], dt=0.0)
    app.apply(sc.Push(HelpScene()))
    app.ctx.pointer_active = None
    _wait(app, 3.0)
    assert getattr(app.top, "focus_tip_rect", None) is None
    assert not app.busy()


def test_a_key_press_restarts_the_wait(make_app):
    from eurasia_game.ui.screens.settings_screen import SettingsScene

    app = make_app()
    app.apply(sc.Push(SettingsScene()))
    _key(app, pygame.K_DOWN)
    _key(app, pygame.K_DOWN, dt=FOCUS_TIP_DELAY * 0.6)
    app.top.focus_tip_rect = None
    _wait(app, FOCUS_TIP_DELAY * 0.6)
    assert app.top.focus_tip_rect is None
    _wait(app, FOCUS_TIP_DELAY * 0.6)
    assert app.top.focus_tip_rect is not None


def test_a_screen_opened_by_a_key_shows_no_help_box_until_another_key(make_app, rules):
    """F2 opens the red lines with the focus on Close: its help box would cover the table's heading."""
    app = make_app()
    app.apply(sc.StartGame(rules.game.default_scenario, 1, {s: "human" for s in rules.side_ids}, False))
    app.step([], dt=0.0)
    while app.top.name != "board":
        _key(app, pygame.K_RETURN, dt=0.1)
    _key(app, pygame.K_F2, dt=0.1)
    assert app.top.name == "red_lines" and app.top.ring.focused() is not None
    _wait(app, FOCUS_TIP_DELAY + 1.0)
    assert getattr(app.top, "focus_tip_rect", None) is None, "the help box opened for the focus the screen started with"
    assert not app.busy()
    _key(app, pygame.K_TAB, dt=0.1)
    _wait(app, FOCUS_TIP_DELAY + 0.1)
    assert app.top.focus_tip_rect is not None, "a key that moves the focus brings the help box after the pause"


def test_a_focused_order_opens_no_help_box_over_the_map_where_the_panel_says_it(make_app, rules):
    """The panel under the orders says what the focused order costs and does; a help box
    would repeat it over the map. Where that panel has no room (Moscow's orders at the UN),
    the box still opens; the board's other controls keep theirs."""
    app = make_app()
    app.apply(sc.StartGame("after_fourth_term", 11, {s: "human" for s in rules.side_ids}, False))
    app.step([], dt=0.0)
    while not (app.top.name == "board" and app.top._acting_side(app.ctx) is not None):
        _key(app, pygame.K_SPACE, dt=0.5)
    board = app.top
    _key(app, pygame.K_RIGHT, dt=0.1)  # a key moves the focus among the orders
    order = board.ring.focused()
    assert order is not None and any(order is a for a in board.actions), order
    assert board.details_rect is not None
    _wait(app, FOCUS_TIP_DELAY + 0.5)
    assert getattr(board, "focus_tip_rect", None) is None, "a help box opened over the map for the focused order"
    assert " ".join(app.text.drawn).count(order.description[:40]) == 1  # the panel says it, once
    board.ring.focus("commit")  # End planning, another of the board's controls
    _wait(app, 0.0)  # the focus seen where it now rests ...
    _wait(app, FOCUS_TIP_DELAY + 0.1)  # ... and, after the pause, its help box
    assert board.focus_tip_rect is not None, "End planning lost its help box"
    # the UN: one more order for Moscow (the veto), no room for the panel
    _key(app, pygame.K_4, dt=0.1)
    _key(app, pygame.K_RIGHT, dt=0.1)
    assert board.details_rect is None and any(board.ring.focused() is a for a in board.actions)
    board.focus_tip_rect = None
    _wait(app, 0.0)
    _wait(app, FOCUS_TIP_DELAY + 0.1)
    assert board.focus_tip_rect is not None, "with no panel to say it, the focused order's help box never opened"
    # back on Energy with every order planned: each order says on its face why it cannot be
    # given, and a box would cover the plan preview the player now reads
    _key(app, pygame.K_1, dt=0.1)
    for letter in (pygame.K_i, pygame.K_r, pygame.K_a):
        _key(app, letter, dt=0.1)
    assert len(app.game.state.plans[app.game.state.to_act]) == 3 and board.details_rect is None
    _key(app, pygame.K_RIGHT, dt=0.1)
    assert any(board.ring.focused() is a and not a.enabled for a in board.actions)
    board.focus_tip_rect = None
    _wait(app, 0.0)
    _wait(app, FOCUS_TIP_DELAY + 0.5)
    assert board.focus_tip_rect is None, "a help box covered the plan preview"


def test_a_text_cut_by_its_box_ends_in_an_ellipsis(make_app):
    """The order panel has a fixed size: a longer text must not look complete."""
    app = make_app()
    text, size = app.text, 16
    long = " ".join(["Loans to Russian energy companies buy Beijing a stake."] * 6)
    width = 300
    lh = text.line_height(size)
    surface = pygame.Surface((400, 400))
    text.begin_frame()
    used = text.draw_wrapped(surface, long, pygame.Rect(0, 0, width, 3 * lh), size, (255, 255, 255), ellipsis=True)
    assert used == 3 * lh and len(text.drawn) == 3
    assert text.drawn[-1].endswith("\u2026") and text.width(text.drawn[-1], size) <= width
    assert " ".join(text.drawn).replace("\u2026", "") in " ".join(text.wrap(long, size, width))
    # a text that fits is drawn whole, without the mark
    text.begin_frame()
    text.draw_wrapped(surface, "Loans buy a stake.", pygame.Rect(0, 0, width, 3 * lh), size, (255, 255, 255), ellipsis=True)
    assert text.drawn == ["Loans buy a stake."]
    # without the option, a cut text is simply cut (callers size their boxes)
    text.begin_frame()
    text.draw_wrapped(surface, long, pygame.Rect(0, 0, width, 3 * lh), size, (255, 255, 255))
    assert len(text.drawn) == 3 and not text.drawn[-1].endswith("\u2026")
