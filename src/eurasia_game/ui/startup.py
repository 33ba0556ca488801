"""Opening the window: logging, the rules, the App.

``run_app`` is what ``eurasia-game play`` runs.  It is kept apart from the
App and its loop because start-up has its own failures to turn into a clear
message and an exit code (rules that do not load, no display, a window that
cannot start).  The App's first question to the player, whether to go on
with an unfinished game, is ``ui.resume``.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from eurasia_game.ui import paths  # noqa: E402
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


def _stop_computer_process() -> None:
    """Stop the computer's process, if a game started one (and with it imported ``session.workproc``)."""
    workproc = sys.modules.get("eurasia_game.session.workproc")
    if workproc is not None:
        workproc.shutdown()


def load_rules_for_window(args):
    """(rules or None, the load result, mod folders) for the window's arguments.

    The base game's rules, when no file of theirs (nor the game's code, nor
    the language) changed since they last loaded without a single problem,
    come from the cache of checked rules (``loading.rules_cache``) instead of
    being parsed and checked again: as a ``PendingRules`` that the title
    screen is drawn from, built in full right after the first frame
    (``ui.pending_rules``).  Anything else is loaded and checked in full.
    """
    from eurasia_game.chosen_rules import mod_paths

    mods = mod_paths(args)
    cache = _rules_cache(args, mods)
    if cache is not None:
        from eurasia_game.loading.result import LoadResult
        from eurasia_game.loading.rules_cache import read_header

        header = read_header(*cache)
        if header is not None and isinstance(header.get("title"), dict):
            from eurasia_game.ui.pending_rules import PendingRules

            try:
                pending = PendingRules(header["title"], lambda: _cached_or_checked(args, cache))
            except (KeyError, TypeError, AttributeError):
                pending = None  # a header of another shape: the rules are loaded in full below
            if pending is not None:
                return pending, LoadResult(rules=pending), mods
    rules, result = _checked(args, cache)
    return rules, result, mods


class RulesChanged(RuntimeError):
    """The rule files changed between the title screen and building the rules, and no longer load."""


def _cached_or_checked(args, cache):
    """The rules behind a ``PendingRules``: from the cache, or (should it have gone since) loaded and checked."""
    from eurasia_game.loading.rules_cache import read_cached

    rules = read_cached(*cache)
    if rules is not None:
        return rules
    rules, result = _checked(args, cache)
    if rules is None:
        raise RulesChanged("\n".join(str(p) for p in result.problems))
    return rules


def _checked(args, cache):
    """(rules or None, load result): the rules loaded and checked in full, cached when they have no problem."""
    from eurasia_game.chosen_rules import load_result

    result = load_result(args)
    rules = result.rules if not result.errors else None
    if cache is not None and rules is not None and not result.problems:
        from eurasia_game.loading.rules_cache import write_cached
        from eurasia_game.ui.pending_rules import title_facts

        if not write_cached(*cache, rules, {"title": title_facts(rules)}):
            log.info("the checked rules could not be cached in %s", cache[0])
    return rules, result


def _rules_cache(args, mods):
    """(cache file, key) for the base game's rules, or None when the window is given other rules or mods."""
    if getattr(args, "rules", None) is not None or mods:
        return None
    import hashlib

    from eurasia_game import lang
    from eurasia_game.loading.rules_cache import rules_key
    from eurasia_game.paths import base_rules_dir

    folder = base_rules_dir()
    key = rules_key(folder, lang.current())
    if key is None:
        return None
    name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:12]
    return paths.cache_dir() / f"checked-rules-{name}.json", key


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
        _stop_computer_process()
        pygame.quit()
    return code
