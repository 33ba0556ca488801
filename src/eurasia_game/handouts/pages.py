"""The handouts as self-contained HTML pages, made to be printed.

One stylesheet serves screen and paper: ``@page`` margins fit both A4 and US
Letter (the content is laid out for the narrower width of A4 and the shorter
height of Letter), headings stay with what follows, and boxes never split.
``paper`` may force a size (``a4`` or ``letter``); ``auto`` lets the printer
choose.  Nothing is fetched from anywhere.
"""

from __future__ import annotations

from html import escape
from string import Template

from eurasia_game import lang
from eurasia_game.handouts.content import Briefing, RulesSheet, citation_text
from eurasia_game.lang.catalogue import S

PAPERS = {"auto": "", "a4": "A4", "letter": "letter"}

CSS = """
:root { --ink: #1d1d1f; --muted: #55555b; --rule: #c9c9cf; --accent: #0072b2; --box: #f3f6f9; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 182mm; padding: 10mm 0; font-size: 10pt; line-height: 1.35; }
header { border-bottom: 2px solid var(--ink); margin-bottom: 3mm; padding-bottom: 1.5mm; }
header .kicker { font-size: 8pt; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
h1 { font-size: 17pt; margin: 0.5mm 0 0; }
h2 { font-size: 11.5pt; margin: 3.5mm 0 1.2mm; color: var(--accent); break-after: avoid; }
h3 { font-size: 10pt; margin: 2mm 0 0.8mm; break-after: avoid; }
p { margin: 0 0 1.6mm; }
ul, ol { margin: 0 0 1.6mm; padding-left: 5mm; }
li { margin: 0 0 0.6mm; }
.objectives { background: var(--box); border-left: 4px solid var(--accent); padding: 2mm 3mm; margin: 0 0 2.5mm; break-inside: avoid; }
.objectives h2 { margin-top: 0; font-size: 10pt; color: var(--ink); }
.objectives ul { margin-bottom: 0; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; }
.box { border: 1px solid var(--rule); border-radius: 2mm; padding: 2mm 3mm; break-inside: avoid; margin-bottom: 2mm; }
.sec { font-size: 8.5pt; color: var(--muted); font-style: italic; }
.muted { color: var(--muted); }
.small { font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 2mm; font-size: 9pt; break-inside: avoid; }
th, td { border: 1px solid var(--rule); padding: 0.7mm 1.6mm; text-align: left; vertical-align: top; }
th { background: var(--box); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.citation { font-size: 10.5pt; border: 1px solid var(--rule); padding: 2mm 3mm; background: #fff; }
.write { border-bottom: 1px solid var(--rule); height: 7mm; }
footer { margin-top: 3mm; padding-top: 1mm; border-top: 1px solid var(--rule); font-size: 7.5pt; color: var(--muted); }
body.sheet { font-size: 6.9pt; line-height: 1.12; }
body.sheet .cols { column-count: 2; column-gap: 5mm; }
body.sheet .cols h2:first-child { margin-top: 0; }
body.sheet ol { padding-left: 4mm; }
body.sheet h1 { font-size: 14pt; }
body.sheet h2 { font-size: 9.5pt; margin: 1.8mm 0 0.6mm; }
body.sheet table { font-size: 6.9pt; margin-bottom: 1mm; }
body.sheet th, body.sheet td { padding: 0.4mm 1.2mm; }
body.sheet ul { margin-bottom: 0.8mm; }
body.sheet li { margin: 0; }
body.sheet .objectives { padding: 1mm 2.5mm; margin-bottom: 1.2mm; }
body.sheet .objectives h2 { display: none; }
body.sheet .objectives ul::before { content: "Learning objectives"; font-weight: bold; display: block; margin-left: -4mm; }
body.sheet header { margin-bottom: 1.5mm; }
body.sheet footer { border-top: 0; margin-top: 1.5mm; }
@page { margin: 10mm 12mm; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  li, tr { break-inside: avoid; }
}
"""


def e(text) -> str:
    return escape(str(text))


def t(key: str, /, **values) -> str:
    """The catalogue words ``key`` as element content (escaped; quotation marks kept as typed)."""
    return escape(S(key, **values), quote=False)


def html_words(key: str, /, **html: str) -> str:
    """The catalogue sentence ``key`` escaped, its $placeholders filled with ready HTML (escape the values yourself)."""
    return Template(escape(S(key), quote=False)).safe_substitute(html)


def css() -> str:
    """The stylesheet, with the one heading it draws itself in the language chosen."""
    heading = S("hand_objectives").replace("\\", "\\\\").replace('"', '\\"')
    return CSS.replace('content: "Learning objectives"', f'content: "{heading}"')


def _list(items, cls: str = "") -> str:
    items = list(items)
    if not items:
        return ""
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"


def _objectives(handout) -> str:
    if handout is None:
        return ""
    return f'<div class="objectives"><h2>{t("hand_objectives")}</h2>{_list(handout.objectives)}</div>'


