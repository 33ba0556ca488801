"""The ``eurasia-game`` command, run as a real subprocess.

``simulate`` prints the same bytes for the same arguments and ends with the
ending's name; ``replay`` of its saved record prints the same transcript;
``check`` prints a one-line summary on the base rules and located problems
on broken ones.  Bad input always ends with a message on stderr, a non-zero
exit code and no traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cannot_run, edit_rule_file
from eurasia_game.cli.main import main

ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}


def run(*args: str, cwd: Path | None = None, hashseed: str = "random") -> subprocess.CompletedProcess:
    """Run the command in a fresh Python process."""
    return subprocess.run(
        [sys.executable, "-m", "eurasia_game", *map(str, args)],
        capture_output=True,
        text=True,
        env={**ENV, "PYTHONHASHSEED": hashseed},
        cwd=cwd,
        timeout=120,
    )


def call(*args: str) -> subprocess.CompletedProcess:
    """Run the command in this process (faster); an exception escaping it fails the test."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's own errors
            code = exc.code if isinstance(exc.code, int) else 2
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def refused(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode != 0, f"exit code 0 for bad input; stdout:\n{result.stdout}"
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    assert result.stderr.strip(), "the reason goes to stderr"
    for word in words:
        assert word in result.stderr, f"{word!r} not in stderr:\n{result.stderr}"
    return result.stderr


def players(rules, policy: str = "random") -> list[str]:
    out: list[str] = []
    for side in rules.side_ids:
        out += [f"--{side}", policy]
    return out


@pytest.fixture(scope="module")
def simulated(tmp_path_factory, rules):
    """One simulate run with --save, shared by the tests that compare against it."""
    folder = tmp_path_factory.mktemp("sim")
    save = folder / "game.json"
    result = run("simulate", "--seed", "11", *players(rules), "--save", save, hashseed="1")
    assert result.returncode == 0, result.stderr
    return result, save


# --- simulate -------------------------------------------------------------------

def test_simulate_twice_prints_the_same_bytes(rules, simulated, tmp_path):
    first, _ = simulated
    second = run("simulate", "--seed", "11", *players(rules), cwd=tmp_path, hashseed="2")
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout, "the same arguments must print the same transcript"
    other = call("simulate", "--seed", "12", *players(rules))
    assert other.stdout != first.stdout, "another seed plays another game"


def test_simulate_ends_with_the_endings_name(rules, simulated):
    result, _ = simulated
    last = result.stdout.rstrip("\n").splitlines()[-1]
    names = [e.name for e in rules.endings]
    assert any(last.endswith(name) for name in names), f"last line {last!r} does not end with an ending's name"
    assert result.stdout.startswith(f"{rules.game.name} {rules.game.version} - {rules.scenario[rules.game.default_scenario].name}")


def test_simulate_each_scenario(rules):
    for scenario in rules.scenarios:
        result = call("simulate", "--scenario", scenario.id, "--seed", "3", *players(rules))
        assert result.returncode == 0, result.stderr
        assert scenario.name in result.stdout.splitlines()[0]
        assert f"== {scenario.start_year} ==" in result.stdout


def test_simulate_saves_a_record_that_replay_prints_the_same(rules, simulated):
    result, save = simulated
    assert save.is_file() and "saved" in result.stderr
    record = json.loads(save.read_text(encoding="utf-8"))
    assert record["seed"] == 11 and record["rules_fingerprint"] == rules.fingerprint
    replayed = run("replay", save)
    assert replayed.returncode == 0, replayed.stderr
    assert replayed.stdout == result.stdout, "replay prints the transcript simulate printed"


@pytest.mark.parametrize(
    "args, words",
    [
        (["--seed", "1", "--scenario", "no_such_scenario"], ["no_such_scenario"]),
        (["--seed", "-1"], ["seed"]),
        (["--seed", "99999999999999999999"], ["seed"]),
        (["--seed", "x"], ["seed"]),
    ],
)
def test_simulate_refuses_bad_arguments(rules, tmp_path, args, words):
    refused(call("simulate", *args, *players(rules), "--save", tmp_path / "g.json"), *words)
    assert not (tmp_path / "g.json").exists()


def test_simulate_needs_a_player_for_every_side(rules):
    first = rules.side_ids[0]
    refused(call("simulate", "--seed", "1", f"--{first}", "random"), f"--{rules.side_ids[1]}")
    refused(call("simulate", "--seed", "1", *players(rules, "no_such_policy")), "no_such_policy")


def test_simulate_reports_a_save_it_cannot_write(rules, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    refused(call("simulate", "--seed", "1", *players(rules), "--save", blocker / "sub" / "g.json"), "could not save")


# --- replay -----------------------------------------------------------------------

def edited_save(save: Path, folder: Path, change) -> Path:
    data = json.loads(save.read_text(encoding="utf-8"))
    change(data)
    path = folder / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def resealed(data: dict) -> None:
    import hashlib

    data.pop("checksum", None)
    data["checksum"] = hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def test_replay_refuses_a_file_that_is_not_json(simulated, tmp_path):
    _, save = simulated
    broken = tmp_path / "broken.json"
    broken.write_text(save.read_text(encoding="utf-8")[:200], encoding="utf-8")
    refused(call("replay", broken), "cut short or damaged")


def test_replay_refuses_a_wrong_format_version(simulated, tmp_path):
    _, save = simulated
    refused(call("replay", edited_save(save, tmp_path, lambda d: d.update(format=99))), "format")


def test_replay_refuses_a_bad_checksum(simulated, tmp_path):
    _, save = simulated
    refused(call("replay", edited_save(save, tmp_path, lambda d: d.update(seed=12))), "checksum")


def test_replay_refuses_a_save_made_with_other_rules(simulated, tmp_path):
    _, save = simulated
    path = edited_save(save, tmp_path, lambda d: (d.update(rules_fingerprint="00000000deadbeef", rules_play="00000000feedface"), resealed(d)))
    refused(call("replay", path), "other rules", "00000000deadbeef")


def test_replay_refuses_a_save_when_the_rules_changed(simulated, rules_copy, rules):
    _, save = simulated
    edit_rule_file(rules_copy, "sides.yaml", "    orders_per_year: 4\n", "    orders_per_year: 3\n")
    refused(call("replay", save, "--rules", rules_copy), "other rules")


def test_replay_plays_a_save_under_rules_that_changed_only_words(simulated, rules_copy, rules):
    _, save = simulated
    edit_rule_file(rules_copy, "game.yaml", f"name: {rules.game.name}", f"name: {rules.game.name} (reworded)")
    result = call("replay", save, "--rules", rules_copy)
    assert result.returncode == 0, result.stdout + result.stderr


def test_replay_refuses_a_missing_file(tmp_path):
    refused(call("replay", tmp_path / "absent.json"), "no save")


# --- check ------------------------------------------------------------------------

def test_check_prints_a_one_line_summary_on_the_base_rules(rules):
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rules ok")
    assert f"{len(rules.events)} events" in lines[0] and "warning" not in lines[0]


def test_check_as_json(rules):
    result = call("check", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["problems"] == []


def test_check_lists_every_located_problem_of_broken_rules(rules_copy, rules, monkeypatch):
    track = rules.tracks[0].id
    edit_rule_file(rules_copy, "actions.yaml", f"track: {track},", f"track: {track}_typo,")
    edit_rule_file(rules_copy, "sides.yaml", "orders_per_year:", "orders_per_yer:")
    monkeypatch.chdir(rules_copy.parent)
    result = call("check", "--rules", rules_copy.name)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    assert "rules/sides.yaml:" in out and "did you mean 'orders_per_year'" in out
    # A file with a type error does not stop the cross-reference checks: both come in one run.
    located = [line for line in out.splitlines() if line.startswith("rules/actions.yaml:")]
    assert located and f"unknown track '{track}_typo'" in located[0] and f"did you mean '{track}'" in located[0]
    line, column = located[0].split(":")[1:3]
    assert int(line) > 1 and int(column) > 1
    assert "2 error(s)" in out.splitlines()[-1]


def test_check_passes_rules_with_only_warnings_and_shows_them(rules_copy, rules):
    track = rules.tracks[0].id
    (rules_copy / "zz_probe.yaml").write_text(
        "events:\n"
        "  - id: probe_card\n"
        "    title: Probe\n"
        "    text: A test card.\n"
        "    section: Introduction\n"
        "    basis: extrapolation\n"
        "    teaching_note: A note.\n"
        "    when: {type: flag, flag: never_set_anywhere}\n"
        f"    effects: [{{type: track, track: {track}, delta: 1}}]\n",
        encoding="utf-8",
    )
    result = call("check", "--rules", rules_copy)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith(f"{rules_copy}/zz_probe.yaml:8:") and "warning" in lines[0] and "never_set_anywhere" in lines[0]  # named as the folder was given
    assert lines[-1].startswith("rules ok") and "1 warning" in lines[-1]


def test_check_reports_a_missing_rules_folder(tmp_path):
    result = call("check", "--rules", tmp_path / "nowhere")
    assert result.returncode != 0 and "does not exist" in result.stdout and "Traceback" not in result.stderr


def test_simulate_and_replay_refuse_broken_rules(rules_copy, rules, tmp_path):
    edit_rule_file(rules_copy, "sides.yaml", "orders_per_year:", "orders_per_yer:")
    refused(call("simulate", "--rules", rules_copy, "--seed", "1", *players(rules)), "rules/sides.yaml", "check")
    save = tmp_path / "g.json"
    save.write_text("{}", encoding="utf-8")
    refused(call("replay", save, "--rules", rules_copy), "rules/sides.yaml")


def test_version_and_help():
    result = run("--version")
    assert result.returncode == 0 and "eurasia-game" in result.stdout
    result = call("simulate", "--help")
    assert result.returncode == 0 and "--seed" in result.stdout


def test_the_installed_command_runs(rules):
    script = Path(sys.executable).parent / "eurasia-game"
    if not script.exists():
        cannot_run("no console script next to this Python (pip install -e . makes it)")
    result = subprocess.run([str(script), "check"], capture_output=True, text=True, env=ENV, timeout=120)
    assert result.returncode == 0 and result.stdout.startswith("rules ok")
