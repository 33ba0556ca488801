"""Fonts, word wrapping and cached text surfaces.

Rendering text is the costliest part of a frame, so every rendered line is
kept in a bounded cache keyed by its words, size and colour.  ``Text`` also
remembers which strings were drawn since the last ``begin_frame`` — the test
suite reads that to prove a screen shows nothing of a side's secrets.
"""

from __future__ import annotations

import re
from collections import OrderedDict
import importlib.util
from pathlib import Path

import pygame

from eurasia_game import lang
from eurasia_game.paths import assets_dir


def font_path(bold: bool, cjk: bool = False) -> str | None:
    """Noto Sans (Latin, Cyrillic), or the bundled Chinese subset for Chinese text."""
    if cjk:
        cjk = assets_dir() / "fonts" / ("NotoSansSC-Bold-subset.otf" if bold else "NotoSansSC-Regular-subset.otf")
        if cjk.is_file():
            return str(cjk)
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    folder = _gui_data_dir()
    if folder is None:  # pragma: no cover
        return None
    path = folder / name
    return str(path) if path.is_file() else None


def _gui_data_dir() -> Path | None:
    """pygame_gui's data folder, found without importing the package (a large import
    that the first frame does not need) where its location is known; else through
    the package's resources (a frozen build may keep its files elsewhere)."""
    try:
        spec = importlib.util.find_spec("pygame_gui")
    except (ImportError, ValueError):  # pragma: no cover
        spec = None
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent / "data"
        if folder.is_dir():
            return folder
    try:  # pragma: no cover - a frozen build
        from importlib import resources

        return Path(str(resources.files("pygame_gui") / "data"))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover
        return None


# Chinese (and Japanese) text breaks between any two characters, except
# before closing punctuation, which stays with the character it follows.
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_NO_BREAK_BEFORE = set("，。、：；！？）》」』】〕…,.;:!?)")


def _breakable(para: str) -> list[tuple[str, str]]:
    """(separator, piece) pairs a line may break between: words by spaces, CJK by character."""
    pieces: list[tuple[str, str]] = []
    for index, word in enumerate(para.split(" ")):
        sep = " " if index else ""
        if not _CJK.search(word):
            pieces.append((sep, word))
            continue
        run = ""
        for char in word:
            if _CJK.match(char) and char not in _NO_BREAK_BEFORE:
                if run:
                    pieces.append((sep, run))
                    sep = ""
                run = char
            else:
                run += char
        if run:
            pieces.append((sep, run))
    return pieces


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

    def font(self, size: int, bold: bool = False, text: str = "") -> pygame.font.Font:
        """The font for ``text``: the Chinese one when the game speaks Chinese or the text has Chinese in it."""
        size = max(8, int(round(size)))
        cjk = lang.current() in lang.CJK or (bool(text) and _CJK.search(text) is not None)
        key = (size, bold, cjk)
        font = self._fonts.get(key)
        if font is None:
            path = font_path(bold, cjk)
            font = pygame.font.Font(path, size) if path else pygame.font.SysFont("freesansbold", size, bold=bold)
            self._fonts[key] = font
        return font

    def reset_fonts(self) -> None:
        """Forget fonts and rendered text: the language (and so the font) changed."""
        self._fonts.clear()
        self._surfaces.clear()
        self._wraps.clear()
        self._widths.clear()
        self._bytes = 0

    def line_height(self, size: int, bold: bool = False) -> int:
        return self.font(size, bold).get_linesize()

    def width(self, text: str, size: int, bold: bool = False) -> int:
        key = (text, int(round(size)), bold)
        w = self._widths.get(key)
        if w is None:
            w = self.font(size, bold, text).size(text)[0]
            if len(self._widths) > 4 * self._limit:
                self._widths.clear()
            self._widths[key] = w
        return w

    def render(self, text: str, size: int, colour, bold: bool = False) -> pygame.Surface:
        key = (text, int(round(size)), bold, tuple(colour))
        surf = self._surfaces.get(key)
        if surf is None:
            surf = self.font(size, bold, text).render(text, True, colour)
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
        font = self.font(size, bold, text)
        lines = []
        for para in text.split("\n"):
            line = ""
            for sep, word in _breakable(para):
                trial = word if not line else line + sep + word
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

    def draw_wrapped(
        self, surface, text: str, rect, size: int, colour, bold: bool = False, align: str = "left", skip: int = 0, ellipsis: bool = False
    ) -> int:
        """Draw ``text`` wrapped into ``rect`` (skipping ``skip`` lines); returns the height used.

        Lines that would fall below the rect are not drawn; callers size their
        rects with ``wrapped_height`` so that this never happens on screen, or,
        for a box of fixed size, pass ``ellipsis``: the last line that fits then
        ends in "…", so a cut text never looks complete.
        """
        rect = pygame.Rect(rect)
        lh = self.line_height(size, bold)
        y = rect.top
        lines = self.wrap(text, size, rect.width, bold)[skip:]
        room = max(0, (rect.height + 1) // lh)
        if ellipsis and len(lines) > room > 0:
            lines = lines[:room]
            lines[-1] = self.shortened(lines[-1].rstrip() + "\u2026", size, rect.width, bold)
        for line in lines:
            if y + lh > rect.bottom + 1:
                break
            if align == "center":
                self.draw(surface, line, (rect.centerx, y), size, colour, bold, anchor="midtop")
            else:
                self.draw(surface, line, (rect.left, y), size, colour, bold)
            y += lh
        return y - rect.top

    def shortened(self, text: str, size: int, width: int, bold: bool = False, keep: int = 0) -> str:
        """``text`` cut to ``width`` with an ellipsis, never below ``keep`` characters."""
        while self.width(text, size, bold) > width and len(text) > keep:
            text = text[:-2].rstrip() + "\u2026" if not text.endswith("\u2026") else text[:-3].rstrip() + "\u2026"
        return text

    def wrapped_height(self, text: str, size: int, width: int, bold: bool = False) -> int:
        return len(self.wrap(text, size, width, bold)) * self.line_height(size, bold)
