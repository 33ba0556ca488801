"""New game: scenario, who plays each side, the seed, the curtain, mods, demo mode."""

from __future__ import annotations

import random

import pygame

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.controller import HUMAN
from eurasia_game.ui.drawing import panel, side_marker
from eurasia_game.ui.layout import stack
from eurasia_game.ui.players import player_choices, player_label
from eurasia_game.ui.scene_registry import register
from eurasia_game.ui.screens.objectives_view import has_objectives, list_text
from eurasia_game.ui.gui_theme import gui_manager
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button

MAX_SEED = 2**63 - 1



def demo_level() -> str:
    names = player_choices()[1:]
    for preferred in ("normal", "easy", "hard"):
        if preferred in names:
            return preferred
    return names[0]


class EntryProxy(Button):
    """Stands in the focus ring for a pygame_gui text entry; draws only the focus outline."""

    def draw(self, surface, ctx, focused, hovered):
        if focused:
            pygame.draw.rect(surface, ctx.colour("focus"), self.rect.inflate(ctx.px(6), ctx.px(6)), width=max(2, ctx.px(3)), border_radius=ctx.px(6))


@register("new_game")
class NewGameScene(sc.Scene):
    name = "new_game"

    def __init__(self) -> None:
        super().__init__()
        self.scenario: str | None = None
        self.players: dict | None = None
        self.seed_text = str(random.SystemRandom().randrange(0, 10**9))
        self.armed: dict[str, int] = {}  # scenario id -> the year endings are armed from, when changed
        self.curtain: bool | None = None
        self.manager = None
        self.entry = None
        self.desc_rect = pygame.Rect(0, 0, 0, 0)
        self.left_rect = pygame.Rect(0, 0, 0, 0)
        self.right_rect = pygame.Rect(0, 0, 0, 0)
        self.mods = None
        self._theme_scale = None

    # --- state --------------------------------------------------------------
    def _seed(self) -> int | None:
        text = self.entry.get_text().strip() if self.entry is not None else self.seed_text
        if not text.isdigit() or int(text) > MAX_SEED:
            return None
        return int(text)

    def _start(self, players=None):
        seed = self._seed()
        if seed is None:
            return None
        return sc.StartGame(self.scenario, seed, dict(players or self.players), self.curtain, tuple(self.mods.enabled() if self.mods else ()), self.armed.get(self.scenario), remember=True)

    def _cycle_player(self, side: str, ctx):
        def cycle():
            choices = player_choices()
            current = self.players[side]
            self.players[side] = choices[(choices.index(current) + 1) % len(choices)] if current in choices else HUMAN
            return sc.Call("relayout")

        return cycle

    def _pick(self, scenario: str):
        def pick():
            self.scenario = scenario
            return sc.Call("relayout")

        return pick

    def _toggle_curtain(self):
        self.curtain = not self.curtain
        return sc.Call("relayout")

    def _armed_year(self, rules) -> int:
        return self.armed.get(self.scenario, rules.scenario[self.scenario].armed_year)

    def _cycle_armed(self, rules):
        def cycle():
            s = rules.scenario[self.scenario]
            year = self._armed_year(rules) + 1
            year = s.start_year if year > s.end_year else year
            if year == s.armed_year:
                self.armed.pop(self.scenario, None)
            else:
                self.armed[self.scenario] = year
            return sc.Call("relayout")

        return cycle

    def _new_seed(self):
        self.seed_text = str(random.SystemRandom().randrange(0, 10**9))
        if self.entry is not None:
            self.entry.set_text(self.seed_text)
        return sc.Call("relayout")

    def _focus_entry(self):
        if self.entry is not None:
            self.entry.focus()
        return None

    # --- layout -------------------------------------------------------------
    def layout(self, ctx) -> None:
        rules = ctx.rules
        if self.scenario is None:
            # The last game's scenario and players, when these rules still have them.
            last = ctx.settings
            self.scenario = last.last_scenario if last.last_scenario in rules.scenario else rules.game.default_scenario
            choices = player_choices()
            self.players = {s: last.last_players.get(s) if last.last_players.get(s) in choices else HUMAN for s in rules.side_ids}
            self.curtain = ctx.settings.curtain
        if self.entry is not None:
            self.seed_text = self.entry.get_text()
        w, h = ctx.size
        m = ctx.px(24)
        title_h = ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(16)
        col = (w - 3 * m) // 2
        self.left_rect = pygame.Rect(m, m + title_h, col, h - 2 * m - title_h)
        self.right_rect = pygame.Rect(2 * m + col, m + title_h, col, h - 2 * m - title_h)
        widgets: list[Button] = []
        # scenarios
        inner = self.left_rect.inflate(-2 * ctx.px(10), -2 * ctx.px(10))
        sc_top = inner.top + ctx.text.line_height(ctx.fs("font"), True) + ctx.px(6)
        scen = []
        for i, s in enumerate(rules.scenarios):
            years = s.end_year - s.start_year + 1
            scen.append(Button(f"scenario:{s.id}", s.name, detail=S("scenario_detail", start=s.start_year, end=s.end_year, years=years, minutes=s.minutes), on=self._pick(s.id), selected=s.id == self.scenario, style="option", tooltip=s.description, shortcut=str(i + 1) if i < 9 else None))
        y = stack(ctx, scen, inner.left, sc_top, inner.width, ctx.px(6))
        from eurasia_game.ui.seminar.presets_ui import place_presets, preset_buttons  # class-length presets

        presets = preset_buttons(ctx, self)
        y = place_presets(ctx, presets, inner, y)
        self.desc_rect = pygame.Rect(inner.left, y + ctx.px(12), inner.width, inner.bottom - y - ctx.px(12))
        widgets += scen + presets
        # players, seed, curtain
        inner = self.right_rect.inflate(-2 * ctx.px(10), -2 * ctx.px(10))
        right = []
        for side in rules.sides:
            right.append(Button(f"player:{side.id}", S("player_for", side=side.name, player=player_label(self.players[side.id])), on=self._cycle_player(side.id, ctx), tooltip=S("player_help", side=side.name), marker=side_marker(ctx, side.id)))
        y = stack(ctx, right, inner.left, inner.top, inner.width, ctx.px(6)) + ctx.px(14)
        seed_label_h = ctx.text.line_height(ctx.fs("font"), True)
        self.seed_label_pos = (inner.left, y)
        y += seed_label_h + ctx.px(4)
        entry_w = inner.width * 3 // 5
        reroll = Button("random_seed", S("random_seed"), on=self._new_seed, tooltip=S("random_seed_help"), shortcut="r")
        entry_h = max(ctx.px(38), reroll.height_for(ctx, inner.width - entry_w - ctx.px(8)))
        entry_rect = pygame.Rect(inner.left, y, entry_w, entry_h)
        if self.manager is None or self.manager.window_resolution != ctx.size or self._theme_scale != ctx.text_scale:
            self._theme_scale = ctx.text_scale
            self.manager = gui_manager(ctx)
            import pygame_gui  # a large package, imported when the seed box is first made

            self.entry = pygame_gui.elements.UITextEntryLine(entry_rect, manager=self.manager, object_id="#seed")
            self.entry.set_allowed_characters("numbers")
            self.entry.set_text_length_limit(19)
            self.entry.set_text(self.seed_text)
        else:
            self.entry.set_relative_position(entry_rect.topleft)
            self.entry.set_dimensions(entry_rect.size)
        self.manager.update(0.0)
        proxy = EntryProxy("seed", S("seed"), on=self._focus_entry, tooltip=S("seed_help"))
        proxy.rect = pygame.Rect(inner.left, y, entry_w, entry_h)
        reroll.rect = pygame.Rect(inner.left + entry_w + ctx.px(8), y, inner.width - entry_w - ctx.px(8), entry_h)
        y += entry_h + ctx.px(14)
        # The curtain hides one person's secrets from another: with one person at the
        # computer there is nobody to hide them from (the setting is kept for later).
        shared = sum(1 for p in self.players.values() if p == HUMAN) >= 2
        curtain = Button(
            "curtain",
            S("curtain_on") if self.curtain else S("curtain_off"),
            on=self._toggle_curtain,
            tooltip=S("curtain_help"),
            selected=bool(self.curtain) and shared,
            shortcut="k",
            enabled=shared,
            reason=S("curtain_one_person"),
        )
        s = rules.scenario[self.scenario]
        armed = Button(
            "armed",
            S("armed_button", year=self._armed_year(rules)),
            detail=S("armed_default", year=s.armed_year) if self._armed_year(rules) == s.armed_year else S("armed_changed", year=s.armed_year),
            on=self._cycle_armed(rules),
            tooltip=S("armed_help"),
            shortcut="a",
        )
        y = stack(ctx, [curtain, armed], inner.left, y, inner.width) + ctx.px(6)
        extra = []
        if self.mods is None:
            from eurasia_game.ui.screens.modreport import ModChoices

            self.mods = ModChoices.discover(ctx)
        extra += self.mods.buttons(ctx)
        seed_ok = self._seed() is not None
        level = demo_level()
        demo = Button("demo", S("demo"), on=lambda: self._start({s: level for s in rules.side_ids}), tooltip=S("demo_help", level=player_label(level)), shortcut="d", enabled=seed_ok, reason=S("seed_invalid"))
        start = Button("start", S("start"), on=self._start, style="primary", tooltip=S("start_help"), shortcut="ctrl+return", enabled=seed_ok, reason=S("seed_invalid"))
        back = Button("back", S("back"), on=lambda: sc.Pop(), shortcut="escape")
        bottom = [demo, start, back]
        bw = (inner.width - 2 * ctx.px(8)) // 3
        bh = max(b.height_for(ctx, bw) for b in bottom)
        for i, b in enumerate(bottom):
            b.rect = pygame.Rect(inner.left + i * (bw + ctx.px(8)), inner.bottom - bh, bw, bh)
        stack(ctx, extra, inner.left, y, inner.width, ctx.px(4))
        self.ring.set(widgets + right + [proxy, reroll, curtain, armed] + extra + bottom)
        if self.ring.focus_id is None:
            self.ring.focus("start")

    # --- input --------------------------------------------------------------
    def handle(self, event, ctx):
        entry_focused = self.entry is not None and self.entry.is_focused
        if event.type == pygame.KEYDOWN:
            if entry_focused and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_TAB, pygame.K_ESCAPE):
                self.entry.unfocus()
                self.ring.focus("seed")
                self.seed_text = self.entry.get_text()
                return sc.Call("relayout")
            if not entry_focused:
                if event.key == pygame.K_ESCAPE:
                    return sc.Pop()
                return super().handle(event, ctx)
        if self.manager is not None:
            self.manager.process_events(event)
        if event.type in (pygame.TEXTINPUT, pygame.KEYDOWN):
            return sc.Call("relayout") if entry_focused else None
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            return super().handle(event, ctx)
        return None

    def update(self, dt, ctx):
        if self.manager is not None:
            self.manager.update(dt)
        return None

    def busy(self, ctx) -> bool:
        return self.entry is not None and self.entry.is_focused

    def draw(self, surface, ctx) -> None:
        rules = ctx.rules
        surface.fill(ctx.colour("bg"))
        ctx.text.draw(surface, S("new_game_title"), (ctx.px(24), ctx.px(20)), ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        left = panel(surface, ctx, self.left_rect, S("scenario"))
        _ = left
        panel(surface, ctx, self.right_rect)
        s = rules.scenario[self.scenario]
        y = self.desc_rect.top + ctx.text.draw_wrapped(surface, s.description, self.desc_rect, ctx.fs("font"), ctx.colour("text")) + ctx.px(10)
        if has_objectives(rules) and y < self.desc_rect.bottom:
            # what each side plays for: its own objectives
            box = pygame.Rect(self.desc_rect.left, y, self.desc_rect.width, self.desc_rect.bottom - y)
            y += ctx.text.draw_wrapped(surface, S("objectives_heading"), box, ctx.fs("font_small"), ctx.colour("accent"), bold=True) + ctx.px(2)
            for side in rules.sides:
                if side.objectives and y < self.desc_rect.bottom:
                    box = pygame.Rect(self.desc_rect.left, y, self.desc_rect.width, self.desc_rect.bottom - y)
                    y += ctx.text.draw_wrapped(surface, list_text(rules, side.id), box, ctx.fs("font_small"), ctx.colour("text_dim")) + ctx.px(4)
        ctx.text.draw(surface, S("seed"), self.seed_label_pos, ctx.fs("font"), ctx.colour("text"), bold=True)
        self.manager.draw_ui(surface)
        self.ring.draw(surface, ctx)
