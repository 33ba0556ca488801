"""Reloading rules under a running game, without a window.

``rules_diff`` lists what an edit changed; ``continue_under`` and
``reload_session`` rebuild a game under new rules when its record still
replays, and otherwise say why not.  These are the calls behind the in-game
reload key and the mod report.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from eurasia_game.loading.loader import load_rules
from eurasia_game.mods import continue_under, reload_session, replay_problem, rules_diff
from eurasia_game.session.autoplay import play_game

from test_mods import card, make_mod

REPO = Path(__file__).resolve().parents[1]


def partial_game(rules, steps: int = 12, seed: int = 3):
    """A game some way in (``steps`` actions), as a session."""
    session = play_game(rules, None, seed, {s: "random" for s in rules.side_ids}, max_steps=steps)
    assert len(session.steps) > 1 and not session.over
    return session


def test_no_change_is_an_empty_diff(rules):
    diff = rules_diff(rules, rules)
    assert diff.empty and diff.lines() == ["Nothing changed."]


def test_added_cards_are_listed(rules):
    modded = load_rules(mods=[REPO / "mods" / "new_signals"]).rules
    diff = rules_diff(rules, modded)
    added, changed, removed = diff.in_section("events")
    assert {a.id for a in added} == {e.id for e in modded.events} - {e.id for e in rules.events}
    assert not changed and not removed and not diff.removed
    assert all(line.startswith("Added event '") for line in diff.lines())


def test_numbers_that_moved_are_listed_with_their_field(rules):
    modded = load_rules(mods=[REPO / "mods" / "steeper_gap"]).rules
    diff = rules_diff(rules, modded)
    by_item = {(c.item.section, c.item.id): c for c in diff.changed}
    income = by_item[("sides", "beijing")].numbers
    assert [(n.path, n.old, n.new) for n in income] == [("income", rules.side["beijing"].income, modded.side["beijing"].income)]
    modernise = by_item[("actions", "modernise")]
    assert ("cost", rules.action["modernise"].cost, modded.action["modernise"].cost) in [(n.path, n.old, n.new) for n in modernise.numbers]
    sell = by_item[("actions", "sell_arms")].numbers
    assert any(n.path == "effects[0].delta" for n in sell)
    assert f"Changed side 'beijing': income {rules.side['beijing'].income} -> {modded.side['beijing'].income}." in diff.lines()
    assert ("sides", "beijing") in {(i.section, i.id) for i, _ in diff.numbers}


def test_removed_items_texts_and_other_fields(tmp_path, rules):
    victim = rules.events[-1]
    key = sorted(rules.texts)[0]
    data = victim.model_dump(mode="json", by_alias=True, exclude_none=True)
    folder = make_mod(tmp_path, "edit", {"x.yaml": {"texts": {key: "New words."}, "remove": {"events": [victim.id]}}})
    edited = load_rules(mods=[folder], check=False).rules
    diff = rules_diff(rules, edited)
    assert [(i.section, i.id) for i in diff.removed] == [("events", victim.id)]
    assert diff.texts_changed == (key,)
    data["title"] = "A different title"
    folder = make_mod(tmp_path, "retitle", {"x.yaml": {"events": [data]}})
    retitled = load_rules(mods=[folder], check=False).rules
    change = next(c for c in rules_diff(rules, retitled).changed if c.item.id == victim.id)
    assert change.fields == ("title",) and not change.numbers


def test_a_game_continues_under_retuned_rules(rules):
    session = partial_game(rules)
    modded = load_rules(mods=[REPO / "mods" / "steeper_gap"]).rules
    outcome = continue_under(session, modded)
    assert outcome.ok and outcome.reason is None
    rebuilt = outcome.session
    assert rebuilt.rules is modded and len(rebuilt.steps) == len(session.steps)
    assert [s.action for s in rebuilt.steps[1:]] == [s.action for s in session.steps[1:]]
    record = rebuilt.record()
    assert record.rules_fingerprint == modded.fingerprint and record.mods[0].id == "steeper_gap"
    assert replay_problem(modded, session.record()) is None


def test_a_game_that_no_longer_replays_says_why(tmp_path, rules):
    session = partial_game(rules, steps=20)
    used = next(s.action for s in session.steps[1:] if s.action.kind == "plan")
    action = rules.action[used.action]
    others = [s for s in rules.side_ids if s != used.side]
    data = action.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["sides"] = others
    folder = make_mod(tmp_path, "takeaway", {"x.yaml": {"actions": [data]}})
    changed = load_rules(mods=[folder], check=False).rules
    outcome = continue_under(session, changed)
    assert not outcome.ok and outcome.session is None
    assert "illegal" in outcome.reason and used.side in outcome.reason
    assert replay_problem(changed, session.record()) is not None


def test_reload_session_reads_the_files_again(tmp_path, rules):
    folder = make_mod(tmp_path, "live", {"cards.yaml": {"events": [card("live_card", rules.track_ids[0])]}})
    base_plus = load_rules(mods=[folder]).rules
    session = partial_game(base_plus)

    unchanged = reload_session(session, mods=[folder])
    assert unchanged.ok and unchanged.session is session and unchanged.diff.empty

    text = (folder / "cards.yaml").read_text(encoding="utf-8")
    (folder / "cards.yaml").write_text(text.replace("delta: 1", "delta: 2"), encoding="utf-8")
    report = reload_session(session, mods=[folder])
    assert report.ok and report.session is not session
    assert [(i.id, n.path, n.old, n.new) for i, n in report.diff.numbers] == [("live_card", "effects[0].delta", 1, 2)]
    assert report.lines()[-1] == "The game continues under the new rules."

    (folder / "cards.yaml").write_text("events: [\n", encoding="utf-8")
    broken = reload_session(session, mods=[folder])
    assert not broken.ok and broken.session is None and broken.diff is None
    assert "1 error" in broken.continuation.reason and "/live/cards.yaml:2:" in broken.continuation.reason
    assert broken.lines()[-1].startswith("The game keeps the old rules:")
    assert broken.result.errors


def test_a_mod_copied_to_a_new_place_gives_the_same_rules(tmp_path):
    source = REPO / "mods" / "fifth_front"
    copy = tmp_path / "elsewhere" / "fifth_front"
    shutil.copytree(source, copy)
    a = load_rules(mods=[source]).rules
    b = load_rules(mods=[copy]).rules
    assert a.fingerprint == b.fingerprint and rules_diff(a, b).empty
