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

from eurasia_game import lang
from eurasia_game.engine.objectives import standing
from eurasia_game.lang.catalogue import S
from eurasia_game.report.debrief import Debrief, basis_tag, build_debrief
from eurasia_game.report.words import html_words, names_or, quoted
from eurasia_game.session.record import RecordError

STEADY = 1  # a track that moved by at most this much "held steady"
TRENDS = ("rise", "fall", "steady", "hold", "open")  # an expectation's trend; each has words: rep_expects_<trend>


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
    same_ending: bool = False  # whether the fork ends as this game does (both unfinished counts as the same)


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
                return S("rep_verdict_early")
            return S("rep_verdict_open_short") if short else S("rep_verdict_open")
        if short:
            return S("rep_verdict_yes_short") if self.matches else S("rep_verdict_no_short")
        return S("rep_verdict_yes") if self.matches else S("rep_verdict_no")


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
    here_id = debrief.ending.id if debrief.ending else None
    here = S("rep_ending_year", ending=debrief.ending.name, year=debrief.ending.year) if debrief.ending else S("rep_in_progress_year", year=debrief.year)
    rows = []
    for fork in forks:
        try:
            other = build_debrief(rules, fork.record)
        except RecordError:
            continue
        card = rules.event.get(fork.card)
        there = S("rep_ending_year", ending=other.ending.name, year=other.ending.year) if other.ending else S("rep_in_progress_year", year=other.year)
        tracks = tuple((s.label, s.values[-1], o.values[-1]) for s, o in zip(debrief.tracks, other.tracks))
        if fork.left_year is None:
            how = S("rep_whatif_how_all")
        elif fork.followed:
            how = S("rep_whatif_how_until", year=fork.left_year)
        else:
            how = S("rep_whatif_how_computer")
        rows.append(WhatIfRow(
            year=fork.year,
            side=_side_name(rules, fork.side),
            dilemma=card.title if card else fork.card,
            section=card.section if card else "",
            chosen=_option_label(card, fork.chosen),
            other=_option_label(card, fork.other),
            ending_here=here,
            ending_there=there,
            tracks=tracks,
            how=how,
            same_ending=here_id == (other.ending.id if other.ending else None),
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
            did = S(f"rep_did_{moved}", start=start, end=end)
            if item.trend == "open":
                matches = None
            elif item.trend == "hold":
                matches = moved != "fall"
            else:
                matches = moved == item.trend
            rows.append(ExpectedRow(track.name, S(f"rep_expects_{item.trend}", text=item.text), item.section, start, end, did, matches))
        else:
            names = [rules.ending[e].name for e in item.endings if e in rules.ending]
            expects = S("rep_expects_ending", text=item.text, endings=S("cli_list_sep").join(names))
            if debrief.ending is None:
                rows.append(ExpectedRow(S("rep_the_ending"), expects, item.section, None, None, S("rep_still_in_progress", year=debrief.year), None))
            else:
                did = S("rep_ending_did", ending=debrief.ending.name, year=debrief.ending.year, future=debrief.ending.future)
                rows.append(ExpectedRow(S("rep_the_ending"), expects, item.section, None, None, did, debrief.ending.id in item.endings))
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
        words = {"year": item.year, "side": side, "card": quoted(card.title), "chosen": quoted(chosen), "others": quoted(names_or(others))}
        fork = forks.get((item.year, card.title))
        if fork is not None and not fork.same_ending:
            text = S("rep_q_dilemma_replayed", **words, other=quoted(fork.other), ending=fork.ending_there)
        else:
            text = S("rep_q_dilemma", **words)
        out.append((text, card.section))
    points = sorted(debrief.turning_points, key=lambda t: -abs(t.delta))[:3]
    for point in sorted(points, key=lambda t: t.year):
        cause = next((c.text for c in point.causes), None)
        words = {"year": point.year, "label": point.label, "before": point.before, "after": point.after}
        out.append((S("rep_q_turning_cause", **words, cause=cause.rstrip(".。")) if cause else S("rep_q_turning", **words), ""))
    for items in debrief.timeline.values():
        for item in items:
            if item.kind == "red_line":
                out.append((S("rep_q_red_line", year=item.year, text=item.text.rstrip(".。")),
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
        out.append((S("rep_q_orders", side=rules.side[side].name, action=quoted(action.name), count=n), section))
    out += objective_questions(rules, debrief)
    if dice_ending(rules, debrief):
        out.append((S("rep_q_dice"), debrief.ending.section))
    expected = [r for r in expected_rows(rules, debrief) if r.matches is False]
    for row in expected[:2]:
        what = S("rep_the_ending_lower") if row.start is None else row.what
        # mid-sentence in English ("... but strategic autonomy (2030)"); German nouns keep their capital
        did = row.did[0].lower() + row.did[1:] if lang.current() == lang.SOURCE else row.did
        out.append((S("rep_q_expected", what=what, did=did), row.section))
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
        names = lambda items: S("cli_list_sep").join(quoted(o.name) for o in items)  # noqa: E731
        words = {"side": side.name, "met": len(met), "total": len(objectives), "met_names": names(met), "missed_names": names(missed)}
        key = "rep_q_objectives_all" if not missed else "rep_q_objectives_missed" if met else "rep_q_objectives_none"
        text = S(key, **words)
        sections = {o.section for o in missed or met} - {"", None}
        out.append((text, S("cli_list_sep").join(sorted(sections))))
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


def _t(text) -> str:
    """Catalogue words as element content (quotation marks kept as typed)."""
    return escape(str(text), quote=False)


def questions_html(view: TeachingView) -> str:
    if not view.questions:
        return f'<p class="muted">{_t(S("rep_no_questions"))}</p>'
    items = "".join(f"<li>{_e(q)}" + (f' <span class="muted small">({_e(s)})</span>' if s else "") + "</li>" for q, s in view.questions)
    return f'<ol class="questions">{items}</ol>'


def what_if_html(view: TeachingView) -> str:
    if not view.what_if:
        return f'<p class="muted">{_t(S("rep_no_whatif"))}</p>'
    out = [f'<p class="small muted">{_t(S("rep_whatif_intro_html"))}</p>']
    for row in view.what_if:
        changed = [(t, a, b) for t, a, b in row.tracks if a != b]
        tracks = "".join(f'<tr><td>{_e(t)}</td><td class="num">{a}</td><td class="num">{b}</td><td class="num">{b - a:+d}</td></tr>' for t, a, b in changed)
        head = f'<th>{_t(S("rep_col_track_end"))}</th>' + "".join(f'<th class="num">{_t(S(k))}</th>' for k in ("rep_col_this_game", "rep_col_what_if", "rep_col_difference"))
        table = f"<table><tr>{head}</tr>{tracks}</table>" if tracks else f'<p class="small">{_t(S("rep_whatif_same_tracks"))}</p>'
        bold = {name: f"<b>{_e(value)}</b>" for name, value in (("chosen", row.chosen), ("here", row.ending_here), ("other", row.other), ("there", row.ending_there))}
        verdict = html_words("rep_whatif_same" if row.same_ending else "rep_whatif_different", **bold)
        out.append(
            f'<div class="turning"><h3>{row.year}: {_e(row.dilemma)} <span class="muted small">({_e(row.side)}; {_e(row.section)})</span></h3>'
            f"<p>{verdict}</p>"
            f'{table}<p class="small muted">{html_words("rep_whatif_played", how=_e(row.how))}</p></div>'
        )
    return "\n".join(out)


def expected_html(view: TeachingView) -> str:
    if not view.expected:
        return f'<p class="muted">{_t(S("rep_no_expectations"))}</p>'
    rows = "".join(
        f"<tr><td><b>{_e(r.what)}</b></td><td>{_e(r.expects)} <span class=\"muted small\">({_e(r.section)})</span></td>"
        f'<td>{_e(r.did)}</td><td class="{"up" if r.matches else "down" if r.matches is False else ""}">{r.verdict()}</td></tr>'
        for r in view.expected
    )
    head = "".join(f"<th>{_t(S(k))}</th>" for k in ("rep_sec_expected", "rep_col_this_game", "rep_col_verdict"))
    return f"<table><tr><th></th>{head}</tr>{rows}</table>"


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
    label = section or S("rep_order_note")
    if basis:
        label = S("rep_cite_basis", section=label, basis=basis_tag(basis))
    return f' <a class="cite small" href="#{_e(prefix + order_anchor(item.detail))}">{_e(label)}</a>'


def orders_html(rules, debrief: Debrief, prefix: str = "") -> str:
    used = orders_used(debrief)
    if not used:
        return f'<p class="muted">{_t(S("rep_no_orders"))}</p>'
    counts = Counter(i.detail for items in debrief.timeline.values() for i in items if i.kind == "order")
    rows = []
    for action_id in used:
        action = rules.action.get(action_id)
        if action is None:
            continue
        section, basis, note = action_citation(rules, action_id)
        where = _e(section) + (f' <span class="muted small">({_e(basis_tag(basis))})</span>' if basis else "") if section else f'<span class="muted">{_t(S("rep_not_tied"))}</span>'
        rows.append(f'<tr id="{_e(prefix + order_anchor(action_id))}"><td><b>{_e(action.name)}</b></td><td class="num">{counts[action_id]}</td>'
                    f"<td>{where}</td><td>{_e(note or action.description)}</td></tr>")
    head = f'<th>{_t(S("rep_col_order"))}</th><th class="num">{_t(S("rep_col_times"))}</th><th>{_t(S("rep_col_section"))}</th><th>{_t(S("rep_col_note"))}</th>'
    return f'<table><tr>{head}</tr>{"".join(rows)}</table>'


# --- Markdown --------------------------------------------------------------------
def teaching_md(rules, debrief: Debrief, view: TeachingView, h: str, md, table) -> list[str]:
    """The three sections as Markdown (``md`` escapes, ``table`` draws a table)."""
    out = [f"{h} {md(S('rep_sec_questions'))}", ""]
    if view.questions:
        out += [f"{n}. {md(q)}" + (f" *({md(s)})*" if s else "") for n, (q, s) in enumerate(view.questions, start=1)]
    else:
        out.append(md(S("rep_no_questions")))
    out += ["", f"{h} {md(S('rep_sec_what_if'))}", ""]
    if not view.what_if:
        out += [md(S("rep_no_whatif")), ""]
    else:
        out += [md(S("rep_whatif_intro_md")), ""]
        rows = []
        for r in view.what_if:
            diff = S("cli_list_sep").join(S("rep_track_diff", track=t, before=a, after=b) for t, a, b in r.tracks if a != b) or S("rep_no_track_differs")
            rows.append([r.year, S("rep_dilemma_side", dilemma=r.dilemma, side=r.side), r.chosen, r.ending_here, r.other, r.ending_there, diff, r.how])
        keys = ("rep_col_year", "rep_col_dilemma", "rep_col_chosen", "rep_col_ending", "rep_col_other", "rep_col_its_ending", "rep_col_tracks_end", "rep_col_played")
        out += table([S(k) for k in keys], rows)
    out += [f"{h} {md(S('rep_sec_expected'))}", ""]
    if not view.expected:
        out += [md(S("rep_no_expectations")), ""]
    else:
        keys = ("rep_sec_expected", "rep_col_section_short", "rep_col_this_game", "rep_col_verdict")
        out += table(["", *(S(k) for k in keys)], [[r.what, r.expects, r.section, r.did, r.verdict(short=True)] for r in view.expected])
    return out


def orders_md(rules, debrief: Debrief, h: str, md, table) -> list[str]:
    used = orders_used(debrief)
    out = [f"{h} {md(S('rep_sec_orders'))}", ""]
    if not used:
        return out + [md(S("rep_no_orders")), ""]
    counts = Counter(i.detail for items in debrief.timeline.values() for i in items if i.kind == "order")
    rows = []
    for action_id in used:
        action = rules.action.get(action_id)
        if action is None:
            continue
        section, basis, note = action_citation(rules, action_id)
        where = S("rep_section_basis", section=section, basis=basis_tag(basis)) if section and basis else section or S("rep_not_tied")
        rows.append([action.name, counts[action_id], where, note or action.description])
    return out + table([S(k) for k in ("rep_col_order", "rep_col_times", "rep_col_section", "rep_col_note")], rows)
