"""What the reveal of a year's orders shows, step by step, read from the game's log.

After both sides commit, the engine has already carried the orders out: the
step that did it logged "orders revealed", then each order, each front's
payout and each red line crossed, every event carrying what it moved
(``LogEvent.moved``).  This module turns that log into a sequence the reveal
screen plays: the orders of each side in their columns, one step per event
with the values before and after it, and a clock (``Timeline``) that paces
the steps by the player's animation setting.  It only reads what the engine
resolved; nothing here changes a game.  Pure Python (no pygame), so the
sequencing is tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eurasia_game.model import effects as E

# seconds each step of the reveal takes at each "Animation speed" ("off": no animation)
STEP_SECONDS = {"off": 0.0, "fast": 0.45, "normal": 0.9, "slow": 1.6}
MOVE_SHARE = 0.6  # the share of a step in which its values slide from before to after


@dataclass(frozen=True)
class Change:
    """One value moved by one step: a track (``key`` is its id) or a side's standing on a front (``front/side``)."""

    key: str
    delta: int
    before: int
    after: int

    @property
    def front(self) -> str | None:
        return self.key.split("/", 1)[0] if "/" in self.key else None

    @property
    def side(self) -> str | None:
        return self.key.split("/", 1)[1] if "/" in self.key else None


@dataclass(frozen=True)
class RevealStep:
    """One thing resolved: an order (``side``, ``action``, ``target``), a front's payout, a red line..."""

    kind: str
    text: str
    side: str | None = None
    action: str | None = None
    target: str | None = None
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Reveal:
    year: int
    steps: tuple[RevealStep, ...]
    start: dict  # key -> value before the first step (tracks by id, standings by "front/side")
    orders: dict = field(default_factory=dict)  # side -> indexes of its order steps, in its plan's order

    def values_after(self, count: int) -> dict:
        """The values once the first ``count`` steps are resolved."""
        values = dict(self.start)
        for step in self.steps[: max(0, count)]:
            for change in step.changes:
                values[change.key] = change.after
        return values

    @property
    def end(self) -> dict:
        return self.values_after(len(self.steps))

    def changes_until(self, count: int) -> list[tuple[int, Change]]:
        """Every change of the first ``count`` steps, with its step's index."""
        return [(i, c) for i, step in enumerate(self.steps[: max(0, count)]) for c in step.changes]


def _values(state) -> dict:
    values = dict(state.tracks)
    for front, row in state.standing.items():
        for side, value in row.items():
            values[f"{front}/{side}"] = value
    return values


def build_reveal(before, events, sides: tuple[str, ...] = ()) -> Reveal | None:
    """The reveal of ``events`` (one step's log) played from the state ``before`` that step.

    Returns None when the events hold no reveal of orders.  The steps run from
    the "orders revealed" event up to the next year's first event (or the
    step's end); values moved before the reveal in the same step count as the
    starting position.
    """
    from eurasia_game.engine.views import visible

    start_at = next((i for i, e in enumerate(events) if e.kind == "reveal"), None)
    if start_at is None:
        return None
    values = _values(before)
    for event in events[: start_at + 1]:
        for key, delta in event.moved:
            values[key] = values.get(key, 0) + delta
    start = dict(values)
    steps: list[RevealStep] = []
    orders: dict[str, list[int]] = {s: [] for s in sides}
    for event in events[start_at + 1 :]:
        if event.kind == "year":
            break
        changes = []
        for key, delta in event.moved:
            old = values.get(key, 0)
            values[key] = old + delta
            changes.append(Change(key, delta, old, old + delta))
        if not visible(event, None):
            continue
        action = target = None
        if event.kind == "order" and len(event.data) >= 1:
            action = event.data[0]
            target = (event.data[1] or None) if len(event.data) > 1 else None
        steps.append(RevealStep(event.kind, event.text, event.side, action, target, tuple(changes)))
        if event.kind == "order" and event.side is not None:
            orders.setdefault(event.side, []).append(len(steps) - 1)
    return Reveal(events[start_at].year, tuple(steps), start, orders)


def latest_reveal(session) -> Reveal | None:
    """The reveal of the latest step of ``session`` that revealed orders, or None."""
    for index in range(len(session.steps) - 1, 0, -1):
        step = session.steps[index]
        if any(e.kind == "reveal" for e in step.result.events):
            before = session.steps[index - 1].result.state
            return build_reveal(before, step.result.events, tuple(session.rules.side_ids))
    return None


class Timeline:
    """The reveal's clock: which step is playing and how far into it.

    ``seconds`` per step (0: everything shown at once).  ``advance(dt)``
    moves it on; ``skip()`` jumps to the end.  ``shown`` is the number of
    steps whose result is on screen (the playing one counts once its values
    have started to move).
    """

    def __init__(self, count: int, seconds: float):
        self.count = count
        self.seconds = max(0.0, seconds)
        self.elapsed = 0.0 if self.seconds > 0 and count else float("inf")

    @property
    def finished(self) -> bool:
        return self.elapsed >= self.count * self.seconds if self.seconds > 0 else True

    def advance(self, dt: float) -> None:
        if not self.finished:
            self.elapsed += max(0.0, dt)

    def skip(self) -> None:
        self.elapsed = float("inf")

    @property
    def index(self) -> int:
        """The step playing now (``count`` once all are done)."""
        if self.finished:
            return self.count
        return min(self.count, int(self.elapsed // self.seconds))

    @property
    def fraction(self) -> float:
        """How far the playing step's values have moved, 0 to 1."""
        if self.finished:
            return 1.0
        into = self.elapsed - self.index * self.seconds
        return min(1.0, into / (self.seconds * MOVE_SHARE))

    def value(self, reveal: Reveal, key: str) -> float:
        """``key``'s value on screen now: between before and after the playing step."""
        done = reveal.values_after(self.index)
        if self.finished or self.index >= len(reveal.steps):
            return float(done.get(key, 0))
        after = reveal.values_after(self.index + 1)
        a, b = done.get(key, 0), after.get(key, 0)
        return a + (b - a) * self.fraction


def pays_in_power(effects) -> bool:
    """Whether these effects can change a side's power or income (which the reveal's tracks
    and fronts do not show): an order that moved neither may still have paid out."""
    for e in effects:
        if isinstance(e, (E.GainPower, E.ChangeIncome)):
            return True
        if isinstance(e, (E.When, E.Chance)) and (pays_in_power(e.then) or pays_in_power(e.otherwise)):
            return True
    return False
