"""The report's teaching sections and the class report's comparisons.

Single game: "Questions for this table" (built from its decisions), "What if"
(the same seed with each dilemma answered the other way), "The article
expected" (the rules' expectations against the game), and every order of
the timeline linked to its note.  Class: every order with counts per table,
"Choices and endings", class questions, and tables of mixed scenarios lined
up by year in HTML, Markdown and CSV.
"""

from __future__ import annotations

import csv
import io
import re
from html import escape
from pathlib import Path

import pytest

from eurasia_game.report.combine import Table, combined_html, combined_md, order_rows
from eurasia_game.report.debrief import build_debrief
from eurasia_game.report.export import report_files
from eurasia_game.report.table import to_csv
from eurasia_game.report.teaching import expected_rows, teaching_view
from eurasia_game.session.autoplay import play_game
from eurasia_game.session.branches import TRUNK, BranchInfo, read_class
from eurasia_game.session.replay import replay_steps
from eurasia_game.session.whatif import dilemma_forks

SEMINAR = Path(__file__).resolve().parent / "seminar"


@pytest.fixture(scope="module")
def table_c(rules):
    record = read_class(SEMINAR / "table_c.record.json").branches[0].record
    if record.rules_fingerprint != rules.fingerprint:
        pytest.fail("the seminar fixtures were made with other rules; run '.venv/bin/python tests/seminar/regenerate.py'")
    return record


@pytest.fixture(scope="module")
def debrief_c(rules, table_c):
    return build_debrief(rules, table_c)


@pytest.fixture(scope="module")
def files_c(rules, debrief_c):
    return report_files(rules, [(BranchInfo(id=TRUNK, name="Original game"), debrief_c)])


def test_the_report_has_the_three_teaching_sections(files_c):
    html, md = files_c["report.html"], files_c["report.md"]
    for heading, anchor in (("Questions for this table", "questions"), ("What if", "what-if"), ("The article expected", "expected")):
        assert f'<section id="{anchor}"><h2>{heading}</h2>' in html
        assert f"## {heading}" in md


def test_the_questions_name_what_this_table_chose(rules, debrief_c):
    view = teaching_view(rules, debrief_c)
    text = " ".join(q for q, _ in view.questions)
    assert debrief_c.decisions
    for item in debrief_c.decisions:
        card = rules.event[item.card]
        chosen = next(o.label for o in card.dilemma.options if o.id == item.detail)
        assert card.title in text and chosen in text and str(item.year) in text
    biggest = max(debrief_c.turning_points, key=lambda t: abs(t.delta))
    assert f"{biggest.label} went from {biggest.before} to {biggest.after}" in text


def test_what_if_replays_the_same_seed_with_the_other_option(rules, table_c):
    forks = dilemma_forks(rules, table_c)
    chooses = [i for i, a in enumerate(table_c.actions) if a.kind == "choose"]
    assert forks and {f.index for f in forks} <= set(chooses)
    for fork in forks:
        assert fork.record.seed == table_c.seed and fork.record.scenario == table_c.scenario
        assert fork.record.actions[: fork.index] == table_c.actions[: fork.index]
        assert fork.record.actions[fork.index].option == fork.other != fork.chosen == table_c.actions[fork.index].option
        later = fork.record.actions[fork.index + 1 : fork.index + 1 + fork.followed]
        assert later == table_c.actions[fork.index + 1 : fork.index + 1 + fork.followed]  # the same later orders while legal
        assert list(replay_steps(rules, fork.record))[-1].state.over  # a finished game's fork reaches an ending
    again = dilemma_forks(rules, table_c)
    assert [f.record.actions for f in again] == [f.record.actions for f in forks]  # deterministic


def test_what_if_shows_each_forks_ending_and_tracks(rules, debrief_c, files_c):
    view = teaching_view(rules, debrief_c)
    forks = dilemma_forks(rules, debrief_c.record)
    assert len(view.what_if) == len(forks)
    for row, fork in zip(view.what_if, forks):
        other = build_debrief(rules, fork.record)
        assert row.ending_there.startswith(other.ending.name)
        assert [(t, a, b) for t, a, b in row.tracks] == [(s.label, s.values[-1], o.values[-1]) for s, o in zip(debrief_c.tracks, other.tracks)]
        assert escape(row.other, quote=False) in files_c["report.html"]
    assert any(r.ending_there.split(" (")[0] != r.ending_here.split(" (")[0] for r in view.what_if), "no dilemma changed the ending in this fixture"


