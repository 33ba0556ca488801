"""The checker's shared walk, its reading of which fields name ids, and what a broken item hides.

The checker walks the rule set once (``Walks``) and reads each model class's
id fields once (``loading.refs.ref_fields``), keeping both in memory.  Those shortcuts
must give what the plain walk and a fresh reading give, or a check would
quietly skip a place: these tests compare them directly, on classes made
here so that nothing read earlier in the process answers for them.
"""

from __future__ import annotations

from eurasia_game.loading.checker import Walks, walk
from eurasia_game.loading.refs import ref_fields
from pydantic import BaseModel

from eurasia_game.model.base import CardRef, FixedSideRef, SideRef

from test_checker import add_file


def test_id_fields_are_found_plain_optional_and_in_lists():
    # made here, so each run reads a class that no earlier run has read (and kept)
    class _Plain(BaseModel):  # not a rule model: the rules' own classes are listed elsewhere (rules_cache)
        side: FixedSideRef
        maybe_side: SideRef | None = None
        cards: list[CardRef] = []
        maybe_cards: list[FixedSideRef] | None = None
        count: int = 0
        words: list[str] = []

    found = {(name, key, many): tuple(meta.kind for meta in metas) for name, key, metas, many in ref_fields(_Plain)}
    assert found == {
        ("side", "side", False): ("side",),
        ("maybe_side", "maybe_side", False): ("side",),
        ("cards", "cards", True): ("event",),
        ("maybe_cards", "maybe_cards", True): ("side",),
    }
    # the special words a relative side ref allows come with the optional field's mark
    marks = {name: metas for name, _, metas, _ in ref_fields(_Plain)}
    assert "self" in marks["maybe_side"][0].specials
    assert "self" not in marks["side"][0].specials


def test_walks_gives_what_walk_gives_for_every_section_item_and_deeper_place(rules):
    walks = Walks(rules)
    assert walks(rules, ()) == walk(rules, ())
    for section in ("game", "actions", "events", "scenarios", "yearly"):
        value = getattr(rules, section)
        assert walks(value, (section,)) == walk(value, (section,))
        if isinstance(value, list):
            for index in (0, len(value) - 1):
                assert walks(value[index], (section, index)) == walk(value[index], (section, index))
    # a place below a section's items is walked on its own, keeping its path
    event = next(e for e in rules.events if e.dilemma is not None)
    deep = walks(event.dilemma, ("events", rules.events.index(event), "dilemma"))
    assert deep and deep == walk(event.dilemma, ("events", rules.events.index(event), "dilemma"))
    assert all(path[:3] == ("events", rules.events.index(event), "dilemma") for path, _ in deep)
    # an item the rule set does not have is not cut from the shared walk
    assert walks(None, ("events", len(rules.events) + 5)) == []


def test_self_deep_inside_the_when_of_a_card_with_a_dilemma_is_an_error(rules_copy, rules):
    from eurasia_game.loading.loader import load_rules

    side = rules.side_ids[0]
    add_file(
        rules_copy,
        "zz_deep.yaml",
        f"""\
events:
  - id: zz_deep
    title: Deep
    text: A card whose test names the acting side deep inside.
    section: Introduction
    basis: extrapolation
    teaching_note: A note.
    in_deck: false
    when:
      type: all
      of:
        - {{type: power, side: self, min: 0}}
    dilemma:
      side: {side}
      prompt: Which?
      options:
        - {{id: free, label: Free, text: Free., log: Nothing paid., effects: [{{type: power, side: self, delta: 1}}]}}
        - {{id: pay, label: Pay, text: Pay., cost: 1, log: Paid.}}
""",
    )
    result = load_rules(rules_copy)
    about = [(p.file, p.line, p.path, p.message) for p in result.problems if "zz_deep" in p.file]
    assert about == [
        # the test at the draw, however deep, speaks for no side; the dilemma's effects do
        ("rules/zz_deep.yaml", 12, "events[0].when.of[0].side", "'self' has no meaning here because no side is acting"),
        ("rules/zz_deep.yaml", 8, "events[0].in_deck", "the card is kept out of the deck and no effect or scenario fires it, so it can never happen"),
    ]


GHOST = """\
events:
  - id: zz_caller
    title: Caller
    text: A card that fires a card nobody defines by that id.
    section: Introduction
    basis: extrapolation
    teaching_note: A note.
    effects: [{type: trigger, card: zz_ghost}]
"""


def test_a_broken_card_without_a_readable_id_may_be_the_one_a_ref_names(rules_copy):
    from eurasia_game.loading.loader import load_rules

    add_file(rules_copy, "zz_caller.yaml", GHOST)
    unknown = "unknown event 'zz_ghost'"
    assert [p.path for p in load_rules(rules_copy).problems if p.message == unknown] == ["events[0].effects[0].card"]
    # a card in error whose id cannot be read: the ref may be to it, so only the card's own error is reported
    add_file(rules_copy, "zz_broken.yaml", "events:\n  - title: No id\n    text: A card with no id.\n")
    problems = load_rules(rules_copy).problems
    assert not [p for p in problems if p.message == unknown]
    assert [p.file for p in problems if p.severity == "error"] and all(p.file == "rules/zz_broken.yaml" for p in problems if p.severity == "error")


def _track(number: int) -> str:
    return f"""\
  - id: zz_track_{number}
    name: Track {number}
    section: Introduction
    basis: extrapolation
    note: A note.
    description: A track that nothing moves.
    min: 0
    max: 10
    start: 5
    low_label: Low
    high_label: High
"""


def test_unknown_refs_list_the_known_ids_up_to_twelve_of_them(rules_copy, rules):
    """Up to 12 known ids are listed as the fix; more would not help a modder, so none are."""
    from eurasia_game.loading.loader import load_rules

    caller = """\
events:
  - id: zz_caller
    title: Caller
    text: A card that moves a track nobody defines.
    section: Introduction
    basis: extrapolation
    teaching_note: A note.
    effects: [{type: track, track: qqqqqqqq, delta: 1}]
"""
    add_file(rules_copy, "zz_caller.yaml", caller)
    known = len(rules.tracks)
    found = {}
    for count in (12, 13):
        add_file(rules_copy, "zz_tracks.yaml", "tracks:\n" + "".join(_track(n) for n in range(count - known)))
        [problem] = [p for p in load_rules(rules_copy).problems if p.path == "events[0].effects[0].track"]
        found[count] = problem.suggestion
    assert found[12] is not None and found[12].count("zz_track_") == 12 - known
    assert found[13] is None


def test_a_fronts_own_rules_are_checked_for_unknown_ids(rules_copy):
    from eurasia_game.loading.loader import load_rules

    edit = (rules_copy / "fronts.yaml").read_text(encoding="utf-8")
    marker = "      - {type: power, side: moscow, delta: 1}\n"
    assert edit.count(marker) >= 1
    (rules_copy / "fronts.yaml").write_text(edit.replace(marker, "      - {type: power, side: moscovv, delta: 1}\n", 1), encoding="utf-8")
    problems = [(p.path, p.message) for p in load_rules(rules_copy).problems if p.file == "rules/fronts.yaml"]
    assert any(path.startswith("fronts[0].resolution[0].effects[0].side") and "moscovv" in message for path, message in problems), problems
