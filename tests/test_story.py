"""Story checks: the rule file, the checker's messages, each type's judgement, the lab's files, mods.

Judgements are tested on hand-made game summaries (the shape ``balance.games``
returns), so each type is seen both holding and failing without playing a
game; the ids come from the loaded base rules, never from today's numbers.
"""

from __future__ import annotations

import csv
import io

import pytest
import yaml

from eurasia_game.balance.runner import run_games
from eurasia_game.balance.stats import summarise
from eurasia_game.balance.story import Run, evaluate, judge
from eurasia_game.cli.main import main
from eurasia_game.loading.loader import load_rules
from eurasia_game.model import story as S
from eurasia_game.model.ruleset import RuleFile

from test_mods import make_mod


def add_story(folder, text: str, name: str = "zz_story.yaml") -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return f"rules/{name}"


def problems_about(result, words: str, severity: str = "error"):
    return [p for p in result.problems if p.severity == severity and words in p.message]


def one(result, words: str, severity: str = "error"):
    found = problems_about(result, words, severity)
    assert len(found) == 1, f"expected one {severity} about {words!r}:\n" + "\n".join(map(str, result.problems))
    return found[0]


def check_yaml(**fields) -> str:
    base = {"id": "probe", "text": "A probe."}
    base.update(fields)
    return yaml.safe_dump({"story": [base]}, sort_keys=False)


# --- the shipped file ------------------------------------------------------------------


def test_the_base_rules_carry_story_checks_with_their_lines(base_load, rules):
    assert len(rules.story) >= 10
    kinds = {c.type for c in rules.story}
    for kind in ("income_lead", "track_mean", "track_rising", "track_change", "order_share", "front_saturation", "unspent_power",
                 "win_share", "ending_share", "sudden_share", "early_endings", "card_frequency", "card_share_ratio", "dilemma_share"):
        assert kind in kinds, kind
    # every check is located in story.yaml at its own id line
    text = (base_load.files[0].path.parent / "story.yaml").read_text(encoding="utf-8").splitlines()
    for index, check in enumerate(rules.story):
        file, line, _, _ = base_load.locate(("story", index, "id"))
        assert file == "rules/story.yaml"
        assert f"id: {check.id}" in text[line - 1]


def test_story_checks_are_not_part_of_the_fingerprint(rules_copy, rules):
    add_story(rules_copy, check_yaml(type="sudden_share", max=50))
    modded = load_rules(rules_copy)
    assert modded.ok, "\n".join(map(str, modded.problems))
    assert len(modded.rules.story) == len(rules.story) + 1
    assert modded.rules.fingerprint == rules.fingerprint


def test_the_schema_knows_every_check_type():
    schema = RuleFile.model_json_schema(by_alias=True)
    text = str(schema)
    for model in S.STORY_TYPES:
        tag = model.model_fields["type"].annotation.__args__[0]
        assert f"'{tag}'" in text


# --- the checker ---------------------------------------------------------------------


def test_an_unknown_check_type_is_located_with_a_suggestion(rules_copy):
    name = add_story(rules_copy, "story:\n  - id: probe\n    text: A probe.\n    type: track_men\n    track: asymmetry\n    year: 2022\n    max: 5\n")
    problem = one(load_rules(rules_copy), "unknown type 'track_men'")
    assert problem.file == name and problem.line == 2
    assert problem.suggestion == "did you mean 'track_mean'?"


def test_a_misspelled_key_is_located_with_a_suggestion(rules_copy, rules):
    name = add_story(rules_copy, f"story:\n  - id: probe\n    text: A probe.\n    type: track_mean\n    trak: {rules.track_ids[0]}\n    track: {rules.track_ids[0]}\n    year: start\n    max: 5\n")
    problem = one(load_rules(rules_copy), "unknown key 'trak'")
    assert problem.file == name and problem.line == 5
    assert "did you mean 'track'" in problem.suggestion


