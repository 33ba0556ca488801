"""The reveal of a year's orders: both sides' orders side by side, then resolved one by one.

Shown when both sides have committed.  The engine has already carried the
orders out; this screen replays its log (``ui.reveal_sequence``): each order
lights up in its side's column, the tracks and fronts slide to their new
values, and every change leaves a +/- marker whose cause shows on hover.
The pace is the player's "Animation speed" (off: everything at once).  Space
or Enter skips to the end, then closes; Esc closes at once.
"""

from __future__ import annotations

import pygame

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import marker
from eurasia_game.ui.reveal_sequence import STEP_SECONDS, Reveal, Timeline, latest_reveal, pays_in_power
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button


def _signed(delta: int) -> str:
    return f"+{delta}" if delta > 0 else f"\u2212{-delta}"


class OrdersRevealScene(sc.Scene):
    """The year's orders revealed and resolved step by step (public: no secrets are left)."""

    name = "orders_reveal"
    opaque = False

    def __init__(self, reveal: Reveal | None = None, auto_close: float | None = None) -> None:
        super().__init__()
        self.reveal = reveal
        self.timeline: Timeline | None = None
        self.auto_close = auto_close
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.zones: dict[str, pygame.Rect] = {}

    # --- state ---------------------------------------------------------------
    def _start(self, ctx) -> None:
        if self.reveal is None and ctx.game is not None:
            self.reveal = latest_reveal(ctx.game.session)
        if self.timeline is None:
            steps = len(self.reveal.steps) if self.reveal else 0
            self.timeline = Timeline(steps, STEP_SECONDS.get(ctx.settings.animation, STEP_SECONDS["normal"]))

    @property
    def finished(self) -> bool:
        return self.timeline is None or self.timeline.finished

    def _continue(self):
        if not self.finished:
            self.timeline.skip()
            return sc.Call("relayout")
        return sc.Pop()

    # --- lifecycle -------------------------------------------------------------
    def layout(self, ctx) -> None:
        self._start(ctx)
        w, h = ctx.size
        margin = ctx.px(16)
        self.rect = pygame.Rect(margin, margin, w - 2 * margin, h - 2 * margin)
        if self.rect.width > ctx.px(1400):
            self.rect.width = ctx.px(1400)
            self.rect.centerx = w // 2
        pad = ctx.px(14)
        inner = self.rect.inflate(-2 * pad, -2 * pad)
        title_h = ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(8)
        label = S("reveal_continue") if self.finished else S("reveal_skip")
        button = Button("continue", label, on=self._continue, style="primary", shortcut="space", tooltip=S("reveal_continue_help"))
        bw = min(inner.width // 3, max(ctx.px(200), ctx.text.width(label, ctx.fs("font"), True) + ctx.px(90)))
        bh = button.height_for(ctx, bw)
        footer_h = max(bh, 2 * ctx.text.line_height(ctx.fs("font")) + ctx.px(6))
        button.rect = pygame.Rect(inner.right - bw, inner.bottom - bh, bw, bh)
        body = pygame.Rect(inner.left, inner.top + title_h, inner.width, inner.height - title_h - footer_h - ctx.px(10))
        left_w = int(body.width * 0.54)
        left = pygame.Rect(body.left, body.top, left_w, body.height)
        right = pygame.Rect(left.right + ctx.px(14), body.top, body.width - left_w - ctx.px(14), body.height)
        rules = ctx.rules
        sides = len(rules.side_ids)
        most = max((len(v) for v in (self.reveal.orders.values() if self.reveal else ())), default=0)
        row_h = self._order_row_h(ctx)
        orders_h = ctx.text.line_height(ctx.fs("font"), True) + ctx.px(6) + max(1, most) * (row_h + ctx.px(4))
        orders_h = min(orders_h, int(left.height * 0.6))
        tracks_h = len(rules.tracks) * self._track_row_h(ctx) + ctx.text.line_height(ctx.fs("font"), True) + ctx.px(6)
        tracks_h = min(tracks_h, int(right.height * 0.5))
        self.zones = {
            "title": pygame.Rect(inner.left, inner.top, inner.width, title_h),
            "orders": pygame.Rect(left.left, left.top, left.width, orders_h),
            "then": pygame.Rect(left.left, left.top + orders_h + ctx.px(10), left.width, left.height - orders_h - ctx.px(10)),
            "tracks": pygame.Rect(right.left, right.top, right.width, tracks_h),
            "fronts": pygame.Rect(right.left, right.top + tracks_h + ctx.px(10), right.width, right.height - tracks_h - ctx.px(10)),
            "now": pygame.Rect(inner.left, inner.bottom - footer_h, inner.width - bw - ctx.px(14), footer_h),
        }
        self.zones["columns"] = [
            pygame.Rect(left.left + i * (left.width // max(1, sides)), left.top, left.width // max(1, sides) - ctx.px(8), orders_h) for i in range(sides)
        ]
        self.ring.set([button])
        self.ring.focus("continue")

    def _order_row_h(self, ctx) -> int:
        return ctx.text.line_height(ctx.fs("font"), True) + ctx.text.line_height(ctx.fs("font_small")) + ctx.px(8)

    def _track_row_h(self, ctx) -> int:
        return ctx.text.line_height(ctx.fs("font_small"), True) + ctx.px(16)

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        return super().handle(event, ctx)

    def busy(self, ctx) -> bool:
        return not self.finished or self.auto_close is not None

    def update(self, dt, ctx):
        if self.timeline is None:
            return None
        was = self.timeline.finished
        self.timeline.advance(dt)
        if self.timeline.finished and not was:
            self.layout(ctx)  # the button now says Continue
        if self.timeline.finished and self.auto_close is not None:
            self.auto_close -= dt
            if self.auto_close <= 0:
                return sc.Pop()
        return None

    # --- drawing -------------------------------------------------------------
    def _change_label(self, ctx, change) -> str:
        rules = ctx.rules
        if change.front is not None:
            front = rules.front.get(change.front)
            side = rules.side.get(change.side)
            return S("reveal_front_change", front=front.name if front else change.front, side=side.name if side else change.side, delta=_signed(change.delta))
        track = rules.track.get(change.key)
        return S("reveal_track_change", track=track.name if track else change.key, delta=_signed(change.delta))

    def _chips(self, surface, ctx, x: int, cy: int, items: list, right_limit: int) -> None:
        """A row of +/- markers, ``items`` being (change, cause) pairs.  Those that do not
        fit end in one "…N" marker whose hover lists them all, so no cause is hidden."""
        size = ctx.fs("font_small")
        for n, (change, cause) in enumerate(items):
            rest = items[n + 1 :]
            more_w = ctx.text.width(_more_label(len(rest)), size, True) + ctx.px(14) if rest else 0
            w = ctx.text.width(_signed(change.delta), size, True) + ctx.px(10)
            if x + w + more_w > right_limit:
                self._more(surface, ctx, x, cy, items[n:], right_limit)
                return
            x = self._chip(surface, ctx, x, cy, change, cause, right_limit)

    def _more(self, surface, ctx, x: int, cy: int, items: list, right_limit: int) -> None:
        """The "…N" marker standing for ``items`` that did not fit; their causes on hover."""
        size = ctx.fs("font_small")
        text = _more_label(len(items))
        w = ctx.text.width(text, size, True) + ctx.px(10)
        if x + w > right_limit:
            return
        h = ctx.text.line_height(size, True)
        chip = pygame.Rect(x, cy - h // 2, w, h)
        pygame.draw.rect(surface, ctx.colour("text_dim"), chip, border_radius=ctx.px(4))
        ctx.text.draw(surface, text, chip.center, size, ctx.colour("text_dark"), bold=True, anchor="center")
        causes = [S("reveal_cause", change=self._change_label(ctx, change), cause=cause) for change, cause in items]
        self.hotspots.append((chip, "\n".join(causes)))

    def _marker_slots(self, keys: list, least: int, most: int) -> int:
        """Room for as many markers as the busiest of ``keys`` gets by the end of the reveal
        (between ``least`` and ``most``), so the bars keep their length while it plays;
        any more end in a "…N" marker."""
        counts: dict = {}
        for _, change in self.reveal.changes_until(len(self.reveal.steps)) if self.reveal else []:
            if change.key in keys:
                counts[change.key] = counts.get(change.key, 0) + 1
        return max(least, min(most, max(counts.values(), default=0)))

    def _chip(self, surface, ctx, x: int, cy: int, change, cause: str, right_limit: int) -> int:
        """A +/- marker at (x, centre y); its cause on hover.  Returns the x after it."""
        size = ctx.fs("font_small")
        text = _signed(change.delta)
        w = ctx.text.width(text, size, True) + ctx.px(10)
        if x + w > right_limit:
            return x
        h = ctx.text.line_height(size, True)
        chip = pygame.Rect(x, cy - h // 2, w, h)
        colour = ctx.colour("good") if change.delta > 0 else ctx.colour("danger")
        pygame.draw.rect(surface, colour, chip, border_radius=ctx.px(4))
        ctx.text.draw(surface, text, chip.center, size, ctx.colour("text_dark"), bold=True, anchor="center")
        self.hotspots.append((chip, S("reveal_cause", change=self._change_label(ctx, change), cause=cause)))
        return chip.right + ctx.px(4)

    def draw(self, surface, ctx) -> None:
        self.hotspots = []
        pygame.draw.rect(surface, ctx.colour("panel"), self.rect, border_radius=ctx.px(10))
        pygame.draw.rect(surface, ctx.colour("accent"), self.rect, width=ctx.px(2), border_radius=ctx.px(10))
        reveal, tl = self.reveal, self.timeline
        z = self.zones
        big, font, small = ctx.fs("font_big"), ctx.fs("font"), ctx.fs("font_small")
        year = reveal.year if reveal else (ctx.game.state.year if ctx.game else "")
        ctx.text.draw(surface, S("reveal_title", year=year), z["title"].topleft, big, ctx.colour("accent"), bold=True)
        steps = reveal.steps if reveal else ()
        index = tl.index if tl else 0
        progress = S("reveal_progress", n=min(index + 1, len(steps)), total=len(steps)) if not self.finished else S("reveal_done", total=len(steps))
        ctx.text.draw(surface, progress, (z["title"].right, z["title"].top + ctx.px(4)), small, ctx.colour("text_dim"), anchor="topright")
        shown = index + (1 if tl and not tl.finished and tl.fraction > 0 else 0)
        self._draw_orders(surface, ctx, steps, index, shown)
        self._draw_then(surface, ctx, steps, index, shown)
        self._draw_tracks(surface, ctx, steps, shown)
        self._draw_fronts(surface, ctx, steps, shown)
        # what is happening now, in words
        if steps and not self.finished:
            now = steps[min(index, len(steps) - 1)].text
            text = S("reveal_now", text=now)
        elif steps:
            text = S("reveal_all_done")
        else:
            text = S("reveal_nothing")
        ctx.text.draw_wrapped(surface, text, z["now"], font, ctx.colour("text"))
        self.ring.draw(surface, ctx)

    def _draw_orders(self, surface, ctx, steps, index: int, shown: int) -> None:
        rules = ctx.rules
        font, small = ctx.fs("font"), ctx.fs("font_small")
        row_h = self._order_row_h(ctx)
        area = self.zones["orders"]
        clip = surface.get_clip()
        surface.set_clip(area)
        for col, side in zip(self.zones["columns"], rules.side_ids):
            lh = ctx.text.line_height(font, True)
            marker(surface, rules, side, (col.left + ctx.px(8), col.top + lh // 2), ctx.px(7), ctx.side_colour(side))
            ctx.text.draw(surface, S("reveal_orders_of", side=rules.side[side].name), (col.left + ctx.px(22), col.top), font, ctx.colour("accent"), bold=True)
            y = col.top + lh + ctx.px(6)
            mine = self.reveal.orders.get(side, []) if self.reveal else []
            if not mine:
                ctx.text.draw(surface, S("reveal_no_orders"), (col.left + ctx.px(8), y), small, ctx.colour("text_dim"))
            for n, i in enumerate(mine):
                step = steps[i]
                box = pygame.Rect(col.left, y, col.width, row_h)
                self.hotspots.append((box, step.text))  # before its markers: a marker's own help wins
                current = i == index and not self.finished
                done = i < shown
                bg = ctx.colour("button_hover") if current else ctx.colour("bg")
                pygame.draw.rect(surface, bg, box, border_radius=ctx.px(5))
                edge = ctx.colour("accent") if current else ctx.colour("panel_edge")
                pygame.draw.rect(surface, edge, box, width=ctx.px(2) if current else 1, border_radius=ctx.px(5))
                action = rules.action.get(step.action) if step.action else None
                name = action.name if action else step.text
                where = f" \u2014 {rules.front[step.target].name}" if step.target in rules.front else ""
                colour = ctx.colour("text") if done or current else ctx.colour("text_dim")
                label = f"{n + 1}. {name}{where}"
                label = ctx.text.shortened(label, font, box.width - ctx.px(16), True, keep=8)
                ctx.text.draw(surface, label, (box.left + ctx.px(8), box.top + ctx.px(4)), font, colour, bold=True)
                cy = box.top + ctx.px(4) + ctx.text.line_height(font, True) + ctx.text.line_height(small) // 2
                if done:
                    x = box.left + ctx.px(8)
                    if not step.changes:
                        if action is None:
                            quiet = step.text
                        elif pays_in_power(action.effects):  # (selling arms pays in power, not shown here)
                            quiet = S("reveal_power_only")
                        else:
                            quiet = S("reveal_no_change")
                        quiet = ctx.text.shortened(quiet, small, box.width - ctx.px(16))
                        ctx.text.draw(surface, quiet, (x, cy), small, ctx.colour("text_dim"), anchor="midleft")
                    for change in step.changes:
                        x = self._chip(surface, ctx, x, cy, change, step.text, box.right - ctx.px(6))
                else:
                    ctx.text.draw(surface, S("reveal_waiting"), (box.left + ctx.px(8), cy), small, ctx.colour("text_dim"), anchor="midleft")
                y += row_h + ctx.px(4)
        surface.set_clip(clip)

    def _draw_then(self, surface, ctx, steps, index: int, shown: int) -> None:
        """The other things resolved (fronts paying out, red lines), as they are reached."""
        area = self.zones["then"]
        if area.height < ctx.px(30):
            return
        small = ctx.fs("font_small")
        lh = ctx.text.line_height(small)
        ctx.text.draw(surface, S("reveal_then"), area.topleft, ctx.fs("font"), ctx.colour("accent"), bold=True)
        top = area.top + ctx.text.line_height(ctx.fs("font"), True) + ctx.px(4)
        others = [(i, s) for i, s in enumerate(steps) if s.kind != "order" and i < max(shown, index + (0 if self.finished else 1))]
        # newest at the bottom; the oldest scroll off the top when there is no room
        lines: list[tuple[int, str, object]] = []
        chip_w = ctx.px(40)
        for i, step in others:
            wrapped = ctx.text.wrap(step.text, small, area.width - ctx.px(12) - chip_w * min(3, len(step.changes)))
            for n, line in enumerate(wrapped):
                lines.append((i, line, step if n == 0 else None))
        fit = max(0, (area.bottom - top) // lh)
        y = top
        for i, line, step in lines[-fit:] if fit else []:
            current = i == index and not self.finished
            colour = ctx.colour("accent") if current else ctx.colour("text")
            rect = ctx.text.draw(surface, line, (area.left + ctx.px(4), y), small, colour, bold=current)
            if step is not None and i < shown:
                x = rect.right + ctx.px(8)
                for change in step.changes:
                    x = self._chip(surface, ctx, x, y + lh // 2, change, step.text, area.right)
            y += lh
        if not others:
            ctx.text.draw(surface, S("reveal_then_none"), (area.left + ctx.px(4), top), small, ctx.colour("text_dim"))

    def _bar(self, surface, ctx, rect: pygame.Rect, low: int, high: int, value: float, colour) -> None:
        pygame.draw.rect(surface, ctx.colour("zone"), rect, border_radius=ctx.px(3))
        span = max(1, high - low)
        filled = rect.copy()
        filled.width = int(rect.width * max(0.0, min(1.0, (value - low) / span)))
        if filled.width > 0:
            pygame.draw.rect(surface, colour, filled, border_radius=ctx.px(3))
        pygame.draw.rect(surface, ctx.colour("panel_edge"), rect, 1, border_radius=ctx.px(3))

    def _draw_tracks(self, surface, ctx, steps, shown: int) -> None:
        rules = ctx.rules
        area = self.zones["tracks"]
        font, small = ctx.fs("font"), ctx.fs("font_small")
        ctx.text.draw(surface, S("reveal_tracks"), area.topleft, font, ctx.colour("accent"), bold=True)
        y = area.top + ctx.text.line_height(font, True) + ctx.px(6)
        row_h = self._track_row_h(ctx)
        name_w = min(int(area.width * 0.42), max(ctx.text.width(t.name, small, True) for t in rules.tracks) + ctx.px(8)) if rules.tracks else 0
        changes = self.reveal.changes_until(shown) if self.reveal else []
        start = self.reveal.start if self.reveal else {}
        slots = self._marker_slots([t.id for t in rules.tracks], 3, 5)
        for track in rules.tracks:
            if y + row_h > area.bottom + ctx.px(2):
                break
            value = self.timeline.value(self.reveal, track.id) if self.reveal else 0
            mine = [(i, c) for i, c in changes if c.key == track.id]
            row = pygame.Rect(area.left, y, area.width, row_h)
            if mine and mine[-1][0] == self.timeline.index and not self.finished:
                pygame.draw.rect(surface, ctx.colour("button_hover"), row.inflate(ctx.px(6), 0), border_radius=ctx.px(4))
            name = track.name
            name = ctx.text.shortened(name, small, name_w - ctx.px(4), True, keep=4)
            cy = y + row_h // 2
            self.hotspots.append((row, f"{track.name}: {track.description}"))
            ctx.text.draw(surface, name, (area.left, cy), small, ctx.colour("text"), bold=True, anchor="midleft")
            was = start.get(track.id, 0)
            now = round(value)
            number = S("reveal_from_to", was=was, now=now) if now != was else str(now)
            chips_w = ctx.px(36) * slots  # the same bar length on every row
            num_w = ctx.text.width(S("reveal_from_to", was=track.max, now=track.max), small, True)
            bar = pygame.Rect(area.left + name_w, cy - ctx.px(6), max(ctx.px(30), area.width - name_w - num_w - chips_w - ctx.px(16)), ctx.px(12))
            danger = any(z.danger and z.min <= now <= z.max for z in track.zones)
            self._bar(surface, ctx, bar, track.min, track.max, value, ctx.colour("danger") if danger else ctx.colour("accent"))
            ctx.text.draw(surface, number, (bar.right + ctx.px(6), cy), small, ctx.colour("text"), bold=True, anchor="midleft")
            x = bar.right + ctx.px(12) + num_w
            self._chips(surface, ctx, x, cy, [(change, self.reveal.steps[i].text) for i, change in mine], area.right)
            y += row_h

    def _draw_fronts(self, surface, ctx, steps, shown: int) -> None:
        rules = ctx.rules
        area = self.zones["fronts"]
        font, small = ctx.fs("font"), ctx.fs("font_small")
        ctx.text.draw(surface, S("reveal_fronts"), area.topleft, font, ctx.colour("accent"), bold=True)
        top = area.top + ctx.text.line_height(font, True) + ctx.px(6)
        changes = self.reveal.changes_until(shown) if self.reveal else []
        slots = self._marker_slots([f"{f.id}/{s}" for f in rules.fronts for s in rules.side_ids], 2, 4)
        n = max(1, len(rules.fronts))
        cols = 2 if area.width > ctx.px(420) and (area.bottom - top) < n * (ctx.text.line_height(small, True) + len(rules.side_ids) * ctx.px(18) + ctx.px(8)) else 1
        per_col = (n + cols - 1) // cols
        col_w = (area.width - ctx.px(12) * (cols - 1)) // cols
        lh = ctx.text.line_height(small, True)
        block_h = max(ctx.px(20), min((area.bottom - top) // per_col, lh + len(rules.side_ids) * ctx.px(22) + ctx.px(10)))
        for k, front in enumerate(rules.fronts):
            x0 = area.left + (k // per_col) * (col_w + ctx.px(12))
            y = top + (k % per_col) * block_h
            lh = ctx.text.line_height(small, True)
            if y + lh > area.bottom:
                continue
            ctx.text.draw(surface, front.name, (x0, y), small, ctx.colour("text"), bold=True)
            self.hotspots.append((pygame.Rect(x0, y, col_w, lh), front.description))
            y += lh
            line_h = max(ctx.px(16), min(ctx.px(22), (block_h - lh - ctx.px(4)) // max(1, len(rules.side_ids))))
            for side in rules.side_ids:
                if y + line_h > area.bottom + ctx.px(2):
                    break
                key = f"{front.id}/{side}"
                value = self.timeline.value(self.reveal, key) if self.reveal else 0
                cy = y + line_h // 2
                marker(surface, rules, side, (x0 + ctx.px(8), cy), ctx.px(5), ctx.side_colour(side))
                mine = [(i, c) for i, c in changes if c.key == key]
                chips_w = ctx.px(36) * slots
                bar = pygame.Rect(x0 + ctx.px(20), cy - ctx.px(5), max(ctx.px(30), col_w - ctx.px(20) - ctx.px(28) - chips_w), ctx.px(10))
                self._bar(surface, ctx, bar, front.min, front.max, value, ctx.side_colour(side))
                ctx.text.draw(surface, str(round(value)), (bar.right + ctx.px(6), cy), small, ctx.colour("text"), bold=True, anchor="midleft")
                x = bar.right + ctx.px(30)
                self._chips(surface, ctx, x, cy, [(change, self.reveal.steps[i].text) for i, change in mine], x0 + col_w)
                y += line_h


def _more_label(count: int) -> str:
    """The marker for ``count`` changes that did not fit on their row."""
    return f"\u2026{count}"
