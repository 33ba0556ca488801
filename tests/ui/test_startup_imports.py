"""The first frame comes before the code only later screens need.

Opening the window loads the rules and draws the title screen; the new-game
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
from eurasia_game.ui.app import App, load_rules_for_window
args = build_parser()[0].parse_args(["play"])
rules, result, mods = load_rules_for_window(args)
app = App(rules, rules_dir=None, mod_folders=mods, load_problems=result.problems)
app.step()
title = app.top.name
print(json.dumps({"title": title, "modules": sorted(sys.modules)}))
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
