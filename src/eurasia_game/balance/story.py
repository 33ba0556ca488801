"""Judging the rules' story checks on the games of one balance run.

Each check type measures a list of items (a value per year, per action, per
front, per ending...) and the check holds when every item lies within its
bounds.  The value reported is the item that decides: the lowest when only
``min`` is given, the highest when only ``max`` is, and otherwise the one
furthest outside the bounds (or, when all are inside, the one nearest a
bound).  A check whose ``scenarios`` or ``players`` do not match the run is
skipped; one with nothing to measure (no game reached its year, no order was
given) is judged "n/a".  Pure functions of the rules and the game summaries
(and of the language chosen: targets, reasons and item labels are words from
``assets/words/balance.json``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from eurasia_game.balance import tables
from eurasia_game.lang.catalogue import S as W
from eurasia_game.model import story as S

PERCENT_TYPES = (S.OrderShare, S.FrontSaturation, S.EndingShare, S.SuddenShare, S.EarlyEndings, S.CardFrequency, S.WinShare, S.DilemmaShare)


@dataclass
class Verdict:
    """One check judged on one run."""

    id: str
    text: str
    type: str
    section: str | None
    target: str
    applies: bool = True
    value: float | None = None
    holds: bool | None = None  # None: nothing to measure ("n/a")
    worst: str = ""  # the item the value belongs to (a year, an action...)
    reason: str = ""  # why the check was skipped or could not be judged
    items: list = field(default_factory=list)  # (label, value) measured
    samples: dict = field(default_factory=dict)  # label -> what a share was counted over (games, orders, answers)
    outside: list = field(default_factory=list)  # labels of the items outside the bounds
    min: float | None = None  # the bounds judged (a rising track: minus its slack)
    max: float | None = None

    @property
    def holds_text(self) -> str:
        return "n/a" if self.holds is None else ("yes" if self.holds else "no")


def applies(check, scenario: str, players: dict) -> str:
    """Why the check does not apply to this run, or '' when it does."""
    if check.scenarios is not None and scenario not in check.scenarios:
        return W("bal_only_in", scenarios=W("cli_list_sep").join(check.scenarios))
    if check.players == "equal":
        return "" if len(set(players.values())) == 1 else W("bal_only_equal")
    if check.players is not None:
        wanted = {side: check.players for side in players} if isinstance(check.players, str) else check.players
        for side, level in wanted.items():
            if players.get(side) != level:
                return W("bal_only_with", players=W("cli_list_sep").join(f"{s} {lv}" for s, lv in wanted.items()))
    return ""


def _fmt(x: float) -> str:
    return f"{x:g}" if float(x).is_integer() else f"{x:.2f}".rstrip("0")


def target_text(check) -> str:
    unit = "%" if isinstance(check, PERCENT_TYPES) else ""
    if isinstance(check, S.TrackRising):
        return W("bal_rises") if check.slack == 0 else W("bal_falls_at_most", slack=_fmt(check.slack))
    lo, hi = check.min, check.max
    if lo is not None and hi is not None:
        return W("bal_between", low=f"{_fmt(lo)}{unit}", high=f"{_fmt(hi)}{unit}")
    if lo is not None:
        return f">= {_fmt(lo)}{unit}"
    return f"<= {_fmt(hi)}{unit}"


def _decide(items: list[tuple[str, float]], lo: float | None, hi: float | None) -> tuple[str, float, bool]:
    """(label, value, holds) of the deciding item."""
    def outside(v: float) -> float:
        return _outside(v, lo, hi)

    holds = all(outside(v) <= 1e-9 for _, v in items)
    if hi is None:
        label, value = min(items, key=lambda i: i[1])
    elif lo is None:
        label, value = max(items, key=lambda i: i[1])
    elif not holds:
        label, value = max(items, key=lambda i: outside(i[1]))
    else:
        label, value = min(items, key=lambda i: min(i[1] - lo, hi - i[1]))
    return label, value, holds


# --- what each type measures ----------------------------------------------------

class Run:
    """The games of one run and the series computed from them (computed once)."""

    def __init__(self, rules, scenario: str, players: dict, games: list[dict]):
        self.rules = rules
        self.scenario = rules.scenario[scenario]
        self.players = players
        self.games = games
        self.n = len(games)
        self._track_means: dict | None = None
        self._economy: list | None = None
        self._orders: list | None = None
        self._fired: Counter | None = None

    def track_mean(self, track: str, year) -> float | None:
        if self._track_means is None:
            values: dict = defaultdict(list)
            for g in self.games:
                for y, row in g["trajectory"]:
                    for t, v in row.items():
                        values[(t, y)].append(v)
            self._track_means = {k: sum(v) / len(v) for k, v in values.items()}
        if year == "start":
            year = self.scenario.start_year - 1
        elif year == "end":
            year = self.scenario.end_year
        return self._track_means.get((track, year))

    def track_steps(self, track: str) -> list[tuple]:
        """(year, next year, mean change of the track between them) over the games that
        reached the next year: each game is compared with itself, so games that end early
        (a sudden ending) do not move the figure by leaving the mean."""
        changes: dict = defaultdict(list)
        for g in self.games:
            trajectory = g["trajectory"]
            for (y0, row0), (y1, row1) in zip(trajectory, trajectory[1:]):
                if track in row0 and track in row1:
                    changes[(y0, y1)].append(row1[track] - row0[track])
        return [(y0, y1, sum(v) / len(v)) for (y0, y1), v in sorted(changes.items())]

    def years(self) -> list[int]:
        return [self.scenario.start_year - 1] + list(range(self.scenario.start_year, self.scenario.end_year + 1))

    @property
    def economy(self) -> list[dict]:
        if self._economy is None:
            self._economy = tables.economy(self.rules, self.games)
        return self._economy

    @property
    def orders(self) -> list[dict]:
        if self._orders is None:
            self._orders = tables.orders(self.rules, self.games)
        return self._orders

    @property
    def fired(self) -> Counter:
        """In how many games each card fired (a card fired twice in one game counts once)."""
        if self._fired is None:
            self._fired = Counter()
            for g in self.games:
                self._fired.update(set(g["fired"]))
        return self._fired

    def deck(self) -> list[str]:
        from eurasia_game.engine import new_game

        return list(new_game(self.rules, self.scenario.id, 0).deck)


def _year(year) -> str:
    """A check's year as a label: the number, or 'start' / 'end' in words."""
    return W("bal_start") if year == "start" else W("bal_end") if year == "end" else str(year)


