"""Player settings, remembered between runs in the user's settings folder.

A damaged or hand-edited settings file never stops the game: unknown keys
are dropped and bad values fall back to their defaults.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

from eurasia_game import lang
from eurasia_game.ui import paths

WINDOW_SIZES = ((1024, 640), (1280, 800), (1600, 1000), (1920, 1080), (2560, 1440))
UI_SCALES = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5)
TEXT_SIZES = (0.85, 1.0, 1.15, 1.3)
ANIMATION_SPEEDS = ("off", "slow", "normal", "fast")
VOLUMES = (0.25, 0.5, 0.7, 1.0)


@dataclass
class Settings:
    width: int = 1280
    height: int = 800
    fullscreen: bool = False
    ui_scale: float = 1.0
    text_size: float = 1.0
    colour_safe: bool = False
    animation: str = "normal"
    curtain: bool = True
    briefings: bool = True  # each side's briefing before its first year
    volume: float = 0.7  # sound effects (and music, quieter), 0 to 1
    mute: bool = False
    music: bool = False  # the music loop under the game
    tutorial_offered: bool = False  # the guided first game was offered (the title says so on the first launch)
    tutorial_done: bool = False  # the guided first game was played to its end
    language: str = ""  # a code of lang.NAMES; empty: the system's language (or --lang)
    # The new-game screen's last choices, offered again next time: a scenario id and each
    # side's player ("human" or a computer level), by side id.  Checked against the rules
    # when the screen opens (a mod may have removed a scenario or renamed a side).
    last_scenario: str = ""
    last_players: dict = field(default_factory=dict)

    def validated(self) -> "Settings":
        ok = Settings()
        if isinstance(self.width, int) and isinstance(self.height, int) and 640 <= self.width <= 7680 and 400 <= self.height <= 4320:
            ok.width, ok.height = self.width, self.height
        if isinstance(self.fullscreen, bool):
            ok.fullscreen = self.fullscreen
        if isinstance(self.ui_scale, (int, float)) and 0.5 <= self.ui_scale <= 2.5:
            ok.ui_scale = float(self.ui_scale)
        if isinstance(self.text_size, (int, float)) and 0.5 <= self.text_size <= 2.5:
            ok.text_size = float(self.text_size)
        if isinstance(self.colour_safe, bool):
            ok.colour_safe = self.colour_safe
        if self.animation in ANIMATION_SPEEDS:
            ok.animation = self.animation
        if isinstance(self.curtain, bool):
            ok.curtain = self.curtain
        if isinstance(self.briefings, bool):
            ok.briefings = self.briefings
        if isinstance(self.volume, (int, float)) and not isinstance(self.volume, bool) and 0 <= self.volume <= 1:
            ok.volume = float(self.volume)
        if isinstance(self.mute, bool):
            ok.mute = self.mute
        if isinstance(self.music, bool):
            ok.music = self.music
        if self.language == "" or (isinstance(self.language, str) and lang.supported(self.language)):
            ok.language = self.language
        if isinstance(self.last_scenario, str) and len(self.last_scenario) <= MAX_ID_LENGTH:
            ok.last_scenario = self.last_scenario
        if isinstance(self.last_players, dict) and len(self.last_players) <= MAX_REMEMBERED_SIDES:
            ok.last_players = {
                k: v for k, v in self.last_players.items() if isinstance(k, str) and isinstance(v, str) and len(k) <= MAX_ID_LENGTH and len(v) <= MAX_ID_LENGTH
            }
        for key in ("tutorial_offered", "tutorial_done"):
            if isinstance(getattr(self, key), bool):
                setattr(ok, key, getattr(self, key))
        return ok

    @property
    def move_delay(self) -> float:
        """Seconds between a computer side's moves, so people can follow them."""
        return {"off": 0.0, "slow": 1.2, "normal": 0.6, "fast": 0.25}[self.animation]


MAX_SETTINGS_BYTES = 100_000
MAX_ID_LENGTH = 64  # a remembered scenario, side or player name longer than this is dropped
MAX_REMEMBERED_SIDES = 16


def load_settings() -> Settings:
    from eurasia_game.safefile import read_text_bounded

    path = paths.settings_file()
    try:  # bounded: a settings "file" that is a pipe or a huge file must not stop the game starting
        data = json.loads(read_text_bounded(path, MAX_SETTINGS_BYTES, "settings file"))
    except (OSError, ValueError, RecursionError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    raw = Settings()
    for key, value in data.items():
        if key in known:
            setattr(raw, key, value)
    return raw.validated()


def save_settings(settings: Settings) -> str | None:
    """Write the settings; returns a sentence for the player if that failed."""
    from eurasia_game.session.atomic import SaveError, atomic_write_text

    try:
        atomic_write_text(paths.settings_file(), json.dumps(asdict(settings), indent=1, sort_keys=True) + "\n")
    except SaveError as exc:
        return str(exc)
    return None


def remember(settings: Settings, **values) -> str | None:
    """Set ``values`` in the window's settings and in the settings file, leaving the file's
    other settings as they are (a window opened with other settings, such as the
    screenshots', must not overwrite the player's).  Returns a sentence if writing failed."""
    stored = load_settings()
    for key, value in values.items():
        setattr(settings, key, value)
        setattr(stored, key, value)
    return save_settings(stored.validated())


def cycle(values, current, step: int = 1):
    """The next value of ``values`` after ``current`` (wrapping round)."""
    values = list(values)
    try:
        index = values.index(current)
    except ValueError:
        index = 0 if step > 0 else 1
    return values[(index + step) % len(values)]
