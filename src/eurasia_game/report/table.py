"""The per-turn data as CSV: one row per line of play and point (start, then each year).

Columns: the line and table, the point and its year (the start's is the
year before the first, so tables that played different scenarios line up
by year), every track, every front standing,
every side's power, and the cards, choices and notes of that year, so a class
can chart or compare games in a spreadsheet.
"""

from __future__ import annotations

import csv
import io

from eurasia_game.report.debrief import Debrief


def _clean(text: str) -> str:
    """Spreadsheet-safe text: no leading formula characters."""
    text = " ".join(str(text).split())
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def header(rules) -> list[str]:
    cols = ["table", "line", "point", "year"]
    cols += list(rules.track_ids)
    cols += [f"{f}/{s}" for f in rules.front_ids for s in rules.side_ids]
    cols += [f"power/{s}" for s in rules.side_ids]
    cols += ["cards", "choices", "injects", "notes", "ending"]
    return cols


def rows(rules, debrief: Debrief, table: str = "", line: str = "") -> list[list]:
    by_key = {s.key: s.values for s in debrief.series()}
    power = {s.key: s.values for s in debrief.power}
    out = []
    for index, (label, year) in enumerate(zip(debrief.points, debrief.point_years)):
        items = debrief.timeline.get(year, []) if index else []
        row = [table, line, label, year]  # the start's year is the one before the first: rows of any scenario line up by year
        row += [by_key[t][index] for t in rules.track_ids]
        row += [by_key[f"{f}/{s}"][index] for f in rules.front_ids for s in rules.side_ids]
        row += [power[s][index] for s in rules.side_ids]
        row.append("; ".join(i.card for i in items if i.kind == "card" and i.card))
        row.append(_clean("; ".join(i.text for i in items if i.kind == "chose")))
        row.append("; ".join(f"{i.card}:{i.how}" for i in items if i.kind == "card" and i.how not in ("drawn", "triggered")))
        row.append(_clean("; ".join(str(i.text) for i in items if i.kind == "note")))
        last = index == len(debrief.points) - 1
        row.append(debrief.ending.id if last and debrief.ending else "")
        out.append(row)
    return out


def to_csv(rules, games: list[tuple[str, str, Debrief]]) -> str:
    """CSV text for (table, line, debrief) triples."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header(rules))
    for table, line, debrief in games:
        writer.writerows(rows(rules, debrief, table, line))
    return buffer.getvalue()
