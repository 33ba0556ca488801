"""Settings: window size and fullscreen, UI scale, text size, palette, animation speed, sound, language.

Every change applies at once and is written to the user's settings file.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from eurasia_game import lang
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import panel
from eurasia_game.ui.layout import centred, stack
from eurasia_game.ui.settings import ANIMATION_SPEEDS, TEXT_SIZES, UI_SCALES, VOLUMES, WINDOW_SIZES, cycle
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button


def _on_off(value: bool) -> str:
    return S("on") if value else S("off")


class SettingsScene(sc.Scene):
    name = "settings"
    opaque = True

    def __init__(self) -> None:
        super().__init__()
        self.rect = pygame.Rect(0, 0, 0, 0)

    def _change(self, ctx, **changes):
        return lambda: sc.ApplySettings(replace(ctx.settings, **changes))

    def layout(self, ctx) -> None:
        s = ctx.settings
        size = (s.width, s.height)
        next_size = cycle(WINDOW_SIZES, size)
        widgets = [
            Button("window_size", S("setting_window", w=s.width, h=s.height), on=self._change(ctx, width=next_size[0], height=next_size[1]), tooltip=S("setting_window_help"), shortcut="w", enabled=not s.fullscreen, reason=S("setting_window_fullscreen")),
            Button("fullscreen", S("setting_fullscreen", value=_on_off(s.fullscreen)), on=self._change(ctx, fullscreen=not s.fullscreen), tooltip=S("setting_fullscreen_help"), shortcut="f", selected=s.fullscreen),
            Button("ui_scale", S("setting_ui_scale", value=f"{s.ui_scale:.2f}".rstrip("0").rstrip(".")), on=self._change(ctx, ui_scale=cycle(UI_SCALES, s.ui_scale)), tooltip=S("setting_ui_scale_help"), shortcut="u"),
            Button("text_size", S("setting_text_size", value=f"{int(round(s.text_size * 100))}%"), on=self._change(ctx, text_size=cycle(TEXT_SIZES, s.text_size)), tooltip=S("setting_text_size_help"), shortcut="t"),
            Button("colour_safe", S("setting_palette", value=S("palette_safe") if s.colour_safe else S("palette_standard")), on=self._change(ctx, colour_safe=not s.colour_safe), tooltip=S("setting_palette_help"), shortcut="p", selected=s.colour_safe),
            Button("animation", S("setting_animation", value=S(f"speed_{s.animation}")), on=self._change(ctx, animation=cycle(ANIMATION_SPEEDS, s.animation)), tooltip=S("setting_animation_help"), shortcut="a"),
            Button("sound", S("setting_sound", value=_on_off(not s.mute)), on=self._change(ctx, mute=not s.mute), tooltip=S("setting_sound_help"), shortcut="s", selected=not s.mute),
            Button("volume", S("setting_volume", value=f"{int(round(s.volume * 100))}%"), on=self._change(ctx, volume=cycle(VOLUMES, s.volume)), tooltip=S("setting_volume_help"), shortcut="v", enabled=not s.mute, reason=S("setting_volume_muted")),
            Button("music", S("setting_music", value=_on_off(s.music)), on=self._change(ctx, music=not s.music), tooltip=S("setting_music_help"), shortcut="m", selected=s.music, enabled=not s.mute, reason=S("setting_volume_muted")),
            Button("language", S("setting_language", value=lang.NAMES[s.language or lang.current()]), on=self._change(ctx, language=cycle(tuple(lang.NAMES), s.language or lang.current())), tooltip=S("setting_language_help"), shortcut="l"),
            Button("curtain_default", S("setting_curtain", value=_on_off(s.curtain)), on=self._change(ctx, curtain=not s.curtain), tooltip=S("curtain_help"), shortcut="k", selected=s.curtain),
            Button("back", S("back"), on=lambda: sc.Pop(), shortcut="escape", style="primary"),
        ]
        width = min(ctx.px(560), ctx.size[0] - ctx.px(40))
        pad = ctx.px(20)
        inner_w = width - 2 * pad
        head = ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(14)
        h = pad * 2 + head + sum(w.height_for(ctx, inner_w) + ctx.px(8) for w in widgets)
        self.rect = centred(ctx, width, h)
        stack(ctx, widgets, self.rect.left + pad, self.rect.top + pad + head, inner_w)
        self.ring.set(widgets)
        if self.ring.focus_id is None:
            self.ring.focus("window_size")

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        surface.fill(ctx.colour("bg"))
        inner = panel(surface, ctx, self.rect)
        ctx.text.draw(surface, S("settings"), inner.topleft, ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        if ctx.notice:
            ctx.text.draw(surface, ctx.notice, (self.rect.centerx, self.rect.bottom + ctx.px(8)), ctx.fs("font_small"), ctx.colour("danger"), anchor="midtop")
        self.ring.draw(surface, ctx)
