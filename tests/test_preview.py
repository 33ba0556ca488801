"""The plan preview: what a side's planned orders are expected to do, read from the rules.

The preview follows every roll's branches instead of rolling, so the real
resolution must always land inside what it showed; it never reads the
rival's plan and never changes the game.
"""

from __future__ import annotations

import random
from dataclasses import replace

from eurasia_game.engine import Action
from eurasia_game.engine.preview import preview, rival_reach
from eurasia_game.engine.state import Order
from eurasia_game.session.session import GameSession


def _to_planning(rules, seed: int, side: str = "moscow") -> GameSession:
    """A new game moved on to ``side``'s first chance to plan (dilemmas take their first option)."""
    session = GameSession.new(rules, seed=seed)
    for _ in range(200):
        state = session.state
        if state.to_act == side and state.dilemma is None and any(a.kind == "plan" for a in session.legal(side)):
            return session
        legal = session.legal(state.to_act)
        choose = [a for a in legal if a.kind == "choose"]
        session.act(choose[0] if choose else next(a for a in legal if a.kind == "commit"))
    raise AssertionError("never reached planning")


def _plan(session, side: str, rnd: random.Random, n: int) -> None:
    for _ in range(n):
        orders = [a for a in session.legal(side) if a.kind == "plan"]
        if not orders:
            return
        session.act(rnd.choice(orders))


def _year_end(session, side: str):
    """Commit ``side``'s plan, let the rival plan nothing, return the snapshot of the year resolved."""
    year = session.state.year
    session.act(Action("commit", side))
    while session.state.year == year and not session.state.over:
        state = session.state
        legal = session.legal(state.to_act)
        choose = [a for a in legal if a.kind == "choose"]
        session.act(choose[0] if choose else next(a for a in legal if a.kind == "commit"))
    return next(s for s in session.state.snapshots if s.year == year)


def test_no_orders_preview_moves_nothing_but_the_yearly_payouts(rules):
    session = _to_planning(rules, 11)
    p = preview(rules, session.state, "moscow")
    assert p.orders == 0 and p.branches == 1
    for _, _, c in p.changes():
        assert c.certain  # the payouts need no roll


def test_the_real_resolution_lands_inside_the_preview(rules):
    """Random plans over several games: every track and standing after the
    real year is within the previewed range, and equal to it where certain."""
    checked = rolled = 0
    for seed in range(8):
        rnd = random.Random(seed)
        session = _to_planning(rules, seed)
        _plan(session, "moscow", rnd, 3)
        before = session.state
        p = preview(rules, before, "moscow")
        assert session.state is before  # nothing taken or added
        snap = _year_end(session, "moscow")
        if len(session.state.crossed) > len(before.crossed):
            assert p.red_lines  # the preview saw the line coming; the climb-down's choice is the player's
            continue
        for t, c in p.tracks.items():
            assert c.low <= snap.tracks[t] <= c.high, (seed, t, c, snap.tracks[t])
            if c.certain:
                assert snap.tracks[t] == c.low
            rolled += not c.certain
        for f, row in p.standing.items():
            for s, c in row.items():
                assert c.low <= snap.standing[f][s] <= c.high, (seed, f, s, c)
        checked += 1
    assert checked >= 6


def test_a_gamble_is_a_range_with_odds_and_a_sure_order_is_certain(rules):
    session = _to_planning(rules, 5)
    state = session.state
    plan = (Order("moscow", "cooperate", "energy"), Order("moscow", "brinkmanship", "central_asia"))
    state = replace(state, plans={**state.plans, "moscow": plan}, power={**state.power, "moscow": 10})
    p = preview(rules, state, "moscow")
    assert p.branches >= 2
    us = p.tracks["us_pressure"]
    assert not us.certain and us.high == min(rules.track["us_pressure"].max, us.now + 1)
    assert abs(us.expected - (us.now + 0.5 * (us.high - us.now))) < 1e-9
    ca = p.standing["central_asia"]["moscow"]
    assert not ca.certain and ca.high > ca.low
    assert p.standing["energy"]["beijing"].low >= state.standing["energy"]["beijing"] + 1 - 1  # cooperate: certain +1 (payouts may trim at 8)
    # a backfired gamble crosses "No reckless gambles" half the time
    odds = {line.line: line.chance for line in p.red_lines}
    assert abs(odds.get("stability_first", 0) - 0.5) < 1e-9


