"""Counts of the last mutation run per module: mutants, killed, survived, other.

    .venv/bin/python scripts/mutation_summary.py [engine|session|loading|all]

With ``MUTATION_SAMPLE`` set, only the sampled mutants are counted.
Reads ``mutmut results --all true`` (one ``name: status`` line per mutant)
and prints a Markdown table for docs/mutation.md (a timeout counts as caught;
mutants not yet checked are left out of the percentage), then the names of
the survivors, so each can be explained there or killed by a new test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

PARTS = {
    "engine": ("eurasia_game.engine.",),
    "session": ("eurasia_game.session.record.", "eurasia_game.session.saves."),
    "loading": ("eurasia_game.loading.checker.", "eurasia_game.loading.merge.", "eurasia_game.loading.refs."),
}


def module_of(name: str) -> str:
    """``eurasia_game.engine.flow.x_advance__mutmut_3`` -> ``engine/flow.py``."""
    dotted = name.split("__mutmut_")[0].rsplit(".", 1)[0]
    return dotted.removeprefix("eurasia_game.").replace(".", "/") + ".py"


def main(part: str = "all") -> int:
    mutmut = Path(sys.executable).with_name("mutmut")
    out = subprocess.run([str(mutmut), "results", "--all", "true"], capture_output=True, text=True, check=True).stdout
    prefixes = PARTS.get(part, tuple(p for ps in PARTS.values() for p in ps))
    sample = os.environ.get("MUTATION_SAMPLE", "")  # the same digits as scripts/mutation.sh was given
    counts: dict[str, Counter] = defaultdict(Counter)
    survivors = []
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if "__mutmut_" not in name or not name.startswith(prefixes):
            continue
        if sample and not re.search(f"[{sample}]$", name):
            continue
        counts[module_of(name)][status] += 1
        if status not in ("killed", "not checked"):
            survivors.append(f"{status}: {name}")
    total = Counter()
    print("| module | mutants | checked | killed | timeout | survived | no tests | killed % of checked |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for module in sorted(counts):
        c = counts[module]
        total += c
        print(row(module, c))
    print(row("**all**", total))
    print()
    print("\n".join(survivors))
    return 0


def row(label: str, c: Counter) -> str:
    """A timeout counts as caught (the mutant made a game loop forever); "not checked" is left out."""
    n = sum(c.values())
    checked = n - c["not checked"]
    caught = c["killed"] + c["timeout"]
    percent = 100 * caught / checked if checked else 0.0
    return (
        f"| {label} | {n} | {checked} | {c['killed']} | {c['timeout']} | {c['survived']} | {c['no tests']} | {percent:.1f} |"
    )


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
