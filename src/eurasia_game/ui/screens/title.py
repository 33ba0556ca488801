"""The title screen: new game, continue, load, how to play, settings, quit."""

from __future__ import annotations

import pygame

from eurasia_game.ui import paths
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import shade
from eurasia_game.ui.layout import stack
from eurasia_game.ui.mapdraw import MapRenderer
from eurasia_game.ui.scene_registry import register
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button


@register("title")
class TitleScene(sc.Scene):
    name = "title"

    def __init__(self) -> None:
        super().__init__()
        self.map = MapRenderer(fronts=False, supersample=1)  # the geography alone, shaded behind the title: drawn at its own size
        self.text_rect = pygame.Rect(0, 0, 0, 0)
        self.offer: bool | None = None  # the guided first game offered on this screen (the first launch)
        self.offer_rect = pygame.Rect(0, 0, 0, 0)

    def layout(self, ctx) -> None:
        # The screens behind the buttons are imported when a button is pressed
        # (the new-game screen brings in pygame_gui): the first frame comes sooner.
        latest = paths.latest_autosave()
        tutorial = ctx.rules.tutorials[0] if ctx.rules.tutorials else None
        if self.offer is None:
            self.offer = tutorial is not None and not ctx.settings.tutorial_offered
            if self.offer:  # offered once, on the first launch; the button stays
                from eurasia_game.ui.tutorial import remember

                remember(ctx.settings, tutorial_offered=True)
        widgets = [
            Button("new_game", S("new_game"), on=lambda: sc.Push(_new_game()), shortcut="n", tooltip=S("new_game_help"), style="primary"),
        ]
        if tutorial is not None:
            widgets.append(Button("tutorial", tutorial.name, on=lambda: sc.Call("tutorial", (tutorial.id,)), shortcut="g", tooltip=tutorial.description, style="primary" if self.offer else "normal", detail=S("tutorial_done_mark") if ctx.settings.tutorial_done else None))
        widgets += [
            Button("continue", S("continue"), on=lambda: sc.LoadGame(latest), shortcut="c", tooltip=S("continue_help"), enabled=latest is not None, reason=S("no_autosave"), detail=_save_summary(ctx.rules, latest) if latest else None),
            Button("load", S("load"), on=lambda: sc.Push(_load()), shortcut="l", tooltip=S("load_help")),
            Button("how_to_play", S("how_to_play"), on=lambda: sc.Push(_help()), shortcut="h", tooltip=S("how_to_play_help")),
            Button("settings", S("settings"), on=lambda: sc.Push(_settings()), shortcut="s", tooltip=S("settings_help")),
            Button("quit", S("quit"), on=lambda: sc.Quit(), shortcut="q", tooltip=S("quit_help")),
        ]
        w, h = ctx.size
        col = min(ctx.px(360), w // 3)
        left = ctx.px(48)
        title_h = ctx.text.line_height(ctx.fs("font_title"), True)
        top = ctx.px(48) + title_h + ctx.px(24)
        self.text_rect = pygame.Rect(left + col + ctx.px(48), top, w - (left + col + ctx.px(96)), h - top - ctx.px(40))
        if self.offer and tutorial is not None:
            r = self.text_rect
            pad = ctx.px(14)
            body = S("tutorial_offer", name=tutorial.name, description=tutorial.description)
            oh = ctx.text.line_height(ctx.fs("font"), True) + ctx.text.wrapped_height(body, ctx.fs("font"), r.width - 2 * pad) + 2 * pad + ctx.px(4)
            self.offer_rect = pygame.Rect(r.left, r.bottom - oh, r.width, oh)
            self.text_rect = pygame.Rect(r.left, r.top, r.width, r.height - oh - ctx.px(12))
            self.offer_text = body
        stack(ctx, widgets, left, top, col, ctx.px(10))
        self.ring.set(widgets)
        if self.ring.focus_id is None:
            self.ring.focus("new_game")

    def resume(self, ctx):
        self.layout(ctx)
        return None

    def draw(self, surface, ctx) -> None:
        area = surface.get_rect()
        surf, _ = self.map.surface(ctx, area)
        surface.blit(surf, area)
        shade(surface, 140)
        rules = ctx.rules
        ctx.text.draw(surface, rules.game.name, (ctx.px(48), ctx.px(40)), ctx.fs("font_title"), ctx.colour("accent"), bold=True)
        r = self.text_rect
        y = r.top
        y += ctx.text.draw_wrapped(surface, rules.game.description, pygame.Rect(r.left, y, r.width, r.bottom - y), ctx.fs("font_big"), ctx.colour("text"))
        y += ctx.px(16)
        for side in rules.sides:
            y += ctx.text.draw_wrapped(surface, f"{side.name}: {side.goal}", pygame.Rect(r.left, y, r.width, r.bottom - y), ctx.fs("font"), ctx.colour("text_dim")) + ctx.px(8)
        if self.offer and self.offer_rect.width > 0:
            box = self.offer_rect
            pad = ctx.px(14)
            pygame.draw.rect(surface, ctx.colour("card"), box, border_radius=ctx.px(10))
            pygame.draw.rect(surface, ctx.colour("accent"), box, width=ctx.px(3), border_radius=ctx.px(10))
            ctx.text.draw(surface, S("tutorial_offer_title"), (box.left + pad, box.top + pad), ctx.fs("font"), ctx.colour("card_text"), bold=True)
            lh = ctx.text.line_height(ctx.fs("font"), True) + ctx.px(4)
            ctx.text.draw_wrapped(surface, self.offer_text, pygame.Rect(box.left + pad, box.top + pad + lh, box.width - 2 * pad, box.height - 2 * pad - lh), ctx.fs("font"), ctx.colour("card_text"))
        ctx.text.draw(surface, S("version", version=rules.game.version), (area.right - ctx.px(12), area.bottom - ctx.px(8)), ctx.fs("font_small"), ctx.colour("text_dim"), anchor="bottomright")
        self.ring.draw(surface, ctx)


# --- the screens behind the buttons, imported on first use --------------------
def _new_game():
    from eurasia_game.ui.screens.newgame import NewGameScene

    return NewGameScene()


def _load():
    from eurasia_game.ui.screens.saveload import LoadScene

    return LoadScene()


def _help():
    from eurasia_game.ui.screens.help import HelpScene

    return HelpScene()


def _settings():
    from eurasia_game.ui.screens.settings_screen import SettingsScene

    return SettingsScene()


def _save_summary(rules, path) -> str:
    from eurasia_game.ui.screens.saveload import save_summary

    return save_summary(rules, path)
