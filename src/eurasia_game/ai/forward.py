"""Playing ahead from what one side can see.

A computer player sees only its side's view.  To look ahead it builds a full
game state from that view, filling the hidden parts with guesses of its
own: the rival's secret orders (supplied by the caller), the cards still in
the deck (rebuilt from the public rules and the cards already fired) and the
random generator (a fresh seed drawn from the player's own generator).  Such
a *determinised* state never contains anything the side could not see.

The year's resolution reuses the engine's own steps, so the look-ahead
follows the rules exactly, modded or not.
"""

from __future__ import annotations

from eurasia_game.engine import rng as engine_rng
from eurasia_game.engine.compiled import compiled_quiet
# The year's resolution and checks are the engine's own steps (private to the
# engine's flow, used here so that the look-ahead can never drift from the rules).
from eurasia_game.engine.flow import _checks, _resolve, advance, deck_for
from eurasia_game.engine.state import Action, GameState, Order
from eurasia_game.engine.work import Context, Work


class QuietWork(Work):
    """A working state that keeps no log: look-ahead needs the numbers, not the story.

    It changes the numbers exactly as ``Work`` does; only the telling is skipped
    (its effects are the quiet closures, which do not note what they moved).
    """

    def __init__(self, rules, s) -> None:
        # ``Work.__init__``'s fields, in its order, filled in one go with the quiet closures
        # (the look-ahead makes tens of thousands of these a game; a test keeps the two alike).
        self.__dict__ = {
            "rules": rules, "code": compiled_quiet(rules), "scenario": s.scenario, "year": s.year, "phase": s.phase,
            "phase_done": s.phase_done, "to_act": s.to_act, "tracks": dict(s.tracks), "power": dict(s.power),
            "income": dict(s.income), "standing": {f: dict(v) for f, v in s.standing.items()}, "flags": set(s.flags),
            "deck": list(s.deck), "fired": list(s.fired), "crossed": list(s.crossed), "queue": list(s.queue),
            "dilemma": s.dilemma, "plans": dict(s.plans), "committed": list(s.committed),
            "orders_done": list(s.orders_done), "rng": s.rng, "ending": s.ending, "snapshots": list(s.snapshots),
            "steps": s.steps, "injects": list(s.injects), "armed_from": s.armed_from, "luck": s.luck,
            "events": [], "revealed": False, "moves": {},
        }

    def _position(self) -> dict:
        return {}

    def _settle(self) -> None:
        return None

    def log(self, kind: str, text: str, **extra) -> None:
        return None

    def say(self, key: str, kind: str, **values) -> None:
        return None

    def log_roll(self, effect, rolled, success, ctx) -> None:
        return None


class StratifiedWork(QuietWork):
    """A quiet working state whose chance rolls all land at one quantile.

    Judging an order with a chance effect on draws at evenly spaced
    quantiles (for two draws: one at 25%, one at 75%) gives the exact
    expectation of a 50% gamble with two evaluations instead of many.
    """

    quantile = 0.5

    def roll(self, n: int) -> int:
        return min(n - 1, int(self.quantile * n))


def quiet(rules, state) -> QuietWork:
    """A quiet working copy of a state (or of another working state)."""
    if isinstance(state, QuietWork):
        return copy_work(state)
    if isinstance(state, Work):
        state = state.freeze()
    return QuietWork(rules, state)


# How a working state's fields are copied: its tables (a new dict each, a
# front's row of standings too) and its lists and sets.  A field not named
# here (one the engine adds later) is copied by its type.
_TABLES = ("tracks", "power", "income", "plans")
_LISTS = ("deck", "fired", "crossed", "queue", "committed", "orders_done", "snapshots", "injects")
_KNOWN = frozenset(_TABLES + _LISTS + ("standing", "flags", "events", "moves", "revealed", "quantile", "rules", "scenario", "year", "phase", "phase_done", "to_act", "dilemma", "rng", "ending", "steps", "armed_from", "luck"))


