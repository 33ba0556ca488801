"""The economy, the fronts and the orders of a batch of games, year by year.

Each game summary (``games.play``) carries, for every year it played, the
income each side received, the power each side had left and every front's
standings at the end of the year, and every order carried out.  Here they
become the rows of ``economy.csv``, ``fronts.csv`` and ``orders.csv`` and the
series the story checks judge; the objectives each side met at the end
become ``objectives.csv``.  Pure functions of the rules and the
summaries: the same games give the same tables.
"""

from __future__ import annotations

from collections import Counter, defaultdict


def economy(rules, games: list[dict]) -> list[dict]:
    """Per side and year: mean income received and mean power left at the end of the year.

    A year counts for a game when the side received its income in it (a game
    ended by a card before the income phase does not count that year).
    """
    income: dict = defaultdict(list)
    power: dict = defaultdict(list)
    for g in games:
        for year, left, _standing, received in g.get("years_detail", ()):
            for side, amount in received.items():
                income[(side, year)].append(amount)
                power[(side, year)].append(left.get(side, 0))
    rows = []
    for side in rules.side_ids:
        for year in sorted(y for s, y in income if s == side):
            values = income[(side, year)]
            rows.append({"side": side, "year": year, "mean_income": sum(values) / len(values), "mean_power": sum(power[(side, year)]) / len(values), "games": len(values)})
    return rows


def fronts(rules, games: list[dict]) -> list[dict]:
    """Per front, side and year: mean standing at the end of the year and the share of games at the front's maximum."""
    values: dict = defaultdict(list)
    for g in games:
        for year, _left, standing, _received in g.get("years_detail", ()):
            for front, row in standing.items():
                for side, value in row.items():
                    values[(front, side, year)].append(value)
    rows = []
    for front in rules.fronts:
        for side in rules.side_ids:
            for year in sorted(y for f, s, y in values if f == front.id and s == side):
                found = values[(front.id, side, year)]
                rows.append({
                    "front": front.id, "side": side, "year": year,
                    "mean_standing": sum(found) / len(found),
                    "share_at_max": sum(1 for v in found if v >= front.max) / len(found),
                    "games": len(found),
                })
    return rows


def side_actions(rules, side: str) -> list[str]:
    return [a.id for a in rules.actions if side in a.sides]


def orders(rules, games: list[dict]) -> list[dict]:
    """Per side and action: how many orders were carried out and their share of the side's orders.

    Every action a side may take gets a row, used or not.
    """
    counts = Counter()
    for g in games:
        for _year, side, action in g.get("orders", ()):
            counts[(side, action)] += 1
    rows = []
    for side in rules.side_ids:
        total = sum(c for (s, _), c in counts.items() if s == side)
        actions = side_actions(rules, side)
        actions += sorted(a for s, a in counts if s == side and a not in actions)
        for action in actions:
            k = counts.get((side, action), 0)
            rows.append({"side": side, "action": action, "count": k, "share": k / total if total else 0.0, "total": total})
    return rows


def final_positions(games: list[dict]) -> list[dict]:
    """Each game's standings at its end (front -> side -> standing)."""
    out = []
    for g in games:
        detail = g.get("years_detail") or ()
        if detail:
            out.append(detail[-1][2])
    return out


def final_games(rules, games: list[dict]) -> list[dict]:
    """The games that ran to a final ending: the ones the objectives' margins decide."""
    return [g for g in games if g.get("ending") in rules.ending and rules.ending[g["ending"]].check != "sudden"]


def objectives(rules, games: list[dict]) -> list[dict]:
    """Per side and objective: in how many of the games that ran to a final ending it held at the end.

    A balance that comes from asymmetric objectives is read here: which of a
    side's aims it usually holds, which it rarely reaches, and (in
    ``objectives_needed``) how often it scored what it needs.
    """
    finals = final_games(rules, games)
    rows = []
    for side in rules.sides:
        for o in side.objectives:
            met = sum(1 for g in finals if o.id in g.get("objectives", {}).get(side.id, ()))
            rows.append({"side": side.id, "objective": o.id, "name": o.name, "met": met, "games": len(finals), "share": met / len(finals) if finals else None})
    return rows


def objectives_needed(rules, games: list[dict]) -> dict:
    """Per side: the share of the games that ran to a final ending in which it scored what it needs."""
    finals = final_games(rules, games)
    out = {}
    for side in rules.sides:
        if not side.objectives:
            continue
        points = {o.id: o.points for o in side.objectives}
        enough = sum(1 for g in finals if sum(points.get(i, 0) for i in g.get("objectives", {}).get(side.id, ())) >= side.objectives_needed)
        out[side.id] = enough / len(finals) if finals else None
    return out
