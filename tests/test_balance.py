"""The balance lab: the report's files and sections, reproducibility, bad input."""

from __future__ import annotations

import pytest

from eurasia_game.balance.stats import correlation, summarise, wilson
from eurasia_game.balance.runner import run_games
from eurasia_game.cli.main import main

SECTIONS = ["## Story checks", "## Results", "## Endings", "Sudden deaths:", "## Objectives", "## Length", "## Track trajectories", "## Events", "## Dilemmas", "95% CI"]
FILES = ["report.md", "summary.csv", "games.csv", "endings.csv", "tracks.csv", "events.csv", "dilemmas.csv", "economy.csv", "fronts.csv", "orders.csv", "objectives.csv", "story.csv", "story_items.csv", "trajectories.png", "endings.png"]


def short_scenario(rules) -> str:
    return min(rules.scenarios, key=lambda s: s.end_year - s.start_year).id


def balance(rules, out, jobs, games=20, seed=0, extra=()):
    sides = rules.side_ids
    argv = ["balance", "--scenario", short_scenario(rules), "--games", str(games), "--seed", str(seed), "--jobs", str(jobs), "--out", str(out), "--quiet",
            f"--{sides[0]}", "normal", f"--{sides[1]}", "easy", *extra]
    return main(argv)


def test_report_files_and_sections(rules, tmp_path, capsys):
    out = tmp_path / "lab"
    assert balance(rules, out, jobs=1) == 0
    for name in FILES:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    report = (out / "report.md").read_text(encoding="utf-8")
    for section in SECTIONS:
        assert section in report, section
    for track in rules.tracks:
        assert track.name in report
    for ending in rules.endings:
        assert f"`{ending.id}`" in report
    assert (out / "trajectories.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    games = (out / "games.csv").read_text(encoding="utf-8").splitlines()
    assert len(games) == 21 and games[0].startswith("seed,ending")


def test_same_seed_range_same_report_whatever_the_jobs(rules, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert balance(rules, one, jobs=1) == 0
    assert balance(rules, two, jobs=2) == 0
    for name in FILES:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_another_seed_range_gives_other_games(rules, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert balance(rules, a, jobs=1, games=6, seed=0, extra=["--no-charts"]) == 0
    assert balance(rules, b, jobs=1, games=6, seed=100, extra=["--no-charts"]) == 0
    assert (a / "games.csv").read_text() != (b / "games.csv").read_text()
    assert not (a / "endings.png").exists()


def test_figures_add_up(rules):
    scenario = short_scenario(rules)
    players = dict(zip(rules.side_ids, ("normal", "easy")))
    games = run_games(rules, scenario, players, list(range(8)), jobs=1)
    assert [g["seed"] for g in games] == list(range(8))
    figures = summarise(rules, scenario, players, games)
    assert sum(e["count"] for e in figures["endings"]) == 8
    assert figures["decided"] == sum(r["decided_wins"] for r in figures["results"].values())
    for d in figures["dilemmas"]:
        assert sum(o["count"] for o in d["options"]) == d["answered"]
    assert figures["trajectories"][rules.track_ids[0]]["points"][0]["games"] == 8


def test_wilson_interval_and_correlation():
    low, high = wilson(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-3) and high == pytest.approx(0.5962, abs=1e-3)
    assert wilson(0, 10)[0] == pytest.approx(0.0) and wilson(10, 10)[1] == pytest.approx(1.0)
    assert correlation([1, 0, 1, 0], [1, 0, 1, 0]) == pytest.approx(1.0)
    assert correlation([1, 1, 1], [0, 1, 0]) is None


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--games", "0"], "--games must be 1 or more"),
        (["--jobs", "0"], "--jobs must be 1 or more"),
        (["--scenario", "nowhere"], "unknown scenario 'nowhere'"),
        (["--hard-simulations", "0"], "must be more than 0"),
    ],
)
def test_bad_input_gets_a_clear_message(rules, tmp_path, capsys, extra, message):
    sides = rules.side_ids
    argv = ["balance", "--out", str(tmp_path / "x"), "--quiet", f"--{sides[0]}", "normal", f"--{sides[1]}", "normal", *extra]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_missing_side_player_is_explained(rules, tmp_path, capsys):
    assert main(["balance", "--out", str(tmp_path / "x"), "--quiet", f"--{rules.side_ids[0]}", "normal"]) == 2
    assert "give every side a player" in capsys.readouterr().err


def test_hard_budget_option_reaches_the_players(rules, tmp_path):
    from eurasia_game.ai import HardSettings

    scenario = short_scenario(rules)
    players = dict(zip(rules.side_ids, ("hard", "easy")))
    small = HardSettings(simulations=12, candidates=3, rival_samples=1, replies=1)
    games = run_games(rules, scenario, players, [3], jobs=1, hard=small)
    assert games[0]["ending"] in rules.scenario[scenario].endings
    again = run_games(rules, scenario, players, [3], jobs=1, hard=small)
    assert games == again


def test_the_lab_plays_modded_rules_and_names_the_mods(rules_copy, tmp_path):
    """A mod's extra front is played and the report says which rules it ran."""
    from eurasia_game.loading.loader import load_rules

    (rules_copy / "zz_more.yaml").write_text(
        "fronts:\n  - id: space\n    name: Space\n    description: Launchers and satellites.\n    stakes: [Prestige in orbit.]\n"
        "    start: {moscow: 3, beijing: 3}\n    map_position: [0.9, 0.1]\n",
        encoding="utf-8",
    )
    out = tmp_path / "mod"
    sides = load_rules(rules_copy).rules.side_ids
    argv = ["balance", "--rules", str(rules_copy), "--games", "4", "--jobs", "1", "--out", str(out), "--quiet", "--no-charts", f"--{sides[0]}", "normal", f"--{sides[1]}", "easy"]
    assert main(argv) == 0
    assert "## Results" in (out / "report.md").read_text(encoding="utf-8")
    assert len((out / "games.csv").read_text(encoding="utf-8").splitlines()) == 5


def test_the_report_speaks_the_language_given_and_the_csv_columns_stay(rules, tmp_path):
    from eurasia_game import lang

    out = tmp_path / "de"
    try:
        assert balance(rules, out, jobs=1, games=4, extra=("--lang", "de", "--no-charts")) == 0
    finally:
        lang.use("en")
    report = (out / "report.md").read_text(encoding="utf-8")
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings == ["## Story-Prüfungen", "## Ergebnisse", "## Ausgänge", "## Ziele", "## Länge", "## Verlauf der Leisten", "## Ereignisse", "## Dilemmas"]
    assert report.startswith("# Balance-Bericht: ") and "| Seite | Siege | Remis | Niederlagen |" in report
    assert "Vorzeitige Ausgänge:" in report and "95-%-KI" in report and "| Seite | Ziel | Erreicht | Anteil |" in report
    for english in ("Balance report", "## Results", "Sudden deaths", "Average length", "How often", "judged only", "| yes |", "| no |"):
        assert english not in report, english
    story = (out / "story.csv").read_text(encoding="utf-8").splitlines()
    assert story[0] == "check,value,target,holds"  # columns and verdicts stay for scripts
    assert {row.rsplit(",", 1)[1] for row in story[1:]} <= {"yes", "no", "n/a"}
    assert (out / "games.csv").read_text(encoding="utf-8").startswith("seed,ending")


def test_each_game_keeps_the_objectives_its_sides_met_at_the_end(rules):
    """What ``games.play`` records is each side's standing on its objectives in the final position."""
    from eurasia_game.balance.games import make_player, play
    from eurasia_game.engine import apply_action, legal_actions, new_game, view
    from eurasia_game.engine.objectives import standing

    scenario = short_scenario(rules)
    players = dict(zip(rules.side_ids, ("normal", "easy")))
    seen = set()
    for seed in range(4):
        summary = play(rules, scenario, seed, players)
        state = new_game(rules, scenario, seed)
        policies = {s: make_player(players[s], seed, s) for s in rules.side_ids}
        while state.ending is None:
            side = state.to_act
            state = apply_action(rules, state, policies[side].choose(rules, view(rules, state, side), legal_actions(rules, state, side))).state
        for side in rules.side_ids:
            met = [oid for oid, ok in standing(rules, state, side).met if ok]
            assert summary["objectives"][side] == met, (seed, side)
            seen.add(len(met))
    assert len(seen) > 1, "the games differ in what they met"


def test_objective_shares_count_only_games_that_ran_to_a_final_ending(rules):
    from eurasia_game.balance.tables import objectives, objectives_needed

    sudden = next(e.id for e in rules.endings if e.check == "sudden")
    final = next(e.id for e in rules.endings if e.check != "sudden")
    moscow, beijing = rules.side_ids
    mine = [o.id for o in rules.side[moscow].objectives]
    needed = rules.side[moscow].objectives_needed
    games = [
        {"ending": final, "objectives": {moscow: mine[:needed], beijing: []}},
        {"ending": final, "objectives": {moscow: mine[:1], beijing: []}},
        {"ending": sudden, "objectives": {moscow: mine, beijing: []}},  # left out: decided by its own result
    ]
    rows = {(r["side"], r["objective"]): r for r in objectives(rules, games)}
    assert rows[(moscow, mine[0])]["met"] == 2 and rows[(moscow, mine[0])]["games"] == 2 and rows[(moscow, mine[0])]["share"] == 1.0
    assert rows[(moscow, mine[-1])]["met"] == (1 if needed == len(mine) else 0)
    assert objectives_needed(rules, games)[moscow] == 0.5
    assert objectives_needed(rules, games)[beijing] == 0.0
    assert objectives(rules, games[2:])[0]["share"] is None
