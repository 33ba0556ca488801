"""A class report over several tables' games: endings, spreads and differing decisions.

When a class plays at several tables, the instructor wants one page: which
endings each table reached and when, how far apart every track ran, and
which decisions the tables made differently (dilemma choices, the orders each
side favoured, the facilitator's injects).  Each table's game is the line it
played last (its what-if branch, if it rewound).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median

from eurasia_game.report import html as H
from eurasia_game.report import markdown as M
from eurasia_game.report import class_teaching as CT
from eurasia_game.report.charts import compare_chart, mixed_starts
from eurasia_game.report.debrief import Debrief


_RESULT = {"win": "wins", "lose": "loses", "draw": "draws"}


@dataclass(frozen=True)
class Table:
    name: str
    line: str
    debrief: Debrief


def _option_label(rules, card_id: str, option_id: str | None) -> str:
    card = rules.event.get(card_id)
    if card is None or card.dilemma is None:
        return option_id or ""
    for option in card.dilemma.options:
        if option.id == option_id:
            return option.label
    return option_id or ""


def _choices(rules, debrief: Debrief) -> dict:
    """card id -> list of (year, option label) the table chose."""
    out: dict = {}
    for item in debrief.decisions:
        if item.card:
            out.setdefault(item.card, []).append((item.year, _option_label(rules, item.card, item.detail)))
    return out


def _orders(debrief: Debrief) -> Counter:
    """(side, action id) -> how often the table ordered it."""
    return Counter((i.side, i.detail) for items in debrief.timeline.values() for i in items if i.kind == "order" and i.detail)


def choice_rows(rules, tables: list[Table]) -> tuple[list[list], list[str]]:
    """Rows (card, answer per table) where tables answered differently; and the cards all answered alike."""
    per_table = [_choices(rules, t.debrief) for t in tables]
    cards = [c.id for c in rules.events if any(c.id in p for p in per_table)]
    differ, alike = [], []
    for card in cards:
        answers = [p.get(card) for p in per_table]
        words = ["; ".join(f"{label} ({year})" for year, label in a) if a else "not faced" for a in answers]
        labels = {tuple(label for _, label in a) for a in answers if a}
        if len(labels) > 1 or any(a is None for a in answers):
            differ.append([rules.event[card].title, *words])
        else:
            alike.append(rules.event[card].title)
    return differ, alike


def order_rows(rules, tables: list[Table]) -> list[list]:
    """Rows (side, action, count per table, total, whether the tables agree) for every order any table gave."""
    counts = [_orders(t.debrief) for t in tables]
    out = []
    for side in rules.side_ids:
        for action in rules.actions:
            if side not in action.sides:
                continue
            row = [c.get((side, action.id), 0) for c in counts]
            if any(row):
                out.append([rules.side[side].name, action.name, *row, sum(row), "same at every table" if len(set(row)) == 1 else ""])
    return out


def spread_rows(tables: list[Table]) -> list[list]:
    """Final value of each track: lowest, median, highest, and each table's."""
    out = []
    for index, series in enumerate(tables[0].debrief.tracks):
        finals = [t.debrief.tracks[index].values[-1] for t in tables]
        out.append([series.label, min(finals), _num(median(finals)), max(finals), *finals])
    return out


def _num(value) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def overview_rows(rules, tables: list[Table]) -> list[list]:
    rows = []
    for t in tables:
        d = t.debrief
        if d.ending:
            results = ", ".join(f"{rules.side[s].name} {_RESULT.get(r, r)}" for s, r in d.ending.results.items() if s in rules.side)
            rows.append([t.name, t.line, d.ending.name, d.ending.year, d.ending.future, results])
        else:
            rows.append([t.name, t.line, "in progress", d.year, "", ""])
    return rows


