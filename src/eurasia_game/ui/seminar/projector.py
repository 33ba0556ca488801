"""The projector view: the public state only, in large type, for the whole class.

It draws from the engine's public view (``view(rules, state, None)``) and
the public log, so no side's planned orders, dilemma leanings or the
facilitator's queued injects can ever reach it.  It shows the year and the
phase table, who is deciding (not what), the turn timer, every shared track
with its zones, each front's standing, Beijing's red lines crossed, the
latest public events, the discussion topic while the class talks, and the
ending once the game is over.

It runs in its own window beside the players' one when the system allows
(``Seminar.open_window``), or as a scene in the players' window (F10 toggles).
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.views import view
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import gauge, gauge_height, marker
from eurasia_game.ui.seminar.presets import clock
from eurasia_game.ui.seminar.words import W
from eurasia_game.ui.strings import joined

BOOST = 1.45  # type larger than the players' window
LOG_LINES = 5


class SurfaceContext:
    """The app's drawing context for another surface: same settings and words, its own size."""

    def __init__(self, ctx, size: tuple[int, int], boost: float = BOOST) -> None:
        self._ctx = ctx
        self._size = size
        self._boost = boost

    def __getattr__(self, name):
        return getattr(self._ctx, name)

    @property
    def size(self) -> tuple[int, int]:
        return self._size

    @property
    def scale(self) -> float:
        w, h = self._size
        fit = max(0.6, min(2.4, min(w / 1280, h / 800)))
        return fit * self._boost

    def px(self, n: float) -> int:
        return max(1, int(round(n * self.scale)))

    def fs(self, name: str) -> int:
        from eurasia_game.ui import palette

        return max(10, int(round(palette.size(name) * self.scale * self._ctx.settings.text_size)))


def deciding_words(rules, state) -> str:
    """Who the game waits for, in public words (never what they plan)."""
    if state.over:
        return W("sem_proj_over", ending=rules.ending[state.ending].name)
    side = rules.side[state.to_act].name
    if state.dilemma is not None:
        return W("sem_proj_choosing", side=side, card=rules.event[state.dilemma].title)
    if rules.phases[state.phase].kind == "plan":
        return W("sem_proj_planning", side=side)
    return W("sem_proj_deciding", side=side)


def draw_projector(surface, base_ctx, app) -> None:
    """Draw the public view of the game on ``surface`` (the projector window or the main one)."""
    ctx = SurfaceContext(base_ctx, surface.get_size())
    game = app.game
    rules = ctx.rules
    surface.fill(ctx.colour("bg"))
    if game is None:
        return
    top = app.stack[-1] if app.stack else None
    if getattr(top, "name", "") == "sem_discussion":
        from eurasia_game.ui.seminar.discussion import draw_discussion

        draw_discussion(surface, ctx, top.topic, None, scale=1.0)
        return
    state = game.state
    public = view(rules, state, None)
    w, h = surface.get_size()
    m = ctx.px(14)
    # --- header: year, phase, who decides, the clock
    big = ctx.fs("font_title")
    year_rect = ctx.text.draw(surface, str(public.year), (m, m), big, ctx.colour("accent"), bold=True)
    scen = rules.scenario[public.scenario]
    number = min(public.year - scen.start_year + 1, scen.end_year - scen.start_year + 1)
    ctx.text.draw(surface, W("sem_proj_year", n=number, total=scen.end_year - scen.start_year + 1, scenario=scen.name), (year_rect.right + ctx.px(16), m + ctx.px(4)), ctx.fs("font"), ctx.colour("text_dim"))
    ctx.text.draw(surface, deciding_words(rules, state), (year_rect.right + ctx.px(16), year_rect.bottom - ctx.px(4)), ctx.fs("font_big"), ctx.colour("text"), bold=True, anchor="bottomleft")
    shown = app.seminar.countdown()
    if shown is not None:
        side, left = shown
        colour = ctx.colour("danger") if left <= 15 else ctx.colour("accent")
        text = W("sem_time_up_badge", side=rules.side[side].name) if left <= 0 else clock(left)
        ctx.text.draw(surface, text, (w - m, m), big, colour, bold=True, anchor="topright")
    y = year_rect.bottom + ctx.px(8)
    # --- the phase table
    n = len(rules.phases)
    gap = ctx.px(6)
    pw = (w - 2 * m - gap * (n - 1)) // n
    ph = ctx.text.line_height(ctx.fs("font"), True) + ctx.px(10)
    for i, phase in enumerate(rules.phases):
        box = pygame.Rect(m + i * (pw + gap), y, pw, ph)
        now = i == public.phase and not public.ending
        fill = ctx.colour("phase_now") if now else ctx.colour("phase_done") if i < public.phase else ctx.colour("phase_todo")
        pygame.draw.rect(surface, fill, box, border_radius=ctx.px(5))
        ctx.text.draw(surface, phase.name, box.center, ctx.fs("font"), ctx.colour("text_dark") if now else ctx.colour("text"), bold=True, anchor="center")
    y += ph + m
    body = pygame.Rect(m, y, w - 2 * m, h - y - m)
    _draw_tracks(surface, ctx, pygame.Rect(body.left, body.top, int(body.width * 0.5), body.height), public)
    right = pygame.Rect(body.left + int(body.width * 0.5) + ctx.px(24), body.top, body.width - int(body.width * 0.5) - ctx.px(24), body.height)
    used = _draw_fronts(surface, ctx, right, public)
    _draw_log(surface, ctx, pygame.Rect(right.left, right.top + used + ctx.px(8), right.width, right.height - used - ctx.px(8)), game, public)


