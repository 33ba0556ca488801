"""The window's first question after a crash or a killed process: go on with the unfinished game?

The App asks it once its first screen is up (``App.offer_resume``).  It is
kept apart from ``ui.startup``, which builds the App, so that the App does
not import the module that imports it.
"""

from __future__ import annotations

import logging

from eurasia_game.ui import paths
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.strings import S

log = logging.getLogger("eurasia_game.ui")


def offer_resume(app) -> None:
    """After a crash or a killed process, offer the newest autosave of the unfinished game."""
    from eurasia_game.session.folders import game_in_progress

    if not game_in_progress(paths.autosave_dir()):
        return  # the usual start: the records' code is not imported before the first frame
    from eurasia_game.session.autosave import find_resumable, forget_resumable
    from eurasia_game.ui.screens.dialog import ConfirmScene

    found = find_resumable(paths.autosave_dir(), app.rules)
    if found is None:
        return
    forget_resumable(paths.autosave_dir())  # offered once; resuming starts a new marker
    log.info("offering to resume %s (%d actions)", found.path, len(found.record.actions))
    scenario = app.rules.scenario[found.record.scenario].name
    body = S("resume_body", scenario=scenario, actions=len(found.record.actions))
    app.apply(sc.Push(ConfirmScene(S("resume_title"), body, S("resume_yes"), sc.LoadGame(found.path))))