@pytest.mark.parametrize(
    "fields, words, key, suggestion",
    [
        ({"type": "track_mean", "track": "assymetry", "year": "end", "min": 1}, "unknown track 'assymetry'", "track", "did you mean 'asymmetry'?"),
        ({"type": "order_share", "actions": ["inveest"], "max": 50}, "unknown action 'inveest'", "actions", "did you mean 'invest'?"),
        ({"type": "ending_share", "endings": ["ruptur"], "min": 1}, "unknown ending 'ruptur'", "endings", "did you mean 'rupture'?"),
        ({"type": "win_share", "side": "moskow", "min": 40}, "unknown side 'moskow'", "side", "did you mean 'moscow'?"),
        ({"type": "front_saturation", "fronts": ["artic"], "max": 10}, "unknown front 'artic'", "fronts", "did you mean 'arctic'?"),
        ({"type": "sudden_share", "max": 40, "scenarios": ["full_decad"]}, "unknown scenario 'full_decad'", "scenarios", "did you mean 'full_decade'?"),
        ({"type": "sudden_share", "max": 40, "section": "The growing asymetry"}, "unknown article section", "section", "did you mean 'The growing asymmetry'?"),
        ({"type": "sudden_share", "max": 40, "players": {"moskow": "normal"}}, "unknown side 'moskow'", "players", "did you mean 'moscow'?"),
        ({"type": "card_share_ratio", "cards": ["vostok_exercise"], "than": ["populist_wav"], "min": 1}, "unknown event 'populist_wav'", "than", "did you mean 'populist_wave'?"),
    ],
)
def test_unknown_ids_are_located_with_a_suggestion(rules_copy, rules, fields, words, key, suggestion):
    # the ids misspelled above must exist in the base rules for the suggestion to make sense
    for word in ("asymmetry", "invest", "rupture", "arctic", "full_decade"):
        assert word in set(rules.track_ids) | set(rules.action) | set(rules.ending) | set(rules.front_ids) | set(rules.scenario), word
    name = add_story(rules_copy, check_yaml(**fields))
    problem = one(load_rules(rules_copy), words)
    assert problem.file == name
    lines = (rules_copy / "zz_story.yaml").read_text().splitlines()
    bad = words.split("'")[1] if "'" in words else key
    assert key in lines[problem.line - 1] or bad in lines[problem.line - 1]
    assert problem.suggestion == suggestion


@pytest.mark.parametrize(
    "fields, words",
    [
        ({"type": "sudden_share"}, "give at least one of 'min' or 'max'"),
        ({"type": "sudden_share", "min": 50, "max": 10}, "'min' (50) is greater than 'max' (10)"),
        ({"type": "win_share", "min": 150}, "less than or equal to 100"),
        ({"type": "win_share", "min": 40, "players": "expert"}, "'expert' is not allowed here"),
        ({"type": "track_mean", "track": "asymmetry", "year": "middle", "min": 1}, "not allowed here"),
    ],
)
def test_broken_values_are_errors(rules_copy, fields, words):
    name = add_story(rules_copy, check_yaml(**fields))
    result = load_rules(rules_copy)
    assert problems_about(result, words), "\n".join(map(str, result.problems))
    assert all(p.file == name for p in result.errors)


def test_a_duplicate_check_id_is_an_error(rules_copy, rules):
    add_story(rules_copy, check_yaml(id=rules.story[0].id, type="sudden_share", max=40))
    assert one(load_rules(rules_copy), f"the story check id '{rules.story[0].id}' is used twice")


def test_a_year_no_scenario_plays_is_a_warning(rules_copy, rules):
    late = max(s.end_year for s in rules.scenarios) + 5
    add_story(rules_copy, check_yaml(type="track_mean", track=rules.track_ids[0], year=late, min=1))
    problem = one(load_rules(rules_copy), f"plays the year {late}", "warning")
    assert problem.path.endswith("year")


