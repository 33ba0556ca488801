"""Simple dialogs: a titled message with buttons, and the unexpected-error dialog."""

from __future__ import annotations

import pygame

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import panel
from eurasia_game.ui.layout import centred, stack
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button


class ColumnScene(sc.Scene):
    """A centred panel: a heading, a paragraph and a column of buttons."""

    opaque = False
    name = "dialog"
    width = 620

    def __init__(self, heading: str, body: str = "") -> None:
        super().__init__()
        self.heading = heading
        self.body = body
        self.rect = pygame.Rect(0, 0, 0, 0)

    def buttons(self, ctx) -> list[Button]:
        return [Button("ok", S("ok"), on=lambda: sc.Pop(), shortcut="escape", style="primary")]

    def layout(self, ctx) -> None:
        widgets = self.buttons(ctx)
        pad = ctx.px(20)
        width = min(ctx.px(self.width), ctx.size[0] - ctx.px(40))
        inner = width - 2 * pad
        big = ctx.fs("font_big")
        h = pad + ctx.text.wrapped_height(self.heading, big, inner, True) + ctx.px(10)
        if self.body:
            h += ctx.text.wrapped_height(self.body, ctx.fs("font"), inner) + ctx.px(14)
        h += sum(w.height_for(ctx, inner) + ctx.px(8) for w in widgets) + pad
        self.rect = centred(ctx, width, h)
        y = self.rect.top + pad + ctx.text.wrapped_height(self.heading, big, inner, True) + ctx.px(10)
        if self.body:
            y += ctx.text.wrapped_height(self.body, ctx.fs("font"), inner) + ctx.px(14)
        stack(ctx, widgets, self.rect.left + pad, y, inner)
        self.ring.set(widgets)
        if self.ring.focus_id is None and widgets:
            self.ring.focus(widgets[0].id)

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            escape = next((w for w in self.ring.widgets if w.shortcut == "escape"), None)
            if escape is not None:
                return escape.activate()
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        if self.opaque:
            surface.fill(ctx.colour("bg"))
        panel(surface, ctx, self.rect)
        pad = ctx.px(20)
        inner = pygame.Rect(self.rect.left + pad, self.rect.top + pad, self.rect.width - 2 * pad, self.rect.height)
        y = inner.top + ctx.text.draw_wrapped(surface, self.heading, inner, ctx.fs("font_big"), ctx.colour("accent"), bold=True) + ctx.px(10)
        if self.body:
            ctx.text.draw_wrapped(surface, self.body, pygame.Rect(inner.left, y, inner.width, self.rect.bottom - y), ctx.fs("font"), ctx.colour("text"))
        self.ring.draw(surface, ctx)


class MessageScene(ColumnScene):
    name = "message"


class ConfirmScene(ColumnScene):
    """Ask before doing something that cannot be taken back."""

    name = "confirm"

    def __init__(self, heading: str, body: str, yes_label: str, yes_command) -> None:
        super().__init__(heading, body)
        self.yes_label = yes_label
        self.yes_command = yes_command

    def buttons(self, ctx):
        return [
            Button("yes", self.yes_label, on=lambda: self.yes_command, style="primary"),
            Button("no", S("cancel"), on=lambda: sc.Pop(), shortcut="escape"),
        ]


class ErrorScene(ColumnScene):
    """What a player sees instead of a traceback."""

    name = "error"
    opaque = True

    def __init__(self, log_path, autosave_path) -> None:
        body = S("error_body", log=str(log_path))
        if autosave_path is not None:
            body += " " + S("error_autosave", path=str(autosave_path))
        super().__init__(S("error_title"), body)

    def buttons(self, ctx):
        from eurasia_game.ui.scene_registry import scene

        return [
            Button("to_title", S("back_to_title"), on=lambda: sc.ResetTo(scene("title")), style="primary"),
            Button("quit", S("quit"), on=lambda: sc.Quit(), shortcut="escape"),
        ]
