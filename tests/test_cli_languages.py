"""The command line's help and argparse's own words in the language chosen.

``--lang`` is read before the parser is built, so every command's help,
its options' help and argparse's headings and errors come out in the
language; English stays exactly as argparse writes it, and argparse is
left as it was for any other parser once the command is done.
"""

from __future__ import annotations

import argparse
import gettext
import json
from pathlib import Path

import pytest

from eurasia_game import lang
from eurasia_game.cli import argwords
from eurasia_game.cli.main import language_asked, main

ROOT = Path(__file__).resolve().parents[1]


def _help(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
    assert stop.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "code, usage, heading, option_help",
    [
        ("ru", "использование: eurasia-game simulate", "параметры:", "показать эту справку и выйти"),
        ("de", "Aufruf: eurasia-game simulate", "Optionen:", "diese Hilfe anzeigen und beenden"),
        ("zh", "用法：eurasia-game simulate", "选项：", "显示此帮助信息并退出"),
    ],
)
def test_help_is_in_the_language_given_before_or_after_the_command(capsys, code, usage, heading, option_help):
    for argv in (["--lang", code, "simulate", "--help"], ["simulate", f"--lang={code}", "--help"]):
        out = _help(capsys, *argv)
        lang.use("en")
        assert out.startswith(usage)
        assert f"\n{heading}\n" in out and option_help in out
        assert "--seed SEED" in out and "--armed-from YEAR" in out  # option names and metavars stay
        for english in ("usage:", "options:", "show this help", "random seed", "save the game record", "Give each side's player"):
            assert english not in out


def test_the_command_list_and_the_main_options_are_translated(capsys):
    out = _help(capsys, "--lang", "de", "--help")
    lang.use("en")
    assert "Positionsargumente:" in out and "Versionsnummer" in out
    assert "eine ganze Partie zwischen Computerspielern spielen" in out  # simulate's one line
    assert "play a whole game" not in out


def test_english_help_is_argparse_s_own(capsys):
    out = _help(capsys, "simulate", "--help")
    assert out.startswith("usage: eurasia-game simulate")
    assert "\noptions:\n  -h, --help         show this help message and exit\n" in out
    assert "Give each side's player as --SIDE POLICY, e.g. --moscow random --beijing\nrandom." in out


def test_a_missing_required_argument_is_reported_in_chinese(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--lang", "zh", "simulate"])
    lang.use("en")
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：eurasia-game simulate")
    assert "eurasia-game simulate：错误：缺少以下必需参数：--seed" in err
    assert "error" not in err and "required" not in err
    first, second = err.splitlines()[:2]
    assert second.startswith(" " * 28 + "[")  # under the first option, "用法：" being six columns wide


def test_an_invalid_choice_and_missing_players_are_reported_in_the_language(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--lang", "ru", "--format", "x"])
    lang.use("en")
    err = capsys.readouterr().err
    assert "ошибка: аргумент --format: недопустимое значение: 'x'" in err
    assert main(["--lang", "de", "simulate", "--seed", "1"]) == 2  # no --moscow, --beijing: the sides' own parser
    lang.use("en")
    err = capsys.readouterr().err
    assert "Aufruf: eurasia-game simulate --moscow POLICY --beijing POLICY" in err
    assert "Fehler: folgende Argumente fehlen: --moscow, --beijing" in err


def test_argparse_is_left_as_it_was_after_a_command(capsys):
    _help(capsys, "--lang", "ru", "languages", "--help")
    lang.use("en")
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "simulate"])
    lang.use("ru")
    assert argparse._ is gettext.gettext
    other = argparse.ArgumentParser(prog="other")
    assert other.format_help().startswith("usage: other")  # someone else's parser, outside our commands
    lang.use("en")


def test_an_unknown_language_is_left_to_the_parser_to_refuse():
    assert language_asked(["--lang", "ru", "simulate"]) == "ru"
    assert language_asked(["simulate", "--lang=zh"]) == "zh"
    assert language_asked(["--lang", "de", "x", "--lang", "ru"]) == "ru"
    assert language_asked(["--lang", "xx"]) is None
    assert language_asked(["--", "--lang", "ru"]) is None
    assert language_asked(["--lang"]) is None


def test_argparse_messages_are_catalogued_under_their_own_english():
    words = json.loads((ROOT / "assets" / "words" / "clihelp.json").read_text(encoding="utf-8"))
    for message, key in argwords.MESSAGES.items():
        assert words[key] == message
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    for message in ("usage: ", "options", "positional arguments", "show this help message and exit",
                    "the following arguments are required: %s", "%(prog)s: error: %(message)s\\n",
                    "invalid choice: %(value)r (choose from %(choices)s)", "unrecognized arguments: %s"):
        assert f"'{message}'" in source, message  # this Python's argparse asks for these words
    lang.use("de")
    assert argwords.translate("options") == "Optionen"
    assert argwords.translate("a message argparse may add one day") == "a message argparse may add one day"
    lang.use("en")
