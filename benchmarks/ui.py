"""Speed figures of the game window, printed as ``metric: value`` lines.

- frame_ms_median, frame_ms_p99: drawing the board at 1280x800 while the pointer
  moves over it (target: p99 <= 16 ms)
- redraw_ms_median: drawing the whole board again after a change of position
  (the cached board is thrown away every frame)
- idle_cpu_percent: CPU used by 10 seconds of an idle board, in % of one core (target: < 5)
- startup_ms: from starting the process to the first interactive frame, the title
  screen (target: <= 500 on a quiet machine; median of three starts in one
  temporary game home, after a first start there that checked the rules and
  cached them); startup_cpu_ms: the CPU time the process used to get there
  (less moved by other work on the machine than the wall-clock figure);
  startup_first_ms, startup_first_cpu_ms: that first start (a new install, or
  rule files or game code changed since the last start: the rules are checked
  in full); startup_ready_ms, startup_ready_cpu_ms: to the end of the
  window's next step, when the rules the title was drawn without are built
  and input is handled. ``--startup [N]`` prints these alone (median of N,
  default 5)
- computer_turn_frames_p99_ms: time between frames of the window's own loop while
  the hard computer works out its moves in its own process (target: <= 33; on a
  machine busy with other work this includes the waits for the processor);
  computer_turn_step_p99_ms: the loop's own work in those frames (events, screens,
  drawing), which a search sharing the window's interpreter would stretch
- autosave_ms_at_N_actions (N = 10, 100, 200): the autosave after one action, once
  the game has N actions (median of ten actions there; target: <= 1, flat in N);
  autosave_full_ms_at_200_actions: a whole-record autosave at 200 actions, written
  every 50 actions (and after an undo)
- log_redraw_ms_at_250_events: drawing the board's log panel again with 250 events logged

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
from eurasia_game.ui.app import App
from eurasia_game.ui.startup import load_rules_for_window
args = build_parser()[0].parse_args(["play"])
rules, result, mods = load_rules_for_window(args)
app = App(rules, rules_dir=None, mod_folders=mods, load_problems=result.problems)
app.step()
print(time.process_time())
print(time.time())
app.step()  # the window's next step: with the rules cached, it builds them before handling any input
print(time.process_time())
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
        # a dilemma is answered with its first option (it ignores Space at first); a key is pressed and released
        # (the year's briefing is closed with Return, the cards with Space)
        if app.top.name == "dilemma":
            key = {"key": pygame.K_1, "mod": 0, "unicode": "1"}
        elif app.top.name == "briefing":
            key = {"key": pygame.K_RETURN, "mod": 0, "unicode": "\r"}
        else:
            key = {"key": pygame.K_SPACE, "mod": 0, "unicode": " "}
        # (half a second between presses: a screen that just came up ignores a quick tap)
        app.step([pygame.event.Event(pygame.KEYDOWN, **key), pygame.event.Event(pygame.KEYUP, **key)], dt=0.5)
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


def _one_start() -> tuple[float, float, float, float]:
    """Wall-clock and CPU milliseconds of one start: to the first frame, and to the step after it."""
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", STARTUP, str(t0)], capture_output=True, text=True, env=os.environ, check=True)
    cpu, wall, ready_cpu, ready_wall = (float(x) for x in out.stdout.strip().splitlines()[-4:])
    return (wall - t0) * 1000, cpu * 1000, (ready_wall - t0) * 1000, ready_cpu * 1000


def startup_ms(starts: int = 3) -> dict[str, float]:
    """The start-up figures: the first start in the game home (which checks the rules
    and caches them), then the median of ``starts`` more."""
    first = _one_start()
    runs = [_one_start() for _ in range(starts)]
    median = [statistics.median(run[i] for run in runs) for i in range(4)]
    return {
        "startup_ms": median[0], "startup_cpu_ms": median[1], "startup_ready_ms": median[2], "startup_ready_cpu_ms": median[3],
        "startup_first_ms": first[0], "startup_first_cpu_ms": first[1],
    }


def computer_turn_frames(rules, decisions: int = 3, step_ms: list | None = None) -> list[float]:
    """Milliseconds between frames of the real loop while the hard computer thinks
    (and, into ``step_ms``, the milliseconds each of those frames' ``step`` took)."""
    import pygame

    from eurasia_game.engine.state import Action
    from eurasia_game.ui import scenes as sc
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    human, computer = rules.side_ids
    app = App(rules, settings=Settings(width=1280, height=800, animation="off"), raise_errors=True)
    app.apply(sc.StartGame("after_fourth_term", 21, {human: "human", computer: "hard"}, False))
    gaps: list[float] = []
    for _ in range(200):
        if decisions <= 0 or app.game.state.over:
            break
        top = app.top.name
        if top not in ("board", "dilemma"):  # cards, hand-overs, briefings: closed as a player would
            app.apply(sc.Pop())
        elif top == "dilemma":
            if app.game.state.to_act == human:
                app.apply([sc.Act(app.game.session.legal(human)[0]), sc.Pop()])
            else:
                app.apply(sc.Pop())
        elif app.game.state.to_act == human:
            app.apply(sc.Act(Action("commit", human)))
        else:
            # the computer's turn: the window's own loop runs until its move is played
            steps = len(app.game.session.steps)
            last = time.perf_counter()
            while len(app.game.session.steps) == steps and app.top.name == "board":
                dt = app.clock.tick(60) / 1000.0
                began = time.perf_counter()
                app.step(pygame.event.get(), dt)
                now = time.perf_counter()
                if app.game.thinking:
                    gaps.append((now - last) * 1000)
                    if step_ms is not None:
                        step_ms.append((now - began) * 1000)
                last = now
            decisions -= 1
        app.step([], 0.0)
    app.game.close()
    pygame.display.quit()
    return gaps


def long_game(rules, actions: int):
    """A hotseat session of at least ``actions`` actions (a facilitator's notes pad a short game)."""
    from eurasia_game.engine.state import FACILITATOR, Action
    from eurasia_game.session.policies import RandomPolicy
    from eurasia_game.session.session import GameSession

    session = GameSession.new(rules, "full_decade", 5, {s: "human" for s in rules.side_ids})
    policy = RandomPolicy(5, "both")
    taken = 0
    while taken < actions:
        side = session.state.to_act
        if session.over or taken % 3 == 2:
            action = Action("note", FACILITATOR, text=f"note {taken}")
        else:
            action = policy.choose(rules, session.view(side), session.legal(side))
        session.act(action)
        taken += 1
        yield session


def autosave_costs(rules, marks=(10, 100, 200)) -> dict:
    from eurasia_game.session.autosave import Autosaver

    saver = Autosaver(os.path.join(os.environ["EURASIA_GAME_HOME"], "bench-autosave"))
    saver.begin()
    times: list[float] = []
    full = None
    for session in long_game(rules, max(marks) + 10):
        start = time.perf_counter()
        assert saver.save_game(session) is None
        times.append((time.perf_counter() - start) * 1000)
        if len(session.steps) - 1 == max(marks):
            start = time.perf_counter()
            Autosaver(os.path.join(os.environ["EURASIA_GAME_HOME"], "bench-full")).save(session.record())
            full = (time.perf_counter() - start) * 1000
    out = {n: statistics.median(times[n : n + 10]) for n in marks}
    out["full"] = full
    return out


def log_redraw(rules, events: int = 250) -> tuple[float, int]:
    """(median ms to draw the log panel again, events in the log) on a board with ``events`` events."""
    import pygame

    from eurasia_game.ui.app import App
    from eurasia_game.ui.controller import GameController
    from eurasia_game.ui.screens.board import BoardScene
    from eurasia_game.ui.screens.board_panels import draw_log
    from eurasia_game.ui.settings import Settings

    app = App(rules, settings=Settings(width=1280, height=800, animation="off"), raise_errors=True)
    for session in long_game(rules, 10_000):
        if len(session.events(None)) >= events:
            break
    app.game = GameController(rules, session)
    board = BoardScene(start_public=True)
    board.first = False
    app.stack = [board]  # the board as it stands, without its turn's flow (the game may be over)
    board.layout(app.ctx)
    app.draw()
    surface = pygame.Surface(app.surface.get_size())
    times = []
    for _ in range(60):
        start = time.perf_counter()
        draw_log(board, surface, app.ctx)
        times.append((time.perf_counter() - start) * 1000)
    count = len(session.events(board.viewer))
    app.game.close()
    pygame.display.quit()
    return statistics.median(times[10:]), count


def report_startup(figures: dict[str, float]) -> None:
    for name, value in figures.items():
        print(f"{name}: {value:.0f}")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="eurasia-bench-") as home:
        os.environ["EURASIA_GAME_HOME"] = home
        if "--startup" in sys.argv[1:]:  # the start-up figures alone
            report_startup(startup_ms(int(sys.argv[sys.argv.index("--startup") + 1]) if len(sys.argv) > sys.argv.index("--startup") + 1 else 5))
            return 0
        app = board_app()
        frame_times(app, 30)  # warm the text caches
        times = sorted(frame_times(app))
        print(f"frame_ms_median: {statistics.median(times):.2f}")
        print(f"frame_ms_p99: {times[int(len(times) * 0.99) - 1]:.2f}")
        print(f"redraw_ms_median: {statistics.median(frame_times(app, 100, redraw=True)):.2f}")
        print(f"idle_cpu_percent: {idle_cpu(app):.2f}")
        report_startup(startup_ms())
        from eurasia_game.loading.loader import load_rules

        rules = load_rules().rules
        steps: list[float] = []
        gaps = sorted(computer_turn_frames(rules, step_ms=steps))
        steps.sort()
        print(f"computer_turn_frames: {len(gaps)}")
        print(f"computer_turn_frames_p99_ms: {gaps[max(0, int(len(gaps) * 0.99) - 1)]:.1f}")
        print(f"computer_turn_step_p99_ms: {steps[max(0, int(len(steps) * 0.99) - 1)]:.1f}")
        costs = autosave_costs(rules)
        for n in (10, 100, 200):
            print(f"autosave_ms_at_{n}_actions: {costs[n]:.3f}")
        print(f"autosave_full_ms_at_200_actions: {costs['full']:.2f}")
        ms, count = log_redraw(rules)
        print(f"log_redraw_ms_at_250_events: {ms:.2f}")
        print(f"log_redraw_events: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
