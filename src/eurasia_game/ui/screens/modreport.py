"""Mods in the window: the new-game mod list, the mod report and the reload key.

Everything here calls the UI-free API in ``eurasia_game.mods``: discovering
installed mods with their check status, loading base + mods, and reloading
the rule files under a running game (which goes on only if its record still
replays under the edited rules).
"""

from __future__ import annotations

import pygame

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.drawing import panel
from eurasia_game.ui.strings import S, joined
from eurasia_game.ui.widgets import Button


class ModChoices:
    """The installed mods and which of them the player enabled for a new game."""

    def __init__(self, mods: list, error: str | None = None) -> None:
        self.mods = mods
        self.chosen: set[str] = set()
        self.error = error

    @classmethod
    def discover(cls, ctx) -> "ModChoices":
        try:
            from eurasia_game.mods import discover_mods

            return cls(discover_mods(base=ctx.app.rules_dir))
        except Exception as exc:  # noqa: BLE001 - a broken mods folder must not stop a new game
            return cls([], str(exc))

    def enabled(self) -> list:
        return [m.folder for m in self.mods if m.id in self.chosen]

    def _toggle(self, mod_id: str):
        def toggle():
            self.chosen ^= {mod_id}
            return sc.Call("relayout")

        return toggle

    def buttons(self, ctx) -> list[Button]:
        if not self.mods:
            from eurasia_game.mods import user_mods_dir

            text = S("mods_none", folder=str(user_mods_dir())) if not self.error else S("mods_unreadable", reason=self.error)
            return [Button("mods_none", S("mods_title"), detail=text, enabled=False, reason=text, tooltip=S("mods_help"), style="quiet")]
        out = []
        for mod in self.mods:
            on = mod.id in self.chosen
            status = S(f"mod_status_{mod.status}")
            first = str(mod.errors[0]) if mod.errors else None
            out.append(
                Button(
                    f"mod:{mod.id}",
                    S("mod_label", mark=S("mod_on") if on else S("mod_off"), name=mod.name, version=mod.version or ""),
                    on=self._toggle(mod.id),
                    detail=status,
                    tooltip=(mod.description or "") + "\n" + mod.summary(),
                    enabled=mod.status != "errors",
                    reason=S("mod_has_errors", problem=first or status),
                    selected=on,
                )
            )
        return out


def rules_summary(app) -> list[str]:
    """Lines for the mod report: what is loaded and every problem the checker found."""
    rules = app.rules
    lines = [S("report_rules", name=rules.game.name, version=rules.game.version, fingerprint=rules.fingerprint)]
    mods = list(getattr(rules, "mods", ()) or ())
    if mods:
        lines.append(S("report_mods", mods=joined(f"{getattr(m, 'name', '') or m.id} {m.version}" for m in mods)))
    else:
        lines.append(S("report_no_mods"))
    problems = list(app.load_problems)
    if not problems:
        lines.append(S("report_no_problems"))
    elif len(problems) == 1:
        lines.append(S("report_one_problem"))
    else:
        lines.append(S("report_problems", count=len(problems)))
    lines += [str(p) for p in problems]
    try:
        from eurasia_game.mods import discover_mods

        installed = discover_mods(base=app.rules_dir)
    except Exception as exc:  # noqa: BLE001
        lines.append(S("mods_unreadable", reason=str(exc)))
        installed = []
    if installed:
        lines.append("")
        lines.append(S("report_installed"))
        for mod in installed:
            lines.append(mod.summary())
            lines += [f"  {p}" for p in mod.problems]
    if app.last_reload:
        lines.append("")
        lines += app.last_reload
    return lines


