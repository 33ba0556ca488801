"""Fixtures shared by the whole test suite.

``rules`` loads and checks the base game once per test session (loading is
pure, so one copy serves every test).  ``rules_copy`` copies the base rules
folder into a temporary folder so a test can break it by editing text, and
``edit_rule_file`` makes such an edit.  ``home`` gives a test its own game
home, and ``kill_when_counted`` kills a child game mid-play.

``cannot_run``, ``need_tool`` and ``stale_fixture`` are the one place that
decides what a test does when something outside the code is missing: on a
developer's machine it is skipped with the reason; in CI (the ``CI``
environment variable set, as ``.ci/run`` does) it fails with the same
reason, so a browser or display that did not get installed, or fixtures not
regenerated after a rules change, can never turn into a green run that tested
nothing.  Every test folder goes through them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest

# The tests read English output unless a test chooses a language itself; the
# system's locale (a developer's German desktop) must not change that.  Set
# before any game module is imported, and inherited by the commands tests run.
os.environ["EURASIA_GAME_LANG"] = "en"

import eurasia_game  # noqa: E402
from eurasia_game.loading.loader import load_rules
from eurasia_game.paths import base_rules_dir

REPO = Path(__file__).resolve().parents[1]
PACKAGE_SOURCE = Path(eurasia_game.__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Keep only the test files named in ``EURASIA_TEST_FILES`` (space-separated), when it is set.

    scripts/mutation.sh sets it to the fast files that exercise the part under
    mutation, so a mutant of the engine never waits for the loader's tests.
    The files run in the order named (each file's tests in their own order):
    a mutant's run stops at its first failing test, so the part's strictest
    and quickest files come first and most mutants are caught within seconds.
    """
    only = os.environ.get("EURASIA_TEST_FILES", "").split()
    if not only:
        return
    keep = [item for item in items if item.nodeid.split("::")[0] in only]
    dropped = [item for item in items if item.nodeid.split("::")[0] not in only]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    keep.sort(key=lambda item: only.index(item.nodeid.split("::")[0]))
    items[:] = keep


def in_ci() -> bool:
    """Whether the tests run in CI: ``CI`` set to anything but empty, ``0`` or ``false``."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def cannot_run(reason: str) -> NoReturn:
    """Stop the current test because something it needs is missing: a skip here, a failure in CI."""
    if in_ci():
        pytest.fail(f"{reason} (CI must run every test; fix .ci/run or the fixtures)", pytrace=False)
    pytest.skip(reason)


# Which Debian package gives each outside program the tests use (.ci/run installs them).
TOOL_PACKAGES = {
    "chromium": "chromium",
    "chromium-browser": "chromium",
    "Xvfb": "xvfb",
    "xdotool": "xdotool",
    "pdfinfo": "poppler-utils",
    "import": "imagemagick",
}


def need_tool(*names: str) -> str:
    """The path of the first of ``names`` found on PATH; if none is, ``cannot_run`` says what to install."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    packages = sorted({TOOL_PACKAGES.get(name, name) for name in names})
    cannot_run(f"{' or '.join(names)} is not installed (apt-get install {' '.join(packages)}; .ci/run installs it)")


def stale_fixture(what: str, command: str) -> NoReturn:
    """Stored fixtures were made with other rules: ``cannot_run`` with the command that regenerates them."""
    cannot_run(f"{what} were made with other rules; regenerate them with: {command}")


def kill_when_counted(command: list[str], count: int, env: dict | None = None) -> tuple[int, int]:
    """Run ``command``, which prints a running count, and SIGKILL it once the count reaches ``count``.

    Returns the last count read (so a test can check the child got that far)
    and the child's process id.
    """
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    counted = 0
    try:
        for line in child.stdout:
            counted = int(line)
            if counted >= count:
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
    return counted, child.pid


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A game home of the test's own (settings, saves, autosaves, logs); closes any window left open."""
    folder = tmp_path / "home"
    monkeypatch.setenv("EURASIA_GAME_HOME", str(folder))
    yield folder
    pygame = sys.modules.get("pygame")
    if pygame is not None:
        pygame.display.quit()


def scan_package(findings) -> list[str]:
    """Run ``findings(path, name)`` over every source file of the package; all it reports."""
    files = sorted(PACKAGE_SOURCE.rglob("*.py"))
    assert len(files) > 20, "the package's source files were not found"
    return [f for path in files for f in findings(path, path.relative_to(PACKAGE_SOURCE).as_posix())]


@pytest.fixture(scope="session")
def base_rules_path() -> Path:
    """The folder of the base game's rule files."""
    return base_rules_dir()


@pytest.fixture(scope="session")
def base_load(base_rules_path):
    """The LoadResult of the base rules (rules plus every problem found)."""
    return load_rules(base_rules_path)


@pytest.fixture(scope="session")
def rules(base_load):
    """The base game's RuleSet, loaded and checked once."""
    assert base_load.rules is not None and not base_load.errors, "\n".join(map(str, base_load.problems))
    return base_load.rules


@pytest.fixture(scope="session", autouse=True)
def _long_lived_objects_frozen(base_load):
    """Keep the objects every test shares out of the cyclic collector's scans.

    The window runs a full collection whenever a screen closes (ui/app.py:
    ``_release``). In a test process the modules, the rules and the test
    libraries make that collection hundreds of times dearer than in the
    game's own; frozen after one collection, they are no longer scanned.
    """
    import gc
    import importlib

    for name in ("eurasia_game.ui.app", "eurasia_game.ui.screens.board", "hypothesis"):
        try:  # loaded now so that their module objects are frozen too
            importlib.import_module(name)
        except ImportError:
            pass
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture
def rules_copy(tmp_path, base_rules_path) -> Path:
    """A private copy of the base rules folder that a test may edit."""
    target = tmp_path / "rules"
    shutil.copytree(base_rules_path, target)
    return target


def edit_rule_file(folder: Path, name: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in ``folder/name``; fails loudly if ``old`` is absent.

    Tests build broken rule sets with this, so an edit that silently does
    nothing (because the base rules changed) would make the test meaningless.
    """
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} no longer contains {old!r}; update the test"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """Every test starts in English, whatever language the test before it chose (``--lang``, a setting)."""
    from eurasia_game import lang

    lang.use("en")
    yield
    lang.use("en")
