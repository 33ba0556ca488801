"""Flows around the game: errors, saves, continue, settings, help, demo, mods, shots."""

from __future__ import annotations

import json

import pygame

from eurasia_game.ui import scenes as sc
from tests.ui.driver import advance, click, names, press, step, type_text


def _start(app, players=None, scenario="after_fourth_term", seed=11, curtain=False):
    players = players or {s: "human" for s in app.rules.side_ids}
    app.apply(sc.StartGame(scenario, seed, players, curtain))
    for _ in range(20):
        if app.top.name == "board":
            return
        press(app, pygame.K_SPACE)
    raise AssertionError(names(app))


class Boom(sc.Scene):
    name = "boom"

    def draw(self, surface, ctx):
        raise RuntimeError("a bug in a screen")


def test_an_unexpected_error_becomes_a_dialog_naming_the_log_and_autosave(make_app, home):
    from eurasia_game.ui.startup import setup_logging
    from eurasia_game.ui import paths

    setup_logging()
    app = make_app(raise_errors=False)
    _start(app)
    click(app, "act:invest:" + app.top.front)
    app.apply(sc.Push(Boom()))
    step(app)
    assert app.top.name == "error"
    app.draw()
    drawn = " ".join(app.text.drawn)
    assert "Traceback" not in drawn
    log = paths.log_file()
    assert str(log) in app.top.body and "autosave" in app.top.body
    text = log.read_text(encoding="utf-8")
    assert "a bug in a screen" in text and "seed=11" in text and '"action": "invest"' in text
    click(app, "to_title")
    assert names(app) == ["title"]


def test_save_by_name_load_it_and_continue_from_the_autosave(make_app, home, rules):
    app = make_app()
    _start(app)
    board = app.top
    click(app, f"act:invest:{board.front}")
    press(app, pygame.K_s, mod=pygame.KMOD_CTRL)
    assert app.top.name == "save"
    press(app, pygame.K_a, mod=pygame.KMOD_CTRL)
    type_text(app, "kitchen")
    press(app, pygame.K_RETURN)
    saved = home / "saves" / "kitchen.json"
    assert saved.is_file() and app.top.name == "message"
    record = json.loads(saved.read_text())
    assert record["seed"] == 11 and record["actions"][-1]["action"] == "invest"
    press(app, pygame.K_ESCAPE)
    click(app, "commit")
    steps_then = len(app.game.session.steps)
    app.quit()
    pygame.display.quit()

    app = make_app()  # a new run of the program
    assert app.top.ring.get("continue").enabled
    press(app, pygame.K_c)
    assert app.top.name in ("board", "curtain", "reveal")
    assert len(app.game.session.steps) == steps_then
    app.apply(sc.ResetTo(__import__("eurasia_game.ui.screens.title", fromlist=["TitleScene"]).TitleScene()))
    press(app, pygame.K_l)
    assert app.top.name == "load"
    click(app, "save:kitchen")
    assert app.game.session.record().actions[-1].action == "invest"
    assert len(app.game.session.steps) == steps_then - 1


def test_a_damaged_save_is_refused_with_a_message(make_app, home):
    (home / "saves").mkdir(parents=True)
    (home / "saves" / "broken.json").write_text('{"format": 1, "seed": ')
    app = make_app()
    press(app, pygame.K_l)
    click(app, "save:broken")
    assert app.top.name == "message" and "broken.json" in app.top.body


def test_continue_is_unavailable_without_an_autosave_and_says_why(make_app):
    app = make_app()
    button = app.top.ring.get("continue")
    assert not button.enabled and "autosave" in button.help_text()
    press(app, pygame.K_c)
    assert names(app) == ["title"]


def test_settings_apply_and_are_remembered(make_app, home):
    app = make_app()
    press(app, pygame.K_s)
    assert app.top.name == "settings"
    click(app, "colour_safe")
    click(app, "text_size")
    assert app.settings.colour_safe and app.settings.text_size == 1.15
    saved = json.loads((home / "config" / "settings.json").read_text())
    assert saved["colour_safe"] is True and saved["text_size"] == 1.15
    press(app, pygame.K_f)
    assert app.settings.fullscreen
    press(app, pygame.K_F11)
    assert not app.settings.fullscreen


