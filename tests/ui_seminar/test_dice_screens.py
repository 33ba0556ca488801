"""The dice on screen: the roll on the card, what decided the ending, a what-if roll, the armed year."""

from __future__ import annotations

import pytest

from eurasia_game.engine.decided import decided_by
from eurasia_game.session.autoplay import play_game
from eurasia_game.session.record import record_from_json
from eurasia_game.ui import scenes as sc
from tests.ui_seminar.test_seminar_screens import click, press, step

NORMAL = {"moscow": "normal", "beijing": "normal"}


@pytest.fixture
def rolled_game(rules, tmp_path):
    """A saved game of the class scenario that a tipping point's roll ended (2028, 25%, rolled 8)."""
    session = play_game(rules, "after_fourth_term", 2, NORMAL)
    path = tmp_path / "rolled.json"
    path.write_text(session.record().to_json())
    return session, path


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800), (2560, 1440)])
def test_the_ending_says_what_decided_it_and_rolls_again(make_app, rolled_game, size):
    session, path = rolled_game
    app = make_app(size)
    app.apply(sc.LoadGame(path))
    step(app)
    assert app.top.name == "ending"
    decision = decided_by(app.rules, app.game.state, app.game.session.events(None))
    assert decision.cause == "roll" and "A 25% chance: rolled 8, below 25." in decision.text
    click(app, "reroll")
    klass = app.seminar.klass
    assert len(klass.branches) == 2 and klass.branch(klass.current).info.reroll_seed == session.seed + 1
    assert app.top.name == "reveal", "the card is shown again with its new roll"
    assert app.top.card_id == "partners_fall_out"
    assert any("A 25% chance: rolled" in roll for roll in app.top.rolls)
    press(app, 32)  # space closes the card
    info = klass.branch(klass.current).info
    assert app.game.session.record().actions[info.fork_at].kind == "reroll"
    assert app.game.session.record().actions[: info.fork_at] == session.record().actions[: info.fork_at]


def test_the_new_game_screen_changes_the_armed_year(make_app, rules):
    from eurasia_game.ui.screens.newgame import NewGameScene

    app = make_app()
    app.apply(sc.Push(NewGameScene()))
    step(app)
    click(app, "scenario:after_fourth_term")
    click(app, "armed")
    assert app.top.ring.get("armed").label.endswith("2028")
    app.apply(app.top._start())
    step(app)
    assert app.game.state.armed_from == 2028
    record = record_from_json(app.game.session.record().to_json())
    assert record.armed_from == 2028


def test_the_facilitator_panel_moves_the_armed_year(make_app, rules):
    app = make_app()
    app.apply(sc.StartGame("after_fourth_term", 4, {s: "human" for s in rules.side_ids}, False))
    step(app)
    from eurasia_game.ui.seminar.panel import FacilitatorPanel

    app.apply(sc.Push(FacilitatorPanel()))
    step(app)
    click(app, "sem_arm")
    assert app.top.name == "sem_arm"
    click(app, "arm:2025")
    assert app.game.state.armed_from == 2025
    assert app.game.session.record().actions[-1].kind == "arm"
    assert app.top.name == "sem_panel"
