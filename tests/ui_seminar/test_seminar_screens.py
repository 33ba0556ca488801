"""The seminar screens under the dummy video driver: facilitator acts, branches, the timer.

Every test drives the window with posted keyboard and mouse events and
checks the game record afterwards: whatever the facilitator did must be in
it, and replaying it must give the same game.
"""

from __future__ import annotations

import pygame
import pytest

from eurasia_game.engine.state import FACILITATOR
from eurasia_game.engine.work import holds
from eurasia_game.session.branches import TimerSettings, read_class
from eurasia_game.session.record import record_from_json
from eurasia_game.session.session import GameSession
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.seminar.presets import presets


# --- driving the window -------------------------------------------------------
def step(app, frames: int = 2, dt: float = 0.0) -> None:
    for _ in range(frames):
        app.step(dt=dt)


def press(app, key: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    step(app)


def type_text(app, text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    step(app)


def click(app, widget_id: str) -> None:
    widget = app.top.ring.get(widget_id)
    assert widget is not None, f"no widget '{widget_id}' on {app.top.name}: {[w.id for w in app.top.ring.widgets]}"
    assert widget.enabled, f"'{widget_id}' is disabled: {widget.reason}"
    pos = widget.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    step(app)


def names(app) -> list[str]:
    return [s.name for s in app.stack]


def to_board(app) -> None:
    """Close card reveals and answer dilemmas until a person plans at the board."""
    for _ in range(60):
        top = app.top.name
        state = app.game.state
        if top == "board" and state.dilemma is None and app.game.is_human(state.to_act):
            return
        if top in ("reveal", "orders_reveal", "curtain"):
            press(app, pygame.K_SPACE)
        elif top == "dilemma":
            click(app, next(w.id for w in app.top.ring.widgets if w.enabled))
        else:
            step(app)
    raise AssertionError(names(app))


def start(app, players=None, scenario="full_decade", seed=5) -> None:
    players = players or {s: "human" for s in app.rules.side_ids}
    app.apply(sc.StartGame(scenario, seed, players, False))
    step(app)
    to_board(app)


def played_game(app, years: int, scenario: str = "full_decade") -> None:
    """Open, at the board, a game the computer has played for ``years`` years (people play on).

    The first seed and level whose game lasts that long is used, so the test
    does not depend on how the rules are balanced.
    """
    from eurasia_game.session.policies import make_policy
    from eurasia_game.ui.controller import GameController
    from eurasia_game.ui.screens.board import BoardScene

    rules = app.rules
    for level in ("normal", "hard", "easy", "random"):
        for seed in range(1, 60):
            session = GameSession.new(rules, scenario, seed, {s: "human" for s in rules.side_ids})
            policies = {s: make_policy(level, seed, s) for s in rules.side_ids}
            target = session.state.year + years
            while not session.over and session.state.year < target:
                side = session.state.to_act
                session.act(policies[side].choose(rules, session.view(side), session.legal(side)))
            if not session.over:
                app.game = GameController(rules, session, curtain=False)
                app.apply(sc.ResetTo(BoardScene(start_public=True)))
                step(app)
                to_board(app)
                return
    raise AssertionError(f"no computer game lasts {years} years")


def facilitator_acts(app) -> list:
    return [a for a in app.game.session.record().actions if a.side == FACILITATOR]


def replays_exactly(app) -> bool:
    record = record_from_json(app.game.session.record().to_json())
    return GameSession.from_record(app.rules, record).state == app.game.state


# --- the panel -------------------------------------------------------------------
def test_the_panel_opens_with_f9_and_closes_without_a_trace(make_app):
    app = make_app()
    start(app)
    # Returning from any overlay moves the board's tooltip from the pointer to
    # the focused button; open and close the help overlay first so both
    # pictures share that state and only the panel's own trace would differ.
    press(app, pygame.K_F1)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "board"
    app.draw()
    before = pygame.image.tobytes(app.surface, "RGB")
    steps = len(app.game.session.steps)
    press(app, pygame.K_F9)
    assert app.top.name == "sem_panel"
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "board"
    press(app, pygame.K_F9)
    press(app, pygame.K_F9)  # F9 toggles it too
    assert app.top.name == "board"
    assert len(app.game.session.steps) == steps
    app.draw()
    assert pygame.image.tobytes(app.surface, "RGB") == before


def test_the_menu_opens_the_panel_too(make_app):
    app = make_app()
    start(app)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "menu"
    click(app, "facilitator")
    assert app.top.name == "sem_panel"


def test_inject_a_card_now_from_the_chooser(make_app):
    app = make_app()
    start(app)
    press(app, pygame.K_F9)
    press(app, pygame.K_i)
    assert app.top.name == "sem_inject"
    first = app.top.ring.widgets[0]
    card = first.id.split(":", 1)[1]
    click(app, first.id)
    assert app.top.name == "sem_inject_card"
    press(app, pygame.K_1)  # fire now
    assert names(app)[:2] == ["board", "reveal"], names(app)
    assert app.top.card_id == card
    (act,) = facilitator_acts(app)
    assert (act.kind, act.card, act.mode) == ("inject", card, "now")
    log = [e for e in app.game.session.events(None) if e.kind == "card" and e.card == card]
    assert log and log[-1].text == app.rules.text("card_injected", title=app.rules.event[card].title)
    assert replays_exactly(app)


def test_a_card_whose_conditions_fail_can_only_be_forced_and_is_marked(make_app):
    app = make_app()
    start(app)
    rules, state = app.rules, app.game.state
    blocked = next(c for c in state.deck if not holds(rules, state, rules.event[c].condition))
    press(app, pygame.K_F9)
    press(app, pygame.K_i)
    for _ in range(len(rules.events)):
        if app.top.ring.get(f"card:{blocked}"):
            break
        press(app, pygame.K_PAGEDOWN)
    click(app, f"card:{blocked}")
    now = app.top.ring.get("mode:now")
    assert not now.enabled and "force" in now.reason
    press(app, pygame.K_1)
    assert facilitator_acts(app) == []
    press(app, pygame.K_3)  # force it now
    (act,) = facilitator_acts(app)
    assert (act.card, act.mode) == (blocked, "forced")
    marked = [e for e in app.game.session.events(None) if e.kind == "card" and e.card == blocked]
    assert marked[-1].data == ("forced",) and "forced" in marked[-1].text


def test_inject_at_the_next_events_phase_stays_hidden_from_the_players(make_app):
    app = make_app()
    start(app)
    press(app, pygame.K_F9)
    press(app, pygame.K_i)
    card = app.top.ring.widgets[0].id.split(":", 1)[1]
    click(app, f"card:{card}")
    press(app, pygame.K_2)
    assert app.top.name == "message"
    assert app.game.state.injects == ((card, "next"),)
    assert all(e.kind != "inject" for e in app.game.session.events(None))
    assert all(e.kind != "inject" for s in app.rules.side_ids for e in app.game.session.events(s))


def test_a_note_is_typed_and_recorded(make_app):
    app = make_app()
    start(app)
    press(app, pygame.K_F9)
    press(app, pygame.K_n)
    assert app.top.name == "sem_entry"
    press(app, pygame.K_RETURN)  # empty: nothing happens
    assert app.top.name == "sem_entry" and facilitator_acts(app) == []
    type_text(app, "Moscow hesitates over the Arctic")
    press(app, pygame.K_BACKSPACE)
    type_text(app, "c.")
    press(app, pygame.K_RETURN)
    assert app.top.name == "board"
    (act,) = facilitator_acts(app)
    assert (act.kind, act.text) == ("note", "Moscow hesitates over the Arctic.")
    assert replays_exactly(app)


def test_a_discussion_pause_with_a_topic_stops_the_clock(make_app):
    app = make_app()
    start(app)
    app.seminar.set_timer(TimerSettings(seconds=60, rule="commit"))
    step(app, 1, dt=10.0)
    assert app.seminar.remaining == pytest.approx(50.0)
    press(app, pygame.K_F9)
    press(app, pygame.K_o)
    type_text(app, "Why is this not an alliance?")
    press(app, pygame.K_RETURN)
    assert app.top.name == "sem_discussion"
    (act,) = facilitator_acts(app)
    assert (act.kind, act.text) == ("pause", "Why is this not an alliance?")
    step(app, 5, dt=30.0)  # 150 s of talking
    assert app.seminar.remaining == pytest.approx(50.0)
    app.draw()
    assert "Why is this not an alliance?" in " ".join(app.text.drawn)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "board"
    assert app.game.state.to_act == "moscow" or app.game.state.to_act == app.rules.game.side_order[0]


# --- the timer -------------------------------------------------------------------
def test_the_timer_set_in_the_panel_commits_planning_when_time_runs_out(make_app):
    app = make_app()
    start(app)
    side = app.game.state.to_act
    press(app, pygame.K_F9)
    press(app, pygame.K_t)
    assert app.top.name == "sem_timer"
    click(app, "time:60")
    click(app, "rule:commit")
    assert app.seminar.timer == TimerSettings(seconds=60, rule="commit")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "board"
    plan = next(w for w in app.top.ring.widgets if w.id.startswith("act:") and w.enabled)
    click(app, plan.id)
    step(app, 1, dt=59.0)
    assert app.game.state.to_act == side
    app.draw()
    assert any("0:01" in t for t in app.text.drawn)  # the countdown is on screen
    step(app, 1, dt=1.5)
    acts = facilitator_acts(app)
    assert [(a.kind, a.target, a.mode, a.seconds) for a in acts] == [("time_up", side, "commit", 60)]
    state = app.game.state
    assert state.to_act != side or state.year != app.game.session.steps[-2].result.state.year
    assert any(e.kind == "time_up" for e in app.game.session.events(None))
    assert replays_exactly(app)


def test_the_warning_rule_only_marks_the_log_and_the_clock_restarts_for_the_next_decision(make_app):
    app = make_app()
    start(app)
    side = app.game.state.to_act
    app.seminar.set_timer(TimerSettings(seconds=30, rule="warn"))
    step(app, 1, dt=31.0)
    (act,) = facilitator_acts(app)
    assert (act.kind, act.mode) == ("time_up", "warn")
    assert app.game.state.to_act == side
    step(app, 3, dt=31.0)
    assert len(facilitator_acts(app)) == 1  # once per decision
    app.draw()
    assert any("time is up" in t for t in app.text.drawn)
    press(app, pygame.K_e)  # end planning
    to_board(app)
    assert app.game.state.to_act != side
    assert app.seminar.remaining == pytest.approx(30.0)


def test_the_timer_stands_still_while_the_panel_is_open(make_app):
    app = make_app()
    start(app)
    app.seminar.set_timer(TimerSettings(seconds=40, rule="commit"))
    step(app, 1, dt=5.0)
    press(app, pygame.K_F9)
    step(app, 4, dt=20.0)
    assert app.seminar.remaining == pytest.approx(35.0)
    assert facilitator_acts(app) == []


def test_time_up_in_a_dilemma_takes_the_first_option_and_closes_it(make_app, rules):
    app = make_app()
    for seed in range(1, 80):
        app.apply(sc.StartGame("full_decade", seed, {s: "human" for s in rules.side_ids}, False))
        for _ in range(10):
            if app.top.name in ("reveal", "curtain"):
                press(app, pygame.K_SPACE)
        if app.top.name == "dilemma":
            break
    assert app.top.name == "dilemma"
    card = app.game.state.dilemma
    first = rules.event[card].dilemma.options[0].id
    app.seminar.set_timer(TimerSettings(seconds=20, rule="commit"))
    step(app, 1, dt=21.0)
    assert app.top.name != "dilemma"
    chose = [e for e in app.game.session.events(None) if e.kind == "chose" and e.card == card]
    assert chose and chose[-1].data == (first,)


# --- branches ----------------------------------------------------------------------
def test_rewind_to_an_earlier_year_keeps_the_original_line(make_app, home):
    app = make_app()
    played_game(app, 3)
    first_year = app.rules.scenario[app.game.session.scenario].start_year
    trunk_actions = app.game.session.record().actions
    press(app, pygame.K_F9)
    press(app, pygame.K_r)
    assert app.top.name == "sem_rewind"
    click(app, f"year:{first_year + 1}")
    assert app.top.name == "confirm"
    click(app, "yes")
    assert app.top.name in ("board", "reveal", "dilemma")
    assert app.game.state.year == first_year + 1
    klass = app.seminar.klass
    assert [b.info.id for b in klass.branches] == ["trunk", "b1"] and klass.current == "b1"
    assert klass.branch("trunk").record.actions == trunk_actions
    to_board(app)
    press(app, pygame.K_F9)
    press(app, pygame.K_n)
    type_text(app, "We try it the other way.")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_F9)
    click(app, "sem_save_class")
    assert app.top.name == "message"
    saved = next((home / "saves").glob("*.class.json"))
    back = read_class(saved)
    assert [b.info.fork_year for b in back.branches] == [None, first_year + 1]
    assert back.branches[1].record.actions[-1].text == "We try it the other way."
    # the class file opens again with its lines of play
    current = app.game.session.record().actions
    app.apply(sc.LoadGame(saved))
    step(app)
    assert app.game.session.record().actions == current
    assert [b.info.id for b in app.seminar.klass.branches] == ["trunk", "b1"] and app.seminar.klass.current == "b1"
    to_board(app)
    # back to the original line
    press(app, pygame.K_F9)
    press(app, pygame.K_r)
    click(app, "line:trunk")
    assert app.seminar.klass.current == "trunk"
    assert app.game.session.record().actions == trunk_actions


# --- debrief and report ---------------------------------------------------------------
def test_the_debrief_screen_shows_each_tab_and_saves_the_report(make_app, home):
    app = make_app()
    played_game(app, 2)
    press(app, pygame.K_F9)
    press(app, pygame.K_n)
    type_text(app, "First note of the class")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_F9)
    press(app, pygame.K_d)
    assert app.top.name == "sem_debrief"
    seen = {}
    for number in range(1, 6):
        press(app, getattr(pygame, f"K_{number}"))
        app.draw()
        seen[app.top.tab] = " ".join(app.text.drawn)
    assert set(seen) == {"ending", "timeline", "charts", "turning", "events"}
    press(app, pygame.K_2)
    press(app, pygame.K_END)  # the note is on the latest year, at the bottom
    app.draw()
    assert "First note of the class" in " ".join(app.text.drawn)
    assert "First note of the class" not in seen["timeline"] or app.top.scroll.offset == 0
    assert "still running" in seen["ending"]
    fired = app.top.debrief.cards[0]
    assert fired.title in seen["events"] and fired.section in seen["events"]
    press(app, pygame.K_s, mod=pygame.KMOD_CTRL)
    assert app.top.name == "message"
    folder = app.seminar.last_report
    assert sorted(p.name for p in folder.iterdir()) == ["report.html", "report.md", "turns.csv"]
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "First note of the class" in html and "<svg" in html


