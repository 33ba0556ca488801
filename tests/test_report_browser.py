"""The HTML report in a real headless browser (Debian's chromium, installed by .ci/run).

The browser loads the report from disk with the network off, dumps the DOM
it built and takes a screenshot.  The test checks that every section and
chart made it into the DOM, that the console stayed silent, and that the
screenshot shows the charts' colours.  A page with a deliberate script error
proves the console check can fail.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from eurasia_game.report.export import write_combined, write_report
from eurasia_game.session.branches import read_class

from conftest import need_tool

SEMINAR = Path(__file__).resolve().parent / "seminar"


@pytest.fixture(autouse=True)
def chromium():
    """The browser; without it every test here is skipped, or fails in CI (conftest.need_tool)."""
    return need_tool("chromium", "chromium-browser")


def open_in_browser(page: Path, tmp_path: Path, height: int = 2200) -> tuple[str, list[str], Path]:
    """(DOM, console lines, screenshot) of ``page`` in headless chromium."""
    shot = tmp_path / f"{page.stem}.png"
    profile = tmp_path / f"profile-{page.stem}"
    command = [
        need_tool("chromium", "chromium-browser"),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        f"--window-size=1280,{height}",
        f"--screenshot={shot}",
        "--dump-dom",
        "--enable-logging=stderr",
        "--v=0",
        page.resolve().as_uri(),
    ]
    env = dict(os.environ, HOME=str(tmp_path))
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    return done.stdout, console, shot


def chart_pixels(shot: Path) -> int:
    """How many screenshot pixels have the charts' first colour (#0072b2)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    image = pygame.image.load(str(shot))
    return pygame.transform.threshold(None, image, (0x00, 0x72, 0xB2), threshold=(40, 40, 40, 255), set_behavior=0)


def test_the_console_check_catches_a_script_error(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><body><p>x</p><script>notDefinedAnywhere();</script></body></html>", encoding="utf-8")
    _, console, _ = open_in_browser(bad, tmp_path, height=200)
    assert any("notDefinedAnywhere" in line for line in console)


def test_the_report_renders_its_sections_and_charts(rules, tmp_path):
    klass = read_class(SEMINAR / "table_a.class.json")
    if klass.branches[0].record.rules_fingerprint != rules.fingerprint:
        pytest.fail("the seminar fixtures were made with other rules; run '.venv/bin/python tests/seminar/regenerate.py'")
    write_report(rules, klass, tmp_path / "report")
    dom, console, shot = open_in_browser(tmp_path / "report" / "report.html", tmp_path)
    assert console == []
    for section in ("lines", "ending", "charts", "turning-points", "timeline", "events", "facilitator", "numbers", "line1-start"):
        assert f'id="{section}"' in dom, section
    charts = len(rules.tracks) + (len(rules.tracks) + len(rules.fronts)) * len(klass.branches)
    assert dom.count("<svg") == charts
    assert dom.count("<polyline") >= charts
    assert shot.stat().st_size > 20_000
    assert chart_pixels(shot) > 500, "the screenshot shows no chart lines"


def test_the_combined_report_renders(rules, tmp_path):
    saves = [(p.name.split(".")[0], read_class(p)) for p in sorted(SEMINAR.glob("table_*.json"))]
    if saves[0][1].branches[0].record.rules_fingerprint != rules.fingerprint:
        pytest.fail("the seminar fixtures were made with other rules; run '.venv/bin/python tests/seminar/regenerate.py'")
    write_combined(rules, saves, tmp_path / "class", title="Seminar B")
    dom, console, shot = open_in_browser(tmp_path / "class" / "report.html", tmp_path, height=1400)
    assert console == []
    for section in ("tables", "endings", "spread", "decisions"):
        assert f'id="{section}"' in dom
    assert dom.count("<svg") == len(rules.tracks)
    assert chart_pixels(shot) > 300
