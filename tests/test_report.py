"""Debriefs and reports made from stored class records (tests/seminar).

The stored games hold the facilitator's acts (notes, a pause, injects now,
next and forced, a timer running out) and a what-if branch; their reports
must show every event that fired with its article section and teaching note,
the notes, the charts, the turning points and the ending with its questions.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
from pathlib import Path

import pytest

from eurasia_game.cli.main import main
from eurasia_game.engine.state import FACILITATOR, Action
from eurasia_game.report.debrief import build_debrief, debrief_of
from eurasia_game.report.export import ReportError, line_debriefs, write_combined, write_debrief, write_report
from eurasia_game.report.html import class_report_html
from eurasia_game.session.branches import read_class
from eurasia_game.session.replay import replay
from eurasia_game.session.session import GameSession

SEMINAR = Path(__file__).resolve().parent / "seminar"
REGENERATE = "run '.venv/bin/python tests/seminar/regenerate.py' if the rules change was intended, then review 'git diff tests/seminar'"


def _load_regenerate():
    spec = importlib.util.spec_from_file_location("seminar_regenerate", SEMINAR / "regenerate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


regen = _load_regenerate()
TABLES = [SEMINAR / "table_a.class.json", SEMINAR / "table_b.record.json", SEMINAR / "table_c.record.json"]


@pytest.fixture(scope="module")
def table_a(rules):
    klass = read_class(TABLES[0])
    for branch in klass.branches:
        if branch.record.rules_fingerprint != rules.fingerprint:
            pytest.fail(f"the seminar fixtures were made with rules {branch.record.rules_fingerprint}, not {rules.fingerprint}; {REGENERATE}")
    return klass


@pytest.fixture(scope="module")
def lines(rules, table_a):
    return line_debriefs(rules, table_a)


@pytest.fixture(scope="module")
def report(rules, table_a, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    written = write_report(rules, table_a, out)
    assert [p.name for p in written] == ["report.html", "report.md", "turns.csv"]
    return {p.name: p.read_text(encoding="utf-8") for p in written}


def fired_cards(rules, record):
    _, events = replay(rules, record)
    return [e for e in events if e.kind == "card"]


def test_the_fixture_holds_every_facilitator_act(table_a):
    kinds = {(a.kind, a.mode) for b in table_a.branches for a in b.record.actions if a.side == FACILITATOR}
    assert {("note", None), ("pause", None), ("inject", "now"), ("inject", "forced"), ("inject", "next"), ("time_up", "warn")} <= kinds
    assert len(table_a.branches) == 2 and table_a.branches[1].info.fork_year is not None


def test_every_fired_event_appears_with_its_section_and_teaching_note(rules, table_a, report):
    html, md = report["report.html"], report["report.md"]
    cards = fired_cards(rules, table_a.branches[0].record)
    assert len(cards) >= 5
    for event in cards:
        card = rules.event[event.card]
        for text in (card.title, card.section, card.teaching_note):
            assert _html_text(text) in html, text
            assert _md_text(text) in md, text


def test_notes_pause_and_injects_appear_in_every_format(rules, table_a, report):
    html, md, table = report["report.html"], report["report.md"], report["turns.csv"]
    for note in (*regen.NOTES.values(), regen.FINAL_NOTE, "What if Moscow had kept its distance here?"):
        assert _html_text(note) in html and _md_text(note) in md
    assert _html_text(regen.PAUSE) in html
    assert regen.NOTES[0] in table
    forced = next(a.card for a in table_a.branches[0].record.actions if a.kind == "inject" and a.mode == "forced")
    title = _html_text(rules.event[forced].title)
    assert re.search(r'<span class="tag forced">forced</span>[^<]*' + re.escape(title), html)
    assert "\\[forced\\] " + _md_text(rules.text("card_forced", title=rules.event[forced].title)) in md


def test_the_report_has_its_sections_and_charts(rules, lines, report):
    html = report["report.html"]
    for section in ("lines", "ending", "charts", "turning-points", "timeline", "events", "facilitator", "numbers", "line1-start", "line1-timeline"):
        assert f'<section id="{section}">' in html or f'<h3 id="{section}">' in html, section
    per_line = len(rules.tracks) + len(rules.fronts)
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == len(rules.tracks) + per_line * len(lines)
    for track in rules.tracks:
        assert f'id="track-{track.id.replace("_", "-")}"' in html
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "@media print" in html


def test_the_ending_its_future_and_questions_are_shown(rules, lines, report):
    html, md = report["report.html"], report["report.md"]
    for _, debrief in lines:
        ending = rules.ending[debrief.final.ending]
        assert _html_text(ending.name) in html and _html_text(ending.future) in html
        for question in ending.questions:
            assert _html_text(question) in html and _md_text(question) in md


def test_turning_points_name_what_moved_them(lines):
    trunk = lines[0][1]
    assert trunk.turning_points
    for point in trunk.turning_points:
        assert point.causes, point
        assert sum(c.delta for c in point.causes) == point.delta
        assert all(c.year == point.year for c in point.causes)


def test_series_end_where_the_game_ended(rules, lines):
    for _, debrief in lines:
        state = debrief.final
        for series in debrief.tracks:
            assert series.values[-1] == state.tracks[series.key]
        for front, (_, rows) in debrief.fronts.items():
            for series in rows:
                assert series.values[-1] == state.standing[front][series.key.split("/")[1]]
        assert len(debrief.points) == len(state.snapshots) + 1


def test_the_csv_holds_one_row_per_point_and_line(rules, lines, report):
    rows = list(csv.DictReader(io.StringIO(report["turns.csv"])))
    assert len(rows) == sum(len(d.points) for _, d in lines)
    trunk = lines[0][1]
    mine = [r for r in rows if r["line"] == "Original game"]
    for track in trunk.tracks:
        assert [int(r[track.key]) for r in mine] == list(track.values)
    assert mine[-1]["ending"] == trunk.final.ending


def test_the_branch_shows_only_what_follows_its_fork(rules, table_a, lines, report):
    info, branch = lines[1]
    html = report["report.html"]
    part = html[html.index('<section id="line1-start">') :]
    years = [int(y) for y in re.findall(r"<h4>(\d{4})</h4>", part)]
    assert years and min(years) == info.fork_year
    assert _html_text(info.name) in html


def test_a_game_in_progress_hides_secrets_and_has_no_ending(rules):
    session = GameSession.new(rules, None, 21)
    while session.state.dilemma is not None:
        session.act(next(a for a in session.legal() if a.kind == "choose"))
    side = session.state.to_act
    plan = next(a for a in session.legal() if a.kind == "plan")
    session.act(plan)
    card = next(c for c in session.state.deck if session.why_illegal(Action("inject", FACILITATOR, card=c, mode="next")) is None)
    session.act(Action("inject", FACILITATOR, card=card, mode="next"))
    first = session.steps[0].result
    debrief = debrief_of(rules, session.record(), first.state, first.events, session.state, session.events(everything=True))
    assert debrief.ending is None and debrief.points[-1].endswith("so far")
    texts = [i.text for items in debrief.timeline.values() for i in items]
    assert not any(i.kind in ("planned", "inject") for items in debrief.timeline.values() for i in items)
    assert all(rules.action[plan.action].name not in t or "planned" not in t for t in texts)
    html = class_report_html(rules, [(read_class_info(), debrief)])
    assert "still in progress" in html and rules.side[side].name in html


def read_class_info():
    from eurasia_game.session.branches import TRUNK, BranchInfo

    return BranchInfo(id=TRUNK, name="Original game")


def test_text_from_the_game_is_escaped(rules, tmp_path):
    session = GameSession.new(rules, None, 4)
    session.act(Action("note", FACILITATOR, text="<script>alert('x')</script> *bold* | pipe"))
    debrief = build_debrief(rules, session.record())
    write_debrief(rules, debrief, tmp_path)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "\\*bold\\*" in md and "\\| pipe" in md
    assert (tmp_path / "report.html").stat().st_mode & 0o044 == 0o044  # readable by the class


def test_a_combined_class_report(rules, table_a, tmp_path):
    saves = [("table_a", table_a)] + [(p.stem.split(".")[0], read_class(p)) for p in TABLES[1:]]
    write_combined(rules, saves, tmp_path, title="Seminar B")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "turns.csv").read_text(encoding="utf-8"))))
    assert {r["table"] for r in rows} == {"table_a", "table_b", "table_c"}
    for name, klass in saves:
        branch = next(b for b in klass.branches if b.info.id == klass.current)
        state, _ = replay(rules, branch.record)
        ending = rules.ending[state.ending]
        assert name in html and _html_text(ending.name) in html and _md_text(ending.name) in md
    for section in ("tables", "endings", "spread", "decisions"):
        assert f'<section id="{section}">' in html
    assert html.count('class="chart"') == len(rules.tracks)
    assert html.count('<polygon class="band"') == len(rules.tracks)
    assert "Decisions that differed" in md and "Orders the tables gave" in md


def test_combining_needs_two_tables(rules, table_a, tmp_path):
    with pytest.raises(ReportError, match="at least two"):
        write_combined(rules, [("a", table_a)], tmp_path)


def test_the_report_command(rules, tmp_path, capsys):
    out = tmp_path / "one"
    assert main(["report", str(TABLES[0]), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.md", "turns.csv"]
    both = tmp_path / "class"
    assert main(["report", "--combine", *map(str, TABLES), "--out", str(both), "--title", "Seminar B"]) == 0
    html = (both / "report.html").read_text(encoding="utf-8")
    assert "Seminar B" in html
    assert '">table_a</td>' in html and "table_a.class" not in html  # tables are named after their files
    klass = read_class(TABLES[0])
    now = next(a.card for a in klass.branches[0].record.actions if a.kind == "inject" and a.mode == "now")
    assert re.search(re.escape(_html_text(rules.event[now].title)) + r" \(\d{4}, injected\)", html)
    assert "wrote" in capsys.readouterr().out


def test_the_report_command_refuses_clearly(tmp_path, capsys):
    assert main(["report", *map(str, TABLES[:2]), "--out", str(tmp_path)]) == 2
    assert "--combine" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "nope.json"), "--out", str(tmp_path / "r")]) == 1  # a problem of the input, not of the command line
    assert "there is no save" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["report", str(TABLES[1]), "--out", str(blocker)]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    damaged = tmp_path / "damaged.json"
    damaged.write_text(TABLES[1].read_text().replace('"seed"', '"seeds"'))
    assert main(["report", str(damaged), "--out", str(tmp_path / "d")]) == 1  # a damaged save is a problem of the input (exit 1), as in check
    assert "cannot make the report" in capsys.readouterr().err


def _html_text(text: str) -> str:
    from html import escape

    return escape(text)


def _md_text(text: str) -> str:
    from eurasia_game.report.markdown import md

    return md(text)
