"""The class report's teaching parts: choices against endings, and questions for the whole class.

"Choices and endings" is a matrix: one row per dilemma answer and per order
any table gave, one column per ending the tables reached.  A dilemma cell
counts the tables that gave that answer among those that reached that
ending; an order cell gives how often, on average, the tables that reached
that ending gave it.  The class questions are built from where the tables
parted: different endings, dilemmas answered differently, the widest
spread of a track, the orders everyone leaned on, and endings the dice decided.
"""

from __future__ import annotations

from collections import Counter

from eurasia_game.lang.catalogue import S
from eurasia_game.report.charts import aligned, values_by_year
from eurasia_game.report.debrief import Debrief
from eurasia_game.report.teaching import dice_ending
from eurasia_game.report.words import names_and, quoted


def _ending(debrief: Debrief) -> str:
    return debrief.ending.name if debrief.ending else S("rep_in_progress")


def _answers(rules, debrief: Debrief) -> set[tuple[str, str]]:
    out = set()
    for item in debrief.decisions:
        card = rules.event.get(item.card) if item.card else None
        if card is not None and card.dilemma is not None:
            out.add((card.id, item.detail or ""))
    return out


def _orders(debrief: Debrief) -> Counter:
    return Counter((i.side, i.detail) for items in debrief.timeline.values() for i in items if i.kind == "order" and i.detail)


def endings_order(tables) -> list[str]:
    """The endings reached, most tables first."""
    tally = Counter(_ending(t.debrief) for t in tables)
    return [name for name, _ in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))]


def choice_matrix(rules, tables) -> tuple[list[str], list[list]]:
    """(ending columns, rows): rows start with the kind ('Dilemma' or 'Order'), then what was chosen, then one cell per ending."""
    endings = endings_order(tables)
    by_ending = {name: [t for t in tables if _ending(t.debrief) == name] for name in endings}
    rows = []
    answers = {t.name: _answers(rules, t.debrief) for t in tables}
    for card in rules.events:
        if card.dilemma is None:
            continue
        for option in card.dilemma.options:
            key = (card.id, option.id)
            if not any(key in a for a in answers.values()):
                continue
            cells = []
            for name in endings:
                group = by_ending[name]
                took = sum(1 for t in group if key in answers[t.name])
                cells.append(S("rep_took", took=took, total=len(group)) if took else "-")
            rows.append([S("rep_col_dilemma"), S("rep_matrix_answer", card=card.title, option=option.label, side=rules.side[card.dilemma.side].name), *cells])
    orders = {t.name: _orders(t.debrief) for t in tables}
    for side in rules.side_ids:
        for action in rules.actions:
            key = (side, action.id)
            if side not in action.sides or not any(o.get(key) for o in orders.values()):
                continue
            cells = []
            for name in endings:
                group = by_ending[name]
                mean = sum(orders[t.name].get(key, 0) for t in group) / len(group)
                cells.append(_num(mean))
            rows.append([S("rep_col_order"), S("rep_matrix_order", side=rules.side[side].name, action=action.name), *cells])
    return endings, rows


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def class_questions(rules, tables) -> list[str]:
    out = []
    endings = endings_order(tables)
    if len(endings) > 1:
        where = "; ".join(S("rep_cq_ending_at", ending=name, tables=names_and(t.name for t in tables if _ending(t.debrief) == name)) for name in endings)
        out.append(S("rep_cq_endings", count=len(endings), where=where))
    elif endings:
        out.append(S("rep_cq_one_ending", ending=endings[0]))
    answers = {t.name: {card: opt for card, opt in _answers(rules, t.debrief)} for t in tables}
    for card in rules.events:
        if card.dilemma is None:
            continue
        given = {name: a[card.id] for name, a in answers.items() if card.id in a}
        if len(set(given.values())) > 1:
            labels = {o.id: o.label for o in card.dilemma.options}
            groups = "; ".join(S("rep_cq_chose", tables=names_and(n for n, opt in given.items() if opt == option), option=quoted(labels.get(option, option)))
                               for option in sorted(set(given.values())))
            out.append(S("rep_cq_split", card=quoted(card.title), groups=groups, section=card.section))
    tracks = tables[0].debrief.tracks
    if tracks and len(tables) > 1:
        spreads = []
        for index, series in enumerate(tracks):
            finals = [t.debrief.tracks[index].values[-1] for t in tables if index < len(t.debrief.tracks)]
            spreads.append((max(finals) - min(finals), series.label, min(finals), max(finals)))
        width, label, low, high = max(spreads)
        if width:
            out.append(S("rep_cq_spread", track=label, low=low, high=high))
    for side in rules.side_ids:
        totals = Counter()
        for t in tables:
            for (s, action), n in _orders(t.debrief).items():
                if s == side:
                    totals[action] += n
        if totals:
            action, n = max(totals.items(), key=lambda kv: (kv[1], kv[0]))
            if action in rules.action:
                out.append(S("rep_cq_orders", side=rules.side[side].name, action=quoted(rules.action[action].name), count=n))
    dice = [t.name for t in tables if dice_ending(rules, t.debrief)]
    if dice:
        out.append(S("rep_cq_dice", tables=names_and(dice)))
    return out


def aligned_rows(tables, index: int) -> tuple[tuple[str, ...], list[list]]:
    """Year-aligned rows of one track for every table: (column labels, rows of table name then values)."""
    debriefs = [t.debrief for t in tables]
    labels = aligned(debriefs)
    rows = []
    for t in tables:
        series = t.debrief.tracks[index]
        rows.append([t.name, *("" if v is None else v for v in values_by_year(t.debrief, series, labels))])
    return labels, rows

