"""Speed and size of the debrief and the report, as ``metric: value`` lines.

Run from the repository root with the project's Python:

    .venv/bin/python benchmarks/report.py

It plays one full-length game (the full scenario, computer against computer,
until the game lasts every year, or the longest of a few seeds), then
measures, best of several runs (CPU time of this process):

* ``debrief_ms`` - replaying the record and building its debrief (timeline,
  series, turning points);
* ``report_ms`` - rendering HTML, Markdown and CSV from the debrief;
* ``combine_ms`` - a class report of eight such tables;
* ``html_kib``, ``md_kib``, ``csv_kib`` - the report's file sizes;
* ``years``, ``actions`` - the size of the game measured.

Target: the debrief screen and "Save report" feel immediate, so
``debrief_ms + report_ms`` stays under 300 ms for a full game.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best(fn, runs: int = 5) -> tuple[float, object]:
    times, value = [], None
    for _ in range(runs):
        start = time.process_time()
        value = fn()
        times.append(time.process_time() - start)
    return min(times) * 1000, value


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.report.combine import Table, combined_html
    from eurasia_game.report.debrief import build_debrief
    from eurasia_game.report.html import class_report_html
    from eurasia_game.report.markdown import class_report_md
    from eurasia_game.report.table import to_csv
    from eurasia_game.session.autoplay import play_game
    from eurasia_game.session.branches import TRUNK, BranchInfo

    rules = load_rules().rules
    scenario = rules.scenario[rules.game.default_scenario]
    longest = None
    for seed in range(1, 40):
        session = play_game(rules, scenario.id, seed, {s: "normal" for s in rules.side_ids})
        if longest is None or session.state.year > longest.state.year:
            longest = session
        if session.state.year >= scenario.end_year:
            break
    record = longest.record()
    debrief_ms, debrief = best(lambda: build_debrief(rules, record))
    lines = [(BranchInfo(id=TRUNK, name="Original game"), debrief)]

    def render():
        return class_report_html(rules, lines), class_report_md(rules, lines), to_csv(rules, [("", "Original game", debrief)])

    report_ms, (html, md, csv_text) = best(render)
    tables = [Table(f"table {n}", "Original game", debrief) for n in range(8)]
    combine_ms, _ = best(lambda: combined_html(rules, tables), runs=3)
    print(f"years: {len(debrief.points) - 1}")
    print(f"actions: {len(record.actions)}")
    print(f"debrief_ms: {debrief_ms:.1f}")
    print(f"report_ms: {report_ms:.1f}")
    print(f"combine_ms: {combine_ms:.1f}")
    print(f"html_kib: {len(html.encode()) / 1024:.1f}")
    print(f"md_kib: {len(md.encode()) / 1024:.1f}")
    print(f"csv_kib: {len(csv_text.encode()) / 1024:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
