"""Immutable values of play: the game state, player actions, log events.

``GameState`` holds everything needed to continue a game, including the
random generator's state.  Its dict fields are never mutated after creation:
the engine builds new ones (see ``engine.work``).  ``*State`` is what changes in
play; ``*Def`` (in ``model``) is what the rules say.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, field, fields
from typing import Literal

ActionKind = Literal["plan", "commit", "choose", "inject", "note", "pause", "time_up", "arm", "reroll"]

# The pseudo-side of the seminar facilitator.  Facilitator acts ("inject",
# "note", "pause", "time_up", "arm": the year endings are armed from, "reroll":
# a what-if roll) are recorded like a side's actions, so a replay reproduces
# the class's game, but they never belong to a side's legal actions.
from eurasia_game.model.base import FACILITATOR  # noqa: E402  (the reserved pseudo-side)
FACILITATOR_KINDS = frozenset({"inject", "note", "pause", "time_up", "arm", "reroll"})


@dataclass(frozen=True, slots=True)
class Order:
    """An action a side planned this year, to be carried out at the reveal."""

    side: str
    action: str
    target: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    """A player's input: plan an order, finish planning, or choose a dilemma option.

    The facilitator's acts use the other fields: ``card`` and ``mode`` for an
    inject, ``text`` for a note or a pause, ``target`` (the side), ``mode``
    (the rule) and ``seconds`` (the limit) when a turn timer runs out,
    ``year`` to arm endings from that year, ``seed`` and ``skip`` for a
    what-if roll (the roll after ``skip`` more rolls comes from ``seed``).
    """

    kind: ActionKind
    side: str
    action: str | None = None
    target: str | None = None
    option: str | None = None
    card: str | None = None
    mode: str | None = None
    text: str | None = None
    seconds: int | None = None
    year: int | None = None
    seed: int | None = None
    skip: int | None = None

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "side": self.side}
        for key in _ACTION_FIELDS:
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "Action":
        return cls(kind=data["kind"], side=data["side"], **{k: data.get(k) for k in _ACTION_FIELDS})


_ACTION_FIELDS = ("action", "target", "option", "card", "mode", "text", "seconds", "year", "seed", "skip")


class LogEvent:
    """Something that happened, told in the past tense.

    ``secret_for`` names the only side allowed to see it (a planned order);
    None means everyone may see it.

    An event is data first: the engine records what happened (``kind``,
    ``data``, ``moved``...) and how to word it, and ``text`` writes the words
    the first time something reads them (a log panel, a transcript), so
    games played without being shown (replays, computer players' look-ahead,
    the balance lab) never write them.  ``text`` may be given as a string or
    as a call without arguments that returns one (a ``functools.partial``
    of a module-level function over plain values, so the result is the same
    whenever it is asked for).  Events are immutable, compare and hash by
    their words, and pickle with their words written out.
    """

    __slots__ = ("kind", "_text", "year", "side", "card", "secret_for", "data", "moved")
    __match_args__ = ("kind", "text", "year", "side", "card", "secret_for", "data", "moved")

    def __init__(
        self,
        kind: str,
        text,
        year: int,
        side: str | None = None,
        card: str | None = None,
        secret_for: str | None = None,
        data: tuple = (),
        moved: tuple = (),  # what changed right after this event: (track id | "front/side", delta) pairs
    ):
        _set_kind(self, kind)
        _set_text(self, text)
        _set_year(self, year)
        _set_side(self, side)
        _set_card(self, card)
        _set_secret_for(self, secret_for)
        _set_data(self, data)
        _set_moved(self, moved)

    @property
    def text(self) -> str:
        text = self._text
        if text.__class__ is not str:
            text = text()
            _set_text(self, text)
        return text

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field '{name}'")

    def _fields(self) -> tuple:
        return (self.kind, self.text, self.year, self.side, self.card, self.secret_for, self.data, self.moved)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self):
        return hash(self._fields())

    def __repr__(self) -> str:
        names = ("kind", "text", "year", "side", "card", "secret_for", "data", "moved")
        return "LogEvent(" + ", ".join(f"{n}={v!r}" for n, v in zip(names, self._fields())) + ")"

    def __reduce__(self):
        return (LogEvent, self._fields())

    def with_moved(self, moved: tuple) -> "LogEvent":
        """The same event with ``moved`` pairs added (the words stay unwritten if they were)."""
        return LogEvent(self.kind, self._text, self.year, self.side, self.card, self.secret_for, self.data, self.moved + moved)


# The slots' own setters: they fill a new event without going through the
# ``__setattr__`` that keeps events immutable (and are the quickest way to).
_set_kind, _set_text, _set_year, _set_side, _set_card, _set_secret_for, _set_data, _set_moved = (
    getattr(LogEvent, name).__set__ for name in LogEvent.__slots__
)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The public position at the end of a year, for charts and debriefs."""

    year: int
    tracks: dict
    standing: dict
    power: dict


