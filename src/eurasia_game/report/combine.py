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

from eurasia_game.lang.catalogue import S
from eurasia_game.report import html as H
from eurasia_game.report import markdown as M
from eurasia_game.report import class_teaching as CT
from eurasia_game.report.charts import compare_chart, mixed_starts
from eurasia_game.report.debrief import Debrief, results_text
from eurasia_game.report.words import html_words


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
        words = ["; ".join(S("rep_answer_year", answer=label, year=year) for year, label in a) if a else S("rep_not_faced") for a in answers]
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
                out.append([rules.side[side].name, action.name, *row, sum(row), S("rep_same_everywhere") if len(set(row)) == 1 else ""])
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
            results = results_text(rules, d.ending.results)
            rows.append([t.name, t.line, d.ending.name, d.ending.year, d.ending.future, results])
        else:
            rows.append([t.name, t.line, S("rep_in_progress"), d.year, "", ""])
    return rows


def ending_rows(tables: list[Table]) -> list[list]:
    tally: dict = {}
    for t in tables:
        d = t.debrief
        name = d.ending.name if d.ending else S("rep_in_progress")
        tally.setdefault(name, []).append(S("rep_table_year", table=t.name, year=d.ending.year if d.ending else d.year))
    return [[name, len(who), S("cli_list_sep").join(who)] for name, who in sorted(tally.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def _html_table(head: list[str], rows: list[list], numeric: tuple = ()) -> str:
    """A table; the columns whose index is in ``numeric`` are right-aligned."""
    th = "".join(f'<th class="{"num" if i in numeric else ""}">{H.e(h)}</th>' for i, h in enumerate(head))
    body = "".join("<tr>" + "".join(f'<td class="{"num" if i in numeric else ""}">{H.e(c)}</td>' for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><tr>{th}</tr>{body}</table>"


def inject_words(rules, debrief: Debrief) -> str:
    """The cards a table's facilitator brought into play: 'Title (2021, forced)'."""
    fired = [i for i in debrief.injects if i.kind == "card" and i.card in rules.event]
    return "; ".join(S("rep_inject_forced" if i.how and i.how.startswith("forced") else "rep_inject_injected", card=rules.event[i.card].title, year=i.year) for i in fired)


def _heads(*keys: str) -> list[str]:
    return [S(k) for k in keys]


OVERVIEW = ("rep_col_table", "rep_col_line", "rep_col_ending", "rep_col_year", "rep_col_future", "rep_col_result")
ENDINGS = ("rep_col_ending", "rep_col_tables", "rep_col_which")
SPREAD = ("rep_col_track", "rep_col_lowest", "rep_col_median", "rep_col_highest")


def combined_html(rules, tables: list[Table], title: str = "") -> str:
    names = [t.name for t in tables]
    games = [(t.name, t.debrief) for t in tables]
    sections = [
        H.Section("tables", S("rep_sec_tables"), _html_table(_heads(*OVERVIEW), overview_rows(rules, tables))),
        H.Section("endings", S("rep_sec_endings_reached"), _html_table(_heads(*ENDINGS), ending_rows(tables), numeric=(1,))),
    ]
    charts = [compare_chart(s.key, s.label, s.low, s.high, games, chart_id=f"spread-{s.key}", spread=True) for s in tables[0].debrief.tracks]
    spread = _html_table([*_heads(*SPREAD), *names], spread_rows(tables), numeric=tuple(range(1, 4 + len(tables))))
    charts_html = '<div class="charts">' + "".join(f"<figure>{c}</figure>" for c in charts) + "</div>"
    sections.append(H.Section("spread", S("rep_sec_spread"), charts_html + f"<h3>{H.t(S('rep_at_the_end'))}</h3>" + spread))
    differ, alike = choice_rows(rules, tables)
    body = _html_table([S("rep_col_dilemma"), *names], differ) if differ else f'<p class="muted">{H.t(S("rep_all_alike"))}</p>'
    if alike:
        body += f'<p class="small muted">{html_words("rep_alike", cards=H.e(S("cli_list_sep").join(alike)))}</p>'
    orders = order_rows(rules, tables)
    body += f"<h3>{H.t(S('rep_orders_given_html'))}</h3>"
    if orders:
        body += _html_table([*_heads("rep_col_side", "rep_col_action"), *names, S("rep_col_all_tables"), ""], orders, numeric=tuple(range(2, 3 + len(tables))))
    else:
        body += f'<p class="muted">{H.t(S("rep_no_table_orders"))}</p>'
    injects = [[t.name, inject_words(rules, t.debrief) or S("rep_none_lower")] for t in tables]
    body += f"<h3>{H.t(S('rep_facilitator_injects'))}</h3>" + _html_table(_heads("rep_col_table", "rep_col_injects"), injects)
    sections.append(H.Section("decisions", S("rep_sec_decisions"), body))
    endings, matrix = CT.choice_matrix(rules, tables)
    if matrix:
        note = f'<p class="small muted">{H.t(S("rep_matrix_note"))}</p>'
        sections.append(H.Section("choices-endings", S("rep_sec_choices_endings"), note + _html_table(["", S("rep_col_choice"), *endings], matrix)))
    else:
        sections.append(H.Section("choices-endings", S("rep_sec_choices_endings"), f'<p class="muted">{H.t(S("rep_no_choices"))}</p>'))
    questions = CT.class_questions(rules, tables)
    sections.append(H.Section("class-questions", S("rep_sec_class_questions"), '<ol class="questions">' + "".join(f"<li>{H.e(q)}</li>" for q in questions) + "</ol>"))
    years = "".join(
        f"<h3>{html_words('rep_by_year', track=H.e(series.label))}</h3>" + _html_table([S("rep_col_table"), *labels], rows, numeric=tuple(range(1, 1 + len(labels))))
        for series, (labels, rows) in ((s, CT.aligned_rows(tables, i)) for i, s in enumerate(tables[0].debrief.tracks))
    )
    sections.append(H.Section("by-year", S("rep_sec_by_year"), years))
    scenarios = sorted({t.debrief.scenario_name for t in tables})
    subtitle = [S("rep_class_summary_html", count=len(tables), scenarios=S("cli_list_sep").join(scenarios), rules=tables[0].debrief.rules_name)]
    if len(scenarios) > 1 or mixed_starts([t.debrief for t in tables]):
        subtitle.append(S("rep_mixed_html"))
    subtitle.append(S("rep_source_only", source=rules.game.source))
    return H.page(title or S("rep_class_report"), subtitle, sections, S("rep_footer", game=rules.game.name, source=rules.game.source))


def combined_md(rules, tables: list[Table], title: str = "") -> str:
    names = [t.name for t in tables]
    scenarios = sorted({t.debrief.scenario_name for t in tables})
    out = [f"# {M.md(title or S('rep_class_report'))}", "", S("rep_class_summary_md", count=len(tables), scenarios=M.md(S("cli_list_sep").join(scenarios))), ""]
    out += [S("rep_source_only_md", source=M.md(rules.game.source)), ""]
    out += [f"## {M.md(S('rep_sec_tables'))}", ""] + M._table(_heads(*OVERVIEW), overview_rows(rules, tables))
    out += [f"## {M.md(S('rep_sec_endings_reached'))}", ""] + M._table(_heads(*ENDINGS), ending_rows(tables))
    out += [f"## {M.md(S('rep_sec_spread'))}", "", M.md(S("rep_final_values")), ""] + M._table([*_heads(*SPREAD), *names], spread_rows(tables))
    if mixed_starts([t.debrief for t in tables]):
        out += [M.md(S("rep_mixed_md")), ""]
    for index, series in enumerate(tables[0].debrief.tracks):
        out += [f"### {S('rep_by_year', track=M.md(series.label))}", ""]
        labels, rows = CT.aligned_rows(tables, index)
        out += M._table([S("rep_col_table"), *labels], rows)
    differ, alike = choice_rows(rules, tables)
    out += [f"## {M.md(S('rep_sec_decisions'))}", ""]
    out += M._table([S("rep_col_dilemma"), *names], differ) if differ else [M.md(S("rep_all_alike")), ""]
    if alike:
        out += [S("rep_alike", cards=M.md(S("cli_list_sep").join(alike))), ""]
    orders = order_rows(rules, tables)
    heads = [*_heads("rep_col_side", "rep_col_action"), *names, S("rep_col_all_tables"), ""]
    out += [f"### {M.md(S('rep_orders_given_md'))}", ""] + (M._table(heads, orders) if orders else [M.md(S("rep_no_table_orders")), ""])
    endings, matrix = CT.choice_matrix(rules, tables)
    out += [f"## {M.md(S('rep_sec_choices_endings'))}", ""]
    if matrix:
        out += [M.md(S("rep_matrix_note")), ""]
        out += M._table(["", S("rep_col_choice"), *endings], matrix)
    else:
        out += [M.md(S("rep_no_choices")), ""]
    out += [f"## {M.md(S('rep_sec_class_questions'))}", ""]
    out += [f"{n}. {M.md(q)}" for n, q in enumerate(CT.class_questions(rules, tables), start=1)] + [""]
    return "\n".join(out).rstrip() + "\n"
