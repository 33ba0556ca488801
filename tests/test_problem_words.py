"""The modders' diagnostics in every language: the problems catalogue and its use.

Every sentence the loader, the checker, mod loading, the upgrader and the
file reader say about a problem comes from ``assets/words/problems.json``
by key.  These checks read the code statically (every key named exists,
every key is used, each call fills every ``$placeholder``), then check a
broken mod in Russian, Chinese and German: the sentences are translated,
the ids in quotes stay as written, the JSON keeps its machine values, and
the English is as it was.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from eurasia_game import lang
from eurasia_game.lang import catalogue

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "eurasia_game"
WORDS = ROOT / "assets" / "words" / "problems.json"
CORPUS = ROOT / "tests" / "corpus"
# where the problem sentences are built
SPEAKERS = [PACKAGE / "loading", PACKAGE / "model", PACKAGE / "mods", PACKAGE / "safefile.py", PACKAGE / "session" / "saves.py"]
KEY = re.compile(r"prob_[a-z0-9_]+")
PLACEHOLDER = re.compile(r"\$(?:\{)?([A-Za-z_][A-Za-z0-9_]*)")


def sources() -> list[Path]:
    out: list[Path] = []
    for place in SPEAKERS:
        out += sorted(place.rglob("*.py")) if place.is_dir() else [place]
    return out


def problem_words() -> dict[str, str]:
    data = json.loads(WORDS.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def named_keys() -> set[str]:
    found = set()
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value):
                found.add(node.value)
    return found


def calls() -> list[tuple[str, int, str, set[str] | None]]:
    """(file, line, key, keyword names or None when **spread) of every S("prob_...") call."""
    found = []
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            first = node.args[0]
            if name == "S" and isinstance(first, ast.Constant) and isinstance(first.value, str) and KEY.fullmatch(first.value):
                names = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords}
                found.append((str(path.relative_to(ROOT)), node.lineno, first.value, names))
    return found


def test_the_catalogue_says_what_it_is_and_its_keys_are_prefixed():
    data = json.loads(WORDS.read_text(encoding="utf-8"))
    assert "_about" in data
    assert all(KEY.fullmatch(k) for k in data if k != "_about")


def test_every_key_named_exists_and_every_key_is_used():
    words = problem_words()
    named = named_keys()
    assert sorted(named - set(words)) == []
    assert sorted(set(words) - named) == []


def test_each_call_fills_every_placeholder():
    words = problem_words()
    missing = []
    for where, line, key, names in calls():
        if names is None:
            continue
        wanted = set(PLACEHOLDER.findall(words[key].replace("$$", "")))
        if wanted - names:
            missing.append(f"{where}:{line}: {key} needs {sorted(wanted - names)}")
        if names - wanted:
            missing.append(f"{where}:{line}: {key} is given {sorted(names - wanted)}, which it never shows")
    assert calls() and missing == []


@pytest.mark.parametrize("code", ["de", "ru", "zh"])
def test_every_problem_sentence_is_translated_with_the_same_placeholders(code):
    table = catalogue.translations(code)
    for key, english in problem_words().items():
        assert catalogue.is_translated(table, key, english), f"{code}: {key}"
        words = catalogue.words(key, english, code)
        assert set(PLACEHOLDER.findall(words.replace("$$", ""))) == set(PLACEHOLDER.findall(english.replace("$$", ""))), f"{code}: {key}: {words}"
        # ids, keys and file names in quotes stay in ASCII quotes, as the checker looks for them so
        for quoted in re.findall(r"'\$(\w+)'", english):
            assert re.search(r"'\$(\{)?" + quoted + r"(\})?'", words), f"{code}: {key}: '{quoted}' lost its quotes: {words}"


def check_output(capsys, *args: str) -> str:
    from eurasia_game.cli.main import main

    main(["check", "--mod", str(CORPUS / "mods" / "duplicate_id"), *args])
    return capsys.readouterr().out


EXPECTED = {
    "en": ("error: events[0].id: the event id 'twin' is used twice (also in ", "(give each one its own id)"),
    "ru": ("ошибка: events[0].id: идентификатор 'twin' (событие) используется дважды (также в ", "(дайте каждому элементу свой идентификатор)"),
    "de": ("Fehler: events[0].id: die ID 'twin' (Ereignis) ist doppelt vergeben (auch in ", "(jedem Eintrag eine eigene ID geben)"),
    "zh": ("错误: events[0].id: 事件 id 'twin' 被使用了两次（另见 ", "(为每一项指定各自的 id)"),
}


@pytest.mark.parametrize("code", ["en", "ru", "de", "zh"])
def test_check_prints_a_broken_mods_problems_in_the_language_chosen(capsys, code):
    out = check_output(capsys, "--lang", code)
    message, suggestion = EXPECTED[code]
    line = next(line for line in out.splitlines() if "events[0].id:" in line)
    assert message in line and line.endswith(suggestion), line
    assert "duplicate_id/a.yaml:2)" in line or "duplicate_id/a.yaml:2）" in line  # the place filled in


def test_the_json_output_keeps_its_machine_values_in_every_language(capsys):
    data = json.loads(check_output(capsys, "--lang", "ru", "--format", "json"))
    severities = {p["severity"] for p in data["problems"]}
    assert severities == {"error", "warning"}
    twice = next(p for p in data["problems"] if p["path"] == "events[0].id")
    assert "используется дважды" in twice["message"] and "'twin'" in twice["message"]


def test_a_reference_to_an_item_in_error_is_not_reported_again_in_another_language(tmp_path):
    """The checker recognises a problem about a broken item by its quoted id, which every language keeps."""
    from eurasia_game.loading.checker import Checker
    from eurasia_game.loading.salvage import BrokenParts

    broken = BrokenParts()
    broken.any_ids.add("lost_card")

    class Result:
        def locate(self, path):
            return ("rules/x.yaml", 1, 1, path)

    for code in ("en", "ru", "zh", "de"):
        lang.use(code)
        checker = Checker(Result(), rules=object(), broken=broken)
        checker.add("error", ("events", 0), catalogue.S("prob_unknown_ref", kind="event", ref="lost_card"))
        checker.add("error", ("events", 1), catalogue.S("prob_unknown_ref", kind="event", ref="other_card"))
        assert [p.path for p in checker.problems] == ["events[1]"], code
        assert "'other_card'" in checker.problems[0].message
        assert (checker.problems[0].message == "unknown event 'other_card'") == (code == "en")


def test_a_refused_file_says_why_in_the_language_chosen_and_code_reads_its_kind(tmp_path):
    from eurasia_game.safefile import FileRefused, read_bounded
    from eurasia_game.session.record import RecordError
    from eurasia_game.session.saves import read_record

    big = tmp_path / "big.json"
    big.write_bytes(b"x" * 2000)
    lang.use("ru")
    with pytest.raises(FileRefused) as refused:
        read_bounded(tmp_path / "none.yaml", 1000, "rule file")
    assert refused.value.kind == "missing" and refused.value.reason == "файл правил не существует"
    with pytest.raises(FileRefused) as refused:
        read_bounded(big, 1000, "save")
    assert refused.value.kind == "too_large" and refused.value.reason == "сохранение больше 1 kB"
    with pytest.raises(RecordError) as error:
        read_record(tmp_path / "none.json")
    assert str(tmp_path / "none.json") in str(error.value)  # the 'no save' sentence, chosen by kind, not by English words
    lang.use("en")
    with pytest.raises(FileRefused) as refused:
        read_bounded(big, 1000, "save")
    assert refused.value.reason == "the save is larger than 1 kB"


def test_a_yaml_problem_and_a_did_you_mean_in_chinese(tmp_path):
    from eurasia_game.loading.files import read_rule_file
    from eurasia_game.loading.problems import did_you_mean

    path = tmp_path / "bad.yaml"
    path.write_text("events:\n  - id: a\n    id: b\n", encoding="utf-8")
    lang.use("zh")
    problems: list = []
    assert read_rule_file(path, "bad.yaml", problems) is None
    assert problems[0].message == "events[0]：键 'id' 出现了两次（首次在第 2 行）"
    assert str(problems[0]).startswith("bad.yaml:3:5: 错误: ")
    assert did_you_mean("tarck", ["track"]) == "是否指 'track'？"


def test_pydantics_limits_are_translated_and_the_english_keeps_its_sentence(tmp_path):
    from eurasia_game.loading.manifest import read_mod_folder

    (tmp_path / "mod.yaml").write_text("id: tiny\nname: Tiny\nversion: 1.0.0\nformat: 0\n", encoding="utf-8")
    english = [p.message for p in read_mod_folder(tmp_path).problems if p.path == "format"]
    assert english == ["input should be greater than or equal to 1"]
    lang.use("de")
    german = [p.message for p in read_mod_folder(tmp_path).problems if p.path == "format"]
    assert german == ["der Wert muss mindestens 1 sein"]
