"""The report as Markdown: the same sections as the HTML page, with tables for charts.

For pasting into a course page or a shared document.  Text from the game is
escaped so that a card title or a note cannot break the layout.
"""

from __future__ import annotations

from eurasia_game.report import teaching as T
from eurasia_game.report.debrief import Debrief, how_words, moved_text, signed

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"})


def md(text) -> str:
    """Escape Markdown's special characters and fold line breaks."""
    return " ".join(str(text).split()).translate(_SPECIAL)



def _table(head: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(md(h) for h in head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return out + [""]


def ending_md(rules, debrief: Debrief) -> list[str]:
    if debrief.ending is None:
        return [f"The game is still in progress: it stands in {debrief.year}.", ""]
    ending = debrief.ending
    results = ", ".join(f"{rules.side[s].name} {r}s" if r != "draw" else f"{rules.side[s].name} draws" for s, r in ending.results.items() if s in rules.side)
    out = [
        f"**{md(ending.name)}** ({ending.year})",
        "",
        f"*The article's future:* {md(ending.future)} (article section: {md(ending.section)}).",
        "",
        md(ending.text),
        "",
    ]
    if debrief.decided:
        out += [f"**{md(debrief.decided)}**", ""]
    out += [
        f"*Result:* {md(results)}",
        "",
    ]
    out += rolls_md(debrief)
    if ending.questions:
        out += ["### Questions for discussion", ""]
        out += [f"{n}. {md(q)}" for n, q in enumerate(ending.questions, start=1)]
        out.append("")
    return out


def rolls_md(debrief: Debrief) -> list[str]:
    """Every roll that could end the game or move a track, with its odds and result."""
    out = ["### Rolls that mattered", ""]
    if debrief.armed_from:
        out += [f"Sudden endings and tipping points were armed from {debrief.armed_from}.", ""]
    if not debrief.rolls:
        return out + ["No roll of the dice could end the game or move a track.", ""]
    return out + [f"- {md(line)}" for line in debrief.rolls] + [""]


def game_md(rules, debrief: Debrief, since_year: int | None = None, level: int = 2) -> list[str]:
    """The sections of one game (``since_year``: only what follows a branch's fork)."""
    h = "#" * level
    out = [f"{h} Ending", ""] + ending_md(rules, debrief)
    out += [f"{h} Tracks and fronts over the years", ""]
    rows = [[s.label, *s.values] for s in debrief.tracks]
    rows += [[s.label, *s.values] for _, lines in debrief.fronts.values() for s in lines]
    rows += [[f"{s.label} power", *s.values] for s in debrief.power]
    out += _table(["", *debrief.points], rows)
    out += [f"{h} Turning points", ""]
    points = [t for t in debrief.turning_points if since_year is None or t.year >= since_year]
    for point in points:
        out.append(f"- **{point.year}, {md(point.label)}**: {point.before} to {point.after} ({signed(point.delta)})")
        out += [f"  - {md(c.text)} ({signed(c.delta)})" for c in point.causes]
    if not points:
        out.append("No track or front moved yet.")
    out.append("")
    view = T.teaching_view(rules, debrief, what_if=since_year is None)
    out += T.teaching_md(rules, debrief, view, h, md, _table)
    out += [f"{h} Timeline", ""]
    for year, items in debrief.timeline.items():
        if since_year is not None and year < since_year:
            continue
        out += [f"{h}# {year}", ""]
        for item in items:
            mark = ""
            if item.kind == "card" and item.how in ("forced", "forced_next"):
                mark = "[forced]"
            elif item.kind == "card" and item.how in ("now", "next"):
                mark = "[inject]"
            elif item.category == "facilitator":
                mark = f"[{item.kind.replace('_', ' ')}]"
            moved = f" ({md(moved_text(item.moved))})" if item.moved else ""
            out.append(f"- {md(mark) + ' ' if mark else ''}{md(item.text)}{moved}")
            if item.kind == "card" and item.card in rules.event:
                card = rules.event[item.card]
                out.append(f"  - *{md(card.section)}*: {md(card.teaching_note)}")
            elif item.kind == "order" and item.detail in rules.action:
                section, basis, _ = T.action_citation(rules, item.detail)
                out[-1] += f" ([{md(section or 'note')}](#orders-and-the-article))"
        out.append("")
    out += [f"{h} Events and the article", ""]
    cards = [c for c in debrief.cards if since_year is None or c.year >= since_year]
    out += _table(["Year", "Event", "Article section", "Teaching note", "How it came"], [[c.year, c.title, c.section, c.teaching_note, how_words(c.how)] for c in cards])
    out += T.orders_md(rules, debrief, h, md, _table)
    out += [f"{h} Facilitator's notes and injects", ""]
    items = sorted((i for i in debrief.notes + debrief.injects if since_year is None or i.year >= since_year), key=lambda i: i.year)
    out += [f"- {i.year}: {md(i.text)}" for i in items] or ["None."]
    out.append("")
    return out


def class_report_md(rules, lines, title: str = "") -> str:
    """One table's game as Markdown: the original line, then each what-if branch."""
    _, trunk = lines[0]
    out = [f"# {md(title or trunk.title)}", "", f"{md(trunk.scenario_name)}, seed {trunk.seed}, {md(trunk.rules_name)}", ""]
    if len(lines) > 1:
        out += ["## Lines of play (what if)", ""]
        out += _table(
            ["Line", "Starts", "Ending", *(t.name for t in rules.tracks)],
            [
                [
                    info.name,
                    "the original game" if info.parent is None else f"from the start of {info.fork_year}",
                    f"{d.ending.name} ({d.ending.year})" if d.ending else f"in progress ({d.year})",
                    *(s.values[-1] for s in d.tracks),
                ]
                for info, d in lines
            ],
        )
    out += game_md(rules, trunk)
    for info, debrief in lines[1:]:
        out += [f"## {md(info.name)}", "", f"Rewinds to the start of {info.fork_year} and plays on from there.", ""]
        out += game_md(rules, debrief, since_year=info.fork_year, level=3)
    return "\n".join(out).rstrip() + "\n"
