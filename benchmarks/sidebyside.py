"""This checkout's engine against a git revision's, measured in the same run.

A speed figure taken on a machine shared with other work moves with the
load; a ratio of two engines measured in turns, in the same minutes, does
not.  ``compare`` extracts the revision's ``src`` and ``rules`` with
``git archive`` into a temporary folder, starts one worker process per
engine (each imports only its own ``eurasia_game``), and hands them short
bursts of work in turn, swapping who goes first every round, so both meet
the same load.

Run through ``benchmarks/engine.py --against REV``; prints ``metric: value``
lines.  A ratio above 1 means this checkout is faster.  Times are the
workers' CPU time (``time.process_time``), so waiting for a core does not
count.  Each round pairs a burst of each engine, and the headline ratio is
the median of the rounds' ratios: a burst that met a spike of load on the
machine moves one round, not the figure (the ratio of the totals is printed
too).  The rules load takes the best of each engine's runs.

The worker is this same file run as ``sidebyside.py --worker SRC``; it uses
only the engine's public calls (``new_game``, ``legal_actions``,
``apply_action``, ``load_rules``, ``session.autoplay.play_game``), which older
revisions have too.
"""

from __future__ import annotations

import gc
import hashlib
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

# --- the parent ---------------------------------------------------------------


class Worker:
    """One engine in its own process, answering one command per line."""

    def __init__(self, src: Path):
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(src)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.ask("ready")

    def ask(self, line: str) -> list[str]:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise RuntimeError(f"the worker stopped while answering '{line}'")
        return answer.split()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def extract(root: Path, rev: str, into: Path) -> Path:
    """The revision's ``src`` and ``rules`` folders, unpacked under ``into``; returns its src."""
    archive = into / "rev.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(root), "archive", rev, "src", "rules"], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree" / "src"


def compare(root: Path, rev: str, seconds: float, rounds: int) -> int:
    full = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", rev], capture_output=True, text=True)
    if full.returncode != 0:
        print(f"not a git revision: {rev}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="engine-against-") as tmp:
        this, other = Worker(root / "src"), Worker(extract(root, rev, Path(tmp)))
        try:
            figures = _measure(this, other, seconds, max(1, rounds))
        finally:
            this.close()
            other.close()
    print(f"against: {full.stdout.strip()}")
    for name, value in figures.items():
        print(f"{name}: {value}")
    return 0


def _turns(rounds: int, this: Worker, other: Worker):
    """(round, [(name, worker), ...]) with the first to go swapped every round."""
    pair = [("this", this), ("against", other)]
    for r in range(rounds):
        yield r, pair if r % 2 == 0 else pair[::-1]


def _measure(this: Worker, other: Worker, seconds: float, rounds: int) -> dict[str, str]:
    same = this.ask("digest 12") == other.ask("digest 12")
    burst = seconds / rounds
    totals = {"this": [0, 0.0], "against": [0, 0.0]}
    per_round: dict[str, list[float]] = {"this": [], "against": []}
    sessions = {"this": [0, 0.0], "against": [0, 0.0]}
    loads: dict[str, list[float]] = {"this": [], "against": []}
    for _, turn in _turns(rounds, this, other):
        for name, worker in turn:
            actions, cpu = _pair(worker.ask(f"games {burst}"))
            totals[name][0] += actions
            totals[name][1] += cpu
            per_round[name].append(actions / cpu)
    for _, turn in _turns(rounds, this, other):
        for name, worker in turn:
            games, cpu = _pair(worker.ask(f"session {burst / 2}"))
            sessions[name][0] += games
            sessions[name][1] += cpu
    for _, turn in _turns(rounds, this, other):
        for name, worker in turn:
            loads[name].append(float(worker.ask("load 3")[0]))
    aps = {k: a / c for k, (a, c) in totals.items()}
    gps = {k: g / c for k, (g, c) in sessions.items()}
    load = {k: min(v) for k, v in loads.items()}
    rounds_ratio = [a / b for a, b in zip(per_round["this"], per_round["against"])]
    return {
        "games_identical": "yes" if same else "no",
        "actions_per_second": f"{aps['this']:.0f}",
        "actions_per_second_against": f"{aps['against']:.0f}",
        "actions_per_second_ratio": f"{statistics.median(rounds_ratio):.2f}",
        "actions_per_second_ratio_total": f"{aps['this'] / aps['against']:.2f}",
        "actions_per_second_ratio_round_min": f"{min(rounds_ratio):.2f}",
        "actions_per_second_ratio_round_max": f"{max(rounds_ratio):.2f}",
        "session_games_per_second": f"{gps['this']:.1f}",
        "session_games_per_second_against": f"{gps['against']:.1f}",
        "session_games_per_second_ratio": f"{gps['this'] / gps['against']:.2f}",
        "rules_load_ms": f"{load['this']:.1f}",
        "rules_load_ms_against": f"{load['against']:.1f}",
        "rules_load_ratio": f"{load['against'] / load['this']:.2f}",
        "rounds": str(rounds),
    }


def _pair(words: list[str]) -> tuple[int, float]:
    return int(words[0]), float(words[1])


# --- the worker ---------------------------------------------------------------


def worker(src: str) -> int:
    sys.path.insert(0, src)
    import random

    import eurasia_game

    if not Path(eurasia_game.__file__).resolve().is_relative_to(Path(src).resolve()):
        print(f"imported {eurasia_game.__file__}, not the engine under {src}", file=sys.stderr)
        return 1
    from eurasia_game.engine import apply_action, legal_actions, new_game
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.paths import base_rules_dir
    from eurasia_game.session.autoplay import play_game

    folder = base_rules_dir()
    rules = load_rules(folder).rules
    scenario = rules.game.default_scenario
    players = {side: "random" for side in rules.side_ids}

    def game(seed: int, steps=None) -> int:
        chooser = random.Random(seed)
        state = new_game(rules, scenario, seed)
        actions = 0
        while not state.over:
            legal = legal_actions(rules, state)
            result = apply_action(rules, state, legal[chooser.randrange(len(legal))])
            if steps is not None:
                steps.append((result.state.year, result.state.to_act, tuple((e.kind, e.text) for e in result.events)))
            state = result.state
            actions += 1
        return actions

    game(0)  # warm the rules' caches
    seeds = {"games": 0, "session": 0}
    for line in sys.stdin:
        command, *rest = line.split()
        gc.collect()  # each burst starts from the same clean heap
        if command == "ready":
            answer = "ok"
        elif command == "digest":
            digest = hashlib.sha256()
            for seed in range(int(rest[0])):
                steps: list = []
                game(seed, steps)
                digest.update(repr(steps).encode())
            answer = digest.hexdigest()
        elif command == "games":
            actions, started = 0, time.process_time()
            while True:
                actions += game(seeds["games"])
                seeds["games"] += 1
                if time.process_time() - started >= float(rest[0]):
                    break
            answer = f"{actions} {time.process_time() - started}"
        elif command == "session":
            games, started = 0, time.process_time()
            while True:
                play_game(rules, scenario, seeds["session"], players)
                seeds["session"] += 1
                games += 1
                if time.process_time() - started >= float(rest[0]):
                    break
            answer = f"{games} {time.process_time() - started}"
        elif command == "load":
            best = float("inf")
            for _ in range(int(rest[0])):
                started = time.process_time()
                load_rules(folder)
                best = min(best, (time.process_time() - started) * 1000)
            answer = f"{best}"
        else:
            answer = "unknown"
        print(answer, flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        raise SystemExit(worker(sys.argv[2]))
    print("run it through: benchmarks/engine.py --against REV", file=sys.stderr)
    raise SystemExit(2)
