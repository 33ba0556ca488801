"""Build a standalone folder of the game for computers without Python.

    .venv/bin/python scripts/bundle.py        # -> dist/eurasia-game/ (start: dist/eurasia-game/eurasia-game)

PyInstaller (pip install -e ".[bundle]") freezes the interpreter, the game and its
libraries into one folder: copy it to a classroom computer and run
``eurasia-game`` there (``eurasia-game.exe`` when built on Windows; a bundle
runs only on the system it was built on).  Every command works from it:
``eurasia-game check``, ``eurasia-game simulate --lang ru ...``, and with no
command the window.  The base rules, the assets (words in every language,
fonts, sounds, map) and pygame_gui's data travel inside it.  After building,
the script runs the bundle's ``check`` and a short windowless start
(``play --quit-after 0.1`` under SDL's dummy video driver: the window
opens, draws its title screen and closes itself a tenth of a second later)
and a Chinese transcript, and prints the folder's size and those times as
``metric: value`` lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "eurasia-game"
ENTRY = """from eurasia_game.cli.main import main

raise SystemExit(main())
"""


def build(dist: Path) -> Path:
    import PyInstaller.__main__

    work = Path(tempfile.mkdtemp(prefix="eurasia-bundle-"))
    entry = work / "eurasia_game_entry.py"
    entry.write_text(ENTRY, encoding="utf-8")
    sep = os.pathsep
    PyInstaller.__main__.run([
        str(entry), "--name", NAME, "--onedir", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work / "build"), "--specpath", str(work),
        "--paths", str(ROOT / "src"),
        "--add-data", f"{ROOT / 'rules'}{sep}eurasia_game/base_rules",
        "--add-data", f"{ROOT / 'assets'}{sep}eurasia_game/assets",
        "--collect-submodules", "eurasia_game",  # commands and screens are imported by name, late
        "--collect-data", "pygame_gui",
        "--exclude-module", "tkinter", "--exclude-module", "numpy", "--exclude-module", "babel",
        "--exclude-module", "PyInstaller", "--exclude-module", "pytest", "--exclude-module", "hypothesis",
    ])
    shutil.rmtree(work, ignore_errors=True)
    _prune(dist / NAME)
    return dist / NAME


# pygame_gui's fonts for scripts the game never sets its widgets in (about
# 38 MB): the game's own text uses Noto Sans, and Chinese the subset in
# assets/fonts.  Its Latin fonts, theme and licences stay.
UNUSED_GUI_FONTS = ("NotoSansJP-*", "NotoSansKR-*", "NotoSansSC-*", "NotoSansArabic-*", "NotoSansGeorgian-*", "NotoSansHebrew-*")


def _prune(folder: Path) -> None:
    for data in folder.rglob("pygame_gui/data"):
        for pattern in UNUSED_GUI_FONTS:
            for font in data.glob(pattern):
                font.unlink()


def folder_size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def smoke(folder: Path) -> int:
    """Run the bundle's check and a short windowless start; print the figures."""
    program = folder / (NAME + (".exe" if sys.platform == "win32" else ""))
    home = Path(tempfile.mkdtemp(prefix="eurasia-bundle-home-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", EURASIA_GAME_HOME=str(home), EURASIA_GAME_LANG="en")
    started = time.perf_counter()
    check = subprocess.run([str(program), "check"], capture_output=True, text=True, env=env, cwd=home, timeout=300)
    check_s = time.perf_counter() - started
    print(check.stdout.strip().splitlines()[-1] if check.stdout.strip() else check.stderr[-2000:])
    if check.returncode != 0:
        print(f"the bundle's check failed ({check.returncode}):\n{check.stderr[-2000:]}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    play = subprocess.run([str(program), "play", "--quit-after", "0.1"], capture_output=True, text=True, env=env, cwd=home, timeout=300)
    play_s = time.perf_counter() - started
    if play.returncode != 0:
        print(f"the bundle's window did not start ({play.returncode}):\n{play.stdout[-2000:]}{play.stderr[-2000:]}", file=sys.stderr)
        return 1
    zh = subprocess.run([str(program), "simulate", "--lang", "zh", "--seed", "1", "--moscow", "easy", "--beijing", "easy"], capture_output=True, text=True, env=env, cwd=home, timeout=300)
    if zh.returncode != 0:
        print(f"the bundle's simulate failed ({zh.returncode}):\n{zh.stderr[-2000:]}", file=sys.stderr)
        return 1
    shutil.rmtree(home, ignore_errors=True)
    print(f"bundle_size_mb: {folder_size_mb(folder):.1f}")
    print(f"bundle_check_s: {check_s:.2f}")
    print(f"bundle_window_open_and_close_s: {play_s:.2f}")
    return 0


def main() -> int:
    dist = ROOT / "dist"
    started = time.perf_counter()
    folder = build(dist)
    print(f"bundle_build_s: {time.perf_counter() - started:.1f}")
    print(f"bundle: {folder}")
    return smoke(folder)


if __name__ == "__main__":
    raise SystemExit(main())
