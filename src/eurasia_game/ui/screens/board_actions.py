"""The board's action panel: the acting side's plan, its orders, end and undo.

While a person plans, the right column lists their power and the orders
planned so far, then a button per order they may give (those on the
selected front first, then those anywhere), each with its cost, and why it
is unavailable when it is; then end planning and undo.  When the column is
short the buttons drop their effect text (then their reason) and a details
box shows the hovered action in words instead.  Kept apart from the board
scene, which only says whose turn it is and where the column goes.
"""

from __future__ import annotations

import pygame

from eurasia_game.engine.describe import describe_action
from eurasia_game.engine.moves import candidate_actions, planned_cost
from eurasia_game.engine.state import Action
from eurasia_game.ui import keys
from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import marker, panel
from eurasia_game.ui.layout import grid
from eurasia_game.ui.screens.board_preview import order_label
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button


def layout_actions(board, ctx, right: pygame.Rect, acting: str | None, view, dense: bool):
    """Place the action panel in ``right`` for ``acting`` (None: nobody plans now).

    Returns (its widgets, the y where the log below it starts, whether the
    buttons did not fit); sets ``board.actions``, ``board.details_rect`` and,
    when someone plans, ``board.plan_rect``, ``board.here_title_y``,
    ``board.anywhere_title_y`` and ``board.mode``.
    """
    game = ctx.game
    rules = ctx.rules
    pad = ctx.px(8)
    inner = right.inflate(-2 * pad, -2 * pad)
    lh = ctx.text.line_height(ctx.fs("font"))
    board.details_rect = None
    if acting is None:
        board.actions = []
        # room for the message and, below it, the computer's "is thinking" wheel
        return [], inner.top + 3 * lh + ctx.px(24), False
    header_lines = 3 + max(len(view.own_plan), 1)
    y0 = inner.top + header_lines * lh + ctx.px(8)
    board.plan_rect = pygame.Rect(inner.left, inner.top, inner.width, y0 - inner.top)
    state = game.state
    here, anywhere = [], []
    for action in candidate_actions(rules, state, acting):
        if action.kind != "plan" or (action.target is not None and action.target != board.front):
            continue
        a = rules.action[action.action]
        reason = game.session.why_illegal(action)
        words = describe_action(rules, a.id, acting, action.target)
        button = Button(
            f"act:{a.id}:{action.target or '-'}",
            S("action_label", name=a.name, cost=a.cost),
            on=_order(action),
            detail=words.split(". ", 1)[-1],
            tooltip=f"{a.description}\n{words}",
            enabled=reason is None,
            reason=reason,
        )
        button.words = words
        button.description = a.description
        (here if action.target else anywhere).append(button)
    letters = keys.action_letters(rules)
    for b in here + anywhere:
        b.shortcut = letters.get(b.id.split(":")[1])
    commit = Action("commit", acting)
    reason = game.session.why_illegal(commit)
    end = Button("commit", S("end_planning"), on=lambda: sc.Act(commit), shortcut=keys.END_PLANNING, style="primary", tooltip=S("end_planning_help"), enabled=reason is None, reason=reason)
    undo = Button("undo", S("undo"), on=lambda: sc.Undo(), shortcut=keys.UNDO, tooltip=S("undo_help"), enabled=game.can_undo(acting), reason=S("undo_unavailable"))
    small_lh = ctx.text.line_height(ctx.fs("font_small"), True)
    min_log = 6 * ctx.text.line_height(ctx.fs("font_small")) + ctx.px(30)
    cols = 2 if inner.width > ctx.px(300) else 1
    half = (inner.width - ctx.px(8)) // 2
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
        board.here_title_y = y
        y += small_lh + ctx.px(2)
        y = grid(ctx, here, pygame.Rect(inner.left, y, inner.width, 0), cols, ctx.px(6)) + ctx.px(8)
        board.anywhere_title_y = y
        y += small_lh + ctx.px(2)
        return grid(ctx, anywhere, pygame.Rect(inner.left, y, inner.width, 0), cols, ctx.px(6)) + ctx.px(8)

    for mode in ("full", "compact", "dense") if dense else ("full", "compact"):
        y = place(mode)
        if y + bh2 + ctx.px(8) + min_log <= inner.bottom:
            break
    board.mode = mode
    if mode != "full":
        details_h = 4 * ctx.text.line_height(ctx.fs("font_small")) + ctx.px(10)
        if y + details_h + ctx.px(6) + bh2 + ctx.px(8) + min_log <= inner.bottom:
            # room to spare: the hovered action's cost and effect in words
            board.details_rect = pygame.Rect(inner.left, y, inner.width, details_h)
            y += details_h + ctx.px(6)
    actions_bottom = y
    y = min(y, inner.bottom - bh2)
    end.rect = pygame.Rect(inner.left, y, half, bh2)
    undo.rect = pygame.Rect(inner.left + half + ctx.px(8), y, inner.width - half - ctx.px(8), bh2)
    y += bh2 + ctx.px(10)
    board.actions = here + anywhere
    return here + anywhere + [end, undo], y, actions_bottom > y - bh2


