"""Render every screen of a seeded demo game to PNG files.

Used by ``eurasia-game shots OUTDIR`` to look at the whole interface at a
given window size, and by the README's screenshots.  It plays a hotseat game
with the computer's simple policy choosing for both people, and saves each
kind of screen the first time it appears.
"""

from __future__ import annotations

import os
from pathlib import Path


def screen_names(rules) -> list[str]:
    """Every screenshot's name, in the order the demo game usually shows them.

    A file is numbered by its place here ("07_dilemma.png"), so each number
    is used once and a screen keeps its number even when a demo game never
    shows it (a game without a dilemma has no 07).  The first side is briefed
    before the board, the others once the first has planned; the guided
    first game (where the rules have one) comes last.
    """
    sides = list(rules.side_ids)
    return [
        "title", "new_game", "settings", "card", "curtain", *[f"briefing_{s}" for s in sides[:1]],
        "dilemma", "board", "board_hover_front", "board_hover_track", "help", "menu", "save", "load",
        "mod_report", "red_lines", "plan_preview", *[f"briefing_{s}" for s in sides[1:]],
        "reveal_orders", "reveal_resolved", "ending", "error",
        *(["tutorial_dilemma", "tutorial_fronts", "tutorial_reveal", "tutorial_what_next"] if rules.tutorials else []),
    ]


