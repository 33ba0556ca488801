"""The pygame_gui side of the window: the text boxes' manager and theme.

Everything the window draws itself uses ``ui.text``; pygame_gui serves only
the text boxes (the seed, a save's name).  Its theme comes from
``assets/ui/theme.json`` with the font sizes scaled like the rest of the
window, and in Chinese it names the bundled Chinese font, which the manager
must know before the theme loads.
"""

from __future__ import annotations

from pathlib import Path

from eurasia_game import lang
from eurasia_game.paths import assets_dir


def theme_path() -> str:
    return str(assets_dir() / "ui" / "theme.json")


def theme_for(ctx) -> dict:
    """The pygame_gui theme with its font sizes scaled like the rest of the window."""
    import copy
    import json

    theme = json.loads(Path(theme_path()).read_text(encoding="utf-8"))
    factor = ctx.text_scale
    chinese = lang.current() in lang.CJK
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font and "size" in font:
            font["size"] = str(max(9, int(round(int(font["size"]) * factor))))
        if font and chinese:
            font["name"] = CJK_FONT_NAME
    return copy.deepcopy(theme)


CJK_FONT_NAME = "noto_sans_sc"


def gui_manager(ctx):
    """A pygame_gui manager for the text boxes, themed like the window, with the Chinese font known to it."""
    import pygame_gui  # imported when a text box is first needed: it is a large package, not needed for the first frame

    from eurasia_game.ui.text import font_path

    if lang.current() not in lang.CJK:
        return pygame_gui.UIManager(ctx.size, theme_for(ctx))
    # the font must be known before the theme that names it is loaded
    manager = pygame_gui.UIManager(ctx.size)
    manager.add_font_paths(CJK_FONT_NAME, font_path(False, True), font_path(True, True))
    manager.get_theme().load_theme(theme_for(ctx))
    return manager
