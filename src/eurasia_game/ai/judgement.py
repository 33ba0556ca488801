"""A position's whole judgement, its projection included, written out as one function.

``Evaluator.value`` copies the position, plays the passive years ahead on
the copy (``Projection``), reads every margin twice (now and ahead) and
combines them.  For rule sets whose yearly trends and front payouts only
move numbers and flags (the base game's do), all of that can run on local
variables: each track, standing, power and income of the position is read
once into a variable of its own, the margins of the present are worked out
from them, the passive years then change the variables (and a copy of the
flags), and the margins ahead are read from the changed variables.  No
working copy is made and no table is looked up again.

The source is written from the same pieces as the other generated code
(``engine.generated`` for the rules' conditions and effects,
``ai.margins.margin_source`` for the margins, ``ai.evaluate`` for the
endings and objectives), so the arithmetic is the same, step for step.  A
rule set with anything else in those rules (a chance, a card moved, an
ending) or a condition the variables cannot hold gets no such function
(``judgement_function`` returns None) and is judged the longer way.
"""

from __future__ import annotations

import math

from eurasia_game.ai.margins import margin_source
from eurasia_game.engine.compiled import compiled_quiet
from eurasia_game.engine.candidates import targets_of
from eurasia_game.engine.generated import Places, Source, Unsupported, can_end, condition_source, effects_source


class Variables(Places):
    """Places that are local variables: one per track, per side's standing on a front, per
    side's power and income, with the year in ``yr`` and the flags in ``F``."""

    closures = False
    say = False

    def __init__(self, rules):
        self.tracks = {t.id: f"t{i}" for i, t in enumerate(rules.tracks)}
        self.standings = {(f.id, s): f"s{i}_{j}" for i, f in enumerate(rules.fronts) for j, s in enumerate(rules.side_ids)}
        self.powers = {s: f"p{j}" for j, s in enumerate(rules.side_ids)}
        self.incomes = {s: f"i{j}" for j, s in enumerate(rules.side_ids)}
        self.year = "yr"
        self.flags = "F"
        self.fired = "s.fired"
        self.orders = "OD"

    @staticmethod
    def _name(table: dict, key) -> str:
        name = table.get(key)
        if name is None:
            raise Unsupported(f"no variable for {key!r}")
        return name

    def track(self, key):
        return self._name(self.tracks, key)

    def standing(self, front, side):
        return self._name(self.standings, (front, side))

    def power(self, side):
        return self._name(self.powers, side)

    def income(self, side):
        return self._name(self.incomes, side)


_FUNCTIONS: dict[tuple, tuple] = {}


def judgement_function(evaluator, conds: list):
    """``fn(s, years, spread, keep, lam, blend, fs, n, W)``: ``evaluator.value`` of a position
    ``s`` whose game goes on, judged with ``years`` passive years ahead (``blend`` true: the
    margins blended ``keep``/``lam``; ``fs``: the weight ``front_spread``; ``n``: the checks
    left; ``W``: the weights, for the resources); None
    when the rules ask for more than variables can hold.  ``conds`` are the conditions of the
    evaluator's margins, in its order.  Made once per rule set, scenario and side."""
    rules = evaluator.rules
    key = (id(rules), evaluator.scenario, evaluator.side)
    known = _FUNCTIONS.get(key)
    if known is not None and known[0] is rules and len(known[1]) == len(conds) and all(a is b for a, b in zip(known[1], conds)):
        return known[2]
    try:
        fn = _write(evaluator, rules, conds)
    except Unsupported:
        fn = None
    if len(_FUNCTIONS) > 64:
        _FUNCTIONS.clear()
    _FUNCTIONS[key] = (rules, tuple(conds), fn)
    return fn


