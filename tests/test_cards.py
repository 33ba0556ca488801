"""Tests of the base game's event deck (rules/events/*.yaml).

Every card is fired through the engine and its stated effects are checked by
interpreting the card's own effect list, so the tests follow the rule files
instead of repeating their numbers.  Further tests check what the deck as a
whole must cover: the article's sections, the three risks, the dilemmas, and
that every card can really come up in play.
"""

from __future__ import annotations

import copy
import math
import random
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
try:  # the package may not be installed; the tests also run from a checkout
    import eurasia_game  # noqa: F401
except ImportError:  # pragma: no cover - depends on the environment
    sys.path.insert(0, str(ROOT / "src"))

from eurasia_game.engine import Action, apply_action, ending_card, legal_actions, new_game  # noqa: E402
from eurasia_game.engine.flow import advance, deck_for, fire  # noqa: E402
from eurasia_game.engine.state import Order  # noqa: E402
from eurasia_game.engine.work import Context, Work, holds  # noqa: E402
from eurasia_game.loading.loader import load_rules  # noqa: E402
from eurasia_game.loading.checker import walk  # noqa: E402
from eurasia_game.model import conditions as C  # noqa: E402
from eurasia_game.model import effects as E  # noqa: E402

try:
    from eurasia_game.paths import base_rules_dir  # noqa: E402

    RULES_DIR = base_rules_dir()
except ImportError:  # pragma: no cover - older checkouts
    RULES_DIR = ROOT / "rules"
ARTICLE_CANDIDATES = (
    ROOT / "source" / "russia-china-relations.txt",
    ROOT.parent / "shared" / "source" / "russia-china-relations.txt",
)

LOADED = load_rules(RULES_DIR)
RULES = LOADED.rules
CARD_IDS = [e.id for e in RULES.events] if RULES is not None else []
DILEMMA_IDS = [e.id for e in RULES.events if e.dilemma is not None] if RULES is not None else []

SECTIONS_NEEDING_CARDS = ("Building blocks", "Not an alliance", "The growing asymmetry", "Risks and uncertainties")
RISK_TAGS = ("rivalry", "succession", "brinkmanship")
# Topics of the article each section's cards must touch, as tags.
TOPIC_TAGS = {
    "Building blocks": {"rivalry", "energy", "finance", "defence", "arms", "exercises", "domestic", "norms"},
    "Not an alliance": {"post_soviet", "south_china_sea", "globalisation"},
    "The growing asymmetry": {"technology", "central_asia", "security", "post_soviet", "south_china_sea", "eaeu", "finance"},
    "Risks and uncertainties": {"rivalry", "succession", "brinkmanship"},
}
SUCCESSION_YEAR = 2024
MAX_DELTA = 2
# Cards that may end the game carry this tag, and end it at most this often.
TIPPING_TAG = "tipping"
MAX_TIPPING_PERCENT = 70
TIPPING_IDS = [e.id for e in RULES.events if TIPPING_TAG in e.tags] if RULES is not None else []


@pytest.fixture(scope="module")
def rules():
    """The base rules this module parametrizes over (kept here so the module
    stands on its own, whatever the shared conftest provides)."""
    assert LOADED.ok, [str(p) for p in LOADED.problems]
    return RULES


# --- a small, independent interpreter of conditions and effects ------------------


@dataclass
class Sim:
    """A plain copy of the parts of a game state that cards can change."""

    tracks: dict
    standing: dict
    power: dict
    income: dict
    flags: set
    fired: list
    year: int
    orders_done: list
    queue: list
    deck: list
    ending: str | None = None
    dilemma: str | None = None
    triggered: list = field(default_factory=list)

    @classmethod
    def of(cls, state) -> "Sim":
        return cls(
            tracks=dict(state.tracks),
            standing={f: dict(row) for f, row in state.standing.items()},
            power=dict(state.power),
            income=dict(state.income),
            flags=set(state.flags),
            fired=list(state.fired),
            year=state.year,
            orders_done=list(state.orders_done),
            queue=list(state.queue),
            deck=list(state.deck),
            ending=state.ending,
            dilemma=state.dilemma,
        )

    def key(self) -> tuple:
        return (
            tuple(sorted(self.tracks.items())),
            tuple(sorted((f, tuple(sorted(row.items()))) for f, row in self.standing.items())),
            tuple(sorted(self.power.items())),
            tuple(sorted(self.income.items())),
            frozenset(self.flags),
            tuple(self.queue),
            tuple(self.deck),
            self.ending,
        )


