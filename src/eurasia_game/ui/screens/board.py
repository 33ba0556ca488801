"""The board: map and fronts, shared tracks, the year and its phase table,
each side's power, the actions with cost and effect, and the log.

The board is also the turn's conductor on screen: ``resume`` decides what
comes next (reveal a drawn card, hand the computer over to the next player
behind the curtain, ask for a dilemma choice, let a side plan, or end the
game) and returns that as a command; it never changes the game itself.
Which side's secrets are drawn is ``self.viewer`` (None draws the public
view, which holds no side's secrets).
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.describe import describe_action, describe_effects
from eurasia_game.engine.moves import candidate_actions, planned_cost
from eurasia_game.engine.state import Action
from eurasia_game.ui import keys
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import gauge, gauge_height, marker, panel, side_marker
from eurasia_game.ui.layout import grid
from eurasia_game.ui.mapdraw import MapRenderer, position
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button


class FrontNode(Button):
    """A front on the map: its name and both sides' standing, selectable."""

    front = None

    def height_for(self, ctx, width):
        return self.rect.height

    def draw(self, surface, ctx, focused, hovered):
        rules = ctx.rules
        standing = self.standing
        r = self.rect
        bg = ctx.colour("panel") if not hovered else ctx.colour("button_hover")
        pygame.draw.rect(surface, bg, r, border_radius=ctx.px(6))
        edge = ctx.colour("accent") if self.selected else ctx.colour("panel_edge")
        pygame.draw.rect(surface, edge, r, width=ctx.px(3) if self.selected else 1, border_radius=ctx.px(6))
        pad = ctx.px(6)
        size = ctx.fs("font_small")
        ctx.text.draw(surface, self.label, (r.left + pad, r.top + ctx.px(3)), size, ctx.colour("accent") if self.selected else ctx.colour("text"), bold=True)
        if self.shortcut and ctx.text.width(self.label + " 99", size, True) <= r.width - 2 * pad:
            ctx.text.draw(surface, self.shortcut, (r.right - pad, r.top + ctx.px(3)), size, ctx.colour("text_dim"), anchor="topright")
        lh = ctx.text.line_height(size, True)
        y = r.top + ctx.px(3) + lh
        row_h = (r.bottom - ctx.px(4) - y) // max(1, len(rules.side_ids))
        top = self.front.max
        for side in rules.side_ids:
            cy = y + row_h // 2
            marker(surface, rules, side, (r.left + pad + ctx.px(6), cy), ctx.px(5), ctx.side_colour(side))
            value = standing.get(side, 0)
            ctx.text.draw(surface, str(value), (r.left + pad + ctx.px(16), cy), size, ctx.colour("text"), bold=True, anchor="midleft")
            bar = pygame.Rect(r.left + pad + ctx.px(38), cy - ctx.px(4), r.width - 2 * pad - ctx.px(38), ctx.px(8))
            pygame.draw.rect(surface, ctx.colour("zone"), bar)
            filled = bar.copy()
            filled.width = int(bar.width * max(0, min(top, value)) / max(1, top))
            pygame.draw.rect(surface, ctx.side_colour(side), filled)
            y += row_h
        if focused:
            pygame.draw.rect(surface, ctx.colour("focus"), r.inflate(ctx.px(6), ctx.px(6)), width=max(2, ctx.px(3)), border_radius=ctx.px(8))


