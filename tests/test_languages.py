"""The game in other languages: rule texts by key, interface catalogues, --lang, fonts.

A translation may change words only: the same seed and orders give the same
game in every language, the fingerprint does not move, and a text whose
$placeholders differ from the English is refused (the English shows).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from eurasia_game import lang
from eurasia_game.lang import catalogue
from eurasia_game.loading.loader import load_rules
from eurasia_game.loading.translations import (
    check_translation,
    placeholders,
    read_translation,
    text_keys,
    translate,
)
from eurasia_game.paths import base_rules_dir


@pytest.fixture
def speak():
    """Switch the process's language for one test, and back to English after it."""
    yield lang.use
    lang.use("en")


@pytest.fixture
def rules_with_lang(tmp_path):
    """A copy of the base rules with a small Russian file; returns (folder, write) to add more."""
    folder = tmp_path / "rules"
    shutil.copytree(base_rules_dir(), folder, ignore=shutil.ignore_patterns("lang"))
    target = folder / "lang" / "ru"
    target.mkdir(parents=True)

    def write(text: str, name: str = "play.yaml") -> Path:
        path = target / name
        path.write_text(text, encoding="utf-8")
        return path

    return folder, write


def test_keys_name_texts_by_item_id_and_leave_out_ids_headings_and_the_citation(rules):
    keys = text_keys(rules)
    card = next(e for e in rules.events if e.dilemma is not None)
    option = card.dilemma.options[0]
    assert keys[f"events.{card.id}.title"] == card.title
    assert keys[f"events.{card.id}.dilemma.options.{option.id}.label"] == option.label
    assert keys["sides.moscow.name"] == rules.side["moscow"].name
    assert keys["texts.year_began"] == rules.texts["year_began"]
    front = rules.fronts[0]
    assert keys[f"fronts.{front.id}.stakes.0"] == front.stakes[0]
    assert not any(k.endswith(".id") for k in keys)
    assert not any(k.startswith("game.sources") or k == "game.source" for k in keys)
    # the article's citation is quoted as it is in every language
    assert not any(".source.title" in k or ".source.publisher" in k for k in keys)
    assert len(keys) > 700


def test_a_translation_replaces_words_only(rules, speak, rules_with_lang):
    folder, write = rules_with_lang
    card = rules.events[0]
    write(
        "sides.moscow.name: Москва\n"
        f"events.{card.id}.title: Заголовок\n"
        "texts.year_began: \"Начался $year год.\"\n"
    )
    english = load_rules(folder).rules
    speak("ru")
    result = load_rules(folder)
    russian = result.rules
    assert result.ok, result.problems
    assert russian.side["moscow"].name == "Москва"  # the cached lookups follow the translation
    assert russian.event[card.id].title == "Заголовок"
    assert russian.text("year_began", year=2020) == "Начался 2020 год."
    assert russian.fingerprint == english.fingerprint == rules.fingerprint
    assert [e.id for e in russian.events] == [e.id for e in english.events]
    assert russian.side["beijing"].name == english.side["beijing"].name  # untranslated: the English shows
    speak("en")
    assert load_rules(folder).rules.side["moscow"].name == "Moscow"


def test_placeholders_that_differ_are_refused_and_unused_keys_get_a_suggestion(rules, speak, rules_with_lang):
    folder, write = rules_with_lang
    path = write(
        "texts.year_began: \"Начался год.\"\n"  # drops $year
        "texts.year_begun: \"Начался $year год.\"\n"  # a misspelt key
    )
    translation = read_translation("ru", [(folder, "rules")])
    problems = check_translation(translation, text_keys(rules))
    by_key = {p.path: p for p in problems}
    assert by_key["texts.year_began"].severity == "error"
    assert "missing $year" in by_key["texts.year_began"].message
    assert by_key["texts.year_began"].line == 1
    assert by_key["texts.year_begun"].severity == "warning"
    assert by_key["texts.year_begun"].suggestion == "did you mean 'texts.year_began'?"
    assert by_key["texts.year_begun"].line == 2 and by_key["texts.year_begun"].file.endswith("lang/ru/play.yaml")
    speak("ru")
    result = load_rules(folder)
    assert result.ok  # a bad translation never stops a game: it is a warning there, the English shows
    assert result.rules.text("year_began", year=2021) == rules.text("year_began", year=2021)
    assert path.exists()