def _write(evaluator, rules, conds: list, resolution: bool = False):
    """The source of ``judgement_function`` (``resolution`` false) or of ``YearJudge.finish``."""
    code = compiled_quiet(rules)
    at = Variables(rules)
    src = Source(code, at)
    emit = src.emit
    if not resolution:
        # The position, read once.
        emit(1, "T = s.tracks; S = s.standing; P = s.power; I = s.income")
        for track, name in at.tracks.items():
            emit(1, f"{name} = T[{track!r}]")
        for (front, side), name in at.standings.items():
            emit(1, f"{name} = S[{front!r}][{side!r}]")
        for side in rules.side_ids:
            emit(1, f"{at.powers[side]} = P[{side!r}]; {at.incomes[side]} = I[{side!r}]")
        emit(1, "yr = s.year; F = s.flags; OD = s.orders_done")
    else:
        # The position after the orders (``YearJudge``): the values from the list ``v``, the
        # flags ``F`` and the orders made ``OD`` as the orders left them; then the rest of
        # ``flow._resolve`` (each front's payouts, the red lines), which cannot end the game.
        emit(1, " ".join(f"{name}," for name in variable_order(at)) + " = v")
        emit(1, "yr = s.year; CR = list(s.crossed)")
        at.roll, at.drop_cards = "roll", True
        for front in rules.fronts:
            for r in front.resolution:
                ctx = code.context(None, front.id)
                emit(1, f"if {condition_source(src, r.condition, None, front.id, ctx)}:")
                effects_source(src, r.effects, 2, None, front.id, ctx)
        ctx = code.context()
        for line in rules.red_lines:
            indent = 1
            if line.once:
                emit(1, f"if {line.id!r} not in CR:")
                indent = 2
            emit(indent, f"if {condition_source(src, line.condition, None, None, ctx)}:")
            emit(indent + 1, f"CR.append({line.id!r})")
            effects_source(src, line.effects, indent + 1, None, None, ctx)
        at.roll, at.drop_cards = None, False
    now = [margin_source(rules, src, c) for c in conds]
    # ``Evaluator.resources``, from the position as it is (``W``: the weights).
    me, rival = evaluator.side, evaluator.other
    emit(1, "if n <= 0:")
    emit(2, "res = 0.0")
    emit(1, "else:")
    emit(2, "ry = min(n, W.income_years)")
    emit(2, "fade = min(1.0, n / 3.0)")
    for who, name in ((me, "mine"), (rival, "theirs")):
        cap, power = evaluator.spend[who], at.power(who)
        stock = f"({power} if {power} <= {cap!r} else {cap!r} + {evaluator.excess!r} * ({power} - {cap!r}))"
        emit(2, f"{name} = W.power * {stock} + W.income * ry * {at.income(who)}")
    emit(2, "res = fade * (mine - W.rival_resources * theirs)")
    # The passive years (``Projection.run``): nobody's orders, each side's income, the
    # yearly trends, each front's payouts, then the next year; the flags on a copy.
    at.orders = "()"
    steps = [(r, None, None) for r in rules.yearly] + [(r, None, f.id) for f in rules.fronts for r in f.resolution]
    emit(1, "if years:")
    emit(2, "F = set(F)")
    emit(2, "for _ in range(years):")
    for side in rules.side_ids:
        emit(3, f"{at.powers[side]} += {at.incomes[side]}")
    for r, side, target in steps:
        ctx = code.context(side, target)
        emit(3, f"if {condition_source(src, r.condition, side, target, ctx)}:")
        effects_source(src, r.effects, 4, side, target, ctx)
    emit(3, "yr += 1")
    # The margins ahead, blended with those of now (``_value_by_loops``).
    emit(1, "if blend:")
    ahead = [margin_source(rules, src, c, indent=2) for c in conds]
    for i, (x, y) in enumerate(zip(now, ahead)):
        emit(2, f"x{i} = (keep * {x} + lam * {y} + 0.5) / spread")
    emit(1, "else:")
    for i, x in enumerate(now):
        emit(2, f"x{i} = ({x} + 0.5) / spread")

    def fronts() -> None:
        # ``Evaluator.fronts_value`` on the position ahead.
        emit(2, "lead = 0.0")
        for front in evaluator.front_ids:
            emit(2, f"lead += tanh(({at.standing(front, me)} - {at.standing(front, rival)}) / fs)")
        emit(2, "v_fronts = sigmoid(lead / max(0.5, spread * 0.5))")

    emit_chances_and_endings(src, len(conds), evaluator._sudden, evaluator._final, evaluator._objectives, fronts, "total + res")
    if resolution:
        return src.function("finish", "s, v, F, OD, roll, years, spread, keep, lam, blend, fs, n, W")
    return src.function("judgement", "s, years, spread, keep, lam, blend, fs, n, W")


def variable_order(at: Variables) -> list[str]:
    """The variables in the order of ``YearJudge``'s list: tracks, standings, then each side's
    power and income."""
    names = [*at.tracks.values(), *at.standings.values()]
    for side in at.powers:
        names += [at.powers[side], at.incomes[side]]
    return names


