"""Mods for the game: finding installed mods, loading them, and live reloading.

This is the API below the user interface (the new-game mod list, the mod
report screen and the reload key call it); nothing here draws anything.

* ``user_mods_dir()`` - where the player installs mods.
* ``discover_mods(folder=None, base=None, check=True)`` - the installed mods,
  each with ``status`` ("ok", "warnings", "errors") and its ``problems``.
* ``load_game(base=None, mods=())`` - base game plus mod folders -> ``LoadResult``.
* ``rules_diff(old, new)`` - what changed between two rule sets.
* ``continue_under(session, rules)`` / ``reload_session(session, base, mods)`` -
  whether a game still replays under new rules, and the game under them.

Loading itself (layers, merge, manifests, load order) lives in ``loading``.
"""

from __future__ import annotations

from eurasia_game.mods.diff import RulesDiff, rules_diff
from eurasia_game.mods.discover import InstalledMod, check_mod, discover_mods, resolve_mod, user_mods_dir, with_dependencies
from eurasia_game.mods.reload import Continuation, ReloadReport, continue_under, load_game, reload_session, replay_problem

__all__ = [
    "Continuation",
    "InstalledMod",
    "ReloadReport",
    "RulesDiff",
    "check_mod",
    "continue_under",
    "discover_mods",
    "load_game",
    "reload_session",
    "replay_problem",
    "resolve_mod",
    "rules_diff",
    "user_mods_dir",
    "with_dependencies",
]
