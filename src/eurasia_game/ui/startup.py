"""Opening the window: logging, the rules, the App, the offer to resume.

``run_app`` is what ``eurasia-game play`` runs.  It is kept apart from the
App and its loop because start-up has its own failures to turn into a clear
message and an exit code (rules that do not load, no display, a window that
cannot start), and its own first question to the player: after a crash or
a killed process, whether to go on with the unfinished game's autosave.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from eurasia_game.session import workproc  # noqa: E402
from eurasia_game.ui import paths  # noqa: E402
from eurasia_game.ui import scenes as sc  # noqa: E402
from eurasia_game.ui.strings import S  # noqa: E402

log = logging.getLogger("eurasia_game.ui")


def setup_logging() -> logging.Handler | None:
    """Log to the user's log folder; a folder that cannot be written is not fatal."""
    logger = logging.getLogger("eurasia_game")
    for handler in list(logger.handlers):
        if getattr(handler, "_eurasia", False):
            logger.removeHandler(handler)
            handler.close()
    try:
        paths.log_dir().mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(paths.log_file(), encoding="utf-8")
    except OSError:
        return None
    handler._eurasia = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def offer_resume(app) -> None:
    """After a crash or a killed process, offer the newest autosave of the unfinished game."""
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


def load_rules_for_window(args):
    """(rules or None, the load result, mod folders) for the window's arguments."""
    from eurasia_game.cli.common import load_result, mod_paths

    mods = mod_paths(args)
    result = load_result(args)
    rules = result.rules if not result.errors else None
    return rules, result, mods


def run_app(args) -> int:
    """Open the window and play until it is closed.  Returns the exit code."""
    from eurasia_game.ui.app import App

    setup_logging()
    from eurasia_game.ui.language import startup_language
    from eurasia_game.ui.settings import load_settings

    startup_language(args, load_settings())
    rules, result, mods = load_rules_for_window(args)
    if rules is None:
        problems = "\n".join(str(p) for p in result.problems)
        print(problems, file=sys.stderr)
        print(S("rules_failed", count=len(result.errors)), file=sys.stderr)
        log.error("rules did not load:\n%s", problems)
        return 2
    log.info("window started: rules %s %s (%s)", rules.game.id, rules.game.version, rules.fingerprint)
    try:
        app = App(rules, rules_dir=getattr(args, "rules", None), mod_folders=mods, load_problems=result.problems)
    except pygame.error as exc:
        print(S("no_window", reason=str(exc)), file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 - never a traceback for the player
        log.error("the window could not start: %s", traceback.format_exc())
        print(S("start_failed", log=str(paths.log_file())), file=sys.stderr)
        pygame.quit()
        return 1
    quit_after = getattr(args, "quit_after", None)
    if quit_after:  # a start-up check (the bundle's smoke test): close as if the player had
        pygame.time.set_timer(pygame.QUIT, max(1, int(quit_after * 1000)), 1)
    try:
        app.offer_resume()
        code = app.run()
    except Exception:  # noqa: BLE001 - the loop catches errors itself; this is the last guard
        log.error("the window stopped on an error: %s", traceback.format_exc())
        print(S("start_failed", log=str(paths.log_file())), file=sys.stderr)
        code = 1
    finally:
        workproc.shutdown()  # the computer's process, if a game started one
        pygame.quit()
    return code
