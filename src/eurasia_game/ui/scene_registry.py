"""Scenes asked for by name, so that one screen can lead to another without importing it.

Screens lead both ways: the title opens a new game, and a dialog, the
tutorial or the facilitator's tools lead back to the title, the new-game
screen or the facilitator's panel.  If each imported the other, the screens
would import each other in circles.  A screen that leads back asks for the
scene here by name; the module that defines it registers the class with
``register`` and, if it has not been imported yet, is imported from the
fixed table below (part of the game's code, never named by a rule file).
"""

from __future__ import annotations

import importlib

# name -> the module that defines and registers that scene
_HOMES = {
    "title": "eurasia_game.ui.screens.title",
    "new_game": "eurasia_game.ui.screens.newgame",
    "facilitator_panel": "eurasia_game.ui.seminar.panel",
}
_SCENES: dict[str, type] = {}


def register(name: str):
    """Class decorator: make a scene class available as ``scene(name)``."""
    if name not in _HOMES:
        raise KeyError(f"no home module listed for the scene '{name}'")

    def keep(cls):
        _SCENES[name] = cls
        return cls

    return keep


def scene(name: str, *args, **kwargs):
    """A new scene of the class registered as ``name``, built with the arguments given."""
    made = _SCENES.get(name)
    if made is None:
        importlib.import_module(_HOMES[name])
        made = _SCENES[name]
    return made(*args, **kwargs)
