"""Writing the lab's figures as a Markdown report and CSV files.

The files depend only on the figures (no date, no timing, no machine), so
the same seed range writes the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

REPORT = "report.md"
CSV_FILES = ("summary.csv", "games.csv", "endings.csv", "tracks.csv", "events.csv", "dilemmas.csv", "economy.csv", "fronts.csv", "orders.csv", "story.csv", "story_items.csv")


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _ci(ci) -> str:
    return f"{100 * ci[0]:.1f}–{100 * ci[1]:.1f}%"


def _num(x: float | None, digits: int = 2) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def markdown(figures: dict, charts: list[str] = ()) -> str:
    f = figures
    lines = []
    add = lines.append
    players = ", ".join(f"{f['results'][s]['name']}: {p}" for s, p in f["players"].items())
    add(f"# Balance report: {f['scenario_name']}")
    add("")
    add(f"Rules: {f['rules']}. Scenario `{f['scenario']}`. Players: {players}.")
    seeds = f"seeds {f['seeds'][0]}–{f['seeds'][1]}" if f["seeds"] else "no games"
    add(f"{f['games']} games, {seeds}. The same seeds give the same report.")
    add("")
    story_lines(f, add)
    add("## Results")
    add("")
    add(f"Decided games (one side wins, the other loses): {f['decided']} of {f['games']}. "
        f"Both sides lost: {f['both_lose']}. Drawn: {f['draws']}." + (f" Unfinished: {f['unfinished']}." if f["unfinished"] else ""))
    add("")
    add("| Side | Wins | Draws | Losses | Win rate (all games) | 95% CI | Share of decided games | 95% CI |")
    add("|---|---:|---:|---:|---:|---|---:|---|")
    for side, r in f["results"].items():
        add(f"| {r['name']} | {r['win']} | {r['draw']} | {r['lose']} | {_pct(r['win_rate'])} | {_ci(r['win_ci'])} | {_pct(r['decided_rate'])} | {_ci(r['decided_ci'])} |")
    add("")
    add("## Endings")
    add("")
    add(f"Sudden deaths: {f['sudden']['count']} of {f['games']} games ({_pct(f['sudden']['share'])}, 95% CI {_ci(f['sudden']['ci'])}).")
    add("")
    add("| Ending | Kind | Games | Share | 95% CI |")
    add("|---|---|---:|---:|---|")
    for e in f["endings"]:
        add(f"| {e['name']} (`{e['id']}`) | {e['check']} | {e['count']} | {_pct(e['share'])} | {_ci(e['ci'])} |")
    add("")
    if "endings.png" in charts:
        add("![Endings](endings.png)")
        add("")
    add("## Length")
    length = f["length"]
    add("")
    add(f"Average length: {length['mean_years']:.2f} of {length['full_years']} years (shortest {length['min_years']}, longest {length['max_years']}); "
        f"{length['mean_steps']:.1f} player actions a game on average.")
    add("")
    early = f.get("early")
    if early:
        low, high = early["ci"]
        add(f"Ended before the midpoint ({early['before']}): {early['count']} games, {100 * early['share']:.1f}% "
            f"(95% interval {100 * low:.1f}-{100 * high:.1f}%); sudden endings and tipping points are armed from {early['armed_from']}.")
        add("")
    add("## Track trajectories")
    add("")
    add("Average of each shared track at the end of each year, over the games still running that year (the first row is the start).")
    add("")
    tracks = f["trajectories"]
    years = sorted({p["year"] for t in tracks.values() for p in t["points"]})
    add("| Year | Games | " + " | ".join(t["name"] for t in tracks.values()) + " |")
    add("|---|---:|" + "---:|" * len(tracks))
    for year in years:
        cells = []
        games = 0
        for t in tracks.values():
            point = next((p for p in t["points"] if p["year"] == year), None)
            cells.append(_num(point["mean"]) if point else "")
            games = max(games, point["games"] if point else 0)
        label = "start" if year == f["start_year"] - 1 else str(year)
        add(f"| {label} | {games} | " + " | ".join(cells) + " |")
    add("")
    if "trajectories.png" in charts:
        add("![Track trajectories](trajectories.png)")
        add("")
    add("## Events")
    add("")
    add("How often each event fired: the share of games in which it fired, and how many times a game on average.")
    add("")
    add("| Event | Games | Share | Times a game |")
    add("|---|---:|---:|---:|")
    for e in f["events"]:
        add(f"| {e['title']} (`{e['id']}`) | {e['games']} | {_pct(e['share'])} | {_num(e['mean'])} |")
    if f["events_never"]:
        add("")
        add("Never fired: " + ", ".join(f"`{c}`" for c in f["events_never"]) + ".")
    add("")
    add("## Dilemmas")
    add("")
    add("How often each option was chosen, and how the choice goes with the chooser's result "
        "(score: win 1, draw 0.5, loss 0; r is the correlation between choosing the option and the score).")
    add("")
    if not f["dilemmas"]:
        add("No dilemma was answered in these games.")
        add("")
    for d in f["dilemmas"]:
        add(f"### {d['title']} (`{d['id']}`), chosen by {d['side_name']}: answered {d['answered']} times")
        add("")
        add("| Option | Chosen | Share | Chooser's win rate | Score when chosen | Score otherwise | r |")
        add("|---|---:|---:|---:|---:|---:|---:|")
        for o in d["options"]:
            add(f"| {o['label']} (`{o['id']}`) | {o['count']} | {_pct(o['share'])} | {_pct(o['win_rate'])} | {_num(o['score'])} | {_num(o['score_other'])} | {_num(o['r'])} |")
        add("")
    return "\n".join(lines).rstrip() + "\n"


def _value(v: dict) -> str:
    if v["value"] is None:
        return "n/a"
    unit = "%" if v["target"].endswith("%") else ""
    return f"{v['value']:.2f}{unit}"


def _miss(value: float, v: dict) -> float:
    """Sort key: the item furthest outside the check's bounds first."""
    lo, hi = v.get("min"), v.get("max")
    return -max((lo - value) if lo is not None else 0.0, (value - hi) if hi is not None else 0.0)


