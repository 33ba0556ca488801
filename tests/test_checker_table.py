"""Every whole-game check of the checker, one broken input each, its exact problem expected.

A modder reads these messages and nothing else, so each row pins down the
severity, the file, the line, the field path, the words and the fix.  The
broken inputs are gathered in one rule file added to a copy of the base
rules (and one mod for what only a mod can do), so the whole table costs two
loads: it is part of the fast set the mutation run uses (docs/mutation.md).
Each test compares the whole list of problems, so a check that starts
reporting something else, or twice, fails too.  Ids of the base game come
from the loaded rules, so the table follows the base game as it changes.
"""

from __future__ import annotations

import yaml

from eurasia_game.loading.checker import walk
from eurasia_game.loading.loader import load_rules
from eurasia_game.model.texts import TEXT_KEYS

from test_checker import add_file
from test_mods import make_mod

SILENT_RULE = "this rule changes numbers but writes no log line, so the reveal and the debrief show its changes beside the line before it"
ADD_RULE_LOG = "add log: a sentence in the past tense saying what happened"
SOURCING_FIX = "add 'section' (an article heading from game.sources), 'basis' (article or extrapolation) and a teaching 'note'"

# One rule file with a mistake (or a near miss that must not be reported) for each check.
BROKEN = """\
actions:
  - id: zz_aimless
    name: Aimless
    description: An order aimed at no front at all.
    sides: [{side}]
    cost: 1
    targets: []
    requires: {{type: track, track: {track}, min: 1}}
    effects: [{{type: track, track: {track}, delta: 1}}]
    log: Nothing happened.
  - id: zz_reasoned
    name: Reasoned
    description: An order with a reason.
    section: Introduction
    basis: extrapolation
    note: A note.
    sides: [{side}]
    cost: 1
    requires: {{type: track, track: {track}, min: 1}}
    requires_text: Only with some {track}.
    effects: [{{type: track, track: {track}, delta: 1}}]
    log: Something happened.
  - id: zz_untargeted
    name: Untargeted
    description: An order that names a front it is not aimed at.
    section: Introductio
    basis: extrapolation
    note: A note.
    sides: [{side}, {side}x]
    cost: 1
    effects: [{{type: standing, front: target, side: self, delta: 1}}]
    log: Something happened.
  - id: zz_reasoned
    name: Reasoned twice
    description: The same id again.
    section: Introduction
    basis: extrapolation
    note: A note.
    sides: [{side}]
    cost: 1
    effects: [{{type: track, track: {track}, delta: 1}}]
    log: Something happened.
events:
  - id: zz_costly
    title: Costly
    text: Every way out costs.
    section: Introduction
    basis: extrapolation
    teaching_note: A note.
    in_deck: false
    dilemma:
      side: {side}
      prompt: Which?
      options:
        - {{id: pay, label: Pay, text: Pay., cost: 1, log: Paid.}}
        - {{id: wait, label: Wait, text: Wait., requires: {{type: track, track: {track}, min: 1}}, requires_text: Only then., log: Waited.}}
        - {{id: pay, label: Pay again, text: Pay again., cost: 2, log: Paid again.}}
  - id: zz_free
    title: Free
    text: One way out is free.
    section: Introduction
    basis: extrapolation
    teaching_note: A note.
    in_deck: false
    when: {{type: power, side: self, min: 0}}
    dilemma:
      side: {side}
      prompt: Which?
      options:
        - {{id: pay, label: Pay, text: Pay., cost: 1, log: Paid., effects: [{{type: power, side: self, delta: 1}}]}}
        - {{id: free, label: Free, text: Free., log: Nothing paid.}}
  - id: zz_unsourced
    title: Unsourced
    text: A card that does not say whether the article says it.
    section: Introduction
    teaching_note: A note.
    in_deck: false
    effects: [{{type: track, track: {track}, delta: 1}}]
  - id: zz_flags
    title: Flags
    text: A flag cleared and one tested.
    section: Introduction
    basis: extrapolation
    teaching_note: A note.
    in_deck: false
    when: {{type: flag, flag: zz_off}}
    effects:
      - {{type: flag, flag: zz_off, value: false}}
      - {{type: flag, flag: zz_on}}
      - {{type: trigger, card: qqqqqqq}}
      - {{type: power, side: self, delta: 1}}
scenarios:
  - id: zz_short
    name: Short
    description: Two years.
    start_year: 2025
    end_year: 2026
    minutes: 10
    deck_tags: [zz_no_such_tag]
    opening_cards: [zz_costly, zz_free, zz_unsourced, zz_flags]
    scheduled:
      - {{year: 2024, card: {card}}}
      - {{year: 2025, card: {card}}}
      - {{year: 2026, card: {card}}}
      - {{year: 2027, card: {card}}}
    endings: [{conditional_ending}]
  - id: zz_quiet
    name: Quiet
    description: No draw at all.
    start_year: 2025
    end_year: 2026
    minutes: 10
    events_per_year: 0
    deck_tags: [zz_no_such_tag]
    endings: [{fallback_ending}]
yearly:
  - text: A yearly trend with no source, written long enough to be shortened.
    effects: [{{type: track, track: {track}, delta: 0}}]
  - text: Forty characters of trend text, exactly.
    section: Introduction
    effects: [{{type: track, track: {track}, delta: 0}}]
texts:
  zz_unused_message: Never shown.
  year_begn: Misspelt.
"""


