"""Where the window opens and how large: fitted to the display it is on.

A saved window size comes from another machine or another monitor as often
as not (a 1280x800 window saved on a desktop, reopened on a 1024x640
projector laptop).  The window is therefore never larger than the usable
area of the display it opens on (the screen less its panels and task bar,
and room for the title bar) and is centred in that area, so it can neither
open off-screen nor overflow it.

SDL knows each display's usable area (``SDL_GetDisplayUsableBounds``), but
pygame does not expose it; it is read from the SDL library pygame loaded,
and where that is not possible the whole desktop size less a margin is used.
The arithmetic (``fit``) is pure and tested on its own.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from dataclasses import dataclass

import pygame

log = logging.getLogger("eurasia_game.ui")

TITLE_BAR = 32  # room kept for the window's title bar above the drawable area
FALLBACK_MARGIN = (0, 64)  # taken off the desktop when its usable area is unknown (panels, task bar)


@dataclass(frozen=True)
class Area:
    x: int
    y: int
    w: int
    h: int

    def contains(self, point: tuple[int, int]) -> bool:
        return self.x <= point[0] < self.x + self.w and self.y <= point[1] < self.y + self.h


def fit(requested: tuple[int, int], usable: Area, minimum: tuple[int, int] = (0, 0)) -> tuple[tuple[int, int], tuple[int, int]]:
    """(size, position) of a window asked to be ``requested``, on the display area ``usable``.

    The size is the request grown to ``minimum`` and then shrunk to what the
    area holds below a title bar; the position centres it in the area (the
    title bar included), so every edge is on the display.
    """
    room_w, room_h = max(1, usable.w), max(1, usable.h - TITLE_BAR)
    w = min(max(requested[0], minimum[0]), room_w)
    h = min(max(requested[1], minimum[1]), room_h)
    x = usable.x + (usable.w - w) // 2
    y = usable.y + TITLE_BAR + (usable.h - TITLE_BAR - h) // 2
    return (w, h), (x, y)


class _Rect(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("w", ctypes.c_int), ("h", ctypes.c_int)]


_sdl = None


def _sdl_library():
    """The SDL library pygame itself loaded (so the same video state), or None."""
    global _sdl
    if _sdl is not None:
        return _sdl or None
    _sdl = False
    path = None
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
                for line in maps:
                    name = line.rsplit(" ", 1)[-1].strip()
                    if "libSDL2-2" in os.path.basename(name) or os.path.basename(name).startswith("libSDL2-2.0.so"):
                        path = name
                        break
        elif sys.platform == "win32":  # pragma: no cover - not run in the test suite
            path = "SDL2.dll"
        if path:
            lib = ctypes.CDLL(path)
            lib.SDL_GetDisplayUsableBounds.argtypes = [ctypes.c_int, ctypes.POINTER(_Rect)]
            lib.SDL_GetDisplayBounds.argtypes = [ctypes.c_int, ctypes.POINTER(_Rect)]
            lib.SDL_GetNumVideoDisplays.restype = ctypes.c_int
            _sdl = lib
    except (OSError, AttributeError) as exc:
        log.info("display areas from the desktop size only (%s)", exc)
    return _sdl or None


def displays() -> list[tuple[Area, Area]]:
    """Each display as (its whole area, its usable area), in SDL's order."""
    lib = _sdl_library()
    out: list[tuple[Area, Area]] = []
    if lib is not None and pygame.display.get_init():
        try:
            for index in range(max(0, lib.SDL_GetNumVideoDisplays())):
                whole, usable = _Rect(), _Rect()
                if lib.SDL_GetDisplayBounds(index, ctypes.byref(whole)) != 0:
                    continue
                if lib.SDL_GetDisplayUsableBounds(index, ctypes.byref(usable)) != 0 or usable.w <= 0 or usable.h <= 0:
                    usable = whole
                out.append((Area(whole.x, whole.y, whole.w, whole.h), Area(usable.x, usable.y, usable.w, usable.h)))
        except (OSError, AttributeError, ValueError):  # pragma: no cover - an unusual SDL
            out = []
    if out:
        return out
    x = 0
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        sizes = []
    for w, h in sizes:
        out.append((Area(x, 0, w, h), Area(x, 0, max(1, w - FALLBACK_MARGIN[0]), max(1, h - FALLBACK_MARGIN[1]))))
        x += w
    return out


def current_display(window_centre: tuple[int, int] | None) -> Area | None:
    """The usable area of the display holding ``window_centre`` (the first display if none does)."""
    found = displays()
    if not found:
        return None
    if window_centre is not None:
        for whole, usable in found:
            if whole.contains(window_centre):
                return usable
    return found[0][1]


def window_centre() -> tuple[int, int] | None:
    """The centre of the game's window on the desktop, or None before it exists."""
    surface = pygame.display.get_surface()
    if surface is None:
        return None
    try:
        x, y = pygame.display.get_window_position()
    except (pygame.error, AttributeError):
        return None
    w, h = surface.get_size()
    return x + w // 2, y + h // 2


def open_window(requested: tuple[int, int], minimum: tuple[int, int], flags: int):
    """Open (or resize) the window at ``requested``, fitted and centred on its display."""
    usable = current_display(window_centre())
    if usable is None or pygame.display.get_driver() in ("dummy", "offscreen"):
        return pygame.display.set_mode((max(requested[0], minimum[0]), max(requested[1], minimum[1])), flags)
    size, position = fit(requested, usable, minimum)
    first = pygame.display.get_surface() is None
    if first:
        os.environ["SDL_VIDEO_WINDOW_POS"] = f"{position[0]},{position[1]}"
    try:
        surface = pygame.display.set_mode(size, flags)
    finally:
        os.environ.pop("SDL_VIDEO_WINDOW_POS", None)
    if not first:
        try:
            pygame.display.set_window_position(position)
        except (pygame.error, AttributeError):  # pragma: no cover
            pass
    log.info("window %dx%d at %d,%d (asked %dx%d; usable display %s)", *size, *position, *requested, usable)
    return surface