def story_lines(f: dict, add) -> None:
    """The "Story checks" section: every check that applies to this run, and the ones skipped."""
    checks = f.get("story") or []
    if not checks:
        return
    judged = [v for v in checks if v["applies"]]
    skipped = [v for v in checks if not v["applies"]]
    held = sum(1 for v in judged if v["holds"] is True)
    failed = sum(1 for v in judged if v["holds"] is False)
    add("## Story checks")
    add("")
    add(f"What the rules say the model must show over many games (`story` in the rule files), judged on this run: "
        f"{held} hold, {failed} fail" + (f", {len(judged) - held - failed} cannot be judged" if len(judged) - held - failed else "")
        + f" of {len(judged)}. Shares are in percent. The value is the item that decides: the lowest against a minimum, the highest against a maximum.")
    add("")
    if judged:
        add("| Check | Statement | Value | Where | Target | Holds |")
        add("|---|---|---:|---|---|---|")
        for v in judged:
            where = v["worst"] or v["reason"]
            add(f"| `{v['id']}` | {v['text']} | {_value(v)} | {where} | {v['target']} | {v['holds_text']} |")
        add("")
    failing = [v for v in judged if v["holds"] is False]
    if failing:
        add("Where the failing checks miss (every item outside its bounds, worst first; all items are in `story_items.csv`):")
        add("")
        for v in failing:
            values = dict((label, value) for label, value in v["items"])
            unit = "%" if v["target"].endswith("%") else ""
            ranked = sorted(v["outside"], key=lambda label: _miss(values[label], v))
            shown = ", ".join(f"{label} {values[label]:.2f}{unit}" for label in ranked[:12])
            more = f" and {len(ranked) - 12} more" if len(ranked) > 12 else ""
            add(f"- `{v['id']}` ({v['target']}): {shown}{more}.")
        add("")
    if skipped:
        add("Not judged in this run: " + "; ".join(f"`{v['id']}` ({v['reason']})" for v in skipped) + ".")
        add("")


def _csv(rows: list[list]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if v is None else (f"{v:.6f}" if isinstance(v, float) else v) for v in row])
    return buf.getvalue()