def test_the_ending_screen_offers_the_debrief(make_app, rules):
    app = make_app()
    app.apply(sc.StartGame("after_fourth_term", 3, {s: "random" for s in rules.side_ids}, False))
    for _ in range(400):
        if app.game.state.over:
            break
        if app.game.thinker.thinking:  # the computers think beside the window: a frame waits for their move
            app.game.thinker.wait(1.0)
        step(app)
        if app.top.name in ("reveal", "orders_reveal"):
            press(app, pygame.K_SPACE)
    for _ in range(5):
        step(app)
        if app.top.name in ("reveal", "orders_reveal"):
            press(app, pygame.K_SPACE)
    assert app.top.name == "ending"
    click(app, "sem_debrief")
    assert app.top.name == "sem_debrief" and app.top.debrief.ending is not None
    app.draw()
    drawn = " ".join(app.text.drawn)
    ending = rules.ending[app.game.state.ending]
    assert ending.name in drawn and ending.questions[0] in drawn


# --- projector ------------------------------------------------------------------------
def test_the_projector_shows_the_public_view_only(make_app, rules):
    app = make_app()
    start(app)
    board = app.top
    plan = next(w for w in board.ring.widgets if w.id.startswith("act:") and w.enabled)
    action_id = plan.id.split(":")[1]
    click(app, plan.id)
    secret = [e.text for e in app.game.session.events(app.game.state.to_act) if e.secret_for]
    assert secret
    press(app, pygame.K_F10)
    assert app.seminar.window is not None  # its own window
    app.draw()
    assert str(app.game.state.year) in " ".join(app.text.drawn)
    from eurasia_game.ui.seminar.projector import draw_projector

    surface = pygame.Surface((1920, 1080))
    app.text.begin_frame()
    draw_projector(surface, app.ctx, app)
    shown = " ".join(app.text.drawn)
    assert rules.action[action_id].name not in shown
    assert all(text not in shown for text in secret)
    assert all(t.name in shown for t in rules.tracks) and all(f.name in shown for f in rules.fronts)
    window = app.seminar.window
    pos = next(w for w in app.top.ring.widgets if w.id.startswith("act:") and w.enabled).rect.center  # on the projector: no order
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, window=window))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, window=window))
    steps = len(app.game.session.steps)
    step(app)
    assert len(app.game.session.steps) == steps and app.top.name == "board"
    press(app, pygame.K_F10)
    assert app.seminar.window is None


