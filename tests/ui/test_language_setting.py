"""The language setting: chosen in the window, applied at once, remembered.

Changing it mid-game reloads the rules' texts in the new language; the
game goes on where it was (same fingerprint, same state), with its log
told again in the new words.
"""

from __future__ import annotations

import pygame

from eurasia_game import lang
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.settings import load_settings
from tests.ui.driver import advance, press, step


def test_the_language_setting_switches_the_window_and_a_running_game(make_app):
    from eurasia_game.ui.screens.settings_screen import SettingsScene

    app = make_app(size=(1024, 640))
    try:
        app.apply(sc.StartGame("after_fourth_term", 3, {s: "human" for s in app.rules.side_ids}, False))
        for _ in range(10):
            if app.top.name == "board":
                break
            advance(app)
        state_before = app.game.state
        fingerprint = app.rules.fingerprint
        app.apply(sc.Push(SettingsScene()))
        step(app)
        button = app.top.ring.get("language")
        assert button.label.endswith("English")
        press(app, pygame.K_l)  # the next language: Deutsch
        step(app)
        assert app.settings.language == "de" and lang.current() == "de"
        assert load_settings().language == "de"  # remembered for the next start
        assert app.rules.side["moscow"].name == "Moskau"
        assert app.rules.fingerprint == fingerprint
        assert app.game.state == state_before
        assert app.game.session.rules is app.rules
        assert any("Moskau" in event.text for event in app.game.session.events(everything=True))
        assert app.top.ring.get("language").label.endswith("Deutsch")
        assert app.top.ring.get("back").label != "Back"  # the interface's own words follow at once
        for code in ("ru", "zh", "en"):
            press(app, pygame.K_l)
            step(app)
            assert lang.current() == code
        assert app.rules.side["moscow"].name == "Moscow"
    finally:
        lang.use("en")


def test_the_command_line_language_wins_over_the_setting_and_the_setting_over_the_system(monkeypatch):
    from types import SimpleNamespace

    from eurasia_game.ui.language import startup_language
    from eurasia_game.ui.settings import Settings

    try:
        monkeypatch.setenv("EURASIA_GAME_LANG", "ru")  # stands for the system's language
        assert startup_language(SimpleNamespace(lang="zh"), Settings(language="de")) == "zh"
        assert startup_language(SimpleNamespace(), Settings(language="de")) == "de"
        assert startup_language(SimpleNamespace(lang=None), Settings()) == "ru"
    finally:
        lang.use("en")
