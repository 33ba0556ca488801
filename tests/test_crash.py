"""The window never loses a game: crashes, full disks, unwritable folders, killed processes.

* An unexpected exception becomes a dialog naming the log file and the
  autosave, never a traceback on screen; the log holds the seed, the rules
  fingerprint and the actions, and a crash record that ``eurasia-game
  replay`` plays back; the player goes back to the title and continues.
* A full disk or an unwritable save folder is reported in a dialog once, and
  the game goes on.
* After a crash or a killed process, the next start offers to resume the
  newest autosave; after a clean exit it does not.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import textwrap

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402

pygame = pytest.importorskip("pygame")
pytest.importorskip("eurasia_game.ui.app", reason="the window is not part of this build")

from conftest import kill_when_counted  # noqa: E402

from eurasia_game.cli.main import main as cli_main  # noqa: E402
from eurasia_game.session import saves as saves_module  # noqa: E402
from eurasia_game.session import autosave as autosave_module  # noqa: E402
from eurasia_game.session import session as session_module  # noqa: E402
from eurasia_game.session.autosave import Autosaver, autosave_files, read_autosave  # noqa: E402
from eurasia_game.session.autoplay import play_game  # noqa: E402
from eurasia_game.session.saves import read_record  # noqa: E402

COMPUTERS = {"moscow": "random", "beijing": "random"}


@pytest.fixture
def logged(home):
    """The window's log file, as ``eurasia-game`` sets it up."""
    import logging

    from eurasia_game.ui import paths
    from eurasia_game.ui.startup import setup_logging

    handler = setup_logging()
    assert handler is not None
    yield paths.log_file()
    logging.getLogger("eurasia_game").removeHandler(handler)
    handler.close()


def make_app(rules, raise_errors=False):
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    app = App(rules, settings=Settings(width=1280, height=800, animation="off"), raise_errors=raise_errors)
    app.step([])
    return app


def start(app, rules, players=COMPUTERS, seed=3):
    from eurasia_game.ui import scenes as sc

    assert set(players) == set(rules.side_ids), "the tests name the base game's sides"
    app.apply(sc.StartGame(rules.game.default_scenario, seed, dict(players), False))


def run_until(app, done, frames=600):
    """Step the window until ``done()``; a frame waits (a little) for a computer still thinking in its process."""
    for _ in range(frames):
        if done():
            return True
        if app.game is not None and app.game.thinker.thinking:
            app.game.thinker.wait(1.0)
        app.step([], dt=1.0)
    return done()


def click(app, widget_id):
    widget = app.top.ring.get(widget_id)
    assert widget is not None, f"no '{widget_id}' on {app.top.name}: {[w.id for w in app.top.ring.widgets]}"
    pos = widget.rect.center
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1), pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)], dt=0.0)


def shown_text(app) -> str:
    app.dirty = True
    app.step([], dt=0.0)
    return "\n".join(app.text.drawn)


# --- crashes --------------------------------------------------------------------------

def test_a_crash_becomes_a_dialog_naming_the_log_and_the_autosave(rules, home, logged, monkeypatch, capsys):
    calls = {"n": 0}
    real = session_module.apply_action

    def failing(rules_, state, action):
        calls["n"] += 1
        if calls["n"] == 12:
            raise RuntimeError("injected failure in the engine")
        return real(rules_, state, action)

    monkeypatch.setattr(session_module, "apply_action", failing)
    app = make_app(rules)
    start(app, rules)
    assert run_until(app, lambda: app.top.name == "error"), f"no error dialog; top is {app.top.name}"
    game = app.game
    autosave = game.autosave_path
    assert autosave is not None and autosave.is_file()
    screen = shown_text(app)
    assert str(logged) in app.top.body and str(autosave) in app.top.body
    assert app.top.heading in screen and logged.name in screen
    assert "Traceback" not in screen and "RuntimeError" not in screen

    log = logged.read_text(encoding="utf-8")
    assert "injected failure in the engine" in log
    assert f"seed={game.session.seed}" in log and rules.fingerprint in log
    assert "eurasia-game replay" in log
    crash_record = logged.parent / "crash-record.json"
    record = read_record(crash_record)
    assert len(record.actions) == len(read_autosave(autosave).actions) + 1, "the crash record holds the failing action too"

    # the crash reproduces from the record alone; without the injected fault it replays cleanly
    monkeypatch.setattr(session_module, "apply_action", real)
    assert cli_main(["replay", str(crash_record)]) == 0
    assert "==" in capsys.readouterr().out

    # and the player goes on: back to the title, continue from the autosave
    saved = read_autosave(autosave).actions
    click(app, "to_title")
    assert app.top.name == "title"
    click(app, "continue")
    assert app.top.name != "title" and app.game is not game
    assert app.game.session.record().actions[: len(saved)] == saved
    steps = len(app.game.session.steps)
    assert run_until(app, lambda: len(app.game.session.steps) > steps + 3, frames=100)


