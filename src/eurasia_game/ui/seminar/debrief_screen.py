"""The debrief screen: the game against the article, after the game or at any time.

Tabs: the ending with the article's future and the discussion questions;
the timeline of the years; charts of every track and front; the turning
points with what caused them; the events that fired, grouped by the article
section they come from, with their teaching notes; and, when the class
rewound, its lines of play side by side.  "Save report" writes the HTML,
Markdown and CSV report (``report.export``) into the saves folder.

The data is the same ``report.debrief.Debrief`` the exported report uses.
While the game is still running it shows only public events.
"""

from __future__ import annotations

import pygame

from eurasia_game.report.debrief import Debrief, build_debrief, how_words, moved_text, signed
from eurasia_game.session.branches import line_name, shown_info
from eurasia_game.ui.strings import basis_text, joined
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.chart import line_chart
from eurasia_game.ui.drawing import panel
from eurasia_game.ui.seminar.widgets import Scroller
from eurasia_game.ui.seminar.words import W
from eurasia_game.ui.widgets import Button

TABS = ("ending", "timeline", "charts", "turning", "events", "lines")
CATEGORY_COLOUR = {"event": "accent", "decision": "good", "red_line": "danger", "facilitator": "danger_safe", "ending": "accent"}



class DebriefScene(sc.Scene):
    name = "sem_debrief"

    def __init__(self, tab: str = "ending") -> None:
        super().__init__()
        self.tab = tab
        self.lines: list[tuple] = []
        self.scroll = Scroller()
        self.content = pygame.Rect(0, 0, 0, 0)
        self.rows: list[tuple] = []
        self.fit = 1

    # --- data ------------------------------------------------------------------
    def _build(self, ctx) -> None:
        klass = ctx.app.seminar.ensure_class()
        klass.sync()
        current = klass.branch(klass.current)
        session = ctx.game.session
        first = session.steps[0].result
        from eurasia_game.report.debrief import debrief_of

        live = debrief_of(ctx.rules, current.record, first.state, first.events, session.state, session.events(everything=True))
        self.lines = []
        for branch in klass.branches:
            debrief = live if branch.info.id == klass.current else build_debrief(ctx.rules, branch.record)
            self.lines.append((shown_info(branch.info), debrief))
        self.debrief: Debrief = live
        self.line_name = line_name(current.info)

    def _tabs(self) -> tuple[str, ...]:
        return TABS if len(self.lines) > 1 else TABS[:-1]

    # --- layout ----------------------------------------------------------------
    def layout(self, ctx) -> None:
        if not self.lines:
            self._build(ctx)
        w, h = ctx.size
        m = ctx.px(16)
        head = ctx.text.line_height(ctx.fs("font_big"), True) + ctx.px(8)
        tabs = []
        for i, tab in enumerate(self._tabs()):
            tabs.append(Button(f"tab:{tab}", W(f"sem_tab_{tab}"), on=self._select(tab), selected=tab == self.tab, style="option", shortcut=str(i + 1)))
        tab_h = max(b.height_for(ctx, ctx.px(150)) for b in tabs)
        tab_w = (w - 2 * m - ctx.px(6) * (len(tabs) - 1)) // len(tabs)
        for i, b in enumerate(tabs):
            b.rect = pygame.Rect(m + i * (tab_w + ctx.px(6)), m + head, tab_w, tab_h)
        save = Button("sem_save_report", W("sem_save_report"), on=lambda: sc.Call("seminar", ("save_report_command",)), style="primary", shortcut="ctrl+s", tooltip=W("sem_save_report_help"))
        close = Button("sem_close", W("sem_close"), on=lambda: sc.Pop(), shortcut="escape")
        bw = ctx.px(230)
        bh = max(save.height_for(ctx, bw), close.height_for(ctx, bw))
        close.rect = pygame.Rect(w - m - bw, h - m - bh, bw, bh)
        save.rect = pygame.Rect(close.rect.left - ctx.px(8) - bw, h - m - bh, bw, bh)
        top = m + head + tab_h + ctx.px(10)
        self.content = pygame.Rect(m, top, w - 2 * m, h - top - bh - 2 * m)
        self.rows = self._rows(ctx) if self.tab != "charts" else []
        lh = ctx.text.line_height(ctx.fs("font"))
        self.fit = max(1, (self.content.height - ctx.px(20)) // lh)
        self.scroll.clamp(self._height(ctx), self.content.height - ctx.px(20))
        self.ring.set(tabs + [save, close])
        if self.ring.focus_id is None:
            self.ring.focus(f"tab:{self.tab}")

    def _select(self, tab: str):
        def select():
            self.tab = tab
            self.scroll.offset = 0
            return sc.Call("relayout")

        return select

    # --- text rows ---------------------------------------------------------------
    def _rows(self, ctx) -> list[tuple]:
        """(text, size name, colour name, bold, indent) rows of the selected tab, wrapped."""
        raw = getattr(self, f"_rows_{self.tab}")(ctx)
        width = self.content.width - ctx.px(24)
        out = []
        for text, size, colour, bold, indent in raw:
            px = ctx.fs(size)
            for line in ctx.text.wrap(text, px, width - ctx.px(indent), bold):
                out.append((line, size, colour, bold, indent))
        return out

    def _height(self, ctx) -> int:
        return sum(ctx.text.line_height(ctx.fs(size), bold) for _, size, _, bold, _ in self.rows)

    def _rows_ending(self, ctx):
        d = self.debrief
        rules = ctx.rules
        rows = [(W("sem_debrief_game", scenario=d.scenario_name, seed=d.seed, line=self.line_name), "font", "text_dim", False, 0)]
        if d.ending is None:
            rows.append((W("sem_debrief_running", year=d.year), "font_big", "text", True, 0))
            return rows
        e = d.ending
        rows += [
            (f"{e.name} ({e.year})", "font_title", "accent", True, 0),
            (W("sem_debrief_future", future=e.future, section=e.section), "font_big", "text", True, 0),
            (e.text, "font", "text", False, 0),
            (joined(W(f"sem_result_{r}", side=rules.side[s].name) for s, r in e.results.items() if s in rules.side), "font", "text", True, 0),
        ]
        if d.decided:
            rows.append((d.decided, "font", "accent", True, 0))
        rows += [
            ("", "font", "text", False, 0),
            (W("sem_debrief_questions"), "font_big", "accent", True, 0),
        ]
        rows += [(f"{n}. {q}", "font_big", "text", False, 16) for n, q in enumerate(e.questions, start=1)]
        # Every roll that could end the game or move a track, with its odds and result.
        rows += [("", "font", "text", False, 0), (W("sem_debrief_rolls"), "font_big", "accent", True, 0)]
        if d.armed_from:
            rows.append((W("sem_debrief_armed", year=d.armed_from), "font", "text_dim", False, 0))
        rows += [(line, "font", "text", False, 16) for line in d.rolls] or [(W("sem_debrief_no_rolls"), "font", "text_dim", False, 16)]
        return rows

    def _rows_timeline(self, ctx):
        rows = []
        for year, items in self.debrief.timeline.items():
            rows.append((str(year), "font_big", "accent", True, 0))
            for item in items:
                colour = CATEGORY_COLOUR.get(item.category, "text" if item.category != "rule" else "text_dim")
                mark = ""
                if item.kind == "card" and item.how in ("forced", "forced_next"):
                    mark = W("sem_mark_forced") + " "
                elif item.kind == "card" and item.how in ("now", "next"):
                    mark = W("sem_mark_inject") + " "
                moved = f"  ({moved_text(item.moved)})" if item.moved else ""
                size = "font_small" if item.category == "rule" else "font"
                rows.append((mark + item.text + moved, size, colour, item.category in ("facilitator", "red_line", "ending"), 12))
                if item.kind == "card" and item.card in ctx.rules.event:
                    card = ctx.rules.event[item.card]
                    basis = f" ({card.basis})" if card.basis else ""
                    rows.append((f"{card.section}{basis}: {card.teaching_note}", "font_small", "text_dim", False, 28))
        return rows or [(W("sem_debrief_nothing"), "font", "text_dim", False, 0)]

    def _rows_turning(self, ctx):
        rows = []
        for point in self.debrief.turning_points:
            rows.append((f"{point.year}  {point.label}: {point.before} -> {point.after} ({signed(point.delta)})", "font_big", "accent", True, 0))
            rows += [(f"{c.text} ({signed(c.delta)})", "font", "text", False, 16) for c in point.causes]
        return rows or [(W("sem_debrief_nothing"), "font", "text_dim", False, 0)]

    def _rows_events(self, ctx):
        rows = []
        sections = list(ctx.rules.game.sources) + sorted({c.section for c in self.debrief.cards} - set(ctx.rules.game.sources))
        for section in sections:
            cards = [c for c in self.debrief.cards if c.section == section]
            if not cards:
                continue
            rows.append((section, "font_big", "accent", True, 0))
            for c in cards:
                rows.append((f"{c.year}  {c.title} ({how_words(c.how)})", "font", "text", True, 12))
                rows.append((f"{basis_text(c.basis)} {c.teaching_note}".strip(), "font", "text_dim", False, 28))
        return rows or [(W("sem_debrief_nothing"), "font", "text_dim", False, 0)]

    def _rows_lines(self, ctx):
        rows = []
        for info, d in self.lines:
            origin = W("sem_line_original") if info.parent is None else W("sem_line_from", year=info.fork_year)
            ending = f"{d.ending.name} ({d.ending.year})" if d.ending else W("sem_line_running", year=d.year)
            rows.append((f"{info.name}: {ending}", "font_big", "accent", True, 0))
            rows.append((origin, "font", "text_dim", False, 12))
            rows.append((joined(f"{s.label} {s.values[-1]}" for s in d.tracks), "font", "text", False, 12))
        return rows

    # --- input -------------------------------------------------------------------
    def handle(self, event, ctx):
        lh = ctx.text.line_height(ctx.fs("font"))
        if self.scroll.handle(event, 3 * lh, max(lh, self.content.height - 3 * lh)):
            self.scroll.clamp(self._height(ctx), self.content.height - ctx.px(20))
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_DOWN, pygame.K_UP) and self.tab != "charts":
            self.scroll.offset += lh * (1 if event.key == pygame.K_DOWN else -1)
            self.scroll.clamp(self._height(ctx), self.content.height - ctx.px(20))
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        return super().handle(event, ctx)

    # --- drawing -----------------------------------------------------------------
    def draw(self, surface, ctx) -> None:
        surface.fill(ctx.colour("bg"))
        m = ctx.px(16)
        title = W("sem_debrief_title", line=self.line_name) if len(self.lines) > 1 else W("sem_debrief_title_one")
        ctx.text.draw(surface, title, (m, m), ctx.fs("font_big"), ctx.colour("accent"), bold=True)
        inner = panel(surface, ctx, self.content)
        if self.tab == "charts":
            self._draw_charts(surface, ctx, inner)
        else:
            self._draw_rows(surface, ctx, inner)
        self.ring.draw(surface, ctx)

    def _draw_rows(self, surface, ctx, inner) -> None:
        clip = surface.get_clip()
        surface.set_clip(inner)
        y = inner.top - self.scroll.offset
        for text, size, colour, bold, indent in self.rows:
            px = ctx.fs(size)
            lh = ctx.text.line_height(px, bold)
            if y + lh >= inner.top and y <= inner.bottom:
                ctx.text.draw(surface, text, (inner.left + ctx.px(indent), y), px, ctx.colour(colour), bold=bold)
            y += lh
        surface.set_clip(clip)
        total = self._height(ctx)
        if total > inner.height:
            bar = pygame.Rect(inner.right - ctx.px(4), inner.top, ctx.px(4), inner.height)
            pygame.draw.rect(surface, ctx.colour("zone"), bar)
            knob = bar.copy()
            knob.height = max(ctx.px(20), int(bar.height * inner.height / total))
            knob.top = bar.top + int((bar.height - knob.height) * self.scroll.offset / max(1, total - inner.height))
            pygame.draw.rect(surface, ctx.colour("accent"), knob)

    def _draw_charts(self, surface, ctx, inner) -> None:
        d = self.debrief
        labels = [p if i == 0 else str(y) for i, (p, y) in enumerate(zip(d.points, d.point_years))]  # short labels: the year alone, not "2024 so far"
        charts = [(s.label, [(None, list(s.values))], s.low, s.high) for s in d.tracks]
        for name, rows in d.fronts.values():
            charts.append((name, [(r.key.split("/", 1)[1], list(r.values)) for r in rows], min(r.low for r in rows), max(r.high for r in rows)))
        n = len(charts)
        cols = 3 if inner.width > ctx.px(700) else 2
        rows_n = (n + cols - 1) // cols
        gap = ctx.px(8)
        cw = (inner.width - gap * (cols - 1)) // cols
        ch = (inner.height - gap * (rows_n - 1)) // rows_n
        self.hotspots = []
        for i, (title, series, lo, hi) in enumerate(charts):
            rect = pygame.Rect(inner.left + (i % cols) * (cw + gap), inner.top + (i // cols) * (ch + gap), cw, ch)
            line_chart(surface, ctx, rect, title, labels, series, lo, hi)
            self.hotspots.append((rect, title))


def debrief_button() -> Button:
    """The ending screen's way into the debrief."""
    return Button("sem_debrief", W("sem_debrief"), on=lambda: sc.Push(DebriefScene()), shortcut="d", tooltip=W("sem_debrief_help"))
