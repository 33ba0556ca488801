"""Where the game keeps the player's files: saves, autosaves, logs and its cache.

Everything lives under one home folder: the operating system's per-user data
folder (from ``platformdirs``), or the folder named by the environment
variable ``EURASIA_GAME_HOME`` when it is set, which tests, seminar machines
and portable installs use.  Nothing here creates a folder: a folder that
cannot be created is reported when a file is written there, and the game
goes on.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

HOME_VARIABLE = "EURASIA_GAME_HOME"
APP_NAME = "eurasia-game"


def game_home() -> Path:
    """The folder that holds all of the player's game files."""
    chosen = os.environ.get(HOME_VARIABLE, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Files the game can always make again (the rules it checked last): the
    user's cache folder, or ``cache`` in ``$EURASIA_GAME_HOME`` when it is set."""
    chosen = os.environ.get(HOME_VARIABLE, "").strip()
    if chosen:
        return Path(chosen).expanduser() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def saves_dir() -> Path:
    """Saves the player made on purpose."""
    return game_home() / "saves"


def autosave_dir() -> Path:
    """The rotating autosaves and the marker of a game in progress."""
    return saves_dir() / "autosave"


def logs_dir() -> Path:
    """Play and crash logs (seed, rules fingerprint and actions of each game)."""
    return game_home() / "logs"


# The marker of a game in progress, in the autosave folder: written when a game
# starts, removed when it ends cleanly (``session.autosave``).
RESUME_MARKER = "game-in-progress.json"


def game_in_progress(folder: Path | str | None = None) -> bool:
    """Whether the autosave folder holds the marker of a game that did not end cleanly (a look, nothing read)."""
    folder = Path(folder) if folder is not None else autosave_dir()
    return os.path.lexists(folder / RESUME_MARKER)


# An autosave's file name; listing them needs nothing of the records (the title
# screen's "continue" asks before any game is loaded).
_AUTOSAVE_NAME = re.compile(r"^autosave-(\d{1,12})\.json$")


def autosave_files(folder: Path | str | None = None) -> list[tuple[int, Path]]:
    """The autosaves in ``folder`` as (number, path), newest first; empty if unreadable."""
    folder = Path(folder) if folder is not None else autosave_dir()
    found = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        match = _AUTOSAVE_NAME.match(name)
        if match:
            found.append((int(match.group(1)), folder / name))
    found.sort(key=lambda item: item[0], reverse=True)
    return found
