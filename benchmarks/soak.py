"""Soak test: long random play against the engine and random input against the window.

    python benchmarks/soak.py [--actions 100000] [--ui-events 20000] [--seed 0] [--mod mods/fifth_front ...]

The engine part plays seeded games of every scenario, choosing uniformly
among the legal actions, and checks every invariant after every action
(tracks, standings, power and income in bounds, exactly one side to act
until the game ends, plans within limits, the input state untouched, no side
left without a legal action, every game finished in a bounded number of
actions) and, at the end of each game, that its record survives a save and
replays to the same state.

The UI part opens the window under the dummy video driver and posts random
key presses, text, clicks, wheel turns, mouse motion and resizes to every
screen, counting the exceptions that reach the main loop.

It prints ``metric: value`` lines: actions, games, invariant_violations,
ui_events, ui_screens, ui_exceptions, peak_rss_mb and the seconds each part
took.  Targets: zero violations and zero exceptions, peak memory under 300 MB.
The exit code is 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import copy
import gc
import os
import random
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

MAX_GAME_ACTIONS = 5_000
RSS_TARGET_MB = 300


# --- invariants --------------------------------------------------------------------

def state_violations(rules, state) -> list[str]:
    """Every invariant a single state breaks (empty when it is sound)."""
    out: list[str] = []
    if set(state.tracks) != set(rules.track_ids):
        out.append(f"tracks {sorted(state.tracks)} are not the rules' tracks")
    for track in rules.tracks:
        value = state.tracks.get(track.id)
        if not (isinstance(value, int) and track.min <= value <= track.max):
            out.append(f"track {track.id}={value!r} outside {track.min}..{track.max}")
    for front in rules.fronts:
        for side in rules.side_ids:
            value = state.standing.get(front.id, {}).get(side)
            if not (isinstance(value, int) and front.min <= value <= front.max):
                out.append(f"{side} on {front.id}={value!r} outside {front.min}..{front.max}")
    for side in rules.side_ids:
        if not state.power.get(side, -1) >= 0:
            out.append(f"{side} power {state.power.get(side)!r}")
        if not state.income.get(side, -1) >= 0:
            out.append(f"{side} income {state.income.get(side)!r}")
    scenario = rules.scenario[state.scenario]
    if not scenario.start_year <= state.year <= scenario.end_year:
        out.append(f"year {state.year} outside {scenario.start_year}..{scenario.end_year}")
    if state.over:
        if state.to_act is not None:
            out.append("a side is to act after the game ended")
        if state.ending not in scenario.endings:
            out.append(f"ending {state.ending} is not one of the scenario's")
    elif state.to_act not in rules.side_ids:
        out.append(f"to_act is {state.to_act!r}, not a side")
    elif state.dilemma is not None and state.to_act != rules.event[state.dilemma].dilemma.side:
        out.append("the wrong side answers a dilemma")
    for side, plan in state.plans.items():
        if len(plan) > rules.side[side].orders_per_year:
            out.append(f"{side} planned {len(plan)} orders")
        if sum(rules.action[o.action].cost for o in plan) > state.power[side]:
            out.append(f"{side} planned beyond its power")
    if not set(state.deck) <= set(rules.event) or not set(state.fired) <= set(rules.event):
        out.append("an unknown card is in the deck or among the fired ones")
    years = [s.year for s in state.snapshots]
    if years != sorted(set(years)):
        out.append(f"snapshot years {years}")
    return out


@dataclass
class EngineReport:
    actions: int = 0
    games: int = 0
    violations: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_engine(rules, actions: int, seed: int = 0, mutation_check_every: int = 7) -> EngineReport:
    """Play random legal actions until ``actions`` were applied; check invariants after each."""
    from eurasia_game.engine import apply_action, legal_actions, start_game
    from eurasia_game.session.record import ActionRecord, GameRecord, ModEntry, RECORD_FORMAT, record_from_json
    from eurasia_game.session.replay import replay

    report = EngineReport()
    started = time.perf_counter()
    scenarios = [s.id for s in rules.scenarios]
    chooser = random.Random(seed)

    def violation(where: str, what: str) -> None:
        if len(report.violations) < 200:
            report.violations.append(f"{where}: {what}")
        else:
            report.violations.append("")

    while report.actions < actions:
        game_seed = seed * 1_000_003 + report.games
        scenario = scenarios[report.games % len(scenarios)]
        report.games += 1
        where = f"{scenario} seed {game_seed}"
        state = start_game(rules, scenario, game_seed).state
        taken = []
        for what in state_violations(rules, state):
            violation(f"{where} start", what)
        while not state.over and report.actions < actions:
            legal = legal_actions(rules, state)
            if not legal:
                violation(f"{where} step {len(taken)}", "the side to act has no legal action")
                break
            action = legal[chooser.randrange(len(legal))]
            before = copy.deepcopy(state) if report.actions % mutation_check_every == 0 else None
            try:
                result = apply_action(rules, state, action)
            except Exception as exc:  # noqa: BLE001 - counted, never fatal to the soak
                violation(f"{where} step {len(taken)}", f"apply_action raised {type(exc).__name__}: {exc}")
                break
            if before is not None and before != state:
                violation(f"{where} step {len(taken)}", "apply_action changed its input state")
            if result.state.steps != state.steps + 1:
                violation(f"{where} step {len(taken)}", "the step counter did not move by one")
            state = result.state
            taken.append(action)
            report.actions += 1
            for what in state_violations(rules, state):
                violation(f"{where} step {len(taken)}", what)
            if len(taken) > MAX_GAME_ACTIONS:
                violation(where, f"the game did not end within {MAX_GAME_ACTIONS} actions")
                break
        if state.over:
            record = GameRecord(
                format=RECORD_FORMAT,
                rules_id=rules.game.id,
                rules_version=rules.game.version,
                rules_fingerprint=rules.fingerprint,
                scenario=scenario,
                seed=game_seed,
                actions=[ActionRecord.of(a) for a in taken],
                mods=[ModEntry(id=m.id, version=m.version) for m in rules.mods] or None,
            )
            try:
                replayed, _ = replay(rules, record_from_json(record.to_json()))
            except Exception as exc:  # noqa: BLE001
                violation(where, f"the saved record did not replay: {exc}")
            else:
                if replayed != state:
                    violation(where, "the replayed game ended in a different state")
    report.seconds = time.perf_counter() - started
    return report


# --- the window ----------------------------------------------------------------------

@dataclass
class UiReport:
    events: int = 0
    screens: set[str] = field(default_factory=set)
    exceptions: list[str] = field(default_factory=list)
    seconds: float = 0.0


# Where each round of random input starts: (label, how to get there).  Every
# screen the window has is reached from one of these, either directly or by
# the random input itself (reveals, dilemmas, curtains, dialogs, the ending).
def _tour(rules):
    from eurasia_game.ui import scenes as sc

    def screen(module: str, name: str, *args):
        def make():
            import importlib

            return getattr(importlib.import_module(f"eurasia_game.ui.screens.{module}"), name)(*args)

        return make

    sides = rules.side_ids
    humans = {s: "human" for s in sides}
    versus = {sides[0]: "human", sides[1]: "random"}
    watch = {s: "random" for s in sides}
    scenarios = [s.id for s in rules.scenarios]

    def start(players, curtain, scenario_index=0, then=None):
        def go(app, seed):
            app.apply(sc.ResetTo(screen("title", "TitleScene")()))
            app.apply(sc.StartGame(scenarios[scenario_index % len(scenarios)], seed, dict(players), curtain))
            if then is not None:
                app.apply(sc.Push(then()))

        return go

    def reset(make):
        def go(app, seed):
            app.apply(sc.ResetTo(screen("title", "TitleScene")()))
            if make is not None:
                app.apply(sc.Push(make()))

        return go

    def ending(app, seed):
        start(watch, False, seed)(app, seed)
        for _ in range(20_000):  # let the computers play to the end
            if app.game is None or app.game.state.over:
                break
            action = app.game.computer_action()
            if action is None:
                break
            app.apply(sc.Act(action))
        app.step([], dt=0.5)

    def past_the_opening(scenario_index):
        """A board reached on purpose: random input alone rarely gets past an opening dilemma."""
        import pygame

        def go(app, seed):
            start(humans, False, scenario_index)(app, seed)
            for _ in range(40):
                if app.game is None or app.game.state.over or app.top.name == "board":
                    break
                option = next((w for w in app.top.ring.widgets if w.id.startswith("option:") and w.enabled), None) if app.top.name == "dilemma" else None
                if option is not None:  # the first option open to the side, as a click would choose it
                    app.apply(option.activate())
                    app.step([], dt=0.05)
                else:  # a reveal or a curtain: the key that moves on
                    space = {"key": pygame.K_SPACE, "mod": 0, "unicode": " ", "scancode": 0}
                    app.step([pygame.event.Event(pygame.KEYDOWN, **space), pygame.event.Event(pygame.KEYUP, **space)], dt=2.0)

        return go

    def crashed(app, seed):
        from eurasia_game.ui import paths

        start(humans, True)(app, seed)
        app.apply(sc.ResetTo(screen("dialog", "ErrorScene", paths.log_file(), None)()))

    return [
        ("title", reset(None)),
        ("new game", reset(screen("newgame", "NewGameScene"))),
        ("load", reset(screen("saveload", "LoadScene"))),
        ("help", reset(screen("help", "HelpScene"))),
        ("settings", reset(screen("settings_screen", "SettingsScene"))),
        ("mods", reset(screen("modreport", "ModReportScene"))),
        ("hotseat board", start(humans, True, 0)),
        ("open board", start(humans, False, 1)),
        ("board against the computer", start(versus, True, 2)),
        ("board past the opening", past_the_opening(3)),
        ("menu", start(humans, False, 0, screen("menu", "MenuScene"))),
        ("save", start(humans, False, 1, screen("saveload", "SaveScene", "soak"))),
        ("ending", ending),
        ("error dialog", crashed),
    ]


def _random_event(pygame, rng: random.Random, app):
    """One random input event, aimed at a widget half of the time."""
    width, height = app.surface.get_size()
    widgets = [w for w in getattr(getattr(app.top, "ring", None), "widgets", []) if w.rect.width > 0]

    def somewhere():
        if widgets and rng.random() < 0.6:
            return rng.choice(widgets).rect.center
        return (rng.randrange(-20, width + 20), rng.randrange(-20, height + 20))

    roll = rng.random()
    if roll < 0.40:
        keys = [pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT,
                pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_HOME, pygame.K_END, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_F1,
                pygame.K_F11, pygame.K_KP_ENTER]
        keys += [pygame.key.key_code(c) for c in "abcdefghijklmnopqrstuvwxyz0123456789"]
        mod = rng.choice([0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL, pygame.KMOD_ALT])
        key = rng.choice(keys)
        kind = pygame.KEYDOWN if rng.random() < 0.85 else pygame.KEYUP
        return pygame.event.Event(kind, key=key, mod=mod, unicode=chr(key) if 32 <= key < 127 else "", scancode=0)
    if roll < 0.48:
        text = rng.choice(["a", "Z", "7", " ", "-", "_", "é", "Ж", "中", "\u202e", "../", "\x00", "🙂", "x" * 40])
        return pygame.event.Event(pygame.TEXTINPUT, text=text)
    if roll < 0.75:
        pos = somewhere()
        button = rng.choice([1, 1, 1, 1, 2, 3, 4, 5])
        return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button), pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)]
    if roll < 0.90:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=somewhere(), rel=(0, 0), buttons=(0, 0, 0))
    if roll < 0.96:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False, precise_x=0.0, precise_y=1.0)
    size = (rng.randrange(300, 2400), rng.randrange(200, 1500))
    return pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])


def run_ui(rules, events: int, seed: int = 0, home: Path | None = None, mod_folders=()) -> UiReport:
    """Post ``events`` random input events to the window, spread over every screen."""
    import tempfile

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    own_home = None
    old_home = os.environ.get("EURASIA_GAME_HOME")
    if home is None:
        own_home = tempfile.TemporaryDirectory(prefix="eurasia-soak-")
        home = Path(own_home.name)
    os.environ["EURASIA_GAME_HOME"] = str(home)
    report = UiReport()
    started = time.perf_counter()
    try:
        _soak_window(rules, events, seed, report, mod_folders)
    finally:
        report.seconds = time.perf_counter() - started
        if old_home is None:
            os.environ.pop("EURASIA_GAME_HOME", None)
        else:
            os.environ["EURASIA_GAME_HOME"] = old_home
        if own_home is not None:
            own_home.cleanup()
    return report


def _soak_window(rules, events: int, seed: int, report: UiReport, mod_folders=()) -> None:
    import pygame

    from eurasia_game.ui.app import App

    rng = random.Random(seed)
    tour = _tour(rules)
    per_stop = max(1, events // (len(tour) * 3))
    app = None

    def failed(where: str, exc: BaseException) -> None:
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        report.exceptions.append(f"{where}:\n{text}")

    stop = 0
    while report.events < events:
        label, arrive = tour[stop % len(tour)]
        stop += 1
        try:
            if app is None or not app.running:
                # A player's process has one window; free the closed one before opening the next.
                app = None
                gc.collect()
                app = App(rules, size=(1280, 800), raise_errors=True, mod_folders=list(mod_folders))
            pygame.event.clear()
            arrive(app, rng.randrange(10_000))
            app.step(dt=0.05)
        except Exception as exc:  # noqa: BLE001 - counted; the soak goes on with a fresh window
            failed(f"arriving at {label}", exc)
            app = None
            continue
        for _ in range(min(per_stop, events - report.events)):
            if not app.running:
                break
            report.screens.add(type(app.top).__name__)
            batch = _random_event(pygame, rng, app)
            batch = batch if isinstance(batch, list) else [batch]
            report.events += len(batch)
            try:
                # Posted to SDL's queue and read back by the app, as in the real main
                # loop: events that widgets post themselves are drained too.
                for event in batch:
                    pygame.event.post(event)
                app.step(dt=rng.choice([0.0, 0.016, 0.25, 2.0]))
            except Exception as exc:  # noqa: BLE001
                failed(f"{label}, on {type(app.top).__name__}, event {report.events}", exc)
                app = None
                break
    pygame.quit()


# --- memory and the command line -----------------------------------------------------

def peak_rss_mb() -> float | None:
    # Linux: the high-water mark of this process's own memory.  getrusage's
    # ru_maxrss survives fork and exec, so a soak started from a large parent
    # (a test run) would report the parent's peak instead of its own.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def load_base_rules(mods=()):
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.paths import base_rules_dir

    result = load_rules(base_rules_dir(), mods=list(mods))
    if result.rules is None or result.errors:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        raise SystemExit("the base rules do not load")
    return result.rules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=100_000, help="random legal actions to play (default 100000)")
    parser.add_argument("--ui-events", type=int, default=20_000, help="random input events for the window (default 20000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mod", dest="mods", action="append", default=[], type=Path, metavar="PATH", help="play with this mod enabled (repeatable), e.g. every folder of mods/")
    args = parser.parse_args(argv)
    rules = load_base_rules(args.mods)
    ok = True
    engine = run_engine(rules, args.actions, args.seed)
    print(f"actions: {engine.actions}")
    print(f"games: {engine.games}")
    print(f"invariant_violations: {len(engine.violations)}")
    print(f"engine_seconds: {engine.seconds:.1f}")
    for line in engine.violations[:10]:
        print(f"  {line}", file=sys.stderr)
    ok &= not engine.violations
    if args.ui_events > 0:
        ui = run_ui(rules, args.ui_events, args.seed, mod_folders=args.mods)
        print(f"ui_events: {ui.events}")
        print(f"ui_screens: {len(ui.screens)}")
        print(f"ui_exceptions: {len(ui.exceptions)}")
        print(f"ui_seconds: {ui.seconds:.1f}")
        for line in ui.exceptions[:5]:
            print(line, file=sys.stderr)
        ok &= not ui.exceptions
    rss = peak_rss_mb()
    print(f"peak_rss_mb: {rss:.1f}" if rss is not None else "peak_rss_mb: n/a")
    ok &= rss is None or rss < RSS_TARGET_MB
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
