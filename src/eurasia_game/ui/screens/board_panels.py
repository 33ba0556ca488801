"""The board's frame: where each panel goes, and the panels around the map.

``board_regions`` divides the window: the top bar (the year, each side's
power, whose view is shown), the phase table under it, the map with the
selected front's stakes and the track gauges on the left, the action panel
and the log on the right.  The drawing functions here fill the top bar,
the phase table, the gauges and the log, and register the hover help of
what they draw in ``board.hotspots``.  The map panel is in ``board_map``,
the action panel in ``board_actions``.
"""

from __future__ import annotations

import pygame

from eurasia_game.ui.drawing import gauge, gauge_height, marker, panel
from eurasia_game.ui.screens.objectives_view import draw_board_cell, has_objectives
from eurasia_game.ui.strings import S


def board_regions(ctx, share: float) -> dict[str, pygame.Rect]:
    """The board's regions for the window's size, the left column taking ``share`` of the width.

    The right column (``"right"``) is divided later into the plan (``"plan"``)
    and the log (``"log"``) once the action panel knows its height.
    """
    rules = ctx.rules
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
    # the gauges, and a cell for the sides' objectives when the rules give any
    n_tracks = len(rules.tracks) + (1 if has_objectives(rules) else 0)
    cols = 2 if left.width < ctx.px(900) else 3
    rows = (n_tracks + cols - 1) // cols
    gauges_h = rows * (gh + ctx.px(6)) + ctx.px(16)
    stakes_h = ctx.text.line_height(ctx.fs("font_small")) * 4 + ctx.px(16)  # room for the plan preview
    map_h = max(ctx.px(160), left.height - gauges_h - stakes_h - 2 * m)
    map_rect = pygame.Rect(left.left, left.top, left.width, map_h)
    stakes = pygame.Rect(left.left, map_rect.bottom + m, left.width, stakes_h)
    gauges = pygame.Rect(left.left, stakes.bottom + m, left.width, left.bottom - stakes.bottom - m)
    return {"top": top, "phases": phases, "map": map_rect, "stakes": stakes, "gauges": gauges, "right": right}


def draw_top(board, surface, ctx, view) -> None:
    """The year, each side's power and income, and whose view is shown."""
    rules = ctx.rules
    top = board.regions["top"]
    pygame.draw.rect(surface, ctx.colour("panel"), top)
    scen = rules.scenario[view.scenario]
    big = ctx.fs("font_big")
    x = ctx.px(12)
    year_rect = ctx.text.draw(surface, str(view.year), (x, top.centery), big, ctx.colour("accent"), bold=True, anchor="midleft")
    number = view.year - scen.start_year + 1
    total = scen.end_year - scen.start_year + 1
    info = S("year_of", n=min(number, total), total=total)
    info_rect = ctx.text.draw(surface, info, (year_rect.right + ctx.px(10), top.centery), ctx.fs("font"), ctx.colour("text"), anchor="midleft")
    board.hotspots.append((year_rect.union(info_rect), f"{scen.name}\n{scen.description}"))
    x = info_rect.right + ctx.px(24)
    # each side's power: the long form if it fits before the buttons, else shorter
    room = board.power_right - x
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
        board.hotspots.append((rect, S("power_help", side=side.name, goal=side.goal)))
        x = rect.right + ctx.px(24)
    if board.viewer is not None:
        label = S("viewing_as", side=rules.side[board.viewer].name)
    else:
        label = S("viewing_public")
    vx = board.power_right - ctx.px(8)
    if vx - ctx.text.width(label, ctx.fs("font_small")) > x:
        r = ctx.text.draw(surface, label, (vx, top.centery), ctx.fs("font_small"), ctx.colour("text_dim"), anchor="midright")
        board.hotspots.append((r, S("viewing_help")))


def draw_phases(board, surface, ctx, view) -> None:
    """The year's phases, the current one highlighted."""
    rules = ctx.rules
    r = board.regions["phases"]
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
        board.hotspots.append((box, f"{label} {i + 1}: {phase.name}{now}\n{phase.description}"))