def test_an_action_the_side_cannot_take_and_a_card_without_a_dilemma(rules_copy, rules):
    side = rules.side_ids[0]
    foreign = next(a.id for a in rules.actions if side not in a.sides)
    plain = next(e.id for e in rules.events if e.dilemma is None)
    add_story(rules_copy, yaml.safe_dump({"story": [
        {"id": "probe", "text": "A.", "type": "order_share", "side": side, "actions": [foreign], "max": 50},
        {"id": "probe2", "text": "B.", "type": "dilemma_share", "cards": [plain], "max": 90},
    ]}))
    result = load_rules(rules_copy)
    assert one(result, f"cannot take the action '{foreign}'").path == "story[0].actions[0]"
    assert one(result, f"the card '{plain}' has no dilemma").path == "story[1].cards[0]"


def test_a_card_in_both_groups_of_a_ratio_is_a_warning_at_its_place(rules_copy, rules):
    first, second = rules.events[0].id, rules.events[1].id
    add_story(rules_copy, check_yaml(type="card_share_ratio", cards=[first, second], than=[rules.events[2].id, second], min=1))
    result = load_rules(rules_copy)
    problem = one(result, f"the card '{second}' is in both groups", severity="warning")
    assert problem.path == "story[0].than[1]" and "one group" in problem.suggestion
    assert not problems_about(result, f"the card '{first}'", severity="warning")


def test_the_check_command_reports_a_broken_story_file(rules_copy, capsys):
    add_story(rules_copy, check_yaml(type="track_mean", track="assymetry", year="end", min=1))
    assert main(["check", "--rules", str(rules_copy)]) != 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "rules/zz_story.yaml:" in text and "unknown track 'assymetry'" in text and "asymmetry" in text


# --- judging each type on hand-made games -------------------------------------------------


def game(rules, scenario, seed=0, ending=None, results=None, years=None, tracks=None, income=None, power=None, standing=None, orders=(), fired=(), choices=()):
    """A game summary as ``balance.games.play`` returns it, made by hand.

    ``tracks``: year -> {track: value}; ``income``/``power``: year -> {side: n};
    ``standing``: year -> {front: {side: n}} (defaults to each front's start).
    """
    sc = rules.scenario[scenario]
    start = {t.id: sc.setup.tracks.get(t.id, t.start) for t in rules.tracks}
    played = years if years is not None else list(range(sc.start_year, sc.end_year + 1))
    tracks = tracks or {}
    trajectory = [[sc.start_year - 1, dict(start, **tracks.get("start", {}))]] + [[y, dict(start, **tracks.get(y, {}))] for y in played]
    base_standing = {f.id: dict(f.start) for f in rules.fronts}
    detail = []
    for y in played:
        detail.append([y, dict((power or {}).get(y, {s: 0 for s in rules.side_ids})), (standing or {}).get(y, base_standing), dict((income or {}).get(y, {s: 5 for s in rules.side_ids}))])
    return {
        "seed": seed, "ending": ending or sc.endings[-1], "results": results or {s: "draw" for s in rules.side_ids},
        "last_year": played[-1], "years": len(played), "steps": 1, "fired": list(fired), "choices": [list(c) for c in choices],
        "trajectory": trajectory, "years_detail": detail, "orders": [list(o) for o in orders],
    }


@pytest.fixture
def setting(rules):
    scenario = rules.game.default_scenario
    return rules, scenario, dict.fromkeys(rules.side_ids, "normal")


def verdict(setting, games, **fields):
    rules, scenario, players = setting
    data = {"id": "probe", "text": "A probe."} | fields
    check = RuleFile.model_validate({"story": [data]}).story[0]
    return judge(check, Run(rules, scenario, players, games))