def test_the_article_expected_holds_every_expectation_against_the_game(rules, debrief_c):
    rows = expected_rows(rules, debrief_c)
    assert len(rows) == len(rules.expectations)
    by_name = {s.label: s for s in debrief_c.tracks}
    for row, item in zip(rows, rules.expectations):
        if item.track:
            series = by_name[rules.track[item.track].name]
            assert (row.start, row.end) == (series.values[0], series.values[-1])
            if item.trend in ("rise", "fall", "steady"):
                delta = row.end - row.start
                moved = "rise" if delta > 1 else "fall" if delta < -1 else "steady"
                assert row.matches == (moved == item.trend)
        else:
            assert row.matches == (debrief_c.ending.id in item.endings)


def test_every_order_in_the_timeline_links_to_its_note(rules, files_c):
    html, md = files_c["report.html"], files_c["report.md"]
    orders = re.findall(r'<li class="order">(.*?)</li>', html)
    assert orders
    ids = set(re.findall(r'<tr id="(order-[a-z_]+)"', html))
    for item in orders:
        target = re.search(r'href="#(order-[a-z_]+)"', item)
        assert target and target.group(1) in ids, item
    md_orders = [line for line in md.splitlines() if "](#orders-and-the-article)" in line]
    assert len(md_orders) == len(orders)


def table(rules, name, scenario, seed) -> Table:
    session = play_game(rules, scenario, seed, {s: "random" for s in rules.side_ids})
    return Table(name, "Original game", build_debrief(rules, session.record()))


def test_the_class_report_lists_every_order_even_when_all_tables_agree(rules, debrief_c):
    same = [Table("one", "Original game", debrief_c), Table("two", "Original game", debrief_c)]
    rows = order_rows(rules, same)
    given = {(i.side, i.detail) for items in debrief_c.timeline.values() for i in items if i.kind == "order"}
    assert len(rows) == len(given) and all(r[-1] == "same at every table" for r in rows)
    html, md = combined_html(rules, same), combined_md(rules, same)
    for row in rows:
        assert row[1] in md and escape(row[1], quote=False) in html
    assert "same orders" not in md


def test_the_class_report_matrix_and_questions(rules, debrief_c):
    other = table(rules, "b", None, 3)
    tables = [Table("a", "Original game", debrief_c), other]
    html, md = combined_html(rules, tables), combined_md(rules, tables)
    assert '<section id="choices-endings"><h2>Choices and endings</h2>' in html and "## Choices and endings" in md
    assert '<section id="class-questions"><h2>Questions for the class</h2>' in html and "## Questions for the class" in md
    for t in tables:
        assert escape(t.debrief.ending.name, quote=False) in html.split('id="choices-endings"')[1].split("</section>")[0]


def test_mixed_scenarios_line_up_by_year_in_html_markdown_and_csv(rules):
    full = table(rules, "full", "full_decade", 5)
    late = table(rules, "late", "after_fourth_term", 6)
    tables = [full, late]
    md = combined_md(rules, tables)
    part = md.split("### Partnership by year")[1].split("###")[0]
    head = [c.strip() for c in part.strip().splitlines()[0].strip("|").split("|")]
    rows = {r.split("|")[1].strip(): [c.strip() for c in r.strip().strip("|").split("|")] for r in part.strip().splitlines()[2:]}
    for t in tables:
        series = t.debrief.tracks[0]
        for year, value in zip(t.debrief.point_years[1:], series.values[1:]):
            assert rows[t.name][head.index(str(year))] == str(value), (t.name, year)
    start = late.debrief.point_years[0]
    column = head.index(str(start)) if str(start) in head else head.index(f"Start of {start + 1}")
    assert rows["late"][column] == str(late.debrief.tracks[0].values[0])  # its start sits at its own year
    assert rows["full"][column] in ("", str(full.debrief.tracks[0].values[full.debrief.point_years.index(start)]) if start in full.debrief.point_years else "")
    html = combined_html(rules, tables)
    assert "lines their games up by year" in html
    text = to_csv(rules, [(t.name, t.line, t.debrief) for t in tables])
    by_year = {(r["table"], r["year"]): r for r in csv.DictReader(io.StringIO(text))}
    assert by_year[("late", str(start))]["point"] == "Start"
    last = full.debrief.point_years[-1]
    assert by_year[("full", str(last))]["partnership"] == str(full.debrief.tracks[0].values[-1])


def test_a_question_for_each_side_with_objectives(rules, debrief_c):
    from eurasia_game.report.teaching import objective_questions

    found = objective_questions(rules, debrief_c)
    sides = [s for s in rules.sides if getattr(s, "objectives", None)]
    assert len(found) == len(sides)
    for side, (text, _) in zip(sides, found):
        assert text.startswith(f"{side.name} met ") and f"of its {len(side.objectives)} objectives" in text
