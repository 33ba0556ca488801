"""The window and its main loop.

``App`` owns the window, the scene stack, the game controller and the
settings.  Its loop is steppable (``step``) so tests can post events and run
frames one by one, and it sleeps in ``pygame.event.wait`` while nothing moves
so an idle board costs almost no CPU.  Any unexpected error becomes a dialog
naming the log file and the autosave; the log holds the seed and actions.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
import traceback

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from eurasia_game.ui import palette, paths  # noqa: E402
from eurasia_game.ui import scenes as sc  # noqa: E402
from eurasia_game.ui.settings import Settings, load_settings, save_settings  # noqa: E402
from eurasia_game.ui.strings import S  # noqa: E402
from eurasia_game.ui.text import Text  # noqa: E402

log = logging.getLogger("eurasia_game.ui")

MIN_SIZE = (1024, 640)


def _release() -> None:
    """Free a scene that left the stack now, not at some later full collection.

    Scenes are reference cycles (their buttons' callbacks refer back to them)
    holding large pixel buffers (the map, rendered text); left to the cyclic
    collector, many such buffers pile up between collections and the
    allocator keeps the memory.  A full collection costs a few milliseconds,
    paid only when a screen closes.
    """
    gc.collect()


class Context:
    """What scenes may read while handling input and drawing."""

    def __init__(self, app: "App"):
        self.app = app
        self.text = app.text
        self.mouse: tuple[int, int] | None = None
        self.pointer_active: bool | None = None  # None until the first input: no tooltip yet
        self.time = 0.0
        self.notice: str | None = None
        self._scale_key = None
        self._scale_values = (1.0, 1.0)

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def rules(self):
        return self.app.rules

    @property
    def game(self):
        return self.app.game

    @property
    def size(self) -> tuple[int, int]:
        return self.app.surface.get_size()

    def _scales(self) -> tuple[float, float]:
        """(layout scale, text scale), computed once per window size and settings."""
        w, h = self.app.surface.get_size()
        key = (w, h, self.settings.ui_scale, self.settings.text_size)
        if key != self._scale_key:
            # the window's size times the player's UI scale, kept to what the
            # window can hold (a larger scale on a small window would push the
            # board off the screen); text likewise, with the player's text size
            fit = max(0.78, min(2.0, min(w / 1280, h / 800)))
            scale = min(fit * self.settings.ui_scale, max(fit, min(w / 1180, h / 740)))
            text = min(scale * self.settings.text_size, max(scale, min(w / 1050, h / 660)))
            self._scale_key, self._scale_values = key, (scale, text)
        return self._scale_values

    @property
    def scale(self) -> float:
        """Pixels per layout unit."""
        return self._scales()[0]

    @property
    def text_scale(self) -> float:
        """Pixels per font unit (the layout scale with the player's text size)."""
        return self._scales()[1]

    def px(self, n: float) -> int:
        return max(1, int(round(n * self._scales()[0])))

    def fs(self, name: str) -> int:
        return max(9, int(round(palette.size(name) * self._scales()[1])))

    def colour(self, name: str):
        if name == "danger" and self.settings.colour_safe:
            name = "danger_safe"
        return palette.colour(name)

    def side_colour(self, side: str):
        return palette.side_colour(self.rules, side, self.settings.colour_safe)


def setup_logging() -> logging.Handler | None:
    """Log to the user's log folder; a folder that cannot be written is not fatal."""
    logger = logging.getLogger("eurasia_game")
    for handler in list(logger.handlers):
        if getattr(handler, "_eurasia", False):
            logger.removeHandler(handler)
            handler.close()
    try:
        paths.log_dir().mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(paths.log_file(), encoding="utf-8")
    except OSError:
        return None
    handler._eurasia = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


class App:
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
        self._autosave_failing = False
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        self.surface = self._set_mode()
        pygame.display.set_caption(rules.game.name if rules else "Eurasia Game")
        self.text = Text()
        self.ctx = Context(self)
        self.stack: list[sc.Scene] = []
        self.clock = pygame.time.Clock()
        from eurasia_game.ui.seminar.conductor import Seminar

        self.seminar = Seminar(self)  # facilitator panel (F9), projector (F10), turn timer
        if first_scene is None:
            from eurasia_game.ui.screens.title import TitleScene

            first_scene = TitleScene()
        self.apply(sc.Push(first_scene))

    # --- window -------------------------------------------------------------
    def _set_mode(self):
        s = self.settings
        if s.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        w, h = max(MIN_SIZE[0], s.width), max(MIN_SIZE[1], s.height)
        return pygame.display.set_mode((w, h), pygame.RESIZABLE)

    def resize(self, size=None) -> None:
        if size is not None:
            w, h = max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1])
            self.settings.width, self.settings.height = w, h
            self.surface = self._set_mode()
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
            c.scene.layout(self.ctx)
            self.apply(c.scene.resume(self.ctx))
        elif isinstance(c, sc.Pop):
            if len(self.stack) > 1:
                self.stack.pop()
                _release()
                self.top.layout(self.ctx)
                self.apply(self.top.resume(self.ctx))
        elif isinstance(c, sc.Replace):
            if self.stack:
                self.stack.pop()
                _release()
            self.apply(sc.Push(c.scene))
        elif isinstance(c, sc.ResetTo):
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

    def _act(self, action) -> None:
        from eurasia_game.engine import IllegalAction

        if self.game is None:
            return
        try:
            self.game.act(action)
        except IllegalAction as exc:
            self.ctx.notice = str(exc)
            return
        self.ctx.notice = None
        if not self._report_autosave():
            self.apply(self.top.resume(self.ctx))

    def _report_autosave(self) -> bool:
        """Show a dialog when autosaving starts failing (full disk, unwritable folder).

        The game goes on: the dialog only asks for an OK, and autosaving is
        tried again after every action.  Returns whether a dialog was shown.
        """
        from eurasia_game.ui.screens.dialog import MessageScene

        error = self.game.autosave_error if self.game is not None else None
        shown = bool(error) and not self._autosave_failing
        self._autosave_failing = bool(error)
        if shown:
            self.apply(sc.Push(MessageScene(S("autosave_failed_title"), error)))
        return shown

    def offer_resume(self) -> None:
        """After a crash or a killed process, offer the newest autosave of the unfinished game."""
        from eurasia_game.session.autosave import find_resumable, forget_resumable
        from eurasia_game.ui.screens.dialog import ConfirmScene

        found = find_resumable(paths.autosave_dir(), self.rules)
        if found is None:
            return
        forget_resumable(paths.autosave_dir())  # offered once; resuming starts a new marker
        log.info("offering to resume %s (%d actions)", found.path, len(found.record.actions))
        scenario = self.rules.scenario[found.record.scenario].name
        body = S("resume_body", scenario=scenario, actions=len(found.record.actions))
        self.apply(sc.Push(ConfirmScene(S("resume_title"), body, S("resume_yes"), sc.LoadGame(found.path))))

    def _start(self, c: sc.StartGame) -> None:
        from eurasia_game.ui.controller import GameController
        from eurasia_game.ui.screens.board import BoardScene

        from eurasia_game.ui.screens.dialog import MessageScene

        self.settings.curtain = c.curtain
        rules = self.base_rules
        self.mod_folders = list(self.cli_mods)
        if c.mods:
            from eurasia_game.mods import load_game

            folders = list(dict.fromkeys([*self.cli_mods, *c.mods]))
            result = load_game(self.rules_dir, folders)
            if result.rules is None or result.errors:
                body = "\n".join(str(p) for p in result.errors[:6])
                self.apply(sc.Push(MessageScene(S("mods_failed_title"), body)))
                return
            rules, self.mod_folders, self.load_problems = result.rules, folders, list(result.problems)
        self.rules = rules
        if c.scenario not in rules.scenario:
            self.apply(sc.Push(MessageScene(S("mods_failed_title"), S("scenario_missing", scenario=c.scenario))))
            return
        self.game = GameController.new(self.rules, c.scenario, c.seed, c.players, curtain=c.curtain)
        self.game.autosave()
        self._autosave_failing = False
        self.apply(sc.ResetTo(BoardScene()))
        self._report_autosave()

    def _load(self, path) -> None:
        from eurasia_game.session.record import RecordError
        from eurasia_game.ui.controller import GameController
        from eurasia_game.ui.screens.board import BoardScene
        from eurasia_game.ui.screens.dialog import MessageScene

        try:
            game = GameController.load(self.rules, path, curtain=self.settings.curtain)
        except RecordError as exc:
            self.apply(sc.Push(MessageScene(S("load_failed_title"), S("load_failed", reason=str(exc)))))
            return
        self.game = game
        self.game.autosave()  # the loaded game goes on in the autosaves from here
        self._autosave_failing = False
        self.apply(sc.ResetTo(BoardScene(start_public=True)))
        self._report_autosave()

    def _save(self, name: str) -> None:
        from eurasia_game.session.saves import SaveError
        from eurasia_game.ui.screens.dialog import MessageScene

        if self.game is None:
            return
        try:
            path = self.game.save_named(name)
        except SaveError as exc:
            self.apply(sc.Replace(MessageScene(S("save_failed_title"), str(exc))))
            return
        self.apply(sc.Replace(MessageScene(S("saved_title"), S("saved", path=str(path)))))

    def _apply_settings(self, settings: Settings) -> None:
        old = self.settings
        self.settings = settings.validated()
        problem = save_settings(self.settings)
        if problem:
            self.ctx.notice = problem
        if (old.width, old.height, old.fullscreen) != (self.settings.width, self.settings.height, self.settings.fullscreen):
            self.surface = self._set_mode()
        if self.game is not None:
            self.game.curtain = self.settings.curtain
        for scene in self.stack:
            scene.layout(self.ctx)

    def call_seminar(self, name: str, *args) -> None:
        """Seminar controls (rewind, timer, projector, saving the class) run by the conductor."""
        self.apply(getattr(self.seminar, name)(*args))

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
        self.running = False

    # --- the loop -----------------------------------------------------------
    def dispatch(self, event) -> None:
        if self.seminar.window_event(event):
            return
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
        return any(scene.busy(self.ctx) for scene in self.stack[-1:])

    def step(self, events=None, dt: float | None = None) -> bool:
        """Handle ``events`` (default: whatever is queued), update, draw if needed."""
        try:
            if events is None:
                events = pygame.event.get()
            for event in events:
                self.dispatch(event)
                if not self.running:
                    return False
            dt = self.clock.tick() / 1000.0 if dt is None else dt
            self.ctx.time += dt
            command = self.top.update(dt, self.ctx)
            if command is not None:
                self.apply(command)
            self.apply(self.seminar.update(dt))
            if self.dirty or self.busy():
                self.draw()
        except Exception as exc:  # noqa: BLE001 - the player never sees a traceback
            if self.raise_errors:
                raise
            self.crash(exc)
        return self.running

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
        while self.running:
            if self.dirty or self.busy():
                events = pygame.event.get()
                self.step(events)
                if self.busy():
                    self.clock.tick(60)
            else:
                first = pygame.event.wait(1000)
                events = [first] if first.type != pygame.NOEVENT else []
                events.extend(pygame.event.get())
                self.step(events)
        return self.exit_code

    # --- when something goes wrong ------------------------------------------
    def crash(self, exc: BaseException) -> None:
        from eurasia_game.ui.screens.dialog import ErrorScene

        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.error("unexpected error: %s", details)
        autosave = None
        if self.game is not None:
            try:
                log.error("seed=%s scenario=%s rules=%s; record to reproduce:\n%s", self.game.session.seed, self.game.session.scenario, self.rules.fingerprint, self.game.reproduction())
                self.game.autosave()
                autosave = self.game.autosave_path if self.game.autosave_error is None else None
            except Exception:  # noqa: BLE001
                log.error("could not save the game after the error: %s", traceback.format_exc())
            try:  # the record with the failing action, ready for 'eurasia-game replay'
                from eurasia_game.session.saves import write_record

                crash_file = paths.log_dir() / "crash-record.json"
                write_record(crash_file, self.game.crash_record())
                log.error("to reproduce: eurasia-game replay %s", crash_file)
            except Exception:  # noqa: BLE001
                log.error("could not write the crash record: %s", traceback.format_exc())
            self.game.pending = None
        if self._crashed:
            self.exit_code = 1
            self.running = False
            return
        self._crashed = True
        try:
            self.stack.clear()
            self.apply(sc.Push(ErrorScene(paths.log_file(), autosave)))
            self.draw()
        except Exception:  # noqa: BLE001
            log.error("the error dialog failed too: %s", traceback.format_exc())
            self.exit_code = 1
            self.running = False
        self._crashed = False


