"""Small helpers that put the reports' catalogue words (``assets/words/report.json``) together.

A list of names ('A, B and C'), a quoted title and a sentence with bold
parts in HTML each come from whole templates, so a language can change the
quotation marks, the word for 'and' or the order of the words.
"""

from __future__ import annotations

from html import escape
from string import Template

from eurasia_game.lang.catalogue import S


def names_and(items) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return S("rep_names_and", items=S("cli_list_sep").join(items[:-1]), last=items[-1])


def names_or(items) -> str:
    """'A', 'A or B', 'A, B or C'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return S("rep_names_or", items=S("cli_list_sep").join(items[:-1]), last=items[-1])


def quoted(text) -> str:
    """A title in the language's quotation marks."""
    return S("rep_quoted", text=text)


def html_words(key: str, /, **html: str) -> str:
    """The catalogue sentence ``key`` escaped for HTML, its $placeholders filled with ready HTML (escape the values yourself)."""
    return Template(escape(S(key), quote=False)).safe_substitute(html)