def observed(state) -> tuple:
    """The same projection as ``Sim.key`` for a GameState or a Work."""
    return Sim.of(state).key()


def other(rules, side: str) -> str:
    a, b = rules.side_ids
    return b if side == a else a


def side_of(rules, ref: str, side: str | None) -> str:
    if ref == "self":
        assert side is not None, "'self' used where no side acts"
        return side
    if ref == "other":
        assert side is not None, "'other' used where no side acts"
        return other(rules, side)
    return ref


def outcomes(rules, sim: Sim, effects, side: str | None) -> list[Sim]:
    """Every state the effect list can lead to (several when it rolls dice)."""
    sims = [sim]
    for effect in effects:
        sims = [result for s in sims for result in _apply(rules, s, effect, side)]
    return sims


def _apply(rules, sim: Sim, effect, side: str | None) -> list[Sim]:
    if sim.ending is not None:
        return [sim]
    s = copy.deepcopy(sim)
    t = type(effect)
    if t is E.ShiftTrack:
        track = rules.track[effect.track]
        s.tracks[effect.track] = min(track.max, max(track.min, s.tracks[effect.track] + effect.delta))
    elif t is E.ShiftStanding:
        assert effect.front != "target", "cards aim at no front"
        front = rules.front[effect.front]
        who = side_of(rules, effect.side, side)
        s.standing[effect.front][who] = min(front.max, max(front.min, s.standing[effect.front][who] + effect.delta))
    elif t is E.GainPower:
        who = side_of(rules, effect.side, side)
        s.power[who] = max(0, s.power[who] + effect.delta)
    elif t is E.ChangeIncome:
        who = side_of(rules, effect.side, side)
        s.income[who] = max(0, s.income[who] + effect.delta)
    elif t is E.SetFlag:
        (s.flags.add if effect.value else s.flags.discard)(effect.flag)
    elif t is E.Chance:
        return outcomes(rules, s, effect.then, side) + outcomes(rules, s, effect.otherwise, side)
    elif t is E.When:
        branch = effect.then if holds(rules, s, effect.condition, Context(side=side)) else effect.otherwise
        return outcomes(rules, s, branch, side)
    elif t is E.TriggerCard:
        s.queue.append((effect.card, False))
        s.triggered.append(effect.card)
    elif t is E.ShuffleIn:
        if effect.card not in s.deck:
            order = {e.id: i for i, e in enumerate(rules.events)}
            s.deck = sorted(s.deck + [effect.card], key=order.__getitem__)
    elif t is E.RemoveCard:
        if effect.card in s.deck:
            s.deck.remove(effect.card)
    elif t is E.EndGame:
        s.ending = effect.ending
    elif t is E.Say:
        pass
    else:  # pragma: no cover - the vocabulary is closed
        raise AssertionError(f"the card test does not know the effect {t.__name__}")
    return [s]


def fire_sim(rules, sim: Sim, card_id: str) -> list[Sim]:
    """What firing a card should do: deck bookkeeping, then its effects."""
    card = rules.event[card_id]
    s = copy.deepcopy(sim)
    s.fired.append(card_id)
    if not card.repeatable and card_id in s.deck:
        s.deck.remove(card_id)
    side = card.dilemma.side if card.dilemma else None
    results = outcomes(rules, s, card.effects, side)
    if card.dilemma is not None:
        for r in results:
            if r.ending is None:
                r.dilemma = card_id
    return results


def drain(rules, sims: list[Sim]) -> list[Sim]:
    """Fire queued cards the way the flow does, until a dilemma waits."""
    done: list[Sim] = []
    todo = list(sims)
    while todo:
        s = todo.pop()
        if s.ending is not None or s.dilemma is not None or not s.queue:
            done.append(s)
            continue
        card_id, _ = s.queue.pop(0)
        todo.extend(fire_sim(rules, s, card_id))
    return done


