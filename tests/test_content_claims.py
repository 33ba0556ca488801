"""Cards say what the article says.

Each test pins one claim of the article that a card once contradicted, so
that a later retune cannot quietly turn it around again: courtesy from
Beijing never gives Moscow its room back, siding with Beijing and joining
its institutions cost room, Beijing's money narrows the room only once
the gap is wide, old fears of China are rare and win nothing,
the indispensable partner follows a climb-down, and facts the article does
not state stay out of the cards.  Later claims: guarding autonomy after a
climb-down has a price, a falling-out and a Kremlin crisis come a step
sooner once ties are limited or the succession is open, and the scenario
of 2024 opens with the standing at the UN that years of coordination built.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from eurasia_game.engine import new_game
from eurasia_game.engine.context import Context
from eurasia_game.engine.flow import fire
from eurasia_game.engine.work import Work, holds
from eurasia_game.loading.checker import walk
from eurasia_game.loading.loader import load_rules
from eurasia_game.model import conditions as C
from eurasia_game.model import effects as E
from eurasia_game.paths import base_rules_dir

RULES = load_rules(base_rules_dir()).rules


def track_shifts(effects, track: str) -> list[int]:
    return [m.delta for _, m in walk(list(effects), ()) if isinstance(m, E.ShiftTrack) and m.track == track]


def option(card_id: str, option_id: str):
    return next(o for o in RULES.event[card_id].dilemma.options if o.id == option_id)


def conditions(card_id: str) -> list:
    return [m for _, m in walk(RULES.event[card_id].condition, ())]


def test_red_carpet_never_gives_moscow_room_back():
    card = RULES.event["red_carpet"]
    assert all(d <= 0 for d in track_shifts(card.effects, "autonomy")), "courtesy must not widen Moscow's room"
    assert not card.repeatable
    # fired through the engine, from a board where it can be drawn
    state = new_game(RULES, "full_decade", 1)
    state = replace(state, tracks={**state.tracks, "asymmetry": 7, "autonomy": 5})
    w = Work(RULES, state)
    fire(w, "red_carpet", drawn=True)
    assert w.tracks["autonomy"] <= 5
    assert w.tracks["partnership"] > state.tracks["partnership"]


def test_siding_with_beijing_in_the_trade_war_costs_room():
    side = option("trade_war", "side_with_beijing")
    assert sum(track_shifts(side.effects, "autonomy")) < 0
    assert "manoeuvre" in side.text  # the option says so in words
    stay = option("trade_war", "stay_aside")
    assert sum(track_shifts(stay.effects, "partnership")) < 0  # refusing poisons the relationship


@pytest.mark.parametrize("action_id, target", [("lend", "energy"), ("export_technology", None)])
def test_beijings_money_narrows_moscows_room_only_once_the_gap_is_wide(action_id, target):
    """The room shrinks as the asymmetry grows ("The growing asymmetry"): at rough
    parity a loan or a technology sale buys Beijing a stake, not Moscow's room."""
    action = RULES.action[action_id]
    start = new_game(RULES, "full_decade", 1)
    room = {}
    for gap in (3, 4, 5, 8):
        w = Work(RULES, replace(start, tracks={**start.tracks, "asymmetry": gap, "autonomy": 8}))
        w.apply(action.effects, Context(side="beijing", target=target))
        room[gap] = w.tracks["autonomy"]
    assert room == {3: 8, 4: 8, 5: 7, 8: 7}
    assert "gap of 5" in action.description  # the order says so in words


def test_competition_that_leaves_the_partner_well_behind_costs_more_trust():
    """Beijing caters to Moscow's sensitivity ("The growing asymmetry"): a move that leaves
    Beijing 3 or more ahead on the front costs the partnership twice."""
    compete = RULES.action["compete"]
    start = new_game(RULES, "full_decade", 1)
    lost = {}
    # Beijing's standing before the move against Moscow's 6: the move gives +2 (+1 from 7) and takes 1
    for beijing in (4, 5, 7, 8):
        standing = {**start.standing, "central_asia": {"moscow": 6, "beijing": beijing}}
        w = Work(RULES, replace(start, standing=standing, tracks={**start.tracks, "partnership": 6}))
        w.apply(compete.effects, Context(side="beijing", target="central_asia"))
        row = w.standing["central_asia"]
        lost[row["beijing"] - row["moscow"]] = 6 - w.tracks["partnership"]
    assert lost == {1: 1, 2: 1, 3: 2, 4: 2}
    assert "3 or more ahead" in compete.description  # the order says so in words