def test_a_show_of_force_in_the_arctic_crosses_a_red_line_for_certain(rules):
    session = _to_planning(rules, 5)
    state = session.state
    state = replace(state, plans={**state.plans, "moscow": (Order("moscow", "brinkmanship", "arctic"),)}, power={**state.power, "moscow": 10})
    odds = {line.line: line.chance for line in preview(rules, state, "moscow").red_lines}
    assert odds.get("arctic_stability") == 1.0
    assert "stability_first" not in odds  # the first line clears the gamble's mark


def test_the_rivals_plan_is_never_read(rules):
    session = _to_planning(rules, 5)
    state = session.state
    mine = (Order("moscow", "invest", "energy"),)
    a = replace(state, plans={"moscow": mine, "beijing": ()})
    b = replace(state, plans={"moscow": mine, "beijing": (Order("beijing", "compete", "energy"), Order("beijing", "belt_and_road", "central_asia"))})
    assert preview(rules, a, "moscow") == preview(rules, b, "moscow")


def test_what_the_rival_can_move(rules):
    session = _to_planning(rules, 5)
    state = session.state
    reach = rival_reach(rules, replace(state, power={**state.power, "beijing": 10}), "beijing")
    assert "energy/moscow" in reach  # Beijing can compete in Energy
    assert "partnership" in reach
    poor = rival_reach(rules, replace(state, power={**state.power, "beijing": 0}), "beijing")
    assert not poor  # nothing affordable
    secret = replace(state, power={**state.power, "beijing": 10}, committed=("beijing",))
    assert rival_reach(rules, replace(secret, plans={"moscow": (), "beijing": ()}), "beijing") == rival_reach(rules, replace(secret, plans={"moscow": (), "beijing": (Order("beijing", "compete", "energy"),)}), "beijing")  # its plan, even an empty one, stays its secret


def test_objectives_after_the_plan(rules):
    session = _to_planning(rules, 5)
    state = replace(session.state, tracks={**session.state.tracks, "autonomy": 3}, power={**session.state.power, "moscow": 10})
    state = replace(state, plans={**state.plans, "moscow": (Order("moscow", "modernise"),)})
    p = preview(rules, state, "moscow")
    o = p.objectives["moscow"]
    assert o.low == o.high >= o.score_now  # room for manoeuvre 3 -> 4 meets an objective
    assert p.objectives["beijing"].high <= p.objectives["beijing"].score_now  # ... that Beijing's "Moscow bound" loses
    assert 0.0 <= o.chance_met <= 1.0


def test_the_rivals_reach_is_every_action_it_owns_and_can_afford_in_rules_order(rules):
    """Actions it cannot afford or does not own are passed over, not the end of the list."""
    from eurasia_game.engine.candidates import targets_of
    from eurasia_game.engine.preview import footprint

    session = _to_planning(rules, 5)
    state = session.state
    own = [a for a in rules.actions if "beijing" in a.sides]
    for power in sorted({a.cost for a in own}):
        rich = replace(state, power={**state.power, "beijing": power})
        expected: set = set()
        for action in own:
            if action.cost <= power:
                for target in targets_of(rules, action):
                    footprint(rules, action.effects, "beijing", target, expected)
        assert rival_reach(rules, rich, "beijing") == expected, power
    # the list holds an action passed over before one that is counted
    cheapest = min(a.cost for a in own)
    order = [a for a in rules.actions if not ("beijing" in a.sides and a.cost <= cheapest)]
    assert order and rules.actions.index(order[0]) < max(rules.actions.index(a) for a in own if a.cost <= cheapest)


def test_every_change_starts_from_the_state_and_marks_what_the_rival_could_move(rules):
    session = _to_planning(rules, 7)
    flags = set()
    for power in range(0, 7):
        state = replace(session.state, power={**session.state.power, "beijing": power})
        planned = replace(state, plans={**state.plans, "moscow": (Order("moscow", "invest", "energy"),)})
        p = preview(rules, planned, "moscow")
        reach = rival_reach(rules, planned, "beijing")
        for track, c in p.tracks.items():
            assert (c.now, c.rival) == (state.tracks[track], track in reach), track
        for front, row in p.standing.items():
            for side, c in row.items():
                assert (c.now, c.rival) == (state.standing[front][side], f"{front}/{side}" in reach), (front, side)
                flags.add(c.rival)
        assert p.rival_power == power
    assert flags == {True, False}, "some standings are in the rival's reach and some are not"


