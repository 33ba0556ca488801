"""The window opens with the checked rules cached, and never with rules that changed since.

``load_rules_for_window`` takes the base rules from the cache of checked
rules when none of their files changed (a ``PendingRules``: the title's
facts at once, the rules built right after the first frame); a rule file
edited or broken since is loaded and checked in full, and its problems are
reported with their file and line as before.
"""

from __future__ import annotations

import pytest

from conftest import edit_rule_file


@pytest.fixture
def window_rules(rules_copy, monkeypatch):
    """The window's base rules are the test's own copy; returns a function that loads them as the window does."""
    import eurasia_game.paths
    from eurasia_game.cli.main import build_parser
    from eurasia_game.ui import startup

    monkeypatch.setattr(eurasia_game.paths, "base_rules_dir", lambda: rules_copy)
    calls = []

    def load():
        from eurasia_game.loading import loader

        real = loader.load_rules
        counted = []
        monkeypatch.setattr(loader, "load_rules", lambda *a, **k: counted.append(1) or real(*a, **k))
        args = build_parser()[0].parse_args(["play"])
        rules, result, mods = startup.load_rules_for_window(args)
        calls.append(bool(counted))
        return rules, result

    load.full_loads = calls
    return load


def cache_files(home):
    return sorted((home / "cache").glob("checked-rules-*.json"))


def test_the_second_start_takes_the_checked_rules_from_the_cache(window_rules, home, rules):
    first, result = window_rules()
    assert first is not None and not result.problems and not getattr(first, "is_pending", False)
    assert len(cache_files(home)) == 1
    second, result = window_rules()
    assert second.is_pending and not second.resolved
    assert second.game.name == first.game.name and second.side_ids == first.side_ids  # the title's facts, not built yet
    assert second.fingerprint == rules.fingerprint and not second.resolved
    built = second.resolve()
    assert window_rules.full_loads == [True, False]  # the second start did not load the files again
    assert built == first and second.events == first.events  # once built, every question goes to the rules
    assert not result.problems and not result.errors


def test_a_rule_file_broken_since_is_checked_and_reported_with_its_line(window_rules, rules_copy, home):
    assert window_rules()[0] is not None
    edit_rule_file(rules_copy, "tracks.yaml", "min:", "minn:")
    rules, result = window_rules()
    assert window_rules.full_loads == [True, True]
    assert rules is None and result.errors
    problem = result.errors[0]
    assert problem.file.endswith("tracks.yaml") and problem.line > 1
    assert "minn" in str(problem)


def test_rules_with_warnings_are_not_cached(window_rules, rules_copy, home):
    (rules_copy / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    rules, result = window_rules()
    assert rules is not None and result.warnings
    assert cache_files(home) == []
    rules, result = window_rules()
    assert window_rules.full_loads == [True, True]
    assert result.warnings  # reported again: a warning is never hidden by the cache


def test_a_damaged_cache_file_is_replaced_by_a_full_load(window_rules, home):
    window_rules()
    (path,) = cache_files(home)
    path.write_text('{"format":2,"key":"', encoding="utf-8")
    rules, result = window_rules()
    assert rules is not None and window_rules.full_loads == [True, True]
    rules, result = window_rules()
    assert window_rules.full_loads == [True, True, False]


def test_rules_damaged_behind_a_good_header_are_loaded_in_full_when_built(window_rules, home, rules):
    window_rules()
    (path,) = cache_files(home)
    header, body = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(header + "\n" + body[: len(body) // 3], encoding="utf-8")
    pending, result = window_rules()
    assert pending.is_pending  # the header alone was read
    assert pending.resolve() == rules  # the body did not decode: loaded and checked instead


def test_the_first_frame_from_the_cached_facts_is_the_real_title_and_the_rules_follow(window_rules, home, rules):
    import pygame

    from eurasia_game.ui.app import App
    from eurasia_game.ui.settings import Settings

    window_rules()
    pending, _ = window_rules()
    app = App(pending, settings=Settings(width=1024, height=640, animation="off"), raise_errors=True)
    app.step([])
    assert app.top.name == "title" and not pending.resolved  # drawn from the header's facts alone
    first = pygame.image.tobytes(app.surface, "RGB")
    app.step([])  # the next step builds the rules before it handles any input
    assert app.rules == rules and app.base_rules is app.rules and not getattr(app.rules, "is_pending", False)
    real = App(rules, settings=Settings(width=1024, height=640, animation="off"), raise_errors=True)
    real.step([])
    assert pygame.image.tobytes(real.surface, "RGB") == first