@pytest.mark.parametrize("succeeds", [True, False])
def test_a_modernisation_drive_cannot_narrow_an_overwhelming_gap(succeeds):
    """Russia's reforms fail more often than not ("The growing asymmetry"), and once the gap
    is overwhelming (9 or more) not even a drive that takes hold narrows it: the card
    follows the order to modernise, so the gap deepens up to 2030."""
    card = RULES.event["modernisation_drive"]
    start = new_game(RULES, "full_decade", 1)
    after = {}
    for gap in (7, 8, 9, 10):
        w = Work(RULES, replace(start, tracks={**start.tracks, "asymmetry": gap}))
        w.roll = (lambda n: 0) if succeeds else (lambda n: n - 1)  # the lowest roll succeeds
        fire(w, card.id, drawn=True)
        after[gap] = w.tracks["asymmetry"]
    if succeeds:
        assert after == {7: 6, 8: 7, 9: 9, 10: 10}
    else:
        assert after == {7: 8, 8: 9, 9: 10, 10: 10}
    assert RULES.action["modernise"].effects[0].condition.max == 8  # the order's own limit, the same


def test_the_room_track_has_a_band_where_both_sides_meet_their_aim():
    """At a narrow room both sides meet their objective on the track: the article's
    adaptation and accommodation, not only a tug of war."""
    def band(objective):
        c = objective.condition
        return range(c.min if c.min is not None else 0, (c.max if c.max is not None else 10) + 1)

    moscow = next(o for o in RULES.side["moscow"].objectives if o.id == "room_for_manoeuvre")
    beijing = next(o for o in RULES.side["beijing"].objectives if o.id == "moscow_bound")
    shared = set(band(moscow)) & set(band(beijing))
    assert shared == {3, 4}
    assert "3 or 4" in moscow.teaching_note  # the note names the band the rules have


def test_joining_chinas_institutions_costs_room():
    join = option("china_led_institutions", "join")
    assert sum(track_shifts(join.effects, "autonomy")) < 0
    stay = option("china_led_institutions", "stay_out")
    assert sum(track_shifts(stay.effects, "partnership")) < 0  # staying out is no free choice either


def test_old_fears_are_rare_and_win_no_room():
    card = RULES.event["old_fears_resurface"]
    assert all(d <= 0 for d in track_shifts(card.effects, "autonomy"))
    assert not card.repeatable and card.weight == 1
    assert card.basis == "extrapolation"
    assert "rare" in card.teaching_note


def test_falling_out_is_not_reduced_to_anti_americanism():
    note = RULES.event["partners_fall_out"].teaching_note
    assert "little else" not in note
    assert "anti-Americanism" in note


def test_the_indispensable_partner_card_follows_an_embrace_after_a_climb_down():
    embrace = option("pressure_to_back_down", "embrace_closer")
    assert any(isinstance(m, E.SetFlag) and m.flag == "embraced_closer" and m.value for _, m in walk(list(embrace.effects), ()))
    assert any(isinstance(m, C.FlagSet) and m.flag == "embraced_closer" for m in conditions("indispensable_role"))
    # no other card or action sets the mark
    setters = [
        path for path, m in walk(RULES, ()) if isinstance(m, E.SetFlag) and m.flag == "embraced_closer" and m.value
    ]
    assert len(setters) == 1


def test_the_indispensable_partner_ending_needs_the_embrace_and_a_warm_partnership():
    parts = [m for _, m in walk(RULES.ending["indispensable_partner"].condition, ())]
    assert any(isinstance(m, C.FlagSet) and m.flag == "embraced_closer" for m in parts)
    floors = [m.min for m in parts if isinstance(m, C.TrackIs) and m.track == "partnership"]
    # warm: the upper half of a working partnership, yet within reach of the rivalry's start
    assert floors and 6 <= min(floors) <= 7
    assert RULES.scenario["two_camps_risk"].setup.tracks["partnership"] < min(floors)


def test_the_indispensable_role_card_asks_for_the_partnership_its_ending_needs():
    # The card is the way into the ending: asking for a warmer partnership than the
    # ending itself left the article's future out of most games that could reach it.
    def floor(condition):
        return min(m.min for _, m in walk(condition, ()) if isinstance(m, C.TrackIs) and m.track == "partnership")

    assert floor(RULES.event["indispensable_role"].condition) == floor(RULES.ending["indispensable_partner"].condition)


