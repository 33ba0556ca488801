"""The plan preview on the board: what the orders planned so far are expected to do.

While a person plans, ``engine.preview`` works out the effect of their
orders (certain, or on a roll with a range) on every track and front, the
red lines they may cross and each side's objectives afterwards.  Here that
is drawn: a ghost pointer on each track gauge the plan moves (solid when
certain, a bracket over the range when a roll decides), a ghost segment on
each front's bars, and a panel under the map that says it in words, with
what the rival, planning in secret, can still change.
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.preview import preview
from eurasia_game.ui.drawing import gauge_bar, panel
from eurasia_game.ui.strings import S, joined


def plan_preview(ctx, side: str | None):
    """The preview of ``side``'s plan so far (None when nobody plans or it has no order)."""
    game = ctx.game
    if side is None or game is None or not game.state.plans.get(side):
        return None
    return preview(ctx.rules, game.state, side)


def _span(c) -> str:
    new = str(c.low) if c.certain else f"{c.low}–{c.high}"
    return S("preview_span", now=c.now, after=new)


def _delta(c) -> str:
    def signed(d: int) -> str:
        return f"+{d}" if d > 0 else str(d)

    if c.certain:
        return signed(c.low - c.now)
    return f"{signed(c.low - c.now)}…{signed(c.high - c.now)}"


def order_label(rules, order) -> str:
    """An order as the plan lists it: the action, and its front when it has one."""
    where = f" — {rules.front[order.target].name}" if order.target else ""
    return f"{rules.action[order.action].name}{where}"


def preview_lines(rules, p) -> list[str]:
    """The preview in words: sure changes, changes on a roll, orders that change
    nothing, what the rival can still change, the objectives after the plan, and
    the red lines it may cross."""
    rival = next(s for s in rules.side_ids if s != p.side)
    sure, rolled, rival_can = [], [], []
    for kind, key, c in p.changes():
        if kind == "track":
            name = rules.track[key].name
        else:
            front, side = key.split("/")
            name = S("preview_front", side=rules.side[side].name, front=rules.front[front].name)
        (sure if c.certain else rolled).append(f"{name} {_span(c)}")
        if c.rival:
            rival_can.append(name)
    lines = [S("preview_sure", changes=joined(sure))] if sure or not rolled else []
    if not sure and not rolled:
        lines = [S("preview_sure", changes=S("preview_none"))]
    if rolled:
        lines.append(S("preview_roll", changes=joined(rolled)))
    if p.idle:
        lines.append(S("preview_idle", orders=joined([order_label(rules, o) for o in p.idle])))
    objectives = []
    for side in rules.side_ids:
        o = p.objectives[side]
        after = str(o.low) if o.low == o.high else f"{o.low}–{o.high}"
        if o.low == o.high == o.score_now:
            text = S("preview_objective_same", side=rules.side[side].name, now=o.score_now, needed=o.needed)
        else:
            text = S("preview_objective", side=rules.side[side].name, now=o.score_now, after=after, needed=o.needed)
        if o.low < o.needed <= o.high:
            text += " " + S("preview_odds", percent=round(o.chance_met * 100))
        objectives.append(text)
    lines.append(S("preview_objectives", items="; ".join(objectives)))
    for line in p.red_lines:
        odds = S("preview_certain") if line.chance >= 1 else S("preview_odds", percent=round(line.chance * 100))
        names = {r.id: r.name for r in rules.red_lines}
        lines.append(S("preview_red_line", line=names[line.line], odds=odds))
    if rival_can:
        lines.append(S("preview_rival", rival=rules.side[rival].name, items=joined(rival_can)))
    if p.skipped:
        lines.append(S("preview_short", n=p.skipped))
    return lines


def draw_preview_panel(board, surface, ctx, p) -> None:
    """The preview in words, in the region under the map (the stakes line's place)."""
    region = board.regions["stakes"]
    inner = panel(surface, ctx, region)
    size = ctx.fs("font_small")
    lines = preview_lines(ctx.rules, p)
    ctx.text.draw(surface, S("preview_title", side=ctx.rules.side[p.side].name, rival=next(ctx.rules.side[s].name for s in ctx.rules.side_ids if s != p.side)), inner.topleft, size, ctx.colour("accent"), bold=True)
    lh = ctx.text.line_height(size, True)
    body = pygame.Rect(inner.left, inner.top + lh, inner.width, inner.height - lh)
    text = " ".join(lines)
    if ctx.text.wrapped_height(text, size, body.width) > body.height and len(lines) > 1:
        text = " ".join(lines[:-1] + [S("preview_more")])  # the rival's reach, in the hover help
    ctx.text.draw_wrapped(surface, text, body, size, ctx.colour("text"))
    board.hotspots.append((region, S("preview_help") + "\n" + "\n".join(lines)))


def draw_gauge_marks(board, surface, ctx, p) -> None:
    """A ghost pointer on each gauge the plan moves: where the track would end up."""
    for track_id, rect in getattr(board, "gauge_rects", {}).items():
        c = p.tracks.get(track_id)
        if c is None or not c.moved:
            continue
        track = ctx.rules.track[track_id]
        bar = gauge_bar(ctx, rect)
        cell = bar.width / (track.max - track.min + 1)

        def x_of(v):
            return int(bar.left + (v - track.min + 0.5) * cell)

        colour = ctx.colour("accent")
        if c.certain:
            cx = x_of(c.low)
            pts = [(cx, bar.top + ctx.px(3)), (cx - ctx.px(6), bar.bottom + ctx.px(4)), (cx + ctx.px(6), bar.bottom + ctx.px(4))]
            pygame.draw.polygon(surface, colour, pts)
            pygame.draw.polygon(surface, ctx.colour("shade"), pts, 1)
        else:
            x1, x2 = x_of(c.low), x_of(c.high)
            y = bar.bottom + ctx.px(2)
            w = max(2, ctx.px(3))
            pygame.draw.line(surface, colour, (x1, y), (x2, y), w)
            for x in (x1, x2):
                pygame.draw.line(surface, colour, (x, bar.top + ctx.px(4)), (x, y), w)
        label = S("preview_gauge", delta=_delta(c)) + ("" if c.certain else " " + S("preview_gauge_roll"))
        ctx.text.draw(surface, label, (bar.centerx, bar.bottom + ctx.px(2)), ctx.fs("font_small"), colour, bold=True, anchor="midtop")


def draw_front_marks(surface, ctx, node, bars: dict) -> None:
    """A ghost segment on a front's bars: the standing each side would reach."""
    changes = getattr(node, "preview", None)
    if not changes:
        return
    top = node.front.max
    for side, bar in bars.items():
        c = changes.get(side)
        if c is None or not c.moved:
            continue

        def x_of(v):
            return bar.left + int(bar.width * max(0, min(top, v)) / max(1, top))

        lo, hi, now = x_of(c.low), x_of(c.high), x_of(c.now)
        if c.high > c.now:
            sure = pygame.Rect(now, bar.top, max(0, lo - now), bar.height)
            pygame.draw.rect(surface, ctx.colour("accent"), sure)
            pygame.draw.rect(surface, ctx.colour("accent"), pygame.Rect(min(now, lo), bar.top, max(1, hi - min(now, lo)), bar.height), 1)
        if c.low < c.now:
            lost = pygame.Rect(lo, bar.top, now - lo, bar.height)
            pygame.draw.rect(surface, ctx.colour("shade"), lost)
            pygame.draw.rect(surface, ctx.colour("danger"), lost, 1)
