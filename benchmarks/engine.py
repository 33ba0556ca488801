"""Speed of the engine and of loading the rules, as ``metric: value`` lines.

Run from the repository root with the project's Python:

    .venv/bin/python benchmarks/engine.py [--seconds S]
    .venv/bin/python benchmarks/engine.py --against REV [--seconds S] [--rounds N]

Figures (one core, no parallelism; import and load times are wall-clock,
game rates use this process's CPU time so that other work on the machine
does not skew them):

* ``import_ms`` - importing the loader, the engine and the session layer;
* ``rules_load_ms`` - loading and checking the base rules, after imports
  (best of several runs, so the figure is the work, not the disk cache);
* ``random_games_per_second`` - complete random-vs-random games of the
  default (full) scenario, folding ``legal_actions``/``apply_action`` with a
  seeded chooser, as a replay or a search would;
* ``session_games_per_second`` - the same through ``session.autoplay``
  (what ``eurasia-game simulate`` does: policies, views, history);
* ``full_length_games_per_second`` - random games of the same scenario with
  its sudden endings taken out, so each lasts every year (the worst case);
* ``actions_per_second``, ``mean_actions_per_game``, ``mean_years_per_game``.

Targets: at least 200 random games a second and under 200 ms to load.

``--against REV`` measures this checkout and a git revision side by side in
the same run (see ``benchmarks/sidebyside.py``) and prints how many times
faster this checkout is, so a speed claim holds on a busy machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each games/s figure (default 3)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of random games instead")
    parser.add_argument("--against", metavar="REV", help="compare with a git revision's engine, side by side")
    parser.add_argument("--rounds", type=int, default=20, help="with --against: alternations of the two engines (default 20)")
    args = parser.parse_args(argv)
    if args.against:
        from sidebyside import compare

        return compare(ROOT, args.against, args.seconds, args.rounds)

    started = time.perf_counter()
    from eurasia_game.engine import apply_action, legal_actions, new_game
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.paths import base_rules_dir
    from eurasia_game.session.autoplay import play_game

    import_ms = (time.perf_counter() - started) * 1000

    folder = base_rules_dir()
    loads = []
    for _ in range(5):
        t = time.perf_counter()
        result = load_rules(folder)
        loads.append((time.perf_counter() - t) * 1000)
    if result.rules is None or result.errors:
        print("the base rules do not load:", *result.problems, sep="\n", file=sys.stderr)
        return 1
    rules = result.rules
    scenario = rules.game.default_scenario

    def random_game(seed: int, game_rules=rules) -> tuple[int, int]:
        chooser = random.Random(seed)
        state = new_game(game_rules, scenario, seed)
        start = state.year
        actions = 0
        while not state.over:
            legal = legal_actions(game_rules, state)
            state = apply_action(game_rules, state, legal[chooser.randrange(len(legal))]).state
            actions += 1
        return actions, state.year - start + 1

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for seed in range(300):
            random_game(seed)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        return 0

    random_game(0)  # warm up caches (cached properties of the rules)
    games = actions = years = 0
    t = time.process_time()
    while time.process_time() - t < args.seconds:
        a, y = random_game(games)
        games += 1
        actions += a
        years += y
    engine_elapsed = time.process_time() - t

    # The same with the sudden endings taken out, so every game lasts all its
    # years: the figure does not depend on how soon random play ends a game.
    from eurasia_game.model.ruleset import RuleSet

    lasting_data = {name: getattr(rules, name) for name in RuleSet.model_fields}
    lasting_data["scenarios"] = tuple(
        s.model_copy(update={"endings": [e for e in s.endings if rules.ending[e].check == "final"]}) for s in rules.scenarios
    )
    full_rules = RuleSet(**lasting_data)
    full_games = 0
    t = time.process_time()
    while time.process_time() - t < args.seconds:
        random_game(full_games, full_rules)
        full_games += 1
    full_elapsed = time.process_time() - t

    players = {side: "random" for side in rules.side_ids}
    session_games = 0
    t = time.process_time()
    while time.process_time() - t < args.seconds:
        play_game(rules, scenario, session_games, players)
        session_games += 1
    session_elapsed = time.process_time() - t

    print(f"import_ms: {import_ms:.1f}")
    print(f"rules_load_ms: {min(loads):.1f}")
    print(f"rules_load_first_ms: {loads[0]:.1f}")
    print(f"random_games_per_second: {games / engine_elapsed:.1f}")
    print(f"session_games_per_second: {session_games / session_elapsed:.1f}")
    print(f"full_length_games_per_second: {full_games / full_elapsed:.1f}")
    print(f"actions_per_second: {actions / engine_elapsed:.0f}")
    print(f"mean_actions_per_game: {actions / games:.1f}")
    print(f"mean_years_per_game: {years / games:.2f}")
    print(f"scenario: {scenario}")
    print(f"events_in_rules: {len(rules.events)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))  # also works from a checkout without an install
    sys.path.insert(0, str(ROOT / "benchmarks"))
    raise SystemExit(main())