# --- making a card's condition true ----------------------------------------------


def _set_in_range(value: int, cond, low: int, high: int) -> int:
    if cond.min is not None and value < cond.min:
        value = cond.min
    if cond.max is not None and value > cond.max:
        value = cond.max
    return min(high, max(low, value))


def _set_outside(value: int, cond, low: int, high: int) -> int:
    if cond.min is not None and cond.min - 1 >= low:
        return min(value, cond.min - 1)
    if cond.max is not None and cond.max + 1 <= high:
        return max(value, cond.max + 1)
    return value


def satisfy(rules, sim: Sim, cond, negate: bool = False) -> None:
    """Change ``sim`` as little as easily possible so that ``cond`` holds (or fails)."""
    if cond is None:
        return
    t = type(cond)
    put = _set_outside if negate else _set_in_range
    if t is C.TrackIs:
        tr = rules.track[cond.track]
        sim.tracks[cond.track] = put(sim.tracks[cond.track], cond, tr.min, tr.max)
    elif t is C.StandingIs:
        fr = rules.front[cond.front]
        sim.standing[cond.front][cond.side] = put(sim.standing[cond.front][cond.side], cond, fr.min, fr.max)
    elif t is C.PowerIs:
        sim.power[cond.side] = put(sim.power[cond.side], cond, 0, 100)
    elif t is C.IncomeIs:
        sim.income[cond.side] = put(sim.income[cond.side], cond, 0, 100)
    elif t is C.YearIs:
        sim.year = put(sim.year, cond, 1900, 2200)
    elif t is C.Leads:
        fr = rules.front[cond.front]
        row = sim.standing[cond.front]
        rival = other(rules, cond.side)
        if negate:
            row[cond.side] = row[rival]
        else:
            row[cond.side] = min(fr.max, row[rival] + cond.by)
            row[rival] = min(row[rival], row[cond.side] - cond.by)
    elif t is C.FlagSet:
        (sim.flags.discard if negate else sim.flags.add)(cond.flag)
    elif t is C.Fired:
        if negate:
            sim.fired = [c for c in sim.fired if c != cond.card]
        elif cond.card not in sim.fired:
            sim.fired.append(cond.card)
    elif t is C.Ordered:
        if negate:
            sim.orders_done = [o for o in sim.orders_done if not (o.side == cond.side and o.action == cond.action)]
        else:
            sim.orders_done.append(Order(cond.side, cond.action, cond.front))
    elif (t is C.AllOf and not negate) or (t is C.AnyOf and negate):
        for part in cond.of:
            satisfy(rules, sim, part, negate)
    elif (t is C.AnyOf and not negate) or (t is C.AllOf and negate):
        for part in cond.of:
            trial = copy.deepcopy(sim)
            satisfy(rules, trial, part, negate)
            if holds(rules, trial, part) != negate:
                sim.__dict__.update(trial.__dict__)
                return
    elif t is C.NotOf:
        satisfy(rules, sim, cond.of, not negate)
    else:  # pragma: no cover - the vocabulary is closed
        raise AssertionError(f"the card test does not know the condition {t.__name__}")


def plan_phase(rules) -> int:
    return next(i for i, p in enumerate(rules.phases) if p.kind == "plan")


def scenarios_for(rules, card_id: str) -> list:
    """Scenarios whose deck holds the card first, then the others."""
    with_card = [s for s in rules.scenarios if card_id in deck_for(rules, s)]
    return with_card + [s for s in rules.scenarios if s not in with_card]


