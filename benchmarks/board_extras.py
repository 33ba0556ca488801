"""Speed figures of the board's map and plan preview, printed as ``metric: value`` lines.

- map_render_ms_WxH: drawing the map for the board's map region at a window
  size (done once per size, then cached; target: <= 250)
- plan_preview_ms_median: working out the plan preview of three orders, one a
  roll (done when the plan changes; target: <= 20)

Runs headless (SDL's dummy drivers).
"""

from __future__ import annotations

import os
import statistics
import time

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"


def main() -> None:
    from dataclasses import replace

    import pygame

    from eurasia_game.engine import new_game
    from eurasia_game.engine.preview import preview
    from eurasia_game.engine.state import Order
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.ui.app import App
    from eurasia_game.ui.mapdraw import MapRenderer
    from eurasia_game.ui.settings import Settings

    rules = load_rules().rules
    from eurasia_game.ui.mapdraw import map_data

    map_data()  # the asset read once, as the game does
    for w, h in ((1024, 640), (1280, 800), (2560, 1440)):
        app = App(rules, settings=Settings(width=w, height=h, animation="off"), raise_errors=True)
        app.surface = pygame.display.set_mode((w, h))
        app.resize()
        area = pygame.Rect(0, 0, int(w * 0.6), int(h * 0.5))
        start = time.perf_counter()
        MapRenderer().surface(app.ctx, area)
        print(f"map_render_ms_{w}x{h}: {(time.perf_counter() - start) * 1000:.0f}")
    state = new_game(rules, None, seed=7)
    plan = (Order("moscow", "invest", "energy"), Order("moscow", "brinkmanship", "arctic"), Order("moscow", "cooperate", "un"))
    state = replace(state, plans={**state.plans, "moscow": plan}, power={**state.power, "moscow": 10})
    times = []
    for _ in range(30):
        start = time.perf_counter()
        preview(rules, state, "moscow")
        times.append((time.perf_counter() - start) * 1000)
    print(f"plan_preview_ms_median: {statistics.median(times):.2f}")


if __name__ == "__main__":
    main()
