"""The report's teaching sections: questions for this table, what if, and what the article expected.

- "Questions for this table" are built from what the table did: each
  dilemma it answered (and what the other answer would have led to), its
  largest turning points, red lines crossed, its favourite orders, and
  whether a roll of the dice decided the ending.
- "What if" replays the same seed with each dilemma answered the other way
  (``session.whatif``) and sets the tracks and ending beside the table's.
- "The article expected" sets the rules' ``expectations`` (what the article
  expects of each track and of the ending) against this game.
- Orders in the timeline point to the article section and teaching note of
  their action, when the rules give them.

Plain data first (``TeachingView``), then HTML and Markdown, so the report's
other sections stay untouched.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape

from eurasia_game.engine.objectives import standing
from eurasia_game.report.debrief import Debrief, build_debrief
from eurasia_game.session.record import RecordError

STEADY = 1  # a track that moved by at most this much "held steady"
TREND_WORDS = {"rise": "rise", "fall": "fall", "steady": "hold steady", "hold": "hold or grow", "open": "go either way"}
DID_WORDS = {"rise": "rose", "fall": "fell", "steady": "held steady"}


@dataclass(frozen=True)
class WhatIfRow:
    year: int
    side: str
    dilemma: str
    section: str
    chosen: str
    other: str
    ending_here: str
    ending_there: str
    tracks: tuple[tuple[str, int, int], ...]  # (track, this game's final value, the fork's)
    how: str  # how the fork was played after the choice


@dataclass(frozen=True)
class ExpectedRow:
    what: str
    expects: str
    section: str
    start: int | None
    end: int | None
    did: str
    matches: bool | None  # None: the article leaves it open, or the game is not over

    def verdict(self, short: bool = False) -> str:
        if self.matches is None:
            if self.start is None:
                return "too early to tell"
            return "left open" if short else "the article leaves it open"
        if short:
            return "as expected" if self.matches else "not as expected"
        return "as the article expects" if self.matches else "not as the article expects"


@dataclass
class TeachingView:
    questions: list[tuple[str, str]] = field(default_factory=list)  # (question, article section or "")
    what_if: list[WhatIfRow] = field(default_factory=list)
    expected: list[ExpectedRow] = field(default_factory=list)


def _side_name(rules, side: str | None) -> str:
    item = rules.side.get(side) if side else None
    return item.name if item else (side or "")


def _option_label(card, option_id: str | None) -> str:
    for option in card.dilemma.options if card is not None and card.dilemma else ():
        if option.id == option_id:
            return option.label
    return option_id or ""


def action_citation(rules, action_id: str | None) -> tuple[str, str, str]:
    """(section, basis, note) of an action, as far as the rules give them."""
    action = rules.action.get(action_id) if action_id else None
    if action is None:
        return "", "", ""
    return action.section or "", action.basis or "", action.note or ""


# --- what if -------------------------------------------------------------------
def what_if_rows(rules, debrief: Debrief) -> list[WhatIfRow]:
    from eurasia_game.session.whatif import dilemma_forks

    if debrief.record is None:
        return []
    try:
        forks = dilemma_forks(rules, debrief.record)
    except (RecordError, ValueError):
        return []
    here = debrief.ending.name if debrief.ending else f"in progress ({debrief.year})"
    rows = []
    for fork in forks:
        try:
            other = build_debrief(rules, fork.record)
        except RecordError:
            continue
        card = rules.event.get(fork.card)
        there = f"{other.ending.name} ({other.ending.year})" if other.ending else f"in progress ({other.year})"
        tracks = tuple((s.label, s.values[-1], o.values[-1]) for s, o in zip(debrief.tracks, other.tracks))
        if fork.left_year is None:
            how = "the table's later decisions, all of them"
        elif fork.followed:
            how = f"the table's later decisions until {fork.left_year}, then computer players"
        else:
            how = "computer players from the choice on (the table's next decision no longer fitted)"
        rows.append(WhatIfRow(
            year=fork.year,
            side=_side_name(rules, fork.side),
            dilemma=card.title if card else fork.card,
            section=card.section if card else "",
            chosen=_option_label(card, fork.chosen),
            other=_option_label(card, fork.other),
            ending_here=f"{here} ({debrief.ending.year})" if debrief.ending else here,
            ending_there=there,
            tracks=tracks,
            how=how,
        ))
    return rows


# --- the article expected ----------------------------------------------------
def _trend(delta: int) -> str:
    if delta > STEADY:
        return "rise"
    if delta < -STEADY:
        return "fall"
    return "steady"


def expected_rows(rules, debrief: Debrief) -> list[ExpectedRow]:
    by_key = {s.key: s for s in debrief.tracks}
    rows = []
    for item in rules.expectations:
        if item.track is not None:
            series = by_key.get(item.track)
            track = rules.track.get(item.track)
            if series is None or track is None:
                continue
            start, end = series.values[0], series.values[-1]
            moved = _trend(end - start)
            did = f"{DID_WORDS[moved]}, {start} to {end}"
            if item.trend == "open":
                matches = None
            elif item.trend == "hold":
                matches = moved != "fall"
            else:
                matches = moved == item.trend
            rows.append(ExpectedRow(track.name, f"{item.text} (expected to {TREND_WORDS[item.trend]})", item.section, start, end, did[0].upper() + did[1:], matches))
        else:
            names = [rules.ending[e].name for e in item.endings if e in rules.ending]
            expects = f"{item.text} (in the game: {', '.join(names)})"
            if debrief.ending is None:
                rows.append(ExpectedRow("The ending", expects, item.section, None, None, f"Still in progress in {debrief.year}", None))
            else:
                did = f"{debrief.ending.name} ({debrief.ending.year}): {debrief.ending.future}"
                rows.append(ExpectedRow("The ending", expects, item.section, None, None, did, debrief.ending.id in item.endings))
    return rows


# --- questions for this table --------------------------------------------------
def dice_ending(rules, debrief: Debrief) -> bool:
    """Whether a roll of the dice ended the game (the class report asks it of every table)."""
    if debrief.ending is None:
        return False
    if debrief.decided_cause is not None:  # the debrief says what decided the game
        return debrief.decided_cause == "roll"
    for item in debrief.timeline.get(debrief.ending.year, []):
        card = rules.event.get(item.card) if item.card else None
        if item.kind == "card" and card is not None and "tipping" in card.tags:
            return True
    return False


def table_questions(rules, debrief: Debrief, what_if: list[WhatIfRow] | None = None) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    forks = {(r.year, r.dilemma): r for r in what_if or ()}
    for item in debrief.decisions:
        card = rules.event.get(item.card) if item.card else None
        if card is None or card.dilemma is None:
            continue
        side = _side_name(rules, item.side or card.dilemma.side)
        chosen = _option_label(card, item.detail)
        others = [o.label for o in card.dilemma.options if o.id != item.detail]
        text = (f"In {item.year}, {side} answered \u201c{card.title}\u201d with \u201c{chosen}\u201d rather than "
                f"\u201c{' or '.join(others)}\u201d. What did {side} hope to gain, and what did it give up?")
        fork = forks.get((item.year, card.title))
        if fork is not None and fork.ending_there.split(" (")[0] != fork.ending_here.split(" (")[0]:
            text += f" Replayed with \u201c{fork.other}\u201d, the game ended in {fork.ending_there} instead: was the table's answer the better one?"
        out.append((text, card.section))
    points = sorted(debrief.turning_points, key=lambda t: -abs(t.delta))[:3]
    for point in sorted(points, key=lambda t: t.year):
        cause = next((c.text for c in point.causes), None)
        why = f", above all through this: {cause.rstrip('.')}" if cause else ""
        out.append((f"In {point.year}, {point.label} went from {point.before} to {point.after}{why}. "
                    "Who wanted that, and could the other side have stopped it?", ""))
    for items in debrief.timeline.values():
        for item in items:
            if item.kind == "red_line":
                out.append((f"In {item.year}: {item.text.rstrip('.')}. Why was the risk taken, and what did each side gain or lose when Beijing pressed?",
                            "Risks and uncertainties" if "Risks and uncertainties" in rules.game.sources else ""))
    counts = Counter((i.side, i.detail) for items in debrief.timeline.values() for i in items if i.kind == "order" and i.detail)
    for side in rules.side_ids:
        mine = [(n, a) for (s, a), n in counts.items() if s == side]
        if not mine:
            continue
        n, action_id = max(mine, key=lambda x: (x[0], x[1]))
        action = rules.action.get(action_id)
        if action is None or n < 2:
            continue
        section, _, _ = action_citation(rules, action_id)
        out.append((f"{rules.side[side].name} ordered \u201c{action.name}\u201d {n} times, more than any other order. "
                    "What does that say about its strategy, and does the article expect that side to act so?", section))
    out += objective_questions(rules, debrief)
    if dice_ending(rules, debrief):
        out.append(("A tipping-point card and a roll of the dice ended this game. Which decisions had brought the board near that "
                    "future, and would another roll have changed the story or only its date?", debrief.ending.section))
    expected = [r for r in expected_rows(rules, debrief) if r.matches is False]
    for row in expected[:2]:
        what = "the ending" if row.start is None else row.what
        out.append((f"The article expected otherwise of {what} than your game gave ({row.did[0].lower() + row.did[1:]}). "
                    "What explains the difference: the rules, your decisions or the dice?", row.section))
    return out


def objective_questions(rules, debrief: Debrief) -> list[tuple[str, str]]:
    """For each side with objectives in the rules: which it met at the end, and a question on the ones it missed."""
    state = debrief.final
    if state is None or debrief.ending is None:
        return []
    out = []
    for side in rules.sides:
        objectives = list(side.objectives)
        if not objectives:
            continue
        reached = dict(standing(rules, state, side.id).met)
        met = [o for o in objectives if reached[o.id]]
        missed = [o for o in objectives if not reached[o.id]]
        names = lambda items: ", ".join(f"\u201c{o.name}\u201d" for o in items)  # noqa: E731
        text = f"{side.name} met {len(met)} of its {len(objectives)} objectives at the end"
        text += f" ({names(met)})" if met else ""
        if missed:
            text += f" and missed {names(missed)}. Which missed objective was within reach, and what would reaching it have cost the partnership?"
        else:
            text += ". Which of them came easiest, and did reaching them cost the other side?"
        sections = {o.section for o in missed or met} - {"", None}
        out.append((text, ", ".join(sorted(sections))))
    return out


def teaching_view(rules, debrief: Debrief, what_if: bool = True) -> TeachingView:
    """The teaching sections of one game (kept on the debrief: HTML and Markdown share one replay)."""
    key = (rules.fingerprint, what_if)
    cached = getattr(debrief, "_teaching", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    rows = what_if_rows(rules, debrief) if what_if else []
    view = TeachingView(questions=table_questions(rules, debrief, rows), what_if=rows, expected=expected_rows(rules, debrief))
    debrief._teaching = (key, view)
    return view


# --- HTML ------------------------------------------------------------------------
def _e(text) -> str:
    return escape(str(text))


def questions_html(view: TeachingView) -> str:
    if not view.questions:
        return '<p class="muted">No decisions or swings yet to ask about.</p>'
    items = "".join(f"<li>{_e(q)}" + (f' <span class="muted small">({_e(s)})</span>' if s else "") + "</li>" for q, s in view.questions)
    return f'<ol class="questions">{items}</ol>'


def what_if_html(view: TeachingView) -> str:
    if not view.what_if:
        return '<p class="muted">No dilemma was answered in this game, so there is nothing to replay.</p>'
    out = ['<p class="small muted">The same seed, replayed with the dilemma answered the other way. After the choice, '
           "the table's later decisions are given again while they stay legal; where one no longer fits, computer players finish the game.</p>"]
    for row in view.what_if:
        changed = [(t, a, b) for t, a, b in row.tracks if a != b]
        tracks = "".join(f'<tr><td>{_e(t)}</td><td class="num">{a}</td><td class="num">{b}</td><td class="num">{b - a:+d}</td></tr>' for t, a, b in changed)
        table = (f'<table><tr><th>Track at the end</th><th class="num">This game</th><th class="num">What if</th><th class="num">Difference</th></tr>{tracks}</table>'
                 if tracks else '<p class="small">Every track ends where it did in this game.</p>')
        same = row.ending_here.split(" (")[0] == row.ending_there.split(" (")[0]
        verdict = "the same ending" if same else "a different ending"
        out.append(
            f'<div class="turning"><h3>{row.year}: {_e(row.dilemma)} <span class="muted small">({_e(row.side)}; {_e(row.section)})</span></h3>'
            f"<p>Chose <b>{_e(row.chosen)}</b> and reached <b>{_e(row.ending_here)}</b>. "
            f"With <b>{_e(row.other)}</b>: <b>{_e(row.ending_there)}</b>, {verdict}.</p>"
            f'{table}<p class="small muted">Played after the choice: {_e(row.how)}.</p></div>'
        )
    return "\n".join(out)


def expected_html(view: TeachingView) -> str:
    if not view.expected:
        return '<p class="muted">These rules state no expectations of the article.</p>'
    rows = "".join(
        f"<tr><td><b>{_e(r.what)}</b></td><td>{_e(r.expects)} <span class=\"muted small\">({_e(r.section)})</span></td>"
        f'<td>{_e(r.did)}</td><td class="{"up" if r.matches else "down" if r.matches is False else ""}">{r.verdict()}</td></tr>'
        for r in view.expected
    )
    return f"<table><tr><th></th><th>The article expected</th><th>This game</th><th>Verdict</th></tr>{rows}</table>"


def order_anchor(action_id: str) -> str:
    return f"order-{action_id}"


def orders_used(debrief: Debrief) -> list[str]:
    seen = []
    for items in debrief.timeline.values():
        for item in items:
            if item.kind == "order" and item.detail and item.detail not in seen:
                seen.append(item.detail)
    return seen


def order_link_html(rules, item, prefix: str = "") -> str:
    """The link after an order in the timeline: its article section, to the note below."""
    section, basis, _ = action_citation(rules, item.detail)
    label = section or "the order's note"
    if basis:
        label += f", {basis}"
    return f' <a class="cite small" href="#{_e(prefix + order_anchor(item.detail))}">{_e(label)}</a>'


def orders_html(rules, debrief: Debrief, prefix: str = "") -> str:
    used = orders_used(debrief)
    if not used:
        return '<p class="muted">No order was given yet.</p>'
    counts = Counter(i.detail for items in debrief.timeline.values() for i in items if i.kind == "order")
    rows = []
    for action_id in used:
        action = rules.action.get(action_id)
        if action is None:
            continue
        section, basis, note = action_citation(rules, action_id)
        where = _e(section) + (f' <span class="muted small">({_e(basis)})</span>' if basis else "") if section else '<span class="muted">not tied to a section</span>'
        rows.append(f'<tr id="{_e(prefix + order_anchor(action_id))}"><td><b>{_e(action.name)}</b></td><td class="num">{counts[action_id]}</td>'
                    f"<td>{where}</td><td>{_e(note or action.description)}</td></tr>")
    return f'<table><tr><th>Order</th><th class="num">Times</th><th>Article section</th><th>Teaching note</th></tr>{"".join(rows)}</table>'


# --- Markdown --------------------------------------------------------------------
def teaching_md(rules, debrief: Debrief, view: TeachingView, h: str, md, table) -> list[str]:
    """The three sections as Markdown (``md`` escapes, ``table`` draws a table)."""
    out = [f"{h} Questions for this table", ""]
    if view.questions:
        out += [f"{n}. {md(q)}" + (f" *({md(s)})*" if s else "") for n, (q, s) in enumerate(view.questions, start=1)]
    else:
        out.append("No decisions or swings yet to ask about.")
    out += ["", f"{h} What if", ""]
    if not view.what_if:
        out += ["No dilemma was answered in this game, so there is nothing to replay.", ""]
    else:
        out += ["The same seed, replayed with the dilemma answered the other way; the table's later decisions are given again while they stay legal, then computer players finish the game.", ""]
        rows = []
        for r in view.what_if:
            diff = ", ".join(f"{t} {a} to {b}" for t, a, b in r.tracks if a != b) or "no track differs"
            rows.append([r.year, f"{r.dilemma} ({r.side})", r.chosen, r.ending_here, r.other, r.ending_there, diff, r.how])
        out += table(["Year", "Dilemma", "Chosen", "Ending", "Other option", "Its ending", "Tracks at the end (this game to what if)", "Played after the choice"], rows)
    out += [f"{h} The article expected", ""]
    if not view.expected:
        out += ["These rules state no expectations of the article.", ""]
    else:
        out += table(["", "The article expected", "Section", "This game", "Verdict"], [[r.what, r.expects, r.section, r.did, r.verdict(short=True)] for r in view.expected])
    return out


def orders_md(rules, debrief: Debrief, h: str, md, table) -> list[str]:
    used = orders_used(debrief)
    out = [f"{h} Orders and the article", ""]
    if not used:
        return out + ["No order was given yet.", ""]
    counts = Counter(i.detail for items in debrief.timeline.values() for i in items if i.kind == "order")
    rows = []
    for action_id in used:
        action = rules.action.get(action_id)
        if action is None:
            continue
        section, basis, note = action_citation(rules, action_id)
        rows.append([action.name, counts[action_id], f"{section} ({basis})" if section and basis else section or "not tied to a section", note or action.description])
    return out + table(["Order", "Times", "Article section", "Teaching note"], rows)