def test_check_reports_every_language_problem_and_what_is_missing(rules_with_lang, capsys):
    import json

    from eurasia_game.cli.main import main

    folder, write = rules_with_lang
    write("texts.year_began: \"Начался год.\"\nsides.moscow.name: Москва\n")
    code = main(["check", "--rules", str(folder)])
    out = capsys.readouterr().out
    assert code == 1  # the placeholder error fails the check
    assert "lang/ru/play.yaml:1:1: error: texts.year_began" in out
    assert "language 'ru': 1 of" in out and "eurasia-game languages --missing ru" in out
    main(["check", "--rules", str(folder), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["languages"]["ru"]["translated"] == 1  # the refused text shows in English: it is missing
    assert "texts.year_began" in data["languages"]["ru"]["missing"]
    write("sides.moscow.name: Москва\n")
    assert main(["check", "--rules", str(folder), "--strict"]) == 0  # texts left in English fail nothing
    capsys.readouterr()


def test_language_files_are_not_read_as_rule_files(rules_with_lang):
    folder, write = rules_with_lang
    write("events:\n  - id: not_a_card\n", name="events.yaml")  # would be a broken card if loaded as rules
    result = load_rules(folder)
    assert result.ok, result.problems


def test_a_translation_changes_no_game(rules, speak, rules_with_lang):
    from eurasia_game.session.autoplay import play_game

    folder, write = rules_with_lang
    write("".join(f"actions.{a.id}.name: \"{a.name} (ru)\"\n" for a in rules.actions) + "texts.year_began: \"Год $year.\"\n")
    players = {side: "normal" for side in rules.side_ids}
    english = play_game(load_rules(folder).rules, "full_decade", 5, players)
    speak("ru")
    russian_rules = load_rules(folder).rules
    russian = play_game(russian_rules, "full_decade", 5, players)
    assert russian.state == english.state
    assert russian.record().actions == english.record().actions
    words_en = [e.text for e in english.events(everything=True)]
    words_ru = [e.text for e in russian.events(everything=True)]
    assert len(words_ru) == len(words_en) and words_ru != words_en  # the same events, in other words
    assert any(line.startswith("Год ") for line in words_ru)


def test_placeholders_are_read_in_both_spellings():
    assert placeholders("$side gave ${amount} to $front.") == {"side", "amount", "front"}


def test_command_line_takes_lang_before_or_after_the_command(capsys, speak):
    from eurasia_game.cli.main import main

    assert main(["languages"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == list(lang.NAMES)
    assert out[0].split()[-1] == "100%"
    for argv in (["--lang", "de", "languages"], ["languages", "--lang", "de"]):
        main(argv)
        assert lang.current() == "de"
        lang.use("en")
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["languages", "--lang", "xx"])


def test_system_locale_chooses_the_default(monkeypatch):
    monkeypatch.delenv("EURASIA_GAME_LANG", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert lang.system_default() == "ru"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert lang.system_default() == "zh"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert lang.system_default() == "en"
    monkeypatch.setenv("EURASIA_GAME_LANG", "de")
    assert lang.system_default() == "de"


def test_interface_catalogues_fall_back_to_english_and_count_only_current_english(speak):
    english = catalogue.english()
    assert catalogue.S("ok") == english["ok"]
    speak("de")
    done, total = catalogue.coverage("de")
    assert total == len(english)
    table = catalogue.translations("de")
    for key, text in english.items():
        shown = catalogue.S(key)
        if catalogue.is_translated(table, key, text):
            assert shown == table.pgettext(key, text)
        else:
            assert shown == text  # never a key, never an empty string
    assert catalogue.S("no_such_key_anywhere") == "no_such_key_anywhere"


def test_compiled_catalogues_match_their_sources():
    """Every .mo is compiled from today's .po, and every .po knows every English string."""
    babel = pytest.importorskip("babel.messages.pofile")
    from babel.messages.mofile import read_mo

    english = catalogue.english()
    for code in lang.NAMES:
        if code == lang.SOURCE:
            continue
        po_path = catalogue.locale_dir() / code / "LC_MESSAGES" / "eurasia_game.po"
        with po_path.open("rb") as handle:
            po = babel.read_po(handle)
        with po_path.with_suffix(".mo").open("rb") as handle:
            mo = read_mo(handle)
        po_keys = {(m.context, m.id) for m in po if m.id}
        assert {(k, v) for k, v in english.items()} <= po_keys, f"{code}: run scripts/catalogues.py update"
        translated_po = {(m.context, m.id): m.string for m in po if m.id and m.string and not m.fuzzy}
        translated_mo = {(m.context, m.id): m.string for m in mo if m.id and m.string}
        assert translated_po == translated_mo, f"{code}: run scripts/catalogues.py compile"


def _glyph_gaps(font_file: str, texts) -> list[str]:
    import pygame.freetype

    pygame.freetype.init()
    face = pygame.freetype.Font(font_file, 16)
    gaps = []
    for text in texts:
        for char, metric in zip(text, face.get_metrics(text)):
            if metric is None and not char.isspace() and char.isprintable():
                gaps.append(f"{char!r} (U+{ord(char):04X}) in {text[:40]!r}")
    return gaps


@pytest.mark.parametrize("code", [c for c in lang.NAMES])
def test_every_string_of_every_language_has_its_glyphs(code, speak):
    """Render-check every interface string and rule text of a language with the font the window uses for it."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from eurasia_game.ui.text import _CJK, font_path

    speak(code)
    texts = [catalogue.S(key) for key in catalogue.english()] + list(lang.NAMES.values())
    texts += list(text_keys(load_rules().rules).values())
    cjk = [t for t in texts if code in lang.CJK or _CJK.search(t)]
    plain = [t for t in texts if t not in set(cjk)]
    gaps = _glyph_gaps(font_path(False, True), cjk) + _glyph_gaps(font_path(True, True), cjk)
    gaps += _glyph_gaps(font_path(False), plain) + _glyph_gaps(font_path(True), plain)
    assert not gaps, f"{len(gaps)} characters have no glyph (run scripts/subset_cjk_font.py for Chinese): {gaps[:10]}"


def test_chinese_lines_break_between_characters_but_not_before_punctuation():
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from eurasia_game.ui.text import Text

    pygame.font.init()
    text = Text()
    sentence = "莫斯科与北京的伙伴关系正在变化，不对称日益加深。"
    lines = text.wrap(sentence, 16, 120)
    assert len(lines) > 1 and "".join(lines) == sentence
    assert all(text.width(line, 16) <= 120 for line in lines)
    assert not any(line[0] in "，。" for line in lines)
    assert text.wrap("plain words wrap by spaces", 16, 60) == [w for w in text.wrap("plain words wrap by spaces", 16, 60)]
    assert " ".join(text.wrap("plain words wrap by spaces", 16, 60)) == "plain words wrap by spaces"


def test_settings_keep_a_known_language_and_drop_anything_else():
    from eurasia_game.ui.settings import Settings

    assert Settings(language="zh").validated().language == "zh"
    assert Settings(language="").validated().language == ""
    assert Settings(language="xx").validated().language == ""
    assert Settings(language=3).validated().language == ""


def test_a_translation_can_be_a_mod_and_a_mod_translates_its_own_cards(tmp_path, speak):
    mod = tmp_path / "russian_names"
    (mod / "lang" / "ru").mkdir(parents=True)
    (mod / "mod.yaml").write_text(
        'id: russian_names\nname: Russian names\nversion: "1.0.0"\nformat: 1\n'
        'game:\n  id: eurasia_base\n  versions: ">=1.0, <2.0"\n',
        encoding="utf-8",
    )
    (mod / "lang" / "ru" / "names.yaml").write_text("sides.beijing.name: Пекин\n", encoding="utf-8")
    speak("ru")
    result = load_rules(mods=[mod])
    assert result.ok, [str(p) for p in result.errors]
    assert result.rules.side["beijing"].name == "Пекин"  # the mod's words win over the base game's
    assert result.rules.fingerprint == load_rules().rules.fingerprint  # a translation mod changes no rule
    example = Path(__file__).resolve().parents[1] / "mods" / "new_signals"
    new_card = next(e for e in load_rules(mods=[example]).rules.events if e.id not in {c.id for c in load_rules().rules.events})
    (mod / "lang" / "ru" / "cards.yaml").write_text(f"events.{new_card.id}.title: Новый сигнал\n", encoding="utf-8")
    both = load_rules(mods=[example, mod]).rules
    assert both.event[new_card.id].title == "Новый сигнал"  # keys of another mod's items work too


def test_the_window_opens_in_the_language_given_before_any_command(monkeypatch):
    from eurasia_game.cli import cmd_play
    from eurasia_game.cli.main import main

    seen = []
    monkeypatch.setattr(cmd_play, "run", lambda args: seen.append((args.command, getattr(args, "lang", None), lang.current())) or 0)
    try:
        assert main(["--lang", "zh"]) == 0
        assert main(["--lang=de"]) == 0
        assert main([]) == 0
    finally:
        lang.use("en")
    assert seen[0] == ("play", "zh", "zh") and seen[1] == ("play", "de", "de") and seen[2][0] == "play"


def test_the_words_of_a_card_a_mod_removes_are_not_unused_keys(tmp_path, capsys):
    from eurasia_game.cli.main import main

    card = "nuclear_signalling"  # a card nothing else names (the modding guide's example removes it too)
    assert card in load_rules().rules.event
    mod = tmp_path / "fewer_cards"
    mod.mkdir()
    (mod / "mod.yaml").write_text('id: fewer_cards\nname: Fewer cards\nversion: "1.0.0"\nformat: 1\ngame:\n  id: eurasia_base\n  versions: ">=1.0, <2.0"\n', encoding="utf-8")
    (mod / "cards.yaml").write_text(f"remove:\n  events: [{card}]\n", encoding="utf-8")
    assert main(["check", "--mod", str(mod), "--strict"]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert "unused key" not in out and card not in out


@pytest.mark.parametrize("code, letters", [("ru", "[а-яё]"), ("zh", "[\u4e00-\u9fff]"), ("de", "[äöüß]")])
def test_simulate_prints_the_transcript_in_the_language_given(code, letters, capsys):
    import re

    from eurasia_game.cli.main import main

    assert main(["simulate", "--lang", code, "--seed", "1", "--moscow", "easy", "--beijing", "easy"]) == 0
    translated = capsys.readouterr().out
    lang.use("en")
    assert main(["simulate", "--seed", "1", "--moscow", "easy", "--beijing", "easy"]) == 0
    english = capsys.readouterr().out
    assert len(re.findall(letters, translated)) > 50 and not re.findall(letters, english)
    assert [line.startswith("==") for line in translated.splitlines()] == [line.startswith("==") for line in english.splitlines()]  # the same game, year by year


def _mod(root: Path, mod_id: str, files: dict[str, str]) -> Path:
    folder = root / mod_id
    folder.mkdir()
    (folder / "mod.yaml").write_text(
        f'id: {mod_id}\nname: {mod_id}\nversion: "1.0.0"\nformat: 1\ngame:\n  id: eurasia_base\n  versions: ">=1.0, <2.0"\n',
        encoding="utf-8",
    )
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_base_games_words_never_translate_a_yearly_trend_a_mod_replaced(speak, capsys):
    # The example mod drops the base game's yearly trends and lists its own; the
    # trends have no ids, so the base game's German for trend 1 once showed a
    # different rule ("every second year Beijing's economy grows") in its place.
    from eurasia_game.cli.main import main

    example = Path(__file__).resolve().parents[1] / "mods" / "steeper_gap"
    english = load_rules(mods=[example]).rules
    base_english = load_rules().rules
    speak("de")
    german = load_rules(mods=[example]).rules
    changed = [i for i, y in enumerate(english.yearly) if i >= len(base_english.yearly) or y.text != base_english.yearly[i].text]
    assert changed and len(changed) < len(english.yearly)
    for i, trend in enumerate(german.yearly):
        if i in changed:
            assert trend.text == english.yearly[i].text  # rewritten by the mod: its English
        else:
            assert trend.text != english.yearly[i].text  # the same words as the base game's: still German
    # a sentence the mod keeps at another position is translated all the same
    base_german = load_rules().rules
    at = {y.log: i for i, y in enumerate(base_english.yearly) if y.log}
    moved = [(i, at[y.log]) for i, y in enumerate(english.yearly) if y.log in at and at[y.log] != i]
    assert moved
    for i, j in moved:
        assert german.yearly[i].log == base_german.yearly[j].log != english.yearly[i].log
    # the mod overrides the power gap's track to change its start; its unchanged name stays German
    assert german.track["asymmetry"].name != english.track["asymmetry"].name
    card = base_english.events[0]
    assert german.event[card.id].title != card.title  # what the mod leaves alone stays German
    speak("en")
    assert main(["check", "--mod", str(example)]) == 0
    assert "unused key" not in capsys.readouterr().out


def test_a_card_a_mod_rewrites_shows_the_mods_words_until_the_mod_translates_them(tmp_path, speak):
    base = load_rules().rules
    card = next(e for e in base.events if e.dilemma is None)
    other = next(e for e in base.events if e.dilemma is None and e.id != card.id)
    speak("de")
    german = load_rules().rules
    assert german.event[card.id].title != card.title and german.event[other.id].text != other.text
    # an override (the same id again) with new words, and a patch of one field of another card
    import yaml

    rewritten = card.model_dump(mode="json", exclude_none=True, by_alias=True) | {"title": "A rewritten card"}
    files = {
        "cards.yaml": yaml.safe_dump({"events": [rewritten]}, allow_unicode=True, sort_keys=False)
        + f"patch:\n  events:\n    - id: {other.id}\n      set: {{title: A patched title}}\n",
    }
    mod = _mod(tmp_path, "rewrites", files)
    result = load_rules(mods=[mod])
    assert result.ok, [str(p) for p in result.errors]
    modded = result.rules
    assert modded.event[card.id].title == "A rewritten card"
    assert modded.event[card.id].text == german.event[card.id].text  # words the override left as they were stay German
    assert modded.event[other.id].title == "A patched title"
    assert modded.event[other.id].text == german.event[other.id].text  # the fields it left alone stay German
    (mod / "lang" / "de").mkdir(parents=True)
    (mod / "lang" / "de" / "cards.yaml").write_text(f"events.{card.id}.title: Eine umgeschriebene Karte\n", encoding="utf-8")
    assert load_rules(mods=[mod]).rules.event[card.id].title == "Eine umgeschriebene Karte"