def test_a_crash_before_any_game_names_the_log_only(rules, home, logged):
    from eurasia_game.ui import scenes as sc

    app = make_app(rules)

    class Broken(sc.Scene):
        name = "broken"

        def update(self, dt, ctx):
            raise ValueError("a scene that fails")

    app.apply(sc.Push(Broken()))
    app.step([], dt=0.1)
    assert app.top.name == "error" and app.running
    assert str(logged) in app.top.body and "autosave" not in app.top.body.lower()
    assert "a scene that fails" in logged.read_text(encoding="utf-8")
    assert "Traceback" not in shown_text(app)


# --- full disk and unwritable folders -------------------------------------------------

def test_a_full_disk_is_reported_once_and_the_game_goes_on(rules, home, monkeypatch):
    app = make_app(rules)
    start(app, rules)
    assert run_until(app, lambda: len(app.game.session.steps) > 5, frames=50)

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def journal_full(path, line):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as full:
        full.setattr(saves_module.os, "fsync", disk_full)
        full.setattr(autosave_module, "_append", journal_full)  # the journal of actions between full autosaves
        assert run_until(app, lambda: app.top.name == "message", frames=50)
        assert app.top.heading == "Autosave failed"
        assert "No space left on device" in app.top.body and "the game goes on" in app.top.body
        kept = autosave_files(app.game.autosaver.folder)
        assert kept, "earlier autosaves are kept"
        click(app, "ok")
        steps = len(app.game.session.steps)
        assert run_until(app, lambda: len(app.game.session.steps) >= steps + 5 or app.game.state.over, frames=100)
        assert app.top.name != "message", "the failure is reported once, not after every action"
        assert app.game.autosave_error is not None
    # room on the disk again: autosaving simply resumes
    steps = len(app.game.session.steps)
    assert run_until(app, lambda: len(app.game.session.steps) > steps or app.game.state.over, frames=50)
    if not app.game.state.over:
        assert app.game.autosave_error is None
        assert len(read_autosave(app.game.autosave_path).actions) == len(app.game.session.steps) - 1


def test_an_unwritable_save_folder_is_reported_and_the_game_goes_on(rules, home):
    blocked = home / "saves" / "autosave"
    blocked.parent.mkdir(parents=True)
    blocked.write_text("a file where the autosave folder should be", encoding="utf-8")
    app = make_app(rules)
    start(app, rules)
    assert run_until(app, lambda: app.top.name == "message", frames=20)
    assert app.top.heading == "Autosave failed" and "autosave" in app.top.body
    click(app, "ok")
    steps = len(app.game.session.steps)
    assert run_until(app, lambda: len(app.game.session.steps) > steps + 5, frames=100)


# --- resuming ---------------------------------------------------------------------------

def test_after_a_crash_the_next_start_offers_to_resume(rules, home):
    from eurasia_game.ui import paths

    finished = play_game(rules, None, 8, COMPUTERS).record()
    saver = Autosaver(paths.autosave_dir())
    saver.begin()
    for count in range(1, 15):
        saver.save(finished.model_copy(update={"actions": finished.actions[:count]}))
    # no end(): the process died here
    app = make_app(rules)
    app.offer_resume()
    assert app.top.name == "confirm"
    assert rules.scenario[finished.scenario].name in app.top.body and "14 moves" in app.top.body
    click(app, "yes")
    assert app.game is not None
    assert app.game.session.record().actions[:14] == finished.actions[:14], "the computers may already have moved on"
    app.quit()
    again = make_app(rules)
    again.offer_resume()
    assert again.top.name == "title", "a clean exit offers nothing"


def test_declining_the_offer_is_not_asked_again(rules, home):
    from eurasia_game.ui import paths

    finished = play_game(rules, None, 9, COMPUTERS).record()
    saver = Autosaver(paths.autosave_dir())
    saver.begin()
    saver.save(finished.model_copy(update={"actions": finished.actions[:5]}))
    app = make_app(rules)
    app.offer_resume()
    click(app, "no")
    assert app.top.name == "title"
    later = make_app(rules)
    later.offer_resume()
    assert later.top.name == "title"


WINDOW = textwrap.dedent(
    """
    import os, sys
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.paths import base_rules_dir
    from eurasia_game.ui import scenes as sc
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    rules = load_rules(base_rules_dir()).rules
    app = App(rules, settings=Settings(width=1280, height=800, animation="off"))
    app.apply(sc.StartGame(rules.game.default_scenario, 4, {s: "random" for s in rules.side_ids}, False))
    seen = 0
    while True:
        app.step([], dt=1.0)
        steps = len(app.game.session.steps) - 1
        if steps != seen and app.game.autosave_error is None:
            seen = steps
            print(steps, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_window_offers_its_game_at_the_next_start(rules, home):
    env = dict(os.environ, EURASIA_GAME_HOME=str(home))
    acknowledged, _ = kill_when_counted([sys.executable, "-c", WINDOW], 20, env)
    assert acknowledged >= 20, "the window did not play"
    app = make_app(rules)
    app.offer_resume()
    assert app.top.name == "confirm"
    click(app, "yes")
    assert len(app.game.session.steps) - 1 >= acknowledged
    marker = json.loads((home / "saves" / "autosave" / "game-in-progress.json").read_text(encoding="utf-8"))
    assert marker["pid"] == os.getpid(), "the resumed game is now the one in progress"
