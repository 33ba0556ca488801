"""Speed figures of the game window, printed as ``metric: value`` lines.

- frame_ms_median, frame_ms_p99: drawing the board at 1280x800 while the pointer
  moves over it (target: p99 <= 16 ms)
- redraw_ms_median: drawing the whole board again after a change of position
  (the cached board is thrown away every frame)
- idle_cpu_percent: CPU used by 10 seconds of an idle board, in % of one core (target: < 5)
- startup_ms: from starting the process to the first interactive frame (target: < 1500)

Runs headless (SDL's dummy video driver) with a temporary game home.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

STARTUP = """
import time, sys
t0 = float(sys.argv[1])
from eurasia_game.cli.main import build_parser
from eurasia_game.ui.app import App, load_rules_for_window
args = build_parser()[0].parse_args(["play"])
rules, result, mods = load_rules_for_window(args)
app = App(rules, rules_dir=None, mod_folders=mods, load_problems=result.problems)
app.step()
print(time.time())
"""


def board_app():
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.ui import scenes as sc
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    rules = load_rules().rules
    app = App(rules, settings=Settings(width=1280, height=800, animation="off"), raise_errors=True)
    app.apply(sc.StartGame(rules.game.default_scenario, 7, {s: "human" for s in rules.side_ids}, False))
    import pygame

    for _ in range(20):
        if app.top.name == "board":
            break
        app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ")])
    assert app.top.name == "board", [s.name for s in app.stack]
    return app


def frame_times(app, frames: int = 400, redraw: bool = False) -> list[float]:
    import pygame

    w, h = app.surface.get_size()
    times = []
    for i in range(frames):
        pos = ((i * 37) % w, (i * 53) % h)  # hover moves around: tooltips come and go
        app.ctx.mouse, app.ctx.pointer_active = pos, True
        if redraw:
            app.top._base_key = None
        start = time.perf_counter()
        app.draw()
        times.append((time.perf_counter() - start) * 1000)
        pygame.event.pump()
    return times


def idle_cpu(app, seconds: float = 10.0) -> float:
    import pygame

    def stop():
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    app.step()
    timer = threading.Timer(seconds, stop)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    timer.start()
    app.run()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return 100.0 * cpu / wall


def startup_ms() -> float:
    samples = []
    for _ in range(3):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", STARTUP, str(t0)], capture_output=True, text=True, env=os.environ, check=True)
        samples.append((float(out.stdout.strip().splitlines()[-1]) - t0) * 1000)
    return statistics.median(samples)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="eurasia-bench-") as home:
        os.environ["EURASIA_GAME_HOME"] = home
        app = board_app()
        frame_times(app, 30)  # warm the text caches
        times = sorted(frame_times(app))
        print(f"frame_ms_median: {statistics.median(times):.2f}")
        print(f"frame_ms_p99: {times[int(len(times) * 0.99) - 1]:.2f}")
        print(f"redraw_ms_median: {statistics.median(frame_times(app, 100, redraw=True)):.2f}")
        print(f"idle_cpu_percent: {idle_cpu(app):.2f}")
        print(f"startup_ms: {startup_ms():.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