class ModReportScene(sc.Scene):
    """The checker's problems with the rules in play and with the installed mods."""

    name = "mod_report"
    opaque = True

    def __init__(self) -> None:
        super().__init__()
        self.scroll = 0
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.lines: list[str] = []

    def layout(self, ctx) -> None:
        w, h = ctx.size
        m = ctx.px(20)
        self.rect = pygame.Rect(m, m, w - 2 * m, h - 2 * m)
        self.lines = rules_summary(ctx.app)
        reload_b = Button("reload", S("reload_rules"), on=lambda: sc.Call("reload_rules"), shortcut="f5", tooltip=S("reload_help"))
        close = Button("close", S("close"), on=lambda: sc.Pop(), shortcut="escape", style="primary")
        bw = ctx.px(200)
        bh = max(ctx.px(38), reload_b.height_for(ctx, bw), close.height_for(ctx, bw))  # a longer language's label takes two lines
        close.rect = pygame.Rect(self.rect.right - ctx.px(12) - bw, self.rect.bottom - ctx.px(12) - bh, bw, bh)
        reload_b.rect = pygame.Rect(close.rect.left - ctx.px(8) - bw, close.rect.top, bw, bh)
        self.ring.set([reload_b, close])
        if self.ring.focus_id is None:
            self.ring.focus("close")

    def resume(self, ctx):
        self.layout(ctx)
        return None

    def handle(self, event, ctx):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return sc.Pop()
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_DOWN):
            self.scroll += 5
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_UP):
            self.scroll = max(0, self.scroll - 5)
            return None
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - 3 * event.y)
            return None
        return super().handle(event, ctx)

    def draw(self, surface, ctx) -> None:
        surface.fill(ctx.colour("bg"))
        inner = panel(surface, ctx, self.rect, S("mod_report"))
        size = ctx.fs("font_small")
        lh = ctx.text.line_height(size)
        wrapped = []
        for line in self.lines:
            wrapped += ctx.text.wrap(line, size, inner.width) if line else [""]
        bottom = self.ring.widgets[0].rect.top - ctx.px(8) if self.ring.widgets else inner.bottom
        fit = max(1, (bottom - inner.top) // lh)
        self.scroll = min(self.scroll, max(0, len(wrapped) - fit))
        y = inner.top
        for line in wrapped[self.scroll : self.scroll + fit]:
            ctx.text.draw(surface, line, (inner.left, y), size, ctx.colour("text"))
            y += lh
        if len(wrapped) > fit:
            ctx.text.draw(surface, S("scroll_hint"), (inner.left, self.rect.bottom - ctx.px(14)), size, ctx.colour("text_dim"), anchor="bottomleft")
        self.ring.draw(surface, ctx)


def reload_rules(app):
    """Load the rule files again; keep playing under them if the game still replays."""
    from eurasia_game.mods import load_game, reload_session, rules_diff
    from eurasia_game.ui.screens.dialog import MessageScene

    base = app.rules_dir
    if app.game is None:
        result = load_game(base, app.mod_folders)
        if result.rules is None or result.errors:
            lines = [S("reload_errors", count=len(result.errors))] + [str(p) for p in result.errors[:8]]
            app.last_reload = lines
            return sc.Push(MessageScene(S("reload_title"), "\n".join(lines)))
        diff = rules_diff(app.rules, result.rules)
        app.rules = result.rules
        app.load_problems = list(result.problems)
        lines = diff.lines() or [S("reload_nothing")]
        app.last_reload = [S("reload_done")] + lines
        return sc.Push(MessageScene(S("reload_title"), "\n".join(app.last_reload[:20])))
    report = reload_session(app.game.session, base, app.mod_folders)
    if not report.ok:
        app.last_reload = [S("reload_refused", reason=report.continuation.reason or "")]
        return sc.Push(MessageScene(S("reload_title"), app.last_reload[0]))
    changes = report.diff.lines() if report.diff is not None else []
    if report.session is not app.game.session:
        app.game.replace_session(report.session)
        app.rules = report.session.rules
        app.load_problems = list(report.result.problems)
    app.last_reload = [S("reload_done")] + (changes or [S("reload_nothing")])
    for scene in app.stack:
        scene.layout(app.ctx)
    return sc.Push(MessageScene(S("reload_title"), "\n".join(app.last_reload[:20])))
