"""Fonts, word wrapping and cached text surfaces.

Rendering text is the costliest part of a frame, so every rendered line is
kept in a bounded cache keyed by its words, size and colour.  ``Text`` also
remembers which strings were drawn since the last ``begin_frame`` — the test
suite reads that to prove a screen shows nothing of a side's secrets.
"""

from __future__ import annotations

from collections import OrderedDict
from importlib import resources
from pathlib import Path

import pygame


def _font_path(bold: bool) -> str | None:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    try:
        path = Path(str(resources.files("pygame_gui") / "data" / name))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover
        return None
    return str(path) if path.is_file() else None


class Text:
    """Fonts by pixel size, measured and rendered through caches."""

    def __init__(self, limit: int = 4000):
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._surfaces: OrderedDict = OrderedDict()
        self._wraps: OrderedDict = OrderedDict()
        self._widths: dict = {}
        self._limit = limit
        # Rendered lines are also bounded in pixel memory: after a few
        # changes of window size or text size the old sizes would otherwise
        # hold a hundred megabytes that no frame draws any more.
        self._bytes = 0
        self._byte_limit = 24_000_000
        self.drawn: list[str] = []

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        size = max(8, int(round(size)))
        key = (size, bold)
        font = self._fonts.get(key)
        if font is None:
            path = _font_path(bold)
            font = pygame.font.Font(path, size) if path else pygame.font.SysFont("freesansbold", size, bold=bold)
            self._fonts[key] = font
        return font

    def line_height(self, size: int, bold: bool = False) -> int:
        return self.font(size, bold).get_linesize()

    def width(self, text: str, size: int, bold: bool = False) -> int:
        key = (text, int(round(size)), bold)
        w = self._widths.get(key)
        if w is None:
            w = self.font(size, bold).size(text)[0]
            if len(self._widths) > 4 * self._limit:
                self._widths.clear()
            self._widths[key] = w
        return w

    def render(self, text: str, size: int, colour, bold: bool = False) -> pygame.Surface:
        key = (text, int(round(size)), bold, tuple(colour))
        surf = self._surfaces.get(key)
        if surf is None:
            surf = self.font(size, bold).render(text, True, colour)
            self._surfaces[key] = surf
            self._bytes += surf.get_pitch() * surf.get_height()
            while len(self._surfaces) > 1 and (len(self._surfaces) > self._limit or self._bytes > self._byte_limit):
                _, old = self._surfaces.popitem(last=False)
                self._bytes -= old.get_pitch() * old.get_height()
        else:
            self._surfaces.move_to_end(key)
        return surf

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Lines of ``text`` no wider than ``width`` (a too-long word gets its own line)."""
        key = (text, int(round(size)), int(width), bold)
        lines = self._wraps.get(key)
        if lines is not None:
            return lines
        font = self.font(size, bold)
        lines = []
        for para in text.split("\n"):
            words = para.split(" ")
            line = ""
            for word in words:
                trial = word if not line else line + " " + word
                if font.size(trial)[0] <= width or not line:
                    line = trial
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        self._wraps[key] = lines
        if len(self._wraps) > self._limit:
            self._wraps.popitem(last=False)
        return lines

    def fits(self, text: str, size: int, width: int, bold: bool = False) -> bool:
        return all(self.width(line, size, bold) <= width for line in self.wrap(text, size, width, bold))

    def begin_frame(self) -> None:
        self.drawn = []

    def draw(self, surface, text: str, pos, size: int, colour, bold: bool = False, anchor: str = "topleft") -> pygame.Rect:
        """Draw one line; ``anchor`` is a pygame.Rect attribute name for ``pos``."""
        if not text:
            return pygame.Rect(pos, (0, 0))
        surf = self.render(text, size, colour, bold)
        rect = surf.get_rect(**{anchor: pos})
        surface.blit(surf, rect)
        self.drawn.append(text)
        return rect

    def draw_wrapped(self, surface, text: str, rect, size: int, colour, bold: bool = False, align: str = "left", skip: int = 0) -> int:
        """Draw ``text`` wrapped into ``rect`` (skipping ``skip`` lines); returns the height used.

        Lines that would fall below the rect are not drawn; callers size their
        rects with ``wrapped_height`` so that this never happens on screen.
        """
        rect = pygame.Rect(rect)
        lh = self.line_height(size, bold)
        y = rect.top
        for line in self.wrap(text, size, rect.width, bold)[skip:]:
            if y + lh > rect.bottom + 1:
                break
            if align == "center":
                self.draw(surface, line, (rect.centerx, y), size, colour, bold, anchor="midtop")
            else:
                self.draw(surface, line, (rect.left, y), size, colour, bold)
            y += lh
        return y - rect.top

    def wrapped_height(self, text: str, size: int, width: int, bold: bool = False) -> int:
        return len(self.wrap(text, size, width, bold)) * self.line_height(size, bold)
