"""Speed of the balance lab's figures and story checks, as ``metric: value`` lines.

Run from the repository root with the project's Python:

    .venv/bin/python benchmarks/balance.py

It plays a few games of the full decade between random players (cheap and
full of variety), repeats their summaries to make a batch of 1,000 games,
then measures, best of several runs (CPU time of this process):

* ``play_ms_per_game`` - one game between random players, summary included
  (the computer levels cost far more: see benchmarks/ai.py);
* ``summarise_ms`` - every figure of the report for 1,000 games, the
  economy, fronts and orders tables and the story checks included;
* ``story_ms`` - judging the rules' story checks alone on those games;
* ``write_ms`` - turning the figures into report.md and the CSV files;
* ``story_checks`` - how many checks were judged.

Target: the lab's own work stays small beside the games it plays, so
``summarise_ms + write_ms`` stays under 2,000 ms for 1,000 games.
"""

from __future__ import annotations

import time


def best(fn, runs: int = 3) -> tuple[float, object]:
    times, value = [], None
    for _ in range(runs):
        start = time.process_time()
        value = fn()
        times.append(time.process_time() - start)
    return min(times) * 1000, value


def main() -> int:
    from eurasia_game.balance.report import csv_files, markdown
    from eurasia_game.balance.runner import run_games
    from eurasia_game.balance.stats import summarise
    from eurasia_game.balance.story import evaluate
    from eurasia_game.loading.loader import load_rules

    rules = load_rules().rules
    scenario = rules.game.default_scenario
    players = dict.fromkeys(rules.side_ids, "random")
    seeds = list(range(20))
    play_ms, played = best(lambda: run_games(rules, scenario, players, seeds, jobs=1), runs=1)
    games = [dict(g, seed=i) for i, g in enumerate(played * 50)]
    summarise_ms, figures = best(lambda: summarise(rules, scenario, players, games))
    story_ms, verdicts = best(lambda: evaluate(rules, scenario, players, games))
    write_ms, _ = best(lambda: (csv_files(figures, games), markdown(figures)))
    print(f"play_ms_per_game: {play_ms / len(seeds):.1f}")
    print(f"summarise_ms: {summarise_ms:.0f}")
    print(f"story_ms: {story_ms:.0f}")
    print(f"write_ms: {write_ms:.0f}")
    print(f"story_checks: {sum(1 for v in verdicts if v.applies)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
