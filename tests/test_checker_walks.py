"""The checker's shared walk, its reading of which fields name ids, and what a broken item hides.

The checker walks the rule set once (``Walks``) and reads each model class's
id fields once (``_ref_fields``), keeping both in memory.  Those shortcuts
must give what the plain walk and a fresh reading give, or a check would
quietly skip a place: these tests compare them directly, on classes made
here so that nothing read earlier in the process answers for them.
"""

from __future__ import annotations

from eurasia_game.loading.checker import Walks, _ref_fields, walk
from pydantic import BaseModel

from eurasia_game.model.base import CardRef, FixedSideRef, SideRef

from test_checker import add_file


class _Plain(BaseModel):  # not a rule model: the rules' own classes are listed elsewhere (rules_cache)
    side: FixedSideRef
    maybe_side: SideRef | None = None
    cards: list[CardRef] = []
    maybe_cards: list[FixedSideRef] | None = None
    count: int = 0
    words: list[str] = []


def test_id_fields_are_found_plain_optional_and_in_lists():
    found = {(name, key, many): tuple(meta.kind for meta in metas) for name, key, metas, many in _ref_fields(_Plain)}
    assert found == {
        ("side", "side", False): ("side",),
        ("maybe_side", "maybe_side", False): ("side",),
        ("cards", "cards", True): ("event",),
        ("maybe_cards", "maybe_cards", True): ("side",),
    }
    # the special words a relative side ref allows come with the optional field's mark
    marks = {name: metas for name, _, metas, _ in _ref_fields(_Plain)}
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