class Listed(Places):
    """Places in a list ``v`` (``variable_order``'s order), for an order's effects; the year and
    the cards fired read from the position ``s``, the orders made from the list ``done``."""

    closures = False
    say = False
    roll = "roll"
    drop_cards = True

    def __init__(self, rules):
        names = Variables(rules)
        index = {name: i for i, name in enumerate(variable_order(names))}
        self._at = names
        self._index = index
        self.year = "s.year"
        self.flags = "F"
        self.fired = "s.fired"
        self.orders = "done"

    def _place(self, name: str) -> str:
        return f"v[{self._index[name]}]"

    def track(self, key):
        return self._place(self._at.track(key))

    def standing(self, front, side):
        return self._place(self._at.standing(front, side))

    def power(self, side):
        return self._place(self._at.power(side))

    def income(self, side):
        return self._place(self._at.income(side))


class YearJudge:
    """``Planner._judge``'s year, judged without a working copy: for rules whose orders, front
    payouts and red lines only move numbers and flags, roll chances and queue cards.

    ``Planner._judge`` copies the position into a stratified working copy
    (every chance lands at one quantile), carries out the orders
    (``flow._resolve``: each order's cost and effects in turn, then the fronts'
    payouts and the red lines) and judges the result.  Here the position's
    numbers go into a list, each order's effects run as a generated function on
    it (the cost paid from it first, as ``_resolve`` does), and ``finish``
    (``_write`` with ``resolution``) takes the list into variables, runs the
    payouts and red lines on them and goes on as ``judgement_function``.  The
    queue of cards triggered is never read by the judgement: it is left out.
    """

    def __init__(self, evaluator, conds: list):
        rules = evaluator.rules
        self.rules = rules
        self.finish = _write(evaluator, rules, conds, resolution=True)
        at = Variables(rules)
        order = variable_order(at)
        src = Source(compiled_quiet(rules))
        reads = {name: f"T[{track!r}]" for track, name in at.tracks.items()}
        reads.update({name: f"S[{front!r}][{side!r}]" for (front, side), name in at.standings.items()})
        for side in rules.side_ids:
            reads[at.powers[side]], reads[at.incomes[side]] = f"P[{side!r}]", f"I[{side!r}]"
        src.emit(1, "T = s.tracks; S = s.standing; P = s.power; I = s.income")
        src.emit(1, "return [" + ", ".join(reads[name] for name in order) + "]")
        self.load = src.function("load", "s")
        self.power_at = {side: order.index(at.powers[side]) for side in rules.side_ids}
        if len(rules.game.side_order) != 2:
            raise Unsupported("the orders of more than two sides")
        self.first_side = rules.game.side_order[0]
        self._steps: dict = {}
        # Every order the rules allow must be writable, or the planner judges the long way.
        for act in rules.actions:
            for side in act.sides:
                for target in targets_of(rules, act):
                    self.step(act.id, side, target)

    def step(self, action_id: str, side: str, target) -> tuple:
        """(cost, index of the side's power in the list, ``fn(v, F, done, roll, s)``) of an order."""
        key = (action_id, side, target)
        known = self._steps.get(key)
        if known is None:
            code = compiled_quiet(self.rules)
            act = self.rules.action[action_id]
            if can_end(act.effects):
                raise Unsupported("an order that can end the game")
            src = Source(code, Listed(self.rules))
            effects_source(src, act.effects, 1, side, target, code.context(side, target))
            known = self._steps[key] = (act.cost, self.power_at[side], src.function("order", "v, F, done, roll, s"))
        return known

    def judge(self, state, first: tuple, second: tuple, draws: int, timing: tuple, weights) -> float:
        """``Planner._judge``'s value: the mean over ``draws`` quantiles of the orders ``first``
        and ``second`` (the plans of ``rules.game.side_order``'s two sides, or of the side
        planning and ``()``) carried out in ``state`` (a position at a decision, no what-if
        roll waiting), judged with ``weights`` and the evaluator's ``timing`` of the year."""
        # ``interleaved_orders`` for one or two sides.
        if not second:
            orders = first
        elif not first:
            orders = second
        else:
            orders = [o for pair in zip(first, second) for o in pair]
            orders += first[len(second):] or second[len(first):]
        n, years, spread, lam = timing
        keep, fs = 1 - lam, weights.front_spread
        steps, load, finish = self._steps, self.load, self.finish
        total = 0.0
        for i in range(draws):
            roll = min(99, int((i + 0.5) / draws * 100))  # ``StratifiedWork.roll(100)`` at the draw's quantile
            v = load(state)
            flags = set(state.flags)
            done = list(state.orders_done)
            for order in orders:
                known = steps.get((order.action, order.side, order.target))
                if known is None:
                    known = self.step(order.action, order.side, order.target)
                cost, at, step = known
                if v[at] < cost:
                    continue
                v[at] -= cost
                done.append(order)
                step(v, flags, done, roll, state)
            total += finish(state, v, flags, done, roll, years, spread, keep, lam, lam, fs, n, weights)
        return total / draws


