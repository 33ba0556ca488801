"""Game records: JSON with a format version and checksum, validated on load, replayed exactly.

A record is the game (rules fingerprint, scenario, seed, actions): replaying
it must reproduce the identical sequence of states.  A damaged or foreign
save is refused with a message saying which problem it has.
"""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eurasia_game.engine import Action
from eurasia_game.session import saves
from eurasia_game.session.autoplay import play_game
from eurasia_game.session.record import RECORD_FORMAT, GameRecord, RecordError, mismatch, record_from_json
from eurasia_game.session.replay import replay, replay_steps
from eurasia_game.session.saves import read_record, write_record
from eurasia_game.session.session import GameSession

PLAYERS_RANDOM = "random"


@pytest.fixture(scope="module")
def finished(rules):
    """A finished random game (session) of the default scenario."""
    players = {s: PLAYERS_RANDOM for s in rules.side_ids}
    return play_game(rules, None, 5, players)


@pytest.fixture
def save_file(tmp_path, finished):
    path = tmp_path / "game.json"
    write_record(path, finished.record())
    return path


def rewrite(path, change):
    """Load the JSON of a save, let ``change`` edit it, write it back (checksum untouched)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def reseal(data: dict) -> None:
    """Give edited record data a valid checksum again (as a careful forger would).

    The checksum is SHA-256 of the canonical JSON of the record without it.
    """
    data.pop("checksum", None)
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"))
    data["checksum"] = hashlib.sha256(blob.encode()).hexdigest()


# --- the format -------------------------------------------------------------------

def test_a_record_is_json_with_a_format_version_and_a_checksum(rules, finished, save_file):
    data = json.loads(save_file.read_text(encoding="utf-8"))
    assert data["format"] == RECORD_FORMAT
    assert data["rules_id"] == rules.game.id and data["rules_fingerprint"] == rules.fingerprint
    assert data["seed"] == 5 and data["scenario"] == rules.game.default_scenario
    assert len(data["actions"]) == len(finished.steps) - 1
    assert isinstance(data["checksum"], str) and len(data["checksum"]) == 64
    assert {a["kind"] for a in data["actions"]} <= {"plan", "commit", "choose"}


def test_saving_and_reading_gives_the_same_record(finished, save_file, tmp_path):
    record = read_record(save_file)
    assert record.actions == finished.record().actions
    assert record.model_dump(exclude={"checksum"}) == finished.record().model_dump(exclude={"checksum"})
    assert record_from_json(save_file.read_text(encoding="utf-8")).actions == record.actions
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"], "the atomic write leaves no temporary file"


def test_a_save_replaces_the_old_one_whole(finished, save_file):
    write_record(save_file, finished.record())
    first = save_file.read_text(encoding="utf-8")
    short = finished.record().model_copy(update={"actions": finished.record().actions[:3]})
    write_record(save_file, short)
    assert len(read_record(save_file).actions) == 3 and save_file.read_text(encoding="utf-8") != first


def test_replay_reproduces_the_game(rules, finished):
    record = read_record_from(finished)
    states = [r.state for r in replay_steps(rules, record)]
    assert states == [s.result.state for s in finished.steps]
    state, events = replay(rules, record)
    assert state == finished.state
    assert events == finished.events(everything=True)
    again = GameSession.from_record(rules, record)
    assert [s.result.state for s in again.steps] == states and again.record().actions == record.actions


def read_record_from(session) -> GameRecord:
    return record_from_json(session.record().to_json())


# --- refusals through saves.read_record -------------------------------------------

def refusal(path) -> str:
    with pytest.raises(RecordError) as info:
        read_record(path)
    return str(info.value)


def test_invalid_json_is_refused(save_file):
    text = save_file.read_text(encoding="utf-8")
    save_file.write_text(text[: len(text) // 2], encoding="utf-8")
    message = refusal(save_file)
    assert "line " in message and "cut short or damaged" in message and save_file.name in message


@pytest.mark.parametrize("version", [RECORD_FORMAT + 1, 0, "1", None])
def test_a_wrong_format_version_is_refused(save_file, version):
    rewrite(save_file, lambda d: d.update(format=version))
    message = refusal(save_file)
    assert "format" in message and str(RECORD_FORMAT) in message


def test_a_bad_checksum_is_refused(save_file):
    def cheat(data):
        data["seed"] = data["seed"] + 1

    rewrite(save_file, cheat)
    assert "checksum" in refusal(save_file)


def test_a_save_made_with_other_rules_is_refused_when_replayed(rules, save_file):
    rewrite(save_file, lambda d: (d.update(rules_fingerprint="0123456789abcdef", rules_play="fedcba9876543210"), reseal(d)))
    record = read_record(save_file)  # a sound save ...
    with pytest.raises(RecordError) as info:
        GameSession.from_record(rules, record)  # ... that does not fit these rules
    message = str(info.value)
    assert "other rules" in message and "0123456789abcdef" in message and rules.fingerprint in message
    assert mismatch(rules, record) == message


def test_a_save_for_another_game_or_scenario_is_refused(rules, save_file):
    rewrite(save_file, lambda d: (d.update(rules_id="some_other_game"), reseal(d)))
    assert "some_other_game" in mismatch(rules, read_record(save_file))
    rewrite(save_file, lambda d: (d.update(rules_id=rules.game.id, scenario="no_such_scenario"), reseal(d)))
    assert "no_such_scenario" in mismatch(rules, read_record(save_file))


def test_an_illegal_recorded_action_is_refused_with_its_number(rules, save_file):
    def swap(data):
        data["actions"][0] = {"kind": "commit", "side": "nobody"}
        reseal(data)

    rewrite(save_file, swap)
    with pytest.raises(RecordError) as info:
        replay(rules, read_record(save_file))
    assert "action 1" in str(info.value) and "illegal" in str(info.value)


def test_actions_after_the_end_are_refused(rules, finished):
    record = finished.record()
    extra = record.model_copy(update={"actions": [*record.actions, record.actions[-1]]})
    with pytest.raises(RecordError) as info:
        replay(rules, record_from_json(extra.to_json()))
    assert f"action {len(record.actions) + 1}" in str(info.value)


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d.update(seed=-1), "seed"),
        (lambda d: d.update(surprise=1), "surprise"),
        (lambda d: d["actions"].append({"kind": "fly", "side": "x"}), "kind"),
        (lambda d: d.update(actions="none"), "actions"),
    ],
)
def test_damaged_fields_are_refused_with_their_place(save_file, change, words):
    rewrite(save_file, lambda d: (change(d), reseal(d)))
    message = refusal(save_file)
    assert words in message and "damaged" in message


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "the save is empty"),
        (b"[1, 2, 3]", "not a game record"),
        (b"\xff\xfe\x00garbage", "not text"),
        (b'{"format": 1, "checksum": "abc"', "cut short or damaged"),
    ],
)
def test_files_that_are_not_records_are_refused(tmp_path, content, words):
    path = tmp_path / "save.json"
    path.write_bytes(content)
    assert words in refusal(path)


def test_a_missing_save_or_a_folder_is_refused(tmp_path):
    assert "no save" in refusal(tmp_path / "absent.json")
    assert "a folder, not a file" in refusal(tmp_path)


def test_a_device_or_pipe_named_as_a_save_is_refused_at_once(tmp_path):
    import os

    if os.path.exists("/dev/zero"):
        assert "not a file" in refusal("/dev/zero")  # would never end if read
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.json"
        os.mkfifo(pipe)
        assert "not a file" in refusal(pipe)  # would wait for a writer if opened plainly


def test_an_oversized_save_is_refused(save_file, monkeypatch):
    monkeypatch.setattr(saves, "MAX_RECORD_BYTES", 100)
    assert "too large" in refusal(save_file)


# --- replay reproduces the identical sequence of states (property) -------------------

@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 2**62), choice_seed=st.integers(0, 2**32), cut=st.floats(0, 1))
def test_replaying_a_recorded_random_game_gives_the_same_states(rules, data, seed, choice_seed, cut):
    scenario = data.draw(st.sampled_from([s.id for s in rules.scenarios]), label="scenario")
    session = GameSession.new(rules, scenario, seed)
    chooser = random.Random(choice_seed)
    while not session.over:
        legal = session.legal()
        session.act(legal[chooser.randrange(len(legal))])
    # A record of any prefix of the game (a mid-game save) replays too.
    keep = int(cut * (len(session.steps) - 1))
    record = record_from_json(session.record().to_json())
    prefix = record.model_copy(update={"actions": record.actions[:keep]})
    states = [r.state for r in replay_steps(rules, record_from_json(prefix.to_json()))]
    assert states == [s.result.state for s in session.steps[: keep + 1]]
    full = [r.state for r in replay_steps(rules, record)]
    assert full == [s.result.state for s in session.steps]
    assert Action.from_dict(record.actions[0].to_action().to_dict()) == session.steps[1].action


# --- what a refused save says, field by field ---------------------------------------

def _sealed(change) -> str:
    """A small sound record as JSON, edited by ``change`` and given a valid checksum again."""
    data = json.loads(GameRecord(format=RECORD_FORMAT, rules_id="eurasia_base", rules_version="1.0", rules_fingerprint="ab12", scenario="full_decade", seed=7, players={"moscow": "human"}).to_json())
    change(data)
    reseal(data)
    return json.dumps(data)


def _players_words() -> str:
    from eurasia_game.session.policies import policy_names

    return ", ".join(["human", *policy_names()])


DAMAGE = [
    # (what is changed, the field and the plain words a player reads)
    (lambda d: d.pop("scenario"), "scenario: this entry is missing"),
    (lambda d: d.update(cheat=1), "cheat: a game save has no such entry"),
    (lambda d: d.update(scenario="bad\u0001"), "scenario: holds characters that a save may not contain"),
    (lambda d: d.update(scenario="a" * 300), "scenario: is far too long"),
    (lambda d: d.update(players={f"s{i}": "human" for i in range(17)}), "players: is far too long"),
    (lambda d: d.update(seed="x"), "seed: is not a whole number the game can use"),
    (lambda d: d.update(seed=-1), "seed: is not a whole number the game can use"),
    (lambda d: d.update(seed=2**63), "seed: is not a whole number the game can use"),
    (lambda d: d.update(scenario=5), "scenario: should be a text"),
    (lambda d: d.update(players=[]), "players: should be a group of named entries"),
    (lambda d: d.update(actions=[5]), "actions.0: should be a group of named entries"),
    (lambda d: d.update(actions={}), "actions: should be a list"),
    (lambda d: d.update(players={"moscow": "wizard"}), "players: the player of 'moscow' is 'wizard', which this game does not know; players are {players}"),
    (lambda d: d.update(actions=[{"kind": "dance", "side": "moscow"}]), "actions.0.kind: 'dance' is not one of the allowed words ('plan', 'commit', 'choose', 'inject', 'note', 'pause', 'time_up', 'arm' or 'reroll')"),
    (lambda d: d.update(armed_from=2300), "armed_from: has a value a game save cannot hold"),
]


@pytest.mark.parametrize("change, words", DAMAGE, ids=[words.split(":")[0] + ":" + words.split(": ")[1][:20] for _, words in DAMAGE])
def test_a_damaged_save_names_its_field_in_plain_words(change, words):
    with pytest.raises(RecordError) as info:
        record_from_json(_sealed(change))
    assert str(info.value) == words.format(players=_players_words()) + "; the save was damaged or edited by hand"


def test_the_small_record_of_these_tests_is_sound():
    assert record_from_json(_sealed(lambda d: None)).scenario == "full_decade"


def test_broken_json_that_has_no_plain_words_of_its_own_is_called_broken_text():
    with pytest.raises(RecordError) as info:
        record_from_json('{"format": 1, "seed": "\\u12"}')
    assert str(info.value) == "line 1, column 25: the save is not a readable game record here (the text is broken); it may be cut short or damaged"


def test_a_record_read_back_carries_the_checksum_of_its_content():
    record = record_from_json(_sealed(lambda d: None))
    assert record.checksum is not None and record.checksum == record.body_digest()
