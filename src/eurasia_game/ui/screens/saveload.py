"""Named saves: the load list (newest first) and the save-as dialog.

The save name is typed into a pygame_gui text entry line (themed by
assets/ui/theme.json); the file name is made safe by the controller.
"""

from __future__ import annotations

import time
from pathlib import Path

import pygame

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.controller import list_saves
from eurasia_game.ui.drawing import panel
from eurasia_game.ui.gui_theme import gui_manager
from eurasia_game.ui.layout import centred, stack
from eurasia_game.ui.strings import S, joined
from eurasia_game.ui.widgets import Button


_SUMMARIES: dict = {}


def save_summary(rules, path: Path) -> str:
    """What a save holds, in a line: scenario, who plays each side, the year and how far.

    Read once per file version (the list is laid out again on every page turn).
    """
    from eurasia_game.session.autosave import with_journal
    from eurasia_game.session.branches import read_class
    from eurasia_game.session.record import RecordError, mismatch
    from eurasia_game.session.session import GameSession
    from eurasia_game.ui.players import player_label

    try:
        info = path.stat()
    except OSError:
        return S("save_unreadable")
    key = (str(path), info.st_mtime_ns, info.st_size, id(rules))
    if key in _SUMMARIES:
        return _SUMMARIES[key]
    try:
        klass = read_class(path)
        record = next(b.record for b in klass.branches if b.info.id == klass.current)
        if len(klass.branches) == 1:
            record = with_journal(path, record)
        problem = mismatch(rules, record)
        if problem:
            text = S("save_other_rules")
        else:
            state = GameSession.from_record(rules, record).state
            sides = joined(f"{rules.side[s].name}: {player_label(record.players.get(s, 'human'))}" for s in rules.side_ids)
            where = S("save_over") if state.over else S("save_year", year=state.year)
            text = S("save_summary", scenario=rules.scenario[record.scenario].name, sides=sides, where=where)
    except (RecordError, KeyError, StopIteration, ValueError):
        text = S("save_unreadable")
    if len(_SUMMARIES) > 500:
        _SUMMARIES.clear()
    _SUMMARIES[key] = text
    return text


class LoadScene(sc.Scene):
    name = "load"
    opaque = True

    def __init__(self) -> None:
        super().__init__()
        self.page = 0
        self.rect = pygame.Rect(0, 0, 0, 0)

    def layout(self, ctx) -> None:
        saves = list_saves()
        self.rect = centred(ctx, ctx.px(720), ctx.size[1] - ctx.px(40))
        pad = ctx.px(16)
        inner = self.rect.inflate(-2 * pad, -2 * pad)
        top = inner.top + ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(12)
        row = Button("x", "x", detail="x\nx").height_for(ctx, inner.width) + ctx.px(6)  # a summary may take two lines
        nav_h = ctx.px(40)
        per_page = max(1, (inner.bottom - top - nav_h - ctx.px(8)) // row)
        pages = max(1, (len(saves) + per_page - 1) // per_page)
        self.page = min(self.page, pages - 1)
        shown = saves[self.page * per_page : (self.page + 1) * per_page]
        widgets = []
        for i, path in enumerate(shown):
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
            label = S("autosave_label") if path.name == "autosave.json" else path.stem
            detail = f"{save_summary(ctx.rules, path)} · {when}"
            widgets.append(Button(f"save:{path.stem}", label, detail=detail, on=lambda p=path: sc.LoadGame(p), tooltip=S("load_this", path=str(path))))
        stack(ctx, widgets, inner.left, top, inner.width, ctx.px(6))
        nav = []
        if pages > 1:
            nav.append(Button("prev", S("previous_page"), on=self._turn(-1), shortcut="pageup", enabled=self.page > 0, reason=S("first_page")))
            nav.append(Button("next", S("next_page"), on=self._turn(1), shortcut="pagedown", enabled=self.page < pages - 1, reason=S("last_page")))
        nav.append(Button("back", S("back"), on=lambda: sc.Pop(), shortcut="escape"))
        bw = (inner.width - ctx.px(8) * (len(nav) - 1)) // len(nav)
        for i, b in enumerate(nav):
            b.rect = pygame.Rect(inner.left + i * (bw + ctx.px(8)), inner.bottom - nav_h, bw, nav_h)
        self.empty = not saves
        self.ring.set(widgets + nav)
        if self.ring.focus_id is None:
            self.ring.focus((widgets + nav)[0].id)

    def _turn(self, step):
        def turn():
            self.page += step
            return sc.Call("relayout")

        return turn

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        surface.fill(ctx.colour("bg"))
        inner = panel(surface, ctx, self.rect)
        ctx.text.draw(surface, S("load_title"), inner.topleft, ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        if self.empty:
            ctx.text.draw(surface, S("no_saves"), (inner.left, inner.top + ctx.px(48)), ctx.fs("font"), ctx.colour("text_dim"))
        self.ring.draw(surface, ctx)


class SaveScene(sc.Scene):
    """Save as: a name typed into a pygame_gui text entry line."""

    name = "save"
    opaque = False

    def __init__(self, default: str = "") -> None:
        super().__init__()
        self.default = default
        self.manager = None
        self.entry = None
        self.rect = pygame.Rect(0, 0, 0, 0)

    def layout(self, ctx) -> None:
        text = self.entry.get_text() if self.entry is not None else self.default
        self.manager = gui_manager(ctx)
        self.rect = centred(ctx, ctx.px(560), ctx.px(250))
        pad = ctx.px(20)
        inner = self.rect.inflate(-2 * pad, -2 * pad)
        top = inner.top + ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(14)
        import pygame_gui

        self.entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(inner.left, top, inner.width, ctx.px(40)), manager=self.manager, object_id="#save_name")
        self.entry.set_text(text)
        self.entry.focus()
        self.manager.update(0.0)
        save = Button("do_save", S("save"), on=self._save, style="primary", tooltip=S("save_help"), shortcut="return")
        cancel = Button("cancel", S("cancel"), on=lambda: sc.Pop(), shortcut="escape")
        bw = (inner.width - ctx.px(8)) // 2
        y = top + ctx.px(56)
        save.rect = pygame.Rect(inner.left, y, bw, ctx.px(40))
        cancel.rect = pygame.Rect(inner.left + bw + ctx.px(8), y, bw, ctx.px(40))
        self.ring.set([save, cancel])

    def _save(self):
        name = self.entry.get_text().strip() if self.entry else ""
        return sc.SaveGame(name or self.default or "save")

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self._save()
            if event.key == pygame.K_ESCAPE:
                return sc.Pop()
            if event.key == pygame.K_TAB:
                return super().handle(event, ctx)
        if self.manager is not None:
            self.manager.process_events(event)
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            return super().handle(event, ctx)
        return None

    def update(self, dt, ctx):
        if self.manager is not None:
            self.manager.update(dt)
        return None

    def busy(self, ctx) -> bool:
        return True  # the text cursor blinks

    def draw(self, surface, ctx) -> None:
        inner = panel(surface, ctx, self.rect)
        ctx.text.draw(surface, S("save_title"), inner.topleft, ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        self.manager.draw_ui(surface)
        self.ring.draw(surface, ctx)