def test_orders_the_side_cannot_pay_for_are_counted_as_skipped(rules):
    session = _to_planning(rules, 7)
    state = session.state
    costly = max((a for a in rules.actions if "moscow" in a.sides), key=lambda a: a.cost)
    target = costly.targets[0] if isinstance(costly.targets, (list, tuple)) else rules.front_ids[0]
    order = Order("moscow", costly.id, target)
    for power, skipped in ((0, 2), (costly.cost, 1), (2 * costly.cost, 0)):
        planned = replace(state, power={**state.power, "moscow": power}, plans={**state.plans, "moscow": (order, order)})
        assert preview(rules, planned, "moscow").skipped == skipped, power


def _with(state, plan: tuple, power: int = 10, standing: dict | None = None, tracks: dict | None = None):
    """``state`` with Moscow's ``plan``, its power and some standings or tracks set."""
    table = {f: dict(row) for f, row in state.standing.items()}
    for (front, side), value in (standing or {}).items():
        table[front][side] = value
    return replace(state, plans={**state.plans, "moscow": plan}, power={**state.power, "moscow": power}, standing=table, tracks={**state.tracks, **(tracks or {})})


def test_an_investment_the_upkeep_takes_back_is_an_idle_order(rules):
    """At 7 in Energy an investment gives +1, and the upkeep of ground at 8 or more takes it
    back in the same resolution: the order costs power and changes nothing."""
    state = _to_planning(rules, 5).state
    waste = Order("moscow", "invest", "energy")
    useful = Order("moscow", "invest", "central_asia")
    p = preview(rules, _with(state, (waste, useful), standing={("energy", "moscow"): 7, ("energy", "beijing"): 3, ("central_asia", "moscow"): 4}), "moscow")
    assert p.idle == (waste,)
    assert p.standing["energy"]["moscow"].low == 7 and not p.standing["energy"]["moscow"].moved
    assert p.standing["central_asia"]["moscow"].moved
    # lower down the same investment holds: no idle order
    p = preview(rules, _with(state, (waste,), standing={("energy", "moscow"): 5, ("energy", "beijing"): 3}), "moscow")
    assert p.idle == ()


def test_orders_that_roll_set_a_flag_or_cross_a_line_are_not_idle(rules):
    state = _to_planning(rules, 5).state
    gamble = Order("moscow", "brinkmanship", "arctic")  # a roll, and a red line crossed for certain
    p = preview(rules, _with(state, (gamble,)), "moscow")
    assert p.idle == () and p.red_lines
    # a partnership at its top, and both sides at 7 in the Arctic, where the +1 each
    # reaches 8 and the upkeep takes it back: cooperation changes nothing
    coop = Order("moscow", "cooperate", "arctic")
    at_7 = {("arctic", "moscow"): 7, ("arctic", "beijing"): 7}
    full = _with(state, (coop,), standing=at_7, tracks={"partnership": rules.track["partnership"].max})
    assert preview(rules, full, "moscow").idle == (coop,)
    # at 8 the same order holds the ground the upkeep would take: not idle
    held = _with(state, (coop,), standing={("arctic", "moscow"): 8, ("arctic", "beijing"): 8}, tracks={"partnership": rules.track["partnership"].max})
    assert preview(rules, held, "moscow").idle == ()
    # one step lower on the partnership, the same order moves it: not idle
    warm = _with(state, (coop,), standing=at_7, tracks={"partnership": rules.track["partnership"].max - 1})
    assert preview(rules, warm, "moscow").idle == ()


def test_an_order_that_cannot_be_paid_for_is_skipped_not_idle(rules):
    state = _to_planning(rules, 5).state
    plan = (Order("moscow", "invest", "energy"), Order("moscow", "reach_out_to_washington", None))
    p = preview(rules, _with(state, plan, power=2, standing={("energy", "moscow"): 7}), "moscow")
    assert p.skipped == 1
    assert p.idle == (plan[0],)  # the investment is idle; the unpaid order is not called idle
