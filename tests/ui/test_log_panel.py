"""The board's log panel wraps only what is new, and shows what a fresh wrap would."""

from __future__ import annotations

import pygame

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.screens.board_panels import LogLines
from tests.ui.driver import advance, click, names, press


def _board(make_app):
    app = make_app()
    app.apply(sc.StartGame("full_decade", 3, {s: "human" for s in app.rules.side_ids}, False))
    for _ in range(20):
        if app.top.name == "board" and app.top._acting_side(app.ctx) is not None:
            return app
        advance(app)
    raise AssertionError(names(app))


def test_a_redraw_wraps_no_log_line_again_and_an_undo_drops_its_lines(make_app):
    app = _board(make_app)
    board = app.top
    width = board.regions["log"].inflate(-2 * app.ctx.px(8), 0).width
    for _ in range(3):
        side = app.game.state.to_act
        action = next((w for w in board.ring.widgets if w.id.startswith("act:") and w.enabled), None)
        if action is not None:
            click(app, action.id)
        if app.top.ring.get("undo").enabled:
            press(app, pygame.K_z, mod=pygame.KMOD_LCTRL)  # lines of a taken-back order go
        click(app, "commit")
        for _ in range(10):
            if app.top.name == "board" and app.top._acting_side(app.ctx) is not None:
                break
            advance(app)
        board = app.top
        assert side is not None
    cache = board.log_cache
    assert cache.lines == LogLines().get(app.ctx, board.viewer, cache.key[2])
    wrapped = []
    real_wrap = app.text.wrap

    def counting(text, *args, **kwargs):
        wrapped.append(text)
        return real_wrap(text, *args, **kwargs)

    app.text.wrap = counting
    board._base_key = None  # the whole board drawn again
    app.draw()
    logged = {e.text for e in app.game.session.events(board.viewer)}
    assert not [t for t in wrapped if t in logged], "the log was wrapped again on a redraw"
    assert width > 0
