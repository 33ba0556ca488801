"""The board: map and fronts, shared tracks, the year and its phase table,
each side's power, the actions with cost and effect, and the log.

The board is also the turn's conductor on screen: ``resume`` decides what
comes next (reveal a drawn card, hand the computer over to the next player
behind the curtain, ask for a dilemma choice, let a side plan, or end the
game) and returns that as a command; it never changes the game itself.
Which side's secrets are drawn is ``self.viewer`` (None draws the public
view, which holds no side's secrets).

This module is the scene: the turn, input, the layout's order and the
cached picture.  What it draws is in ``board_panels`` (the regions, the top
bar, phases, gauges and log), ``board_map`` (the map, its fronts and the
selected front's stakes) and ``board_actions`` (the plan and the orders).
"""

from __future__ import annotations

import pygame

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.mapdraw import MapRenderer
from eurasia_game.ui.screens.board_actions import draw_details, draw_plan, draw_thinking, layout_actions
from eurasia_game.ui.screens.board_map import FrontNode, draw_map, draw_stakes, front_nodes
from eurasia_game.ui.screens.board_panels import board_regions, draw_gauges, draw_log, draw_phases, draw_top
from eurasia_game.ui.screens.board_preview import draw_gauge_marks, draw_preview_panel, plan_preview
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button

__all__ = ["BoardScene", "FrontNode"]  # FrontNode lived here before the board was split


