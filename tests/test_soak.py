"""A small run of the soak benchmark, so the long one cannot rot.

``benchmarks/soak.py`` plays 100,000 random legal actions with every
invariant checked and posts 20,000 random input events to the window; here
a few thousand actions and a few hundred events must give zero invariant
violations and zero exceptions, and the invariant checker itself must catch
a broken state.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import sys
from pathlib import Path

import pytest

from eurasia_game.engine import new_game

SOAK_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "soak.py"


@pytest.fixture(scope="module")
def soak():
    spec = importlib.util.spec_from_file_location("eurasia_soak", SOAK_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_random_play_keeps_every_invariant(soak, rules):
    report = soak.run_engine(rules, actions=3_000, seed=4)
    assert report.actions == 3_000
    assert report.games >= len(rules.scenarios)
    assert report.violations == []


def test_the_invariant_checker_catches_a_broken_state(soak, rules):
    state = new_game(rules, None, 1)
    assert soak.state_violations(rules, state) == []
    track = rules.tracks[0]
    side = rules.side_ids[0]
    broken = dataclasses.replace(
        state,
        tracks={**state.tracks, track.id: track.max + 1},
        power={**state.power, side: -1},
        to_act=None,
    )
    found = "\n".join(soak.state_violations(rules, broken))
    assert f"track {track.id}" in found
    assert f"{side} power -1" in found
    assert "to_act is None" in found


def test_the_command_prints_metric_lines():
    # A process of its own: peak_rss_mb is the whole process's peak, and the
    # test process has grown with everything else the suite ran before.
    import subprocess

    done = subprocess.run(
        [sys.executable, str(SOAK_PATH), "--actions", "200", "--ui-events", "0"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    assert lines["actions"] == "200"
    assert lines["invariant_violations"] == "0"
    assert "peak_rss_mb" in lines


def test_random_input_on_every_screen_raises_nothing(soak, rules, tmp_path, monkeypatch):
    for name, value in (("SDL_VIDEODRIVER", "dummy"), ("SDL_AUDIODRIVER", "dummy"), ("PYGAME_HIDE_SUPPORT_PROMPT", "1")):
        monkeypatch.setenv(name, os.environ.get(name, value))
    pytest.importorskip("eurasia_game.ui.app", reason="the window is not part of this build")
    report = soak.run_ui(rules, events=700, seed=2, home=tmp_path)
    assert report.exceptions == [], report.exceptions[0]
    assert report.events >= 700
    for screen in ("TitleScene", "NewGameScene", "BoardScene", "HelpScene", "SettingsScene", "LoadScene", "SaveScene", "ErrorScene"):
        assert screen in report.screens, sorted(report.screens)


def test_the_soak_runs_once_with_the_three_example_mods(soak, tmp_path, monkeypatch):
    """Modded rules (a fifth front, new cards, new numbers) through the engine and every screen."""
    from eurasia_game.loading.loader import load_rules

    for name, value in (("SDL_VIDEODRIVER", "dummy"), ("SDL_AUDIODRIVER", "dummy"), ("PYGAME_HIDE_SUPPORT_PROMPT", "1")):
        monkeypatch.setenv(name, os.environ.get(name, value))
    examples = sorted(p for p in (SOAK_PATH.parents[1] / "mods").iterdir() if (p / "mod.yaml").is_file())
    assert len(examples) >= 3
    result = load_rules(mods=examples)
    assert result.ok, "\n".join(map(str, result.problems))
    modded = result.rules
    engine = soak.run_engine(modded, actions=1_500, seed=6)
    assert engine.violations == [] and engine.games >= len(modded.scenarios)
    pytest.importorskip("eurasia_game.ui.app", reason="the window is not part of this build")
    # the tour's "board past the opening" stop reaches the board whatever the seed
    report = soak.run_ui(modded, events=500, seed=1, home=tmp_path, mod_folders=examples)
    assert report.exceptions == [], report.exceptions[0]
    assert "ModReportScene" in report.screens and "BoardScene" in report.screens, sorted(report.screens)
