"""``merge_layers`` on its own: removals, overrides, additions, the game section and two-mod conflicts.

The merge is what a mod does to the rules, and what ``load_rules`` reports
about it (which mod removed or overrode what, the warnings a modder reads).
These tests give it layers built in memory: the base game's files, read
once, and small mods written here as YAML text, so no folder is read and no
check runs.  They are part of the fast set the mutation run uses
(docs/mutation.md).
"""

from __future__ import annotations

import pytest

from eurasia_game.loading.files import SourceFile
from eurasia_game.loading.merge import LayerFiles, ModChanges, merge_layers
from eurasia_game.loading.salvage import BrokenParts
from eurasia_game.loading.yamlsource import parse_yaml
from eurasia_game.model.ruleset import RuleFile


def layer(name: str, files: dict[str, str], is_mod: bool = True, declared=()) -> LayerFiles:
    """A layer named ``name`` from YAML texts, each file shown as ``name/file``."""
    built = []
    for file, text in files.items():
        located = parse_yaml(text)
        built.append((SourceFile(f"{name}/{file}", located, layer=name), RuleFile.model_validate(located.data)))
    return LayerFiles(name, built, is_mod=is_mod, declared=frozenset(declared))


@pytest.fixture(scope="module")
def base(base_load) -> LayerFiles:
    """The base game as a layer (its files as loaded, validated again)."""
    return LayerFiles("base", [(source, RuleFile.model_validate(source.located.data)) for source in base_load.files])


def rows(out) -> list[tuple]:
    return [(p.severity, p.file, p.line, p.path, p.message, p.suggestion) for p in out.problems]


CARD = """\
  - id: {id}
    title: Mine
    text: A card of the mod.
    section: Introduction
    basis: extrapolation
    teaching_note: A note.
    effects: [{{type: track, track: {track}, delta: 1}}]
"""


# --- messages (texts) -------------------------------------------------------------


def test_a_mod_removes_a_message_by_key_and_warns_about_a_key_nobody_gave(base, rules):
    out = merge_layers([base, layer("words", {"a.yaml": "remove:\n  texts: [card_drawn, year_begn]\n"})])
    assert set(out.rules.texts) == set(rules.texts) - {"card_drawn"}
    assert out.removed == {("texts", "card_drawn"): "words"}
    assert out.changed_by == {("texts", "card_drawn"): ["words"]}
    assert out.mod_changes == {"words": ModChanges(removed=[("texts", "card_drawn")])}
    assert "card_drawn" not in out.text_origins and out.text_origins["year_began"].name == "rules/game.yaml"
    assert rows(out) == [(
        "warning", "words/a.yaml", 2, "remove.texts[1]",
        "there is no message 'year_begn' in the layers loaded before, so nothing is removed", "did you mean 'year_began'?",
    )]


def test_removing_every_message_keeps_those_the_mod_gives_itself(base, rules):
    out = merge_layers([base, layer("blank", {"a.yaml": "remove:\n  texts: all\ntexts:\n  year_began: A new year.\n"})])
    assert out.rules.texts == {"year_began": "A new year."}
    assert out.removed == {("texts", key): "blank" for key in rules.texts}
    assert out.mod_changes["blank"].removed == [("texts", key) for key in rules.texts]
    assert out.mod_changes["blank"].added == [("texts", "year_began")], "given after every message was removed: added"
    assert out.changed_by[("texts", "year_began")] == ["blank", "blank"]
    assert out.text_origins == {"year_began": out.section_sources["texts"]} and out.section_sources["texts"].name == "blank/a.yaml"
    assert out.problems == []


def test_removing_every_message_when_there_is_none_warns_about_nothing(base):
    first = layer("first", {"a.yaml": "remove:\n  texts: all\n"})
    out = merge_layers([base, first, layer("second", {"a.yaml": "remove:\n  texts: all\n"})])
    assert out.rules.texts == {}
    assert out.problems == [], "'all' with nothing left removes nothing and warns about nothing"
    assert out.mod_changes["second"] == ModChanges()


def test_a_message_given_twice_in_one_layer_warns_and_the_later_file_wins(base):
    out = merge_layers([base, layer("twice", {"a.yaml": "texts:\n  year_began: First.\n", "b.yaml": "texts:\n  year_began: Second.\n"})])
    assert out.rules.texts["year_began"] == "Second."
    assert rows(out) == [("warning", "twice/b.yaml", 2, "texts.year_began", "the message 'year_began' is also given in twice/a.yaml; this one is used", "keep one of them")]
    assert out.mod_changes["twice"].overridden == [("texts", "year_began")]
    assert out.text_origins["year_began"].name == "twice/b.yaml"


