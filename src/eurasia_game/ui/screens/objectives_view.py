"""Each side's own objectives as the window shows them.

The sides are judged by different objectives (``objectives`` in the sides'
rules; ``engine.objectives`` judges them).  The board gives each side's
progress in the free cell beside the track gauges, with the full list on
hover; the ending screen says who met what; the new-game screen and help
list them.  Objectives are read from public tracks and fronts, so every
player may see both sides' progress.
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.objectives import standing
from eurasia_game.ui.drawing import marker
from eurasia_game.ui.strings import S, joined


def has_objectives(rules) -> bool:
    return any(side.objectives for side in rules.sides)


def score_label(rules, state, side_id: str) -> str:
    st = standing(rules, state, side_id)
    return S("objectives_score", side=rules.side[side_id].name, score=st.score, needed=st.needed)


def detail_text(rules, state, side_id: str) -> str:
    """The side's objectives one a line, each marked met or not, for hover help."""
    side = rules.side[side_id]
    st = standing(rules, state, side_id)
    met = dict(st.met)
    lines = [S("objectives_detail_head", side=side.name, score=st.score, needed=st.needed)]
    for o in side.objectives:
        lines.append(S("objective_met" if met[o.id] else "objective_unmet", name=o.name, text=o.text))
    return "\n".join(lines)


def list_text(rules, side_id: str) -> str:
    """The side's objectives as one paragraph, with what it needs (new game, help)."""
    side = rules.side[side_id]
    items = "; ".join(f"{o.name} ({o.text.rstrip('.')})" for o in side.objectives)
    return S("objectives_list", side=side.name, needed=side.objectives_needed, count=len(side.objectives), items=items)


def ending_score(rules, state, side_id: str) -> str:
    """The side's score against what it needs, beside its result on the ending screen."""
    st = standing(rules, state, side_id)
    return S("objectives_ending_short", score=st.score, needed=st.needed)


def ending_text(rules, state, side_id: str) -> str:
    """Which objectives the side met, named, for the ending screen."""
    side = rules.side[side_id]
    met = dict(standing(rules, state, side_id).met)
    got = joined(o.name for o in side.objectives if met[o.id]) or S("objectives_none")
    return S("objectives_ending", side=side.name, met=got)


def draw_board_cell(board, surface, ctx, view, rect: pygame.Rect) -> None:
    """Both sides' progress on their own objectives, in one gauge-sized cell."""
    rules = ctx.rules
    title_size, size = ctx.fs("font"), ctx.fs("font")
    y = rect.top
    ctx.text.draw(surface, S("objectives_title"), (rect.left, y), title_size, ctx.colour("text"), bold=True)
    y += ctx.text.line_height(title_size, True) + ctx.px(4)
    x = rect.left
    lh = ctx.text.line_height(size, True)
    for side in rules.sides:
        if not side.objectives:
            continue
        label = score_label(rules, view, side.id)
        marker(surface, rules, side.id, (x + ctx.px(7), y + lh // 2), ctx.px(7), ctx.side_colour(side.id))
        r = ctx.text.draw(surface, label, (x + ctx.px(20), y), size, ctx.colour("text"), bold=True)
        r.left = x
        board.hotspots.append((r, detail_text(rules, view, side.id)))
        x = r.right + ctx.px(22)
    ctx.text.draw(surface, S("objectives_hint"), (rect.left, y + lh + ctx.px(2)), ctx.fs("font_small"), ctx.colour("text_dim"))
    board.hotspots.append((rect, S("objectives_help")))
