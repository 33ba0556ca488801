"""This checkout's computer players against a git revision's, measured in the same run.

On a machine shared with other work a move's time moves with the load; two
versions timed in turns, in the same minutes, give a ratio that does not.
``compare`` extracts the revision's ``src`` and ``rules`` (``git archive``,
see ``sidebyside.extract``) and starts one worker process per version; both
play under this checkout's rules (the rules change more often than the
players: the same rules are what makes the two versions' games comparable
move for move), or each under its own with ``own_rules``.  Each round both
play the same work, the first to go swapped every round:

- the hard level's searched moves (a year's plan or a dilemma) in games of
  hard against normal, timed in CPU time of the worker, move by move;
- games of normal against normal (the balance lab's unit of work), in CPU
  time of the worker.

Each worker also reports a digest of every action chosen, so the run says
whether the two versions play the very same games.  Run through
``benchmarks/ai.py --against REV``; a ratio above 1 means this checkout is
faster.
"""

from __future__ import annotations

import gc
import hashlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


class Worker:
    """One version in its own process, answering one command per line."""

    def __init__(self, src: Path, rules: Path | None = None):
        command = [sys.executable, __file__, "--worker", str(src)] + ([str(rules)] if rules is not None else [])
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
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
        self.proc.wait(timeout=60)


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return 0.0
    return values[min(len(values) - 1, max(0, int(round(q * (len(values) - 1)))))]


def compare(root: Path, rev: str, hard_games: int, hard_moves: int, normal_games: int, rounds: int, own_rules: bool = False) -> int:
    from sidebyside import extract

    full = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", rev], capture_output=True, text=True)
    if full.returncode != 0:
        print(f"not a git revision: {rev}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ai-against-") as tmp:
        rules = None if own_rules else root / "rules"
        this = Worker(root / "src", rules)
        try:
            other = Worker(extract(root, rev, Path(tmp)), rules)
        except RuntimeError as error:  # the worker said why on stderr
            this.close()
            print(f"side by side with {rev} not possible: {error}", file=sys.stderr)
            return 2
        try:
            figures = _measure(this, other, hard_games, hard_moves, normal_games, max(1, rounds))
        finally:
            this.close()
            other.close()
    print(f"against: {full.stdout.strip()}")
    print(f"rules: {'each its own' if own_rules else 'this checkout'}")
    for name, value in figures.items():
        print(f"{name}: {value}")
    return 0


def _measure(this: Worker, other: Worker, hard_games: int, hard_moves: int, normal_games: int, rounds: int) -> dict[str, str]:
    pair = [("this", this), ("against", other)]
    moves: dict[str, list[float]] = {"this": [], "against": []}
    normal: dict[str, list[float]] = {"this": [0.0, 0.0], "against": [0.0, 0.0]}
    digests: dict[str, list[str]] = {"this": [], "against": []}
    ratios = []
    for r in range(rounds):
        turn = pair if r % 2 == 0 else pair[::-1]
        cpu = {}
        for name, worker in turn:
            # The same seeds every round: the load differs, the work does not.
            words = worker.ask(f"hard {hard_games} {hard_moves}")
            digests[name].append(words[0])
            times = [float(x) for x in words[1:]]
            moves[name] += times
            cpu[name] = sum(times)
        for name, worker in turn:
            digest, games, seconds = worker.ask(f"normal {normal_games}")
            digests[name].append(digest)
            normal[name][0] += int(games)
            normal[name][1] += float(seconds)
        ratios.append(cpu["against"] / max(cpu["this"], 1e-9))
    gpm = {k: 60 * g / s for k, (g, s) in normal.items()}
    p95 = {k: percentile(v, 0.95) for k, v in moves.items()}
    return {
        "moves_identical": "yes" if digests["this"] == digests["against"] else "no",
        "hard_move_cpu_ms_p95": f"{p95['this']:.0f}",
        "hard_move_cpu_ms_p95_against": f"{p95['against']:.0f}",
        "hard_move_cpu_ms_median": f"{statistics.median(moves['this']):.0f}",
        "hard_move_cpu_ms_median_against": f"{statistics.median(moves['against']):.0f}",
        "hard_move_ratio": f"{sum(moves['against']) / sum(moves['this']):.2f}",
        "hard_move_ratio_round_min": f"{min(ratios):.2f}",
        "hard_move_ratio_round_max": f"{max(ratios):.2f}",
        "hard_moves_timed": str(len(moves["this"])),
        "normal_games_per_cpu_minute": f"{gpm['this']:.0f}",
        "normal_games_per_cpu_minute_against": f"{gpm['against']:.0f}",
        "normal_games_ratio": f"{gpm['this'] / gpm['against']:.2f}",
        "rounds": str(rounds),
    }


