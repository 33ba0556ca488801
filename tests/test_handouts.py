"""The printed handouts: built from the rules, paraphrasing the article, fitting their pages.

The page counts are checked on real paper sizes: each handout is printed to
PDF by headless chromium (A4 and US Letter) and counted with ``pdfinfo``
(poppler-utils; .ci/run installs both).
"""

from __future__ import annotations

import os
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from conftest import cannot_run, need_tool
from eurasia_game.cli.main import main
from eurasia_game.handouts.export import HandoutError, handout_files, write_handouts
from eurasia_game.loading.loader import load_rules

ARTICLE = Path("/work/shared/source/russia-china-relations.txt")
NAMES = {"briefing-moscow.html", "briefing-beijing.html", "rules.html", "reading-guide.html", "memo.html"}


def text_of(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_every_handout_is_made_with_learning_objectives(rules):
    files = handout_files(rules)
    assert set(files) == NAMES
    for name, page in files.items():
        assert "Learning objectives" in page, name
        assert "@page" in page and "@media print" in page, name
    objectives = {h.id: h.objectives for h in rules.handouts}
    assert objectives["memo"][0] in text_of(files["memo.html"])


def test_a_briefing_holds_the_sides_interests_fears_red_lines_and_questions(rules):
    files = handout_files(rules)
    for side in rules.side_ids:
        page = text_of(files[f"briefing-{side}.html"])
        brief = rules.briefing[side]
        for text in [*brief.interests, *brief.fears, *brief.questions, *(a.text for a in brief.argument)]:
            assert " ".join(text.split()) in page, text
        for point in brief.argument:
            assert f"({point.section})" in page
        for line in rules.red_lines:
            assert line.name in page
        other = next(s for s in rules.side_ids if s != side)
        assert rules.briefing[other].interests[0] not in page  # each side sees only its own
        for action in rules.actions:
            assert (action.name in page) == (side in action.sides) or action.name in text_of(files["rules.html"])


def test_the_reading_guide_cites_the_article_in_full(rules):
    page = text_of(handout_files(rules)["reading-guide.html"])
    citation = rules.handout["reading_guide"].citation
    for part in (citation.title, citation.publisher, citation.date):
        assert part in page
    assert "author not named" in page  # the copy names none, and nothing is invented
    for section in rules.game.sources:
        assert section in page


def test_the_rules_sheet_names_every_order_track_and_ending_of_the_scenario(rules):
    scenario = rules.scenario["after_fourth_term"]
    page = text_of(handout_files(rules, "after_fourth_term")["rules.html"])
    for item in [*rules.actions, *rules.tracks, *rules.fronts]:
        assert item.name in page
    for ending in rules.endings:
        assert (f"{ending.name} -" in page) == (ending.id in scenario.endings)
    assert "2024" in page


def test_the_memo_has_its_prompts_and_a_rubric_with_a_total(rules):
    page = text_of(handout_files(rules)["memo.html"])
    for prompt in rules.handout["memo"].prompts:
        assert prompt in page
    total = sum(max(level.points for level in c.levels) for c in rules.rubric)
    assert f"Total (out of {total})" in page
    for criterion in rules.rubric:
        assert criterion.criterion in page


def shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_the_handouts_paraphrase_the_article_and_never_copy_it(rules):
    if not ARTICLE.exists():
        cannot_run(f"the article's copy is not at {ARTICLE}")
    article = shingles(ARTICLE.read_text(encoding="utf-8"))
    for name, page in handout_files(rules).items():
        copied = shingles(text_of(page)) & article
        assert not copied, f"{name} copies the article: {' '.join(sorted(copied)[0])}"


def test_the_paraphrase_check_finds_a_copied_sentence():
    assert shingles("the glue that binds Sino-Russian relations in the 21st century") & shingles(
        "have served as the glue that binds Sino-Russian relations in the 21st century."
    )


def test_a_mod_rewrites_the_handouts(rules_copy, tmp_path):
    mod = tmp_path / "classroom"
    mod.mkdir()
    (mod / "mod.yaml").write_text(
        "id: classroom\nname: Classroom briefings\nversion: '1.0.0'\nformat: 1\ndescription: Our own briefing.\n"
        "game: {id: eurasia_base, versions: '>=1.0, <2.0'}\n",
        encoding="utf-8",
    )
    (mod / "briefing.yaml").write_text(
        "briefings:\n  - id: moscow\n    role: You are the Kremlin of our seminar.\n    interests: [Cheap gas]\n    fears: [Loneliness]\n"
        "    argument: [{section: Building blocks, text: Our paraphrase.}]\n    questions: [Are we sure?]\n",
        encoding="utf-8",
    )
    result = load_rules(rules_copy, mods=[mod])
    assert not result.errors, result.problems
    page = text_of(handout_files(result.rules)["briefing-moscow.html"])
    assert "You are the Kremlin of our seminar." in page and "Cheap gas" in page
    assert result.rules.fingerprint == load_rules(rules_copy).rules.fingerprint  # teaching never changes play


def test_the_command_writes_the_folder_and_says_what_is_wrong(tmp_path, capsys):
    assert main(["handouts", "--out", str(tmp_path / "h"), "--scenario", "after_fourth_term"]) == 0
    assert {p.name for p in (tmp_path / "h").iterdir()} == NAMES
    assert main(["handouts", "--out", str(tmp_path / "x"), "--scenario", "no_such"]) == 2
    err = capsys.readouterr().err
    assert "no scenario 'no_such'" in err and "full_decade" in err


def test_a_file_in_the_way_is_a_clear_error(rules, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(HandoutError, match="is a file, not a folder"):
        write_handouts(rules, blocker)


def print_pdf(page: Path, tmp_path: Path) -> Path:
    pdf = page.with_suffix(".pdf")
    command = [
        need_tool("chromium", "chromium-browser"), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-pdf-header-footer",
        f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=dict(os.environ, HOME=str(tmp_path)))
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    return pdf


def pdf_pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run([need_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:.*\((\w+)\)", info, re.M)
    return pages, size.group(1) if size else ""


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_printed_a_briefing_fits_two_pages_and_the_rules_one(rules, tmp_path, paper):
    need_tool("chromium", "chromium-browser"), need_tool("pdfinfo")
    folder = tmp_path / paper
    write_handouts(rules, folder, paper=paper)
    limits = {"briefing-moscow.html": 2, "briefing-beijing.html": 2, "rules.html": 1, "reading-guide.html": 2, "memo.html": 2}
    for name, limit in limits.items():
        pages, size = pdf_pages(print_pdf(folder / name, tmp_path))
        assert 1 <= pages <= limit, f"{name} prints on {pages} {paper} pages; it must fit on {limit}"
        assert size.lower() == {"a4": "a4", "letter": "letter"}[paper], size


def plan_minutes(text: str, minutes: int) -> dict[str, int]:
    """Minutes per part (Rules, Briefing, Play, Debrief) of a plan in docs/seminar.md."""
    part = text.split(f"### {minutes} minutes")[1].split("###")[0].split("## ")[0]
    totals: dict[str, int] = {}
    last = 0
    for start, end, name in re.findall(r"^\| (\d+)-(\d+) \| (\w+) \|", part, re.M):
        assert int(start) == last, f"the {minutes}-minute plan has a gap or overlap at minute {start}"
        last = int(end)
        totals[name] = totals.get(name, 0) + int(end) - int(start)
    assert last == minutes, f"the {minutes}-minute plan ends at minute {last}"
    return totals


def test_the_seminar_plans_fit_their_class():
    text = (Path(__file__).resolve().parent.parent / "docs" / "seminar.md").read_text(encoding="utf-8")
    short = plan_minutes(text, 45)
    assert short["Rules"] + short["Briefing"] <= 8 and short["Play"] <= 25 and short["Debrief"] >= 12
    for minutes in (75, 90):
        assert set(plan_minutes(text, minutes)) == {"Rules", "Briefing", "Play", "Debrief"}
    for words in ("Describe", "Analyse", "Apply", "When the dice decided the ending", "rubric"):
        assert words in text