# Facts no section of the article states, which cards once asserted.
INVENTED = (
    "from the dollar", "american chips", "nuclear", "collide", "india, japan", "the gulf",
    "thirty-year", "drilling", "academies", "outside interference", "india, an old customer",
    "widen their sanctions", "sanctions and low prices", "out of reach", "open conflict",
    "inside beijing's", "junior member",
)


def card_texts(card) -> list[str]:
    texts = [card.title, card.text, card.teaching_note]
    if card.dilemma:
        texts.append(card.dilemma.prompt)
        texts += [t for o in card.dilemma.options for t in (o.label, o.text, o.log)]
    for _, m in walk(list(card.effects), ()):
        for name in ("success_text", "failure_text", "text"):
            value = getattr(m, name, None)
            if isinstance(value, str):
                texts.append(value)
    return texts


@pytest.mark.parametrize("card_id", [e.id for e in RULES.events])
def test_cards_state_no_invented_specifics(card_id):
    text = " ".join(card_texts(RULES.event[card_id])).lower()
    found = [phrase for phrase in INVENTED if phrase in text]
    assert found == []


# The cards that carry the article's argument, and those that only push back: the
# groups the story check compares over many games (rules/story.yaml).
ARGUMENT_CHECK = next(c for c in RULES.story if c.id == "argument_outdraws_counterweights")
SUBSTANTIVE, COUNTERWEIGHTS = tuple(ARGUMENT_CHECK.cards), tuple(ARGUMENT_CHECK.than)


def test_the_argument_check_compares_the_cards_once_rare_with_the_counterweights_once_common():
    # Once the drills, the chips and a great power in doubt were drawn in 0.5-5% of
    # games, populist waves, island building and tariff walls in over 60%.
    assert {"vostok_exercise", "chips_in_weapons", "great_power_in_doubt"} <= set(SUBSTANTIVE)
    assert {"populist_wave", "island_building", "tariff_walls"} <= set(COUNTERWEIGHTS)
    assert ARGUMENT_CHECK.min >= 1 and not set(SUBSTANTIVE) & set(COUNTERWEIGHTS)


def test_substantive_cards_weigh_at_least_as_much_as_the_counterweights():
    lightest = min(RULES.event[c].weight for c in SUBSTANTIVE)
    heaviest = max(RULES.event[c].weight for c in COUNTERWEIGHTS)
    assert lightest >= heaviest
    assert not any(RULES.event[c].repeatable for c in COUNTERWEIGHTS)


def test_each_sides_goal_sums_up_its_own_objectives():
    # The goal line on the title screen and in the briefing once promised Beijing that
    # it kept "Washington's pressure in check", which is Moscow's objective, not Beijing's.
    tracks_of = {
        side.id: {m.track for o in side.objectives for _, m in walk(o.condition, ()) if isinstance(m, C.TrackIs)}
        for side in RULES.sides
    }
    assert "us_pressure" in tracks_of["moscow"] and "us_pressure" not in tracks_of["beijing"]
    beijing_goal = RULES.side["beijing"].goal
    assert "Washington" not in beijing_goal
    for front in ("Energy", "Central Asia", "Northern Sea Route"):
        assert front in beijing_goal
    assert "room for manoeuvre" in RULES.side["moscow"].goal


def test_futures_the_article_only_foresees_are_taught_as_possibilities():
    # The article says Moscow "might" make itself indispensable and that the asymmetry "may"
    # end in subordination; teaching notes once told both as if they had happened.
    notes = {card: RULES.event[card].teaching_note for card in ("indispensable_role", "loan_with_strings", "two_blocs")}
    notes["moscow_bound"] = next(o.teaching_note for o in RULES.side["beijing"].objectives if o.id == "moscow_bound")
    hedged = {key: any(word in note.split() for word in ("may", "might", "could")) for key, note in notes.items()}
    assert all(hedged.values()), hedged


def test_limiting_ties_costs_moscow_power_every_time():
    # Autonomy has a price: keeping Beijing at arm's length forgoes the contracts
    # that an embrace brings, so the option is not a free pass to the room objective.
    limit = option("pressure_to_back_down", "limit_ties")
    paid = [m.delta for _, m in walk(list(limit.effects), ()) if isinstance(m, E.GainPower) and m.side == "moscow"]
    assert paid and sum(paid) < 0
    # paid outside the once-only branch, so a second retreat costs too
    assert any(isinstance(m, E.GainPower) and m.delta < 0 for m in limit.effects)
    assert "-1 power" in limit.text  # the option says so in words


