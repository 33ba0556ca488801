"""The seminar facilitator's acts: inject an event card, note, pause, time up,
arm endings from a year, and a what-if roll.

An instructor steers a class's game with these.  They go into the game record
like the sides' actions, so a replay reproduces the class's game exactly, but
they are never part of a side's legal actions: the facilitator may act
whenever the game waits for a decision, and ``state.to_act`` stays a side id
(or None once the game is over).  Notes and pauses change nothing but the
log, so the debrief can show them; they are allowed after the end too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from eurasia_game.engine.flow import advance
from eurasia_game.engine.state import FACILITATOR, FACILITATOR_KINDS, Action, GameState, LogEvent, StepResult
from eurasia_game.engine.work import Work, holds
from eurasia_game.model.ruleset import RuleSet

# now: fire at once (after an open dilemma, if one waits); next: at the next
# events phase.  The forced modes skip the card's conditions and say so.
INJECT_MODES = ("now", "next", "forced", "forced_next")
FORCED_MODES = ("forced", "forced_next")
LATER_MODES = ("next", "forced_next")
# What happens when a turn timer runs out: a mark in the log only, or the side's
# decision is taken as it stands (planning committed; first affordable option).
TIMER_RULES = ("warn", "commit")
MAX_NOTE = 500
# A note goes into the game record as typed, which holds one line of printable text.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MAX_SECONDS = 24 * 3600
MAX_SKIP = 1000  # rolls a what-if roll may pass over (one step never rolls that often)


def waiting_cards(state: GameState) -> set[str]:
    """Cards already waiting to fire (queued, injected for later, or an open dilemma)."""
    waiting = {card for card, _ in state.queue} | {card for card, _ in state.injects}
    if state.dilemma is not None:
        waiting.add(state.dilemma)
    return waiting


def facilitator_injectable(rules: RuleSet, state: GameState) -> list[str]:
    """Cards the facilitator may inject without forcing: still in the deck, conditions hold."""
    if state.over:
        return []
    waiting = waiting_cards(state)
    return [c for c in state.deck if c not in waiting and holds(rules, state, rules.event[c].condition)]


def _clock(seconds: int | None) -> str:
    if seconds is None:
        return "the time limit"
    return f"{seconds // 60}:{seconds % 60:02d}"


def why_not_facilitator(rules: RuleSet, state: GameState, action: Action) -> str | None:
    """One sentence saying why a facilitator act is not allowed now, or None."""
    text = rules.text
    if action.kind not in FACILITATOR_KINDS:
        return text("illegal_facilitator_kind")
    if action.side != FACILITATOR:
        return text("illegal_facilitator_only")
    if action.kind in ("note", "pause"):
        raw = action.text or ""
        note = raw.strip()
        if (action.kind == "note" and not note) or len(raw) > MAX_NOTE or _CONTROL.search(raw):
            return text("illegal_note", limit=MAX_NOTE)
        return None
    if state.over:
        return text("illegal_game_over")
    if action.kind == "arm":
        from eurasia_game.engine.flow import armed_problem

        return armed_problem(rules, state.scenario, action.year)
    if action.kind == "reroll":
        skip = action.skip or 0
        if type(action.seed) is not int or not 0 <= action.seed < 2**63 or type(skip) is not int or not 0 <= skip <= MAX_SKIP:
            return text("illegal_reroll")
        return None
    if action.kind == "time_up":
        if action.target != state.to_act:
            turn = rules.side[state.to_act].name if state.to_act in rules.side else ""
            return text("illegal_time_up", turn=turn)
        if action.mode not in TIMER_RULES:
            return text("illegal_timer_rule", mode=action.mode)
        if action.seconds is not None and not 0 < action.seconds <= MAX_SECONDS:
            return text("illegal_timer_rule", mode=action.seconds)
        return None
    card = rules.event.get(action.card)
    if card is None:
        return text("illegal_unknown_card", card=action.card)
    if action.mode not in INJECT_MODES:
        return text("illegal_inject_mode", mode=action.mode)
    if card.id in waiting_cards(state):
        return text("illegal_inject_waiting", title=card.title)
    if action.mode in FORCED_MODES:
        return None
    if card.id not in state.deck:
        return text("illegal_inject_spent", title=card.title)
    if not holds(rules, state, card.condition):
        return text("illegal_inject_condition", title=card.title)
    return None


def apply_facilitator(rules: RuleSet, state: GameState, action: Action) -> StepResult:
    """Apply an allowed facilitator act (``moves.apply_action`` checks it first).

    A turn timer running out (``time_up``) may make the side's own move, so
    ``moves.apply_action`` handles it (``moves.time_up``), with ``time_up_event``
    from here.
    """
    year = state.year
    if action.kind == "note":
        note = action.text.strip()
        event = LogEvent(kind="note", text=rules.text("note", text=note), year=year, data=(note,))
        return StepResult(replace(state, steps=state.steps + 1), (event,), undoable=True)
    if action.kind == "pause":
        topic = (action.text or "").strip()
        key, data = ("paused_topic", (topic,)) if topic else ("paused", ())
        event = LogEvent(kind="pause", text=rules.text(key, topic=topic), year=year, data=data)
        return StepResult(replace(state, steps=state.steps + 1), (event,), undoable=True)
    if action.kind == "arm":
        event = LogEvent(kind="armed", text=rules.text("armed_changed", year=action.year), year=year, data=(action.year,))
        return StepResult(replace(state, armed_from=action.year, steps=state.steps + 1), (event,), undoable=True)
    if action.kind == "reroll":
        event = LogEvent(kind="reroll", text=rules.text("reroll", seed=action.seed), year=year, data=(action.seed, action.skip or 0))
        return StepResult(replace(state, luck=(action.skip or 0, action.seed), steps=state.steps + 1), (event,), undoable=True)
    card = rules.event[action.card]
    w = Work(rules, state)
    w.steps += 1
    if action.mode in LATER_MODES:
        w.injects.append((card.id, action.mode))
        w.log("inject", rules.text("inject_queued", title=card.title), card=card.id, secret_for=FACILITATOR, data=(action.mode,))
    else:
        if w.dilemma is not None:
            w.log("inject", rules.text("inject_waiting", title=card.title), card=card.id, data=(action.mode,))
        w.queue.insert(0, (card.id, action.mode))
        advance(w)
    new = w.freeze()
    undoable = not w.revealed and new.rng == state.rng and new.to_act == state.to_act
    return StepResult(new, tuple(w.events), undoable=undoable)


def time_up_event(rules: RuleSet, state: GameState, action: Action, taken: Action | None) -> LogEvent:
    """The log line of a turn timer running out; ``taken`` is the move it made for the side, if any."""
    side = action.target
    key = "time_up_warn" if taken is None else "time_up_choice" if taken.kind == "choose" else "time_up_commit"
    text = rules.text(key, side=rules.side[side].name, time=_clock(action.seconds))
    return LogEvent(kind="time_up", text=text, year=state.year, side=side, data=(action.mode,))
