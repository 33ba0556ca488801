"""Every screen fits the smallest window in every language.

German runs about a third longer than English and Chinese needs its own
font and breaks lines between characters: the same checks as
``test_layout`` (nothing outside the window, no overlaps, no cut button
text, the board's column not overflowing), at 1024x640, with the interface
and the rules in each language.
"""

from __future__ import annotations

import pytest

from eurasia_game import lang
from tests.ui.driver import step
from tests.ui.test_layout import _check, _screens


@pytest.mark.parametrize("code", [c for c in lang.NAMES if c != lang.SOURCE])
def test_screens_fit_the_smallest_window_in_every_language(code):
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    lang.use(code)
    try:
        rules = load_rules().rules
        assert rules.side["moscow"].name != "Moscow" or code == "de" and rules.side["moscow"].name == "Moskau"
        app = App(rules, settings=Settings(width=1024, height=640, animation="off", briefings=False, language=code), raise_errors=True)
        app.step()
        names = []
        for name in _screens(app):
            step(app, 1)
            _check(app, f"{name} in {code} at 1024x640")
            names.append(name)
        assert {"title", "new_game", "board", "reveal", "orders_reveal", "menu", "briefing", "ending"} <= set(names)
    finally:
        lang.use("en")