def problems(result) -> list[tuple]:
    return sorted((p.severity, p.file, p.line, p.path, p.message, p.suggestion) for p in result.problems)


def same_problems(got: list[tuple], expected: list[tuple]) -> None:
    missing = [p for p in sorted(expected) if p not in got]
    unexpected = [p for p in got if p not in expected]
    assert not missing and not unexpected, "missing:\n" + "\n".join(map(repr, missing)) + "\nunexpected:\n" + "\n".join(map(repr, unexpected))
    assert got == sorted(expected), "a problem is reported more than once"


def test_every_check_of_the_whole_rule_set_on_one_broken_file(rules_copy, rules):
    side = rules.side_ids[0]
    track = rules.track_ids[0]
    fallback = next(e.id for e in rules.endings if e.check == "final" and e.condition is None)
    conditional = next(e.id for e in rules.endings if e.check == "final" and e.condition is not None)
    add_file(rules_copy, "zz_broken.yaml", BROKEN.format(side=side, track=track, card=rules.events[0].id, fallback_ending=fallback, conditional_ending=conditional))
    result = load_rules(rules_copy)
    f = "rules/zz_broken.yaml"
    sides = ", ".join(rules.side_ids)
    fronts = ", ".join(rules.front_ids)
    trend = len(rules.yearly) + 1  # the first yearly trend of the file, counted in the merged list
    expected = [
        # actions: an empty target list, a requirement without a reason (one with a reason is fine)
        ("error", f, 7, "actions[0].targets", "the list of targets is empty", "use 'none' for an action without a target"),
        ("warning", f, 8, "actions[0].requires", "a requirement without 'requires_text' gives players no reason when it fails", "add requires_text: a sentence saying why"),
        ("warning", f, 2, "actions[0]", "the action 'zz_aimless' does not say where in the article it comes from (missing: section, basis, note)", SOURCING_FIX),
        # a ref inside a list of refs, and 'target' in an order aimed at no front ('self' is fine there)
        ("error", f, 29, "actions[2].sides[1]", f"unknown side '{side}x'", f"did you mean '{side}'?"),
        # a ref in an optional field (section: SectionRef | None)
        ("error", f, 26, "actions[2].section", "unknown article section 'Introductio'", "did you mean 'Introduction'?"),
        ("error", f, 31, "actions[2].effects[0].front", "'target' has no meaning here because nothing is aimed at a front", f"name a front: {fronts}"),
        # an id used twice names the first place
        ("error", f, 33, "actions[3].id", f"the action id 'zz_reasoned' is used twice (also in {f}:11)", "give each one its own id"),
        # a dilemma: an option id used twice (reported once, at the second), no free option
        ("error", f, 57, "events[0].dilemma.options[2].id", "option id 'pay' is used twice", None),
        ("error", f, 54, "events[0].dilemma.options", "every option has a cost or requirement, so the side may have no choice it can make", "make one option free and unconditional"),
        # 'self' in a card's 'when' (tested at the draw, before anyone acts); fine in its dilemma
        ("error", f, 65, "events[1].when.side", "'self' has no meaning here because no side is acting", f"name a side: {sides}"),
        ("warning", f, 72, "events[2]", "the event card 'zz_unsourced' does not say where in the article it comes from (missing: basis)", SOURCING_FIX),
        # a flag only ever cleared; an unknown card among more than 12 (no list); 'self' on a card without a dilemma
        ("warning", f, 86, "events[3].when.flag", "the flag 'zz_off' is tested but no effect or scenario ever sets it", "did you mean 'zz_on'?"),
        ("error", f, 90, "events[3].effects[2].card", "unknown event 'qqqqqqq'", None),
        ("error", f, 91, "events[3].effects[3].side", "'self' has no meaning here because no side is acting", f"name a side: {sides}"),
        # a scenario: scheduled years outside it (its first and last years are fine), no fallback, an empty deck
        ("error", f, 102, "scenarios[0].scheduled[0].year", "2024 is outside the scenario's years 2025-2026, so the card would never fire", None),
        ("error", f, 105, "scenarios[0].scheduled[3].year", "2027 is outside the scenario's years 2025-2026, so the card would never fire", None),
        ("error", f, 106, "scenarios[0].endings", "no final ending without a condition, so the last year could end with no ending", "add a fallback final ending with no 'when'"),
        ("warning", f, 99, "scenarios[0].deck_tags", "no card matches these tags, so no event can be drawn", None),
        # (a scenario that draws no card may match none)
        # a yearly trend: no id, so its number and its text, cut at 40 characters
        ("warning", f, 117, "yearly[0]", f"the yearly trend {trend} (A yearly trend with no source, writte...) does not say where in the article it comes from (missing: section, basis, note)", SOURCING_FIX),
        ("warning", f, 119, "yearly[1]", f"the yearly trend {trend + 1} (Forty characters of trend text, exactly.) does not say where in the article it comes from (missing: basis, note)", SOURCING_FIX),
        ("warning", f, 117, "yearly[0]", SILENT_RULE, ADD_RULE_LOG),
        ("warning", f, 119, "yearly[1]", SILENT_RULE, ADD_RULE_LOG),
        # messages no one uses
        ("warning", f, 123, "texts.zz_unused_message", "the message 'zz_unused_message' is never used", None),
        ("warning", f, 124, "texts.year_begn", "the message 'year_begn' is never used", "did you mean 'year_began'?"),
    ]
    same_problems(problems(result), expected)


