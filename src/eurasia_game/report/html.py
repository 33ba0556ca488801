"""The report as one self-contained HTML page: readable offline, printable, no scripts.

Charts are inline SVG, styles are inline, nothing is fetched from anywhere,
so the file can be mailed to a class, opened years later, or printed (the
print stylesheet keeps charts and headings with their sections).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from eurasia_game import lang
from eurasia_game.lang.catalogue import S
from eurasia_game.report.charts import all_charts, compare_chart
from eurasia_game.report import teaching as T
from eurasia_game.report.debrief import Debrief, basis_tag, basis_words, how_words, kind_words, moved_text, results_text, signed
from eurasia_game.report.words import html_words

CSS = """
:root { --ink: #1d1d1f; --muted: #5a5a60; --rule: #d8d8dc; --accent: #0072b2; --warn: #b34700; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1100px; padding: 24px 28px 60px; line-height: 1.45; font-size: 16px; }
header h1 { margin: 0 0 4px; font-size: 28px; }
header p { margin: 2px 0; color: var(--muted); }
nav.toc { margin: 16px 0 8px; padding: 10px 14px; background: #f4f6f8; border-radius: 6px; font-size: 14px; }
nav.toc a { margin-right: 14px; color: var(--accent); text-decoration: none; white-space: nowrap; }
section { margin-top: 30px; }
h2 { font-size: 22px; border-bottom: 2px solid var(--rule); padding-bottom: 4px; margin: 0 0 12px; }
h3 { font-size: 18px; margin: 18px 0 6px; }
h4 { font-size: 16px; margin: 14px 0 4px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 14px 22px; }
.charts figure { margin: 0; }
.ending-box { border-left: 6px solid var(--accent); background: #f4f8fb; padding: 12px 16px; border-radius: 4px; }
.ending-box .future { font-size: 18px; font-weight: bold; }
.muted { color: var(--muted); }
.small { font-size: 13px; }
ol.questions li { margin: 6px 0; }
ul.timeline { list-style: none; padding-left: 0; margin: 0; }
ul.timeline li { padding: 4px 0 4px 10px; border-left: 3px solid var(--rule); margin: 2px 0; }
ul.timeline li.event { border-color: #0072b2; }
ul.timeline li.decision { border-color: #009e73; }
ul.timeline li.order { border-color: #8c8c8c; }
ul.timeline li.red_line { border-color: #d55e00; font-weight: bold; }
ul.timeline li.facilitator { border-color: #cc79a7; background: #fbf3f8; }
ul.timeline li.rule { color: var(--muted); font-size: 14px; }
ul.timeline li.ending { border-color: #000; font-weight: bold; }
.tag { display: inline-block; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; padding: 0 6px;
       border-radius: 3px; background: #eceef1; color: #333; margin-right: 6px; vertical-align: 1px; }
.tag.forced { background: #b34700; color: #fff; }
.tag.inject { background: #cc79a7; color: #fff; }
.tag.basis { background: #e8e8e8; color: #333; margin-left: 6px; }
.note-card { font-size: 14px; color: #333; margin: 2px 0 4px; }
.moved { font-size: 13px; color: var(--muted); }
table { border-collapse: collapse; font-size: 14px; margin: 6px 0 12px; }
th, td { border: 1px solid var(--rule); padding: 3px 8px; text-align: left; }
th { background: #f4f6f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.turning { margin-bottom: 12px; }
.turning .swing { font-weight: bold; }
.up { color: #007a5a; } .down { color: #b34700; }
.line-head { background: #eef3f8; padding: 8px 12px; border-radius: 4px; }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 8px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav.toc { display: none; }
  section { break-inside: auto; }
  h2, h3 { break-after: avoid; }
  figure, .turning, .ending-box, table, ul.timeline li { break-inside: avoid; }
  .charts { display: block; }
  .charts figure { margin-bottom: 8px; }
  a { color: inherit; text-decoration: none; }
}
"""


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    body: str


def e(text) -> str:
    return escape(str(text))


def t(text) -> str:
    """Catalogue words as element content: escaped, quotation marks kept as typed."""
    return escape(str(text), quote=False)


def page(title: str, subtitle: list[str], sections: list[Section], footer: str) -> str:
    """A whole HTML document from its sections."""
    nav = " ".join(f'<a href="#{e(s.id)}">{e(s.heading)}</a>' for s in sections)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang.current()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{e(title)}</h1>" + "".join(f"<p>{e(line)}</p>" for line in subtitle) + "</header>",
        f'<nav class="toc" aria-label="{e(S("rep_contents"))}">{nav}</nav>',
    ]
    for section in sections:
        parts.append(f'<section id="{e(section.id)}"><h2>{e(section.heading)}</h2>\n{section.body}\n</section>')
    parts.append(f"<footer>{e(footer)}</footer>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"



def players_line(rules, debrief: Debrief) -> str:
    who = []
    for side in rules.side_ids:
        player = debrief.players.get(side)
        if player:
            who.append(S("rep_player", side=rules.side[side].name, player=player))
    return "; ".join(who)


def summary_lines(rules, debrief: Debrief) -> list[str]:
    lines = [S("rep_summary_html", scenario=debrief.scenario_name, seed=debrief.seed, rules=debrief.rules_name)]
    players = players_line(rules, debrief)
    if players:
        lines.append(players)
    return lines


def ending_html(rules, debrief: Debrief) -> str:
    if debrief.ending is None:
        return f'<p class="muted">{t(S("rep_in_progress_html", year=debrief.year))}</p>'
    ending = debrief.ending
    results = results_text(rules, ending.results)
    out = [
        '<div class="ending-box">',
        f'<div class="future">{e(ending.name)} ({ending.year})</div>',
        f"<p><b>{t(S('rep_future_label'))}</b> {e(ending.future)}. <span class=\"muted\">{html_words('rep_article_section', section=e(ending.section))}</span></p>",
        f"<p>{e(ending.text)}</p>",
        f'<p class="decided"><b>{e(debrief.decided)}</b></p>' if debrief.decided else "",
        f"<p><b>{t(S('rep_result_label'))}</b> {e(results)}</p>" if results else "",
        "</div>",
    ]
    out.append(f"<h3>{t(S('rep_rolls_heading'))}</h3>")
    if debrief.armed_from:
        out.append(f'<p class="muted">{t(S("rep_armed_from", year=debrief.armed_from))}</p>')
    if debrief.rolls:
        out.append('<ul class="rolls">' + "".join(f"<li>{e(line)}</li>" for line in debrief.rolls) + "</ul>")
    else:
        out.append(f'<p class="muted">{t(S("rep_no_rolls"))}</p>')
    if ending.questions:
        out.append(f"<h3>{t(S('rep_questions_heading'))}</h3>")
        out.append('<ol class="questions">' + "".join(f"<li>{e(q)}</li>" for q in ending.questions) + "</ol>")
    return "\n".join(out)


def charts_html(rules, debrief: Debrief, prefix: str = "") -> str:
    tracks, fronts = all_charts(rules, debrief, prefix)
    out = [f"<h3>{t(S('rep_shared_tracks'))}</h3>", '<div class="charts">']
    out += [f"<figure>{svg}</figure>" for svg in tracks]
    out += ["</div>", f"<h3>{t(S('rep_front_standings'))}</h3>", '<div class="charts">']
    out += [f"<figure>{svg}</figure>" for svg in fronts]
    out.append("</div>")
    return "\n".join(out)


def turning_html(debrief: Debrief, since_year: int | None = None) -> str:
    points = [t for t in debrief.turning_points if since_year is None or t.year >= since_year]
    if not points:
        return f'<p class="muted">{t(S("rep_no_moves"))}</p>'
    out = []
    for point in points:
        cls = "up" if point.delta > 0 else "down"
        head = f'<div class="turning"><div><b>{point.year}</b> - {e(point.label)}: <span class="swing {cls}">{point.before} &rarr; {point.after} ({signed(point.delta)})</span></div>'
        causes = "".join(f"<li>{e(c.text)} <span class=\"moved\">({signed(c.delta)})</span></li>" for c in point.causes)
        out.append(head + (f'<ul class="small">{causes}</ul>' if causes else f'<p class="small muted">{t(S("rep_no_single_cause"))}</p>') + "</div>")
    return "\n".join(out)


def _item_html(rules, item, prefix: str = "") -> str:
    tags = ""
    extra = ""
    if item.kind == "card" and item.card in rules.event:
        card = rules.event[item.card]
        if item.how in ("forced", "forced_next"):
            tags = f'<span class="tag forced">{t(S("rep_tag_forced"))}</span>'
        elif item.how in ("now", "next"):
            tags = f'<span class="tag inject">{t(S("rep_tag_inject"))}</span>'
        extra = f'<div class="note-card"><b>{e(card.section)}</b>{_basis_tag(card.basis or "")} - {e(card.teaching_note)}</div>'
    elif item.category == "facilitator":
        tags = f'<span class="tag inject">{e(kind_words(item.kind))}</span>'
    moved = f' <span class="moved">({e(moved_text(item.moved))})</span>' if item.moved else ""
    if item.kind == "order" and item.detail in rules.action:
        moved += T.order_link_html(rules, item, prefix)
    return f'<li class="{e(item.category)}">{tags}{e(item.text)}{moved}{extra}</li>'


def timeline_html(rules, debrief: Debrief, since_year: int | None = None, prefix: str = "") -> str:
    out = []
    for year, items in debrief.timeline.items():
        if since_year is not None and year < since_year:
            continue
        out.append(f"<h3>{year}</h3>")
        out.append('<ul class="timeline">' + "".join(_item_html(rules, i, prefix) for i in items) + "</ul>")
    return "\n".join(out) or f'<p class="muted">{t(S("rep_nothing_yet"))}</p>'


def _basis_tag(basis: str) -> str:
    """A small label saying whether the article states a card or the game extrapolates."""
    if not basis:
        return ""
    return f' <span class="tag basis" title="{e(basis_words(basis))}">{e(basis_tag(basis))}</span>'


def cards_html(rules, debrief: Debrief, since_year: int | None = None) -> str:
    cards = [c for c in debrief.cards if since_year is None or c.year >= since_year]
    if not cards:
        return f'<p class="muted">{t(S("rep_no_cards"))}</p>'
    out = []
    for section in list(rules.game.sources) + sorted({c.section for c in cards} - set(rules.game.sources)):
        mine = [c for c in cards if c.section == section]
        if not mine:
            continue
        out.append(f"<h3>{e(section)}</h3>")
        rows = "".join(
            f"<tr><td class=\"num\">{c.year}</td><td><b>{e(c.title)}</b>{_basis_tag(c.basis)}<br><span class=\"small\">{e(c.teaching_note)}</span></td><td>{e(how_words(c.how))}</td></tr>"
            for c in mine
        )
        out.append(f"<table><tr><th class=\"num\">{t(S('rep_col_year'))}</th><th>{t(S('rep_col_event_note'))}</th><th>{t(S('rep_col_how'))}</th></tr>{rows}</table>")
    return "\n".join(out)


def facilitator_html(debrief: Debrief, since_year: int | None = None) -> str:
    items = [i for i in debrief.notes + debrief.injects if since_year is None or i.year >= since_year]
    items.sort(key=lambda i: i.year)
    if not items:
        return f'<p class="muted">{t(S("rep_no_facilitator"))}</p>'
    rows = "".join(f"<tr><td class=\"num\">{i.year}</td><td>{e(kind_words(i.kind))}</td><td>{e(i.text)}</td></tr>" for i in items)
    return f"<table><tr><th class=\"num\">{t(S('rep_col_year'))}</th><th>{t(S('rep_col_kind'))}</th><th>{t(S('rep_col_what'))}</th></tr>{rows}</table>"


def numbers_html(rules, debrief: Debrief) -> str:
    head = "".join(f'<th class="num">{e(p)}</th>' for p in debrief.points)
    rows = []
    for series in debrief.tracks:
        rows.append(f"<tr><th>{e(series.label)}</th>" + "".join(f'<td class="num">{v}</td>' for v in series.values) + "</tr>")
    for name, lines in debrief.fronts.values():
        for series in lines:
            rows.append(f"<tr><th>{e(series.label)}</th>" + "".join(f'<td class="num">{v}</td>' for v in series.values) + "</tr>")
    for series in debrief.power:
        rows.append(f"<tr><th>{html_words('rep_power_label', side=e(series.label))}</th>" + "".join(f'<td class="num">{v}</td>' for v in series.values) + "</tr>")
    return f'<div style="overflow-x:auto"><table><tr><th></th>{head}</tr>{"".join(rows)}</table></div>'


def game_sections(rules, debrief: Debrief, prefix: str = "", since_year: int | None = None) -> list[Section]:
    """The sections of one game's report (``since_year``: a branch shows only what follows its fork)."""
    view = T.teaching_view(rules, debrief, what_if=since_year is None)
    teaching = [Section(f"{prefix}questions", S("rep_sec_questions"), T.questions_html(view))]
    if since_year is None:
        teaching.append(Section(f"{prefix}what-if", S("rep_sec_what_if"), T.what_if_html(view)))
    teaching.append(Section(f"{prefix}expected", S("rep_sec_expected"), T.expected_html(view)))
    return [
        Section(f"{prefix}ending", S("rep_sec_ending"), ending_html(rules, debrief)),
        Section(f"{prefix}charts", S("rep_sec_charts"), charts_html(rules, debrief, prefix)),
        Section(f"{prefix}turning-points", S("rep_sec_turning"), turning_html(debrief, since_year)),
        *teaching,
        Section(f"{prefix}timeline", S("rep_sec_timeline"), timeline_html(rules, debrief, since_year, prefix)),
        Section(f"{prefix}events", S("rep_sec_events"), cards_html(rules, debrief, since_year)),
        Section(f"{prefix}orders", S("rep_sec_orders"), T.orders_html(rules, debrief, prefix)),
        Section(f"{prefix}facilitator", S("rep_sec_facilitator"), facilitator_html(debrief, since_year)),
        Section(f"{prefix}numbers", S("rep_sec_numbers"), numbers_html(rules, debrief)),
    ]


def lines_html(rules, lines) -> str:
    """The lines of play of one class, side by side."""
    head = "".join(f'<th class="num">{e(t.name)}</th>' for t in rules.tracks)
    rows = []
    for info, debrief in lines:
        origin = S("rep_line_original") if info.parent is None else S("rep_line_from", year=info.fork_year)
        ending = S("rep_ending_year", ending=debrief.ending.name, year=debrief.ending.year) if debrief.ending else S("rep_in_progress_year", year=debrief.year)
        final = "".join(f'<td class="num">{s.values[-1]}</td>' for s in debrief.tracks)
        rows.append(f"<tr><td><b>{e(info.name)}</b></td><td>{e(origin)}</td><td>{e(ending)}</td>{final}</tr>")
    table = f"<table><tr><th>{t(S('rep_col_line'))}</th><th>{t(S('rep_col_starts'))}</th><th>{t(S('rep_col_ending'))}</th>{head}</tr>{''.join(rows)}</table>"
    games = [(info.name, debrief) for info, debrief in lines]
    charts = [
        compare_chart(s.key, s.label, s.low, s.high, games, chart_id=f"lines-{s.key}") for s in lines[0][1].tracks
    ]
    return table + '\n<div class="charts">' + "".join(f"<figure>{c}</figure>" for c in charts) + "</div>"


def class_report_html(rules, lines, title: str = "") -> str:
    """The report of one table's game: the original line, then each what-if branch.

    ``lines`` is a list of (BranchInfo, Debrief), the original game first.
    """
    trunk_info, trunk = lines[0]
    heading = title or trunk.title
    sections: list[Section] = []
    if len(lines) > 1:
        sections.append(Section("lines", S("rep_sec_lines"), lines_html(rules, lines)))
    sections += game_sections(rules, trunk)
    for number, (info, debrief) in enumerate(lines[1:], start=1):
        prefix = f"line{number}-"
        parent = next((i.name for i, _ in lines if i.id == info.parent), S("rep_line_original"))
        body = [f'<p class="line-head">{html_words("rep_line_rewinds_html", year=str(info.fork_year), parent=e(parent))}</p>']
        for part in game_sections(rules, debrief, prefix=prefix, since_year=info.fork_year):
            inner = part.body.replace("<h3", "<h4").replace("</h3>", "</h4>")
            body.append(f'<h3 id="{e(part.id)}">{e(part.heading)}</h3>\n{inner}')
        sections.append(Section(f"{prefix}start", info.name, "\n".join(body)))
    subtitle = summary_lines(rules, trunk)
    subtitle.append(S("rep_source", source=rules.game.source, legend=S("rep_basis_legend")))
    if len(lines) > 1:
        subtitle.append(S("rep_lines_count", count=len(lines), branches=len(lines) - 1))
    return page(heading, subtitle, sections, S("rep_footer", game=rules.game.name, source=rules.game.source))
