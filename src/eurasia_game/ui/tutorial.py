"""The guided first game in the window: starting it, and showing each step at its moment.

A tutorial (``model.tutorial``, from the rule files) is a game to play and a
list of steps.  ``start_tutorial`` starts the game it names, with the player
on the tutorial's side and the computer on the other, and hangs a
``TutorialRun`` on the game.  Each frame the app asks the run what to do:
when the screen on top is the moment the next step waits for, the run
pushes a callout pointing at the step's control; a step whose moment has
passed (a year without a dilemma) is left out.  When the steps are done, or
the player leaves the guide (Esc), the run ends and the "what next" screen
opens.  The run only shows things; the game is played by the player's own
keys and clicks.
"""

from __future__ import annotations

import logging

from eurasia_game.model.tutorial import MOMENTS
from eurasia_game.ui import scenes as sc

log = logging.getLogger("eurasia_game.ui")

PAUSE = 0.35  # seconds between one callout closing and the next opening, so the screen's change is seen
GAME_SCREENS = ("board", "reveal", "dilemma", "orders_reveal")


def moment_now(top, game, side: str) -> str | None:
    """The tutorial moment the screen on top shows now, or None (a menu, the help...)."""
    name = getattr(top, "name", "")
    state = game.state
    if name == "orders_reveal":
        return "revealed" if top.finished else "reveal"
    if name == "dilemma":
        return "dilemma" if top.side == side else None
    if name == "reveal":
        return "card"
    if name == "board" and not state.over and state.dilemma is None:
        phases = game.rules.phases
        if 0 <= state.phase < len(phases) and phases[state.phase].kind == "plan":
            if state.to_act == side:
                return "planned" if state.plans.get(side) else "plan"
            if state.to_act is not None and not game.is_human(state.to_act):
                return "computer"
    return None


class TutorialRun:
    """Where a tutorial is: the next step, the latest moment seen, whether it is over."""

    def __init__(self, tutorial, start_year: int):
        self.tutorial = tutorial
        self.start_year = start_year
        self.index = 0  # the next step to show
        self.reached = -1  # the rank of the latest moment seen
        self.showing = False
        self.over = False
        self.left = False  # the player left the guide before its end
        self.wait_until = 0.0

    @property
    def steps(self):
        return self.tutorial.steps

    def _year_over(self, game) -> bool:
        return game.state.over or game.state.year > self.start_year

    def next_command(self, top, game, now: float):
        """What to show now (a callout, the "what next" screen) or None."""
        if self.over or self.showing or now < self.wait_until or game is None:
            return None
        name = getattr(top, "name", "")
        if name not in GAME_SCREENS:
            return None
        moment = moment_now(top, game, self.tutorial.side)
        if moment is not None:
            self.reached = max(self.reached, MOMENTS.index(moment))
        while self.index < len(self.steps):
            step = self.steps[self.index]
            rank = MOMENTS.index(step.when)
            if step.when == moment or (step.when == "start" and name in GAME_SCREENS):
                return self._show(step)
            if rank < self.reached or (self._year_over(game) and moment not in ("reveal", "revealed")):
                log.info("tutorial step passed: %s", step.id)
                self.index += 1  # its moment has passed: left out
                continue
            return None
        if moment in ("reveal",):
            return None  # the guide ends once the reveal is resolved
        return self.finish()

    def _show(self, step):
        from eurasia_game.ui.screens.tutorial_screens import CalloutScene

        self.showing = True
        log.info("tutorial step: %s", step.id)
        return sc.Push(CalloutScene(self, step, self.index, len(self.steps)))

    def closed(self, now: float, leave: bool = False):
        """A callout closed: move on to the next step (or leave the guide)."""
        self.showing = False
        self.index += 1
        self.wait_until = now + PAUSE
        _wake_after(PAUSE)
        if leave:
            self.left = True
            log.info("tutorial left at step %d of %d", self.index, len(self.steps))
            return self.finish()
        return None

    def finish(self):
        from eurasia_game.ui.screens.tutorial_screens import WhatNextScene

        self.over = True
        log.info("tutorial finished" if not self.left else "tutorial closed early")
        return [sc.Call("tutorial_done", (not self.left,)), sc.Push(WhatNextScene(self.tutorial, self.left))]

    def update(self, app):
        return self.next_command(app.top, app.game, app.ctx.time)


def _wake_after(seconds: float) -> None:
    """Make sure the window's loop runs a frame when the pause is over (it sleeps while idle)."""
    import pygame

    try:
        pygame.time.set_timer(pygame.event.Event(WAKE), int(seconds * 1000) + 10, 1)
    except pygame.error:  # pragma: no cover - no timer on this platform: the loop wakes within a second anyway
        pass


def _wake_type() -> int:
    import pygame

    return pygame.event.custom_type()


WAKE = _wake_type()


def remember(settings, **flags) -> None:
    """Set the guide's flags in the window's settings and in the settings file, leaving the
    file's other settings as they are (a window opened with other settings, such as the
    screenshots', must not overwrite the player's)."""
    from eurasia_game.ui.settings import remember as remember_settings

    remember_settings(settings, **flags)


def start_tutorial(app, tutorial_id: str) -> None:
    """Start the tutorial's game and hang its run on it."""
    from eurasia_game.ui.controller import HUMAN
    from eurasia_game.ui.screens.dialog import MessageScene
    from eurasia_game.ui.strings import S

    rules = app.base_rules  # a new game starts from the rules without a previous game's mods
    tutorial = rules.tutorial.get(tutorial_id) if rules is not None else None
    if tutorial is None or tutorial.scenario not in rules.scenario:
        app.apply(sc.Push(MessageScene(S("tutorial"), S("tutorial_missing"))))
        return
    players = {s: (HUMAN if s == tutorial.side else tutorial.opponent) for s in rules.side_ids}
    app.apply(sc.StartGame(tutorial.scenario, tutorial.seed, players, app.settings.curtain))
    if app.game is None or app.game.session.scenario != tutorial.scenario:
        return
    app.game.briefed.update(rules.side_ids)  # the guide tells what each side wants
    app.game.tutorial = TutorialRun(tutorial, app.game.state.year)
    remember(app.settings, tutorial_offered=True)
    log.info("tutorial started: %s", tutorial_id)


def tutorial_done(app, finished: bool) -> None:
    """The guide is over: remember it (a finished one is not offered again on the title)."""
    remember(app.settings, tutorial_offered=True, **({"tutorial_done": True} if finished else {}))
    if app.game is not None and getattr(app.game, "tutorial", None) is not None:
        app.game.tutorial = None