def test_what_a_mod_removes_overrides_and_adds_is_checked_on_the_merged_rules(tmp_path, rules, base_load):
    side, other = rules.side_ids
    scenario = next(s for s in rules.scenarios if s.opening_cards)
    opening = scenario.opening_cards[0]
    without_income = next(s.id for s in rules.scenarios if side not in s.setup.income)
    phases = {p.kind: p.id for p in rules.phases}
    text_key = "no_card"
    changes = f"""\
patch:
  sides:
    - id: {side}
      set: {{power: 9, income: 9}}
  scenarios:
    - id: all
      set: {{setup.power.{side}: 5}}
remove:
  phases: [{phases['income']}, {phases['resolve']}]
  texts: [{text_key}]
  events: [{opening}]
phases:
  - {{id: {phases['resolve']}, name: Resolution, kind: resolve, description: Orders are carried out.}}
  - {{id: zz_plan2, name: Second plan, kind: plan, description: Plan again.}}
"""
    folder = make_mod(tmp_path / "mods", "reshaper", {"changes.yaml": changes})
    result = load_rules(mods=[folder])
    f = "mods/reshaper/changes.yaml"
    # The removed card is named in the base rules: each place says which mod removed it.
    removed = [p for p in result.problems if p.message.startswith(f"unknown event '{opening}'")]
    index = rules.scenarios.index(scenario)
    assert [p for p in removed if p.path == f"scenarios[{index}].opening_cards[0]"], "\n".join(map(str, result.problems))
    for p in removed:
        assert (p.severity, p.message) == ("error", f"unknown event '{opening}': the mod 'reshaper' removed it")
        assert p.suggestion == f"stop removing '{opening}' in that mod, or override what names it here so that it no longer does"
        assert p.file.startswith("rules/") and p.line > 1
    texts_file, texts_line, _, _ = base_load.locate(("texts",))
    given = ", ".join(f"{s.id} 5" for s in rules.scenarios)
    expected = [
        # the phase table: a second plan, no income, the checks no longer last (re-added resolve comes after it)
        ("error", f, 12, "phases", "the turn needs exactly one 'plan' phase, not 2", None),
        ("warning", f, 12, "phases", "the turn has no 'income' phase", None),
        ("error", f, 12, "phases", "the 'checks' phase must come last, since it moves the game to the next year", None),
        # a message removed is missing, located at the texts section
        ("error", texts_file, texts_line, "texts", f"the message '{text_key}' is missing", f"add '{text_key}:' to texts ({TEXT_KEYS[text_key]})"),
        # the mod's power for the side is never used: every scenario sets its own; its income is
        # (one scenario does not set it), and the other side's values are the base game's own
        ("warning", f, 4, "patch.sides[0].set.power",
         f"every scenario sets {rules.side[side].name}'s power in its set-up ({given}), so this value is never used",
         f"change it in the scenarios instead: patch: {{scenarios: [{{id: all, set: {{setup.power.{side}: ...}}}}]}}"),
    ]
    assert without_income
    rest = [p for p in problems(result) if not p[4].startswith(f"unknown event '{opening}'")]
    same_problems(rest, expected)