def load_rules_for_window(args):
    """(rules or None, the load result, mod folders) for the window's arguments."""
    from eurasia_game.cli.common import load_result, mod_paths

    mods = mod_paths(args)
    result = load_result(args)
    rules = result.rules if not result.errors else None
    return rules, result, mods


def run_app(args) -> int:
    """Open the window and play until it is closed.  Returns the exit code."""
    setup_logging()
    rules, result, mods = load_rules_for_window(args)
    if rules is None:
        problems = "\n".join(str(p) for p in result.problems)
        print(problems, file=sys.stderr)
        print(S("rules_failed", count=len(result.errors)), file=sys.stderr)
        log.error("rules did not load:\n%s", problems)
        return 2
    log.info("window started: rules %s %s (%s)", rules.game.id, rules.game.version, rules.fingerprint)
    try:
        app = App(rules, rules_dir=getattr(args, "rules", None), mod_folders=mods, load_problems=result.problems)
    except pygame.error as exc:
        print(S("no_window", reason=str(exc)), file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 - never a traceback for the player
        log.error("the window could not start: %s", traceback.format_exc())
        print(S("start_failed", log=str(paths.log_file())), file=sys.stderr)
        pygame.quit()
        return 1
    try:
        app.offer_resume()
        code = app.run()
    except Exception:  # noqa: BLE001 - the loop catches errors itself; this is the last guard
        log.error("the window stopped on an error: %s", traceback.format_exc())
        print(S("start_failed", log=str(paths.log_file())), file=sys.stderr)
        code = 1
    finally:
        pygame.quit()
    return code