# --- list sections ----------------------------------------------------------------


def test_remove_by_id_says_why_when_there_is_nothing_to_remove(base, rules):
    card = rules.events[0].id
    cut = f"remove:\n  events: [{card}, zz_mine, {card}x]\nevents:\n" + CARD.format(id="zz_mine", track=rules.track_ids[0])
    out = merge_layers([base, layer("cutter", {"a.yaml": cut})])
    assert [e.id for e in out.rules.events] == [e.id for e in rules.events[1:]] + ["zz_mine"]
    assert out.removed == {("events", card): "cutter"}
    assert out.mod_changes["cutter"] == ModChanges(added=[("events", "zz_mine")], removed=[("events", card)])
    assert rows(out) == [
        ("warning", "cutter/a.yaml", 2, "remove.events[1]", "nothing to remove: there is no event 'zz_mine' before this mod (it is added by this same mod)", None),
        ("warning", "cutter/a.yaml", 2, "remove.events[2]", f"nothing to remove: there is no event '{card}x' before this mod (the layers loaded before have none)", f"did you mean '{card}'?"),
    ]
    assert out.origins[("events", len(rules.events) - 1)][0].name == "cutter/a.yaml"


def test_remove_all_empties_what_came_before_and_keeps_the_mods_own(base, rules):
    cut = "remove:\n  events: all\nevents:\n" + CARD.format(id="zz_mine", track=rules.track_ids[0])
    out = merge_layers([base, layer("cutter", {"a.yaml": cut})])
    assert [e.id for e in out.rules.events] == ["zz_mine"]
    assert out.removed == {("events", e.id): "cutter" for e in rules.events}
    assert out.mod_changes["cutter"] == ModChanges(added=[("events", "zz_mine")], removed=[("events", e.id) for e in rules.events])
    assert out.changed_by[("events", "*")] == ["cutter"]
    assert out.problems == []


def test_a_section_emptied_by_removals_is_an_error_that_says_so(base, rules):
    out = merge_layers([base, layer("cutter", {"a.yaml": "remove:\n  endings: all\n"})])
    line = out.game_source.located.position(())[0]  # where the game file's content starts
    assert rows(out) == [("error", "rules/game.yaml", line, "", "no file defines any endings (every one was removed)", "add a 'endings:' section")]
    without_fronts = LayerFiles("base", [(s, m) for s, m in base.files if not m.fronts])
    out = merge_layers([without_fronts])
    assert rows(out) == [("error", "rules/game.yaml", line, "", "no file defines any fronts", "add a 'fronts:' section")]
    broken = BrokenParts()
    broken.sections.add("fronts")
    assert merge_layers([without_fronts], broken).problems == [], "a section in error is reported where it is"


def test_an_override_keeps_the_place_and_records_the_mod(base, rules):
    action = rules.actions[1]
    data = action.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["cost"] = action.cost + 1
    import yaml

    out = merge_layers([base, layer("pricier", {"a.yaml": yaml.safe_dump({"actions": [data]})}), layer("idle", {})])
    assert [a.id for a in out.rules.actions] == [a.id for a in rules.actions], "an override keeps the item's position"
    assert out.rules.actions[1].cost == action.cost + 1
    source, index = out.origins[("actions", 1)]
    assert (source.name, index) == ("pricier/a.yaml", 0)
    assert out.changed_by == {("actions", action.id): ["pricier"]}
    assert out.mod_changes == {"pricier": ModChanges(overridden=[("actions", action.id)]), "idle": ModChanges()}
    assert out.problems == []


def test_an_item_keeps_its_index_in_its_file_when_invalid_items_were_left_out(base, rules):
    mod = layer("sparse", {"a.yaml": "events:\n" + CARD.format(id="zz_mine", track=rules.track_ids[0])})
    mod.files[0][0].index_map["events"] = [3]  # the file's items 0 to 2 were invalid
    out = merge_layers([base, mod])
    source, index = out.origins[("events", len(rules.events))]
    assert (source.name, index) == ("sparse/a.yaml", 3)
    assert out.mod_changes["sparse"].added == [("events", "zz_mine")]


