"""The report as Markdown: the same sections as the HTML page, with tables for charts.

For pasting into a course page or a shared document.  Text from the game is
escaped so that a card title or a note cannot break the layout.
"""

from __future__ import annotations

from eurasia_game.lang.catalogue import S
from eurasia_game.report import teaching as T
from eurasia_game.report.debrief import Debrief, basis_tag, basis_words, how_words, kind_words, moved_text, results_text, signed

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"})


def md(text) -> str:
    """Escape Markdown's special characters and fold line breaks."""
    return " ".join(str(text).split()).translate(_SPECIAL)


def anchor(heading: str) -> str:
    """The link target a Markdown renderer gives a heading ('Orders and the article' -> 'orders-and-the-article')."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.strip().replace(" ", "-")



def _table(head: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(md(h) for h in head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return out + [""]


def ending_md(rules, debrief: Debrief) -> list[str]:
    if debrief.ending is None:
        return [S("rep_in_progress_md", year=debrief.year), ""]
    ending = debrief.ending
    results = results_text(rules, ending.results)
    out = [
        f"**{md(ending.name)}** ({ending.year})",
        "",
        S("rep_future_md", future=md(ending.future), section=md(ending.section)),
        "",
        md(ending.text),
        "",
    ]
    if debrief.decided:
        out += [f"**{md(debrief.decided)}**", ""]
    out += [
        S("rep_result_md", results=md(results)),
        "",
    ]
    out += rolls_md(debrief)
    if ending.questions:
        out += [f"### {md(S('rep_questions_heading'))}", ""]
        out += [f"{n}. {md(q)}" for n, q in enumerate(ending.questions, start=1)]
        out.append("")
    return out


def rolls_md(debrief: Debrief) -> list[str]:
    """Every roll that could end the game or move a track, with its odds and result."""
    out = [f"### {md(S('rep_rolls_heading'))}", ""]
    if debrief.armed_from:
        out += [md(S("rep_armed_from", year=debrief.armed_from)), ""]
    if not debrief.rolls:
        return out + [md(S("rep_no_rolls")), ""]
    return out + [f"- {md(line)}" for line in debrief.rolls] + [""]


def game_md(rules, debrief: Debrief, since_year: int | None = None, level: int = 2) -> list[str]:
    """The sections of one game (``since_year``: only what follows a branch's fork)."""
    h = "#" * level
    out = [f"{h} {md(S('rep_sec_ending'))}", ""] + ending_md(rules, debrief)
    out += [f"{h} {md(S('rep_sec_tracks_fronts'))}", ""]
    rows = [[s.label, *s.values] for s in debrief.tracks]
    rows += [[s.label, *s.values] for _, lines in debrief.fronts.values() for s in lines]
    rows += [[S("rep_power_label", side=s.label), *s.values] for s in debrief.power]
    out += _table(["", *debrief.points], rows)
    out += [f"{h} {md(S('rep_sec_turning'))}", ""]
    points = [t for t in debrief.turning_points if since_year is None or t.year >= since_year]
    for point in points:
        out.append("- " + S("rep_turning_md", year=point.year, label=md(point.label), before=point.before, after=point.after, delta=signed(point.delta)))
        out += [f"  - {md(c.text)} ({signed(c.delta)})" for c in point.causes]
    if not points:
        out.append(md(S("rep_no_moves")))
    out.append("")
    view = T.teaching_view(rules, debrief, what_if=since_year is None)
    out += T.teaching_md(rules, debrief, view, h, md, _table)
    out += [f"{h} {md(S('rep_sec_timeline'))}", ""]
    for year, items in debrief.timeline.items():
        if since_year is not None and year < since_year:
            continue
        out += [f"{h}# {year}", ""]
        for item in items:
            mark = ""
            if item.kind == "card" and item.how in ("forced", "forced_next"):
                mark = f"[{S('rep_tag_forced')}]"
            elif item.kind == "card" and item.how in ("now", "next"):
                mark = f"[{S('rep_tag_inject')}]"
            elif item.category == "facilitator":
                mark = f"[{kind_words(item.kind)}]"
            moved = f" ({md(moved_text(item.moved))})" if item.moved else ""
            out.append(f"- {md(mark) + ' ' if mark else ''}{md(item.text)}{moved}")
            if item.kind == "card" and item.card in rules.event:
                card = rules.event[item.card]
                basis = f" ({md(basis_words(card.basis))})" if card.basis else ""
                out.append(f"  - *{md(card.section)}*{basis}: {md(card.teaching_note)}")
            elif item.kind == "order" and item.detail in rules.action:
                section, basis, _ = T.action_citation(rules, item.detail)
                out[-1] += f" ([{md(section or S('rep_order_note_link'))}](#{anchor(S('rep_sec_orders'))}))"
        out.append("")
    out += [f"{h} {md(S('rep_sec_events'))}", ""]
    cards = [c for c in debrief.cards if since_year is None or c.year >= since_year]
    head = [S(k) for k in ("rep_col_year", "rep_col_event", "rep_col_section", "rep_col_basis", "rep_col_note", "rep_col_how")]
    out += _table(head, [[c.year, c.title, c.section, basis_tag(c.basis) or S("rep_basis_not_given"), c.teaching_note, how_words(c.how)] for c in cards])
    out += T.orders_md(rules, debrief, h, md, _table)
    out += [f"{h} {md(S('rep_sec_facilitator'))}", ""]
    items = sorted((i for i in debrief.notes + debrief.injects if since_year is None or i.year >= since_year), key=lambda i: i.year)
    out += [f"- {i.year}: {md(i.text)}" for i in items] or [md(S("rep_none"))]
    out.append("")
    return out


def class_report_md(rules, lines, title: str = "") -> str:
    """One table's game as Markdown: the original line, then each what-if branch."""
    _, trunk = lines[0]
    out = [f"# {md(title or trunk.title)}", "", S("rep_summary_md", scenario=md(trunk.scenario_name), seed=trunk.seed, rules=md(trunk.rules_name)), ""]
    out += [S("rep_source_md", source=md(rules.game.source), legend=md(S("rep_basis_legend"))), ""]
    if len(lines) > 1:
        out += [f"## {md(S('rep_sec_lines'))}", ""]
        out += _table(
            [S("rep_col_line"), S("rep_col_starts"), S("rep_col_ending"), *(t.name for t in rules.tracks)],
            [
                [
                    info.name,
                    S("rep_line_original") if info.parent is None else S("rep_line_from", year=info.fork_year),
                    S("rep_ending_year", ending=d.ending.name, year=d.ending.year) if d.ending else S("rep_in_progress_year", year=d.year),
                    *(s.values[-1] for s in d.tracks),
                ]
                for info, d in lines
            ],
        )
    out += game_md(rules, trunk)
    for info, debrief in lines[1:]:
        out += [f"## {md(info.name)}", "", md(S("rep_line_rewinds_md", year=info.fork_year)), ""]
        out += game_md(rules, debrief, since_year=info.fork_year, level=3)
    return "\n".join(out).rstrip() + "\n"