def draw_gauges(board, surface, ctx, view) -> None:
    """A gauge per shared track, with its zones' and its own hover help, then the objectives."""
    rules = ctx.rules
    inner = panel(surface, ctx, board.regions["gauges"])
    gh = gauge_height(ctx)
    cols = 2 if board.regions["gauges"].width < ctx.px(900) else 3
    gw = (inner.width - ctx.px(16) * (cols - 1)) // cols
    board.gauge_rects = {}
    for i, track in enumerate(rules.tracks):
        rect = pygame.Rect(inner.left + (i % cols) * (gw + ctx.px(16)), inner.top + (i // cols) * (gh + ctx.px(6)), gw, gh)
        board.gauge_rects[track.id] = rect
        board.hotspots += gauge(surface, ctx, rect, track, view.tracks[track.id])
        board.hotspots.append((rect, f"{track.name}: {track.description}"))
    if has_objectives(rules):
        i = len(rules.tracks)
        rect = pygame.Rect(inner.left + (i % cols) * (gw + ctx.px(16)), inner.top + (i // cols) * (gh + ctx.px(6)), gw, gh)
        draw_board_cell(board, surface, ctx, view, rect)


class LogLines:
    """The log wrapped to a width, kept between frames: only new events are wrapped.

    A redraw used to wrap every event of the game again; now the lines of
    each step of the game are kept, new steps add theirs, and an undo (the
    last steps gone) drops theirs.  A change of viewer, width, text size or
    game starts afresh.
    """

    def __init__(self) -> None:
        self.key = None
        self.steps: list = []  # the session's steps wrapped so far (compared by identity)
        self.counts: list[int] = []  # lines each of them added
        self.lines: list[tuple[str, bool]] = []

    def get(self, ctx, viewer: str | None, width: int) -> list[tuple[str, bool]]:
        from eurasia_game.engine.views import visible

        session = ctx.game.session
        size = ctx.fs("font_small")
        key = (id(session), viewer, width, size, id(ctx.rules))
        steps = session.steps
        if key != self.key:
            self.key, self.steps, self.counts, self.lines = key, [], [], []
        keep = 0
        while keep < len(self.steps) and keep < len(steps) and self.steps[keep] is steps[keep]:
            keep += 1
        if keep < len(self.steps):  # steps taken back (undo, rewind)
            del self.lines[len(self.lines) - sum(self.counts[keep:]) :]
            del self.steps[keep:], self.counts[keep:]
        for step in steps[len(self.steps) :]:
            before = len(self.lines)
            for event in step.result.events:
                if not visible(event, viewer):
                    continue
                if event.kind == "year":
                    self.lines.append((S("log_year", year=event.year), True))
                    continue
                for line in ctx.text.wrap(event.text, size, width - ctx.px(10)):
                    self.lines.append((line, False))
            self.steps.append(step)
            self.counts.append(len(self.lines) - before)
        return self.lines


def log_lines(ctx, viewer: str | None, width: int, cache: LogLines | None = None) -> list[tuple[str, bool]]:
    """The log wrapped to ``width``: (line, is a year heading), as ``viewer`` may see it."""
    return (cache or LogLines()).get(ctx, viewer, width)


def draw_log(board, surface, ctx) -> None:
    """The end of the log (``board.log_scroll`` lines up from it, kept in range here)."""
    r = board.regions["log"]
    if r.height < ctx.px(30):
        return
    inner = panel(surface, ctx, r, S("log"))
    size = ctx.fs("font_small")
    lh = ctx.text.line_height(size, True)
    cache = getattr(board, "log_cache", None)
    if cache is None:
        cache = board.log_cache = LogLines()
    lines = cache.get(ctx, board.viewer, inner.width)
    fit = max(1, inner.height // lh)
    board.log_scroll = min(board.log_scroll, max(0, len(lines) - fit))
    end = len(lines) - board.log_scroll
    shown = lines[max(0, end - fit) : end]
    y = inner.top
    for text, head in shown:
        ctx.text.draw(surface, text, (inner.left + (0 if head else ctx.px(10)), y), size, ctx.colour("accent") if head else ctx.colour("text"), bold=head)
        y += lh
    if board.log_scroll:
        ctx.text.draw(surface, S("log_scrolled"), (inner.right, r.top + ctx.px(8)), size, ctx.colour("text_dim"), anchor="topright")
    board.hotspots.append((r, S("log_help")))