def test_a_patched_field_is_located_in_the_patch(base, rules):
    side = rules.sides[0]
    out = merge_layers([base, layer("patcher", {"p.yaml": f"patch:\n  sides:\n    - id: {side.id}\n      set: {{income: 9}}\n"})])
    assert out.rules.sides[0].income == 9
    source, where = out.field_origins[("sides", 0, "income")]
    assert (source.name, where) == ("patcher/p.yaml", ("patch", "sides", 0, "set", "income"))
    assert out.mod_changes["patcher"].overridden == [("sides", side.id)]


# --- the game section -------------------------------------------------------------


def test_only_one_game_section_and_never_in_an_extension_mod(base, rules):
    import yaml

    game = yaml.safe_dump({"game": {**rules.game.model_dump(mode="json", by_alias=True), "id": "usurped"}}, sort_keys=False)
    out = merge_layers([base, layer("usurper", {"game.yaml": game})])
    assert out.rules.game.id == rules.game.id and out.game_source.name == "rules/game.yaml"
    assert rows(out) == [("error", "usurper/game.yaml", 1, "game", "only the base game or a total conversion may have a 'game' section", "remove it, or declare 'replaces_base: true' in mod.yaml to make a total conversion")]
    second = LayerFiles("base", base.files + layer("base", {"zz_game.yaml": game}).files)
    out = merge_layers([second])
    assert out.rules.game.id == rules.game.id, "the first game section is kept"
    assert rows(out) == [("error", "base/zz_game.yaml", 1, "game", "'game' is already given in rules/game.yaml", "keep one 'game' section")]


def test_no_game_section_at_all_is_an_error_at_the_first_file(base):
    no_game = LayerFiles("base", [(s, m) for s, m in base.files if m.game is None])
    out = merge_layers([no_game])
    assert out.rules is None
    assert rows(out) == [("error", no_game.files[0][0].name, 1, "game", "no file has a 'game' section", "add game.yaml with id, name, version, format and sources")]
    assert rows(merge_layers([])) == [("error", "rules", 1, "game", "no file has a 'game' section", "add game.yaml with id, name, version, format and sources")]
    broken = BrokenParts()
    broken.sections.add("game")
    assert merge_layers([no_game], broken).problems == [], "a broken game section is reported where it is"


# --- two mods, one item -----------------------------------------------------------


def _pricier(rules, name: str, delta: int, declared=()) -> LayerFiles:
    import yaml

    data = rules.actions[0].model_dump(mode="json", by_alias=True, exclude_none=True)
    data["cost"] = rules.actions[0].cost + delta
    return layer(name, {"x.yaml": yaml.safe_dump({"actions": [data]}, sort_keys=False)}, declared=declared)


def conflict(action: str, earlier: str, verb: str, later: str, later_verb: str) -> tuple[str, str]:
    return (
        f"the action '{action}' is changed by two mods: '{earlier}' {verb} it and '{later}' {later_verb} it; '{later}' loads later and wins",
        f"if '{later}' should win, add '{earlier}' to load_after in its mod.yaml; otherwise change only one of them",
    )


def test_two_mods_changing_one_item_warn_at_the_later_one(base, rules):
    action = rules.actions[0].id
    out = merge_layers([base, _pricier(rules, "alpha", 1), _pricier(rules, "beta", 2)])
    assert out.rules.actions[0].cost == rules.actions[0].cost + 2
    assert rows(out) == [("warning", "beta/x.yaml", 2, "actions[0].id", *conflict(action, "alpha", "overrode", "beta", "overrode"))]
    assert out.changed_by[("actions", action)] == ["alpha", "beta"]


def test_three_mods_warn_for_each_pair_and_a_declared_order_silences_its_pair(base, rules):
    action = rules.actions[0].id
    out = merge_layers([base, _pricier(rules, "alpha", 1), _pricier(rules, "beta", 2), _pricier(rules, "gamma", 3, declared={"alpha"})])
    assert [p.message for p in out.problems] == [
        conflict(action, "alpha", "overrode", "beta", "overrode")[0],
        conflict(action, "beta", "overrode", "gamma", "overrode")[0],
    ]
    assert merge_layers([base, _pricier(rules, "alpha", 1), _pricier(rules, "beta", 2, declared={"alpha"})]).problems == []


