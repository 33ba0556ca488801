"""Where the window keeps settings, saves and logs.

Saves, autosaves and logs live in the game's home folder from
``session.folders`` (platformdirs, or ``$EURASIA_GAME_HOME``); settings go to
the user's settings folder, or to ``config`` in ``$EURASIA_GAME_HOME`` when it
is set, so tests and portable installs never touch the real user folders.
"""

from __future__ import annotations

import os
from pathlib import Path

from eurasia_game.session import folders

APP = folders.APP_NAME


def config_dir() -> Path:
    home = os.environ.get(folders.HOME_VARIABLE, "").strip()
    if home:
        return Path(home).expanduser() / "config"
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP, appauthor=False))


def cache_dir() -> Path:
    return folders.cache_dir()


def saves_dir() -> Path:
    return folders.saves_dir()


def autosave_dir() -> Path:
    return folders.autosave_dir()


def log_dir() -> Path:
    return folders.logs_dir()


def settings_file() -> Path:
    return config_dir() / "settings.json"


def log_file() -> Path:
    return log_dir() / f"{APP}.log"


def latest_autosave() -> Path | None:
    """The newest autosave, for "continue" on the title screen."""
    files = folders.autosave_files(autosave_dir())
    return files[0][1] if files else None
