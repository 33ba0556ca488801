"""Small places where another language used to show English words or punctuation.

The red-lines table's full stops, what decided a game, the names of what-if
lines a class file keeps as written, and flags' names in the descriptions of
conditions and effects: each in the language chosen, English unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eurasia_game import lang
from eurasia_game.engine import new_game
from eurasia_game.engine.describe import describe_condition, describe_effect
from eurasia_game.engine.redlines import rows
from eurasia_game.lang.catalogue import S
from eurasia_game.loading.loader import fingerprint, load_rules
from eurasia_game.model import conditions as C
from eurasia_game.model import effects as E
from conftest import edit_rule_file

ROOT = Path(__file__).resolve().parents[1]
SEMINAR = ROOT / "tests" / "seminar"


@pytest.fixture
def speak():
    yield lang.use
    lang.use("en")


def test_red_lines_table_ends_each_cell_with_the_language_s_full_stop(speak):
    from eurasia_game.ui.screens.redlines import _sentence

    assert _sentence("met now") == "Met now."
    speak("zh")
    rules = load_rules().rules
    state = new_game(rules, rules.game.default_scenario, 0)
    cells = [_sentence(text) for row in rows(rules, state) for text in (row.crosses, row.costs, row.distance)]
    assert cells and all(cell.endswith("。") and not cell.endswith(".。") for cell in cells)
    assert S("dec_reached_sentence", reached="x") == "x。"  # what decided a game, too
    speak("de")
    assert _sentence("jetzt erfüllt") == "Jetzt erfüllt."


def test_lines_the_game_named_are_shown_in_the_language_chosen(rules, speak):
    from eurasia_game.report.export import line_debriefs, report_files
    from eurasia_game.session.branches import BranchInfo, line_name, read_class

    english = read_class(SEMINAR / "table_a.class.json")
    assert [b.info.name for b in english.branches][:2] == ["Original game", "What if: from 2021 (line 2)"]
    speak("de")
    klass = read_class(SEMINAR / "table_a.class.json")
    names = [b.info.name for b in klass.branches]
    assert names[:2] == ["Ursprüngliches Spiel", "Was wäre, wenn: ab 2021 (Verlauf 2)"]
    csv = report_files(rules, line_debriefs(rules, klass))["turns.csv"]
    assert "Original game" not in csv and ",Ursprüngliches Spiel,Start," in csv
    own = BranchInfo(id="b1", name="Our own idea", parent="trunk", fork_year=2021, fork_at=3)
    assert line_name(own) == "Our own idea"  # a name a person wrote stays as written
    russian = BranchInfo(id="trunk", name="Исходная партия")
    assert line_name(russian) == "Ursprüngliches Spiel"  # a name the game gave in another language
    speak("en")
    assert line_name(russian) == "Original game"
    reroll = BranchInfo(id="b2", name="What if: the 2024 roll again, seed 8 (line 3)", parent="trunk", fork_year=2024, fork_at=9, reroll_seed=8)
    speak("zh")
    assert line_name(reroll) == S("ses_line_reroll", year=2024, seed=8, number=3) != reroll.name


def test_flags_have_translatable_names_and_english_reads_as_before(rules, speak):
    held = C.FlagSet(type="flag", flag="referendum_held")
    assert describe_condition(rules, held) == "'referendum held' has happened"
    assert describe_effect(rules, E.SetFlag(type="flag", flag="growth_year")) == "marks 'growth year'"
    assert describe_condition(rules, C.FlagSet(type="flag", flag="no_such_mark")) == "'no such mark' has happened"  # no name: the id in words
    speak("de")
    german = load_rules().rules
    assert describe_condition(german, held) == "„Referendum abgehalten“ ist eingetreten"
    speak("zh")
    chinese = load_rules().rules
    assert "已举行公投" in describe_condition(chinese, held)
    assert german.fingerprint == chinese.fingerprint == rules.fingerprint  # names never change play
    assert fingerprint(rules.model_copy(update={"flags": ()})) == rules.fingerprint


def test_check_warns_about_a_name_for_a_flag_no_rule_uses(rules_copy):
    edit_rule_file(rules_copy, "flags.yaml", "  - id: growth_year\n", "  - id: growth_yaer\n")
    result = load_rules(rules_copy)
    warnings = [p for p in result.problems if "growth_yaer" in p.message]
    assert len(warnings) == 1 and warnings[0].severity == "warning" and warnings[0].file.endswith("flags.yaml")
    assert "growth_year" in (warnings[0].suggestion or "")
    assert result.rules.fingerprint == load_rules().rules.fingerprint


def test_the_balance_progress_bar_and_flag_quotes_speak_the_language(rules, speak):
    import io

    from eurasia_game.balance.runner import ProgressBar

    out = io.StringIO()
    ProgressBar(out)(1, 2)
    assert out.getvalue().startswith("[" + "#" * 15 + "." * 15 + "] 1/2 games   50%  left ")
    speak("ru")
    out = io.StringIO()
    ProgressBar(out)(2, 2)
    assert "2/2 партий  100%  осталось 00:00" in out.getvalue()
    russian = load_rules().rules
    assert describe_condition(russian, C.FlagSet(type="flag", flag="referendum_held")) == "наступило: «референдум проведён»"


@pytest.mark.parametrize("code, separator", [("en", ", "), ("de", ", "), ("ru", ", "), ("zh", "、")])
def test_the_windows_lists_use_the_languages_own_separator(speak, rules, code, separator):
    """Objectives met, plan previews, map legends: items listed the way the language lists them."""
    from eurasia_game.engine.objectives import standing
    from eurasia_game.ui.screens.objectives_view import ending_text
    from eurasia_game.ui.strings import joined

    speak(code)
    assert joined(["A", "B", "C"]) == f"A{separator}B{separator}C"
    side = rules.sides[0]
    state = new_game(rules, None, 1)
    met = dict(standing(rules, state, side.id).met)
    names = [o.name for o in side.objectives if met[o.id]]
    assert len(names) >= 2, "the side meets two objectives or more at the start"
    assert separator.join(names) in ending_text(rules, state, side.id)