def prepared_state(rules, card_id: str):
    """A quiet state in a scenario and year where the card's condition holds.

    The state sits in the planning phase with nothing queued, so firing the
    card and answering its dilemma change nothing else.
    """
    card = rules.event[card_id]
    for scenario in scenarios_for(rules, card_id):
        base = new_game(rules, scenario.id, seed=1)
        base = replace(base, queue=(), dilemma=None, to_act=rules.game.side_order[0], phase=plan_phase(rules), phase_done=False, committed=(), plans={s: () for s in rules.side_ids})
        if card.dilemma is not None:
            need = max(o.cost for o in card.dilemma.options) + 3
            power = dict(base.power)
            power[card.dilemma.side] = max(power[card.dilemma.side], need)
            base = replace(base, power=power)
        sim = Sim.of(base)
        satisfy(rules, sim, card.condition)
        if not scenario.start_year <= sim.year <= scenario.end_year:
            continue
        state = replace(
            base,
            year=sim.year,
            tracks=sim.tracks,
            standing=sim.standing,
            power=sim.power,
            income=sim.income,
            flags=frozenset(sim.flags),
            fired=tuple(sim.fired),
            orders_done=tuple(sim.orders_done),
        )
        if holds(rules, state, card.condition):
            return scenario, state
    raise AssertionError(f"no scenario has a year in which '{card_id}' can be drawn")


def ends_for_certain(effects) -> bool:
    """Whether some path through these effects ends the game without a roll."""
    for effect in effects:
        if isinstance(effect, E.EndGame):
            return True
        if isinstance(effect, E.When) and (ends_for_certain(effect.then) or ends_for_certain(effect.otherwise)):
            return True
    return False


def chances_that_end(effects) -> list:
    """The chance effects whose success ends the game."""
    return [m for _, m in walk(list(effects), ()) if isinstance(m, E.Chance) and chance_endings(m)]


def chance_endings(chance) -> set[str]:
    """The endings a chance effect brings about when its roll succeeds."""
    return {m.ending for _, m in walk(list(chance.then), ()) if isinstance(m, E.EndGame)}


def relative_refs(effects) -> list[str]:
    found = []
    for _, model in walk(list(effects), ()):
        side = getattr(model, "side", None)
        if isinstance(side, str) and side in ("self", "other"):
            found.append(f"{type(model).__name__} side={side}")
    return found


# --- the rules load cleanly ------------------------------------------------------------


def test_rules_load_without_problems():
    assert [str(p) for p in LOADED.problems] == []
    assert LOADED.ok


# --- every card, fired ---------------------------------------------------------------------


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_card_fires_with_its_stated_effects(rules, card_id):
    card = rules.event[card_id]
    scenario, state = prepared_state(rules, card_id)
    assert holds(rules, state, card.condition)
    assert scenario.start_year <= state.year <= scenario.end_year

    # Through the flow: queue the card and let the engine fire it.
    queued = replace(state, queue=((card_id, False),))
    w = Work(rules, queued)
    advance(w)
    assert card_id in w.fired
    assert any(ev.kind == "card" and ev.card == card_id for ev in w.events)

    # Directly: fire it on a copy and compare with the card's own effect list.
    w = Work(rules, state)
    fire(w, card_id, drawn=True)
    expected = fire_sim(rules, Sim.of(state), card_id)
    assert observed(w) in {s.key() for s in expected}, f"{card_id}: the state after firing matches none of its stated outcomes"
    assert w.fired[-1] == card_id
    if not card.repeatable:
        assert card_id not in w.deck
    if card.dilemma is None:
        assert w.dilemma is None
        assert any(s.key() != Sim.of(state).key() for s in expected), f"{card_id} changes nothing from this state"
        return

    # A dilemma: its side must choose, and every option does what it says.
    after_card = w.freeze()
    assert after_card.dilemma == card_id
    assert after_card.to_act == card.dilemma.side
    choices = {a.option for a in legal_actions(rules, after_card)}
    assert choices == {o.id for o in card.dilemma.options}
    for option in card.dilemma.options:
        result = apply_action(rules, after_card, Action("choose", card.dilemma.side, option=option.id))
        start = Sim.of(after_card)
        start.dilemma = None
        start.power[card.dilemma.side] -= option.cost
        want = drain(rules, outcomes(rules, start, option.effects, card.dilemma.side))
        assert observed(result.state) in {s.key() for s in want}, f"{card_id}/{option.id}: the result matches none of the option's stated outcomes"
        assert any(s.key() != Sim.of(after_card).key() for s in want), f"{card_id}/{option.id} changes nothing"
        assert result.state.dilemma != card_id or card.repeatable
        logs = [ev.text for ev in result.events if ev.kind == "chose"]
        assert logs and logs[0] == option.log


