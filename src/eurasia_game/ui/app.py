"""The window and its main loop.

``App`` owns the window, the scene stack, the game controller and the
settings.  Its loop is steppable (``step``) so tests can post events and run
frames one by one, and it sleeps in ``pygame.event.wait`` while nothing moves
so an idle board costs almost no CPU.  Any unexpected error becomes a dialog
naming the log file and the autosave; the log holds the seed and actions.

The pieces around the loop live next to it: ``ui.context`` (what scenes
read, and the sizes), ``ui.gamecommands`` (starting, loading, saving and
playing a game), ``ui.crash`` (the error dialog and crash record) and
``ui.resume`` (the offer to go on with an unfinished game).  ``ui.startup``
(``run_app``: logging, the rules) opens the window and builds the App; the
App never imports it.
"""

from __future__ import annotations

import gc
import logging
import os
import time

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from eurasia_game.ui import placement  # noqa: E402
from eurasia_game.ui import scenes as sc  # noqa: E402
from eurasia_game.ui.context import Context  # noqa: E402
from eurasia_game.ui.crash import CrashHandling  # noqa: E402
from eurasia_game.ui.gamecommands import GameCommands  # noqa: E402
from eurasia_game.ui.held_keys import HeldKeys  # noqa: E402
from eurasia_game.ui.settings import Settings, load_settings, save_settings  # noqa: E402
from eurasia_game.ui.resume import offer_resume as _offer_resume  # noqa: E402
from eurasia_game.ui.text import Text  # noqa: E402

__all__ = ["App", "Context", "MIN_SIZE"]

log = logging.getLogger("eurasia_game.ui")

MIN_SIZE = (1024, 640)
FPS = 60
MAX_DT = 1.0  # a frame after a long stall (a dragged window) counts at most a second


def _release() -> None:
    """Free a scene that left the stack now, not at some later full collection.

    Scenes are reference cycles (their buttons' callbacks refer back to them)
    holding large pixel buffers (the map, rendered text); left to the cyclic
    collector, many such buffers pile up between collections and the
    allocator keeps the memory.  A full collection costs a few milliseconds,
    paid only when a screen closes.
    """
    gc.collect()