def _pct(k: int, n: int) -> float:
    return 100.0 * k / n


def _share(label: str, k: int, n: int) -> tuple[str, float, int]:
    """A share of games (or of their final positions): its label, its value in
    percent and the number of games, from which the report gives its interval.

    Shares of orders and of dilemma answers stay plain items: a game gives many
    of them, and they move together, so an interval that took each as a draw
    of its own would be too narrow.
    """
    return label, _pct(k, n), n


def measure(check, run: Run) -> tuple[list[tuple], str]:
    """The items a check judges, or an empty list and why there is nothing to judge.

    An item is (label, value), or (label, value in percent, games) for a share
    of games, so the report can say how far chance alone moves it.
    """
    rules = run.rules
    if isinstance(check, S.TrackMean):
        mean = run.track_mean(check.track, check.year)
        return ([(_year(check.year), mean)], "") if mean is not None else ([], W("bal_no_game_in", year=_year(check.year)))
    if isinstance(check, S.TrackChange):
        a, b = run.track_mean(check.track, check.from_year), run.track_mean(check.track, check.to_year)
        if a is None or b is None:
            return [], W("bal_no_game_in", year=_year(check.from_year if a is None else check.to_year))
        return [(W("bal_year_to_year", first=_year(check.from_year), last=_year(check.to_year)), b - a)], ""
    if isinstance(check, S.TrackRising):
        steps = run.track_steps(check.track)
        if not steps:
            return [], W("bal_fewer_than_two")
        return [(W("bal_year_to_year", first=first, last=last), change) for first, last, change in steps], ""
    if isinstance(check, S.IncomeLead):
        by = {(r["side"], r["year"]): r["mean_income"] for r in run.economy}
        others = [s for s in rules.side_ids if s != check.side]
        items = []
        for year in sorted({y for _, y in by}):
            if (check.side, year) in by and all((o, year) in by for o in others):
                items.append((str(year), by[(check.side, year)] - max(by[(o, year)] for o in others)))
        return items, "" if items else W("bal_no_income")
    if isinstance(check, S.UnspentPower):
        items = [(str(r["year"]), r["mean_power"] / r["mean_income"]) for r in run.economy if r["side"] == check.side and r["mean_income"] > 0]
        return items, "" if items else W("bal_no_income")
    if isinstance(check, S.OrderShare):
        sides = [check.side] if check.side is not None else list(rules.side_ids)
        items = []
        for row in run.orders:
            if row["side"] not in sides or not row["total"]:
                continue
            if check.actions is not None and row["action"] not in check.actions:
                continue
            if check.actions is None and row["action"] not in tables.side_actions(rules, row["side"]):
                continue
            items.append((f"{row['side']} {row['action']}", 100.0 * row["share"]))
        return items, "" if items else W("bal_no_order")
    if not run.n:
        return [], W("bal_no_games_reason")
    if isinstance(check, S.FrontSaturation):
        finals = tables.final_positions(run.games)
        if not finals:
            return [], W("bal_no_finished_year")
        items = []
        for front_id in check.fronts or rules.front_ids:
            front = rules.front[front_id]
            both = sum(1 for pos in finals if pos.get(front_id) and all(v >= front.max for v in pos[front_id].values()))
            items.append(_share(front_id, both, len(finals)))
        return items, ""
    if isinstance(check, S.EndingShare):
        counts = Counter(g["ending"] for g in run.games)
        return [_share(e, counts.get(e, 0), run.n) for e in (check.endings or run.scenario.endings)], ""
    if isinstance(check, S.SuddenShare):
        sudden = sum(1 for g in run.games if g["ending"] in rules.ending and rules.ending[g["ending"]].check == "sudden")
        return [_share(W("bal_sudden_deaths"), sudden, run.n)], ""
    if isinstance(check, S.EarlyEndings):
        if check.before == "midpoint":
            midpoint = run.scenario.midpoint
            early = sum(1 for g in run.games if g["ending"] and g["last_year"] < midpoint)
            return [_share(W("bal_before", year=midpoint), early, run.n)], ""
        full = run.scenario.end_year - run.scenario.start_year + 1
        early = sum(1 for g in run.games if g["ending"] and g["years"] < full * check.before / 100)
        return [_share(W("bal_before_share", percent=_fmt(check.before), years=full), early, run.n)], ""
    if isinstance(check, S.CardFrequency):
        fired = run.fired
        cards = check.cards or run.deck()
        return [_share(c, fired.get(c, 0), run.n) for c in cards], "" if cards else W("bal_empty_deck")
    if isinstance(check, S.CardShareRatio):
        deck = set(run.deck())
        mine, theirs = [c for c in check.cards if c in deck], [c for c in check.than if c in deck]
        if not mine or not theirs:
            return [], W("bal_group_not_in_deck")
        fired = run.fired
        mean_mine = sum(fired.get(c, 0) for c in mine) / len(mine)
        mean_theirs = sum(fired.get(c, 0) for c in theirs) / len(theirs)
        if not mean_theirs:
            return [], W("bal_group_never_drawn")
        return [(W("bal_card_groups", cards=len(mine), than=len(theirs)), mean_mine / mean_theirs)], ""
    if isinstance(check, S.WinShare):
        pool = [g for g in run.games if sorted(g["results"].values()) == ["lose", "win"]] if check.of == "decided" else run.games
        if not pool:
            return [], W("bal_no_decided")
        sides = [check.side] if check.side is not None else list(rules.side_ids)
        return [_share(s, sum(1 for g in pool if g["results"].get(s) == "win"), len(pool)) for s in sides], ""
    if isinstance(check, S.DilemmaShare):
        answers: dict = defaultdict(Counter)
        for g in run.games:
            for card, option, _side in g["choices"]:
                answers[card][option] += 1
        items = []
        for card in check.cards or [e.id for e in rules.events if e.dilemma is not None]:
            total = sum(answers[card].values())
            if total < check.min_answers or card not in rules.event or rules.event[card].dilemma is None:
                continue
            items += [(f"{card} {o.id}", _pct(answers[card][o.id], total)) for o in rules.event[card].dilemma.options]
        return items, "" if items else W("bal_no_dilemma_answered", count=check.min_answers)
    raise TypeError(f"no measure for {type(check).__name__}")  # pragma: no cover - every type is handled


