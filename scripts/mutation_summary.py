"""Counts of the last mutation run per module: mutants, killed, survived, other.

    .venv/bin/python scripts/mutation_summary.py [engine|session|loading|all]

Reads ``mutmut results --all true`` (one ``name: status`` line per mutant)
and prints a Markdown table for docs/mutation.md, then the names of the
survivors, so each can be explained there or killed by a new test.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

PARTS = {
    "engine": ("eurasia_game.engine.",),
    "session": ("eurasia_game.session.record.", "eurasia_game.session.saves."),
    "loading": ("eurasia_game.loading.checker.", "eurasia_game.loading.merge."),
}


def module_of(name: str) -> str:
    """``eurasia_game.engine.flow.x_advance__mutmut_3`` -> ``engine/flow.py``."""
    dotted = name.split("__mutmut_")[0].rsplit(".", 1)[0]
    return dotted.removeprefix("eurasia_game.").replace(".", "/") + ".py"


def main(part: str = "all") -> int:
    mutmut = Path(sys.executable).with_name("mutmut")
    out = subprocess.run([str(mutmut), "results", "--all", "true"], capture_output=True, text=True, check=True).stdout
    prefixes = PARTS.get(part, tuple(p for ps in PARTS.values() for p in ps))
    counts: dict[str, Counter] = defaultdict(Counter)
    survivors = []
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if "__mutmut_" not in name or not name.startswith(prefixes):
            continue
        counts[module_of(name)][status] += 1
        if status != "killed":
            survivors.append(f"{status}: {name}")
    total = Counter()
    print("| module | mutants | killed | survived | other | killed % |")
    print("|---|---:|---:|---:|---:|---:|")
    for module in sorted(counts):
        c = counts[module]
        total += c
        print(row(module, c))
    print(row("**all**", total))
    print()
    print("\n".join(survivors))
    return 0


def row(label: str, c: Counter) -> str:
    n = sum(c.values())
    other = n - c["killed"] - c["survived"]
    percent = 100 * c["killed"] / n if n else 0.0
    return f"| {label} | {n} | {c['killed']} | {c['survived']} | {other} | {percent:.1f} |"


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
