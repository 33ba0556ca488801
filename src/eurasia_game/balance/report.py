"""Writing the lab's figures as a Markdown report and CSV files.

The files depend only on the figures (no date, no timing, no machine), so
the same seed range writes the same bytes.  The report's words come from
``assets/words/balance.json`` in the language chosen; the CSV files keep
English column names and codes (ids, yes/no) for the scripts that read
them, and carry the story checks' targets and items as the report words them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from eurasia_game.balance.stats import wilson
from eurasia_game.lang.catalogue import S

REPORT = "report.md"
CSV_FILES = ("summary.csv", "games.csv", "endings.csv", "tracks.csv", "events.csv", "dilemmas.csv", "economy.csv", "fronts.csv", "orders.csv", "objectives.csv", "story.csv", "story_items.csv")


def _pct(x: float | None) -> str:
    return S("bal_na") if x is None else f"{100 * x:.1f}%"


def _ci(ci) -> str:
    return f"{100 * ci[0]:.1f}–{100 * ci[1]:.1f}%"


def _num(x: float | None, digits: int = 2) -> str:
    return S("bal_na") if x is None else f"{x:.{digits}f}"


def _head(*keys: str, align: str) -> list[str]:
    """A Markdown table's head row (each column's words from the catalogue) and its alignment row."""
    return ["| " + " | ".join(S(k) for k in keys) + " |", "|" + "|".join(align) + "|"]


def markdown(figures: dict, charts: list[str] = ()) -> str:
    f = figures
    lines = []
    add = lines.append
    sep = S("cli_list_sep")
    players = sep.join(S("bal_player", side=f["results"][s]["name"], level=p) for s, p in f["players"].items())
    add("# " + S("bal_title", scenario=f["scenario_name"]))
    add("")
    add(S("bal_rules_line", rules=f["rules"], scenario=f["scenario"], players=players))
    seeds = S("bal_seeds", first=f["seeds"][0], last=f["seeds"][1]) if f["seeds"] else S("bal_no_games")
    add(S("bal_games_line", games=f["games"], seeds=seeds))
    add("")
    story_lines(f, add)
    add("## " + S("bal_results"))
    add("")
    add(S("bal_results_line", decided=f["decided"], games=f["games"], both_lose=f["both_lose"], draws=f["draws"])
        + (S("bal_unfinished", unfinished=f["unfinished"]) if f["unfinished"] else ""))
    add("")
    lines += _head("bal_col_side", "bal_col_wins", "bal_col_draws", "bal_col_losses", "bal_col_win_rate", "bal_col_ci", "bal_col_decided_share", "bal_col_ci",
                   align=("---", "---:", "---:", "---:", "---:", "---", "---:", "---"))
    for side, r in f["results"].items():
        add(f"| {r['name']} | {r['win']} | {r['draw']} | {r['lose']} | {_pct(r['win_rate'])} | {_ci(r['win_ci'])} | {_pct(r['decided_rate'])} | {_ci(r['decided_ci'])} |")
    add("")
    add("## " + S("bal_endings"))
    add("")
    add(S("bal_sudden_line", count=f["sudden"]["count"], games=f["games"], share=_pct(f["sudden"]["share"]), ci=_ci(f["sudden"]["ci"])))
    add("")
    lines += _head("bal_col_ending", "bal_col_kind", "bal_col_games", "bal_col_share", "bal_col_ci", align=("---", "---", "---:", "---:", "---"))
    for e in f["endings"]:
        add(f"| {e['name']} (`{e['id']}`) | {_kind(e['check'])} | {e['count']} | {_pct(e['share'])} | {_ci(e['ci'])} |")
    add("")
    if "endings.png" in charts:
        add(f"![{S('bal_endings')}](endings.png)")
        add("")
    objective_lines(f, add)
    add("## " + S("bal_length"))
    length = f["length"]
    add("")
    add(S("bal_length_line", mean=f"{length['mean_years']:.2f}", full=length["full_years"], shortest=length["min_years"], longest=length["max_years"],
          steps=f"{length['mean_steps']:.1f}"))
    add("")
    early = f.get("early")
    if early:
        low, high = early["ci"]
        add(S("bal_early_line", before=early["before"], count=early["count"], share=f"{100 * early['share']:.1f}",
              low=f"{100 * low:.1f}", high=f"{100 * high:.1f}", armed=early["armed_from"]))
        add("")
    add("## " + S("bal_trajectories"))
    add("")
    add(S("bal_trajectories_intro"))
    add("")
    tracks = f["trajectories"]
    years = sorted({p["year"] for t in tracks.values() for p in t["points"]})
    add(f"| {S('bal_col_year')} | {S('bal_col_games')} | " + " | ".join(t["name"] for t in tracks.values()) + " |")
    add("|---|---:|" + "---:|" * len(tracks))
    for year in years:
        cells = []
        games = 0
        for t in tracks.values():
            point = next((p for p in t["points"] if p["year"] == year), None)
            cells.append(_num(point["mean"]) if point else "")
            games = max(games, point["games"] if point else 0)
        label = S("bal_start") if year == f["start_year"] - 1 else str(year)
        add(f"| {label} | {games} | " + " | ".join(cells) + " |")
    add("")
    if "trajectories.png" in charts:
        add(f"![{S('bal_trajectories')}](trajectories.png)")
        add("")
    add("## " + S("bal_events"))
    add("")
    add(S("bal_events_intro"))
    add("")
    lines += _head("bal_col_event", "bal_col_games", "bal_col_share", "bal_col_times", align=("---", "---:", "---:", "---:"))
    for e in f["events"]:
        add(f"| {e['title']} (`{e['id']}`) | {e['games']} | {_pct(e['share'])} | {_num(e['mean'])} |")
    if f["events_never"]:
        add("")
        add(S("bal_never_fired", cards=sep.join(f"`{c}`" for c in f["events_never"])))
    add("")
    add("## " + S("bal_dilemmas"))
    add("")
    add(S("bal_dilemmas_intro"))
    add("")
    if not f["dilemmas"]:
        add(S("bal_no_dilemma"))
        add("")
    for d in f["dilemmas"]:
        add("### " + S("bal_dilemma_heading", title=d["title"], id=d["id"], side=d["side_name"], count=d["answered"]))
        add("")
        lines += _head("bal_col_option", "bal_col_chosen", "bal_col_share", "bal_col_chooser_win", "bal_col_score_chosen", "bal_col_score_otherwise", "bal_col_r",
                       align=("---", "---:", "---:", "---:", "---:", "---:", "---:"))
        for o in d["options"]:
            add(f"| {o['label']} (`{o['id']}`) | {o['count']} | {_pct(o['share'])} | {_pct(o['win_rate'])} | {_num(o['score'])} | {_num(o['score_other'])} | {_num(o['r'])} |")
        add("")
    return "\n".join(lines).rstrip() + "\n"


def objective_lines(f: dict, add) -> None:
    """The section on each side's objectives at the end of the games that ran to a final ending."""
    rows = f.get("objectives") or []
    if not rows:
        return
    add("## " + S("bal_objectives"))
    add("")
    if not f.get("final_games"):
        add(S("bal_no_final"))
        add("")
        return
    add(S("bal_objectives_intro", games=f["final_games"], total=f["games"]))
    add("")
    add(f"| {S('bal_col_side')} | {S('bal_col_objective')} | {S('bal_col_met')} | {S('bal_col_share')} |")
    add("|---|---|---:|---:|")
    names = {side: r["name"] for side, r in f["results"].items()}
    for r in rows:
        add(f"| {names.get(r['side'], r['side'])} | {r['name']} (`{r['objective']}`) | {r['met']} | {_pct(r['share'])} |")
    for side, share in f.get("objectives_needed", {}).items():
        add(f"| {names.get(side, side)} | {S('bal_objectives_needed')} |  | {_pct(share)} |")
    add("")


