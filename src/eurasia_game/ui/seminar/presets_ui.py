"""The class-length preset buttons of the new-game screen (45, 75, 90 minutes).

Choosing one selects its scenario and sets the turn timer for the game about
to start; choosing it again turns the timer off.  The buttons sit in a row
under the scenarios, and say which scenario and timer they pick.
"""

from __future__ import annotations

import pygame

from eurasia_game.session.branches import TimerSettings
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.layout import grid
from eurasia_game.ui.seminar.presets import clock, presets
from eurasia_game.ui.seminar.words import W
from eurasia_game.ui.widgets import Button


def preset_buttons(ctx, scene) -> list[Button]:
    """One button per class length; ``scene.scenario`` is the new-game screen's choice."""
    seminar = ctx.app.seminar
    out = []
    for preset in presets(ctx.rules):
        chosen = seminar.timer.preset == preset.id and scene.scenario == preset.scenario
        scenario = ctx.rules.scenario[preset.scenario]
        out.append(
            Button(
                f"preset:{preset.id}",
                W("sem_preset", minutes=preset.minutes),
                detail=W("sem_preset_detail", scenario=scenario.name, time=clock(preset.timer.seconds)),
                on=_choose(ctx, scene, preset, chosen),
                selected=chosen,
                style="option",
                tooltip=W("sem_preset_help", minutes=preset.minutes, debrief=preset.debrief_minutes),
            )
        )
    return out


def _choose(ctx, scene, preset, chosen: bool):
    def choose():
        if chosen:
            ctx.app.seminar.set_timer(TimerSettings())
        else:
            scene.scenario = preset.scenario
            ctx.app.seminar.set_timer(preset.timer)
        return sc.Call("relayout")

    return choose


def place_presets(ctx, buttons: list[Button], inner: pygame.Rect, top: int) -> int:
    """Lay the presets in a row from ``top``; returns the y below them."""
    if not buttons:
        return top
    return grid(ctx, buttons, pygame.Rect(inner.left, top + ctx.px(10), inner.width, 0), len(buttons), ctx.px(6))