# --- what each card carries ------------------------------------------------------------------


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_card_cites_a_section_and_teaches(rules, card_id):
    card = rules.event[card_id]
    assert card.section in rules.game.sources
    note = card.teaching_note.strip()
    assert 40 <= len(note) <= 500, "a teaching note should be a sentence or three"
    assert card.tags, "every card needs tags"
    assert card.title.strip() and card.text.strip()


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_card_effects_are_modest(rules, card_id):
    card = rules.event[card_id]
    effects = list(card.effects)
    if card.dilemma:
        effects += [e for o in card.dilemma.options for e in o.effects]
    for _, model in walk(effects, ()):
        if isinstance(model, (E.ShiftTrack, E.ShiftStanding, E.GainPower, E.ChangeIncome)):
            assert abs(model.delta) <= MAX_DELTA, f"{card_id}: a change of {model.delta} is too big for one card"
        if isinstance(model, E.EndGame):
            assert TIPPING_TAG in card.tags, f"{card_id}: only a tipping point may end the game"
    # Even a tipping point ends the game only on a roll, never for certain.
    assert not ends_for_certain(effects), f"{card_id}: a card may end the game only by a roll of the dice"
    for chance in chances_that_end(effects):
        assert chance.percent <= MAX_TIPPING_PERCENT, f"{card_id}: a {chance.percent}% chance of ending the game is too sure"


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_relative_sides_only_on_dilemmas(rules, card_id):
    card = rules.event[card_id]
    if card.dilemma is None:
        assert relative_refs(card.effects) == []
        assert relative_refs([card.condition] if card.condition else []) == []
    else:
        # A card's condition is tested before anyone acts: no 'self' there either.
        assert relative_refs([card.condition] if card.condition else []) == []


@pytest.mark.parametrize("card_id", DILEMMA_IDS)
def test_dilemma_options_are_well_formed(rules, card_id):
    dilemma = rules.event[card_id].dilemma
    assert dilemma.prompt.strip()
    assert len(dilemma.options) >= 2
    assert any(o.cost == 0 and o.requires is None for o in dilemma.options), "one option must be free and unconditional"
    for option in dilemma.options:
        assert option.label.strip()
        assert len(option.text.split()) >= 8, f"{option.id}: the text should state the consequences in words"
        assert option.effects, f"{option.id}: an option must do something"
        assert option.log.strip().endswith(".")
        assert re.search(r"\b\w+ed\b|\b(kept|held|stood|took|made|let|chose|sold|set|gave|went|left)\b", option.log), f"{option.id}: the log should be in the past tense"
    labels = [o.label for o in dilemma.options]
    assert len(set(labels)) == len(labels)


# --- the deck as a whole ------------------------------------------------------------------


def test_deck_size_and_dilemmas(rules):
    assert len(rules.events) >= 34
    dilemmas = [e for e in rules.events if e.dilemma is not None]
    assert len(dilemmas) >= 5
    sides = {e.dilemma.side for e in dilemmas}
    assert sides == set(rules.side_ids), "both sides must face dilemmas"


def test_deck_covers_sections_and_risks(rules):
    by_section = {s: [e.id for e in rules.events if e.section == s] for s in rules.game.sources}
    for section in SECTIONS_NEEDING_CARDS:
        assert len(by_section.get(section, [])) >= 3, f"'{section}' needs at least 3 cards"
    tags = {t for e in rules.events for t in e.tags}
    for tag in RISK_TAGS:
        assert tag in tags, f"no card carries the risk tag '{tag}'"
    for tag in RISK_TAGS:
        assert any(tag in e.tags and e.section == "Risks and uncertainties" for e in rules.events)


def test_deck_covers_the_articles_topics(rules):
    for section, wanted in TOPIC_TAGS.items():
        present = {t for e in rules.events if e.section == section for t in e.tags}
        assert wanted <= present, f"'{section}' lacks cards tagged {sorted(wanted - present)}"