def _kind(check: str) -> str:
    """An ending's kind ('sudden', 'final') in words."""
    return S("bal_kind_sudden") if check == "sudden" else S("bal_kind_final") if check == "final" else check


def _holds(v: dict) -> str:
    """A story check's verdict in words (story.csv keeps yes/no/n/a for scripts)."""
    return S("bal_na") if v["holds"] is None else S("bal_holds_yes") if v["holds"] else S("bal_holds_no")


def _value(v: dict) -> str:
    if v["value"] is None:
        return S("bal_na")
    unit = "%" if v["target"].endswith("%") else ""
    return f"{v['value']:.2f}{unit}"


def _miss(value: float, v: dict) -> float:
    """Sort key: the item furthest outside the check's bounds first."""
    lo, hi = v.get("min"), v.get("max")
    return -max((lo - value) if lo is not None else 0.0, (value - hi) if hi is not None else 0.0)


def share_interval(v: dict, label: str, value: float) -> tuple[float, float, int] | None:
    """The 95% interval (in percent) of a share item, and what it was counted over; None for other items."""
    n = (v.get("samples") or {}).get(label)
    if not n:
        return None
    low, high = wilson(round(value * n / 100), n)
    return 100 * low, 100 * high, n


def _missed_item(v: dict, label: str, value: float, unit: str) -> str:
    """A failing item in words; a share also gives its interval, and says when the target lies inside it."""
    interval = share_interval(v, label, value)
    if interval is None:
        return S("bal_story_item", label=label, value=f"{value:.2f}{unit}")
    low, high, n = interval
    bounds = [b for b in (v.get("min"), v.get("max")) if b is not None]
    key = "bal_story_item_chance" if any(low <= b <= high for b in bounds) else "bal_story_item_share"
    return S(key, label=label, value=f"{value:.2f}{unit}", low=f"{low:.1f}%", high=f"{high:.1f}%", count=n)


