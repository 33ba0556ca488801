"""The red-lines overlay (F2): a table read from the rules and the game, with the viewer's plan."""

from __future__ import annotations

import pygame
import pytest

from eurasia_game.engine import Action
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.strings import S
from tests.ui.driver import press
from tests.ui.test_plan_preview import _planning


@pytest.mark.parametrize("size", [(1024, 640), (2560, 1440)])
def test_f2_opens_the_table_and_esc_closes_it(make_app, size):
    app = _planning(make_app, size)
    press(app, pygame.K_F2)
    assert app.top.name == "red_lines"
    app.draw()
    drawn = "\n".join(app.text.drawn)
    for key in ("red_lines_col_line", "red_lines_col_crosses", "red_lines_col_costs", "red_lines_col_far"):
        assert S(key) in drawn
    assert "One order away" in drawn or "needs" in drawn  # the Arctic line's distance, read from the state
    assert app.top.rect.bottom <= size[1] and app.top.rect.right <= size[0]
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "board"


def test_the_table_tells_a_planner_that_their_plan_crosses_a_line(make_app):
    app = _planning(make_app, (1280, 800))
    assert app.game.state.power["moscow"] >= 2  # this seed leaves room for the gamble
    app.apply(sc.Act(Action("plan", "moscow", action="brinkmanship", target="arctic")))
    press(app, pygame.K_F2)
    app.draw()
    drawn = "\n".join(app.text.drawn)
    assert S("red_lines_plan_certain") in drawn
    row = app.top.hotspots[0]
    assert "Partnership -2" in row[1]  # the hover gives each choice's effects