# --- the worker ---------------------------------------------------------------


def worker(src: str, rules_dir: str | None = None) -> int:
    sys.path.insert(0, src)
    import eurasia_game

    if not Path(eurasia_game.__file__).resolve().is_relative_to(Path(src).resolve()):
        print(f"imported {eurasia_game.__file__}, not the version under {src}", file=sys.stderr)
        return 1
    from eurasia_game.engine import apply_action, legal_actions, new_game, view
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.paths import base_rules_dir
    from eurasia_game.session.policies import make_policy

    loaded = load_rules(Path(rules_dir) if rules_dir else base_rules_dir())
    if loaded.rules is None:
        # An older engine may not read today's rule files (a field it does not know).
        print(f"the version under {src} cannot load the rules {rules_dir or '(its own)'}: "
              f"{len(loaded.problems)} problem(s), the first: {loaded.problems[0]}; "
              "try --own-rules (each version under its own rules), or a later revision", file=sys.stderr)
        return 1
    rules = loaded.rules
    scenario = rules.game.default_scenario

    def play(seed: int, levels: dict, timed: str | None, limit: int | None, digest, times: list) -> None:
        """A game (stopped after ``limit`` timed moves); the CPU ms of ``timed``'s searched moves."""
        state = new_game(rules, scenario, seed)
        policies = {s: make_policy(levels[s], seed, s) for s in rules.side_ids}
        while not state.over and (limit is None or len(times) < limit):
            side = state.to_act
            legal = legal_actions(rules, state, side)
            seen = view(rules, state, side)
            started = time.process_time()
            action = policies[side].choose(rules, seen, legal)
            ms = (time.process_time() - started) * 1000
            if side == timed and len(legal) > 1 and (state.dilemma is not None or not seen.own_plan):
                times.append(ms)
            digest.update(repr(action).encode())
            state = apply_action(rules, state, action).state

    for line in sys.stdin:
        command, *rest = line.split()
        gc.collect()
        if command == "ready":
            answer = "ok"
        elif command == "hard":
            digest, times = hashlib.sha256(), []
            games, limit = int(rest[0]), int(rest[1])
            for seed in range(games):
                hard = rules.side_ids[seed % 2]
                levels = {s: "hard" if s == hard else "normal" for s in rules.side_ids}
                mine: list = []
                play(1000 + seed, levels, hard, limit, digest, mine)
                times += mine
            answer = " ".join([digest.hexdigest()[:16], *(f"{t:.1f}" for t in times)])
        elif command == "normal":
            digest = hashlib.sha256()
            started = time.process_time()
            games = int(rest[0])
            for seed in range(games):
                play(5000 + seed, dict.fromkeys(rules.side_ids, "normal"), None, None, digest, [])
            answer = f"{digest.hexdigest()[:16]} {games} {time.process_time() - started}"
        else:
            answer = "unknown"
        print(answer, flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--worker":
        raise SystemExit(worker(*sys.argv[2:]))
    print("run it through: benchmarks/ai.py --against REV", file=sys.stderr)
    raise SystemExit(2)