class BoardScene(sc.Scene):
    name = "board"
    # The board comes back when a card or the reveal above it closes, often by a tapped
    # Space: the next tap must not give the focused order.
    key_guard = sc.TAP_GUARD

    def __init__(self, start_public: bool = False) -> None:
        super().__init__()
        self.viewer: str | None = None
        self.handed_to: str | None = None
        self.front: str | None = None
        self.seen_events = 0
        self.pending_cards: list[str] = []
        self.pending_reveal = False  # both sides' orders were just carried out: show the reveal first
        self.timer: float | None = None
        self.log_scroll = 0
        self.map = MapRenderer()
        self.regions: dict[str, pygame.Rect] = {}
        self.first = True
        self.start_public = start_public
        self._ctx = None
        self._layout_version = 0
        self._base = None
        self._base_key = None
        self._base_drawn: list[str] = []
        self.details_rect = None
        self.mode: str | None = None  # how the orders are drawn while someone plans ("full", "compact", "dense")
        self.preview = None  # the plan preview while a person plans (engine.preview)

    # --- what comes next ----------------------------------------------------
    def resume(self, ctx):
        game = ctx.game
        if game is None:
            return None
        if self.first:
            self.first = False
            if self.start_public:  # a loaded game: its earlier cards were seen already
                self.seen_events = len(game.session.events(None))
        events = game.session.events(None)
        if len(events) < self.seen_events:  # an undo took events back
            self.seen_events = len(events)
        for event in events[self.seen_events :]:
            if event.kind == "reveal":
                self.pending_reveal = True  # shown before the next year's cards
            if event.kind == "card" and event.card:
                self.pending_cards.append((event.card, []))
            elif event.kind == "chance" and self.pending_cards and self.pending_cards[-1][0] == event.card:
                self.pending_cards[-1][1].append(event.text)  # the card's roll: odds and result
        self.seen_events = len(events)
        command = self._next(ctx)
        self.layout(ctx)
        return command

    def _next(self, ctx):
        from eurasia_game.ui.screens.curtain import CurtainScene
        from eurasia_game.ui.screens.ending import EndingScene
        from eurasia_game.ui.screens.reveal import DilemmaScene, RevealScene

        game = ctx.game
        state = game.state
        side = state.to_act
        humans = game.humans
        if self.pending_reveal:
            from eurasia_game.ui.screens.orders_reveal import OrdersRevealScene

            self.pending_reveal = False
            if game.hotseat and game.curtain:
                self.viewer = None
            return sc.Push(OrdersRevealScene(auto_close=ctx.settings.move_delay * 4 if not humans else None))
        if self.pending_cards:
            if game.hotseat and game.curtain:
                self.viewer = None
            card, rolls = self.pending_cards.pop(0)
            auto = ctx.settings.move_delay * 4 if not humans else None
            return sc.Push(RevealScene(card, auto_close=auto, rolls=tuple(rolls)))
        if state.over:
            return sc.Replace(EndingScene())
        if game.is_human(side):
            if game.hotseat and game.curtain and self.handed_to != side:
                self.viewer = None
                return sc.Push(CurtainScene(side, self._handed(side)))
            if self.viewer != side:
                self._forget_selection()
                ctx.notice = None  # a message meant for the last person at the screen
            self.viewer = side
            self.handed_to = side
            if self._needs_briefing(ctx, side):
                from eurasia_game.ui.screens.briefing import BriefingScene

                game.briefed.add(side)
                return sc.Push(BriefingScene(side))
            if state.dilemma is not None:
                return sc.Push(DilemmaScene(state.dilemma, side))
            self.timer = None
            return None
        # a computer side acts
        if len(humans) == 1:
            self.viewer = humans[0]
        elif not humans:
            self.viewer = None
        elif game.curtain:
            self.viewer = None
        self.timer = ctx.settings.move_delay
        return None

    def _needs_briefing(self, ctx, side: str) -> bool:
        """A side's briefing comes once, before it first acts in the game's first year."""
        game = ctx.game
        briefed = getattr(game, "briefed", None)
        if briefed is None or side in briefed or not getattr(ctx.settings, "briefings", True):
            return False
        scenario = ctx.rules.scenario.get(game.session.scenario)
        return scenario is not None and game.state.year == scenario.start_year and side in ctx.rules.side

    def _forget_selection(self) -> None:
        """A new person is at the screen: drop the last one's selection and focus,
        which would hint at what they were planning."""
        self.front = None
        self.ring.focus(None)
        self.log_scroll = 0

    def _handed(self, side: str):
        def handed():
            self.handed_to = side
            return sc.Pop()

        return handed

    def busy(self, ctx) -> bool:
        return self.timer is not None

    def focus_tip(self, ctx):
        """No help box for a focused order where the board already says what it costs and
        does (in the panel under the orders, or on the order drawn full size) or why it cannot
        be given (on the order itself): the box would repeat it over the map or the plan
        preview the player is reading. Small orders without that panel (Moscow's at the UN)
        keep it."""
        widget, due = super().focus_tip(ctx)
        if widget is None or not any(widget is order for order in self.actions):
            return widget, due
        if self.details_rect is not None or self.mode == "full" or not widget.enabled:
            return None, False
        return widget, due

    def update(self, dt, ctx):
        """A computer side's turn: its worker thinks while the window goes on;
        the move is played once it is ready and the move delay has passed."""
        if self.timer is None or ctx.game is None:
            return None
        self.timer -= dt
        game = ctx.game
        action = game.computer_move()  # starts the worker at once, so thinking overlaps the delay
        if action is None:
            if game.thinking is None:  # no move to make
                self.timer = None
            return None
        if self.timer > 0:
            return None
        self.timer = None
        return sc.Act(action)

    # --- layout -------------------------------------------------------------
    def _acting_side(self, ctx) -> str | None:
        """The side whose orders the action panel offers (a person, now)."""
        game = ctx.game
        side = game.state.to_act
        if self.viewer is not None and side == self.viewer and game.is_human(side) and game.state.dilemma is None:
            return side
        return None

    def layout(self, ctx) -> None:
        """Lay the board out; give the action column more room if it needs it."""
        for share, dense in ((0.60, False), (0.52, False), (0.46, False), (0.60, True), (0.46, True)):
            self._layout(ctx, share, dense)
            if not self.overflow:
                return

    def _layout(self, ctx, share: float, dense: bool) -> None:
        self._ctx = ctx
        self._layout_version += 1
        game = ctx.game
        if game is None:
            return
        self._laid_out_for = self._position(ctx)
        rules = ctx.rules
        if self.front is None:
            self.front = rules.front_ids[0]
        self.regions = board_regions(ctx, share)
        top, map_rect, right = self.regions["top"], self.regions["map"], self.regions["right"]
        widgets: list[Button] = []
        view = game.session.view(self.viewer)
        # fronts on the map
        _, frame = self.map.surface(ctx, map_rect)
        self.preview = plan_preview(ctx, self._acting_side(ctx))
        widgets += front_nodes(ctx, view, map_rect, frame, self.front, self._select, self.preview)
        # top bar buttons
        menu = Button("menu", S("menu"), on=self._menu, shortcut="escape", tooltip=S("menu_help"), style="quiet")
        help_b = Button("help", S("help"), on=self._help, shortcut="f1", tooltip=S("help_help"), style="quiet")
        red = Button("red_lines", S("red_lines"), on=self._red_lines, shortcut="f2", tooltip=S("red_lines_help"), style="quiet")
        bw = max(ctx.text.width(b.label, ctx.fs("font"), True) for b in (menu, help_b, red)) + ctx.px(60)
        bh = top.height - ctx.px(10)
        x = top.width - ctx.px(8)
        for b in (menu, help_b, red):
            b.rect = pygame.Rect(x - bw, ctx.px(5), bw, bh)
            x -= bw + ctx.px(6)
        self.power_right = x
        # right: the plan, the actions, the details of one action, end/undo, the log
        acting = self._acting_side(ctx)
        action_widgets, y, crowded = layout_actions(self, ctx, right, acting, view, dense)
        self.regions["plan"] = pygame.Rect(right.left, right.top, right.width, y - right.top - ctx.px(2))
        self.regions["log"] = pygame.Rect(right.left, y, right.width, right.bottom - y)
        self.overflow = self.regions["log"].height < ctx.px(40) or crowded
        self.ring.set(widgets + action_widgets + [red, help_b, menu])
        if self.ring.focus_id is None and acting is not None:
            self.ring.focus("commit" if not action_widgets else action_widgets[0].id)

    # --- commands -----------------------------------------------------------
    def _select(self, front_id: str):
        def select():
            self.front = front_id
            return sc.Call("relayout")

        return select

    def _menu(self):
        from eurasia_game.ui.screens.menu import MenuScene

        return sc.Push(MenuScene())

    def _help(self):
        from eurasia_game.ui.screens.help import HelpScene

        return sc.Push(HelpScene())

    def _red_lines(self):
        from eurasia_game.ui.screens.redlines import RedLinesScene

        return sc.Push(RedLinesScene(self.preview))

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return self._menu()
            if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
                from eurasia_game.ui.screens.saveload import SaveScene

                return sc.Push(SaveScene(f"{ctx.game.session.scenario}-{ctx.game.state.year}"))
            if event.key == pygame.K_PAGEUP:
                self.log_scroll += 3
                return None
            if event.key == pygame.K_PAGEDOWN:
                self.log_scroll = max(0, self.log_scroll - 3)
                return None
            if event.key == pygame.K_m and not event.mod & pygame.KMOD_CTRL:
                from eurasia_game.ui.screens.modreport import ModReportScene

                return sc.Push(ModReportScene())
            if event.key == pygame.K_F5:
                return sc.Call("reload_rules")
        if event.type == pygame.MOUSEWHEEL and ctx.mouse and self.regions.get("log", pygame.Rect(0, 0, 0, 0)).collidepoint(ctx.mouse):
            self.log_scroll = max(0, self.log_scroll + 3 * event.y)
            return None
        return super().handle(event, ctx)

    # --- drawing ------------------------------------------------------------
    @staticmethod
    def _position(ctx) -> tuple:
        return id(ctx.game.session), len(ctx.game.session.steps)

    def draw(self, surface, ctx) -> None:
        """Blit the board drawn for the current position (cached), then what the
        pointer changes: the hovered widget and the action details box."""
        if getattr(self, "_laid_out_for", None) != self._position(ctx):
            # the game moved on while another screen lay on top (a dialog that
            # played an order itself): the buttons belong to the old position
            self.layout(ctx)
        key = (
            id(ctx.game.session), len(ctx.game.session.steps), id(ctx.rules), self.viewer, self.front, self.log_scroll,
            self.ring.focus_id, ctx.notice, self._layout_version, ctx.settings.colour_safe, ctx._scales(),
        )
        if self._base is None or self._base.get_size() != surface.get_size() or key != self._base_key:
            base = pygame.Surface(surface.get_size())
            mark = len(ctx.text.drawn)
            active = ctx.pointer_active
            ctx.pointer_active = None  # the cached board shows no hover
            try:
                self._draw_base(base, ctx)
            finally:
                ctx.pointer_active = active
            self._base, self._base_key, self._base_drawn = base, key, ctx.text.drawn[mark:]
        else:
            ctx.text.drawn.extend(self._base_drawn)  # what is on screen, for the tests that read it
        surface.blit(self._base, (0, 0))
        if ctx.pointer_active and ctx.mouse is not None:
            widget = self.ring.at(ctx.mouse)
            if widget is not None:
                widget.draw(surface, ctx, widget.id == self.ring.focus_id, True)
        if self.details_rect is not None and self._acting_side(ctx) is not None:
            draw_details(self, surface, ctx)
        if ctx.game.thinking is not None:
            draw_thinking(self, surface, ctx)

    def _draw_base(self, surface, ctx) -> None:
        view = ctx.game.session.view(self.viewer)
        surface.fill(ctx.colour("bg"))
        self.hotspots = []
        draw_top(self, surface, ctx, view)
        draw_phases(self, surface, ctx, view)
        draw_map(self, surface, ctx)
        preview = getattr(self, "preview", None)
        if preview is not None:
            draw_preview_panel(self, surface, ctx, preview)
        else:
            draw_stakes(self, surface, ctx)
        draw_gauges(self, surface, ctx, view)
        if preview is not None:
            draw_gauge_marks(self, surface, ctx, preview)
        draw_plan(self, surface, ctx, view, self._acting_side(ctx))
        draw_log(self, surface, ctx)
        self.ring.draw(surface, ctx)
        if ctx.notice:
            ctx.text.draw(surface, ctx.notice, (self.regions["right"].centerx, self.regions["right"].bottom - ctx.px(60)), ctx.fs("font_small"), ctx.colour("danger"), anchor="midbottom")
