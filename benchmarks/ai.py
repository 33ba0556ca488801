"""Speed (and, on request, strength) figures of the computer players and the balance lab.

    python benchmarks/ai.py                 # speed figures, a few minutes on 2 cores
    python benchmarks/ai.py --strength 200  # also win rates over 200 games a side per pairing
    python benchmarks/ai.py --against REV   # this checkout's players against a git revision's, side by side

Prints ``metric: value`` lines:

- hard_move_ms_p95 / hard_move_ms_max: time of a hard move that searched
  (a year's plan or a dilemma) on one core; hard_call_ms_p95 counts every
  call, including the cheap ones that hand out an already planned order;
- normal_games_per_minute: normal against normal, full scenario, on all
  cores, through the balance lab;
- balance_speedup_2_jobs: the lab's speed-up from 1 to 2 processes on the
  same games;
- with --strength N: hard_vs_normal_decided_share and
  normal_vs_easy_decided_share (the stronger level's share of decided games
  over N games with each side, so 2N games per pairing).

With ``--against REV`` it measures, in turns in the same run, the hard level's
searched moves (CPU time; the first ``--against-moves`` of
``--against-games`` games) and normal-vs-normal games (CPU time) of this checkout and of the
revision, and prints the ratios (``benchmarks/ai_against.py``); it also says
whether both versions chose the very same moves.  Both play under this
checkout's rules unless ``--own-rules`` gives each version its own.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eurasia_game.balance.runner import default_jobs, run_games  # noqa: E402
from eurasia_game.engine import apply_action, legal_actions, new_game, view  # noqa: E402
from eurasia_game.loading.loader import load_rules  # noqa: E402
from eurasia_game.paths import base_rules_dir  # noqa: E402
from eurasia_game.session.policies import make_policy  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return 0.0
    index = min(len(values) - 1, max(0, int(round(q * (len(values) - 1)))))
    return values[index]


def hard_moves(rules, games: int) -> tuple[list[float], list[float]]:
    """Times (ms) of the hard level's searched moves and of all its calls, against normal."""
    searched, every = [], []
    for seed in range(games):
        side_hard = rules.side_ids[seed % 2]
        state = new_game(rules, None, 1000 + seed)
        policies = {s: make_policy("hard" if s == side_hard else "normal", 1000 + seed, s) for s in rules.side_ids}
        while not state.over:
            side = state.to_act
            legal = legal_actions(rules, state, side)
            seen = view(rules, state, side)
            started = time.perf_counter()
            action = policies[side].choose(rules, seen, legal)
            ms = (time.perf_counter() - started) * 1000
            if side == side_hard and len(legal) > 1:
                every.append(ms)
                if state.dilemma is not None or not seen.own_plan:
                    searched.append(ms)
            state = apply_action(rules, state, action).state
    return searched, every


def lab_seconds(rules, scenario: str, players: dict, seeds: list[int], jobs: int) -> float:
    started = time.perf_counter()
    run_games(rules, scenario, players, seeds, jobs=jobs)
    return time.perf_counter() - started


def decided_share(rules, scenario: str, strong: str, weak: str, games: int) -> tuple[float, int]:
    wins = losses = 0
    a, b = rules.side_ids
    for players in ({a: strong, b: weak}, {a: weak, b: strong}):
        for g in run_games(rules, scenario, players, list(range(games)), jobs=default_jobs()):
            for side, result in g["results"].items():
                if players[side] == strong and result == "win":
                    wins += 1
                elif players[side] == strong and result == "lose" and any(r == "win" for r in g["results"].values()):
                    losses += 1
    return (wins / (wins + losses) if wins + losses else 0.0), wins + losses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hard-games", type=int, default=4, help="games whose hard moves are timed (default 4)")
    parser.add_argument("--normal-games", type=int, default=300, help="normal games for the games-per-minute figure (default 300)")
    parser.add_argument("--speedup-games", type=int, default=120, help="games for the 1-vs-2-process comparison (default 120)")
    parser.add_argument("--strength", type=int, default=0, metavar="N", help="also measure strength over N games a side per pairing")
    parser.add_argument("--against", metavar="REV", help="measure side by side with a git revision's players instead")
    parser.add_argument("--against-games", type=int, default=2, help="with --against: hard-vs-normal games a round (default 2)")
    parser.add_argument("--against-moves", type=int, default=8, help="with --against: searched hard moves timed per game (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="with --against: rounds of turns (default 3)")
    parser.add_argument("--own-rules", action="store_true", help="with --against: each version plays under its own revision's rules (default: both under this checkout's)")
    args = parser.parse_args()
    if args.against:
        from ai_against import compare

        return compare(Path(__file__).resolve().parents[1], args.against, args.against_games, args.against_moves, 20, args.rounds, args.own_rules)
    result = load_rules(base_rules_dir())
    if result.rules is None or result.errors:
        print("the base rules do not load; run 'eurasia-game check'", file=sys.stderr)
        return 2
    rules = result.rules
    scenario = rules.game.default_scenario
    normal = {s: "normal" for s in rules.side_ids}

    searched, every = hard_moves(rules, args.hard_games)
    print(f"hard_move_ms_p95: {percentile(searched, 0.95):.0f}")
    print(f"hard_move_ms_max: {max(searched, default=0):.0f}")
    print(f"hard_move_ms_mean: {sum(searched) / max(len(searched), 1):.0f}")
    print(f"hard_call_ms_p95: {percentile(every, 0.95):.0f}")
    print(f"hard_moves_timed: {len(searched)}")

    jobs = default_jobs()
    seconds = lab_seconds(rules, scenario, normal, list(range(args.normal_games)), jobs)
    print(f"normal_games_per_minute: {args.normal_games / seconds * 60:.0f}")
    print(f"normal_games_jobs: {jobs}")

    seeds = list(range(5000, 5000 + args.speedup_games))
    one = lab_seconds(rules, scenario, normal, seeds, 1)
    two = lab_seconds(rules, scenario, normal, seeds, 2)
    print(f"balance_1_job_seconds: {one:.1f}")
    print(f"balance_2_jobs_seconds: {two:.1f}")
    print(f"balance_speedup_2_jobs: {one / two:.2f}")

    if args.strength:
        share, decided = decided_share(rules, scenario, "hard", "normal", args.strength)
        print(f"hard_vs_normal_decided_share: {share:.3f}")
        print(f"hard_vs_normal_decided_games: {decided}")
        share, decided = decided_share(rules, scenario, "normal", "easy", args.strength)
        print(f"normal_vs_easy_decided_share: {share:.3f}")
        print(f"normal_vs_easy_decided_games: {decided}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