def test_two_camps_scenario_has_a_real_deck(rules):
    scenario = rules.scenario["two_camps_risk"]
    deck = deck_for(rules, scenario)
    assert len(deck) >= 10
    assert any("rivalry" in rules.event[c].tags for c in deck)


def test_after_fourth_term_opens_with_the_succession(rules):
    scenario = rules.scenario["after_fourth_term"]
    assert scenario.opening_cards
    assert any("succession" in rules.event[c].tags for c in scenario.opening_cards)
    state = new_game(rules, "after_fourth_term", seed=3)
    assert state.fired[0] == scenario.opening_cards[0]


def test_flags_tested_by_cards_are_set_somewhere(rules):
    set_flags = {m.flag for _, m in walk(rules, ()) if isinstance(m, E.SetFlag) and m.value}
    set_flags |= {f for s in rules.scenarios for f in s.setup.flags}
    tested = {m.flag for _, m in walk(list(rules.events), ()) if isinstance(m, C.FlagSet)}
    assert tested <= set_flags, sorted(tested - set_flags)


def earliest_year(rules, cond, seen=frozenset()) -> float:
    """The earliest year in which ``cond`` could hold in any scenario."""
    if cond is None:
        return -math.inf
    t = type(cond)
    if t is C.YearIs:
        return cond.min if cond.min is not None else -math.inf
    if t is C.AllOf:
        return max(earliest_year(rules, c, seen) for c in cond.of)
    if t is C.AnyOf:
        return min(earliest_year(rules, c, seen) for c in cond.of)
    if t is C.Fired:
        return card_earliest(rules, cond.card, seen)
    if t is C.FlagSet:
        years = [s.start_year for s in rules.scenarios if cond.flag in s.setup.flags]
        for event in rules.events:
            effects = list(event.effects) + ([e for o in event.dilemma.options for e in o.effects] if event.dilemma else [])
            if any(isinstance(m, E.SetFlag) and m.value and m.flag == cond.flag for _, m in walk(effects, ())):
                years.append(card_earliest(rules, event.id, seen))
        for other_part in list(rules.actions) + list(rules.red_lines):
            if any(isinstance(m, E.SetFlag) and m.value and m.flag == cond.flag for _, m in walk(other_part, ())):
                years.append(-math.inf)
        return min(years, default=math.inf)
    return -math.inf


def card_earliest(rules, card_id: str, seen=frozenset()) -> float:
    if card_id in seen:
        return math.inf
    seen = seen | {card_id}
    card = rules.event[card_id]
    years = []
    if card.in_deck:
        years.append(earliest_year(rules, card.condition, seen))
    years += [s.start_year for s in rules.scenarios if card_id in s.opening_cards]
    return min(years, default=-math.inf)


def test_succession_cards_come_only_after_the_fourth_term(rules):
    succession = [e.id for e in rules.events if "succession" in e.tags]
    assert len(succession) >= 3
    for card_id in succession:
        assert card_earliest(rules, card_id) >= SUCCESSION_YEAR, f"'{card_id}' could come before {SUCCESSION_YEAR}"


def test_cards_paraphrase_the_article(rules):
    """No card copies a run of six or more words from the article."""
    article = next((p for p in ARTICLE_CANDIDATES if p.exists()), None)
    if article is None:
        pytest.skip("the source article is not available here")

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))

    source = words(article.read_text(encoding="utf-8"))
    n = 6
    grams = {tuple(source[i : i + n]) for i in range(len(source) - n + 1)}
    copied = []
    for card in rules.events:
        texts = [card.title, card.text, card.teaching_note]
        if card.dilemma:
            texts.append(card.dilemma.prompt)
            texts += [t for o in card.dilemma.options for t in (o.label, o.text, o.log)]
        for text in texts:
            w = words(text)
            copied += [f"{card.id}: {' '.join(w[i:i + n])}" for i in range(len(w) - n + 1) if tuple(w[i : i + n]) in grams]
    assert copied == []


# --- every card can come up in play ------------------------------------------------------------