def copy_work(w: QuietWork) -> QuietWork:
    """A quiet copy of a quiet working state, made directly (no frozen state in between).

    Every container is copied (a front's row of standings too), so changing
    the copy never touches ``w``; a quiet state has no log to carry over.
    """
    new = object.__new__(QuietWork)
    fields = dict(w.__dict__)
    for name in _TABLES:
        fields[name] = dict(fields[name])
    for name in _LISTS:
        fields[name] = list(fields[name])
    fields["standing"] = {front: dict(row) for front, row in fields["standing"].items()}
    fields["flags"] = set(fields["flags"])
    fields["events"] = []
    fields["moves"] = {}  # what moved since the last log line: a quiet state keeps no log
    fields["revealed"] = False
    fields.pop("quantile", None)  # a copy draws at random again
    if not _KNOWN.issuperset(fields):
        _copy_unknown(fields)
    new.__dict__ = fields
    return new


def _copy_unknown(fields: dict) -> None:
    """Copy in place the containers among ``fields`` that the copies above do not name
    (a field a newer engine added): a dict of dicts one level down, lists and sets."""
    for name in set(fields) - _KNOWN:
        value = fields[name]
        kind = type(value)
        if kind is dict:
            fields[name] = {k: (dict(v) if type(v) is dict else v) for k, v in value.items()}
        elif kind is list or kind is set:
            fields[name] = kind(value)


def fork(w: QuietWork) -> QuietWork:
    """A copy of a quiet working state of the same kind, as it is (a stratified copy keeps its
    quantile): the planner goes on from one kept part-way through a year many times.

    Every container is copied (a front's row of standings too), as in ``copy_work``.
    """
    new = object.__new__(type(w))
    fields = w.__dict__.copy()
    fields["tracks"] = fields["tracks"].copy()
    fields["power"] = fields["power"].copy()
    fields["income"] = fields["income"].copy()
    fields["plans"] = fields["plans"].copy()
    for name in _LISTS:
        fields[name] = fields[name].copy()
    fields["standing"] = {front: row.copy() for front, row in fields["standing"].items()}
    fields["flags"] = fields["flags"].copy()
    fields["events"] = []
    fields["moves"] = {}
    if not _KNOWN.issuperset(fields):
        _copy_unknown(fields)
    new.__dict__ = fields
    return new


_DECKS: dict[tuple, tuple] = {}


def public_deck(rules, game_view) -> tuple:
    """The draw deck as far as the public can tell: scenario deck less cards used up."""
    key = (id(rules), game_view.scenario)
    known = _DECKS.get(key)
    if known is None or known[0] is not rules:
        # The scenario's deck, and which of its cards can come back, once per rule set.
        deck = deck_for(rules, rules.scenario[game_view.scenario])
        if len(_DECKS) > 64:
            _DECKS.clear()
        known = _DECKS[key] = (rules, deck, frozenset(c for c in deck if rules.event[c].repeatable))
    _, deck, repeatable = known
    fired = set(game_view.fired)
    return tuple(c for c in deck if c not in fired or c in repeatable)


def determinise(rules, game_view, seed: int, rival_plan: tuple = ()) -> GameState:
    """A full state consistent with ``game_view``; hidden parts are guessed.

    ``rival_plan`` is used only when the rival has already committed its
    orders this year; otherwise the rival has planned nothing yet.
    """
    me = game_view.viewer
    plans = {s: () for s in rules.side_ids}
    if me is not None:
        plans[me] = tuple(game_view.own_plan)
    for side in rules.side_ids:
        if side != me and side in game_view.committed:
            plans[side] = tuple(rival_plan)
    return GameState(
        scenario=game_view.scenario,
        year=game_view.year,
        phase=game_view.phase,
        # A side decides either while planning (the step has not run) or on a
        # dilemma raised by a step that has already run.
        phase_done=game_view.dilemma is not None,
        to_act=game_view.to_act,
        tracks=dict(game_view.tracks),
        power=dict(game_view.power),
        income=dict(game_view.income),
        standing={f: dict(v) for f, v in game_view.standing.items()},
        flags=frozenset(game_view.flags),
        deck=public_deck(rules, game_view),
        fired=tuple(game_view.fired),
        crossed=tuple(game_view.crossed),
        queue=(),
        dilemma=game_view.dilemma,
        plans=plans,
        committed=tuple(game_view.committed),
        orders_done=tuple(game_view.orders_done),
        rng=engine_rng.seed_state(seed),
        ending=game_view.ending,
        snapshots=(),
        steps=0,
        armed_from=game_view.armed_from,
    )


