"""Direct tests of engine lines that random play rarely pins down.

A chance is decided by ``roll < percent``: the tests pick generator states
that roll exactly on the line and one below it, so a ``<=`` (or any other
shift of the boundary) fails here instead of passing unnoticed among random
outcomes.  Red lines are crossed twice in a row, once with ``once: true`` and
once with ``once: false``, in rules with no cards or trends to get in the way.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pydantic import TypeAdapter

from eurasia_game.engine import Action, apply_action, new_game, rng, view
from eurasia_game.engine.work import Context, Work
from eurasia_game.model.conditions import Condition
from eurasia_game.model.content import RedLineDef
from eurasia_game.model.effects import Effect
from eurasia_game.model.ruleset import RuleSet

_EFFECT = TypeAdapter(Effect)


def generator_state_rolling(value: int, n: int = 100) -> int:
    """A generator state whose next ``below(n)`` is exactly ``value``."""
    for seed in range(100_000):
        state = rng.seed_state(seed)
        if rng.below(state, n)[1] == value:
            return state
    pytest.fail(f"no generator state in 100000 seeds rolls {value}")


@pytest.mark.parametrize("percent", [1, 30, 50, 99])
def test_a_chance_succeeds_on_one_below_its_percent_and_fails_exactly_on_it(rules, percent):
    track = rules.tracks[0]
    chance = _EFFECT.validate_python(
        {
            "type": "chance",
            "percent": percent,
            "then": [{"type": "track", "track": track.id, "delta": 1}],
            "else": [{"type": "track", "track": track.id, "delta": -1}],
        }
    )
    middle = (track.min + track.max) // 2
    for rolled, success in ((percent - 1, True), (percent, False)):
        w = Work(rules, new_game(rules, seed=1))
        w.rng = generator_state_rolling(rolled)
        w.tracks[track.id] = middle
        w.apply_one(chance, Context(side=rules.side_ids[0]))
        assert w.rng == rng.below(generator_state_rolling(rolled), 100)[0], "the chance used exactly one roll"
        assert w.tracks[track.id] == middle + (1 if success else -1), f"a roll of {rolled} against {percent}%"


def test_a_sure_miss_and_a_near_sure_hit_at_the_edges_of_the_die(rules):
    """Roll 0 passes every chance (percent is at least 1); roll 99 fails every one (at most 99)."""
    track = rules.tracks[0]
    middle = (track.min + track.max) // 2
    for percent in (1, 99):
        chance = _EFFECT.validate_python(
            {"type": "chance", "percent": percent, "then": [{"type": "track", "track": track.id, "delta": 1}]}
        )
        for rolled, moved in ((0, 1), (99, 0)):
            w = Work(rules, new_game(rules, seed=1))
            w.rng = generator_state_rolling(rolled)
            w.tracks[track.id] = middle
            w.apply_one(chance, Context())
            assert w.tracks[track.id] == middle + moved, f"a roll of {rolled} against {percent}%"


# --- red lines ---------------------------------------------------------------------------------


def rules_with_red_lines(rules, lines: list[dict]) -> RuleSet:
    """The base rules with only ``lines`` as red lines, and no cards or yearly trends."""
    data = {name: getattr(rules, name) for name in RuleSet.model_fields}
    data["yearly"] = ()
    data["scenarios"] = tuple(s.model_copy(update={"events_per_year": 0, "opening_cards": []}) for s in rules.scenarios)
    data["red_lines"] = tuple(RedLineDef.model_validate(line) for line in lines)
    return RuleSet(**data)


def red_line(line_id: str, once: bool, flag: str, track: str) -> dict:
    return {
        "id": line_id,
        "name": line_id,
        "text": "A line for the test.",
        "when": {"type": "flag", "flag": flag},
        "once": once,
        "effects": [{"type": "track", "track": track, "delta": 1}],
        "log": f"{line_id} was crossed.",
    }


def play_a_year_with_flags(rules, state, flags: set[str]):
    """Set ``flags`` at the start of planning, let both sides commit; the events and the next state."""
    assert rules.phases[state.phase].kind == "plan" and not state.over
    state = replace(state, flags=frozenset(state.flags | flags))
    events = []
    for side in rules.game.side_order:
        result = apply_action(rules, state, Action("commit", side))
        events += result.events
        state = result.state
    return state, events


def test_a_red_line_with_once_true_is_crossed_once_and_with_once_false_every_time(rules):
    first, second = rules.tracks[0].id, rules.tracks[1].id
    quiet = rules_with_red_lines(
        rules,
        [red_line("once_only", True, "line_once", first), red_line("every_time", False, "line_always", second)],
    )
    state = new_game(quiet, None, 0)
    assert state.dilemma is None and not state.over
    start = dict(state.tracks)
    crossings = []
    for year in range(2):
        state, events = play_a_year_with_flags(quiet, state, {"line_once", "line_always"})
        assert not state.over, f"the game ended in year {year + 1}; the test needs two"
        crossings.append([e.text for e in events if e.kind == "red_line"])
    assert crossings == [["once_only was crossed.", "every_time was crossed."], ["every_time was crossed."]]
    assert state.tracks[first] == start[first] + 1, "a once-only line's effects apply only the first time"
    assert state.tracks[second] == start[second] + 2, "a repeatable line's effects apply each time"
    assert state.crossed.count("once_only") == 1 and state.crossed.count("every_time") == 2


def test_a_red_line_whose_condition_does_not_hold_is_not_crossed(rules):
    first = rules.tracks[0].id
    quiet = rules_with_red_lines(rules, [red_line("once_only", True, "line_once", first)])
    state = new_game(quiet, None, 0)
    start = state.tracks[first]
    state, events = play_a_year_with_flags(quiet, state, set())
    assert [e for e in events if e.kind == "red_line"] == []
    assert state.tracks[first] == start and "once_only" not in state.crossed


# --- which card ended a game ---------------------------------------------------------------------


class _Shim:
    """The rules with some tables replaced (for functions that only look things up)."""

    def __init__(self, rules, **tables):
        self._rules, self._tables = rules, tables

    def __getattr__(self, name):
        return self._tables[name] if name in self._tables else getattr(self._rules, name)


def _end(ending: str) -> dict:
    return {"type": "end", "ending": ending}


def test_card_endings_finds_end_effects_inside_chances_whens_and_options(rules):
    from eurasia_game.engine.flow import card_endings

    ending_a, ending_b, ending_c = (e.id for e in rules.endings[:3])
    flag = {"type": "flag", "flag": "x"}
    effects = [
        _EFFECT.validate_python({"type": "chance", "percent": 10, "then": [_end(ending_a)]}),
        _EFFECT.validate_python({"type": "when", "if": flag, "then": [], "else": [{"type": "chance", "percent": 5, "else": [_end(ending_b)]}]}),
        _EFFECT.validate_python({"type": "when", "if": flag, "then": [_end(ending_b)]}),
    ]
    plain = rules.events[0].model_copy(update={"effects": effects, "dilemma": None})
    assert card_endings(_Shim(rules, event={plain.id: plain}), plain.id) == {ending_a, ending_b}
    dilemma = next(c for c in rules.events if c.dilemma is not None)
    option = dilemma.dilemma.options[-1].model_copy(update={"effects": [_EFFECT.validate_python(_end(ending_c))]})
    chooser = dilemma.dilemma.model_copy(update={"options": [*dilemma.dilemma.options[:-1], option]})
    card = dilemma.model_copy(update={"effects": [], "dilemma": chooser})
    assert card_endings(_Shim(rules, event={card.id: card}), card.id) == {ending_c}
    assert card_endings(_Shim(rules, event={card.id: card.model_copy(update={"dilemma": None})}), card.id) == set()


def test_ending_card_names_the_last_fired_card_that_could_end_the_game_so(rules):
    from eurasia_game.engine import ending_card

    template = rules.events[0]
    ending = rules.endings[0].model_copy(update={"condition": TypeAdapter(Condition).validate_python({"type": "flag", "flag": "decided"})})
    other_ending = rules.endings[1].id
    cards = {
        "first": template.model_copy(update={"id": "first", "dilemma": None, "effects": [_EFFECT.validate_python({"type": "chance", "percent": 5, "then": [_end(ending.id)]})]}),
        "second": template.model_copy(update={"id": "second", "dilemma": None, "effects": [_EFFECT.validate_python(_end(ending.id))]}),
        "elsewhere": template.model_copy(update={"id": "elsewhere", "dilemma": None, "effects": [_EFFECT.validate_python(_end(other_ending))]}),
    }
    shim = _Shim(rules, event=cards, ending={**rules.ending, ending.id: ending})
    state = new_game(rules, None, 0)
    assert ending_card(shim, state) is None, "a game still running was ended by no card"
    over = replace(state, ending=ending.id, to_act=None)
    assert ending_card(shim, replace(over, fired=("first", "elsewhere"))) == "first", "a later card that cannot end it so is passed over"
    assert ending_card(shim, replace(over, fired=("first", "second", "elsewhere"))) == "second", "the last such card is named"
    assert ending_card(shim, replace(over, fired=("second", "first"))) == "first"
    assert ending_card(shim, replace(over, fired=("elsewhere",))) is None, "no fired card could have brought it about"
    decided = replace(over, fired=("first",), flags=frozenset(over.flags | {"decided"}))
    assert ending_card(shim, decided) is None, "the ending's condition explains it"
    unconditional = _Shim(shim, ending={**rules.ending, ending.id: ending.model_copy(update={"condition": None})})
    assert ending_card(unconditional, replace(over, fired=("first",))) is None, "an ending with no condition comes only from checks"


# --- the facilitator's arming, what-if rolls and turn timer -------------------------------------


def planning_state(rules):
    """A start state in which a side is planning (dilemmas answered with their first legal option)."""
    from eurasia_game.engine import legal_actions

    for seed in range(50):
        state = new_game(rules, None, seed)
        while state.dilemma is not None and not state.over:
            state = apply_action(rules, state, legal_actions(rules, state)[0]).state
        if not state.over and rules.phases[state.phase].kind == "plan":
            return state
    pytest.fail("no seed reaches a plan phase")


def test_arming_endings_from_a_year_is_checked_logged_and_undoable(rules):
    from eurasia_game.engine.facilitator import apply_facilitator, why_not_facilitator
    from eurasia_game.engine.state import FACILITATOR

    state = planning_state(rules)
    scenario = rules.scenario[state.scenario]
    for year in (scenario.start_year - 1, scenario.end_year + 1):
        assert why_not_facilitator(rules, state, Action("arm", FACILITATOR, year=year)) == rules.text(
            "illegal_armed_year", year=year, first=scenario.start_year, last=scenario.end_year
        )
    year = scenario.end_year
    act = Action("arm", FACILITATOR, year=year)
    assert why_not_facilitator(rules, state, act) is None
    result = apply_facilitator(rules, state, act)
    [event] = result.events
    assert (event.kind, event.text, event.data) == ("armed", rules.text("armed_changed", year=year), (year,))
    assert result.state.armed_from == year and result.state.steps == state.steps + 1 and result.undoable
    assert view(rules, result.state, state.to_act).armed_from == year, "the players see from when endings are armed"


def test_a_what_if_roll_is_checked_and_waits_for_the_next_chance(rules):
    from eurasia_game.engine.facilitator import MAX_SKIP, apply_facilitator, why_not_facilitator
    from eurasia_game.engine.state import FACILITATOR

    state = planning_state(rules)
    refused = rules.text("illegal_reroll")
    for seed, skip in ((-1, 0), (2**63, 0), (1, -1), (1, MAX_SKIP + 1), ("1", 0), (1, "0")):
        assert why_not_facilitator(rules, state, Action("reroll", FACILITATOR, seed=seed, skip=skip)) == refused, (seed, skip)
    for seed, skip in ((0, 0), (2**63 - 1, MAX_SKIP), (5, None)):
        assert why_not_facilitator(rules, state, Action("reroll", FACILITATOR, seed=seed, skip=skip)) is None, (seed, skip)
    result = apply_facilitator(rules, state, Action("reroll", FACILITATOR, seed=5, skip=2))
    [event] = result.events
    assert (event.kind, event.text, event.data) == ("reroll", rules.text("reroll", seed=5), (5, 2))
    assert result.state.luck == (2, 5) and result.state.steps == state.steps + 1 and result.undoable
    plain = apply_facilitator(rules, state, Action("reroll", FACILITATOR, seed=5))
    assert plain.state.luck == (0, 5) and plain.events[0].data == (5, 0)


def test_a_turn_timer_that_only_warns_logs_its_rule_and_takes_nothing(rules):
    from eurasia_game.engine.facilitator import MAX_SECONDS, why_not_facilitator
    from eurasia_game.engine.state import FACILITATOR

    state = planning_state(rules)
    side, other = state.to_act, next(s for s in rules.side_ids if s != state.to_act)
    assert why_not_facilitator(rules, state, Action("time_up", FACILITATOR, target=other, mode="warn")) == rules.text(
        "illegal_time_up", turn=rules.side[side].name
    )
    assert why_not_facilitator(rules, state, Action("time_up", FACILITATOR, target=side, mode="shout")) == rules.text("illegal_timer_rule", mode="shout")
    for seconds in (0, MAX_SECONDS + 1):
        assert why_not_facilitator(rules, state, Action("time_up", FACILITATOR, target=side, mode="warn", seconds=seconds)) == rules.text(
            "illegal_timer_rule", mode=seconds
        )
    act = Action("time_up", FACILITATOR, target=side, mode="warn", seconds=MAX_SECONDS)
    assert why_not_facilitator(rules, state, act) is None
    result = apply_action(rules, state, act)
    [event] = result.events
    assert (event.kind, event.side, event.data) == ("time_up", side, ("warn",))
    assert event.text == rules.text("time_up_warn", side=rules.side[side].name, time=f"{MAX_SECONDS // 60}:00")
    assert result.state.steps == state.steps + 1 and result.state.to_act == side and result.undoable
    commit = apply_action(rules, state, Action("time_up", FACILITATOR, target=side, mode="commit", seconds=90))
    assert commit.events[0].text == rules.text("time_up_commit", side=rules.side[side].name, time="1:30")
    assert commit.events[0].data == ("commit",) and not commit.undoable and commit.state.to_act != side


def test_a_view_shows_the_public_flags(rules):
    state = replace(planning_state(rules), flags=frozenset({"deal_signed"}))
    for side in (*rules.side_ids, None):
        assert view(rules, state, side).flags == frozenset({"deal_signed"})


def test_all_any_and_not_pass_the_rules_down_to_a_lead_over_the_other_side(rules):
    from eurasia_game.engine.work import Context, holds

    a, b = rules.side_ids
    front = rules.front_ids[0]
    state = new_game(rules, None, 0)
    state = replace(state, standing={**state.standing, front: {a: 6, b: 3}})
    lead = TypeAdapter(Condition).validate_python({"type": "leads", "side": "self", "front": front, "by": 3})
    both = TypeAdapter(Condition).validate_python({"type": "all", "of": [lead.model_dump(by_alias=True)]})
    either = TypeAdapter(Condition).validate_python({"type": "any", "of": [lead.model_dump(by_alias=True)]})
    negated = TypeAdapter(Condition).validate_python({"type": "not", "of": lead.model_dump(by_alias=True)})
    assert holds(rules, state, both, Context(side=a)) and holds(rules, state, either, Context(side=a))
    assert not holds(rules, state, negated, Context(side=a))
    assert not holds(rules, state, both, Context(side=b)) and holds(rules, state, negated, Context(side=b))


def test_a_chance_and_a_say_are_logged_with_their_side_and_card(rules):
    side = rules.side_ids[1]
    w = Work(rules, new_game(rules, seed=1))
    w.apply_one(_EFFECT.validate_python({"type": "chance", "percent": 50, "then": [{"type": "say", "text": "Heard."}]}), Context(side=side, card="some_card"))
    chance = [e for e in w.events if e.kind == "chance"]
    assert chance and all((e.side, e.card) == (side, "some_card") for e in chance)
    w.apply_one(_EFFECT.validate_python({"type": "say", "text": "Said."}), Context(side=side, card="some_card"))
    assert (w.events[-1].kind, w.events[-1].text, w.events[-1].side, w.events[-1].card) == ("say", "Said.", side, "some_card")


def test_a_log_event_shows_every_field_and_keeps_its_words_when_moves_are_added():
    """The log event is written slot by slot for speed; its repr and ``with_moved`` must still give every field."""
    from eurasia_game.engine.state import LogEvent

    event = LogEvent("card", lambda: "A card fired.", 2024, side="moscow", card="trade_war", secret_for=None, data=(1,), moved=(("partnership", 1),))
    assert repr(event) == "LogEvent(kind='card', text='A card fired.', year=2024, side='moscow', card='trade_war', secret_for=None, data=(1,), moved=(('partnership', 1),))"
    later = event.with_moved((("arctic/moscow", -1),))
    assert (later.kind, later.text, later.year, later.side, later.card, later.data) == ("card", "A card fired.", 2024, "moscow", "trade_war", (1,))
    assert later.moved == (("partnership", 1), ("arctic/moscow", -1))
