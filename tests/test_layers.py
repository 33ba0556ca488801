"""One dependency direction: UI -> session -> engine -> rules model.

A static check over the package's imports: only the ``ui`` package imports
pygame or pygame_gui, and the layers below never import the layers above
them (the engine never imports the session or the UI, and so on).  Front
ends (the command line, the UI) may import anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import scan_package

WINDOW_LIBRARIES = {"pygame", "pygame_gui"}
# package -> packages of eurasia_game it must not import
ABOVE = {
    "model": {"loading", "engine", "session", "ai", "balance", "report", "mods", "cli", "ui"},
    "loading": {"engine", "session", "ai", "balance", "report", "cli", "ui"},
    "engine": {"session", "ai", "balance", "report", "mods", "cli", "ui"},
    "ai": {"balance", "report", "cli", "ui"},
    "session": {"balance", "report", "cli", "ui"},
    "balance": {"cli", "ui"},
    "report": {"cli", "ui"},
    "handouts": {"ai", "balance", "report", "cli", "ui"},
}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in a file, lazy imports included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append((node.lineno, node.module))
    return out


def layer_findings(path: Path, name: str) -> list[str]:
    package = name.split("/")[0] if "/" in name else ""
    found = []
    for line, module in imported_modules(path):
        top = module.split(".")[0]
        if top in WINDOW_LIBRARIES and package != "ui":
            found.append(f"{name}:{line}: imports {module} outside the ui package")
        parts = module.split(".")
        if top == "eurasia_game" and len(parts) > 1 and parts[1] in ABOVE.get(package, ()):
            found.append(f"{name}:{line}: the {package} layer imports {module}")
    return found


def test_only_the_ui_draws_and_no_layer_imports_one_above_it():
    found = scan_package(layer_findings)
    assert not found, "\n".join(found)


def test_the_layer_check_finds_what_it_forbids(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n\ndef f():\n    import pygame\n    from eurasia_game.session.saves import write_record\n", encoding="utf-8")
    found = "\n".join(layer_findings(bad, "engine/bad.py"))
    assert "imports pygame outside the ui package" in found
    assert "the engine layer imports eurasia_game.session.saves" in found
    assert layer_findings(bad, "ui/bad.py") == []  # the window may use both