def csv_files(figures: dict, games: list[dict]) -> dict[str, str]:
    f = figures
    sides = list(f["results"])
    summary = [["metric", "value"], ["scenario", f["scenario"]], ["games", f["games"]], ["decided", f["decided"]], ["both_lose", f["both_lose"]], ["draws", f["draws"]]]
    for side, r in f["results"].items():
        summary += [[f"{side}_win_rate", r["win_rate"]], [f"{side}_win_ci_low", r["win_ci"][0]], [f"{side}_win_ci_high", r["win_ci"][1]],
                    [f"{side}_decided_rate", r["decided_rate"]], [f"{side}_decided_ci_low", r["decided_ci"][0]], [f"{side}_decided_ci_high", r["decided_ci"][1]]]
    summary += [["early_share", f["early"]["share"]], ["sudden_share", f["sudden"]["share"]], ["mean_years", f["length"]["mean_years"]], ["mean_steps", f["length"]["mean_steps"]]]
    game_rows = [["seed", "ending", *[f"{s}_result" for s in sides], "years", "last_year", "steps", "events_fired"]]
    for g in games:
        game_rows.append([g["seed"], g["ending"], *[g["results"].get(s, "") for s in sides], g["years"], g["last_year"], g["steps"], " ".join(g["fired"])])
    endings = [["ending", "kind", "games", "share", "ci_low", "ci_high"]] + [[e["id"], e["check"], e["count"], e["share"], e["ci"][0], e["ci"][1]] for e in f["endings"]]
    tracks = [["track", "year", "mean", "games"]]
    for track, t in f["trajectories"].items():
        tracks += [[track, p["year"], p["mean"], p["games"]] for p in t["points"]]
    events = [["event", "games", "share", "times_per_game"]] + [[e["id"], e["games"], e["share"], e["mean"]] for e in f["events"]]
    dilemmas = [["event", "side", "option", "chosen", "share", "chooser_win_rate", "score_when_chosen", "score_otherwise", "r"]]
    for d in f["dilemmas"]:
        dilemmas += [[d["id"], d["side"], o["id"], o["count"], o["share"], o["win_rate"], o["score"], o["score_other"], o["r"]] for o in d["options"]]
    economy = [["side", "year", "mean_income", "mean_power"]] + [[r["side"], r["year"], float(r["mean_income"]), float(r["mean_power"])] for r in f.get("economy", ())]
    fronts = [["front", "side", "year", "mean_standing", "share_at_max"]] + [[r["front"], r["side"], r["year"], float(r["mean_standing"]), float(r["share_at_max"])] for r in f.get("fronts", ())]
    orders = [["side", "action", "count", "share"]] + [[r["side"], r["action"], r["count"], float(r["share"])] for r in f.get("orders", ())]
    story_items = [["check", "item", "value", "holds"]]
    for v in f.get("story", ()):
        if v["applies"]:
            story_items += [[v["id"], label, float(value), "no" if label in v["outside"] else "yes"] for label, value in v["items"]]
    story = [["check", "value", "target", "holds"]] + [[v["id"], v["value"], v["target"], v["holds_text"]] for v in f.get("story", ()) if v["applies"]]
    return {
        "summary.csv": _csv(summary), "games.csv": _csv(game_rows), "endings.csv": _csv(endings), "tracks.csv": _csv(tracks),
        "events.csv": _csv(events), "dilemmas.csv": _csv(dilemmas),
        "economy.csv": _csv(economy), "fronts.csv": _csv(fronts), "orders.csv": _csv(orders), "story.csv": _csv(story), "story_items.csv": _csv(story_items),
    }


def write_report(out_dir: Path, figures: dict, games: list[dict], draw_charts: Callable[[Path, dict], list[str]] | None = None) -> list[Path]:
    """Write the report, the CSV files and the charts; return the paths written.

    ``draw_charts(out_dir, figures)`` draws the charts and returns their file
    names; the front end supplies it (the lab itself draws nothing), and
    without it the report has no charts.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    drawn: list[str] = []
    if draw_charts is not None:
        drawn = draw_charts(out_dir, figures)
        written += [out_dir / name for name in drawn]
    for name, text in csv_files(figures, games).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    path = out_dir / REPORT
    path.write_text(markdown(figures, drawn), encoding="utf-8")
    written.append(path)
    return written