def _spread(nodes, bounds: pygame.Rect, gap: int) -> None:
    """Nudge front markers apart, along the shorter overlap, until none overlaps another."""
    for _ in range(60):
        moved = False
        for a in nodes:
            for b in nodes:
                if a is b or not a.rect.inflate(gap, gap).colliderect(b.rect):
                    continue
                dx = min(a.rect.right, b.rect.right) - max(a.rect.left, b.rect.left) + gap
                dy = min(a.rect.bottom, b.rect.bottom) - max(a.rect.top, b.rect.top) + gap
                saved = (a.rect.copy(), b.rect.copy())
                for axis in (("y", "x") if dy <= dx else ("x", "y")):
                    a.rect, b.rect = saved[0].copy(), saved[1].copy()
                    key = "centery" if axis == "y" else "centerx"
                    first, second = (a, b) if getattr(a.rect, key) <= getattr(b.rect, key) else (b, a)
                    d = dy if axis == "y" else dx
                    setattr(first.rect, axis, getattr(first.rect, axis) - (d // 2 + 1))
                    setattr(second.rect, axis, getattr(second.rect, axis) + d - d // 2)
                    first.rect.clamp_ip(bounds)
                    second.rect.clamp_ip(bounds)
                    if not first.rect.colliderect(second.rect):
                        break
                moved = True
        if not moved:
            return


class BoardScene(sc.Scene):
    name = "board"

    def __init__(self, start_public: bool = False) -> None:
        super().__init__()
        self.viewer: str | None = None
        self.handed_to: str | None = None
        self.front: str | None = None
        self.seen_events = 0
        self.pending_cards: list[str] = []
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
            if event.kind == "card" and event.card:
                self.pending_cards.append(event.card)
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
        if self.pending_cards:
            if game.hotseat and game.curtain:
                self.viewer = None
            card = self.pending_cards.pop(0)
            auto = ctx.settings.move_delay * 4 if not humans else None
            return sc.Push(RevealScene(card, auto_close=auto))
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

    def update(self, dt, ctx):
        if self.timer is None or ctx.game is None:
            return None
        self.timer -= dt
        if self.timer > 0:
            return None
        self.timer = None
        action = ctx.game.computer_action()
        return sc.Act(action) if action is not None else None

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
        rules = ctx.rules
        if self.front is None:
            self.front = rules.front_ids[0]
        w, h = ctx.size
        m = ctx.px(8)
        bar_h = ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(12)
        phase_h = ctx.text.line_height(ctx.fs("font_small"), True) + ctx.px(10)
        top = pygame.Rect(0, 0, w, bar_h)
        phases = pygame.Rect(m, bar_h, w - 2 * m, phase_h)
        body = pygame.Rect(m, phases.bottom + m, w - 2 * m, h - phases.bottom - 2 * m)
        left_w = int(body.width * share)
        left = pygame.Rect(body.left, body.top, left_w, body.height)
        right = pygame.Rect(left.right + m, body.top, body.width - left_w - m, body.height)
        # left: map, the selected front's stakes, the gauges
        gh = gauge_height(ctx)
        n_tracks = len(rules.tracks)
        cols = 2 if left.width < ctx.px(900) else 3
        rows = (n_tracks + cols - 1) // cols
        gauges_h = rows * (gh + ctx.px(6)) + ctx.px(16)
        stakes_h = ctx.text.line_height(ctx.fs("font_small")) * 3 + ctx.px(16)
        map_h = max(ctx.px(160), left.height - gauges_h - stakes_h - 2 * m)
        map_rect = pygame.Rect(left.left, left.top, left.width, map_h)
        stakes = pygame.Rect(left.left, map_rect.bottom + m, left.width, stakes_h)
        gauges = pygame.Rect(left.left, stakes.bottom + m, left.width, left.bottom - stakes.bottom - m)
        self.regions = {"top": top, "phases": phases, "map": map_rect, "stakes": stakes, "gauges": gauges, "right": right}
        widgets: list[Button] = []
        view = game.session.view(self.viewer)
        # fronts on the map
        _, frame = self.map.surface(ctx, map_rect)
        node_w = ctx.px(124)
        node_h = ctx.text.line_height(ctx.fs("font_small"), True) + len(rules.side_ids) * ctx.px(17) + ctx.px(8)
        nodes = []
        for i, front in enumerate(rules.fronts):
            node = FrontNode(f"front:{front.id}", front.name, on=self._select(front.id), selected=front.id == self.front, shortcut=str(i + 1) if i < 9 else None, tooltip=self._front_help(ctx, front))
            node.front = front
            node.standing = view.standing.get(front.id, {})
            rect = pygame.Rect(0, 0, node_w, node_h)
            rect.center = position(frame, front.map_position)
            rect.clamp_ip(map_rect.inflate(-ctx.px(4), -ctx.px(4)))
            node.rect = rect
            nodes.append(node)
        _spread(nodes, map_rect.inflate(-ctx.px(4), -ctx.px(4)), ctx.px(4))
        widgets += nodes
        # top bar buttons
        menu = Button("menu", S("menu"), on=self._menu, shortcut="escape", tooltip=S("menu_help"), style="quiet")
        help_b = Button("help", S("help"), on=self._help, shortcut="f1", tooltip=S("help_help"), style="quiet")
        red = Button("red_lines", S("red_lines"), on=self._red_lines, shortcut="f2", tooltip=S("red_lines_help"), style="quiet")
        bw = max(ctx.text.width(b.label, ctx.fs("font"), True) for b in (menu, help_b, red)) + ctx.px(60)
        bh = bar_h - ctx.px(10)
        x = w - m
        for b in (menu, help_b, red):
            b.rect = pygame.Rect(x - bw, ctx.px(5), bw, bh)
            x -= bw + ctx.px(6)
        self.power_right = x
        # right: the plan, the actions, the details of one action, end/undo, the log
        acting = self._acting_side(ctx)
        pad = ctx.px(8)
        inner = right.inflate(-2 * pad, -2 * pad)
        lh = ctx.text.line_height(ctx.fs("font"))
        action_widgets: list[Button] = []
        self.details_rect = None
        if acting is not None:
            header_lines = 3 + max(len(view.own_plan), 1)
            y0 = inner.top + header_lines * lh + ctx.px(8)
            self.plan_rect = pygame.Rect(inner.left, inner.top, inner.width, y0 - inner.top)
            state = game.state
            here, anywhere = [], []
            for action in candidate_actions(rules, state, acting):
                if action.kind != "plan" or (action.target is not None and action.target != self.front):
                    continue
                a = rules.action[action.action]
                reason = game.session.why_illegal(action)
                words = describe_action(rules, a.id, acting, action.target)
                button = Button(
                    f"act:{a.id}:{action.target or '-'}",
                    S("action_label", name=a.name, cost=a.cost),
                    on=self._plan(action),
                    detail=words.split(". ", 1)[-1],
                    tooltip=f"{a.description}\n{words}",
                    enabled=reason is None,
                    reason=reason,
                )
                button.words = words
                button.description = a.description
                (here if action.target else anywhere).append(button)
            letters = iter(keys.ACTION_KEYS)
            for b in here + anywhere:
                b.shortcut = next(letters, None)
            commit = Action("commit", acting)
            reason = game.session.why_illegal(commit)
            end = Button("commit", S("end_planning"), on=lambda: sc.Act(commit), shortcut=keys.END_PLANNING, style="primary", tooltip=S("end_planning_help"), enabled=reason is None, reason=reason)
            undo = Button("undo", S("undo"), on=lambda: sc.Undo(), shortcut=keys.UNDO, tooltip=S("undo_help"), enabled=game.session.can_undo(acting), reason=S("undo_unavailable"))
            small_lh = ctx.text.line_height(ctx.fs("font_small"), True)
            min_log = 6 * ctx.text.line_height(ctx.fs("font_small")) + ctx.px(30)
            cols = 2 if inner.width > ctx.px(300) else 1
            half = (inner.width - ctx.px(8)) // 2
            bh2 = ctx.px(38)
            bh2 = max(end.height_for(ctx, half), undo.height_for(ctx, half))
            buttons = here + anywhere
            effects = {b.id: b.detail for b in buttons}
            reasons = {b.id: b.reason for b in buttons}

            def place(mode: str) -> int:
                # full: effect and reason on each button; compact: reasons only
                # (effects in the details box and tooltips); dense: neither on the face
                for b in buttons:
                    b.detail = effects[b.id] if mode == "full" else None
                    b.reason = reasons[b.id] if mode != "dense" else None
                    b.hidden_reason = reasons[b.id]
                y = y0
                self.here_title_y = y
                y += small_lh + ctx.px(2)
                y = grid(ctx, here, pygame.Rect(inner.left, y, inner.width, 0), cols, ctx.px(6)) + ctx.px(8)
                self.anywhere_title_y = y
                y += small_lh + ctx.px(2)
                return grid(ctx, anywhere, pygame.Rect(inner.left, y, inner.width, 0), cols, ctx.px(6)) + ctx.px(8)

            for mode in ("full", "compact", "dense") if dense else ("full", "compact"):
                y = place(mode)
                if y + bh2 + ctx.px(8) + min_log <= inner.bottom:
                    break
            self.mode = mode
            if mode != "full":
                details_h = 4 * ctx.text.line_height(ctx.fs("font_small")) + ctx.px(10)
                if y + details_h + ctx.px(6) + bh2 + ctx.px(8) + min_log <= inner.bottom:
                    # room to spare: the hovered action's cost and effect in words
                    self.details_rect = pygame.Rect(inner.left, y, inner.width, details_h)
                    y += details_h + ctx.px(6)
            actions_bottom = y
            y = min(y, inner.bottom - bh2)
            end.rect = pygame.Rect(inner.left, y, half, bh2)
            undo.rect = pygame.Rect(inner.left + half + ctx.px(8), y, inner.width - half - ctx.px(8), bh2)
            y += bh2 + ctx.px(10)
            action_widgets = here + anywhere + [end, undo]
            self.actions = here + anywhere
        else:
            self.actions = []
            y = inner.top + 2 * lh + ctx.px(8)
        self.regions["plan"] = pygame.Rect(right.left, right.top, right.width, y - right.top - ctx.px(2))
        self.regions["log"] = pygame.Rect(right.left, y, right.width, right.bottom - y)
        self.overflow = self.regions["log"].height < ctx.px(40) or (acting is not None and actions_bottom > y - bh2)
        self.ring.set(widgets + action_widgets + [red, help_b, menu])
        if self.ring.focus_id is None and acting is not None:
            self.ring.focus("commit" if not action_widgets else action_widgets[0].id)

    def _front_help(self, ctx, front) -> str:
        lines = [front.description, S("at_stake")] + [f"- {s}" for s in front.stakes]
        if front.resolution:
            lines.append(S("each_year"))
            lines += [f"- {r.text}" for r in front.resolution]
        return "\n".join(lines)

    # --- commands -----------------------------------------------------------
    def _select(self, front_id: str):
        def select():
            self.front = front_id
            return sc.Call("relayout")

        return select

    def _plan(self, action: Action):
        return lambda: sc.Act(action)

    def _menu(self):
        from eurasia_game.ui.screens.menu import MenuScene

        return sc.Push(MenuScene())

    def _help(self):
        from eurasia_game.ui.screens.help import HelpScene

        return sc.Push(HelpScene())

    def _red_lines(self):
        from eurasia_game.ui.screens.dialog import MessageScene

        rules = self._ctx.rules
        crossed = set(self._ctx.game.state.crossed)
        body = "\n".join(f"{r.name}{' ' + S('crossed') if r.id in crossed else ''}: {r.text}" for r in rules.red_lines) or S("no_red_lines")
        return sc.Push(MessageScene(S("red_lines"), body))

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
    def draw(self, surface, ctx) -> None:
        """Blit the board drawn for the current position (cached), then what the
        pointer changes: the hovered widget and the action details box."""
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
            self._draw_details(surface, ctx)

    def _draw_base(self, surface, ctx) -> None:
        game = ctx.game
        rules = ctx.rules
        view = game.session.view(self.viewer)
        surface.fill(ctx.colour("bg"))
        self.hotspots = []
        self._draw_top(surface, ctx, view)
        self._draw_phases(surface, ctx, view)
        r = self.regions["map"]
        surf, _ = self.map.surface(ctx, r)
        surface.blit(surf, r)
        pygame.draw.rect(surface, ctx.colour("panel_edge"), r, 1)
        self.hotspots.append((r, S("map_help")))
        self._draw_stakes(surface, ctx)
        inner = panel(surface, ctx, self.regions["gauges"])
        gh = gauge_height(ctx)
        cols = 2 if self.regions["gauges"].width < ctx.px(900) else 3
        gw = (inner.width - ctx.px(16) * (cols - 1)) // cols
        for i, track in enumerate(rules.tracks):
            rect = pygame.Rect(inner.left + (i % cols) * (gw + ctx.px(16)), inner.top + (i // cols) * (gh + ctx.px(6)), gw, gh)
            self.hotspots += gauge(surface, ctx, rect, track, view.tracks[track.id])
            self.hotspots.append((rect, f"{track.name}: {track.description}"))
        self._draw_plan(surface, ctx, view)
        self._draw_log(surface, ctx)
        self.ring.draw(surface, ctx)
        if ctx.notice:
            ctx.text.draw(surface, ctx.notice, (self.regions["right"].centerx, self.regions["right"].bottom - ctx.px(60)), ctx.fs("font_small"), ctx.colour("danger"), anchor="midbottom")

    def _draw_top(self, surface, ctx, view) -> None:
        rules = ctx.rules
        top = self.regions["top"]
        pygame.draw.rect(surface, ctx.colour("panel"), top)
        scen = rules.scenario[view.scenario]
        big = ctx.fs("font_big")
        x = ctx.px(12)
        year_rect = ctx.text.draw(surface, str(view.year), (x, top.centery), big, ctx.colour("accent"), bold=True, anchor="midleft")
        number = view.year - scen.start_year + 1
        total = scen.end_year - scen.start_year + 1
        info = S("year_of", n=min(number, total), total=total)
        info_rect = ctx.text.draw(surface, info, (year_rect.right + ctx.px(10), top.centery), ctx.fs("font"), ctx.colour("text"), anchor="midleft")
        self.hotspots.append((year_rect.union(info_rect), f"{scen.name}\n{scen.description}"))
        x = info_rect.right + ctx.px(24)
        # each side's power: the long form if it fits before the buttons, else shorter
        room = self.power_right - x
        size = ctx.fs("font")
        for key, size in (("power_of", ctx.fs("font")), ("power_short", ctx.fs("font")), ("power_short", ctx.fs("font_small"))):
            labels = [S(key, side=d.name, power=view.power[d.id], income=view.income[d.id]) for d in rules.sides]
            if sum(ctx.text.width(t, size, True) + ctx.px(46) for t in labels) <= room:
                break
        for side, label in zip(rules.sides, labels):
            sid = side.id
            marker(surface, rules, sid, (x + ctx.px(8), top.centery), ctx.px(8), ctx.side_colour(sid))
            rect = ctx.text.draw(surface, label, (x + ctx.px(22), top.centery), size, ctx.colour("text"), bold=True, anchor="midleft")
            rect.left = x
            self.hotspots.append((rect, S("power_help", side=side.name, goal=side.goal)))
            x = rect.right + ctx.px(24)
        if self.viewer is not None:
            label = S("viewing_as", side=rules.side[self.viewer].name)
        else:
            label = S("viewing_public")
        vx = self.power_right - ctx.px(8)
        if vx - ctx.text.width(label, ctx.fs("font_small")) > x:
            r = ctx.text.draw(surface, label, (vx, top.centery), ctx.fs("font_small"), ctx.colour("text_dim"), anchor="midright")
            self.hotspots.append((r, S("viewing_help")))

    def _draw_phases(self, surface, ctx, view) -> None:
        rules = ctx.rules
        r = self.regions["phases"]
        n = len(rules.phases)
        gap = ctx.px(4)
        w = (r.width - gap * (n - 1)) // n
        size = ctx.fs("font_small")
        label = S("phase_table_short")
        for i, phase in enumerate(rules.phases):
            box = pygame.Rect(r.left + i * (w + gap), r.top + ctx.px(2), w, r.height - ctx.px(4))
            if i == view.phase and not view.ending:
                colour, fg = ctx.colour("phase_now"), ctx.colour("text_dark")
            elif i < view.phase:
                colour, fg = ctx.colour("phase_done"), ctx.colour("text")
            else:
                colour, fg = ctx.colour("phase_todo"), ctx.colour("text_dim")
            pygame.draw.rect(surface, colour, box, border_radius=ctx.px(4))
            text = f"{i + 1}. {phase.name}"
            if ctx.text.width(text, size, True) > box.width - ctx.px(8):
                text = phase.name
            ctx.text.draw(surface, text, box.center, size, fg, bold=True, anchor="center")
            now = S("phase_now") if i == view.phase else ""
            self.hotspots.append((box, f"{label} {i + 1}: {phase.name}{now}\n{phase.description}"))

    def _draw_stakes(self, surface, ctx) -> None:
        rules = ctx.rules
        front = rules.front[self.front]
        inner = panel(surface, ctx, self.regions["stakes"])
        text = S("stakes_line", front=front.name, stakes=" · ".join(front.stakes))
        ctx.text.draw_wrapped(surface, text, inner, ctx.fs("font_small"), ctx.colour("text"))
        self.hotspots.append((self.regions["stakes"], self._front_help(ctx, front)))

    def _log_lines(self, ctx, width: int) -> list[tuple[str, bool]]:
        size = ctx.fs("font_small")
        out: list[tuple[str, bool]] = []
        for event in ctx.game.session.events(self.viewer):
            if event.kind == "year":
                out.append((S("log_year", year=event.year), True))
                continue
            for line in ctx.text.wrap(event.text, size, width - ctx.px(10)):
                out.append((line, False))
        return out

    def _draw_log(self, surface, ctx) -> None:
        r = self.regions["log"]
        if r.height < ctx.px(30):
            return
        inner = panel(surface, ctx, r, S("log"))
        size = ctx.fs("font_small")
        lh = ctx.text.line_height(size, True)
        lines = self._log_lines(ctx, inner.width)
        fit = max(1, inner.height // lh)
        self.log_scroll = min(self.log_scroll, max(0, len(lines) - fit))
        end = len(lines) - self.log_scroll
        shown = lines[max(0, end - fit) : end]
        y = inner.top
        for text, head in shown:
            ctx.text.draw(surface, text, (inner.left + (0 if head else ctx.px(10)), y), size, ctx.colour("accent") if head else ctx.colour("text"), bold=head)
            y += lh
        if self.log_scroll:
            ctx.text.draw(surface, S("log_scrolled"), (inner.right, r.top + ctx.px(8)), size, ctx.colour("text_dim"), anchor="topright")
        self.hotspots.append((r, S("log_help")))

    def _draw_plan(self, surface, ctx, view) -> None:
        rules = ctx.rules
        game = ctx.game
        inner = panel(surface, ctx, self.regions["plan"])
        acting = self._acting_side(ctx)
        size = ctx.fs("font")
        lh = ctx.text.line_height(size)
        y = inner.top
        state_side = game.state.to_act
        if acting is None:
            if view.ending:
                msg = S("game_over")
            elif state_side is not None and not game.is_human(state_side):
                msg = S("computer_thinking", side=rules.side[state_side].name)
            elif state_side is not None:
                msg = S("waiting_for", side=rules.side[state_side].name)
            else:
                msg = ""
            ctx.text.draw_wrapped(surface, msg, inner, size, ctx.colour("text"))
            return
        side = rules.side[acting]
        marker(surface, rules, acting, (inner.left + ctx.px(8), y + lh // 2), ctx.px(8), ctx.side_colour(acting))
        ctx.text.draw(surface, S("plans_title", side=side.name), (inner.left + ctx.px(22), y), size, ctx.colour("accent"), bold=True)
        y += lh
        spent = planned_cost(rules, game.state, acting)
        ctx.text.draw(surface, S("power_left", power=view.power[acting], planned=spent, left=view.power[acting] - spent), (inner.left, y), size, ctx.colour("text"))
        y += lh
        ctx.text.draw(surface, S("orders_planned", n=len(view.own_plan), limit=side.orders_per_year), (inner.left, y), size, ctx.colour("text"), bold=True)
        y += lh
        if not view.own_plan:
            ctx.text.draw(surface, S("no_orders_yet"), (inner.left + ctx.px(10), y), size, ctx.colour("text_dim"))
        for i, order in enumerate(view.own_plan):
            a = rules.action[order.action]
            where = f" — {rules.front[order.target].name}" if order.target else ""
            ctx.text.draw(surface, f"{i + 1}. {a.name}{where}", (inner.left + ctx.px(10), y), size, ctx.colour("text"))
            y += lh
        small = ctx.fs("font_small")
        ctx.text.draw(surface, S("actions_on", front=rules.front[self.front].name, n=min(9, len(rules.fronts))), (inner.left, self.here_title_y), small, ctx.colour("accent"), bold=True)
        ctx.text.draw(surface, S("actions_anywhere"), (inner.left, self.anywhere_title_y), small, ctx.colour("accent"), bold=True)

    def _draw_details(self, surface, ctx) -> None:
        """The cost and effect in words of the hovered (or focused) action."""
        box = self.details_rect
        pygame.draw.rect(surface, ctx.colour("bg"), box, border_radius=ctx.px(4))
        chosen = None
        if ctx.pointer_active and ctx.mouse is not None:
            chosen = next((b for b in self.actions if b.rect.collidepoint(ctx.mouse)), None)
        if chosen is None:
            chosen = next((b for b in self.actions if b.id == self.ring.focus_id), None)
        inner = box.inflate(-ctx.px(12), -ctx.px(8))
        if chosen is None:
            ctx.text.draw_wrapped(surface, S("details_hint"), inner, ctx.fs("font_small"), ctx.colour("text_dim"))
            return
        text = f"{chosen.label}: {chosen.words}"
        if not chosen.enabled and chosen.hidden_reason:
            text += " " + S("unavailable", reason=chosen.hidden_reason)
        else:
            text += " " + chosen.description
        ctx.text.draw_wrapped(surface, text, inner, ctx.fs("font_small"), ctx.colour("text"))


_ = (describe_effects, side_marker)