def test_track_mean_holds_and_fails(setting):
    rules, scenario, _ = setting
    track = rules.track[rules.track_ids[0]]
    year = rules.scenario[scenario].start_year + 1
    games = [game(rules, scenario, i, tracks={year: {track.id: v}}) for i, v in enumerate((track.min, track.min + 2))]
    mean = track.min + 1
    assert verdict(setting, games, type="track_mean", track=track.id, year=year, min=mean).holds is True
    low = verdict(setting, games, type="track_mean", track=track.id, year=year, min=mean + 0.5)
    assert low.holds is False and low.value == pytest.approx(mean) and low.worst == str(year)
    assert verdict(setting, games, type="track_mean", track=track.id, year=1900, min=0).holds is None


def test_track_change_and_rising(setting):
    rules, scenario, _ = setting
    sc = rules.scenario[scenario]
    track = rules.track[rules.track_ids[1]]
    start = sc.setup.tracks.get(track.id, track.start)
    up = {y: {track.id: min(track.max, start + (y - sc.start_year + 1) // 3)} for y in range(sc.start_year, sc.end_year + 1)}
    rising = [game(rules, scenario, tracks=up)]
    change = up[sc.end_year][track.id] - start
    assert change >= 2, "the test needs room on the track"
    assert verdict(setting, rising, type="track_change", track=track.id, min=change).holds is True
    assert verdict(setting, rising, type="track_change", track=track.id, min=change + 1).value == pytest.approx(change)
    assert verdict(setting, rising, type="track_rising", track=track.id).holds is True
    dip = dict(up)
    dip[sc.start_year + 4] = {track.id: start - 1}
    falling = verdict(setting, [game(rules, scenario, tracks=dip)], type="track_rising", track=track.id)
    assert falling.holds is False and falling.value < 0
    assert verdict(setting, [game(rules, scenario, tracks=dip)], type="track_rising", track=track.id, slack=10).holds is True


def test_a_rising_track_is_not_dragged_down_by_games_that_end_early(setting):
    """Each game is compared with itself: a high game that ends early leaves the mean of
    the survivors lower without any game falling, which is not a fall."""
    rules, scenario, _ = setting
    sc = rules.scenario[scenario]
    track = rules.track[rules.track_ids[1]]
    start = sc.setup.tracks.get(track.id, track.start)
    years = list(range(sc.start_year, sc.end_year + 1))
    high = {y: {track.id: min(track.max, start + 3)} for y in years}
    low = {y: {track.id: start} for y in years}
    games = [game(rules, scenario, tracks=high, years=years[:3]), game(rules, scenario, tracks=low)]
    plain = verdict(setting, games, type="track_rising", track=track.id)
    assert plain.holds is True, plain.items
    # A game that really falls is still seen among the survivors.
    falling = dict(low)
    falling[years[5]] = {track.id: start - 1}
    drop = verdict(setting, [games[0], game(rules, scenario, tracks=falling)], type="track_rising", track=track.id)
    assert drop.holds is False and drop.value == pytest.approx(-1)


def test_income_lead_and_unspent_power(setting):
    rules, scenario, _ = setting
    a, b = rules.side_ids
    sc = rules.scenario[scenario]
    years = range(sc.start_year, sc.end_year + 1)
    income = {y: {a: 4, b: 6 + (y == sc.end_year)} for y in years}
    power = {y: {a: 8, b: 30} for y in years}
    games = [game(rules, scenario, income=income, power=power)]
    lead = verdict(setting, games, type="income_lead", side=b, min=2)
    assert lead.holds is True and lead.value == pytest.approx(2)
    assert verdict(setting, games, type="income_lead", side=b, min=2.5).holds is False
    assert verdict(setting, games, type="income_lead", side=a, min=0).holds is False
    assert verdict(setting, games, type="unspent_power", side=a, max=2).holds is True
    spent = verdict(setting, games, type="unspent_power", side=b, max=2)
    assert spent.holds is False and spent.value == pytest.approx(5)


def test_order_share(setting):
    rules, scenario, _ = setting
    side = rules.side_ids[0]
    actions = [a.id for a in rules.actions if side in a.sides]
    year = rules.scenario[scenario].start_year
    even = [[year, side, act] for act in actions]
    lopsided = even + [[year, side, actions[0]]] * (3 * len(actions))
    share_even = 100 / len(actions)
    assert verdict(setting, [game(rules, scenario, orders=even)], type="order_share", side=side, max=share_even + 1, min=share_even - 1).holds is True
    top = verdict(setting, [game(rules, scenario, orders=lopsided)], type="order_share", side=side, max=50)
    assert top.holds is False and top.worst == f"{side} {actions[0]}" and top.value == pytest.approx(100 * (1 + 3 * len(actions)) / (4 * len(actions)))
    unused = verdict(setting, [game(rules, scenario, orders=even[1:])], type="order_share", side=side, min=1)
    assert unused.holds is False and unused.value == 0 and unused.worst == f"{side} {actions[0]}"
    assert verdict(setting, [game(rules, scenario)], type="order_share", max=30).holds is None


def test_front_saturation(setting):
    rules, scenario, _ = setting
    sc = rules.scenario[scenario]
    front = rules.fronts[0]
    full = {f.id: dict(f.start) for f in rules.fronts}
    full[front.id] = {s: front.max for s in rules.side_ids}
    games = [game(rules, scenario, i, standing={sc.end_year: full} if i < 3 else None) for i in range(10)]
    result = verdict(setting, games, type="front_saturation", max=10)
    assert result.holds is False and result.value == pytest.approx(30) and result.worst == front.id
    assert verdict(setting, games, type="front_saturation", fronts=[rules.fronts[1].id], max=10).holds is True


def test_endings_sudden_deaths_and_early_endings(setting):
    rules, scenario, _ = setting
    sc = rules.scenario[scenario]
    sudden = next(e for e in sc.endings if rules.ending[e].check == "sudden")
    final = next(e for e in sc.endings if rules.ending[e].check == "final")
    short = list(range(sc.start_year, sc.start_year + 2))
    games = [game(rules, scenario, 0, ending=sudden, years=short)] + [game(rules, scenario, i, ending=final) for i in range(1, 4)]
    share = verdict(setting, games, type="ending_share", endings=[sudden, final], min=20)
    assert share.holds is True and share.value == pytest.approx(25)
    every = verdict(setting, games, type="ending_share", min=2)
    assert every.holds is (len(sc.endings) == 2) and every.value == 0
    assert verdict(setting, games, type="sudden_share", max=25).holds is True
    assert verdict(setting, games, type="sudden_share", max=20).holds is False
    early = verdict(setting, games, type="early_endings", max=3)
    assert sc.start_year + 1 < sc.midpoint, "the test needs a scenario of five years or more"
    assert early.holds is False and early.value == pytest.approx(25) and early.worst == f"before {sc.midpoint}"
    assert verdict(setting, games, type="early_endings", before=1, max=3).holds is True
    assert verdict(setting, games, type="early_endings", before=50, max=30).value == pytest.approx(25)


def test_card_frequency_and_dilemma_share(setting):
    rules, scenario, _ = setting
    from eurasia_game.engine import new_game

    deck = list(new_game(rules, scenario, 0).deck)
    games = [game(rules, scenario, i, fired=deck if i == 0 else deck[1:]) for i in range(20)]
    rare = verdict(setting, games, type="card_frequency", min=10)
    assert rare.holds is False and rare.worst == deck[0] and rare.value == pytest.approx(5)
    assert verdict(setting, games, type="card_frequency", cards=deck[1:3], min=100).holds is True
    card = next(e for e in rules.events if e.dilemma is not None)
    first, second = card.dilemma.options[0].id, card.dilemma.options[1].id
    side = card.dilemma.side
    lopsided = [game(rules, scenario, choices=[[card.id, first, side]] * 19 + [[card.id, second, side]])]
    result = verdict(setting, lopsided, type="dilemma_share", cards=[card.id], max=90)
    assert result.holds is False and result.value == pytest.approx(95) and result.worst == f"{card.id} {first}"
    assert verdict(setting, lopsided, type="dilemma_share", cards=[card.id], max=90, min_answers=21).holds is None


def test_card_share_ratio_compares_two_groups_of_the_scenarios_deck(setting):
    rules, scenario, _ = setting
    from eurasia_game.engine import new_game

    deck = list(new_game(rules, scenario, 0).deck)
    outside = next(e.id for e in rules.events if e.id not in deck)
    a, b, c = deck[:3]
    # a fires in all 10 games, b in 2, c in 4: (10 + 2) / 2 = 6 against 4, a ratio of 1.5
    games = [game(rules, scenario, i, fired=[a] + ([b] if i < 2 else []) + ([c] if i < 4 else [])) for i in range(10)]
    result = verdict(setting, games, type="card_share_ratio", cards=[a, b], than=[c], min=1)
    assert result.holds is True and result.value == pytest.approx(1.5)
    assert result.worst == "2 cards against 1"
    assert verdict(setting, games, type="card_share_ratio", cards=[a, b], than=[c], min=1.6).holds is False
    assert verdict(setting, games, type="card_share_ratio", cards=[b], than=[c], min=1).holds is False
    # a card outside the scenario's deck is left out of the means, not counted as never drawn
    assert verdict(setting, games, type="card_share_ratio", cards=[b, outside], than=[c], max=0.5).value == pytest.approx(0.5)
    left_out = verdict(setting, games, type="card_share_ratio", cards=[outside], than=[c], min=1)
    assert left_out.holds is None and "deck" in left_out.reason
    never = verdict(setting, games, type="card_share_ratio", cards=[a], than=[deck[3]], min=1)
    assert never.holds is None and "drawn" in never.reason


def _miss_lines(v) -> list[str]:
    from dataclasses import asdict

    from eurasia_game.balance.report import story_lines

    lines: list[str] = []
    story_lines({"story": [asdict(v) | {"holds_text": v.holds_text}]}, lines.append)
    return [line for line in lines if line.startswith("- ")]


def test_a_missed_share_gives_its_interval_and_says_when_chance_may_explain_it(setting):
    """A share counted over few games can miss its target by chance: the report says so, with the interval."""
    rules, scenario, _ = setting
    from eurasia_game.engine import new_game

    deck = list(new_game(rules, scenario, 0).deck)
    few = [game(rules, scenario, i, fired=deck if i == 0 else deck[1:]) for i in range(20)]
    rare = verdict(setting, few, type="card_frequency", min=10)
    assert rare.holds is False and rare.samples[deck[0]] == 20
    (line,) = _miss_lines(rare)  # 1 of 20 games: the Wilson interval is 0.9% to 23.6%
    assert f"{deck[0]} 5.00% (95% interval 0.9% to 23.6% over 20: the target lies inside it" in line
    many = [game(rules, scenario, i, fired=deck[1:]) for i in range(200)]
    never = verdict(setting, many, type="card_frequency", min=10)
    (line,) = _miss_lines(never)  # 0 of 200: 0.0% to 1.9%, well short of 10%
    assert f"{deck[0]} 0.00% (95% interval 0.0% to 1.9% over 200)" in line and "chance" not in line
    year = rules.scenario[scenario].start_year
    track = rules.track_ids[0]
    mean = verdict(setting, many, type="track_mean", track=track, year=year, min=99)
    assert mean.holds is False and mean.samples == {}
    assert "interval" not in _miss_lines(mean)[0]
    side = rules.side_ids[0]
    actions = [a.id for a in rules.actions if side in a.sides]
    orders = verdict(setting, [game(rules, scenario, orders=[[year, side, actions[0]]] * 5)], type="order_share", side=side, max=50)
    assert orders.holds is False and orders.samples == {}, "orders of one game are not independent draws"


def test_win_share(setting):
    rules, scenario, _ = setting
    a, b = rules.side_ids
    games = [game(rules, scenario, i, results={a: "win", b: "lose"}) for i in range(3)]
    games += [game(rules, scenario, 9, results={a: "lose", b: "win"}), game(rules, scenario, 10, results={a: "lose", b: "lose"})]
    even = verdict(setting, games, type="win_share", min=45, max=55)
    assert even.holds is False and even.value == pytest.approx(75) and even.worst == a
    assert verdict(setting, games, type="win_share", side=b, max=25).holds is True
    assert verdict(setting, games, type="win_share", side=a, of="all", min=60, max=60).holds is True


def test_scenario_and_player_filters(setting):
    rules, scenario, players = setting
    other = next(s.id for s in rules.scenarios if s.id != scenario)
    games = [game(rules, scenario)]
    assert verdict(setting, games, type="sudden_share", max=100, scenarios=[other]).applies is False
    assert verdict(setting, games, type="sudden_share", max=100, scenarios=[scenario]).applies is True
    assert verdict(setting, games, type="sudden_share", max=100, players="hard").applies is False
    assert verdict(setting, games, type="sudden_share", max=100, players="normal").applies is True
    a = rules.side_ids[0]
    assert verdict(setting, games, type="sudden_share", max=100, players={a: "normal"}).applies is True
    assert verdict(setting, games, type="sudden_share", max=100, players={a: "easy"}).applies is False
    # 'equal': any run whose sides play at one level, never a strength run
    assert verdict(setting, games, type="sudden_share", max=100, players="equal").applies is True
    mixed = (rules, scenario, {side: ("hard" if side == a else "normal") for side in rules.side_ids})
    skipped = verdict(mixed, games, type="sudden_share", max=100, players="equal")
    assert skipped.applies is False and "same level" in skipped.reason
    assert verdict((rules, scenario, dict.fromkeys(rules.side_ids, "hard")), games, type="sudden_share", max=100, players="equal").applies is True


def test_the_base_rules_judge_only_the_strength_checks_between_unequal_levels(rules):
    from eurasia_game.balance.story import applies

    mixed = {"moscow": "hard", "beijing": "normal"}
    judged = {c.id for c in rules.story if not applies(c, "two_camps_risk", mixed)}
    assert judged == {"hard_beats_normal_as_moscow"}


# --- the lab's files -----------------------------------------------------------------------


def read_csv(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_lab_writes_economy_fronts_orders_and_story(rules, tmp_path):
    scenario = min(rules.scenarios, key=lambda s: s.end_year - s.start_year)
    out = tmp_path / "lab"
    sides = rules.side_ids
    argv = ["balance", "--scenario", scenario.id, "--games", "6", "--jobs", "1", "--out", str(out), "--quiet", "--no-charts", f"--{sides[0]}", "normal", f"--{sides[1]}", "normal"]
    assert main(argv) == 0
    economy = read_csv(out / "economy.csv")
    assert economy[0] == ["side", "year", "mean_income", "mean_power"]
    assert {r[0] for r in economy[1:]} == set(sides)
    assert {int(r[1]) for r in economy[1:]} <= set(range(scenario.start_year, scenario.end_year + 1))
    assert all(float(r[2]) >= 0 and float(r[3]) >= 0 for r in economy[1:])
    fronts = read_csv(out / "fronts.csv")
    assert fronts[0] == ["front", "side", "year", "mean_standing", "share_at_max"]
    assert {r[0] for r in fronts[1:]} == set(rules.front_ids)
    for r in fronts[1:]:
        front = rules.front[r[0]]
        assert front.min <= float(r[3]) <= front.max and 0 <= float(r[4]) <= 1
    orders = read_csv(out / "orders.csv")
    assert orders[0] == ["side", "action", "count", "share"]
    for side in sides:
        rows = [r for r in orders[1:] if r[0] == side]
        assert {r[1] for r in rows} >= {a.id for a in rules.actions if side in a.sides}
        assert sum(float(r[3]) for r in rows) == pytest.approx(1, abs=1e-5)
        assert sum(int(r[2]) for r in rows) > 0
    story = read_csv(out / "story.csv")
    assert story[0] == ["check", "value", "target", "holds"]
    figures_ids = [r[0] for r in story[1:]]
    applicable = [c.id for c in rules.story if (c.scenarios is None or scenario.id in c.scenarios) and c.players in (None, "normal", "equal", dict.fromkeys(sides, "normal"))]
    assert figures_ids == applicable
    assert all(r[3] in ("yes", "no", "n/a") for r in story[1:])
    items = read_csv(out / "story_items.csv")
    assert items[0] == ["check", "item", "value", "holds", "out_of", "ci_low", "ci_high"]
    for check_id, _value, _target, holds in story[1:]:
        mine = [r for r in items[1:] if r[0] == check_id]
        if holds == "n/a":
            assert not mine
        else:
            assert mine and (holds == "yes") == all(r[3] == "yes" for r in mine), check_id
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## Story checks" in report
    for check_id in applicable:
        assert f"`{check_id}`" in report


def test_income_and_orders_come_from_the_game_itself(rules):
    """What a game summary records agrees with the game: income rows for each year, orders for each side."""
    scenario = min(rules.scenarios, key=lambda s: s.end_year - s.start_year).id
    players = dict.fromkeys(rules.side_ids, "normal")
    games = run_games(rules, scenario, players, [1, 2], jobs=1)
    for g in games:
        years = [row[0] for row in g["years_detail"]]
        assert years == [y for y, _ in g["trajectory"][1:]]
        for year, power, standing, income in g["years_detail"]:
            assert set(power) == set(rules.side_ids) and set(standing) == set(rules.front_ids)
            assert set(income) in (set(), set(rules.side_ids))
        assert {side for _, side, _ in g["orders"]} == set(rules.side_ids)
        assert all(action in rules.action for _, _, action in g["orders"])
    figures = summarise(rules, scenario, players, games)
    assert sum(r["count"] for r in figures["orders"]) == sum(len(g["orders"]) for g in games)


# --- mods -------------------------------------------------------------------------------------


def test_a_mod_adds_overrides_and_removes_story_checks(rules, tmp_path):
    base_first, base_second = rules.story[0].id, rules.story[1].id
    mod = make_mod(tmp_path, "own_story", {"story.yaml": {
        "remove": {"story": [base_second]},
        "story": [
            {"id": "my_check", "type": "sudden_share", "text": "Few sudden deaths.", "max": 30},
            {"id": base_first, "type": "win_share", "text": "Overridden.", "min": 10},
        ],
    }})
    result = load_rules(mods=[mod])
    assert result.ok, "\n".join(map(str, result.problems))
    ids = [c.id for c in result.rules.story]
    assert "my_check" in ids and base_second not in ids
    assert ids.index(base_first) == 0 and result.rules.story[0].type == "win_share"
    scenario = rules.game.default_scenario
    games = [game(rules, scenario, i) for i in range(4)]
    verdicts = {v.id: v for v in evaluate(result.rules, scenario, dict.fromkeys(rules.side_ids, "normal"), games)}
    assert verdicts["my_check"].holds is (sum(1 for g in games if rules.ending[g["ending"]].check == "sudden") / 4 <= 0.3)
    assert verdicts["my_check"].holds is not None


def test_a_mod_story_check_with_a_broken_id_names_the_mod_file(tmp_path):
    mod = make_mod(tmp_path, "bad_story", {"story.yaml": "story:\n  - id: mine\n    type: track_mean\n    text: T.\n    track: asymetry\n    year: end\n    min: 1\n"})
    result = load_rules(mods=[mod])
    problem = one(result, "unknown track 'asymetry'")
    assert problem.file.endswith("bad_story/story.yaml") and problem.line == 5
    assert problem.suggestion == "did you mean 'asymmetry'?"