def _order(action: Action):
    return lambda: sc.Act(action)


def draw_plan(board, surface, ctx, view, acting: str | None) -> None:
    """The plan so far and the two headings over the buttons (the buttons draw themselves)."""
    rules = ctx.rules
    game = ctx.game
    inner = panel(surface, ctx, board.regions["plan"])
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
        ctx.text.draw(surface, f"{i + 1}. {order_label(rules, order)}", (inner.left + ctx.px(10), y), size, ctx.colour("text"))
        y += lh
    small = ctx.fs("font_small")
    ctx.text.draw(surface, S("actions_on", front=rules.front[board.front].name, n=min(9, len(rules.fronts))), (inner.left, board.here_title_y), small, ctx.colour("accent"), bold=True)
    ctx.text.draw(surface, S("actions_anywhere"), (inner.left, board.anywhere_title_y), small, ctx.colour("accent"), bold=True)


def draw_details(board, surface, ctx) -> None:
    """The cost and effect in words of the hovered (or focused) action."""
    box = board.details_rect
    pygame.draw.rect(surface, ctx.colour("bg"), box, border_radius=ctx.px(4))
    chosen = None
    if ctx.pointer_active and ctx.mouse is not None:
        chosen = next((b for b in board.actions if b.rect.collidepoint(ctx.mouse)), None)
    if chosen is None:
        chosen = next((b for b in board.actions if b.id == board.ring.focus_id), None)
    inner = box.inflate(-ctx.px(12), -ctx.px(8))
    if chosen is None:
        ctx.text.draw_wrapped(surface, S("details_hint"), inner, ctx.fs("font_small"), ctx.colour("text_dim"))
        return
    text = f"{chosen.label}: {chosen.words}"
    if not chosen.enabled and chosen.hidden_reason:
        text += " " + S("unavailable", reason=chosen.hidden_reason)
    else:
        text += " " + chosen.description
    # The box has a fixed size: a text too long for it ends in "…" (its tooltip has it all).
    ctx.text.draw_wrapped(surface, text, inner, ctx.fs("font_small"), ctx.colour("text"), ellipsis=True)


def draw_thinking(board, surface, ctx) -> None:
    """A turning wheel and "… is thinking" while a computer side's move is worked out.

    Drawn over the cached board every frame (the wheel turns with the
    window's clock), so the window visibly goes on while the computer thinks.
    """
    import math

    side = ctx.game.thinking
    plan = board.regions.get("plan")
    if side is None or plan is None or plan.height < ctx.px(40):
        return
    size = ctx.fs("font")
    label = S("computer_thinking_now", side=ctx.rules.side[side].name)
    r = ctx.px(9)
    lh = ctx.text.line_height(size)
    centre = (plan.left + ctx.px(14) + r, plan.bottom - ctx.px(12) - max(r, lh // 2))
    box = pygame.Rect(plan.left + ctx.px(4), centre[1] - max(r, lh // 2) - ctx.px(4), plan.width - ctx.px(8), 2 * max(r, lh // 2) + ctx.px(8))
    pygame.draw.rect(surface, ctx.colour("panel"), box)
    turn = ctx.time * 1.6
    for i in range(8):
        angle = 2 * math.pi * (i / 8 + turn)
        shade = 0.25 + 0.75 * (i / 7)
        colour = tuple(int(c * shade + b * (1 - shade)) for c, b in zip(ctx.colour("accent"), ctx.colour("panel")))
        pygame.draw.circle(surface, colour, (centre[0] + int(r * math.cos(angle)), centre[1] + int(r * math.sin(angle))), max(2, ctx.px(2.5)))
    ctx.text.draw(surface, label, (centre[0] + r + ctx.px(10), centre[1]), size, ctx.colour("text"), anchor="midleft")
    board.thinking_rect = box