def render_shots(rules, outdir: Path, size: tuple[int, int], seed: int = 7, scenario: str | None = None, colour_safe: bool = False) -> list[Path]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from eurasia_game.session.policies import make_policy
    from eurasia_game.ui import scenes as sc
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    settings = Settings(width=size[0], height=size[1], animation="off", colour_safe=colour_safe)
    app = App(rules, settings=settings, raise_errors=True)
    app.surface = pygame.display.set_mode(size)  # exactly this size, even below the window's minimum
    app.resize()

    numbers = {name: i + 1 for i, name in enumerate(screen_names(rules))}

    def shot(name: str, mouse=None) -> None:
        app.ctx.mouse = mouse
        app.ctx.pointer_active = True if mouse else None
        app.draw()
        path = outdir / f"{numbers[name]:02d}_{name}.png"
        pygame.image.save(app.surface, str(path))
        written.append(path)

    def with_scene(name: str, scene) -> None:
        app.apply(sc.Push(scene))
        shot(name)
        app.apply(sc.Pop())

    from eurasia_game.ui.screens.help import HelpScene
    from eurasia_game.ui.screens.menu import MenuScene
    from eurasia_game.ui.screens.modreport import ModReportScene
    from eurasia_game.ui.screens.newgame import NewGameScene
    from eurasia_game.ui.screens.saveload import LoadScene, SaveScene
    from eurasia_game.ui.screens.settings_screen import SettingsScene

    shot("title")
    with_scene("new_game", NewGameScene())
    with_scene("settings", SettingsScene())
    scenario = scenario or rules.game.default_scenario
    app.apply(sc.StartGame(scenario, seed, {s: "human" for s in rules.side_ids}, True))
    players = {s: make_policy("random", seed, s) for s in rules.side_ids}
    seen: set[str] = set()
    steps = 0
    while steps < 5000:
        steps += 1
        top = app.top
        if top.name == "ending":
            shot("ending")
            break
        if top.name == "reveal":
            if "reveal" not in seen:
                seen.add("reveal")
                shot("card")
            app.apply(sc.Pop())
            continue
        if top.name == "orders_reveal":
            if "orders_reveal" not in seen:
                seen.add("orders_reveal")
                _reveal_shots(app, top, shot)
            app.apply(sc.Pop())
            continue
        if top.name == "curtain":
            if "curtain" not in seen:
                seen.add("curtain")
                shot("curtain")
            app.apply(top.on_ready())
            continue
        if top.name == "briefing":
            if f"briefing-{top.side}" not in seen:
                seen.add(f"briefing-{top.side}")
                shot(f"briefing_{top.side}")
            app.apply(top.on_done())
            continue
        game = app.game
        side = game.state.to_act
        if top.name == "dilemma":
            if "dilemma" not in seen:
                seen.add("dilemma")
                shot("dilemma")
        elif top.name == "board" and side is not None:
            if "board" not in seen and game.state.to_act == game.state.to_act and not game.state.plans.get(side):
                seen.add("board")
                shot("board")
                node = top.ring.get(f"front:{rules.front_ids[0]}")
                shot("board_hover_front", node.rect.center if node else None)
                gauges = top.regions["gauges"]
                shot("board_hover_track", (gauges.left + gauges.width // 4, gauges.top + gauges.height // 5))
                with_scene("help", HelpScene())
                with_scene("menu", MenuScene())
                with_scene("save", SaveScene("my-game"))
                with_scene("load", LoadScene())
                with_scene("mod_report", ModReportScene())
                app.apply(top._red_lines())
                shot("red_lines")
                app.apply(sc.Pop())
                if game.is_human(side) and side == top.viewer:
                    _plan_preview_shot(app, rules, game, side, shot)
        legal = game.session.legal(side)
        if not legal:
            break
        action = players[side].choose(rules, game.session.view(side), legal)
        app.apply(sc.Act(action))
        if top.name == "dilemma":
            app.apply(sc.Pop())
    from eurasia_game.ui.screens.dialog import ErrorScene
    from eurasia_game.ui import paths

    app.apply(sc.Push(ErrorScene(paths.log_file(), game.autosave_path)))
    shot("error")
    if rules.tutorials:
        _tutorial_shots(app, rules, shot)
    if app.game is not None:
        app.game.close()  # the computer's worker stops with the shots
    pygame.display.quit()
    return written


def _plan_preview_shot(app, rules, game, side: str, shot) -> None:
    """The board with a plan under way: an order on a front and, where the side
    has one, a gamble decided by a roll, so the preview shows both kinds; then
    the orders are taken back and the demo game goes on as before."""
    from eurasia_game.model import effects as E
    from eurasia_game.ui import scenes as sc

    def rolls(action) -> bool:
        return any(isinstance(e, E.Chance) for e in rules.action[action.action].effects)

    planned = 0
    for want in (lambda a: a.target is not None and not rolls(a), rolls):
        legal = [a for a in game.session.legal(side) if a.kind == "plan" and want(a)]
        if legal:
            app.apply(sc.Act(legal[0]))
            planned += 1
    shot("plan_preview")
    for _ in range(planned):
        if game.can_undo(side):
            app.apply(sc.Undo())


def _reveal_shots(app, scene, shot) -> None:
    """The reveal of the orders part-way (an order lit up, values moving), then resolved
    with the cause of a change under the pointer."""
    from eurasia_game.ui.reveal_sequence import Timeline

    steps = len(scene.reveal.steps) if scene.reveal else 0
    scene.timeline = Timeline(steps, 1.0)
    scene.timeline.advance(min(steps, 2) + 0.3)
    scene.layout(app.ctx)
    shot("reveal_orders")
    scene.timeline.skip()
    scene.layout(app.ctx)
    app.draw()
    chip = next((rect for rect, text in scene.hotspots if "\n" in text), None)
    shot("reveal_resolved", chip.center if chip else None)


def _tutorial_shots(app, rules, shot) -> None:
    """The guided first game: callouts on the dilemma, the board and the reveal, then "what next".
    Played as the player would, the callouts closed and the orders given as commands."""
    from eurasia_game.engine.state import Action
    from eurasia_game.ui import scenes as sc
    from eurasia_game.ui.screens.title import TitleScene

    wanted = {"dilemma": "tutorial_dilemma", "fronts": "tutorial_fronts", "causes": "tutorial_reveal"}
    tutorial = rules.tutorials[0]
    app.apply(sc.ResetTo(TitleScene()))
    app.apply(sc.Call("tutorial", (tutorial.id,)))
    game = app.game
    for _ in range(400):
        if game is None or game.tutorial is None and app.top.name != "what_next":
            return
        app.ctx.time += 1.0  # past the pause between callouts
        app.apply(game.tutorial.update(app) if game.tutorial is not None else None)
        top = app.top
        if top.name == "what_next":
            shot("tutorial_what_next")
            return
        if top.name == "tutorial":
            if top.step.id in wanted:
                shot(wanted[top.step.id])
            app.apply(top._close(app.ctx))
            continue
        side = game.state.to_act
        if top.name in ("reveal", "orders_reveal"):
            app.apply(sc.Pop())
        elif top.name == "dilemma":
            option = rules.event[game.state.dilemma].dilemma.options[0].id
            app.apply([sc.Act(Action("choose", side, option=option)), sc.Pop()])
        elif top.name == "board" and side is not None and game.is_human(side):
            orders = [a for a in game.session.legal(side) if a.kind == "plan"]
            app.apply(sc.Act(orders[0] if orders and not game.state.plans.get(side) else Action("commit", side)))
        elif top.name == "board" and side is not None:
            action = game.computer_action()
            if action is not None:
                app.apply(sc.Act(action))
