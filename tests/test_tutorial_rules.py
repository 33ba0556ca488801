"""The guided first game's rule file: its model, and the checker's word on a broken one.

A tutorial names a scenario, a side and steps; each step waits for a moment
and points at a control of the screen open then.  A step pointing at a
control that does not exist, or at one of another screen, is an error
located at its file and line with a suggestion.
"""

from __future__ import annotations

from eurasia_game.loading.loader import load_rules
from eurasia_game.model.tutorial import ANCHORS, MOMENT_SCREEN, MOMENTS, anchors_for

from conftest import edit_rule_file


def _problems(result, words: str):
    return [p for p in result.problems if words in p.message]


def _line_of(folder, name: str, text: str) -> int:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_the_base_game_has_a_first_year_tutorial_as_moscow(rules):
    tutorial = rules.tutorial["first_year"]
    assert tutorial.scenario in rules.scenario and tutorial.side == "moscow" and tutorial.opponent in ("easy", "random", "normal", "hard")
    ids = [s.id for s in tutorial.steps]
    assert len(ids) == len(set(ids))
    # it teaches what the issue asks for: fronts, tracks, planning, a dilemma, each side's aims, the ending
    anchors = {s.anchor for s in tutorial.steps}
    assert {"board.map", "board.tracks", "board.orders", "board.commit", "dilemma.options", "board.objectives"} <= anchors
    moments = [s.when for s in tutorial.steps]
    assert moments == sorted(moments, key=MOMENTS.index), "the steps come in the order of the year"
    assert {"dilemma", "plan", "reveal", "revealed"} <= set(moments)
    assert any("ends" in s.title for s in tutorial.steps)


def test_every_moment_has_its_screen_and_anchors():
    for moment in MOMENTS:
        screen = MOMENT_SCREEN[moment]
        assert screen is None or screen in ANCHORS
        assert anchors_for(moment)[0] == "none"


def test_tutorials_are_not_part_of_the_fingerprint(rules_copy, rules):
    edit_rule_file(rules_copy, "tutorial.yaml", "title: End planning", "title: Finish the plan")
    modded = load_rules(rules_copy)
    assert not modded.errors
    assert modded.rules.fingerprint == rules.fingerprint
    assert any(s.title == "Finish the plan" for s in modded.rules.tutorial["first_year"].steps)


def test_an_anchor_naming_an_unknown_front(rules_copy):
    edit_rule_file(rules_copy, "tutorial.yaml", "anchor: board.map", "anchor: front:enrgy")
    result = load_rules(rules_copy)
    [problem] = _problems(result, "front:enrgy")
    assert problem.severity == "error" and "unknown front 'enrgy'" in problem.message
    assert (problem.file, problem.line) == ("rules/tutorial.yaml", _line_of(rules_copy, "tutorial.yaml", "front:enrgy"))
    assert problem.path.endswith(".anchor") and "did you mean 'energy'" in problem.suggestion


def test_a_misspelt_control(rules_copy):
    edit_rule_file(rules_copy, "tutorial.yaml", "anchor: board.commit", "anchor: board.comit")
    result = load_rules(rules_copy)
    [problem] = _problems(result, "board.comit")
    assert problem.message == "unknown anchor 'board.comit'"
    assert problem.line == _line_of(rules_copy, "tutorial.yaml", "board.comit")
    assert "did you mean 'board.commit'" in problem.suggestion


def test_a_control_of_another_screen(rules_copy):
    edit_rule_file(rules_copy, "tutorial.yaml", "anchor: dilemma.options", "anchor: board.commit")
    result = load_rules(rules_copy)
    [problem] = [p for p in _problems(result, "board.commit") if "is on the board" in p.message]
    assert "at the moment 'dilemma' the dilemma is open" in problem.message
    assert "dilemma.options" in problem.suggestion
    edit_rule_file(rules_copy, "tutorial.yaml", "anchor: reveal.orders", "anchor: track:partnership")
    result = load_rules(rules_copy)
    assert _problems(result, "'track:partnership' is on the board, but at the moment 'reveal'")


def test_an_unknown_anchor_kind_and_an_action_of_the_other_side(rules_copy, rules):
    edit_rule_file(rules_copy, "tutorial.yaml", "anchor: board.map", "anchor: frnt:energy")
    beijing_only = next(a.id for a in rules.actions if a.sides == ["beijing"] or tuple(a.sides) == ("beijing",))
    edit_rule_file(rules_copy, "tutorial.yaml", "anchor: board.orders", f"anchor: action:{beijing_only}")
    result = load_rules(rules_copy)
    [kind] = _problems(result, "frnt:energy")
    assert "front:energy" in kind.suggestion
    [action] = _problems(result, f"action '{beijing_only}'")
    assert "Moscow cannot take" in action.message


def test_duplicate_step_ids_and_a_step_that_would_never_show(rules_copy):
    edit_rule_file(rules_copy, "tutorial.yaml", "id: tracks\n", "id: fronts\n")
    edit_rule_file(rules_copy, "tutorial.yaml", "when: computer", "when: card")
    edit_rule_file(rules_copy, "tutorial.yaml", "anchor: board.log", "anchor: card")
    result = load_rules(rules_copy)
    [twice] = _problems(result, "'fronts' is used twice")
    assert twice.severity == "error" and twice.file == "rules/tutorial.yaml" and twice.path.endswith(".id")
    [late] = _problems(result, "so it is never shown")
    assert late.severity == "warning" and "move it above" in late.suggestion


def test_a_tutorial_naming_an_unknown_scenario_or_side(rules_copy):
    edit_rule_file(rules_copy, "tutorial.yaml", "scenario: full_decade", "scenario: full_decad")
    edit_rule_file(rules_copy, "tutorial.yaml", "side: moscow", "side: moskow")
    result = load_rules(rules_copy)
    [scenario] = _problems(result, "unknown scenario 'full_decad'")
    assert "did you mean 'full_decade'" in scenario.suggestion
    [side] = _problems(result, "unknown side 'moskow'")
    assert side.file == "rules/tutorial.yaml"


def test_the_check_command_reports_a_broken_tutorial(rules_copy, capsys):
    from eurasia_game.cli.main import main

    edit_rule_file(rules_copy, "tutorial.yaml", "anchor: board.commit", "anchor: board.comit")
    code = main(["check", "--rules", str(rules_copy)])
    out = capsys.readouterr().out
    assert code != 0
    assert "tutorial.yaml:" in out and "unknown anchor 'board.comit'" in out and "did you mean 'board.commit'" in out