def story_lines(f: dict, add) -> None:
    """The "Story checks" section: every check that applies to this run, and the ones skipped."""
    checks = f.get("story") or []
    if not checks:
        return
    judged = [v for v in checks if v["applies"]]
    skipped = [v for v in checks if not v["applies"]]
    held = sum(1 for v in judged if v["holds"] is True)
    failed = sum(1 for v in judged if v["holds"] is False)
    unjudged = len(judged) - held - failed
    add("## " + S("bal_story"))
    add("")
    add(S("bal_story_intro", held=held, failed=failed, judged=len(judged), unjudged=S("bal_story_unjudged", count=unjudged) if unjudged else ""))
    add("")
    if judged:
        add("| " + " | ".join(S(k) for k in ("bal_col_check", "bal_col_statement", "bal_col_value", "bal_col_where", "bal_col_target", "bal_col_holds")) + " |")
        add("|---|---|---:|---|---|---|")
        for v in judged:
            where = v["worst"] or v["reason"]
            add(f"| `{v['id']}` | {v['text']} | {_value(v)} | {where} | {v['target']} | {_holds(v)} |")
        add("")
    failing = [v for v in judged if v["holds"] is False]
    if failing:
        add(S("bal_story_failing"))
        add("")
        for v in failing:
            values = dict((label, value) for label, value in v["items"])
            unit = "%" if v["target"].endswith("%") else ""
            ranked = sorted(v["outside"], key=lambda label: _miss(values[label], v))
            shown = S("cli_list_sep").join(_missed_item(v, label, values[label], unit) for label in ranked[:12])
            more = S("bal_story_more", count=len(ranked) - 12) if len(ranked) > 12 else ""
            add("- " + S("bal_story_miss", id=f"`{v['id']}`", target=v["target"], items=shown, more=more))
        add("")
    if skipped:
        add(S("bal_story_skipped", checks=S("bal_list_sep").join(S("bal_story_skipped_item", id=f"`{v['id']}`", reason=v["reason"]) for v in skipped)))
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
    objectives = [["side", "objective", "met", "games", "share"]] + [[r["side"], r["objective"], r["met"], r["games"], r["share"]] for r in f.get("objectives", ())]
    summary += [[f"{side}_objectives_needed_share", share] for side, share in f.get("objectives_needed", {}).items()]
    story_items = [["check", "item", "value", "holds", "out_of", "ci_low", "ci_high"]]
    for v in f.get("story", ()):
        if v["applies"]:
            for label, value in v["items"]:
                interval = share_interval(v, label, value) or (None, None, None)
                story_items.append([v["id"], label, float(value), "no" if label in v["outside"] else "yes", interval[2], interval[0], interval[1]])
    story = [["check", "value", "target", "holds"]] + [[v["id"], v["value"], v["target"], v["holds_text"]] for v in f.get("story", ()) if v["applies"]]
    return {
        "summary.csv": _csv(summary), "games.csv": _csv(game_rows), "endings.csv": _csv(endings), "tracks.csv": _csv(tracks),
        "events.csv": _csv(events), "dilemmas.csv": _csv(dilemmas),
        "economy.csv": _csv(economy), "fronts.csv": _csv(fronts), "orders.csv": _csv(orders), "objectives.csv": _csv(objectives), "story.csv": _csv(story), "story_items.csv": _csv(story_items),
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
