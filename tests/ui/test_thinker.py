"""Computer moves in a worker: the same moves, a window that goes on, clean cancels."""

from __future__ import annotations

import os
import threading
import time

import pygame
import pytest

from eurasia_game.session.policies import make_policy
from eurasia_game.session.session import GameSession
from eurasia_game.session import workproc
from eurasia_game.session.thinker import Thinker
from eurasia_game.ui import scenes as sc
from tests.ui.driver import names, press


class _Searching:
    """A quick level dressed as a searching one, so that its moves go to the computer's process."""

    searches = True

    def __init__(self, inner):
        self.inner = inner

    def choose(self, rules, game_view, legal):
        return self.inner.choose(rules, game_view, legal)


def _play(rules, players: dict, moves: int, through_worker: bool, seed: int = 5, thinker: Thinker | None = None, searching: bool = False) -> list:
    """The first ``moves`` computer actions of a game, chosen in this thread or by a worker."""
    session = GameSession.new(rules, "after_fourth_term", seed, players)
    policies = {s: make_policy(n, seed, s) for s, n in players.items()}
    if searching:
        policies = {s: _Searching(p) for s, p in policies.items()}
    thinker = thinker or Thinker()
    taken = []
    while len(taken) < moves and not session.state.over:
        side = session.state.to_act
        legal = session.legal(side)
        if through_worker:
            key = len(session.steps)
            thinker.start(key, side, policies[side], rules, session.view(side), legal)
            assert thinker.wait(60)
            action, policies[side] = thinker.poll(key)
        else:
            action = policies[side].choose(rules, session.view(side), legal)
        session.act(action)
        taken.append(action)
    return taken


def test_a_worker_finds_the_same_moves_as_the_loop_would(rules):
    players = {s: "normal" for s in rules.side_ids}
    thinker = Thinker()
    assert _play(rules, players, 40, True, thinker=thinker, searching=True) == _play(rules, players, 40, False)
    # the moves came from the computer's own process, not from a thread of this one
    assert thinker.worker.broken is None and thinker.worker.alive and thinker.worker.pid != os.getpid()
    hard = {s: "hard" for s in rules.side_ids}
    assert _play(rules, hard, 3, True, seed=9, thinker=thinker) == _play(rules, hard, 3, False, seed=9)
    assert thinker.worker.alive


def test_a_quick_level_thinks_in_a_thread_and_starts_no_process(rules, monkeypatch):
    worker = workproc.MoveWorker()
    monkeypatch.setattr(workproc, "_WORKER", worker)
    players = {s: "normal" for s in rules.side_ids}
    thinker = Thinker()
    thinker.prepare(rules, [make_policy("normal", 5, s) for s in rules.side_ids])
    assert _play(rules, players, 10, True, thinker=thinker) == _play(rules, players, 10, False)
    assert worker.starts == 0 and not worker.alive


def test_moves_worked_out_in_a_thread_are_the_same_too(rules):
    players = {s: "normal" for s in rules.side_ids}
    thinker = Thinker(process=False)
    assert thinker.worker is None
    assert _play(rules, players, 20, True, thinker=thinker) == _play(rules, players, 20, False)


class _LocalPolicy:
    """A policy the computer's process cannot be sent (it holds a function made here)."""

    name = "local"
    searches = True

    def __init__(self, seed, side):
        self.inner = make_policy("normal", seed, side)
        self.unsendable = lambda: None

    def choose(self, rules, game_view, legal):
        return self.inner.choose(rules, game_view, legal)


def test_a_policy_that_cannot_be_sent_is_worked_out_in_a_thread(rules):
    session = GameSession.new(rules, "after_fourth_term", 5, {})
    side = session.state.to_act
    thinker = Thinker()
    thinker.start("p", side, _LocalPolicy(5, side), rules, session.view(side), session.legal(side))
    assert thinker.wait(60)
    action, policy = thinker.poll("p")
    assert isinstance(policy, _LocalPolicy)
    assert action == make_policy("normal", 5, side).choose(rules, session.view(side), session.legal(side))


def test_an_error_in_the_computers_process_is_raised_in_the_window(rules):
    session = GameSession.new(rules, "after_fourth_term", 5, {})
    side = session.state.to_act
    thinker = Thinker()
    # a hard policy asked to choose from nothing breaks in its search, in the computer's process
    # (a test's own policy class could not cross: the process rebuilds only the game's classes)
    thinker.start("p", side, make_policy("hard", 5, side), rules, session.view(side), [])
    assert thinker.wait(60)
    assert thinker.job.where == "process"  # it was worked out there, not in a thread
    with pytest.raises(ValueError, match="no legal action") as raised:
        thinker.poll("p")
    assert "the computer's process" in "\n".join(raised.value.__notes__) and "choose" in "\n".join(raised.value.__notes__)  # where it broke, there
    assert thinker.worker.alive  # and the process goes on for the next move


def test_without_a_process_the_computer_still_moves_in_a_thread(rules, monkeypatch):
    monkeypatch.setattr(workproc.sys, "executable", "/nonexistent/python")
    worker = workproc.MoveWorker()
    monkeypatch.setattr(workproc, "_WORKER", worker)
    players = {s: "normal" for s in rules.side_ids}
    thinker = Thinker()
    assert thinker.worker is worker
    assert _play(rules, players, 6, True, thinker=thinker, searching=True) == _play(rules, players, 6, False)
    assert worker.broken and "could not start" in worker.broken and not worker.alive


