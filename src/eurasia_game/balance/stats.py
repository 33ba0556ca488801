"""Turning a list of game summaries into the lab's figures.

Everything here is a pure function of the rules and the summaries, sorted by
seed, so the same games always give the same figures (no clock, no machine
details); the words among them (the story checks' targets and reasons) are
in the language chosen.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from eurasia_game.lang.catalogue import S as W

Z95 = 1.959963984540054
SCORE = {"win": 1.0, "draw": 0.5, "lose": 0.0}


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score 95% interval for a proportion k/n (0..1)."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def correlation(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r (for a 0/1 ``xs``, the point-biserial correlation); None if undefined."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.sqrt(sxx * syy)


def _rules_label(rules) -> str:
    """'Eurasia Game 1.0', and the mods merged in, in load order."""
    label = f"{rules.game.name} {rules.game.version}"
    mods = getattr(rules, "mods", ()) or ()
    return W("bal_rules_with_mods", rules=label, mods=W("cli_list_sep").join(f"{m.id} {m.version}" for m in mods)) if mods else label


def summarise(rules, scenario: str, players: dict, games: list[dict]) -> dict:
    """All the figures of a balance report, as plain data."""
    sides = list(rules.side_ids)
    n = len(games)
    sc = rules.scenario[scenario]
    out: dict = {
        "scenario": scenario,
        "scenario_name": sc.name,
        "rules": _rules_label(rules),
        "players": dict(players),
        "games": n,
        "seeds": [games[0]["seed"], games[-1]["seed"]] if games else [],
    }
    # --- results ----------------------------------------------------------------
    decided = [g for g in games if sorted(g["results"].values()) == ["lose", "win"]]
    results = {}
    for side in sides:
        counts = Counter(g["results"].get(side, "unfinished") for g in games)
        wins = counts["win"]
        dec_wins = sum(1 for g in decided if g["results"][side] == "win")
        results[side] = {
            "name": rules.side[side].name,
            "win": wins,
            "draw": counts["draw"],
            "lose": counts["lose"],
            "win_rate": wins / n if n else 0.0,
            "win_ci": wilson(wins, n),
            "decided_wins": dec_wins,
            "decided_rate": dec_wins / len(decided) if decided else 0.0,
            "decided_ci": wilson(dec_wins, len(decided)),
        }
    out["results"] = results
    out["decided"] = len(decided)
    out["both_lose"] = sum(1 for g in games if g["results"] and all(r == "lose" for r in g["results"].values()))
    out["draws"] = sum(1 for g in games if g["results"] and all(r == "draw" for r in g["results"].values()))
    out["unfinished"] = sum(1 for g in games if not g["ending"])
    # --- endings ----------------------------------------------------------------
    counts = Counter(g["ending"] for g in games)
    endings = []
    for ending_id in sc.endings:
        ending = rules.ending[ending_id]
        k = counts.get(ending_id, 0)
        endings.append({"id": ending_id, "name": ending.name, "check": ending.check, "count": k, "share": k / n if n else 0.0, "ci": wilson(k, n)})
    out["endings"] = endings
    sudden = sum(e["count"] for e in endings if e["check"] == "sudden")
    out["sudden"] = {"count": sudden, "share": sudden / n if n else 0.0, "ci": wilson(sudden, n)}
    # Games over before the scenario's midpoint leave a class little to debrief.
    early = sum(1 for g in games if g["ending"] and g["last_year"] < sc.midpoint)
    out["early"] = {"before": sc.midpoint, "armed_from": sc.armed_year, "count": early, "share": early / n if n else 0.0, "ci": wilson(early, n)}
    # --- length -----------------------------------------------------------------
    years = [g["years"] for g in games]
    out["length"] = {
        "mean_years": sum(years) / n if n else 0.0,
        "min_years": min(years) if years else 0,
        "max_years": max(years) if years else 0,
        "full_years": sc.end_year - sc.start_year + 1,
        "mean_steps": sum(g["steps"] for g in games) / n if n else 0.0,
    }
    # --- trajectories -------------------------------------------------------------
    by_year: dict = defaultdict(lambda: defaultdict(list))
    for g in games:
        for year, tracks in g["trajectory"]:
            for track, value in tracks.items():
                by_year[track][year].append(value)
    trajectories = {}
    for track in rules.track_ids:
        rows = []
        for year in sorted(by_year[track]):
            values = by_year[track][year]
            rows.append({"year": year, "mean": sum(values) / len(values), "games": len(values)})
        trajectories[track] = {"name": rules.track[track].name, "min": rules.track[track].min, "max": rules.track[track].max, "points": rows}
    out["trajectories"] = trajectories
    out["start_year"] = sc.start_year
    # --- events -------------------------------------------------------------------
    fired_in = Counter()
    fired_total = Counter()
    for g in games:
        fired_total.update(g["fired"])
        fired_in.update(set(g["fired"]))
    events = []
    for card in rules.events:
        if fired_total.get(card.id, 0) or card.id in fired_in:
            events.append({"id": card.id, "title": card.title, "games": fired_in[card.id], "share": fired_in[card.id] / n if n else 0.0, "mean": fired_total[card.id] / n if n else 0.0})
    events.sort(key=lambda e: (-e["games"], e["id"]))
    out["events"] = events
    out["events_never"] = [c.id for c in rules.events if c.id not in fired_in and (c.in_deck)]
    # --- dilemmas -----------------------------------------------------------------
    answers: dict = defaultdict(list)  # card -> [(option, side, score)]
    for g in games:
        for card, option, side in g["choices"]:
            answers[card].append((option, side, SCORE.get(g["results"].get(side, ""), 0.5), g["results"].get(side, "")))
    dilemmas = []
    for card in rules.events:
        if card.dilemma is None or card.id not in answers:
            continue
        rows = answers[card.id]
        options = []
        for opt in card.dilemma.options:
            chosen = [r for r in rows if r[0] == opt.id]
            others = [r for r in rows if r[0] != opt.id]
            xs = [1.0 if r[0] == opt.id else 0.0 for r in rows]
            ys = [r[2] for r in rows]
            options.append(
                {
                    "id": opt.id,
                    "label": opt.label,
                    "count": len(chosen),
                    "share": len(chosen) / len(rows),
                    "win_rate": sum(1 for r in chosen if r[3] == "win") / len(chosen) if chosen else None,
                    "score": sum(r[2] for r in chosen) / len(chosen) if chosen else None,
                    "score_other": sum(r[2] for r in others) / len(others) if others else None,
                    "r": correlation(xs, ys),
                }
            )
        dilemmas.append({"id": card.id, "title": card.title, "side": card.dilemma.side, "side_name": rules.side[card.dilemma.side].name, "answered": len(rows), "options": options})
    out["dilemmas"] = dilemmas
    # --- economy, fronts, orders and the story checks ----------------------------
    from dataclasses import asdict

    from eurasia_game.balance import story, tables

    out["economy"] = tables.economy(rules, games)
    out["fronts"] = tables.fronts(rules, games)
    out["orders"] = tables.orders(rules, games)
    out["objectives"] = tables.objectives(rules, games)
    out["objectives_needed"] = tables.objectives_needed(rules, games)
    out["final_games"] = len(tables.final_games(rules, games))
    out["story"] = [asdict(v) | {"holds_text": v.holds_text} for v in story.evaluate(rules, scenario, players, games)]
    return out
