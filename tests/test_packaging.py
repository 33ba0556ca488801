"""A regular (non-editable) install finds its base rules inside the package.

The checkout is copied to a temporary folder, a wheel is built from the
copy (so the shared tree gets no ``build/`` folder), installed into another
temporary folder, and a Python that sees only that install (``-S``: no
site-packages, so no editable finder) asks ``paths.base_rules_dir()``.  The
rules it finds must be the packaged ones, complete, and load to the same
fingerprint as the checkout's.

Marked ``slow`` (a wheel build takes a few seconds): deselect with
``-m "not slow"``.
"""

from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

# The wheel is built once, in one worker, for every test of this file.
pytestmark = pytest.mark.xdist_group("packaging")

REPO = Path(__file__).resolve().parents[1]
NETWORK_WORDS = ("Could not find a version", "No matching distribution", "Failed to establish", "Temporary failure", "NewConnectionError")


def _copy_checkout(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in ("src", "rules", "assets"):
        shutil.copytree(REPO / name, target / name, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(REPO / name, target / name)


def _build_wheel(source: Path, out: Path) -> Path:
    base = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check", "-w", str(out), str(source)]
    # Without build isolation when the build tools are at hand (fast, offline);
    # otherwise pip fetches them from the package index.
    try:
        import setuptools  # noqa: F401
        import wheel  # noqa: F401

        attempts = [base[:4] + ["--no-build-isolation"] + base[4:], base]
    except ImportError:
        attempts = [base]
    output = ""
    for command in attempts:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        wheels = sorted(out.glob("eurasia_game-*.whl"))
        if result.returncode == 0 and wheels:
            return wheels[0]
        output += result.stdout + result.stderr
    if any(word in output for word in NETWORK_WORDS):
        pytest.skip("the wheel's build tools could not be fetched (no package index reachable)")
    pytest.fail(f"building the wheel failed:\n{output}")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A folder holding a regular install of the game (the wheel unpacked by pip).

    The checkout copy it was built from is ``<root>/source``, two levels up.
    """
    root = tmp_path_factory.mktemp("pkg")
    source = root / "source"
    _copy_checkout(source)
    wheel = _build_wheel(source, root / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    assert "eurasia_game/base_rules/game.yaml" in names
    assert not any(n.startswith("tests/") or "__pycache__" in n for n in names), "the wheel carries files it should not"
    target = root / "install" / "site"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", "--disable-pip-version-check", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return target


PROBE = """
import json, sys
sys.path[:0] = [sys.argv[1]]
sys.path.extend(sys.argv[2:])  # the dependencies (pydantic, PyYAML), not the game
import eurasia_game
from eurasia_game.paths import assets_dir, base_rules_dir
from eurasia_game.loading.loader import load_rules
rules_dir = base_rules_dir()
result = load_rules(rules_dir)
print(json.dumps({
    "package": eurasia_game.__file__,
    "rules_dir": str(rules_dir),
    "assets_dir": str(assets_dir()),
    "files": sorted(str(p.relative_to(rules_dir)) for p in rules_dir.rglob("*.yaml")),
    "problems": [str(p) for p in result.problems],
    "fingerprint": result.rules.fingerprint if result.rules else None,
}))
"""


@pytest.mark.slow
def test_an_installed_game_finds_its_rules_in_the_package(installed, tmp_path):
    from eurasia_game.loading.loader import load_rules

    source_rules = installed.parents[1] / "source" / "rules"  # what the wheel was built from
    dependencies = [p for p in site.getsitepackages() if Path(p).is_dir()]
    result = subprocess.run(
        [sys.executable, "-S", "-c", PROBE, str(installed), *dependencies],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the checkout
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    package = Path(found["package"]).parent
    assert package == installed / "eurasia_game", f"imported the game from {package}, not from the install"
    assert Path(found["rules_dir"]) == installed / "eurasia_game" / "base_rules"
    assert Path(found["assets_dir"]).is_relative_to(installed)
    shipped = sorted(str(p.relative_to(source_rules)) for p in source_rules.rglob("*.yaml"))
    assert found["files"] == shipped, "the install is missing rule files"
    assert found["problems"] == []
    assert found["fingerprint"] == load_rules(source_rules).rules.fingerprint, "the installed rules differ from the checkout's"
