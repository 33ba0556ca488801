"""Sound: cues worked out below the window, played by the window, silent without a device."""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from dataclasses import replace

import pygame

from eurasia_game.engine import Action, new_game
from eurasia_game.paths import assets_dir
from eurasia_game.session.cues import step_cues, tracks_into_danger
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.settings import Settings
from eurasia_game.ui.sound import Sound


def test_every_cue_has_a_free_sound_with_credits():
    folder = assets_dir() / "sounds"
    for name in ("card", "order", "reveal", "danger", "ending", "music"):
        with wave.open(str(folder / f"{name}.wav")) as w:
            assert w.getnframes() > 0 and w.getframerate() == 22050
    credits = (folder / "CREDITS.txt").read_text(encoding="utf-8")
    assert "CC0" in credits and "make_sounds.py" in credits


def test_cues_come_from_the_step(rules):
    state = new_game(rules, None, seed=3)
    plan = Action("plan", "moscow", action="invest", target="energy")
    assert step_cues(rules, state, state, plan) == ["order"]
    track = next(t for t in rules.tracks if any(z.danger for z in t.zones))
    zone = next(z for z in track.zones if z.danger)
    safe = next(v for v in range(track.min, track.max + 1) if not any(z.danger and z.min <= v <= z.max for z in track.zones))
    before = replace(state, tracks={**state.tracks, track.id: safe})
    after = replace(state, tracks={**state.tracks, track.id: zone.min})
    assert tracks_into_danger(rules, before, after) == [track.id]
    assert "danger" in step_cues(rules, before, after, None)
    assert "danger" not in step_cues(rules, after, after, None)  # already there: no new warning
    assert step_cues(rules, state, replace(state, ending="rupture"), None)[-1] == "ending"


def test_sound_is_silent_and_harmless_with_the_dummy_driver(rules):
    sound = Sound(Settings(volume=0.5))
    assert sound.play("order")  # the dummy driver plays into nothing
    state = new_game(rules, None, seed=3)
    cue = sound.on_step(rules, state, replace(state, ending="rupture"), None, ())
    assert cue == "ending"
    sound.apply(Settings(music=True, volume=0.5))
    sound.apply(Settings(music=False))
    assert not sound.music_on
    sound.close()


def test_muted_sound_never_opens_the_mixer():
    sound = Sound(Settings(mute=True))
    assert not sound.play("card")
    sound.apply(Settings(mute=True, music=True))
    assert not sound.ready and not sound.music_on


def test_no_audio_device_turns_sound_off_without_an_error(tmp_path):
    code = (
        "from eurasia_game.ui.sound import Sound\n"
        "from eurasia_game.ui.settings import Settings\n"
        "s = Sound(Settings(music=True))\n"
        "s.apply(Settings(music=True))\n"
        "assert not s.play('card')\n"
        "assert s.broken\n"
        "print('silent')\n"
    )
    env = {**os.environ, "SDL_AUDIODRIVER": "no-such-driver", "EURASIA_GAME_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "silent" in out.stdout and "Traceback" not in out.stderr


def test_the_window_plays_an_order_and_a_card(make_app):
    from tests.ui.test_plan_preview import _planning

    app = _planning(make_app, (1280, 800))
    app.apply(sc.Act(Action("plan", "moscow", action="invest", target="energy")))
    assert not app.sound.broken  # SDL's dummy driver opens a mixer that plays into nothing
    assert app.sound.played[-1] == "order"
    from eurasia_game.ui.screens.reveal import RevealScene

    app.apply(sc.Push(RevealScene(next(e.id for e in app.rules.events))))
    assert app.sound.played[-1] == "card"


def test_volume_mute_and_music_in_settings(make_app):
    app = make_app(size=(1024, 640))
    from eurasia_game.ui.screens.settings_screen import SettingsScene

    app.apply(sc.Push(SettingsScene()))
    for widget_id in ("sound", "volume", "music"):
        assert app.top.ring.get(widget_id) is not None
    app.apply(app.top.ring.get("volume").activate())
    assert app.settings.volume == 1.0
    app.apply(app.top.ring.get("sound").activate())
    assert app.settings.mute
    assert not app.top.ring.get("music").enabled
    bad = Settings(volume=3, mute="yes", music=1).validated()
    assert bad.volume == 0.7 and bad.mute is False and bad.music is False
    pygame.event.clear()


def test_a_new_game_opens_the_mixer_before_play_and_a_muted_one_does_not(make_app):
    for mute in (False, True):
        app = make_app(size=(1024, 640), mute=mute)
        assert not app.sound.ready, "the title alone opens no mixer"
        app.apply(sc.StartGame("after_fourth_term", 3, {s: "human" for s in app.rules.side_ids}, False))
        assert app.sound.ready is (not mute)