def ending_rows(tables: list[Table]) -> list[list]:
    tally: dict = {}
    for t in tables:
        d = t.debrief
        name = d.ending.name if d.ending else "in progress"
        tally.setdefault(name, []).append(f"{t.name} ({d.ending.year if d.ending else d.year})")
    return [[name, len(who), ", ".join(who)] for name, who in sorted(tally.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def _html_table(head: list[str], rows: list[list], numeric: tuple = ()) -> str:
    """A table; the columns whose index is in ``numeric`` are right-aligned."""
    th = "".join(f'<th class="{"num" if i in numeric else ""}">{H.e(h)}</th>' for i, h in enumerate(head))
    body = "".join("<tr>" + "".join(f'<td class="{"num" if i in numeric else ""}">{H.e(c)}</td>' for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><tr>{th}</tr>{body}</table>"


def inject_words(rules, debrief: Debrief) -> str:
    """The cards a table's facilitator brought into play: 'Title (2021, forced)'."""
    fired = [i for i in debrief.injects if i.kind == "card" and i.card in rules.event]
    return "; ".join(f"{rules.event[i.card].title} ({i.year}, {'forced' if i.how and i.how.startswith('forced') else 'injected'})" for i in fired)


def combined_html(rules, tables: list[Table], title: str = "") -> str:
    names = [t.name for t in tables]
    games = [(t.name, t.debrief) for t in tables]
    sections = [
        H.Section("tables", "Tables and endings", _html_table(["Table", "Line", "Ending", "Year", "The article's future", "Result"], overview_rows(rules, tables))),
        H.Section("endings", "Endings reached", _html_table(["Ending", "Tables", "Which (year)"], ending_rows(tables), numeric=(1,))),
    ]
    charts = [compare_chart(s.key, s.label, s.low, s.high, games, chart_id=f"spread-{s.key}", spread=True) for s in tables[0].debrief.tracks]
    spread = _html_table(["Track", "Lowest", "Median", "Highest", *names], spread_rows(tables), numeric=tuple(range(1, 4 + len(tables))))
    sections.append(H.Section("spread", "Spread of every track", '<div class="charts">' + "".join(f"<figure>{c}</figure>" for c in charts) + "</div><h3>At the end</h3>" + spread))
    differ, alike = choice_rows(rules, tables)
    body = _html_table(["Dilemma", *names], differ) if differ else '<p class="muted">Every table that faced a dilemma answered it the same way.</p>'
    if alike:
        body += f'<p class="small muted">Answered alike wherever faced: {H.e(", ".join(alike))}.</p>'
    orders = order_rows(rules, tables)
    body += "<h3>Orders the tables gave (times over the game)</h3>"
    body += _html_table(["Side", "Action", *names, "All tables", ""], orders, numeric=tuple(range(2, 3 + len(tables)))) if orders else '<p class="muted">No table gave an order yet.</p>'
    injects = [[t.name, inject_words(rules, t.debrief) or "none"] for t in tables]
    body += "<h3>Facilitator's injects</h3>" + _html_table(["Table", "Injects"], injects)
    sections.append(H.Section("decisions", "Decisions that differed", body))
    endings, matrix = CT.choice_matrix(rules, tables)
    if matrix:
        note = ('<p class="small muted">A dilemma cell counts the tables that gave that answer among those that reached the ending; '
                "an order cell is how often, on average, those tables gave the order.</p>")
        sections.append(H.Section("choices-endings", "Choices and endings", note + _html_table(["", "Choice", *endings], matrix)))
    else:
        sections.append(H.Section("choices-endings", "Choices and endings", '<p class="muted">No dilemma was answered and no order given yet.</p>'))
    questions = CT.class_questions(rules, tables)
    sections.append(H.Section("class-questions", "Questions for the class", '<ol class="questions">' + "".join(f"<li>{H.e(q)}</li>" for q in questions) + "</ol>"))
    years = "".join(
        f"<h3>{H.e(series.label)} by year</h3>" + _html_table(["Table", *labels], rows, numeric=tuple(range(1, 1 + len(labels))))
        for series, (labels, rows) in ((s, CT.aligned_rows(tables, i)) for i, s in enumerate(tables[0].debrief.tracks))
    )
    sections.append(H.Section("by-year", "Every track by year", years))
    scenarios = sorted({t.debrief.scenario_name for t in tables})
    subtitle = [f"{len(tables)} tables - {', '.join(scenarios)} - {tables[0].debrief.rules_name}"]
    if len(scenarios) > 1 or mixed_starts([t.debrief for t in tables]):
        subtitle.append("The tables played different scenarios; every chart and table lines their games up by year.")
    return H.page(title or "Class report", subtitle, sections, f"Made with {rules.game.name}. {rules.game.source}.")


def combined_md(rules, tables: list[Table], title: str = "") -> str:
    names = [t.name for t in tables]
    scenarios = sorted({t.debrief.scenario_name for t in tables})
    out = [f"# {M.md(title or 'Class report')}", "", f"{len(tables)} tables, {M.md(', '.join(scenarios))}", ""]
    out += ["## Tables and endings", ""] + M._table(["Table", "Line", "Ending", "Year", "The article's future", "Result"], overview_rows(rules, tables))
    out += ["## Endings reached", ""] + M._table(["Ending", "Tables", "Which (year)"], ending_rows(tables))
    out += ["## Spread of every track", "", "Final values:", ""] + M._table(["Track", "Lowest", "Median", "Highest", *names], spread_rows(tables))
    if mixed_starts([t.debrief for t in tables]):
        out += ["The tables played different scenarios; the tables below line their games up by year.", ""]
    for index, series in enumerate(tables[0].debrief.tracks):
        out += [f"### {M.md(series.label)} by year", ""]
        labels, rows = CT.aligned_rows(tables, index)
        out += M._table(["Table", *labels], rows)
    differ, alike = choice_rows(rules, tables)
    out += ["## Decisions that differed", ""]
    out += M._table(["Dilemma", *names], differ) if differ else ["Every table that faced a dilemma answered it the same way.", ""]
    if alike:
        out += [f"Answered alike wherever faced: {M.md(', '.join(alike))}.", ""]
    orders = order_rows(rules, tables)
    out += ["### Orders the tables gave", ""] + (M._table(["Side", "Action", *names, "All tables", ""], orders) if orders else ["No table gave an order yet.", ""])
    endings, matrix = CT.choice_matrix(rules, tables)
    out += ["## Choices and endings", ""]
    if matrix:
        out += ["A dilemma cell counts the tables that gave that answer among those that reached the ending; an order cell is how often, on average, those tables gave the order.", ""]
        out += M._table(["", "Choice", *endings], matrix)
    else:
        out += ["No dilemma was answered and no order given yet.", ""]
    out += ["## Questions for the class", ""]
    out += [f"{n}. {M.md(q)}" for n, q in enumerate(CT.class_questions(rules, tables), start=1)] + [""]
    return "\n".join(out).rstrip() + "\n"
