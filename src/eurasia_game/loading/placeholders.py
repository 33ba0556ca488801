"""``$placeholders`` in texts: each must be one that something fills where it is written.

The engine fills a few words in log lines (``$side``, ``$other``, ``$front``,
where a side acts or an order aims at a front) and a fixed set in each of
the ``texts`` messages (listed in ``model/texts.py``).  Anything else would
reach players as written, like ``$sied launched a probe to $frnt``: a word
that nothing fills anywhere is an error with a "did you mean"; a known word
used where nothing fills it (``$side`` where no side acts), or a ``$word`` in
a text that is never filled at all (a card's text), is a warning.  ``$$``
writes a plain dollar sign.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.problems import did_you_mean
from eurasia_game.model import content as M
from eurasia_game.model import effects as E
from eurasia_game.model.texts import TEXT_KEYS

# $name or ${name}, not $$ (an escaped dollar sign)
_PLACEHOLDER = re.compile(r"\$(?:\{([_a-zA-Z][_a-zA-Z0-9]*)\}|([_a-zA-Z][_a-zA-Z0-9]*))")
_ESCAPED = re.compile(r"\$\$")

FILLED_IN_LOGS = ("side", "other", "front")
# fields the engine fills with $side, $other and $front (engine/work.py, Work.fill)
_TEMPLATES = {
    (M.ActionDef, "log"), (M.RuleDef, "log"), (M.RedLineDef, "log"), (M.OptionDef, "log"),
    (E.Say, "text"), (E.Chance, "success_text"), (E.Chance, "failure_text"),
}


def placeholders(text: str) -> list[str]:
    """The ``$names`` in ``text``, in order (``$$`` is not one)."""
    text = _ESCAPED.sub("", text)
    return [a or b for a, b in _PLACEHOLDER.findall(text)]


def _message_words(key: str) -> list[str]:
    return placeholders(TEXT_KEYS.get(key, ""))


def check_model(checker, path: tuple, model: BaseModel, context) -> None:
    """The placeholders in the text fields of one model, at ``path``, in ``context``."""
    for name, key in _keys(type(model)):
        value = getattr(model, name)
        if not isinstance(value, str) or "$" not in value:
            continue
        where = path + (key,)
        words = placeholders(value)
        if not words:
            continue
        if (type(model), name) in _TEMPLATES:
            filled = {"side", "other"} if context.side else set()
            if context.target:
                filled.add("front")
            for word in words:
                if word in filled:
                    continue
                if word in FILLED_IN_LOGS:
                    why = S("prob_ph_no_side") if word in ("side", "other") else S("prob_ph_no_front")
                    filled_words = ", ".join("$" + w for w in sorted(filled)) or S("prob_ph_nothing")
                    checker.add("warning", where, S("prob_ph_not_filled_here", ph="$" + word, why=why), S("prob_ph_name_it", filled=filled_words))
                else:
                    checker.add("error", where, S("prob_ph_unknown", ph="$" + word), _hint(word, FILLED_IN_LOGS, sorted(filled)))
        else:
            for word in words:
                checker.add("warning", where, S("prob_ph_never", ph="$" + word), S("prob_ph_write_word"))


_KEYS: dict[type, tuple] = {}


def _keys(cls) -> tuple:
    """(field name, key in rule files) of a model class, read once per class."""
    known = _KEYS.get(cls)
    if known is None:
        known = _KEYS[cls] = tuple((name, info.alias or name) for name, info in cls.model_fields.items())
    return known


def check_texts(checker) -> None:
    """The placeholders of the ``texts`` messages against what the engine fills in each."""
    for key, text in checker.rules.texts.items():
        if "$" not in text or key not in TEXT_KEYS:
            continue
        allowed = _message_words(key)
        for word in placeholders(text):
            if word not in allowed:
                given = ", ".join("$" + w for w in allowed) or S("prob_ph_none")
                checker.add("error", ("texts", key), S("prob_ph_message_only", ph="$" + word, key=key, allowed=given), _hint(word, allowed, allowed))


def _hint(word: str, candidates, filled) -> str:
    guess = did_you_mean(word, candidates, prefix="$")
    if guess:
        return guess
    return S("prob_ph_here", filled=", ".join("$" + w for w in filled)) if filled else S("prob_ph_nothing_here")
