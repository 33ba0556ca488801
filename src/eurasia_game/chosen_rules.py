"""The rules and mods a command line names, loaded: ``--rules DIR`` and ``--mod PATH``.

Every command and the window read their rules this way (``cli.common`` adds
the arguments; ``ui.startup`` opens the window with them), so it sits below
both.  The loader and the mods' look-up are imported only when used, which
keeps them out of the window's first frame when no mod is named.
"""

from __future__ import annotations

from pathlib import Path


def mod_paths(args) -> list[Path]:
    """The mod folders named by ``--mod`` (ids of installed mods are looked up)."""
    named = getattr(args, "mods", None) or ()
    if not named:
        return []  # without mods the mods package (its diff and reload tools) is not imported
    from eurasia_game.mods.discover import resolve_mod

    return [resolve_mod(text) for text in named]


def load_result(args):
    """The ``LoadResult`` for the command's ``--rules`` and ``--mod`` arguments.

    Problems name files by the paths as given on the command line (so an
    editor or a CI annotation opens them from where the command ran), or
    absolute paths with ``--absolute-paths``.
    """
    from eurasia_game.loading.loader import load_rules

    style = "absolute" if getattr(args, "absolute_paths", False) else "given"
    return load_rules(args.rules, mods=mod_paths(args), paths=style)
