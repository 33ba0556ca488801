"""The seminar screens' words and presets: every key used exists, presets fit the class."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from eurasia_game.engine.facilitator import INJECT_MODES, TIMER_RULES
from eurasia_game.ui.seminar.debrief_screen import TABS
from eurasia_game.ui.seminar.presets import CLASS_MINUTES, MAX_SECONDS, MIN_SECONDS, clock, preset_for, presets
from eurasia_game.ui.seminar.words import W, catalogue

SEMINAR = Path(__file__).resolve().parents[2] / "src" / "eurasia_game" / "ui" / "seminar"


def used_keys() -> set[str]:
    keys = set()
    for path in SEMINAR.glob("*.py"):
        keys |= set(re.findall(r'\bW\("([a-z0-9_]+)"', path.read_text(encoding="utf-8")))
    keys |= {f"sem_tab_{t}" for t in TABS}
    keys |= {f"sem_result_{r}" for r in ("win", "lose", "draw")}
    keys |= {f"sem_{kind}_{part}" for kind in ("note", "pause") for part in ("ok", "title", "intro")}
    keys |= {f"sem_mode_{m}{h}" for m in INJECT_MODES for h in ("", "_help")}
    keys |= {f"sem_rule_{r}{h}" for r in TIMER_RULES for h in ("", "_help")}
    return keys


def test_every_seminar_word_exists_and_none_is_left_over():
    words = catalogue()
    used = used_keys()
    shared = {"cancel"}  # from the window's main catalogue
    assert sorted(k for k in used - shared if k not in words) == []
    assert sorted(k for k in words if k not in used) == []


def test_placeholders_are_filled():
    assert W("sem_rewind_do", year=2024) == "Rewind to 2024"
    assert W("cancel") == "Cancel"  # falls back to the main catalogue


def test_presets_fit_the_class_and_its_debrief(rules):
    found = presets(rules)
    assert [p.minutes for p in found] == list(CLASS_MINUTES)
    for preset in found:
        scenario = rules.scenario[preset.scenario]
        assert scenario.minutes <= preset.minutes or scenario.minutes == min(s.minutes for s in rules.scenarios)
        assert MIN_SECONDS <= preset.timer.seconds <= MAX_SECONDS
        play = preset.timer.seconds * preset.years * len(rules.side_ids) / 60
        assert play <= preset.minutes - preset.debrief_minutes - preset.briefing_minutes + 2
        assert preset.timer.preset == preset.id
    assert found[0].timer.rule == "commit" and found[-1].timer.rule == "warn"
    short = found[0]  # the 45-minute class: rules and briefing, play, debrief (docs/seminar.md)
    assert short.briefing_minutes <= 8 and short.debrief_minutes >= 12
    assert short.timer.seconds * short.years * len(rules.side_ids) / 60 <= 25
    assert found[-1].years >= found[0].years


def test_presets_work_for_any_scenarios():
    """A mod's scenarios get presets too: nothing is named in the code."""

    def scenario(sid, minutes, years):
        return SimpleNamespace(id=sid, minutes=minutes, start_year=2000, end_year=2000 + years - 1)

    rules = SimpleNamespace(scenarios=[scenario("long", 120, 20), scenario("short", 50, 5)], side_ids=("a", "b", "c"))
    assert preset_for(rules, 45).scenario == "short"  # nothing fits: the shortest
    assert preset_for(rules, 90).scenario == "short"
    long = preset_for(SimpleNamespace(scenarios=[scenario("long", 80, 20)], side_ids=("a", "b")), 90)
    assert long.scenario == "long" and long.timer.seconds == 90  # 58 minutes of play (90 less 20 of debrief and 12 of briefing) over 20 years of 2 decisions


def test_clock():
    assert clock(150) == "2:30" and clock(0.2) == "0:01" and clock(0) == "0:00" and clock(None) == ""