def test_walk_gives_every_model_inside_lists_and_mappings_with_its_path(rules):
    """``walk`` locates every problem: a model in a mapping gets the key in its path, as one in a list gets its index."""
    side, front = rules.sides[0], rules.fronts[0]
    found = list(walk({"a": [side], "b": {"c": front}, "d": 3}, ("root",)))
    assert [(path, model) for path, model in found if model in (side, front)] == [(("root", "a", 0), side), (("root", "b", "c"), front)]
    assert all(path[:3] in (("root", "a", 0), ("root", "b", "c")) for path, _ in found), "models inside them follow their path"


def test_a_card_in_error_is_reported_once_where_it_is_not_where_it_is_named(rules_copy, rules):
    track = rules.track_ids[0]
    add_file(rules_copy, "zz_bad.yaml", f"""\
events:
  - id: zz_bad
    title: Bad
    text: A card with a mistake.
    section: Introduction
    basis: extrapolation
    teaching_note: A note.
    effects: [{{type: track, track: {track}, delta: many}}]
  - id: zz_caller
    title: Caller
    text: A card that fires the broken one, and one that does not exist.
    section: Introduction
    basis: extrapolation
    teaching_note: A note.
    effects: [{{type: trigger, card: zz_bad}}, {{type: trigger, card: zz_bda}}]
""")
    f = "rules/zz_bad.yaml"
    same_problems(problems(load_rules(rules_copy)), [
        ("error", f, 8, "events[0].effects[0].delta", "expected a whole number, got the text 'many'", None),
        # the caller keeps its place in the file (index 1) although the card before it was left out
        ("error", f, 15, "events[1].effects[1].card", "unknown event 'zz_bda'", None),
    ])


def test_a_side_in_error_hides_the_checks_that_need_every_side(rules_copy, rules):
    """With one side in error the side order and the count of sides cannot be judged; nothing names the side again."""
    side = rules.sides[0]
    text = (rules_copy / "sides.yaml").read_text(encoding="utf-8")
    needle = f"    power: {side.power}\n"
    assert needle in text, "sides.yaml no longer gives the first side's power on its own line; update the test"
    line = text[: text.index(needle)].count("\n") + 1
    (rules_copy / "sides.yaml").write_text(text.replace(needle, "    power: lots\n", 1), encoding="utf-8")
    same_problems(problems(load_rules(rules_copy)), [
        ("error", "rules/sides.yaml", line, "sides[0].power", "expected a whole number, got the text 'lots'", None),
    ])
