"""The board's map panel: the map, the fronts on it, the selected front's stakes.

Each front is a selectable widget on the map showing every side's standing
there; the markers sit where the rules' ``map_position`` puts them and are
nudged apart so none hides another.  Under the map, a line says what is at
stake on the selected front.  Kept apart from the board scene, which only
asks for the nodes and says which front is selected.
"""

from __future__ import annotations

import pygame

from eurasia_game.ui.drawing import marker, panel
from eurasia_game.ui.mapdraw import insets, legend, position
from eurasia_game.ui.screens.board_preview import draw_front_marks
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
        bars = {}
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
            bars[side] = bar
            y += row_h
        draw_front_marks(surface, ctx, self, bars)
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


def front_nodes(ctx, view, map_rect: pygame.Rect, frame: pygame.Rect, selected: str | None, select, preview=None) -> list[FrontNode]:
    """A node per front on the map drawn in ``map_rect`` (its frame ``frame``);
    ``select(front_id)`` gives a node's click handler; ``preview``: the plan
    preview, whose expected standings the nodes show."""
    rules = ctx.rules
    node_w = ctx.px(124)
    node_h = ctx.text.line_height(ctx.fs("font_small"), True) + len(rules.side_ids) * ctx.px(17) + ctx.px(8)
    nodes = []
    all_nodes = []
    boxed = insets(ctx, map_rect)  # a front drawn as an inset (the UN) sits in its box
    for i, front in enumerate(rules.fronts):
        node = FrontNode(f"front:{front.id}", front.name, on=select(front.id), selected=front.id == selected, shortcut=str(i + 1) if i < 9 else None, tooltip=front_help(front))
        node.front = front
        all_nodes.append(node)
        node.standing = view.standing.get(front.id, {})
        node.preview = preview.standing.get(front.id) if preview is not None else None
        rect = pygame.Rect(0, 0, node_w, node_h)
        node.rect = rect
        if front.id in boxed:
            rect.midtop = (boxed[front.id].centerx, boxed[front.id].top + ctx.px(8))
            continue  # fixed in its inset
        rect.center = position(frame, front.map_position)
        rect.clamp_ip(map_rect.inflate(-ctx.px(4), -ctx.px(4)))
        nodes.append(node)
    _spread(nodes, map_rect.inflate(-ctx.px(4), -ctx.px(4)), ctx.px(4))
    gap = ctx.px(4)
    for node in nodes:  # keep clear of the insets, by the shorter way out
        for box in boxed.values():
            if node.rect.colliderect(box.inflate(gap, gap)):
                up = node.rect.bottom - (box.top - gap)
                left = node.rect.right - (box.left - gap)
                if up <= left:
                    node.rect.bottom = box.top - gap
                else:
                    node.rect.right = box.left - gap
    nodes += [n for n in all_nodes if n.front.id in boxed]
    nodes.sort(key=lambda n: rules.front_ids.index(n.front.id))
    return nodes


def front_help(front) -> str:
    """A front's hover help: what it is, what is at stake, what it pays each year."""
    lines = [front.description, S("at_stake")] + [f"- {s}" for s in front.stakes]
    if front.resolution:
        lines.append(S("each_year"))
        lines += [f"- {r.text}" for r in front.resolution]
    return "\n".join(lines)


def draw_map(board, surface, ctx) -> None:
    """The map picture (cached by ``board.map``) in its region; the fronts draw themselves."""
    r = board.regions["map"]
    surf, _ = board.map.surface(ctx, r)
    surface.blit(surf, r)
    pygame.draw.rect(surface, ctx.colour("panel_edge"), r, 1)
    board.hotspots.append((r, "\n".join([S("map_help"), *legend(ctx)])))


def draw_stakes(board, surface, ctx) -> None:
    """What is at stake on the selected front, under the map."""
    rules = ctx.rules
    front = rules.front[board.front]
    inner = panel(surface, ctx, board.regions["stakes"])
    text = S("stakes_line", front=front.name, stakes=" · ".join(front.stakes))
    ctx.text.draw_wrapped(surface, text, inner, ctx.fs("font_small"), ctx.colour("text"))
    board.hotspots.append((board.regions["stakes"], front_help(front)))