def random_play(rules, scenario: str, seed: int):
    """One game of seeded random play: each move is a random legal action.

    Seeds vary how eager the sides are to stop planning, so that both busy
    and quiet games are explored.
    """
    rnd = random.Random(seed)
    eager = (0.0, 0.5, 0.8)[seed % 3]
    state = new_game(rules, scenario, seed)
    steps = 0
    while not state.over:
        actions = legal_actions(rules, state)
        assert actions, "a side to act always has a legal action"
        commits = [a for a in actions if a.kind == "commit"]
        action = commits[0] if commits and rnd.random() < eager else rnd.choice(actions)
        state = apply_action(rules, state, action).state
        steps += 1
        assert steps < 5000
    return state


def test_every_card_comes_up_in_random_play(rules):
    missing = set(CARD_IDS)
    # The rarest chain of cards needs several hundred games: tipping points end
    # many random games early.
    seeds = 1000
    for seed in range(seeds):
        for scenario in rules.scenarios:
            state = random_play(rules, scenario.id, seed)
            missing -= set(state.fired)
        if not missing:
            break
    assert not missing, f"never fired in {seeds * len(rules.scenarios)} random games: {sorted(missing)}"


# --- Beijing's red lines and the brinkmanship cards ---------------------------------------------


def resolve_with(rules, state):
    """Run the resolution phase of ``state`` (no orders left to carry out)."""
    phase = next(i for i, p in enumerate(rules.phases) if p.kind == "resolve")
    w = Work(rules, replace(state, phase=phase, phase_done=False, plans={s: () for s in rules.side_ids}))
    advance(w)
    return w.freeze()


def test_one_crisis_brings_one_climb_down(rules):
    """A backfired Arctic gamble crosses two red lines but brings one climb-down."""
    _, state = prepared_state(rules, "pressure_to_back_down")
    state = replace(
        state,
        orders_done=(Order("moscow", "brinkmanship", "arctic"),),
        flags=state.flags | {"brinkmanship_backfired", "referendum_held"},
    )
    after = resolve_with(rules, state)
    assert after.fired.count("pressure_to_back_down") == 1
    assert after.dilemma == "pressure_to_back_down"
    assert "brinkmanship_backfired" not in after.flags and "referendum_held" not in after.flags


def test_a_climb_down_costs_power_and_its_answer_sets_the_trust(rules):
    """Backing down costs Moscow power; what it does to the partnership comes
    from Moscow's answer only, so a strained partnership is not pushed toward
    a rupture by the climb-down itself."""
    _, state = prepared_state(rules, "pressure_to_back_down")
    state = replace(state, tracks={**state.tracks, "partnership": 5})
    w = Work(rules, state)
    fire(w, "pressure_to_back_down", drawn=False)
    pressed = w.freeze()
    assert pressed.dilemma == "pressure_to_back_down"
    assert pressed.tracks["partnership"] == 5
    assert pressed.power["moscow"] == state.power["moscow"] - 1
    limited = apply_action(rules, pressed, Action("choose", "moscow", option="limit_ties")).state
    embraced = apply_action(rules, pressed, Action("choose", "moscow", option="embrace_closer")).state
    assert limited.tracks["partnership"] == 3
    assert embraced.tracks["partnership"] == 7
    # autonomy has a price too: limiting ties forgoes the contracts an embrace brings
    assert pressed.power["moscow"] >= 1
    assert limited.power["moscow"] == pressed.power["moscow"] - 1
    assert embraced.power["moscow"] == pressed.power["moscow"] + 2


def test_a_referendum_crosses_a_red_line(rules):
    """Holding the referendum is answered by Beijing's pressure at the resolution."""
    _, state = prepared_state(rules, "referendum_push")
    w = Work(rules, state)
    fire(w, "referendum_push", drawn=True)
    held = apply_action(rules, w.freeze(), Action("choose", "moscow", option="hold_vote")).state
    assert "referendum_held" in held.flags
    after = resolve_with(rules, held)
    assert "no_redrawn_borders" in after.crossed
    assert after.dilemma == "pressure_to_back_down"
    shelved = apply_action(rules, w.freeze(), Action("choose", "moscow", option="shelve_vote")).state
    assert "pressure_to_back_down" not in resolve_with(rules, shelved).fired


