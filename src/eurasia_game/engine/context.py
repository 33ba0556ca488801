"""Who is acting and at what: the value that gives 'self', 'other' and 'target' their meaning.

It lives on its own because both the compiled rules (``compiled.py``) and the
working copy of a game (``work.py``) need it, and the working copy runs the
compiled rules: here neither has to import the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Context:
    """Who is acting and at what, so 'self', 'other' and 'target' have meaning."""

    side: str | None = None
    target: str | None = None
    card: str | None = None