def test_a_mod_that_removes_and_adds_back_an_item_is_one_party_to_a_conflict(base, rules):
    import yaml

    action = rules.actions[0]
    data = action.model_dump(mode="json", by_alias=True, exclude_none=True)
    again = layer("again", {"x.yaml": yaml.safe_dump({"remove": {"actions": [action.id]}, "actions": [data]})})
    out = merge_layers([base, again, _pricier(rules, "beta", 2)])
    assert out.mod_changes["again"] == ModChanges(added=[("actions", action.id)], removed=[("actions", action.id)])
    assert [p.message for p in out.problems] == [conflict(action.id, "again", "removed", "beta", "overrode")[0]]
    assert out.changed_by[("actions", action.id)] == ["again", "again", "beta"]


def test_the_base_game_is_no_party_to_a_conflict(base, rules):
    out = merge_layers([base, _pricier(rules, "alpha", 1)])
    assert out.problems == [] and "base" not in out.mod_changes
    assert out.changed_by[("actions", rules.actions[0].id)] == ["alpha"], "the base game's own items are not changes"


def test_removing_every_message_conflicts_with_a_mod_that_changed_one(base):
    alpha = layer("alpha", {"a.yaml": "texts:\n  year_began: Another year.\n"})
    beta = layer("beta", {"b.yaml": "texts:\n  card_drawn: Drawn.\nremove:\n  texts: all\n"})
    out = merge_layers([base, alpha, beta])
    assert out.rules.texts == {"card_drawn": "Drawn."}
    assert rows(out) == [(
        "warning", "beta/b.yaml", 4, "remove.texts",
        "the message 'year_began' is changed by two mods: 'alpha' overrode it and 'beta' removed it; 'beta' loads later and wins",
        "if 'beta' should win, add 'alpha' to load_after in its mod.yaml; otherwise change only one of them",
    )]


def test_a_conflict_is_located_where_the_later_mod_removes_adds_or_gives_the_item(base, rules):
    action = rules.actions[0].id
    # removed by id after another mod overrode it: at the removal's entry
    remover = layer("beta", {"r.yaml": f"# beta takes it out\nremove:\n  actions: [{action}]\n"})
    out = merge_layers([base, _pricier(rules, "alpha", 1), remover])
    assert [row[:4] for row in rows(out)] == [("warning", "beta/r.yaml", 3, "remove.actions[0]")]
    assert out.problems[0].message == conflict(action, "alpha", "overrode", "beta", "removed")[0]
    # every action removed (the mod brings its own): at the removal of the section
    own = _pricier(rules, "x", 1).files[0][1].actions[0].model_dump(mode="json", by_alias=True, exclude_none=True)
    own["id"] = "zz_own"
    import yaml

    sweeper = layer("beta", {"s.yaml": "# beta starts afresh\nremove:\n  actions: all\n" + yaml.safe_dump({"actions": [own]}, sort_keys=False)})
    out = merge_layers([base, _pricier(rules, "alpha", 1), sweeper])
    assert [row[:4] for row in rows(out)] == [("warning", "beta/s.yaml", 3, "remove.actions")]
    assert out.problems[0].message == conflict(action, "alpha", "overrode", "beta", "removed")[0]
    # a message one mod removed and the later one gives again: at the later mod's key
    alpha = layer("alpha", {"a.yaml": "remove:\n  texts: [year_began]\n"})
    beta = layer("beta", {"b.yaml": "# beta's words\ntexts:\n  card_drawn: Drawn.\n  year_began: A new year.\n"})
    out = merge_layers([base, alpha, beta])
    assert [row[:4] for row in rows(out)] == [("warning", "beta/b.yaml", 4, "texts.year_began")]
    assert "'alpha' removed it and 'beta' added it" in out.problems[0].message
    # a card one mod removed and the later one adds back: at the later mod's item id
    card = rules.events[0].id
    first = layer("alpha", {"c.yaml": f"remove:\n  events: [{card}]\n"})
    second = layer("beta", {"d.yaml": "events:\n" + CARD.format(id="zz_other", track=rules.track_ids[0]) + CARD.format(id=card, track=rules.track_ids[0])})
    out = merge_layers([base, first, second])
    assert [row[:4] for row in rows(out)] == [("warning", "beta/d.yaml", 2 + CARD.count("\n"), "events[1].id")]
    assert "'alpha' removed it and 'beta' added it" in out.problems[0].message
