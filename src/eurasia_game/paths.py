"""Where the game finds its base rules and assets, installed or from a checkout.

A regular install carries them as package data (``eurasia_game/base_rules``);
an editable install or a source checkout reads the top-level ``rules/`` and
``assets/`` folders directly.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]


def _packaged(name: str) -> Path | None:
    try:
        path = Path(str(resources.files("eurasia_game") / name))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - unusual loaders
        return None
    return path if path.is_dir() else None


def base_rules_dir() -> Path:
    """The folder holding the base game's rule files."""
    checkout = _CHECKOUT / "rules"
    if (checkout / "game.yaml").is_file():
        return checkout
    packaged = _packaged("base_rules")
    if packaged is not None:
        return packaged
    try:  # editable installs map the package onto the checkout's folder
        path = Path(str(resources.files("eurasia_game.base_rules")))
        if path.is_dir():
            return path
    except ModuleNotFoundError:
        pass
    return checkout


def assets_dir() -> Path:
    """The folder holding fonts and images made for the game."""
    checkout = _CHECKOUT / "assets"
    if checkout.is_dir():
        return checkout
    packaged = _packaged("assets")
    if packaged is not None:
        return packaged
    try:
        return Path(str(resources.files("eurasia_game.assets")))
    except ModuleNotFoundError:
        return checkout