def _draw_tracks(surface, ctx, area, public) -> None:
    """Every shared track as a gauge with its zones, one under another."""
    rules = ctx.rules
    gh = gauge_height(ctx)
    row_h = max(gh, area.height // max(1, len(rules.tracks)))
    for i, track in enumerate(rules.tracks):
        gauge(surface, ctx, pygame.Rect(area.left, area.top + i * row_h, area.width, gh), track, public.tracks[track.id])


def _draw_fronts(surface, ctx, area, public) -> int:
    """Each front's standings as bars; returns the height used."""
    rules = ctx.rules
    size = ctx.fs("font")
    title = ctx.fs("font_big")
    title_h = ctx.text.line_height(title, True)
    row_h = ctx.text.line_height(size, True) + ctx.px(2)
    label_w = max(ctx.text.width(f"{rules.side[s].name} {f.max}", size, True) for s in rules.side_ids for f in rules.fronts)
    cols = 2 if len(rules.fronts) > 1 else 1
    gap = ctx.px(18)
    col_w = (area.width - gap * (cols - 1)) // cols
    block_h = title_h + len(rules.side_ids) * row_h + ctx.px(8)
    for i, front in enumerate(rules.fronts):
        row, col = divmod(i, cols)
        x, y = area.left + col * (col_w + gap), area.top + row * block_h
        ctx.text.draw(surface, front.name, (x, y), title, ctx.colour("text"), bold=True)
        y += title_h
        for side in rules.side_ids:
            cy = y + row_h // 2
            marker(surface, rules, side, (x + ctx.px(9), cy), ctx.px(7), ctx.side_colour(side))
            value = public.standing[front.id][side]
            ctx.text.draw(surface, f"{rules.side[side].name} {value}", (x + ctx.px(22), cy), size, ctx.colour("text"), bold=True, anchor="midleft")
            bar_left = x + ctx.px(22) + label_w + ctx.px(10)
            bar = pygame.Rect(bar_left, cy - ctx.px(5), max(ctx.px(20), x + col_w - bar_left), ctx.px(10))
            pygame.draw.rect(surface, ctx.colour("zone"), bar)
            filled = bar.copy()
            filled.width = int(bar.width * max(0, value - front.min) / max(1, front.max - front.min))
            pygame.draw.rect(surface, ctx.side_colour(side), filled)
            y += row_h
    return ((len(rules.fronts) + cols - 1) // cols) * block_h


def _draw_log(surface, ctx, area, game, public) -> None:
    """The ending (once reached), red lines crossed and the latest public events, newest last."""
    rules = ctx.rules
    if area.height < ctx.px(30):
        return
    pygame.draw.rect(surface, ctx.colour("panel"), area, border_radius=ctx.px(6))
    inner = area.inflate(-ctx.px(16), -ctx.px(12))
    size = ctx.fs("font")
    lh = ctx.text.line_height(size)
    y = inner.top
    if public.ending:
        ending = rules.ending[public.ending]
        y += ctx.text.draw_wrapped(surface, f"{ending.name}: {ending.future}", pygame.Rect(inner.left, y, inner.width, inner.height), ctx.fs("font_big"), ctx.colour("accent"), bold=True) + ctx.px(6)
    crossed = [line.name for line in rules.red_lines if line.id in public.crossed]
    if crossed:
        y += ctx.text.draw_wrapped(surface, W("sem_proj_red_lines", names=joined(crossed)), pygame.Rect(inner.left, y, inner.width, inner.bottom - y), size, ctx.colour("danger"), bold=True) + ctx.px(4)
    events = [e.text for e in game.session.events(None) if e.kind not in ("year", "income", "committed")]
    room = max(0, (inner.bottom - y) // lh)
    shown: list[list[str]] = []  # whole events only, newest last
    for text in reversed(events[-LOG_LINES:]):
        wrapped = ctx.text.wrap(text, size, inner.width)
        if sum(map(len, shown)) + len(wrapped) > room:
            break
        shown.insert(0, wrapped)
    for wrapped in shown:
        for line in wrapped:
            ctx.text.draw(surface, line, (inner.left, y), size, ctx.colour("text"))
            y += lh


class ProjectorScene(sc.Scene):
    """The projector view inside the players' window (F10 or Escape goes back)."""

    name = "sem_projector"

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F10):
            return sc.Pop()
        return None

    def update(self, dt, ctx):
        return None

    def draw(self, surface, ctx) -> None:
        draw_projector(surface, ctx, ctx.app)