def document(rules, kind: str, title: str, body: str, paper: str = "auto", sheet: bool = False, kicker: str = "") -> str:
    """A whole printable page."""
    size = PAPERS.get(paper, "")
    page_css = f"@page {{ size: {size}; }}" if size else ""
    source = rules.handout.get("reading_guide")
    cite = citation_text(source.citation) if source is not None and source.citation else rules.game.source
    footer = f"{rules.game.name} {rules.game.version} - {rules.game.source if sheet else cite}"
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang.current()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{css()}{page_css}</style>",
        "</head>",
        f'<body class="{"sheet " if sheet else ""}{e(kind)}">',
        f'<header><div class="kicker">{e(kicker or (f"{rules.game.name} {rules.game.version} - {rules.game.source}" if sheet else rules.game.name))}</div><h1>{e(title)}</h1></header>',
        body if sheet else body + f"\n<footer>{e(footer)}</footer>",  # the one-page sheet names its source in its header
        "</body></html>",
    ]) + "\n"


def briefing_page(rules, brief: Briefing, scenario_line: str, paper: str = "auto") -> str:
    handout = rules.handout.get("briefing")
    title = S("hand_briefing_title", title=handout.title if handout else S("hand_briefing"), side=brief.name)
    parts = []
    if handout is not None and handout.intro:
        parts.append(f'<p class="muted">{e(handout.intro)}</p>')
    parts.append(_objectives(handout))
    parts.append(f"<h2>{t('hand_your_role')}</h2><p>{e(brief.role)}</p>")
    goal = f"<p><b>{t('hand_your_goal')}</b> {e(brief.goal)}</p>"
    if brief.objectives:
        goal += f"<p><b>{t('hand_your_objectives')}</b></p>" + _list(brief.objectives)
    start = brief.start
    line = html_words("hand_start", scenario=e(scenario_line), power=str(start["power"]), income=str(start["income"]), orders=str(start["orders"]))
    goal += f'<p class="small muted">{line}</p>'
    parts.append(goal)
    parts.append(f'<div class="two"><div><h2>{t("hand_your_interests")}</h2>{_list(brief.interests)}</div><div><h2>{t("hand_your_fears")}</h2>{_list(brief.fears)}</div></div>')
    parts.append(f"<h2>{t('hand_article_says')}</h2>")
    parts.append("<ul>" + "".join(f'<li>{e(p.text)} <span class="sec">({e(p.section)})</span></li>' for p in brief.argument) + "</ul>")
    if brief.red_lines:
        head = S("hand_your_red_lines") if brief.red_lines_are_own else S("hand_red_lines_public")
        parts.append(f"<h2>{e(head)}</h2>" + "<ul>" + "".join(f"<li><b>{e(n)}.</b> {e(t)}</li>" for n, t in brief.red_lines) + "</ul>")
    rows = "".join(f'<tr><td>{e(n)}</td><td class="num">{c}</td><td>{e(d)}</td></tr>' for n, c, d in brief.orders)
    head = f'<tr><th>{t("hand_col_order")}</th><th class="num">{t("hand_col_cost")}</th><th>{t("hand_col_does")}</th></tr>'
    parts.append(f'<h2>{t("hand_your_orders")}</h2><table>{head}{rows}</table>')
    parts.append(f'<div class="box"><h2 style="margin-top:0">{t("hand_ask_yourself")}</h2>{_list(brief.questions)}</div>')
    kicker = S("hand_kicker_secret", game=rules.game.name, side=brief.name)
    return document(rules, f"briefing {brief.side}", title, "\n".join(parts), paper, kicker=kicker)