def test_a_cancelled_move_stops_its_worker_and_leaves_the_policy_as_it_was(rules):
    side = rules.side_ids[0]
    session = GameSession.new(rules, "after_fourth_term", 4, {})
    while session.state.to_act != side or session.state.dilemma is not None:
        session.act(session.legal(session.state.to_act)[-1])
    policy = make_policy("hard", 4, side)
    before = policy.rng.getstate()
    thinker = Thinker()
    thinker.worker.warm(rules)  # a process ready for the move, so the move is surely in it when cancelled
    job = thinker.start("position", side, policy, rules, session.view(side), session.legal(side))
    deadline = time.perf_counter() + 5
    while thinker.worker._serving is not job and time.perf_counter() < deadline:
        time.sleep(0.01)
    assert thinker.thinking and job.where == "process"
    pid = thinker.worker.pid
    started = time.perf_counter()
    thinker.cancel()
    job.thread.join(2.0)
    assert not job.thread.is_alive()
    assert time.perf_counter() - started < 0.5  # stopped, not run to its end
    assert job.cancelled and job.action is None
    assert not _running(pid)  # the process that worked on it is gone
    assert thinker.poll("position") is None and not thinker.thinking
    assert policy.rng.getstate() == before  # the original never moved
    # the next move starts another process and is the move the game would have had
    job = thinker.start("again", side, policy, rules, session.view(side), session.legal(side))
    expected = make_policy("hard", 4, side).choose(rules, session.view(side), session.legal(side))
    assert thinker.wait(60)
    assert thinker.poll("again")[0] == expected and thinker.worker.pid != pid


def _running(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _against_hard(make_app, rules, animation="normal"):
    app = make_app(animation=animation)
    human, computer = rules.side_ids[0], rules.side_ids[1]
    app.apply(sc.StartGame("after_fourth_term", 21, {human: "human", computer: "hard"}, False))
    for _ in range(20):
        if app.top.name == "board" and app.top._acting_side(app.ctx) == human:
            break
        app.step()
        press(app, pygame.K_SPACE)
    assert app.top.name == "board", names(app)
    return app, human, computer


def _end_planning(app, side):
    """End planning as the button does, without waiting for the computer's answer."""
    from eurasia_game.engine.state import Action

    app.apply(sc.Act(Action("commit", side)))
    app.step([], dt=0.0)


def test_the_window_keeps_drawing_while_the_computer_thinks(make_app, rules):
    app, human, computer = _against_hard(make_app, rules)
    thinker = app.game.thinker
    real_work = thinker._work

    def slow_work(*args):
        # However fast the search gets, this one lasts at least 0.6 s, so a
        # window that waited for it would show a gap longer than allowed below.
        time.sleep(0.6)
        real_work(*args)

    thinker._work = slow_work
    _end_planning(app, human)
    assert app.game.state.to_act == computer
    before = len(app.game.session.steps)
    frames, shown = [], []

    def moved() -> bool:
        return len(app.game.session.steps) > before  # its first move: the year's whole search

    def watch():
        deadline = time.perf_counter() + 90  # a busy machine makes the search slow; the frames must keep coming all the same
        while time.perf_counter() < deadline and not moved():
            time.sleep(0.02)
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    real_draw = app.draw

    def draw():
        real_draw()
        frames.append(time.perf_counter())
        if app.game.thinking:
            shown.append(any("is thinking" in t for t in app.text.drawn))

    app.draw = draw
    app.quit = lambda: setattr(app, "running", False)  # keep the game (and its autosave marker) for the checks
    watcher = threading.Thread(target=watch)
    watcher.start()
    app.run()
    watcher.join()
    assert moved(), "the computer never moved"
    assert len(shown) >= 3 and all(shown)  # frames kept coming with the indicator on them
    gaps = [b - a for a, b in zip(frames, frames[1:])]
    assert max(gaps) < 0.25, max(gaps)  # never a long stall while it thinks


def test_quitting_while_the_computer_thinks_stops_its_worker(make_app, rules):
    app, human, computer = _against_hard(make_app, rules, animation="off")
    _end_planning(app, human)
    job = app.game.thinker.job
    assert job is not None and job.thread.is_alive()
    started = time.perf_counter()
    app.apply(sc.Quit())
    assert not job.thread.is_alive()
    assert time.perf_counter() - started < 1.0


def test_loading_a_game_while_the_computer_thinks_drops_its_move(make_app, rules, home):
    app, human, computer = _against_hard(make_app, rules, animation="off")
    path = app.game.save_named("before")
    steps = len(app.game.session.steps)
    _end_planning(app, human)
    old = app.game
    job = old.thinker.job
    assert job is not None
    app.apply(sc.LoadGame(path))
    assert app.game is not old and old.thinker.job is None
    job.thread.join(2.0)
    assert not job.thread.is_alive()
    assert len(app.game.session.steps) == steps and app.game.state.to_act == human
