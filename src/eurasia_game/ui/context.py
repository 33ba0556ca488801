"""What a scene may read while it handles input and draws: ``Context``.

Scenes get the app's settings, rules and game through it, and every length
and font size: ``px`` and ``fs`` scale with the window's size and the
player's UI and text sizes, so no screen lays itself out in fixed pixels.
It is kept apart from ``App`` so the window and its loop read on their
own; ``ui.app`` re-exports it.
"""

from __future__ import annotations

from eurasia_game.ui import palette
from eurasia_game.ui.settings import Settings


class Context:
    """What scenes may read while handling input and drawing."""

    def __init__(self, app):
        # ``app`` is the window's App (``ui.app``), which makes the context;
        # it is not imported here, so the two modules do not import each other
        self.app = app
        self.text = app.text
        self.mouse: tuple[int, int] | None = None
        self.pointer_active: bool | None = None  # None until the first input: no tooltip yet
        self.time = 0.0
        self.last_key = -1e9  # ctx.time of the last key press (focus help boxes wait after it)
        self.key_presses = 0  # key presses so far (a screen's first focus shows no help box until another key)
        self.notice: str | None = None
        self._scale_key = None
        self._scale_values = (1.0, 1.0)

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def rules(self):
        return self.app.rules

    @property
    def game(self):
        return self.app.game

    @property
    def size(self) -> tuple[int, int]:
        return self.app.surface.get_size()

    def _scales(self) -> tuple[float, float]:
        """(layout scale, text scale), computed once per window size and settings."""
        w, h = self.app.surface.get_size()
        key = (w, h, self.settings.ui_scale, self.settings.text_size)
        if key != self._scale_key:
            # the window's size times the player's UI scale, kept to what the
            # window can hold (a larger scale on a small window would push the
            # board off the screen); text likewise, with the player's text size
            fit = max(0.78, min(2.0, min(w / 1280, h / 800)))
            scale = min(fit * self.settings.ui_scale, max(fit, min(w / 1180, h / 740)))
            text = min(scale * self.settings.text_size, max(scale, min(w / 1050, h / 660)))
            self._scale_key, self._scale_values = key, (scale, text)
        return self._scale_values

    @property
    def scale(self) -> float:
        """Pixels per layout unit."""
        return self._scales()[0]

    @property
    def text_scale(self) -> float:
        """Pixels per font unit (the layout scale with the player's text size)."""
        return self._scales()[1]

    def px(self, n: float) -> int:
        return max(1, int(round(n * self._scales()[0])))

    def fs(self, name: str) -> int:
        return max(9, int(round(palette.size(name) * self._scales()[1])))

    def colour(self, name: str):
        if name == "danger" and self.settings.colour_safe:
            name = "danger_safe"
        return palette.colour(name)

    def side_colour(self, side: str):
        return palette.side_colour(self.rules, side, self.settings.colour_safe)
