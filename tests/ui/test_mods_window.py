"""Every screen of the window with the three example mods enabled (and installed).

The mod report once crashed as soon as any mod was enabled, because no
window test ever opened it with one: here every screen is opened and laid
out at the smallest and the largest supported sizes with ``mods/`` loaded, and
the mod report is drawn with each example mod on its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eurasia_game.loading.loader import load_rules
from eurasia_game.ui import scenes as sc
from tests.ui.driver import step
from tests.ui.test_layout import SIZES, _check, _screens

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (REPO / "mods").iterdir() if (p / "mod.yaml").is_file())


def _install(home: Path) -> None:
    """The example mods in the player's mods folder, so the lists and the report show them."""
    for folder in EXAMPLES:
        shutil.copytree(folder, home / "mods" / folder.name)


def _app(size, mods, home):
    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    result = load_rules(mods=mods)
    assert result.ok, "\n".join(map(str, result.problems))
    app = App(result.rules, settings=Settings(width=size[0], height=size[1], animation="off"), raise_errors=True,
              mod_folders=list(mods), load_problems=result.problems)
    app.step()
    return app


def _play_on(app, seen):
    """Play on with random choices (any screen without a side to act is passed with Space)."""
    import pygame

    from eurasia_game.session.policies import make_policy
    from tests.ui.driver import press

    policies = {s: make_policy("random", 5, s) for s in app.rules.side_ids}
    for _ in range(3000):
        name = app.top.name
        if name in ("dilemma", "ending") and name not in seen:
            seen.add(name)
            yield name
        if name == "ending":
            return
        side = app.game.state.to_act
        if name in ("reveal", "orders_reveal", "curtain") or side is None:
            press(app, pygame.K_SPACE)
            continue
        action = policies[side].choose(app.rules, app.game.session.view(side), app.game.session.legal(side))
        app.apply(sc.Act(action))
        if name == "dilemma":
            app.apply(sc.Pop())


@pytest.mark.parametrize("size", [SIZES[0], SIZES[-1]], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_opens_with_the_three_example_mods(home, size, monkeypatch):
    import tests.ui.test_layout as layout

    monkeypatch.setattr(layout, "_play_on", _play_on)
    _install(home)
    app = _app(size, EXAMPLES, home)
    assert [m.id for m in app.rules.mods] == sorted(p.name for p in EXAMPLES)
    names = []
    for name in _screens(app):
        step(app, 1)
        _check(app, f"{name} at {size} with mods")
        names.append(name)
    assert {"title", "new_game", "board", "menu", "mod_report", "ending"} <= set(names)


@pytest.mark.parametrize("mod", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("size", [SIZES[0], SIZES[-1]], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_mod_report_names_each_enabled_mod(home, size, mod, request):
    import pygame

    from eurasia_game.ui.screens.modreport import ModReportScene, rules_summary

    _install(home)
    app = _app(size, [mod], home)
    app.apply(sc.Push(ModReportScene()))
    step(app, 1)
    _check(app, f"mod report with {mod.name} at {size}")
    lines = rules_summary(app)
    manifest = app.rules.mods[0]
    assert any(manifest.name in line and manifest.version in line for line in lines[:3]), lines[:3]
    assert sum("checks clean" in line for line in lines) == len(EXAMPLES)  # the installed mods, each checked
    out = request.config.getoption("--basetemp", None)
    shots = Path(out) if out else None
    if shots is not None:
        pygame.image.save(app.surface, str(shots / f"mod_report-{mod.name}-{size[0]}x{size[1]}.png"))
