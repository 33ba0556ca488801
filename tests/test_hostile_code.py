"""Rule files and saves are data: no code path can run, import or unpickle what they hold.

A static check over the package's source: nothing calls ``eval``, ``exec``,
``compile`` or ``__import__``, nothing imports ``pickle``, ``marshal``,
``shelve`` or ``dill`` (but the computer's own process, listed below, which
pickles only between itself and the window), YAML is only ever composed with the safe loader (never
``yaml.load`` and friends), and modules are imported by computed name only
where listed below.  A new use has to be argued here, in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import scan_package

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle"}
FORBIDDEN_YAML = {
    "load", "load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all",
    "Loader", "UnsafeLoader", "FullLoader", "CLoader", "CUnsafeLoader", "CFullLoader",
}
# file -> why it may import modules by a computed name
IMPORT_BY_NAME = {
    "cli/main.py": "subcommands found by pkgutil in the package itself",
    "ui/scene_registry.py": "a scene's module from the registry's own fixed table of the window's modules, never a name read from a file",
}
# file -> why it may import pickle
PICKLE_BETWEEN_OWN_PROCESSES = {
    "session/workproc.py": "a computer move and its answer between the window's process and the computer's own"
    " process it started, over that process's private pipes; both ends are this module, and nothing read from"
    " a file (rules, saves, mods) is ever unpickled; its unpickler rebuilds only the game's own classes, a"
    " random generator and exceptions (tests/test_workproc_wire.py)",
}


def findings(path: Path, name: str) -> list[str]:
    """Every forbidden construct in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"{where}: {func.id}()")
            if isinstance(func, ast.Attribute) and func.attr in FORBIDDEN_CALLS - {"compile"}:
                found.append(f"{where}: .{func.attr}()")
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if called == "import_module" and name not in IMPORT_BY_NAME:
                found.append(f"{where}: import_module()")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for module in modules:
                if module.split(".")[0] in FORBIDDEN_MODULES and not (module == "pickle" and name in PICKLE_BETWEEN_OWN_PROCESSES):
                    found.append(f"{where}: import {module}")
            if isinstance(node, ast.ImportFrom) and node.module == "yaml":
                found += [f"{where}: from yaml import {a.name}" for a in node.names if a.name in FORBIDDEN_YAML]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "yaml" and node.attr in FORBIDDEN_YAML:
            found.append(f"{where}: yaml.{node.attr}")
    return found


def test_the_package_never_runs_imports_or_unpickles_data():
    found = scan_package(findings)
    assert not found, "\n".join(found)


def test_the_check_finds_what_it_forbids(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import pickle\nimport yaml\nfrom marshal import loads\nx = eval('1')\ny = yaml.load('a')\n"
        "z = __import__('os')\nimport importlib\nimportlib.import_module('os')\nok = re.compile('x')\n",
        encoding="utf-8",
    )
    found = "\n".join(findings(bad, "bad.py"))
    for expected in ("import pickle", "import marshal", "eval()", "yaml.load", "__import__()", "import_module()"):
        assert expected in found, found
    assert "compile" not in found