class App(GameCommands, CrashHandling):
    """The window: its scene stack, the commands scenes return, and the loop."""

    def __init__(self, rules, size: tuple[int, int] | None = None, settings: Settings | None = None, raise_errors: bool = False, first_scene=None, rules_dir=None, mod_folders=(), load_problems=()):
        self.rules = rules
        self.base_rules = rules
        self.rules_dir = rules_dir
        self.mod_folders: list = list(mod_folders)
        self.cli_mods: list = list(mod_folders)
        self.load_problems: list = list(load_problems)
        self.last_reload: list[str] = []
        self.settings = settings or load_settings()
        if size is not None:
            self.settings.width, self.settings.height = size
        self.raise_errors = raise_errors
        self.game = None
        self.running = True
        self.dirty = True
        self.exit_code = 0
        self.frame_ms: list[float] = []
        self._crashed = False
        self._shown: str | None = None
        self._autosave_failing = False
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        self.held_keys = HeldKeys()
        self.surface = self._set_mode()
        pygame.display.set_caption(rules.game.name if rules else "Eurasia Game")
        self.text = Text()
        self.ctx = Context(self)
        self.stack: list[sc.Scene] = []
        self.clock = pygame.time.Clock()
        from eurasia_game.ui.seminar.conductor import Seminar

        self.seminar = Seminar(self)  # facilitator panel (F9), projector (F10), turn timer
        from eurasia_game.ui.sound import Sound

        self.sound = Sound(self.settings)  # effects and music; silent without an audio device
        self.sound.apply(self.settings)
        if first_scene is None:
            from eurasia_game.ui.screens.title import TitleScene

            first_scene = TitleScene()
        self.apply(sc.Push(first_scene))

    # --- window -------------------------------------------------------------
    def _set_mode(self):
        s = self.settings
        if s.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return placement.open_window((s.width, s.height), MIN_SIZE, pygame.RESIZABLE)

    def resize(self, size=None) -> None:
        if size is not None:
            self.settings.width, self.settings.height = max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1])
            if self.surface.get_size() != tuple(size):
                self.surface = self._set_mode()
            else:
                self.surface = pygame.display.get_surface()
        else:
            self.surface = pygame.display.get_surface()
        for scene in self.stack:
            scene.layout(self.ctx)
        self.dirty = True

    @property
    def top(self) -> sc.Scene:
        return self.stack[-1]

    # --- commands -----------------------------------------------------------
    def apply(self, command) -> None:
        if command is None:
            return
        if isinstance(command, (list, tuple)):
            for c in command:
                self.apply(c)
            return
        self.dirty = True
        c = command
        if isinstance(c, sc.Push):
            self.stack.append(c.scene)
            if c.scene.opened is None:
                c.scene.opened = self.ctx.time
            self.sound.on_scene(c.scene.name)
            c.scene.layout(self.ctx)
            self.apply(c.scene.resume(self.ctx))
        elif isinstance(c, sc.Pop):
            if len(self.stack) > 1:
                self.stack.pop()
                _release()
                self.top.opened = self.ctx.time  # uncovered: the tap that closed the screen above is not for it
                self.top.layout(self.ctx)
                self.apply(self.top.resume(self.ctx))
        elif isinstance(c, sc.Replace):
            if self.stack:
                self.stack.pop()
                _release()
            self.apply(sc.Push(c.scene))
        elif isinstance(c, sc.ResetTo):
            if self.game is not None:
                self.game.cancel_thinking()  # back to the title (or a new line of play): no stale move
            self.stack.clear()
            _release()
            self.apply(sc.Push(c.scene))
        elif isinstance(c, sc.Quit):
            self.quit()
        elif isinstance(c, sc.Act):
            self._act(c.action)
        elif isinstance(c, sc.Undo):
            if self.game is not None and self.game.undo() is not None:
                self.apply(self.top.resume(self.ctx))
        elif isinstance(c, sc.StartGame):
            self._start(c)
        elif isinstance(c, sc.LoadGame):
            self._load(c.path)
        elif isinstance(c, sc.SaveGame):
            self._save(c.name)
        elif isinstance(c, sc.ApplySettings):
            self._apply_settings(c.settings)
        elif isinstance(c, sc.Call):
            getattr(self, f"call_{c.name}")(*c.args)
        else:  # pragma: no cover - a programming error, caught by the crash dialog
            raise TypeError(f"unknown command {c!r}")

    def offer_resume(self) -> None:
        """After a crash or a killed process, offer the newest autosave of the unfinished game."""
        _offer_resume(self)

    def _apply_settings(self, settings: Settings) -> None:
        old = self.settings
        self.settings = settings.validated()
        problem = save_settings(self.settings)
        if problem:
            self.ctx.notice = problem
        if (old.width, old.height, old.fullscreen) != (self.settings.width, self.settings.height, self.settings.fullscreen):
            self.surface = self._set_mode()
        if old.language != self.settings.language:
            from eurasia_game.ui.language import switch_language

            self.ctx.notice = switch_language(self, self.settings.language) or self.ctx.notice
            pygame.display.set_caption(self.rules.game.name if self.rules else "Eurasia Game")
        if self.game is not None:
            self.game.curtain = self.settings.curtain
        self.sound.apply(self.settings)
        for scene in self.stack:
            scene.layout(self.ctx)

    def call_seminar(self, name: str, *args) -> None:
        """Seminar controls (rewind, timer, projector, saving the class) run by the conductor."""
        self.apply(getattr(self.seminar, name)(*args))

    def call_tutorial(self, tutorial_id: str) -> None:
        """Start a guided game (``ui.tutorial``)."""
        from eurasia_game.ui.tutorial import start_tutorial

        start_tutorial(self, tutorial_id)

    def call_tutorial_done(self, finished: bool) -> None:
        from eurasia_game.ui.tutorial import tutorial_done

        tutorial_done(self, finished)

    def call_relayout(self) -> None:
        self.top.layout(self.ctx)

    def call_reload_rules(self) -> None:
        """Hot reload of the rule files (mods): implemented by the mod screens when present."""
        from eurasia_game.ui.screens.modreport import reload_rules

        self.apply(reload_rules(self))

    def quit(self) -> None:
        self.seminar.close()
        if self.game is not None:
            self.game.autosave()
            self.game.close()
        save_settings(self.settings)
        self.sound.close()
        self.running = False

    # --- the loop -----------------------------------------------------------
    def dispatch(self, event) -> None:
        if self.seminar.window_event(event):
            return
        if not self.held_keys.allows(event, self.stack[-1] if self.stack else None):
            return  # a key held since another screen: its repeats are not for this one
        if self.stack and self.top.too_soon(event, self.ctx):
            return  # a key tapped for the screen before this one came up
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type in (pygame.VIDEORESIZE,):
            if not self.settings.fullscreen:
                self.resize(event.size)
            return
        if event.type == pygame.WINDOWSIZECHANGED:
            if self.surface.get_size() != pygame.display.get_surface().get_size():
                self.resize()
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWFOCUSGAINED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            self.dirty = True
            return
        if event.type == pygame.MOUSEMOTION:
            self.ctx.mouse = event.pos
            self.ctx.pointer_active = True
            self.dirty = True
            return
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self.ctx.mouse = event.pos
            self.ctx.pointer_active = True
        if event.type == pygame.KEYDOWN:
            self.ctx.pointer_active = False
            self.ctx.last_key = self.ctx.time
            self.ctx.key_presses += 1
            if event.key == pygame.K_F1 and getattr(self.top, "name", "") != "help":
                from eurasia_game.ui.screens.help import HelpScene

                self.apply(sc.Push(HelpScene()))
                return
            handled, command = self.seminar.key(event)
            if handled:
                self.apply(command)
                return
            if event.key == pygame.K_F11:
                s = Settings(**{**self.settings.__dict__})
                s.fullscreen = not s.fullscreen
                self.apply(sc.ApplySettings(s))
                return
        if event.type in (pygame.KEYDOWN, pygame.KEYUP, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL, pygame.TEXTINPUT) or event.type >= pygame.USEREVENT:
            self.dirty = True
            self.apply(self.top.handle(event, self.ctx))

    def busy(self) -> bool:
        top = self.stack[-1:]
        return any(scene.busy(self.ctx) or scene.focus_tip_pending(self.ctx) for scene in top)

    def step(self, events=None, dt: float | None = None) -> bool:
        """Handle ``events`` (default: whatever is queued), update, draw if needed."""
        try:
            if self._shown is not None and getattr(self.rules, "is_pending", False):
                self._settle_rules()  # the first frame is up: build the rules before any input is handled
            if events is None:
                events = pygame.event.get()
            if dt is None:  # the one tick of this frame (``run`` passes the one it took)
                dt = self.clock.tick() / 1000.0
            # The clock moves before the events are handled: a key that ends a long idle wait
            # is seen at the time it came (a screen's key guard measures from then).
            self.ctx.time += dt
            for event in events:
                self.dispatch(event)
                if not self.running:
                    return False
            command = self.top.update(dt, self.ctx)
            if command is not None:
                self.apply(command)
            self.apply(self.seminar.update(dt))
            if getattr(self.game, "tutorial", None) is not None:  # a guided game shows its next step
                self.apply(self.game.tutorial.update(self))
            if self.dirty or self.busy():
                self.draw()
            if self.stack and self.top.name != self._shown:
                self._shown = self.top.name
                log.info("screen: %s", self._shown)  # what the player sees, for reading a log (and the window tests)
        except Exception as exc:  # noqa: BLE001 - the player never sees a traceback
            if self.raise_errors:
                raise
            self.crash(exc)
        return self.running

    def _settle_rules(self) -> None:
        """Put the rules themselves in place of the ``PendingRules`` the first frame was drawn from (``ui.pending_rules``)."""
        pending = self.rules
        rules = pending.resolve()
        if self.base_rules is pending:
            self.base_rules = rules
        self.rules = rules

    def draw(self) -> None:
        start = time.perf_counter()
        self.text.begin_frame()
        surface = self.surface
        base = 0
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].opaque:
                base = index
                break
        for index in range(base, len(self.stack)):
            scene = self.stack[index]
            if index > base:
                shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
                shade.fill((0, 0, 0, 150))
                surface.blit(shade, (0, 0))
            scene.draw(surface, self.ctx)
        self.seminar.draw_overlay(surface, self.ctx)
        self.top.draw_help(surface, self.ctx)
        pygame.display.flip()
        self.seminar.draw_projector(self.ctx)
        self.dirty = False
        self.frame_ms.append((time.perf_counter() - start) * 1000)
        if len(self.frame_ms) > 1000:
            del self.frame_ms[:500]

    def run(self) -> int:
        """The loop: one clock tick per frame, so the screens' timers see real time.

        While something moves (``busy``) frames come at up to 60 a second, the
        tick itself waiting out the rest of the frame; otherwise the loop
        sleeps until an event comes (or a second passes).  Either way the
        tick's measure (time since the last frame, the wait included) is the
        frame's ``dt``; ``step`` never ticks the clock a second time.
        """
        while self.running:
            if self.dirty or self.busy():
                dt = self.clock.tick(FPS) / 1000.0
                events = pygame.event.get()
            else:
                first = pygame.event.wait(1000)
                events = [first] if first.type != pygame.NOEVENT else []
                events.extend(pygame.event.get())
                dt = self.clock.tick() / 1000.0
            self.step(events, min(dt, MAX_DT))
        return self.exit_code