_YEAR_JUDGES: dict[tuple, tuple] = {}


def year_judge(evaluator, conds: list) -> YearJudge | None:
    """A ``YearJudge`` for the evaluator's side, or None when the rules ask for more.
    Made once per rule set, scenario and side (the weights come with each judgement)."""
    rules = evaluator.rules
    key = (id(rules), evaluator.scenario, evaluator.side)
    known = _YEAR_JUDGES.get(key)
    if known is not None and known[0] is rules and len(known[1]) == len(conds) and all(a is b for a, b in zip(known[1], conds)):
        return known[2]
    made = None
    if judgement_function(evaluator, conds) is not None:
        try:
            made = YearJudge(evaluator, conds)
        except Unsupported:
            made = None
    if len(_YEAR_JUDGES) > 64:
        _YEAR_JUDGES.clear()
    _YEAR_JUDGES[key] = (rules, tuple(conds), made)
    return made


# --- the end of a judgement, shared with ``Evaluator``'s ``_judge`` -------------------------


def _sigmoid(x: float) -> float:
    """The logistic function, flat beyond ±30."""
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))


def emit_chances_and_endings(src: Source, count: int, sudden: list, final: list, objectives: list, fronts, result: str = "total") -> None:
    """The end of a generated judgement: from the blended margins' variables ``x0``... (already
    divided by the spread) to ``return total``, as the loops of ``Evaluator._value_by_loops``
    (``fronts()`` emits, at depth 2, the line that sets ``v_fronts``).  The source's names
    must include ``exp``, ``erf``, ``sqrt`` and ``SQRT2`` (see ``JUDGE_NAMES``)."""
    emit = src.emit
    for i in range(count):
        emit(1, f"c{i} = 0.0 if x{i} < -30 else 1.0 if x{i} > 30 else 1.0 / (1.0 + exp(-x{i}))")
    emit(1, "remaining = 1.0")
    emit(1, "total = 0.0")
    for index, value in sudden:
        emit(1, f"p = c{index} * remaining")
        emit(1, f"total += p * {value!r}")
        emit(1, "remaining -= p")
    emit(1, "final_total = 0.0")
    emit(1, "left = 1.0")
    emit(1, "while True:")
    done = set()
    for index, value in final:
        emit(2, "p = 1.0" if index is None else f"p = c{index}")
        if value == "fronts" or value == "objectives":
            if value not in done:
                done.add(value)
                if value == "fronts":
                    fronts()
                else:
                    _objectives_source(emit, objectives)
            value = f"v_{value}"
        else:
            value = repr(value)
        emit(2, f"final_total += left * p * {value}")
        emit(2, "left *= 1.0 - p")
        emit(2, "if left <= 1e-9: break")
    emit(2, "break")
    emit(1, "total += remaining * final_total")
    emit(1, f"return {result}")
    src.names.update(JUDGE_NAMES)


JUDGE_NAMES = {"exp": math.exp, "erf": math.erf, "sqrt": math.sqrt, "SQRT2": math.sqrt(2.0), "tanh": math.tanh, "sigmoid": _sigmoid}


def _objectives_source(emit, objectives: list) -> None:
    """``Evaluator._objectives_value`` written out (its loops unrolled, the same operations)."""
    emit(2, "var = 0.0")
    for k, (items, needed) in enumerate(objectives):
        emit(2, "t = 0.0")
        for index, points in items:
            emit(2, f"q = c{index}")
            emit(2, f"t += q * {points!r}")
            emit(2, f"var += q * (1.0 - q) * {points!r} * {points!r}")
        emit(2, f"mean{k} = t - {needed!r}")
    emit(2, "lead = mean0 - mean1")
    emit(2, "sd = sqrt(var + 0.25)")
    emit(2, "win = 0.5 * (1.0 + erf(((lead - 0.5) / sd) / SQRT2))")
    emit(2, "lose = 0.5 * (1.0 + erf(((-lead - 0.5) / sd) / SQRT2))")
    emit(2, "tie = max(0.0, 1.0 - win - lose)")
    emit(2, "v_objectives = win + 0.5 * tie")
