"""Event cards that trigger each other in a loop.

A card's ``trigger`` effect fires another card at once.  If card A triggers
B and B triggers A, the chain never ends: without dilemmas the game would
hang, with them the players would answer the same dilemmas for ever.  The
engine stops such a chain as a last resort (``engine.flow.MAX_FIRINGS``);
this check tells the modder first.

A loop whose every trigger sits directly in a card's effects always runs,
so it is an error.  One that passes through a ``when``, a ``chance`` or a
dilemma option may stop by itself, so it is a warning.
"""

from __future__ import annotations

from eurasia_game.lang.catalogue import S
from eurasia_game.model import effects as E


def _triggers(walk, event, base: tuple) -> list[tuple[str, tuple, bool]]:
    """(card triggered, path of the effect, always?) for every trigger in ``event``."""
    top = {id(effect) for effect in event.effects}
    return [
        (model.card, path, id(model) in top)
        for path, model in walk(event, base)
        if isinstance(model, E.TriggerCard)
    ]


def report(checker, walk) -> None:
    """Add a problem to ``checker`` for every loop of cards triggering each other."""
    rules = checker.rules
    index = {event.id: i for i, event in enumerate(rules.events)}
    edges = {event.id: _triggers(walk, event, ("events", i)) for i, event in enumerate(rules.events)}
    reported: set[frozenset] = set()
    for start in index:
        # Depth-first search for a path of triggers leading back to ``start``.
        stack = [(start, [])]
        seen = {start}
        while stack:
            card, trail = stack.pop()
            for target, path, always in edges.get(card, ()):
                step = trail + [(card, target, path, always)]
                if target == start:
                    cards = frozenset(c for c, _, _, _ in step)
                    if cards not in reported:
                        reported.add(cards)
                        _add(checker, rules, step)
                elif target in index and target not in seen:
                    seen.add(target)
                    stack.append((target, step))


def _add(checker, rules, step: list) -> None:
    names = " -> ".join(rules.event[c].title for c, _, _, _ in step) + " -> " + rules.event[step[0][0]].title
    always = all(a for _, _, _, a in step)
    first_path = step[0][2]
    if always:
        checker.add("error", first_path, S("prob_loop_endless", cards=names), S("prob_loop_break"))
    else:
        checker.add("warning", first_path, S("prob_loop_maybe", cards=names), S("prob_loop_stop"))