def rules_page(rules, sheet: RulesSheet, paper: str = "auto") -> str:
    """The rules on one page: two columns of small print."""
    handout = rules.handout.get("rules")
    title = handout.title if handout else S("hand_rules_title")
    parts = []
    parts.append(_objectives(handout))
    cols = []
    if handout is not None and handout.intro:
        cols.append(f"<p>{e(handout.intro)} <b>{e(sheet.years)}.</b></p>")
    phases = "".join(f"<li><b>{e(n)}.</b> {e(d)}</li>" for n, d in sheet.phases)
    cols.append(f"<h2>{t('hand_a_year')}</h2><ol>{phases}</ol>")
    sides = "".join(f'<tr><td><b>{e(n)}</b></td><td class="num">{p}</td><td class="num">+{i}</td><td class="num">{o}</td></tr>' for n, p, i, o, _ in sheet.sides)
    head = f"<tr><th>{t('hand_col_side')}</th>" + "".join(f'<th class="num">{t(k)}</th>' for k in ("hand_col_power", "hand_col_income", "hand_col_orders")) + "</tr>"
    cols.append(f"<h2>{t('hand_the_sides')}</h2><table>{head}{sides}</table>")
    tracks = "".join(
        f'<tr><td><b>{e(n)}</b></td><td class="num">{s}</td><td>{e(low)} ({lo}) &rarr; {e(high)} ({hi})</td><td>{e(d)}</td></tr>'
        for n, lo, hi, s, low, high, d in sheet.tracks
    )
    head = f'<tr><th>{t("hand_col_track")}</th><th class="num">{t("hand_col_start")}</th><th>{t("hand_col_scale")}</th><th>{t("hand_col_danger")}</th></tr>'
    cols.append(f"<h2>{t('hand_shared_tracks')}</h2><table>{head}{tracks}</table>")
    fronts = "".join(f"<li><b>{e(n)}:</b> {e(s)}</li>" for n, s in sheet.fronts)
    cols.append(f"<h2>{t('hand_fronts')}</h2><ul>{fronts}</ul>")
    cols.append(f"<h2>{t('hand_every_year')}</h2>{_list(sheet.yearly)}")
    actions = "".join(f'<tr><td><b>{e(n)}</b><br><span class="muted">{e(w)}, {c}</span></td><td>{e(d)}</td></tr>' for n, w, c, d in sheet.actions)
    cols.append(f"<h2>{t('hand_orders_head')}</h2><table>{actions}</table>")
    if sheet.red_lines:
        cols.append(f"<h2>{t('hand_red_lines')}</h2>" + _list(sheet.red_lines))
    endings = "".join(f"<li><b>{e(n)}</b> - {e(w)}.</li>" for n, w, f in sheet.endings)
    cols.append(f"<h2>{t('hand_endings')}</h2><ul>{endings}</ul>")
    # the help block on endings: by its id, so a translated title still finds it
    ending_help = {h.title for h in rules.help if h.id == "endings"}
    tipping = [text for title_, text in sheet.help if title_ in ending_help or title_.lower().startswith("ending")]
    if tipping:
        cols.append(f"<p>{e(tipping[0])}</p>")
    parts.append('<div class="cols">' + "\n".join(cols) + "<!--footer--></div>")
    return document(rules, "rules", title, "\n".join(parts), paper, sheet=True)


def reading_page(rules, paper: str = "auto") -> str:
    handout = rules.handout.get("reading_guide")
    title = handout.title if handout else S("hand_reading_title")
    parts = []
    if handout is not None and handout.citation is not None:
        parts.append(f'<p class="citation"><b>{t("hand_read")}</b> {e(citation_text(handout.citation))}</p>')
    else:
        parts.append(f'<p class="citation"><b>{t("hand_read")}</b> {e(rules.game.source)}</p>')
    if handout is not None and handout.intro:
        parts.append(f"<p>{e(handout.intro)}</p>")
    parts.append(_objectives(handout))
    order = {s: i for i, s in enumerate(rules.game.sources)}
    for entry in sorted(rules.readings, key=lambda r: order.get(r.section, len(order))):
        parts.append(
            f'<div class="box"><h2 style="margin-top:0">{e(entry.section)}</h2>'
            f"<p><b>{t('hand_in_short')}</b> {e(entry.gist)}</p>"
            f"<p><b>{t('hand_look_for')}</b></p>{_list(entry.look_for)}"
            f'<p class="small"><b>{t("hand_in_game")}</b> {e(entry.in_game)}</p></div>'
        )
    parts.append(f'<p class="small muted">{t("hand_reading_note")}</p>')
    return document(rules, "reading", title, "\n".join(parts), paper)


def memo_page(rules, paper: str = "auto") -> str:
    handout = rules.handout.get("memo")
    title = handout.title if handout else S("hand_memo_title")
    parts = []
    if handout is not None and handout.intro:
        parts.append(f"<p>{e(handout.intro)}</p>")
    parts.append(_objectives(handout))
    parts.append(f'<table><tr><th style="width:50%">{t("hand_col_name")}</th><th>{t("hand_col_played")}</th></tr><tr><td class="write"></td><td class="write"></td></tr></table>')
    if handout is not None and handout.prompts:
        parts.append(f"<h2>{t('hand_memo_answer')}</h2><ol>" + "".join(f"<li>{e(p)}</li>" for p in handout.prompts) + "</ol>")
    if rules.rubric:
        width = max(len(c.levels) for c in rules.rubric)
        labels = [S("hand_level", label=lv.label, points=lv.points) for lv in rules.rubric[0].levels]
        head = "".join(f"<th>{e(label)}</th>" for label in labels)
        rows = []
        for criterion in rules.rubric:
            cells = "".join(f"<td>{e(lv.text)}</td>" for lv in criterion.levels)
            cells += "<td></td>" * (width - len(criterion.levels))
            rows.append(f"<tr><th>{e(criterion.criterion)}</th>{cells}<td class=\"write\"></td></tr>")
        total = sum(max(lv.points for lv in c.levels) for c in rules.rubric)
        parts.append(f'<h2>{t("hand_rubric")}</h2><table><tr><th>{t("hand_col_criterion")}</th>{head}<th class="num">{t("hand_col_score")}</th></tr>{"".join(rows)}'
                     f'<tr><th colspan="{width + 1}" style="text-align:right">{t("hand_total", total=total)}</th><td class="write"></td></tr></table>')
    return document(rules, "memo", title, "\n".join(parts), paper)