# --- tipping points --------------------------------------------------------------------------------


def test_every_sudden_death_has_a_tipping_point(rules):
    """Each sudden death can also come from a tipping point, not only from a
    side pushing a track to its limit (which careful players never do)."""
    reached = set()
    for card_id in TIPPING_IDS:
        for chance in chances_that_end(rules.event[card_id].effects):
            reached |= chance_endings(chance)
    sudden = {e.id for e in rules.endings if e.check == "sudden"}
    assert len(sudden) >= 4
    assert sudden - reached == set()


@pytest.mark.parametrize("card_id", TIPPING_IDS)
def test_tipping_point_is_in_every_deck(rules, card_id):
    for scenario in rules.scenarios:
        assert card_id in deck_for(rules, scenario), f"'{card_id}' is missing from the deck of '{scenario.id}'"
    assert rules.event[card_id].repeatable, f"'{card_id}' should stay a risk after it fires once"


@pytest.mark.parametrize("card_id", TIPPING_IDS)
def test_tipping_point_ends_the_game_about_as_often_as_it_says(rules, card_id):
    """Fired from many random states, the card ends the game at its stated rate
    with its stated ending, and otherwise does what its failure branch says."""
    card = rules.event[card_id]
    (chance,) = chances_that_end(card.effects)
    (ending,) = chance_endings(chance)
    scenario, state = prepared_state(rules, card_id)
    tries = 400
    ended = 0
    for seed in range(tries):
        w = Work(rules, replace(state, rng=new_game(rules, scenario.id, seed=seed).rng))
        fire(w, card_id, drawn=True)
        after = w.freeze()
        if after.ending is not None:
            assert after.ending == ending
            ended += 1
            # The ending screen tells why: this card, unless the ending's own condition holds.
            natural = holds(rules, after, rules.ending[ending].condition) if rules.ending[ending].condition else True
            assert ending_card(rules, after) == (None if natural else card_id)
            assert any(ev.kind == "chance" and ev.text.endswith(chance.success_text) and ev.data[2] for ev in w.events)
        else:
            assert any(ev.kind == "chance" and ev.text.endswith(chance.failure_text) and not ev.data[2] for ev in w.events)
    expected = tries * chance.percent / 100
    spread = 4 * math.sqrt(tries * chance.percent / 100 * (1 - chance.percent / 100))
    assert abs(ended - expected) <= spread, f"{card_id}: ended {ended} of {tries} games, expected about {expected:.0f}"


def test_no_tipping_point_before_both_sides_have_played(rules):
    """A game never ends on a card before its players have made a move: no
    tipping point is drawn in a scenario's first events phase, even where the
    set-up starts near the edge (the rivalry scenario's partnership does)."""
    for scenario in rules.scenarios:
        for seed in range(100):
            state = new_game(rules, scenario.id, seed)  # the first events phase is over
            assert not state.over, f"{scenario.id} seed {seed} ended before anyone played"
            assert state.year == scenario.start_year
            early = set(state.fired) & set(TIPPING_IDS)
            assert not early, f"{sorted(early)} drawn in the first year of {scenario.id} (seed {seed})"
    # the set-up itself, before any card moves it
    assert rules.scenario["two_camps_risk"].setup.tracks["partnership"] <= 4, "the check above should cover a set-up near the edge"


def test_an_ending_reached_on_the_tracks_names_no_card(rules):
    state = new_game(rules, "full_decade", seed=3)
    tracks = dict(state.tracks)
    tracks["partnership"] = 0
    w = Work(rules, replace(state, tracks=tracks, fired=state.fired + ("partners_fall_out",)))
    w.finish("rupture")
    assert ending_card(rules, w.freeze()) is None  # the partnership at 0 explains it
    tracks["partnership"] = 4
    w = Work(rules, replace(state, tracks=tracks, fired=state.fired + ("partners_fall_out",)))
    w.finish("rupture")
    assert ending_card(rules, w.freeze()) == "partners_fall_out"
