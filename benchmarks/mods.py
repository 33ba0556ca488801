"""Speed of loading mods, as ``metric: value`` lines.

Run from the repository root with the project's Python:

    .venv/bin/python benchmarks/mods.py

Figures (wall-clock, best of several runs so the disk cache does not count):

* ``base_load_ms`` - loading and checking the base rules alone;
* ``base_plus_examples_load_ms`` - the base rules plus the three example
  mods in mods/ (manifests, load order, merge and the full check);
* ``discover_examples_ms`` - listing mods/ as a mods folder with the check
  status of each mod (what the new-game screen does);
* ``reload_diff_ms`` - reloading base plus examples and diffing against the
  rules already loaded (what the reload key does before replaying);
* ``rules_diff_ms`` - the diff alone.

Target: the new-game screen's mod list and a reload each under 500 ms.
"""

from __future__ import annotations

import time
from pathlib import Path

from eurasia_game.loading.loader import load_rules
from eurasia_game.mods import discover_mods, rules_diff

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (REPO / "mods").iterdir() if (p / "mod.yaml").is_file())


def best_ms(work, runs: int = 7) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    base = load_rules().rules
    modded = load_rules(mods=EXAMPLES).rules
    print(f"base_load_ms: {best_ms(lambda: load_rules()):.1f}")
    print(f"base_plus_examples_load_ms: {best_ms(lambda: load_rules(mods=EXAMPLES)):.1f}")
    print(f"discover_examples_ms: {best_ms(lambda: discover_mods(REPO / 'mods'), runs=3):.1f}")
    print(f"reload_diff_ms: {best_ms(lambda: rules_diff(base, load_rules(mods=EXAMPLES).rules)):.1f}")
    print(f"rules_diff_ms: {best_ms(lambda: rules_diff(base, modded)):.2f}")
    print(f"example_mods: {len(EXAMPLES)}")


if __name__ == "__main__":
    main()
