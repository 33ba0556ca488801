"""The debrief of one game, built from its record: what the class talks about afterwards.

A ``Debrief`` is plain data, shared by the debrief screen in the window and
by the exported report: the timeline of the years (events with the article
section they come from and their teaching note, decisions, orders, the
facilitator's injects and notes), the value of every track and front
standing at the start and at the end of each year, the turning points, and
the ending with the article's future it stands for and its discussion
questions (which live in the rule files, so instructors can edit them).

Turning points come from the engine's own bookkeeping: every log event says
what moved right after it (``LogEvent.moved``), so the largest year-on-year
swings can name the events and decisions that caused them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from eurasia_game.engine import outcome
from eurasia_game.engine.decided import decided_by, roll_line, rolls
from eurasia_game.engine.state import FACILITATOR, GameState, LogEvent
from eurasia_game.lang.catalogue import S
from eurasia_game.session.record import GameRecord
from eurasia_game.session.replay import replay_steps

# How log events are grouped in the timeline.
CATEGORY = {
    "card": "event",
    "chance": "event",
    "say": "event",
    "chose": "decision",
    "order": "order",
    "red_line": "red_line",
    "inject": "facilitator",
    "note": "facilitator",
    "pause": "facilitator",
    "time_up": "facilitator",
    "arm": "facilitator",
    "reroll": "facilitator",
    "armed": "rule",
    "trend": "rule",
    "front": "rule",
    "income": "rule",
    "no_card": "rule",
    "reveal": "rule",
    "ending": "ending",
}
_LEFT_OUT = {"planned", "year", "committed"}
FACILITATOR_KINDS = ("inject", "note", "pause", "time_up", "arm", "reroll")  # each has words: rep_kind_<kind>
BASES = ("article", "extrapolation")  # each has words: rep_basis_<basis>, rep_basis_tag_<basis>
TURNING_POINTS = 6


@dataclass(frozen=True)
class Item:
    """One line of the timeline."""

    year: int
    kind: str  # the log event's kind
    category: str  # event, decision, order, red_line, facilitator, rule, ending
    text: str
    side: str | None = None
    card: str | None = None
    how: str | None = None  # for cards: drawn, triggered, now, next, forced, forced_next
    moved: tuple = ()  # (label, delta) pairs, in words
    detail: str | None = None  # the action id of an order, the option id of a choice


@dataclass(frozen=True)
class CardFired:
    year: int
    card: str
    title: str
    section: str
    teaching_note: str
    how: str
    basis: str = ""  # 'article' or 'extrapolation' ('' for cards that give none)


@dataclass(frozen=True)
class Cause:
    text: str
    delta: int
    year: int


@dataclass(frozen=True)
class TurningPoint:
    key: str  # a track id or "front/side"
    label: str
    year: int
    before: int
    after: int
    causes: tuple[Cause, ...]

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Series:
    key: str  # a track id or "front/side"
    label: str
    values: tuple[int, ...]  # one per point of the debrief
    low: int
    high: int


@dataclass(frozen=True)
class EndingInfo:
    id: str
    name: str
    future: str
    section: str
    text: str
    questions: tuple[str, ...]
    year: int
    results: dict


@dataclass
class Debrief:
    title: str
    rules_name: str
    scenario: str
    scenario_name: str
    seed: int
    players: dict
    start_year: int
    end_year: int
    year: int  # the year the game stands in (or ended in)
    points: tuple[str, ...]  # labels of the chart points: "Start", then one per year
    point_years: tuple[int, ...]  # the year each point closes (the start's is start_year - 1)
    tracks: tuple[Series, ...]
    fronts: dict  # front id -> (front name, tuple[Series, ...] one per side)
    power: tuple[Series, ...]
    timeline: dict = field(default_factory=dict)  # year -> list[Item]
    cards: list[CardFired] = field(default_factory=list)
    turning_points: list[TurningPoint] = field(default_factory=list)
    ending: EndingInfo | None = None
    notes: list[Item] = field(default_factory=list)
    injects: list[Item] = field(default_factory=list)
    decisions: list[Item] = field(default_factory=list)
    final: GameState | None = None
    record: GameRecord | None = None  # the game's record (the report replays it for "What if")
    decided: str | None = None  # what decided the game: a player's choice, the tracks or a roll
    decided_cause: str | None = None  # 'choice', 'tracks', 'roll' or 'event'
    rolls: list[str] = field(default_factory=list)  # every roll that could end the game or move a track, in words
    armed_from: int | None = None  # the year sudden endings and tipping points were armed from

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def series(self) -> tuple[Series, ...]:
        return self.tracks + tuple(s for _, rows in self.fronts.values() for s in rows)


def key_label(rules, key: str) -> str:
    """'Partnership', or "Moscow in Energy" for a standing."""
    if "/" in key:
        front, side = key.split("/", 1)
        return S("rep_standing_label", side=_name(rules.side, side), front=_name(rules.front, front))
    return _name(rules.track, key)


def _name(table, key: str) -> str:
    item = table.get(key)
    return getattr(item, "name", key) if item is not None else key


def _bounds(rules, key: str) -> tuple[int, int]:
    if "/" in key:
        front = rules.front.get(key.split("/", 1)[0])
        return (front.min, front.max) if front else (0, 10)
    track = rules.track.get(key)
    return (track.min, track.max) if track else (0, 10)


def _position(state) -> dict:
    """Tracks and standings of a state or a snapshot, keyed like ``LogEvent.moved``."""
    out = dict(state.tracks)
    for front, row in state.standing.items():
        for side, value in row.items():
            out[f"{front}/{side}"] = value
    return out


def _card_how(rules, event: LogEvent) -> str:
    if event.data and isinstance(event.data[0], str):
        return event.data[0]
    card = rules.event.get(event.card)
    if card is not None and event.text == rules.text("card_triggered", title=card.title):
        return "triggered"
    return "drawn"


def signed(delta: int) -> str:
    """'+2' or '-1'."""
    return f"+{delta}" if delta > 0 else str(delta)


def moved_words(rules, moved) -> tuple:
    return tuple((key_label(rules, k), d) for k, d in moved)


def build_debrief(rules, record: GameRecord, title: str = "") -> Debrief:
    """Replay ``record`` and gather its debrief (raises RecordError if it does not fit)."""
    events: list[LogEvent] = []
    state = None
    first = None
    for result in replay_steps(rules, record):
        if first is None:
            first = result
        events.extend(result.events)
        state = result.state
    return debrief_of(rules, record, first.state, first.events, state, events, title)


def debrief_of(rules, record: GameRecord, first_state: GameState, first_events, state: GameState, events, title: str = "") -> Debrief:
    """The debrief of a game given its first and last states and its whole log."""
    scenario = rules.scenario[record.scenario]
    # The position before anything happened: the first state with the first
    # steps' moves taken back.
    baseline = _position(first_state)
    for event in first_events:
        for key, delta in event.moved:
            baseline[key] -= delta
    points = [S("rep_point_start")]
    point_years = [scenario.start_year - 1]
    rows = [baseline]
    for snap in state.snapshots:
        points.append(str(snap.year))
        point_years.append(snap.year)
        rows.append(_position(snap))
    if not state.over and (not state.snapshots or state.snapshots[-1].year != state.year):
        points.append(S("rep_point_so_far", year=state.year))
        point_years.append(state.year)
        rows.append(_position(state))
    keys = list(baseline)

    def make(key: str) -> Series:
        low, high = _bounds(rules, key)
        return Series(key, key_label(rules, key), tuple(r.get(key, 0) for r in rows), low, high)

    tracks = tuple(make(t) for t in rules.track_ids if t in baseline)
    fronts = {f.id: (f.name, tuple(make(f"{f.id}/{s}") for s in rules.side_ids)) for f in rules.fronts}
    start_power = {s.id: scenario.setup.power.get(s.id, s.power) for s in rules.sides}
    power_rows = [start_power] + [dict(s.power) for s in state.snapshots]
    if len(power_rows) < len(rows):
        power_rows.append(dict(state.power))
    power = tuple(
        Series(side, rules.side[side].name, tuple(r.get(side, 0) for r in power_rows), 0, max(max(r.get(side, 0) for r in power_rows), 1))
        for side in rules.side_ids
    )
    debrief = Debrief(
        title=title or S("rep_title", game=rules.game.name, scenario=scenario.name),
        rules_name=f"{rules.game.name} {rules.game.version}",
        scenario=scenario.id,
        scenario_name=scenario.name,
        seed=record.seed,
        players=dict(record.players),
        start_year=scenario.start_year,
        end_year=scenario.end_year,
        year=state.year,
        points=tuple(points),
        point_years=tuple(point_years),
        tracks=tracks,
        fronts=fronts,
        power=power,
        final=state,
        record=record,
        armed_from=state.armed_from or None,
    )
    public = [e for e in events if e.secret_for is None]
    debrief.rolls = [S("rep_roll_ended", roll=roll_line(rules, r)) if r.ended else roll_line(rules, r) for r in rolls(public, mattered_only=True)]
    decision = decided_by(rules, state, public)
    if decision is not None:
        debrief.decided, debrief.decided_cause = decision.text, decision.cause
    _fill_timeline(rules, debrief, events, public=not state.over)
    debrief.turning_points = turning_points(rules, debrief, rows, keys, events)
    if state.over:
        ending = rules.ending[state.ending]
        debrief.ending = EndingInfo(
            id=ending.id,
            name=ending.name,
            future=ending.future,
            section=ending.section,
            text=ending.text,
            questions=tuple(ending.questions),
            year=state.year,
            results=outcome(rules, state),
        )
    return debrief


def _fill_timeline(rules, debrief: Debrief, events, public: bool) -> None:
    timeline: dict[int, list[Item]] = defaultdict(list)
    for event in events:
        if event.kind in _LEFT_OUT:
            continue
        if event.secret_for is not None and (public or event.secret_for != FACILITATOR):
            continue
        category = CATEGORY.get(event.kind, "rule")
        how = _card_how(rules, event) if event.kind == "card" else None
        item = Item(
            year=event.year,
            kind=event.kind,
            category=category,
            text=event.text,
            side=event.side,
            card=event.card,
            how=how,
            moved=moved_words(rules, event.moved),
            detail=str(event.data[0]) if event.kind in ("order", "chose") and event.data else None,
        )
        timeline[event.year].append(item)
        if event.kind == "card" and event.card in rules.event:
            card = rules.event[event.card]
            debrief.cards.append(CardFired(event.year, card.id, card.title, card.section, card.teaching_note, how, card.basis or ""))
        if event.kind == "note":
            debrief.notes.append(item)
        elif event.kind == "inject" or (event.kind == "card" and how not in ("drawn", "triggered")):
            debrief.injects.append(item)
        elif event.kind == "chose":
            debrief.decisions.append(item)
    debrief.timeline = dict(sorted(timeline.items()))


def turning_points(rules, debrief: Debrief, rows: list[dict], keys: list[str], events, limit: int = TURNING_POINTS) -> list[TurningPoint]:
    """The largest swings from one point to the next, with the events that moved them.

    Swings are compared relative to each scale's range, so a two-step move on
    a 0-10 track outranks a two-step move on a 0-20 one.
    """
    by_year: dict[int, list[LogEvent]] = defaultdict(list)
    for event in events:
        if event.moved:
            by_year[event.year].append(event)
    found = []
    for index in range(1, len(rows)):
        year = debrief.point_years[index]
        for key in keys:
            before, after = rows[index - 1][key], rows[index][key]
            if before == after:
                continue
            low, high = _bounds(rules, key)
            weight = abs(after - before) / max(1, high - low)
            found.append((weight, index, key, before, after, year))
    found.sort(key=lambda f: (-f[0], f[1], keys.index(f[2])))
    out = []
    for _, index, key, before, after, year in found[:limit]:
        causes = []
        for event in by_year.get(year, ()):
            delta = sum(d for k, d in event.moved if k == key)
            if delta:
                causes.append(Cause(event.text, delta, event.year))
        direction = 1 if after > before else -1
        causes.sort(key=lambda c: (c.delta * direction < 0, -abs(c.delta)))
        out.append(TurningPoint(key, key_label(rules, key), year, before, after, tuple(causes)))
    out.sort(key=lambda t: (t.year, -abs(t.delta)))
    return out


def how_words(how: str | None) -> str:
    """How a card came into play, in words."""
    key = {
        "drawn": "rep_how_drawn",
        "triggered": "rep_how_triggered",
        "now": "rep_how_injected",
        "next": "rep_how_injected",
        "forced": "rep_how_forced",
        "forced_next": "rep_how_forced",
    }.get(how or "")
    return S(key) if key else how or ""


def moved_text(moved) -> str:
    """'Partnership +1, US pressure -2'."""
    return S("cli_list_sep").join(S("rep_moved", label=label, delta=signed(delta)) for label, delta in moved)


def kind_words(kind: str) -> str:
    """A facilitator's log kind in words ('time up'); a card the facilitator brought in is an inject."""
    kind = "inject" if kind == "card" else kind
    return S(f"rep_kind_{kind}") if kind in FACILITATOR_KINDS else kind.replace("_", " ")


def basis_tag(basis: str | None) -> str:
    """The short basis label ('article', 'extrapolation'); what the rules give when it is neither."""
    return S(f"rep_basis_tag_{basis}") if basis in BASES else basis or ""


def basis_words(basis: str | None) -> str:
    """The basis in words for a tooltip or a note ('' when an item gives none)."""
    return S(f"rep_basis_{basis}") if basis in BASES else ""


def results_text(rules, results: dict) -> str:
    """'Moscow wins, Beijing loses': a whole phrase per side, so a language can order its words."""
    return S("cli_list_sep").join(S(f"rep_result_{r}", side=rules.side[s].name) for s, r in results.items() if s in rules.side)
