"""The help overlay's article block: the full citation, what 'basis' means,
and every order, front, track, red line and yearly trend listed under the
article section it comes from, with its basis and teaching note.

Kept apart from help.py so that the rules summary and the article block can
change independently.
"""

from __future__ import annotations

from eurasia_game.model.content import item_note
from eurasia_game.ui.strings import S

# What the help lists, in this order: (rules attribute, how an item is named).
_KINDS = (
    ("tracks", lambda item: item.name),
    ("fronts", lambda item: item.name),
    ("actions", lambda item: item.name),
    ("red_lines", lambda item: item.name),
    ("yearly", lambda item: item.text),
)


def article_lines(rules) -> list[tuple[str, str]]:
    """The block as (kind, text) paragraphs; kind is 'head', 'sub', 'item', 'note' or 'text'."""
    out = [("head", S("help_article")), ("text", S("help_article_source", source=rules.game.source)), ("text", S("help_article_basis"))]
    for section in rules.game.sources:
        items = [(item, name, attr) for attr, name in _KINDS for item in getattr(rules, attr) if getattr(item, "section", None) == section]
        cards = [c for c in rules.events if c.section == section]
        if not items and not cards:
            continue
        out.append(("sub", section))
        for item, name, attr in items:
            basis = f", {S('help_basis_' + item.basis)}" if getattr(item, "basis", None) else ""
            out.append(("item", f"{name(item)} ({S('help_kind_' + attr)}{basis})"))
            note = item_note(item)
            if note:
                out.append(("note", note))
        if cards:
            extrapolated = sum(1 for c in cards if c.basis == "extrapolation")
            out.append(("note", S("help_article_cards", count=len(cards), extrapolated=extrapolated)))
    return out