@dataclass(frozen=True, slots=True)
class GameState:
    scenario: str
    year: int
    phase: int  # index into the rules' phase table
    phase_done: bool  # whether the current phase's step has run
    to_act: str | None
    tracks: dict
    power: dict
    income: dict
    standing: dict  # front id -> side id -> standing
    flags: frozenset
    deck: tuple  # card ids that can still be drawn, in rules order
    fired: tuple  # card ids fired so far, in order
    crossed: tuple  # red-line ids crossed so far
    queue: tuple  # (card id, drawn?) pairs waiting to fire
    dilemma: str | None  # card id whose dilemma awaits a choice
    plans: dict  # side id -> tuple[Order, ...]; secret until the reveal
    committed: tuple  # sides that finished planning this year
    orders_done: tuple  # orders revealed this year
    rng: int
    ending: str | None = None
    snapshots: tuple = ()
    steps: int = 0
    injects: tuple = ()  # (card id, mode) the facilitator set to fire at the next events phase
    armed_from: int = 0  # sudden endings and tipping points can end the game from this year on
    luck: tuple = ()  # a what-if roll waiting: (rolls to pass over, seed the next roll comes from)
    # What the engine worked out about this state and may reuse (the orders
    # whose requirements hold, see ``engine.legal``).  Not part of the game:
    # never compared, printed or pickled, and ``dataclasses.replace`` starts
    # the copy without it.
    memo: dict | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def over(self) -> bool:
        return self.ending is not None

    def __getstate__(self):
        return [getattr(self, name) for name in _STATE_FIELDS]

    def __setstate__(self, values) -> None:
        for name, value in zip(_STATE_FIELDS, values):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "memo", None)


_STATE_FIELDS = tuple(f.name for f in fields(GameState) if f.name != "memo")
_STATE_SETTERS = tuple(getattr(GameState, name).__set__ for name in (*_STATE_FIELDS, "memo"))


(
    _s_scenario, _s_year, _s_phase, _s_phase_done, _s_to_act, _s_tracks, _s_power, _s_income, _s_standing, _s_flags,
    _s_deck, _s_fired, _s_crossed, _s_queue, _s_dilemma, _s_plans, _s_committed, _s_orders_done, _s_rng, _s_ending,
    _s_snapshots, _s_steps, _s_injects, _s_armed_from, _s_luck, _s_memo,
) = _STATE_SETTERS


def make_state(
    scenario, year, phase, phase_done, to_act, tracks, power, income, standing, flags, deck, fired, crossed, queue,
    dilemma, plans, committed, orders_done, rng, ending, snapshots, steps, injects, armed_from, luck, memo,
) -> GameState:
    """A ``GameState`` from all its field values in declaration order, and its memo.

    The engine builds a state for every action; the dataclass's generated
    ``__init__`` (keywords, defaults, frozen checks) costs several times what
    filling the slots does, so the engine fills them.  ``memo`` is None, or
    one that holds for the new state too.
    """
    s = _new(GameState)
    _s_scenario(s, scenario)
    _s_year(s, year)
    _s_phase(s, phase)
    _s_phase_done(s, phase_done)
    _s_to_act(s, to_act)
    _s_tracks(s, tracks)
    _s_power(s, power)
    _s_income(s, income)
    _s_standing(s, standing)
    _s_flags(s, flags)
    _s_deck(s, deck)
    _s_fired(s, fired)
    _s_crossed(s, crossed)
    _s_queue(s, queue)
    _s_dilemma(s, dilemma)
    _s_plans(s, plans)
    _s_committed(s, committed)
    _s_orders_done(s, orders_done)
    _s_rng(s, rng)
    _s_ending(s, ending)
    _s_snapshots(s, snapshots)
    _s_steps(s, steps)
    _s_injects(s, injects)
    _s_armed_from(s, armed_from)
    _s_luck(s, luck)
    _s_memo(s, memo)
    return s


_new = object.__new__


@dataclass(frozen=True, slots=True)
class StepResult:
    """What applying one action produced.

    ``undoable`` is true only when nothing hidden was revealed and no random
    outcome was drawn, so taking the action back cannot re-roll anything.
    """

    state: GameState
    events: tuple[LogEvent, ...] = field(default_factory=tuple)
    undoable: bool = False


_RESULT_SETTERS = (StepResult.state.__set__, StepResult.events.__set__, StepResult.undoable.__set__)


def make_result(state: GameState, events: tuple, undoable: bool) -> StepResult:
    """``StepResult(state, events, undoable)``, filled the quick way (see ``make_state``)."""
    result = _new(StepResult)
    for setter, value in zip(_RESULT_SETTERS, (state, events, undoable)):
        setter(result, value)
    return result