def judge(check, run: Run) -> Verdict:
    verdict = Verdict(check.id, check.text, check.type, check.section, target_text(check))
    reason = applies(check, run.scenario.id, run.players)
    if reason:
        verdict.applies, verdict.reason = False, reason
        return verdict
    measured, why = measure(check, run)
    items = [(item[0], item[1]) for item in measured]
    verdict.items = items
    verdict.samples = {item[0]: item[2] for item in measured if len(item) == 3}
    if not items:
        verdict.reason = why
        return verdict
    if isinstance(check, S.TrackRising):
        lo, hi = -check.slack, None
    else:
        lo, hi = check.min, check.max
    verdict.min, verdict.max = lo, hi
    verdict.worst, verdict.value, verdict.holds = _decide(items, lo, hi)
    verdict.outside = [label for label, value in items if _outside(value, lo, hi) > 1e-9]
    return verdict


def _outside(v: float, lo: float | None, hi: float | None) -> float:
    return max((lo - v) if lo is not None else 0.0, (v - hi) if hi is not None else 0.0, 0.0)


def evaluate(rules, scenario: str, players: dict, games: list[dict]) -> list[Verdict]:
    """Every story check of the rules, judged on this run (skipped ones included, marked)."""
    run = Run(rules, scenario, players, games)
    return [judge(check, run) for check in rules.story]