def resolve_year(rules, w: Work, plans: dict, checks: bool = True) -> Work:
    """Carry out ``plans`` (side -> orders) on ``w``: the reveal, fronts, red lines (and checks).

    Cards that the year's red lines trigger stay queued; the year does not
    move on, so the caller can judge the position right after the resolution.
    """
    w.plans = {s: tuple(plans.get(s, ())) for s in rules.side_ids}
    w.committed = list(rules.side_ids)
    _resolve(w)
    if checks and w.ending is None:
        _checks(w)
    return w


def run_plans(rules, w: Work, plans: dict) -> Work:
    """Commit ``plans`` for every side and let the engine's own flow run to the next decision."""
    w.plans = {s: tuple(plans.get(s, ())) for s in rules.side_ids}
    w.committed = list(rules.side_ids)
    w.to_act = None
    advance(w)
    return w


def run_plans_to(rules, w: Work, plans: dict, stop_before: str) -> int:
    """``run_plans`` stopped just before a phase of kind ``stop_before`` runs (or at the next
    decision, if that comes first); returns the cards fired, for ``advance`` to carry on with."""
    w.plans = {s: tuple(plans.get(s, ())) for s in rules.side_ids}
    w.committed = list(rules.side_ids)
    w.to_act = None
    return advance(w, stop_before)


class Prefixes:
    """The parts of simulated years that drew nothing, kept to start later simulations from.

    A search plays the same plans from the same position many times, each
    time with a fresh seed for the game's generator.  Until the first roll
    (a chance effect, the draw of a card) nothing a simulation does depends
    on that seed, so the state it reaches there is the same every time: the
    first simulation of a line of play keeps a copy (when its generator was
    not touched), and the later ones start from the copy with their own
    seed.  Only ``rng`` differs between the seeds, and a roll is the only
    thing that reads or changes it (or the waiting what-if roll, ``luck``).
    """

    def __init__(self):
        self._kept: dict = {}

    def start(self, key, seed: int):
        """(a copy of the state kept for ``key`` with ``seed`` as its generator, the cards fired
        to reach it), or None."""
        kept = self._kept.get(key)
        if kept is None:
            return None
        w = copy_work(kept[0])
        w.rng = seed
        return w, kept[1]

    def keep(self, key, w: QuietWork, seed: int, luck, fired: int = 0) -> None:
        """Keep ``w`` (reached with ``fired`` cards fired) for ``key`` if its generator is
        still at ``seed`` and the what-if roll still ``luck`` (nothing was rolled)."""
        if w.rng == seed and w.luck == luck:
            self._kept[key] = (copy_work(w), fired)


def choose_option(rules, w: Work, side: str, option_id: str) -> Work:
    """Answer the dilemma waiting in ``w`` the way ``apply_action`` does, then run on."""
    card = rules.event[w.dilemma]
    option = next(o for o in card.dilemma.options if o.id == option_id)
    w.dilemma = None
    w.power[side] -= option.cost
    w.apply(option.effects, Context(side=side, card=card.id))
    advance(w)
    return w


def order_action(order: Order) -> Action:
    return Action("plan", order.side, action=order.action, target=order.target)
