"""The game's sounds: short effects for moments of play, and an optional music loop.

Which moments call for a sound is decided below the window
(``session.cues``); this module only plays them, with the volume, mute and
music settings.  The effects are the synthesised files of assets/sounds/
(``scripts/make_sounds.py``, CC0).  Sound is never allowed to stop the game:
the mixer opens only when a sound is first wanted and sound is on, and if
there is no audio device (or SDL's dummy audio driver), any error turns
sound off for the rest of the run, silently, with one line in the log.

One step of the game can bring several cues at once (the orders revealed,
a track in danger and the next card); only the most telling is played, so
sounds never pile up.  A card's sound plays when its card appears.
"""

from __future__ import annotations

import logging

import pygame

from eurasia_game.paths import assets_dir
from eurasia_game.session.cues import step_cues

log = logging.getLogger("eurasia_game.ui")

PRIORITY = ("ending", "danger", "reveal", "order")  # most telling first; "card" plays with its card
SCENE_CUES = {"reveal": "card"}  # scenes whose appearance is a cue: a card's reveal
MUSIC_SHARE = 0.5  # the music plays this much quieter than the effects


class Sound:
    def __init__(self, settings) -> None:
        self.settings = settings
        self.ready = False
        self.broken = False
        self.effects: dict[str, object] = {}
        self.played: list[str] = []  # cues played, newest last (for the tests and the log)
        self.music_on = False

    # --- the mixer --------------------------------------------------------
    def _open(self) -> bool:
        if self.ready:
            return True
        if self.broken:
            return False
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.pre_init(22050, -16, 1, 512)
                pygame.mixer.init()
            folder = assets_dir() / "sounds"
            for path in sorted(folder.glob("*.wav")):
                if path.stem != "music":
                    self.effects[path.stem] = pygame.mixer.Sound(str(path))
        except (pygame.error, OSError) as exc:
            self.broken = True
            log.info("sound off: %s", exc)
            return False
        self.ready = True
        return True

    def prepare(self) -> None:
        """Open the mixer and load the effects now, if sound is on.

        Opening takes tens of milliseconds; done at the first cue, it would
        stall a frame in the middle of play (the computer's turn, a reveal).
        A game's start is a moment when nobody sees a frame skip.
        """
        if self.enabled:
            self._open()

    def _fail(self, exc) -> None:
        self.broken = True
        self.ready = False
        log.info("sound off: %s", exc)

    @property
    def enabled(self) -> bool:
        return not self.settings.mute and self.settings.volume > 0

    # --- cues -------------------------------------------------------------
    def play(self, cue: str) -> bool:
        """Play one effect; returns whether it was played."""
        if not self.enabled or not self._open():
            return False
        effect = self.effects.get(cue)
        if effect is None:
            return False
        try:
            effect.set_volume(self.settings.volume)
            effect.play()
        except pygame.error as exc:
            self._fail(exc)
            return False
        self.played.append(cue)
        del self.played[:-50]
        return True

    def on_step(self, rules, before, after, action, events) -> str | None:
        """A step of the game was taken: play its most telling cue."""
        cues = step_cues(rules, before, after, action, events)
        for cue in PRIORITY:
            if cue in cues:
                self.play(cue)
                return cue
        return None

    def on_scene(self, name: str) -> None:
        """A screen appeared: a card's sound when its card is shown."""
        cue = SCENE_CUES.get(name)
        if cue:
            self.play(cue)

    # --- music and settings -----------------------------------------------
    def apply(self, settings) -> None:
        """New settings: volume, mute and music take effect at once."""
        self.settings = settings
        want = settings.music and self.enabled
        if want and not self.music_on and self._open():
            try:
                pygame.mixer.music.load(str(assets_dir() / "sounds" / "music.wav"))
                pygame.mixer.music.play(-1)
                self.music_on = True
            except (pygame.error, OSError) as exc:
                self._fail(exc)
        elif not want and self.music_on:
            self.stop_music()
        if self.music_on:
            try:
                pygame.mixer.music.set_volume(settings.volume * MUSIC_SHARE)
            except pygame.error as exc:
                self._fail(exc)

    def stop_music(self) -> None:
        if self.music_on and self.ready:
            try:
                pygame.mixer.music.stop()
            except pygame.error:
                pass
        self.music_on = False

    def close(self) -> None:
        self.stop_music()
        if self.ready:
            try:
                pygame.mixer.quit()
            except pygame.error:
                pass
        self.ready = False
