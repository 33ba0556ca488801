"""The facilitator's panel (F9, or the in-game menu): every seminar control in one place.

It is an overlay: opening and closing it changes nothing on the board.  Its
buttons open the inject chooser, the discussion screen, note entry, the turn
timer, rewind and lines of play, the year endings are armed from, a what-if
roll of the deciding die, the debrief, the projector and "save class".
Whatever changes the game goes through the engine as a recorded facilitator
act (``Act``) or through the seminar conductor (``Call("seminar", ...)``).
"""

from __future__ import annotations

import pygame

from eurasia_game.session.branches import line_name
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import panel
from eurasia_game.ui.layout import centred, grid
from eurasia_game.ui.scene_registry import register
from eurasia_game.ui.seminar.presets import clock
from eurasia_game.ui.seminar.words import W
from eurasia_game.ui.widgets import Button


def timer_words(timer) -> str:
    if timer.seconds is None:
        return W("sem_timer_off")
    return W("sem_timer_on", time=clock(timer.seconds), rule=W(f"sem_rule_{timer.rule}"))


def status_line(ctx) -> str:
    """'2023 - Secret planning - Moscow decides - line: Original game'."""
    game = ctx.game
    rules = ctx.rules
    state = game.state
    klass = ctx.app.seminar.ensure_class()
    line = line_name(klass.branch(klass.current).info) if klass else ""
    if state.over:
        who = W("sem_status_over", ending=rules.ending[state.ending].name)
    else:
        who = W("sem_status_deciding", side=rules.side[state.to_act].name)
    return W("sem_status", year=state.year, phase=rules.phases[state.phase].name, who=who, line=line)


@register("facilitator_panel")
class FacilitatorPanel(sc.Scene):
    name = "sem_panel"
    opaque = False

    def __init__(self) -> None:
        super().__init__()
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.body_top = 0

    def buttons(self, ctx) -> list[Button]:
        from eurasia_game.ui.seminar.debrief_screen import DebriefScene
        from eurasia_game.ui.seminar.discussion import DiscussionScene
        from eurasia_game.ui.seminar.entry import EntryScene
        from eurasia_game.ui.seminar.inject import InjectScene
        from eurasia_game.ui.seminar.rewind import RewindScene
        from eurasia_game.ui.seminar.arming import ArmScene
        from eurasia_game.ui.seminar.timer_scene import TimerScene
        from eurasia_game.session.branches import deciding_roll

        seminar = ctx.app.seminar
        klass = seminar.ensure_class()
        over = ctx.game.state.over
        can_rewind = bool(klass.rewind_years()) or len(klass.branches) > 1
        projector_open = seminar.window is not None
        state = ctx.game.state
        roll = deciding_roll(ctx.rules, ctx.game.session)
        return [
            Button("sem_inject", W("sem_inject"), on=lambda: sc.Replace(InjectScene()), shortcut="i", tooltip=W("sem_inject_help"), enabled=not over, reason=W("sem_game_over")),
            Button("sem_pause", W("sem_pause"), on=lambda: DiscussionScene.opening(""), shortcut="p", tooltip=W("sem_pause_help")),
            Button("sem_topic", W("sem_pause_topic"), on=lambda: sc.Replace(EntryScene("pause")), shortcut="o", tooltip=W("sem_pause_topic_help")),
            Button("sem_note", W("sem_note"), on=lambda: sc.Replace(EntryScene("note")), shortcut="n", tooltip=W("sem_note_help")),
            Button("sem_timer", W("sem_timer"), detail=timer_words(seminar.timer), on=lambda: sc.Replace(TimerScene()), shortcut="t", tooltip=W("sem_timer_help")),
            Button("sem_rewind", W("sem_rewind"), detail=W("sem_lines", count=len(klass.branches)), on=lambda: sc.Replace(RewindScene()), shortcut="r", tooltip=W("sem_rewind_help"), enabled=can_rewind, reason=W("sem_nothing_to_rewind")),
            Button("sem_arm", W("sem_arm", year=state.armed_from), on=lambda: sc.Replace(ArmScene()), shortcut="a", tooltip=W("sem_arm_help"), enabled=not over, reason=W("sem_game_over")),
            Button(
                "sem_reroll",
                W("sem_reroll"),
                detail=W("sem_reroll_detail", year=roll.year, percent=roll.percent) if roll else None,
                on=lambda: [sc.Pop(), sc.Call("seminar", ("reroll",))],
                shortcut="w",
                tooltip=W("sem_reroll_help"),
                enabled=roll is not None,
                reason=W("sem_no_roll"),
            ),
            Button("sem_debrief", W("sem_debrief"), on=lambda: sc.Replace(DebriefScene()), shortcut="d", tooltip=W("sem_debrief_help")),
            Button(
                "sem_projector",
                W("sem_projector_close") if projector_open else W("sem_projector_open"),
                on=lambda: [sc.Pop(), sc.Call("seminar", ("toggle_projector",))],
                shortcut="v",
                tooltip=W("sem_projector_help"),
            ),
            Button("sem_save_class", W("sem_save_class"), on=lambda: sc.Call("seminar", ("save_class_command",)), shortcut="s", tooltip=W("sem_save_class_help")),
            Button("sem_close", W("sem_close"), on=lambda: sc.Pop(), shortcut="escape", style="primary", tooltip=W("sem_close_help")),
        ]

    def layout(self, ctx) -> None:
        widgets = self.buttons(ctx)
        pad = ctx.px(18)
        width = min(ctx.px(760), ctx.size[0] - ctx.px(40))
        inner_w = width - 2 * pad
        head = ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(6)
        status = ctx.text.wrapped_height(status_line(ctx), ctx.fs("font"), inner_w) + ctx.px(12)
        buttons_h = grid(ctx, widgets, pygame.Rect(0, 0, inner_w, 0), 2, ctx.px(8))  # measure
        height = pad + head + status + buttons_h + pad
        self.rect = centred(ctx, width, height)
        self.body_top = self.rect.top + pad + head
        grid(ctx, widgets, pygame.Rect(self.rect.left + pad, self.body_top + status, inner_w, 0), 2, ctx.px(8))
        self.ring.set(widgets)
        if self.ring.focus_id is None:
            self.ring.focus("sem_close")  # Enter closes; its tooltip hides no other button

    def resume(self, ctx):
        self.layout(ctx)
        return None

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        panel(surface, ctx, self.rect)
        pad = ctx.px(18)
        ctx.text.draw(surface, W("sem_panel_title"), (self.rect.left + pad, self.rect.top + pad), ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        ctx.text.draw_wrapped(surface, status_line(ctx), pygame.Rect(self.rect.left + pad, self.body_top, self.rect.width - 2 * pad, ctx.px(200)), ctx.fs("font"), ctx.colour("text"))
        self.ring.draw(surface, ctx)


def facilitator_button() -> Button:
    """The in-game menu's way into the facilitator panel (F9 does the same)."""
    return Button("facilitator", W("sem_panel_menu"), on=lambda: sc.Replace(FacilitatorPanel()), shortcut="f", tooltip=W("sem_panel_menu_help"))
