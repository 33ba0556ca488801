"""A corpus of broken mods and saves: each gets a located message, exit code 1, no traceback, fast and small.

``tests/corpus/mods`` holds mod folders broken one way each (a YAML syntax
error, a wrong type, an unknown reference, a duplicate id, a broken manifest
hiding nothing, anchors, deep nesting, a control character, text that is not
UTF-8, bad patches, a newer format, a missing dependency, a byte-order mark
with an error behind it, a 'game' section in a mod, a dilemma without a free
option); ``tests/corpus/saves`` holds saves broken one way each.  Inputs that
cannot live in git are made here: a sparse file of a gigabyte, a named pipe,
a link to ``/dev/zero``, a folder where a file should be.

Each runs as a real command in a process of its own, and the process's own
CPU time and peak memory (from ``wait4``) must stay under 2 s and 200 MB
whatever the input's size: CPU time, not wall time, so a busy machine does
not make the test flaky, with a generous wall-clock timeout for hangs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
MOD_CASES = sorted(p.name for p in (CORPUS / "mods").iterdir() if p.is_dir())
SAVE_CASES = sorted(p.name for p in (CORPUS / "saves").iterdir() if p.suffix == ".json")
CPU_SECONDS = 2.0
PEAK_MB = 200
# file:line:column for rule files; for saves, the file's name then a line or a field
LOCATED_RULES = re.compile(r"^\S+\.yaml:\d+:\d+: error: ", re.MULTILINE)

pytestmark = pytest.mark.skipif(not hasattr(os, "wait4"), reason="measures the child with wait4 (POSIX)")


def run(*args: str, cwd: Path) -> tuple[int, str, float, float]:
    """Exit code, stdout+stderr, CPU seconds and peak RSS in MB of ``eurasia-game ARGS``."""
    out_path = cwd / ".out.txt"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "EURASIA_GAME_HOME": str(cwd / ".home")}
    with open(out_path, "wb") as out:
        child = subprocess.Popen([sys.executable, "-m", "eurasia_game", *args], cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 120
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                pytest.fail(f"eurasia-game {' '.join(args)} did not finish within 120 s")
            time.sleep(0.02)
    child.returncode = os.waitstatus_to_exitcode(status)
    text = out_path.read_text(encoding="utf-8", errors="replace")
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return child.returncode, text, usage.ru_utime + usage.ru_stime, peak


def assert_refused(code: int, text: str, cpu: float, peak: float, *words: str) -> None:
    assert "Traceback" not in text, text
    assert code == 1, f"exit code {code}:\n{text}"
    for word in words:
        assert word in text, f"{word!r} not in:\n{text}"
    assert cpu < CPU_SECONDS, f"{cpu:.2f} s of CPU:\n{text[:500]}"
    assert peak < PEAK_MB, f"peak memory {peak:.0f} MB"


@pytest.fixture
def place(tmp_path):
    """A working folder for one case, holding a copy of the corpus."""
    shutil.copytree(CORPUS / "mods", tmp_path / "mods")
    shutil.copytree(CORPUS / "saves", tmp_path / "saves")
    return tmp_path


# --- mods ------------------------------------------------------------------------

# words each case's output must hold, besides a file:line:column error
MOD_WORDS = {
    "anchors": ["anchors/events.yaml:2:", "anchors and aliases"],
    "bom_and_error": ["bom_and_error/events.yaml:5:", "did you mean 'Building blocks'"],
    "broken_manifest": ["broken_manifest/mod.yaml:3:", "broken_manifest/events.yaml:3:"],  # both, in one run
    "control_character": ["control_character/texts.yaml:2:", "U+001B"],
    "deep_nesting": ["deep_nesting/events.yaml:1:", "nesting"],
    "dilemma_no_free_option": ["free and unconditional"],
    "duplicate_id": ["'twin' is used twice (also in duplicate_id/a.yaml:2)"],
    "game_in_mod": ["game_in_mod/game.yaml:1:"],
    "missing_dependency": ["missing_dependency/mod.yaml:", "not_installed", "missing_dependency/events.yaml:3:"],
    "newer_format": ["newer_format/mod.yaml:4:", "format 99"],
    "not_utf8": ["not_utf8/events.yaml:2:", "UTF-8"],
    "patch_id": ["patch_id/endings.yaml:4:", "cannot change an id"],
    "patch_unknown": ["patch_unknown/sides.yaml:3:", "did you mean 'beijing'"],
    "placeholder_typo": ["$sied", "did you mean '$side'", "did you mean '$front'"],
    "unknown_track": ["unknown_track/events.yaml:7:", "did you mean 'partnership'"],
    "wrong_type": ["wrong_type/events.yaml:3:", "wrong_type/events.yaml:7:"],
    "yaml_syntax": ["yaml_syntax/events.yaml:4:", "YAML syntax error"],
}


def test_every_mod_case_says_what_it_expects():
    assert sorted(MOD_WORDS) == MOD_CASES


@pytest.mark.parametrize("case", MOD_CASES)
def test_a_broken_mod_is_checked_with_located_messages(place, case):
    code, text, cpu, peak = run("check", "--mod", f"mods/{case}", cwd=place)
    assert_refused(code, text.replace("mods/", ""), cpu, peak, *MOD_WORDS[case])
    assert LOCATED_RULES.search(text), text


@pytest.mark.parametrize("case", MOD_CASES)
def test_a_broken_mod_makes_every_command_exit_1(place, case):
    code, text, cpu, peak = run("simulate", "--seed", "1", "--moscow", "random", "--beijing", "random", "--mod", f"mods/{case}", cwd=place)
    assert_refused(code, text, cpu, peak)
    assert LOCATED_RULES.search(text), text


@pytest.mark.parametrize("case", MOD_CASES)
def test_upgrading_a_broken_mod_never_crashes(place, case):
    code, text, cpu, peak = run("upgrade", "--check", f"mods/{case}", cwd=place)
    assert "Traceback" not in text and code in (0, 1), text
    assert cpu < CPU_SECONDS and peak < PEAK_MB


def _mod(place: Path, name: str) -> Path:
    folder = place / "mods" / name
    folder.mkdir()
    (folder / "mod.yaml").write_text(f'id: {name}\nname: "{name}"\nversion: "1.0"\nformat: 1\ngame: {{id: eurasia_base}}\n', encoding="utf-8")
    return folder


def _sparse(path: Path, size: int = 1 << 30) -> None:
    with open(path, "wb") as handle:
        handle.truncate(size)  # no disk space used


HOSTILE_FILES = {
    "a gigabyte": (lambda path: _sparse(path), "larger than 2 MB"),
    "a pipe": (lambda path: os.mkfifo(path), "a pipe, not a file"),
    "a link to /dev/zero": (lambda path: os.symlink("/dev/zero", path), "leads outside"),
    "a folder": (lambda path: path.mkdir(), ""),
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("kind", HOSTILE_FILES)
def test_a_rule_file_that_is_not_a_small_regular_file_is_refused_without_reading_it(place, kind):
    make, words = HOSTILE_FILES[kind]
    folder = _mod(place, "hostile")
    (folder / "cards.yaml").write_text("events:\n  - id: ok\n    title: 3\n", encoding="utf-8")  # an error of its own, still found
    make(folder / "events.yaml")
    code, text, cpu, peak = run("check", "--mod", "mods/hostile", cwd=place)
    if kind == "a folder":  # a folder named like a file is just a folder: its files are read
        assert_refused(code, text, cpu, peak, "mods/hostile/cards.yaml:3:")
        return
    assert_refused(code, text, cpu, peak, "mods/hostile/events.yaml:1:1:", words, "mods/hostile/cards.yaml:3:")
    code, text, cpu, peak = run("upgrade", "mods/hostile", cwd=place)
    assert_refused(code, text, cpu, peak, "events.yaml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("kind", ["a gigabyte", "a pipe"])
def test_a_manifest_that_is_not_a_small_regular_file_is_refused(place, kind):
    make, words = HOSTILE_FILES[kind]
    folder = place / "mods" / "hostile_manifest"
    folder.mkdir()
    make(folder / "mod.yaml")
    code, text, cpu, peak = run("check", "--mod", "mods/hostile_manifest", cwd=place)
    assert_refused(code, text, cpu, peak, "mods/hostile_manifest/mod.yaml:1:1:", words)


def test_an_installed_broken_mod_does_not_stop_the_mods_list(place):
    home_mods = place / ".home" / "mods"
    home_mods.mkdir(parents=True)
    folder = _mod(place, "huge")
    _sparse(folder / "events.yaml")
    shutil.move(str(folder), home_mods / "huge")
    code, text, cpu, peak = run("mods", cwd=place)
    assert "Traceback" not in text and "huge" in text, text
    assert cpu < CPU_SECONDS * 2 and peak < PEAK_MB  # the base game is checked once per installed mod


# --- saves -----------------------------------------------------------------------

SAVE_WORDS = {
    "control_character.json": ["actions.0.side:", "characters"],
    "deep_nesting.json": ["line 1:", "nested too deeply"],
    "duplicate_key.json": ["'seed' twice"],
    "empty.json": ["line 1:", "empty"],
    "missing_seed.json": ["seed:", "missing"],
    "newer_format.json": ["format:", "newer version"],
    "no_checksum.json": ["checksum:", "no checksum"],
    "no_format.json": ["format:", "does not say"],
    "not_an_object.json": ["line 1:", "not a game record"],
    "not_utf8.json": ["line 1:", "not text"],
    "tampered.json": ["checksum:", "does not match"],
    "truncated.json": ["line ", "column ", "cut short"],
    "unknown_player.json": ["players:", "'grandmaster'"],
}


def test_every_save_case_says_what_it_expects():
    assert sorted(SAVE_WORDS) == SAVE_CASES


@pytest.mark.parametrize("case", SAVE_CASES)
def test_a_broken_save_is_refused_by_replay_and_report(place, case):
    for args in (("replay", f"saves/{case}"), ("report", f"saves/{case}", "--out", "out")):
        code, text, cpu, peak = run(*args, cwd=place)
        assert_refused(code, text, cpu, peak, case, *SAVE_WORDS[case])
    for jargon in ("Field required", "record format None", "utf-8-sig", "Value error", "JSONDecodeError"):
        assert jargon not in text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("kind", ["a gigabyte", "a pipe", "/dev/zero", "a folder"])
def test_a_save_that_is_not_a_small_regular_file_is_refused_without_reading_it(place, kind):
    path = place / "saves" / "game.json"
    if kind == "a gigabyte":
        _sparse(path)
    elif kind == "a pipe":
        os.mkfifo(path)
    elif kind == "a folder":
        path.mkdir()
    else:
        path = Path("/dev/zero")
    words = {"a gigabyte": "too large", "a pipe": "a pipe", "/dev/zero": "a device", "a folder": "a folder"}[kind]
    for args in (("replay", str(path)), ("report", str(path), "--out", "out"), ("report", "--combine", str(path), str(path), "--out", "out")):
        code, text, cpu, peak = run(*args, cwd=place)
        assert_refused(code, text, cpu, peak, path.name, words)


def test_a_save_with_a_byte_order_mark_replays(place):
    code, text, _, _ = run("simulate", "--seed", "2", "--moscow", "random", "--beijing", "random", "--save", "plain.json", cwd=place)
    assert code == 0, text
    (place / "bom.json").write_bytes(b"\xef\xbb\xbf" + (place / "plain.json").read_bytes())
    code, text, _, _ = run("replay", "bom.json", cwd=place)
    assert code == 0 and "Traceback" not in text, text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("kind", ["a gigabyte", "a pipe", "a folder"])
def test_a_settings_file_that_is_not_a_small_regular_file_gives_the_defaults(tmp_path, monkeypatch, kind):
    from eurasia_game.ui import paths
    from eurasia_game.ui.settings import Settings, load_settings

    path = tmp_path / "settings.json"
    {"a gigabyte": _sparse, "a pipe": os.mkfifo, "a folder": Path.mkdir}[kind](path)
    monkeypatch.setattr(paths, "settings_file", lambda: path)
    started = time.process_time()
    assert load_settings() == Settings()
    assert time.process_time() - started < 1


def test_the_bounded_reader_refuses_before_reading(tmp_path):
    from eurasia_game.safefile import FileRefused, read_bounded, read_text_bounded

    small = tmp_path / "small.txt"
    small.write_bytes(b"\xef\xbb\xbfhello")
    assert read_text_bounded(small, 100) == "hello" and read_bounded(small, 8) == b"\xef\xbb\xbfhello"
    with pytest.raises(FileRefused, match="larger than"):
        read_bounded(small, 4)
    with pytest.raises(FileRefused, match="does not exist"):
        read_bounded(tmp_path / "absent", 10)
    with pytest.raises(FileRefused, match="a folder"):
        read_bounded(tmp_path, 10)
    if os.path.exists("/dev/zero"):
        with pytest.raises(FileRefused, match="a device"):
            read_bounded("/dev/zero", 10)
