"""The rules the window opens with, before their models are built: the title screen's words at once.

With the base rules cached once checked (``loading.rules_cache``), the window
draws its first frame, the title screen, from a few facts the cache keeps in
its header (the game's, each side's and each guided game's plain fields:
names, description, version, colours, capitals) and builds the rules
themselves right after that frame, before it handles any input
(``App.step``).  Importing pydantic and the rule models is most of the
start-up, and the title needs neither.

Anything else asked of the rules before then builds them at once, so no code
ever sees half of them: the facts are the rules' own values, written with
them and read back under the same key.
"""

from __future__ import annotations

from typing import Callable

# The parts of the rules the title screen reads; their plain fields are kept.
TITLE_PARTS = ("game", "sides", "tutorials")
_PLAIN = (str, int, float, bool, type(None))


def _plain_fields(item) -> dict:
    return {name: value for name in type(item).model_fields if isinstance(value := getattr(item, name), _PLAIN)}


def title_facts(rules) -> dict:
    """What the title screen needs of ``rules``, as plain data for the cache's header."""
    return {
        "game": _plain_fields(rules.game),
        "sides": [_plain_fields(side) for side in rules.sides],
        "tutorials": [_plain_fields(tutorial) for tutorial in rules.tutorials],
        "fingerprint": rules.fingerprint,
    }


class _Part:
    """One item of the facts (the game, a side, a guided game); any other field comes from the built rules."""

    def __init__(self, values: dict, real: Callable[[], object]) -> None:
        self.__dict__.update(values)
        self.__dict__["_real"] = real

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._real(), name)


class PendingRules:
    """Stands for the rules until ``resolve`` builds them (on the window's second step, or on first need)."""

    is_pending = True

    def __init__(self, facts: dict, build: Callable[[], object]) -> None:
        self._build = build
        self._rules = None
        sides = tuple(_Part(values, lambda i=i: self.resolve().sides[i]) for i, values in enumerate(facts["sides"]))
        self._facts = {
            "game": _Part(facts["game"], lambda: self.resolve().game),
            "sides": sides,
            "side": {side.id: side for side in sides},
            "side_ids": tuple(side.id for side in sides),
            "tutorials": tuple(_Part(values, lambda i=i: self.resolve().tutorials[i]) for i, values in enumerate(facts["tutorials"])),
            "fingerprint": facts["fingerprint"],
        }

    @property
    def resolved(self) -> bool:
        return self._rules is not None

    def resolve(self):
        """The rules themselves (built on the first call)."""
        if self._rules is None:
            self._rules = self._build()
        return self._rules

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._rules is None and name in self._facts:
            return self._facts[name]
        return getattr(self.resolve(), name)
