"""A readable, year-by-year transcript of a game, for the terminal and golden tests.

It shows only public events (no side's secret plans before their reveal), so
the same game always prints the same bytes.
"""

from __future__ import annotations

from eurasia_game.engine import outcome
from eurasia_game.engine.decided import decided_by

_SKIP = {"planned", "year"}


def transcript_lines(rules, state, events) -> list[str]:
    scenario = rules.scenario[state.scenario]
    lines = [f"{rules.game.name} {rules.game.version} - {scenario.name}"]
    year = None
    for event in events:
        if event.secret_for is not None or event.kind in _SKIP:
            continue
        if event.year != year:
            year = event.year
            lines.append("")
            lines.append(f"== {year} ==")
        prefix = "  " if event.kind in ("order", "front", "trend", "chance", "say", "chose") else ""
        lines.append(f"{prefix}{event.text}")
    lines.append("")
    lines.append("Final position:")
    for track in rules.tracks:
        lines.append(f"  {track.name}: {state.tracks[track.id]}/{track.max}")
    for front in rules.fronts:
        row = ", ".join(f"{rules.side[s].name} {state.standing[front.id][s]}" for s in rules.side_ids)
        lines.append(f"  {front.name}: {row}")
    if state.ending:
        ending = rules.ending[state.ending]
        results = outcome(rules, state)
        lines.append("")
        lines.append(f"The article's future: {ending.future}.")
        lines.append("  " + ending.text)
        decision = decided_by(rules, state, events)
        if decision is not None:
            lines.append(decision.text)
        lines.append("Result: " + ", ".join(f"{rules.side[s].name} {results[s]}s" if results[s] != "draw" else f"{rules.side[s].name} draws" for s in rules.side_ids))
        # The ending's name comes last, so scripts can read it from the last line.
        lines.append(f"Ending in {state.year}: {ending.name}")
    else:
        lines.append("")
        lines.append("The game is not finished.")
    return lines


def transcript(rules, state, events) -> str:
    return "\n".join(transcript_lines(rules, state, events)) + "\n"
