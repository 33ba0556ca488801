"""Reloading rules under a running game: load, compare, and replay the game's record.

A game is its seed plus its actions, so it can go on under edited rules
exactly when its record still replays under them: every recorded action must
still be legal where it stands.  ``continue_under`` tries that and returns
either the game rebuilt under the new rules or the reason it cannot be
(the first action that became illegal, a scenario that is gone, ...).
``reload_session`` does the whole round for a reload key: load the rule files
again, list what changed, and try to continue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.loader import LoadResult, load_rules
from eurasia_game.mods.diff import RulesDiff, rules_diff


def load_game(base: Path | str | None = None, mods: Sequence[Path | str] = (), check: bool = True) -> LoadResult:
    """The base game (or ``base``) plus the mod folders ``mods``, merged and checked."""
    return load_rules(base, check=check, mods=mods)


def _restamped(record, rules):
    """The record as if it had been made under ``rules`` (same seed and actions)."""
    from eurasia_game.session.record import ModEntry

    return record.model_copy(update={
        "rules_id": rules.game.id,
        "rules_version": rules.game.version,
        "rules_fingerprint": rules.fingerprint,
        "mods": [ModEntry(id=m.id, version=m.version) for m in rules.mods] or None,
        "checksum": None,
    })


@dataclass
class Continuation:
    """Whether a game goes on under new rules; if so, the game rebuilt under them."""

    ok: bool
    reason: str | None = None
    session: object | None = None


def continue_under(session, rules) -> Continuation:
    """Replay ``session``'s record under ``rules``; the rebuilt session, or why it cannot be."""
    from eurasia_game.session.record import RecordError
    from eurasia_game.session.session import GameSession

    record = _restamped(session.record(), rules)
    try:
        rebuilt = GameSession.from_record(rules, record)
    except RecordError as exc:
        return Continuation(False, S("prob_reload_cannot", reason=exc))
    except (KeyError, ValueError, IndexError) as exc:  # rules that check clean should never get here
        return Continuation(False, S("prob_reload_cannot", reason=S("prob_reload_replay_failed", error=exc)))
    return Continuation(True, None, rebuilt)


def replay_problem(rules, record) -> str | None:
    """Why ``record`` (made under other rules) would not replay under ``rules``, or None.

    Unlike ``session.record.mismatch`` this ignores the fingerprint: it asks
    whether every action is still legal, which is what a reload needs.
    """
    from eurasia_game.session.record import RecordError
    from eurasia_game.session.replay import replay

    try:
        replay(rules, _restamped(record, rules))
    except RecordError as exc:
        return str(exc)
    except (KeyError, ValueError, IndexError) as exc:
        return S("prob_reload_replay_failed", error=exc)
    return None


@dataclass
class ReloadReport:
    """What a reload found: the new load result, what changed, and whether the game goes on."""

    result: LoadResult
    diff: RulesDiff | None
    continuation: Continuation

    @property
    def ok(self) -> bool:
        return self.continuation.ok

    @property
    def session(self):
        return self.continuation.session

    def lines(self) -> list[str]:
        """Short sentences for the player: what changed, then whether the game continues."""
        out: list[str] = []
        if self.diff is not None:
            out.extend(self.diff.lines())
        if self.continuation.ok:
            out.append(S("prob_reload_continues"))
        else:
            out.append(S("prob_reload_keeps_old", reason=self.continuation.reason))
        return out


def reload_session(session, base: Path | str | None = None, mods: Sequence[Path | str] = ()) -> ReloadReport:
    """Load the rule files again and try to continue ``session`` under them."""
    result = load_game(base, mods)
    if result.rules is None or result.errors:
        errors = result.errors
        reason = S("prob_reload_errors_first", count=len(errors), first=errors[0]) if errors else S("prob_reload_errors", count=len(errors))
        return ReloadReport(result, None, Continuation(False, reason))
    diff = rules_diff(session.rules, result.rules)
    if diff.empty and result.rules.fingerprint == session.rules.fingerprint:
        return ReloadReport(result, diff, Continuation(True, None, session))
    return ReloadReport(result, diff, continue_under(session, result.rules))
