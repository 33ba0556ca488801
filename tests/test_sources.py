"""Every rule item a player meets is tied to the article.

Cards, actions, fronts, tracks, red lines and yearly trends each name the
article section they come from, say whether the article states them or the
game extrapolates (``basis``), and carry a teaching note.  The sections must
be real headings of the article, the notes must paraphrase it, and the
checker must point out a mod's item that leaves these out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eurasia_game.loading.loader import load_rules
from eurasia_game.model.content import SOURCED_KINDS, item_note
from eurasia_game.paths import base_rules_dir

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_CANDIDATES = (
    ROOT / "source" / "russia-china-relations.txt",
    ROOT.parent / "shared" / "source" / "russia-china-relations.txt",
)
RULES = load_rules(base_rules_dir()).rules


def _items():
    for section, kind in SOURCED_KINDS.items():
        for index, item in enumerate(getattr(RULES, section)):
            yield pytest.param(item, id=f"{section}:{getattr(item, 'id', index)}")


def _article() -> str | None:
    path = next((p for p in ARTICLE_CANDIDATES if p.exists()), None)
    return path.read_text(encoding="utf-8") if path else None


@pytest.mark.parametrize("item", list(_items()))
def test_every_item_names_section_basis_and_note(item):
    assert item.section in RULES.game.sources
    assert item.basis in ("article", "extrapolation")
    note = (item_note(item) or "").strip()
    assert 40 <= len(note) <= 500, "a teaching note should be a sentence or three"


def test_every_kind_of_item_is_covered():
    counts = {section: len(getattr(RULES, section)) for section in SOURCED_KINDS}
    assert all(counts.values()), counts
    # both kinds of basis are used: the game is honest about what it adds
    bases = {item.basis for section in SOURCED_KINDS for item in getattr(RULES, section)}
    assert bases == {"article", "extrapolation"}


def test_sections_are_the_articles_own_headings():
    text = _article()
    if text is None:
        pytest.skip("the source article is not available here")
    lines = {line.strip() for line in text.splitlines()}
    for heading in RULES.game.sources:
        if heading == "Introduction":  # the untitled opening paragraph
            continue
        assert heading in lines, f"'{heading}' is not a heading of the article"


def test_notes_paraphrase_the_article():
    """No note or rule text copies a run of six or more words from the article."""
    text = _article()
    if text is None:
        pytest.skip("the source article is not available here")

    def words(t: str) -> list[str]:
        return re.findall(r"[a-z0-9]+", t.lower().replace("\u2019", "'"))

    source = words(text)
    n = 6
    grams = {tuple(source[i : i + n]) for i in range(len(source) - n + 1)}
    copied = []
    for section in SOURCED_KINDS:
        for item in getattr(RULES, section):
            for t in (item_note(item), getattr(item, "description", None), getattr(item, "text", None)):
                w = words(t or "")
                copied += [f"{section}: {' '.join(w[i:i + n])}" for i in range(len(w) - n + 1) if tuple(w[i : i + n]) in grams]
    assert copied == []


def _mod(tmp_path, body: str) -> Path:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "mod.yaml").write_text(
        "id: m\nname: M\nversion: '1.0.0'\nformat: 1\ndescription: A test mod.\ngame: {id: eurasia_base, versions: '>=1.0'}\n",
        encoding="utf-8",
    )
    (folder / "rules.yaml").write_text(body, encoding="utf-8")
    return folder


ACTION = """actions:
  - id: lobby
    name: Lobby
    {extra}description: Lobby the partner.
    sides: [moscow]
    cost: 1
    effects:
      - {{type: track, track: partnership, delta: 1}}
    log: "$side lobbied."
"""


def test_checker_warns_when_a_mod_item_does_not_say_where_it_comes_from(tmp_path):
    result = load_rules(base_rules_dir(), mods=[_mod(tmp_path, ACTION.format(extra=""))])
    assert result.ok
    found = [p for p in result.problems if "lobby" in p.message and "article" in p.message]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "section" in found[0].message and "basis" in found[0].message and "note" in found[0].message


def test_checker_rejects_a_section_that_is_not_a_heading(tmp_path):
    extra = "section: Building block\n    basis: article\n    note: A note long enough to teach something about the article.\n    "
    result = load_rules(base_rules_dir(), mods=[_mod(tmp_path, ACTION.format(extra=extra))])
    errors = [p for p in result.problems if p.severity == "error"]
    assert any("unknown article section 'Building block'" in p.message and "Building blocks" in (p.suggestion or "") for p in errors)


def test_checker_rejects_a_basis_outside_the_two_words(tmp_path):
    extra = "section: Building blocks\n    basis: rumour\n    note: A note long enough to teach something about the article.\n    "
    result = load_rules(base_rules_dir(), mods=[_mod(tmp_path, ACTION.format(extra=extra))])
    assert not result.ok
    assert any("basis" in (p.path or "") or "basis" in p.message for p in result.problems if p.severity == "error")


def test_a_complete_mod_item_checks_clean(tmp_path):
    extra = "section: Building blocks\n    basis: extrapolation\n    note: A note long enough to teach something about the article.\n    "
    result = load_rules(base_rules_dir(), mods=[_mod(tmp_path, ACTION.format(extra=extra))])
    assert result.ok and [str(p) for p in result.problems] == []


# --- shown to players: the report, the help, the card -------------------------------


def test_the_report_cites_the_article_and_gives_each_cards_basis(tmp_path):
    from eurasia_game.report.debrief import build_debrief
    from eurasia_game.report.html import class_report_html
    from eurasia_game.report.markdown import class_report_md
    from eurasia_game.session.autoplay import play_game
    from eurasia_game.session.branches import TRUNK, BranchInfo

    session = play_game(RULES, "full_decade", 3, {"moscow": "normal", "beijing": "normal"})
    debrief = build_debrief(RULES, session.record())
    assert debrief.cards and all(c.basis in ("article", "extrapolation") for c in debrief.cards)
    lines = [(BranchInfo(id=TRUNK, name="Original game"), debrief)]
    md = class_report_md(RULES, lines)
    html = class_report_html(RULES, lines)
    source = RULES.game.source
    assert "The future of Russia-China relations" in source and "Atlantic Community" in source and "2019" in source
    assert source in md
    assert source.replace('"', "&quot;") in html or source in html
    for card in debrief.cards:
        assert f'<span class="tag basis" title="' in html
        assert f"| {card.basis} |" in md


def test_help_lists_every_item_under_its_section_with_its_basis():
    from eurasia_game.ui.screens.help_article import article_lines

    lines = article_lines(RULES)
    text = "\n".join(t for _, t in lines)
    assert RULES.game.source in text
    for action in RULES.actions:
        assert f"{action.name} (order, {action.basis})" in text
    for front in RULES.fronts:
        assert f"{front.name} (front, {front.basis})" in text
    subs = [t for kind, t in lines if kind == "sub"]
    assert subs == [s for s in RULES.game.sources if s in subs] and len(subs) >= 4


def test_help_gives_the_basis_in_the_language_chosen():
    from eurasia_game import lang
    from eurasia_game.ui.screens.help_article import article_lines

    lang.use("de")
    try:
        text = "\n".join(t for _, t in article_lines(RULES))
    finally:
        lang.use("en")
    assert "(Befehl, Artikel)" in text and "Extrapolation)" in text
    assert ", article)" not in text and ", extrapolation)" not in text
