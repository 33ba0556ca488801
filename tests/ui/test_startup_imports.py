"""The first frame comes before the code only later screens need.

Opening the window loads the rules (from the cache of checked rules when
nothing changed: no parser, no checker, no pydantic validator built) and
draws the title screen; the new-game
screen's text boxes (pygame_gui), the mods' diff and reload tools, the class
game's machinery and the game records are imported when first used.  The
check runs a real start-up in a fresh interpreter (headless) and looks at
what it imported by the first frame.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

FIRST_FRAME = """
import json, sys
from eurasia_game.cli.main import build_parser
from eurasia_game.ui.app import App
from eurasia_game.ui.startup import load_rules_for_window
args = build_parser()[0].parse_args(["play"])
rules, result, mods = load_rules_for_window(args)
app = App(rules, rules_dir=None, mod_folders=mods, load_problems=result.problems)
app.step()
title = app.top.name
modules = sorted(sys.modules)
from eurasia_game.model.ruleset import RuleFile
print(json.dumps({"title": title, "modules": modules, "validator_built": RuleFile.__pydantic_complete__}))
"""

# Imported on first use, never for the title screen.
LATER = ("pygame_gui", "eurasia_game.mods.diff", "eurasia_game.mods.reload", "eurasia_game.session.branches", "eurasia_game.session.record", "eurasia_game.ui.screens.newgame")


def test_the_title_screen_comes_up_without_the_later_screens_code(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", EURASIA_GAME_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["title"] == "title"
    assert "eurasia_game.loading.loader" in seen["modules"]  # the check does see the start-up's imports
    early = [name for name in LATER if name in seen["modules"]]
    assert not early, f"imported before the first frame: {early}"


# With the base rules' checked cache (the second start on, while no rule file changed), the
# title is drawn from the cache's header: no parsing, no checking, not even the rule models
# (built right after the first frame, without validation: no validator is ever built).
CACHED_LATER = ("yaml", "pydantic", "eurasia_game.model.ruleset", "eurasia_game.loading.loader", "eurasia_game.loading.checker", "eurasia_game.loading.yamlsource")


def test_a_second_start_takes_the_checked_rules_without_the_loader(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", EURASIA_GAME_HOME=str(tmp_path))
    seen = []
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 0, out.stderr
        seen.append(json.loads(out.stdout.strip().splitlines()[-1]))
    first, second = seen
    assert first["title"] == second["title"] == "title"
    assert "eurasia_game.loading.loader" in first["modules"] and first["validator_built"]  # the first start checks the rules
    early = [name for name in CACHED_LATER if name in second["modules"]]
    assert not early, f"imported before the first frame with the rules cached: {early}"
    assert not second["validator_built"]