def drawable(card_id: str, track: str, level: int, *flags: str) -> bool:
    """Whether a tipping-point card's condition holds on a board of the full
    decade with tipping points armed, ``track`` at ``level`` and ``flags`` set."""
    state = new_game(RULES, "full_decade", 1)
    board = replace(state, tracks={**state.tracks, track: level}, flags=state.flags | {"crises_can_tip", *flags})
    return holds(RULES, board, RULES.event[card_id].condition)


def test_a_falling_out_comes_a_step_sooner_once_ties_are_limited():
    assert not drawable("partners_fall_out", "partnership", 6)
    assert drawable("partners_fall_out", "partnership", 6, "ties_limited")
    assert not drawable("partners_fall_out", "partnership", 7, "ties_limited")


def test_after_the_fourth_term_moscow_starts_ahead_at_the_un_with_beijing_behind_it():
    # Years of Security Council coordination: the scenario of 2024 opens near the
    # standings the full decade reaches by then, not from those of 2019.
    un = RULES.scenario["after_fourth_term"].setup.standing["un"]
    full = new_game(RULES, "full_decade", 1).standing["un"]
    assert un["moscow"] > un["beijing"] > full["beijing"]
    assert un["moscow"] > full["moscow"]


def test_an_open_succession_makes_a_kremlin_crisis_possible_a_step_sooner():
    assert not drawable("kremlin_crisis", "regime", 6)
    assert drawable("kremlin_crisis", "regime", 6, "succession_open")
    assert not drawable("kremlin_crisis", "regime", 7, "succession_open")
    # a crisis is a risk, not the likely end: most of them steady the regime
    odds = [m.percent for _, m in walk(list(RULES.event["kremlin_crisis"].effects), ()) if isinstance(m, E.Chance)]
    assert odds and max(odds) <= 25


def test_nothing_narrows_an_overwhelming_gap():
    # The article sees the gap deepening up to 2030: reform, a tariff war or any
    # other card may slow it while it is moderate, never pull it down from the top.
    def step(node, key):
        return node[key] if isinstance(key, int) else getattr(node, key)

    cuts = [path for path, m in walk(RULES, ()) if isinstance(m, E.ShiftTrack) and m.track == "asymmetry" and m.delta < 0]
    assert cuts, "no rule narrows the gap at all"
    for path in cuts:
        node, guarded = RULES, False
        for key in path:
            if isinstance(node, E.When) and key == "then":
                parts = [m for _, m in walk(node.condition, ())]
                guarded |= any(isinstance(m, C.TrackIs) and m.track == "asymmetry" and m.max is not None and m.max <= 8 for m in parts)
            node = step(node, key)
        assert guarded, f"{path} narrows the gap at any width"


@pytest.mark.parametrize("action_id", ["reach_out_to_washington", "modernise"])
def test_reaching_out_and_reform_keep_a_room_but_do_not_widen_a_free_hand(action_id):
    # The growing asymmetry narrows Moscow's room ("The growing asymmetry"): these
    # orders can keep a narrowing room, not widen one that is 7 or more (a gamble on
    # brinkmanship that pays off still can).
    action = RULES.action[action_id]
    start = new_game(RULES, "full_decade", 1)
    after = {}
    for room in (3, 6, 7, 9):
        w = Work(RULES, replace(start, tracks={**start.tracks, "autonomy": room}))
        w.apply(action.effects, Context(side="moscow"))
        after[room] = w.tracks["autonomy"]
    assert after == {3: 4, 6: 7, 7: 7, 9: 9}
    assert "6 or less" in action.description  # the order says so in words


def test_after_the_fourth_term_beijing_has_drawn_ahead_in_energy():
    # By 2024 China is Russia's first energy partner: the scenario no longer opens
    # with Moscow's lead of 2019 in Energy, and Beijing is further in than in 2019.
    energy = new_game(RULES, "after_fourth_term", 1).standing["energy"]
    decade = new_game(RULES, "full_decade", 1).standing["energy"]
    assert energy["beijing"] > energy["moscow"]
    assert energy["beijing"] > decade["beijing"]