def test_keyboard_focus_moves_and_activates(make_app):
    app = make_app()
    ring = app.top.ring
    assert ring.focus_id == "new_game"
    press(app, pygame.K_TAB)
    assert ring.focus_id == "tutorial"  # the guided first game comes next to New game
    press(app, pygame.K_TAB)
    press(app, pygame.K_TAB)
    assert ring.focus_id == "load"
    press(app, pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert ring.focus_id == "continue"
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert app.top.name == "load"


def test_help_overlay_opens_anywhere_with_f1(make_app):
    app = make_app()
    _start(app)
    press(app, pygame.K_F1)
    assert app.top.name == "help"
    app.draw()
    drawn = app.text.drawn
    assert any(app.rules.help[0].title in t for t in drawn)
    assert any("Ctrl+Z" in t for t in drawn)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "board"


def test_hover_explains_a_track(make_app):
    app = make_app()
    _start(app)
    gauges = app.top.regions["gauges"]
    pos = (gauges.left + 30, gauges.top + 20)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    step(app)
    app.draw()
    first = app.rules.tracks[0]
    assert any(first.description.split()[0] in t for t in app.text.drawn[-12:])


def test_illegal_actions_are_unavailable_and_say_why(make_app, rules):
    app = make_app()
    _start(app)
    board = app.top
    for _ in range(3):
        target = next(w for w in board.ring.widgets if w.id.startswith("act:") and w.enabled)
        click(app, target.id)
    unavailable = [w for w in board.ring.widgets if w.id.startswith("act:")]
    assert unavailable and all(not w.enabled and w.reason for w in unavailable)
    orders_before = len(app.game.state.plans[app.game.state.to_act])
    click(app, unavailable[0].id)
    assert len(app.game.state.plans[app.game.state.to_act]) == orders_before


def test_undo_only_where_the_engine_allows_it(make_app):
    app = make_app()
    _start(app)
    side = app.game.state.to_act
    assert app.top.ring.get("undo").enabled == app.game.session.can_undo(side)
    click(app, f"act:invest:{app.top.front}")
    assert app.top.ring.get("undo").enabled
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert app.game.state.plans[side] == ()
    click(app, "commit")
    assert app.game.state.to_act != side
    assert app.game.session.can_undo() is False


def test_demo_mode_plays_computer_against_computer_to_the_end(make_app):
    app = make_app()
    press(app, pygame.K_n)
    click(app, "scenario:two_camps_risk")
    press(app, pygame.K_d)
    assert app.game is not None and not app.game.humans
    for _ in range(3000):
        if app.top.name == "ending":
            break
        step(app, 1)
    assert app.top.name == "ending"


def test_the_new_game_screen_offers_every_computer_level_from_the_weakest_up(make_app):
    """A click on a side's player goes person, easy, normal, hard, then the random player:
    each click a little stronger, as players expect (not the names' alphabetical order)."""
    from eurasia_game.session.policies import policy_names

    app = make_app()
    press(app, pygame.K_n)
    side = app.rules.side_ids[0]
    seen = []
    for _ in range(len(policy_names()) + 1):
        seen.append(app.top.players[side])
        click(app, f"player:{side}")
    assert seen == ["human", "easy", "normal", "hard", "random"]
    assert app.top.players[side] == "human"  # and round again


def _remembered() -> dict:
    from eurasia_game.ui.settings import load_settings

    stored = load_settings()
    return {"last_scenario": stored.last_scenario, "last_players": stored.last_players}


def test_the_curtain_is_offered_only_to_two_people_at_one_computer(make_app):
    """Against the computer nothing needs hiding: the curtain's button says so and takes no
    press; with two people again it works, and the choice made before is kept."""
    app = make_app()
    press(app, pygame.K_n)
    screen = app.top
    moscow, beijing = app.rules.side_ids
    screen.players = {moscow: "human", beijing: "human"}
    screen.layout(app.ctx)
    screen.curtain = True
    press(app, pygame.K_k)
    assert screen.curtain is False  # two people: K toggles it
    press(app, pygame.K_k)
    assert screen.curtain is True
    click(app, f"player:{beijing}")  # Beijing becomes the computer
    button = screen.ring.get("curtain")
    assert not button.enabled and "two people" in button.help_text()
    press(app, pygame.K_k)
    assert screen.curtain is True  # nothing to toggle against the computer
    for _ in range(len(screen.ring.widgets)):
        if screen.players[beijing] == "human":
            break
        click(app, f"player:{beijing}")
    assert screen.ring.get("curtain").enabled and screen.curtain is True  # kept for two people


def test_the_new_game_screen_offers_the_last_games_scenario_and_players(make_app, home):
    from eurasia_game.ui import paths

    app = make_app()
    press(app, pygame.K_n)
    moscow, beijing = app.rules.side_ids
    assert app.top.players == {moscow: "human", beijing: "human"}
    click(app, "scenario:two_camps_risk")
    click(app, f"player:{beijing}")  # the first computer level
    chosen = dict(app.top.players)
    assert chosen[beijing] != "human"
    click(app, "start")
    assert app.game is not None and app.game.session.scenario == "two_camps_risk"
    stored = json.loads(paths.settings_file().read_text(encoding="utf-8"))
    assert stored["last_scenario"] == "two_camps_risk" and stored["last_players"] == chosen

    # A new window (the next evening) reads the settings file and offers the same choices.
    again = make_app(**_remembered())
    press(again, pygame.K_n)
    assert again.top.scenario == "two_camps_risk" and again.top.players == chosen

    # Choices these rules no longer have fall back to the defaults, one by one.
    stored.update(last_scenario="no_such_scenario", last_players={moscow: "grandmaster", beijing: chosen[beijing], "x" * 200: "human"})
    paths.settings_file().write_text(json.dumps(stored), encoding="utf-8")
    third = make_app(**_remembered())
    press(third, pygame.K_n)
    assert third.top.scenario == third.rules.game.default_scenario
    assert third.top.players == {moscow: "human", beijing: chosen[beijing]}


def test_the_tutorial_does_not_change_the_remembered_players(make_app, home):
    from eurasia_game.ui import paths

    app = make_app()
    app.apply(sc.Call("tutorial", (next(iter(app.rules.tutorial)),)))
    assert app.game is not None
    stored = json.loads(paths.settings_file().read_text(encoding="utf-8")) if paths.settings_file().exists() else {}
    assert not stored.get("last_players")


def test_mod_report_and_reload_key(make_app, rules):
    app = make_app()
    _start(app)
    press(app, pygame.K_m)
    assert app.top.name == "mod_report"
    app.draw()
    assert any(rules.fingerprint in t for t in app.text.drawn)
    press(app, pygame.K_F5)
    assert app.top.name == "message" and "Nothing changed" in app.top.body


def test_shots_command_writes_every_screen(tmp_path):
    from eurasia_game.cli.main import main

    from eurasia_game.loading.loader import load_rules
    from eurasia_game.ui.shots import screen_names

    out = tmp_path / "shots"
    assert main(["shots", str(out), "--size", "1024x640", "--scenario", "two_camps_risk", "--seed", "4"]) == 0
    files = sorted(p.name for p in out.glob("*.png"))
    # every screen, each with a number of its own, numbered 01, 02, ... without a gap (this game shows them all)
    names = screen_names(load_rules().rules)
    assert files == [f"{i:02d}_{name}.png" for i, name in enumerate(names, 1)]
    assert len({f[:2] for f in files}) == len(files)
    for expected in ("01_title.png", "02_new_game.png", "05_curtain.png", "06_briefing_moscow.png", "08_board.png", "11_help.png", "21_ending.png", "22_error.png"):
        assert expected in files
    for expected in ("19_reveal_orders.png", "20_reveal_resolved.png", "23_tutorial_dilemma.png", "24_tutorial_fronts.png", "25_tutorial_reveal.png", "26_tutorial_what_next.png"):
        assert expected in files  # the reveal and the guided first game, named for what they show
    image = pygame.image.load(str(out / "08_board.png"))
    assert image.get_size() == (1024, 640)
    assert main(["shots", str(out), "--size", "big"]) == 2


def test_an_installed_mod_can_be_enabled_for_a_new_game(make_app, home):
    import shutil
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "mods" / "fifth_front"
    shutil.copytree(source, home / "mods" / "fifth_front")
    app = make_app()
    base_fronts = len(app.rules.fronts)
    press(app, pygame.K_n)
    button = app.top.ring.get("mod:fifth_front")
    assert button is not None and button.enabled, [w.id for w in app.top.ring.widgets]
    click(app, "mod:fifth_front")
    assert app.top.ring.get("mod:fifth_front").selected
    click(app, "scenario:after_fourth_term")
    click(app, "start")
    assert len(app.game.rules.fronts) == base_fronts + 1
    for _ in range(20):
        if app.top.name == "board":
            break
        advance(app)
    assert app.top.name == "board"
    fronts = [w for w in app.top.ring.widgets if w.id.startswith("front:")]
    assert len(fronts) == base_fronts + 1
    app.draw()
    for a in fronts:
        for b in fronts:
            assert a is b or not a.rect.colliderect(b.rect)


def test_the_play_command_opens_the_window_and_closes_cleanly(home):
    import threading

    from eurasia_game.cli.main import main

    timer = threading.Timer(1.0, lambda: pygame.event.post(pygame.event.Event(pygame.QUIT)))
    timer.start()
    try:
        assert main([]) == 0
    finally:
        timer.cancel()
    log = (home / "logs" / "eurasia-game.log").read_text(encoding="utf-8")
    assert "window started" in log
    assert (home / "config" / "settings.json").is_file()


def test_broken_rules_are_reported_without_opening_the_window(tmp_path, capsys):
    from eurasia_game.cli.main import main

    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "game.yaml").write_text("game: [not, a, mapping\n")
    assert main(["play", "--rules", str(rules_dir)]) == 2
    err = capsys.readouterr().err
    assert "game.yaml" in err and "Traceback" not in err