def test_the_projector_can_take_the_players_window(make_app):
    app = make_app()
    start(app)
    press(app, pygame.K_F10, mod=pygame.KMOD_SHIFT)
    assert app.top.name == "sem_projector"
    press(app, pygame.K_F10)
    assert app.top.name == "board"


# --- presets -------------------------------------------------------------------------
def test_the_new_game_screen_offers_class_presets(make_app, rules):
    from eurasia_game.ui.screens.newgame import NewGameScene

    app = make_app()
    app.apply(sc.Push(NewGameScene()))
    step(app)
    ids = [w.id for w in app.top.ring.widgets if w.id.startswith("preset:")]
    assert ids == ["preset:45", "preset:75", "preset:90"]
    forty_five = presets(rules)[0]
    click(app, "preset:45")
    assert app.top.scenario == forty_five.scenario
    assert app.seminar.timer == forty_five.timer
    assert app.top.ring.get("preset:45").selected
    click(app, "start")
    assert app.game is not None and app.game.session.scenario == forty_five.scenario
    assert app.seminar.timer.seconds == forty_five.timer.seconds
    press(app, pygame.K_ESCAPE)
    from eurasia_game.ui.screens.newgame import NewGameScene as Again

    app.apply(sc.Push(Again()))
    step(app)
    # The next new game offers the last game's scenario, so the preset in force shows as chosen.
    assert app.top.scenario == forty_five.scenario and app.top.ring.get("preset:45").selected
    click(app, "preset:45")  # again: timer off
    assert app.seminar.timer.seconds is None
    click(app, "preset:45")
    assert app.seminar.timer.seconds == forty_five.timer.seconds
