"""The window's data files and small parts: theme, strings, settings, keys, layering."""

from __future__ import annotations

import ast
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from eurasia_game.paths import assets_dir

UI = Path(__file__).resolve().parents[2] / "src" / "eurasia_game" / "ui"
SRC = UI.parent


def _pygame_gui_source() -> str:
    root = Path(str(resources.files("pygame_gui")))
    return "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))


def test_theme_keys_are_known_to_pygame_gui():
    """pygame_gui ignores misspelled theme keys silently, so check each one exists."""
    theme = json.loads((assets_dir() / "ui" / "theme.json").read_text(encoding="utf-8"))
    source = _pygame_gui_source()
    elements = {"text_entry_line"}
    for element, blocks in theme.items():
        assert element.startswith("#") or element in elements, f"unknown element {element}"
        assert set(blocks) <= {"colours", "font", "misc"}, f"{element}: {set(blocks)}"
        for block, values in blocks.items():
            for key in values:
                assert f'"{key}"' in source, f"{element}.{block}.{key} is not a pygame_gui theme key"


def test_theme_loads_in_pygame_gui():
    import pygame
    import pygame_gui

    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((200, 100))
    manager = pygame_gui.UIManager((200, 100), str(assets_dir() / "ui" / "theme.json"))
    entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(0, 0, 150, 40), manager=manager, object_id="#seed")
    assert entry.text_colour == pygame.Color("#eef2f5")


def _used_string_keys() -> set[str]:
    keys = set()
    for path in UI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r'\bS\("([a-z0-9_]+)"', text))
    return keys


def test_every_interface_string_exists():
    from eurasia_game.ui import keys as key_table
    from eurasia_game.ui.strings import catalogue
    from eurasia_game.ui.settings import ANIMATION_SPEEDS

    strings = catalogue()
    used = _used_string_keys()
    used |= {what for _, what, _ in key_table.GLOBAL + key_table.BOARD + key_table.OTHER}
    used |= {where for _, _, where in key_table.GLOBAL + key_table.BOARD + key_table.OTHER}
    used |= {f"speed_{s}" for s in ANIMATION_SPEEDS}
    used |= {f"result_{r}" for r in ("win", "lose", "draw")}
    used |= {f"mod_status_{s}" for s in ("ok", "warnings", "errors", "unchecked")}
    assert len(used) > 100
    used.discard("result_")  # built as result_win, result_lose, result_draw (added above)
    missing = sorted(k for k in used if k not in strings)
    assert not missing, missing


def test_no_content_ids_in_the_window_code(rules):
    """Words and ids of content come from the rules, never from the UI's Python."""
    ids = set(rules.side_ids) | set(rules.front_ids) | set(rules.track_ids) | {e.id for e in rules.events} | set(rules.scenario)
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert node.value not in ids, f"{path.name} names the content id '{node.value}'"


LAYERS_BELOW_UI = ("model", "loading", "engine", "session", "mods", "ai")


def test_no_layer_below_the_ui_imports_pygame():
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] not in LAYERS_BELOW_UI:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.split(".")[0] in ("pygame", "pygame_gui"), f"{rel} imports {name}"


def test_settings_round_trip_and_bad_files(home):
    from eurasia_game.ui import paths
    from eurasia_game.ui.settings import Settings, load_settings, save_settings

    assert load_settings() == Settings()
    wanted = Settings(width=1600, height=1000, ui_scale=1.3, text_size=1.15, colour_safe=True, animation="fast", curtain=False)
    assert save_settings(wanted) is None
    assert paths.settings_file().is_relative_to(home)
    assert load_settings() == wanted
    paths.settings_file().write_text('{"width": "huge", "ui_scale": 99, "animation": "warp", "colour_safe": true, "extra": 1}')
    loaded = load_settings()
    assert loaded.width == Settings().width and loaded.ui_scale == 1.0 and loaded.animation == "normal" and loaded.colour_safe is True
    paths.settings_file().write_text("not json at all {")
    assert load_settings() == Settings()


@pytest.mark.parametrize("spec,label", [("ctrl+z", "Ctrl+Z"), ("pageup", "Page Up"), ("e", "E"), ("f1", "F1")])
def test_key_labels(spec, label):
    from eurasia_game.ui.widgets import key_label

    assert key_label(spec) == label


def test_save_names_are_made_safe():
    from eurasia_game.ui.controller import safe_save_name

    assert safe_save_name("my game 2024") == "my_game_2024"
    assert safe_save_name("../../etc/passwd") == "etc_passwd"
    assert safe_save_name("   ") == "save"


def test_the_ending_screen_says_which_card_tipped_the_game(rules):
    """A game a tipping point ended names the card; one the tracks ended names the condition."""
    from dataclasses import replace

    from eurasia_game.engine import new_game
    from eurasia_game.engine.work import Work
    from eurasia_game.ui.screens.ending import why_text

    state = new_game(rules, "full_decade", seed=3)
    tipped = Work(rules, replace(state, fired=state.fired + ("partners_fall_out",)))
    tipped.finish("rupture")
    text = why_text(rules, tipped.freeze())
    assert rules.event["partners_fall_out"].title in text and str(state.year) in text

    broken = Work(rules, replace(state, tracks={**state.tracks, "partnership": 0}))
    broken.finish("rupture")
    text = why_text(rules, broken.freeze())
    assert rules.track["partnership"].name in text and rules.event["partners_fall_out"].title not in text
