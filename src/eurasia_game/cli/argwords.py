"""argparse's own words ("usage:", "options", its error messages) in the language chosen.

argparse translates its words through the standard library's gettext: the
module calls ``_`` and ``ngettext`` (imported from ``gettext``) each time
it formats a help text or an error, and reads the process-wide default
domain, which the game does not own.  So, rather than installing a global
gettext domain, ``argparse_words()`` lends argparse the game's catalogue
for as long as the game's own parsers build, parse and print: it swaps the
two names in the ``argparse`` module for functions that look each English
message up in ``assets/words/clihelp.json`` (keys ``ap_*``, translated in
the game's gettext catalogues like every other word) and puts the
originals back when the block ends, whatever happens in it.  A message the
table does not know (another Python version's wording) stays as argparse
wrote it.  ``Formatter`` also gives a help section's heading the
language's colon ("选项："), which argparse appends itself.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from eurasia_game.lang.catalogue import S, words

# argparse's English message (its gettext msgid) -> the catalogue key that holds it.
# Only what a player can see: usage, headings, the help option and the errors of a
# command line; the messages of a parser built wrongly are the programmer's.
MESSAGES: dict[str, str] = {
    "usage: ": "ap_usage",
    "positional arguments": "ap_positional",
    "options": "ap_options",
    "show this help message and exit": "ap_help",
    "%(prog)s: error: %(message)s\n": "ap_error",
    "argument %(argument_name)s: %(message)s": "ap_argument",
    "the following arguments are required: %s": "ap_required",
    "one of the arguments %s is required": "ap_one_required",
    "unrecognized arguments: %s": "ap_unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "ap_invalid_choice",
    "invalid %(type)s value: %(value)r": "ap_invalid_value",
    "expected one argument": "ap_expected_one",
    "expected at most one argument": "ap_expected_at_most_one",
    "expected at least one argument": "ap_expected_at_least_one",
    "expected %s argument": "ap_expected_n",
    "expected %s arguments": "ap_expected_n_plural",
    "ambiguous option: %(option)s could match %(matches)s": "ap_ambiguous",
    "not allowed with argument %s": "ap_not_allowed_with",
    "ignored explicit argument %r": "ap_ignored_explicit",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "ap_unknown_parser",
    "can't open '%(filename)s': %(error)s": "ap_cannot_open",
    "unexpected option string: %s": "ap_unexpected_option",
}


def translate(message: str) -> str:
    """argparse's ``_``: ``message`` in the current language (as it is when the table does not know it)."""
    key = MESSAGES.get(message)
    return words(key, message) if key else message


def translate_plural(singular: str, plural: str, n: int) -> str:
    """argparse's ``ngettext``: the English rule picks the form, the catalogue gives its words."""
    return translate(singular if n == 1 else plural)


@contextmanager
def argparse_words() -> Iterator[None]:
    """Within the block, argparse speaks the game's current language; outside it, as before."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = translate, translate_plural
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _columns(text: str) -> int:
    """How many terminal columns ``text`` takes (a Chinese character or full-width colon takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Formatter(argparse.HelpFormatter):
    """argparse's help layout, with each section heading followed by the language's colon."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._headings: list[str] = []

    def start_section(self, heading):
        if heading:
            self._headings.append(heading)
        super().start_section(heading)

    def _format_usage(self, usage, actions, groups, prefix):
        # argparse lines up a long usage's further lines under the first by
        # counting characters; "用法：" is three characters but six columns wide.
        text = super()._format_usage(usage, actions, groups, prefix)
        shown = translate("usage: ") if prefix is None else prefix
        extra = _columns(shown) - len(shown)
        if extra <= 0:
            return text
        first, *rest = text.split("\n")
        return "\n".join([first, *(" " * extra + line if line.strip() else line for line in rest)])

    def format_help(self) -> str:
        text = super().format_help()
        for heading in self._headings:
            text = text.replace(f"\n{heading}:\n", "\n" + S("help_heading", heading=heading) + "\n")
        return text
