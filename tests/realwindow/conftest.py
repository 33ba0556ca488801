"""The game in a real X window: an Xvfb display, the game's own process, xdotool's real input.

These tests use no posted events and no chosen frame times: xdotool sends
real key presses (a left Ctrl sets one modifier bit) and mouse clicks
through the X server, and the game runs its own loop on its own clock.  What
the game did is read back from its log (screens shown, actions taken, the
window's placement), and its window's place from X.

They need ``Xvfb`` and ``xdotool`` (``apt-get install xvfb xdotool``;
``.ci/run`` installs them).  Without them they are skipped, with a message
saying so: the one place that decides is ``require_real_window_tools``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "xdotool")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def require_real_window_tools() -> None:
    """Stop (saying what is missing) when the real-window tools are not installed:
    a skip on a developer's machine, a failure in CI (the suite's ``cannot_run``)."""
    from conftest import cannot_run

    missing = missing_tools()
    if missing:
        cannot_run(f"real-window tests: {' and '.join(missing)} not installed (apt-get install xvfb xdotool; .ci/run installs them)")


def _read_line(fd: int, timeout: float) -> str:
    """The first line written to ``fd`` within ``timeout`` seconds ("" if none)."""
    import select

    data = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in data and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 64)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace").strip()


class Display:
    """An Xvfb server of a given size, started for one test."""

    def __init__(self, size: tuple[int, int]):
        require_real_window_tools()
        self.size = size
        for _ in range(3):
            # Xvfb picks a free display number itself and writes it to a pipe once it
            # listens (-displayfd): two test workers can never share a server.
            read_end, write_end = os.pipe()
            self.process = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write_end,),
            )
            os.close(write_end)
            number = _read_line(read_end, timeout=15)
            os.close(read_end)
            if number.isdigit():
                self.name = f":{number}"
                if self._ready():
                    return
            self.close()
        raise RuntimeError("no Xvfb display could be started")

    def _ready(self, timeout: float = 15) -> bool:
        """Whether the server answers (asked through xdotool, as the tests will)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            probe = subprocess.run(["xdotool", "getdisplaygeometry"], env=self.env(), capture_output=True, text=True, timeout=10)
            if probe.returncode == 0 and probe.stdout.split() == [str(self.size[0]), str(self.size[1])]:
                return True
            time.sleep(0.1)
        return False

    def env(self) -> dict:
        return {**os.environ, "DISPLAY": self.name}

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Game:
    """The game's own process in a real window, driven with xdotool."""

    def __init__(self, display: Display, home: Path, settings: dict | None = None):
        self.display = display
        self.home = home
        if settings is not None:
            import json

            (home / "config").mkdir(parents=True, exist_ok=True)
            (home / "config" / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
        env = display.env()
        env.update({"EURASIA_GAME_HOME": str(home), "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
        self.env = env
        for attempt in (1, 2):
            self.process = subprocess.Popen([sys.executable, "-m", "eurasia_game", "play"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            try:
                self.window = self._find_window()
                break
            except AssertionError as exc:
                # On a loaded machine SDL has now and then failed to reach a display that
                # answered xdotool a moment before ("x11 not available"): that is the test
                # machine, not the game, so the game gets one more start on the same display.
                if attempt == 2 or "x11 not available" not in str(exc) or display.process.poll() is not None:
                    raise
                self.process.stdout.close()
                time.sleep(1)
        self.wait_log(r"screen: title", 30)
        self.focus()

    # --- X ------------------------------------------------------------------
    def xdotool(self, *args: str, timeout: float = 20) -> str:
        out = subprocess.run(["xdotool", *args], env=self.display.env(), capture_output=True, text=True, timeout=timeout)
        return out.stdout

    def _find_window(self) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for window in self.xdotool("search", "--pid", str(self.process.pid)).split():
                if self.xdotool("getwindowname", window).strip() == "Eurasia Game":
                    return window
            if self.process.poll() is not None:
                raise AssertionError(f"the game exited: {self.process.stdout.read().decode(errors='replace')}")
            time.sleep(0.2)
        raise AssertionError("the game's window never appeared")

    def focus(self) -> None:
        self.xdotool("windowfocus", "--sync", self.window)

    def focused(self) -> str:
        return self.xdotool("getwindowfocus").strip()

    def geometry(self) -> tuple[int, int, int, int]:
        """(x, y, width, height) of the window on the display."""
        out = self.xdotool("getwindowgeometry", "--shell", self.window)
        values = dict(line.split("=", 1) for line in out.split() if "=" in line)
        return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])

    def key(self, *keys: str, pause: float = 0.15) -> None:
        for k in keys:
            self.xdotool("key", "--delay", "40", k)
            time.sleep(pause)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "40", text)
        time.sleep(0.15)

    def click(self, x: int, y: int) -> None:
        """A real click at (x, y) inside the window (moved there first, pressed, released)."""
        wx, wy, _, _ = self.geometry()
        self.xdotool("mousemove", "--sync", str(wx + x), str(wy + y))
        time.sleep(0.1)
        self.xdotool("click", "1")
        time.sleep(0.2)

    def screenshot(self, path: Path) -> None:
        if shutil.which("import"):
            subprocess.run(["import", "-window", "root", str(path)], env=self.display.env(), timeout=20, capture_output=True)

    # --- the game's log -----------------------------------------------------
    def log_text(self) -> str:
        files = sorted(self.home.glob("logs/*.log"))
        return files[0].read_text(encoding="utf-8", errors="replace") if files else ""

    def mark(self) -> int:
        """Where the log ends now: later waits look only after it."""
        return len(self.log_text())

    def wait_log(self, pattern: str, timeout: float = 10, after: int = 0):
        """The first log line after ``after`` matching ``pattern`` (a regex), waited for up to ``timeout`` s."""
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while True:
            text = self.log_text()[after:]
            match = regex.search(text)
            if match:
                return match
            if time.monotonic() > deadline:
                raise AssertionError(f"not in the game's log within {timeout} s: {pattern!r}\n--- log after the mark ---\n{text[-3000:]}")
            if self.process.poll() is not None:
                raise AssertionError(f"the game exited ({self.process.returncode}) waiting for {pattern!r}\n{text[-3000:]}")
            time.sleep(0.05)

    def count(self, pattern: str, after: int = 0) -> int:
        return len(re.findall(pattern, self.log_text()[after:]))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process.stdout.close()


@pytest.fixture
def real_window(tmp_path, request):
    """Start the game on an Xvfb display of the given size: ``real_window((1280, 800))``."""
    require_real_window_tools()
    opened: list = []

    def start(size=(1280, 800), settings=None) -> Game:
        display = Display(size)
        opened.append(display)
        game = Game(display, tmp_path / f"home{len(opened)}", settings)
        opened.append(game)
        return game

    yield start
    failed = getattr(request.node, "rep_call", None)
    for thing in reversed(opened):
        if isinstance(thing, Game) and failed is not None and failed.failed:
            thing.screenshot(tmp_path / "failure.png")
        thing.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report


def layout_of(size: tuple[int, int], make_scene, home: Path, rules=None) -> dict:
    """Where each widget of a screen is, at ``size``: the same layout code run off-screen,
    so a test knows where to click as a player sees it (the click itself is real)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from eurasia_game.loading.loader import load_rules
    from eurasia_game.ui import scenes as sc
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    saved = os.environ.get("SDL_VIDEODRIVER")
    saved_home = os.environ.get("EURASIA_GAME_HOME")
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["EURASIA_GAME_HOME"] = str(home)
    try:
        rules = rules or load_rules().rules
        app = App(rules, settings=Settings(width=size[0], height=size[1]), raise_errors=True)
        app.apply(sc.Push(make_scene()))
        rects = {w.id: pygame.Rect(w.rect) for w in app.top.ring.widgets}
    finally:
        pygame.display.quit()
        for name, value in (("SDL_VIDEODRIVER", saved), ("EURASIA_GAME_HOME", saved_home)):
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return rects