def test_a_person_against_the_computer_sees_only_their_side(make_app, rules):
    app = make_app()
    person, computer = rules.side_ids
    _start(app, players={person: "human", computer: "random"}, curtain=True)
    years = set()
    for _ in range(400):
        top = app.top
        assert top.name != "curtain", "no hand-over is needed against the computer"
        if top.name == "ending":
            break
        if top.name == "board":
            assert top.viewer == person
            years.add(app.game.state.year)
            app.draw()
            hidden = rules.text("planned", side=rules.side[computer].name, action="", front="").split(":")[0]
            assert not any(t.startswith(hidden) for t in app.text.drawn), "the computer's plans stay secret"
            if app.game.state.to_act == person:
                press(app, pygame.K_e)
            else:
                app.game.thinker.wait(1.0)  # the computer moves on its own, beside the window
                step(app, 1)
        elif top.name == "dilemma":
            press(app, pygame.K_1)
        else:
            press(app, pygame.K_SPACE)
    assert app.top.name == "ending" and len(years) >= 2


def test_reloading_edited_rules_shows_what_changed_and_plays_on(rules_copy, home):
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings
    from tests.conftest import edit_rule_file

    base = load_rules(rules_copy).rules
    app = App(base, settings=Settings(animation="off"), raise_errors=True, rules_dir=rules_copy)
    _start(app)
    steps = len(app.game.session.steps)
    edit_rule_file(rules_copy, "actions.yaml", "cost: 2\n    targets: all\n    effects:\n      - {type: standing, front: target, side: self, delta: 1}", "cost: 3\n    targets: all\n    effects:\n      - {type: standing, front: target, side: self, delta: 1}")
    press(app, pygame.K_F5)
    assert app.top.name == "message"
    assert "invest" in app.top.body and "2 -> 3" in app.top.body
    assert app.rules.action["invest"].cost == 3 and app.game.rules.action["invest"].cost == 3
    assert len(app.game.session.steps) == steps
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "board"
    assert app.top.ring.get(f"act:invest:{app.top.front}").label.endswith("3")


def test_the_board_under_a_dialog_follows_an_order_played_from_that_dialog(make_app):
    """A screen above the board may play an order itself (as a dilemma's options do):
    the board drawn beneath must show the new position's buttons, not the old ones."""
    from eurasia_game.engine.moves import legal_actions
    from eurasia_game.ui.screens.dialog import MessageScene

    app = make_app()
    _start(app)
    board = app.top
    side = app.game.state.to_act
    assert any(w.id.startswith("act:") for w in board.ring.widgets)
    app.apply(sc.Push(MessageScene("A dialog", "The board shows through.")))
    step(app)
    commit = next(a for a in legal_actions(app.rules, app.game.state, side) if a.kind == "commit")
    app.apply(sc.Act(commit))  # played while the dialog lies on top: the dialog resumes, not the board
    step(app)
    assert app.game.state.to_act != side
    assert not any(w.id.startswith("act:") for w in board.ring.widgets), "the old side's orders are still offered"
