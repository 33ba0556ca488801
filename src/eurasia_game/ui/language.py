"""Changing the language while the window is open.

The interface's words are looked up at every layout, so they follow at
once; the rules' texts are loaded again in the new language (same ids and
fingerprint, so a game in progress goes on as it was, its log now in the
new words), and the fonts are chosen again (Chinese needs its own).
"""

from __future__ import annotations

import logging

from eurasia_game import lang

log = logging.getLogger(__name__)


def startup_language(args, settings) -> str:
    """The language for a new window: ``--lang`` if given, else the settings' choice, else the system's."""
    given = getattr(args, "lang", None)
    return lang.use(given or settings.language or None)


def switch_language(app, code: str) -> str | None:
    """Speak ``code`` (empty: the system's language) in the open window; a sentence if the rules could not follow."""
    from eurasia_game.mods import load_game, reload_session
    from eurasia_game.ui.strings import S

    before = lang.current()
    now = lang.use(code or None)
    app.text.reset_fonts()
    if now == before:
        return None
    if app.game is None:
        result = load_game(app.rules_dir, app.mod_folders)
        if result.rules is None or result.errors:
            return S("language_rules_failed")
        app.rules = result.rules
        app.load_problems = list(result.problems)
        return None
    report = reload_session(app.game.session, app.rules_dir, app.mod_folders)
    if not report.ok:
        log.warning("the rules did not follow the language change: %s", report.continuation.reason)
        return S("language_rules_failed")
    app.load_problems = list(report.result.problems)  # the mod report's problems in the new language
    if report.session is not app.game.session:
        app.game.replace_session(report.session)
        app.rules = report.session.rules
    return None
