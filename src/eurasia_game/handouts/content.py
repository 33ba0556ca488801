"""What each handout says, as plain data gathered from the rules.

Shared by the printed handouts and the window's briefing screen, so the two
never disagree.  Objectives a side plays for come from the side's own rule
entry when the rules give them (``objectives``), else from its goal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eurasia_game.engine.describe import describe_condition
from eurasia_game.lang.catalogue import S


@dataclass(frozen=True)
class Point:
    """A paraphrased point with the article section it comes from."""

    section: str
    text: str


@dataclass(frozen=True)
class Briefing:
    side: str
    name: str
    role: str
    goal: str
    objectives: tuple[str, ...]
    interests: tuple[str, ...]
    fears: tuple[str, ...]
    red_lines: tuple[tuple[str, str], ...]  # (name, text)
    red_lines_are_own: bool
    argument: tuple[Point, ...]
    questions: tuple[str, ...]
    orders: tuple[tuple[str, int, str], ...]  # (name, cost, description)
    start: dict = field(default_factory=dict)  # power, income, orders per year


def side_objectives(rules, side) -> tuple[str, ...]:
    """The objectives a side plays for, in words, each with its article section."""
    return tuple(S("hand_objective_cited", name=o.name, text=o.text, section=o.section) if o.section else S("hand_objective", name=o.name, text=o.text) for o in side.objectives)


def _red_line_owner(rules, line) -> str | None:
    owner = getattr(line, "side", None)
    if owner:
        return owner
    # The base game's red lines are Beijing's; without a field, say so for the larger side
    return None


def briefing(rules, side_id: str, scenario_id: str | None = None) -> Briefing | None:
    """The briefing of ``side_id``, or None when the rules give that side none."""
    entry = rules.briefing.get(side_id)
    side = rules.side.get(side_id)
    if entry is None or side is None:
        return None
    scenario = rules.scenario.get(scenario_id or rules.game.default_scenario)
    setup = scenario.setup if scenario is not None else None
    owners = {_red_line_owner(rules, line) for line in rules.red_lines}
    own = side_id in owners
    red = tuple((line.name, line.text) for line in rules.red_lines)
    orders = tuple((a.name, a.cost, a.description) for a in rules.actions if side_id in a.sides)
    start = {
        "power": setup.power.get(side_id, side.power) if setup else side.power,
        "income": setup.income.get(side_id, side.income) if setup else side.income,
        "orders": side.orders_per_year,
    }
    return Briefing(
        side=side_id,
        name=side.name,
        role=entry.role,
        goal=side.goal,
        objectives=side_objectives(rules, side),
        interests=tuple(entry.interests),
        fears=tuple(entry.fears),
        red_lines=red,
        red_lines_are_own=own,
        argument=tuple(Point(a.section, a.text) for a in entry.argument),
        questions=tuple(entry.questions),
        orders=orders,
        start=start,
    )


@dataclass(frozen=True)
class RulesSheet:
    phases: tuple[tuple[str, str], ...]
    sides: tuple[tuple[str, int, int, int, str], ...]  # name, power, income, orders, goal
    tracks: tuple[tuple[str, int, int, int, str, str, str], ...]  # name, min, max, start, low, high, danger
    fronts: tuple[tuple[str, str], ...]  # name, stakes
    actions: tuple[tuple[str, str, int, str], ...]  # name, who, cost, description
    yearly: tuple[str, ...]
    red_lines: tuple[str, ...]
    endings: tuple[tuple[str, str, str], ...]  # name, when, future
    help: tuple[tuple[str, str], ...]
    years: str


def rules_sheet(rules, scenario_id: str | None = None) -> RulesSheet:
    scenario = rules.scenario.get(scenario_id or rules.game.default_scenario)
    setup = scenario.setup if scenario is not None else None
    sides = tuple(
        (
            s.name,
            setup.power.get(s.id, s.power) if setup else s.power,
            setup.income.get(s.id, s.income) if setup else s.income,
            s.orders_per_year,
            s.goal,
        )
        for s in rules.sides
    )
    tracks = []
    for t in rules.tracks:
        start = setup.tracks.get(t.id, t.start) if setup else t.start
        danger = "; ".join(S("hand_danger_zone", low=z.min, high=z.max, label=z.label) for z in t.zones if z.danger)
        tracks.append((t.name, t.min, t.max, start, t.low_label, t.high_label, danger))
    fronts = tuple((f.name, " ".join(s if s.endswith((".", "。")) else s + "." for s in f.stakes)) for f in rules.fronts)
    everyone = set(rules.side_ids)
    actions = []
    for a in rules.actions:
        who = S("hand_who_both") if set(a.sides) >= everyone else S("cli_list_sep").join(rules.side[s].name for s in a.sides if s in rules.side)
        actions.append((a.name, who, a.cost, a.description))
    allowed = set(scenario.endings) if scenario is not None else None
    endings = []
    for ending in rules.endings:
        if allowed is not None and ending.id not in allowed:
            continue
        if ending.check == "sudden":
            when = S("hand_when_sudden", condition=describe_condition(rules, ending.condition)) if ending.condition else S("hand_when_any_year")
        else:
            when = S("hand_when_end", condition=describe_condition(rules, ending.condition)) if ending.condition else S("hand_when_otherwise")
        endings.append((ending.name, when, ending.future))
    years = ""
    if scenario is not None:
        span = f"{scenario.start_year}-{scenario.end_year}"
        key = "hand_years_named" if span in scenario.name else "hand_years"
        years = S(key, scenario=scenario.name, span=span, minutes=scenario.minutes)
    return RulesSheet(
        phases=tuple((p.name, p.description) for p in rules.phases),
        sides=sides,
        tracks=tuple(tracks),
        fronts=fronts,
        actions=tuple(actions),
        yearly=tuple(r.text for r in rules.yearly),
        red_lines=tuple(S("hand_red_line", name=r.name, text=r.text) for r in rules.red_lines),
        endings=tuple(endings),
        help=tuple((h.title, h.text) for h in rules.help),
        years=years,
    )


def citation_text(citation) -> str:
    """The full citation in one line: title, author, publisher, date, address, note."""
    if citation is None:
        return ""
    parts = [S("hand_quoted", text=citation.title)]
    parts.append(citation.author if citation.author else S("hand_author_unknown"))
    for value in (citation.publisher, citation.date, citation.url):
        if value:
            parts.append(value)
    joined = S("cli_list_sep").join(parts)
    return S("hand_citation_note", parts=joined, note=citation.note) if citation.note else S("hand_citation", parts=joined)
