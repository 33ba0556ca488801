"""A problem found in a rule file, located and explained for a modder.

The sentences come from the words catalogue (``assets/words/problems.json``),
so a modder reads them in the language chosen; ids, keys and file names
stay as written, in quotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from eurasia_game.lang.catalogue import S

Severity = Literal["error", "warning"]


def format_path(path: tuple) -> str:
    """``('events', 3, 'effects', 0)`` -> ``events[3].effects[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    severity: Severity
    file: str
    line: int
    column: int
    path: str
    message: str
    suggestion: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.path}:" if self.path else ""
        hint = f" ({self.suggestion})" if self.suggestion else ""
        severity = S("prob_sev_error") if self.severity == "error" else S("prob_sev_warning")
        return f"{where}: {severity}:{field} {self.message}{hint}"

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "suggestion": self.suggestion,
        }


def closest(word: str, candidates) -> str | None:
    """The candidate nearest to a misspelled ``word``, or None."""
    import difflib

    matches = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates, prefix: str = "") -> str | None:
    """A "did you mean ..." hint for a misspelled key or id (``prefix`` written before it), or None."""
    match = closest(word, candidates)
    return S("prob_did_you_mean", name=prefix + match) if match is not None else None


# what the English names a kind of item in a sentence -> its catalogue key
NOUNS = {
    "side": "prob_noun_side", "track": "prob_noun_track", "front": "prob_noun_front", "action": "prob_noun_action",
    "event": "prob_noun_event", "event card": "prob_noun_event_card", "ending": "prob_noun_ending",
    "scenario": "prob_noun_scenario", "phase": "prob_noun_phase", "red line": "prob_noun_red_line",
    "help": "prob_noun_help", "help entry": "prob_noun_help_entry", "handout": "prob_noun_handout",
    "briefing": "prob_noun_briefing", "reading": "prob_noun_reading", "rubric criterion": "prob_noun_rubric_criterion",
    "expectation": "prob_noun_expectation", "story check": "prob_noun_story_check", "tutorial": "prob_noun_tutorial",
    "yearly rule": "prob_noun_yearly_rule", "yearly trend": "prob_noun_yearly_trend", "message": "prob_noun_message",
    "article section": "prob_noun_article_section", "flag": "prob_noun_flag", "flag name": "prob_noun_flag_name",
}


def noun(kind: str) -> str:
    """The word for a kind of item (``'red line'``) in the language chosen; an unknown kind as it is."""
    key = NOUNS.get(kind)
    return S(key) if key else kind
