"""A readable, year-by-year transcript of a game, for the terminal and golden tests.

It shows only public events (no side's secret plans before their reveal), so
the same game always prints the same bytes.  Its own words come from
``assets/words/cli.json`` (``cli_transcript_*``), so it prints in the
language chosen; the logged events speak the rules' own (translated) words.
"""

from __future__ import annotations

from eurasia_game.engine import outcome
from eurasia_game.engine.decided import decided_by
from eurasia_game.lang.catalogue import S

_SKIP = {"planned", "year"}


def transcript_lines(rules, state, events) -> list[str]:
    scenario = rules.scenario[state.scenario]
    lines = [S("cli_transcript_title", game=rules.game.name, version=rules.game.version, scenario=scenario.name)]
    year = None
    for event in events:
        if event.secret_for is not None or event.kind in _SKIP:
            continue
        if event.year != year:
            year = event.year
            lines.append("")
            lines.append(S("cli_transcript_year", year=year))
        prefix = "  " if event.kind in ("order", "front", "trend", "chance", "say", "chose") else ""
        lines.append(f"{prefix}{event.text}")
    lines.append("")
    lines.append(S("cli_transcript_final"))
    for track in rules.tracks:
        lines.append("  " + S("cli_transcript_track", track=track.name, value=state.tracks[track.id], max=track.max))
    sep = S("cli_list_sep")
    for front in rules.fronts:
        row = sep.join(S("cli_transcript_standing", side=rules.side[s].name, value=state.standing[front.id][s]) for s in rules.side_ids)
        lines.append("  " + S("cli_transcript_front", front=front.name, standings=row))
    if state.ending:
        ending = rules.ending[state.ending]
        results = outcome(rules, state)
        lines.append("")
        lines.append(S("cli_transcript_future", future=ending.future))
        lines.append("  " + ending.text)
        decision = decided_by(rules, state, events)
        if decision is not None:
            lines.append(decision.text)
        # one whole phrase per side and result ('Moscow wins'), so a language can order its words
        lines.append(S("cli_transcript_result", results=sep.join(S(f"cli_transcript_{results[s]}", side=rules.side[s].name) for s in rules.side_ids)))
        # The ending's name comes last, so scripts can read it from the last line.
        lines.append(S("cli_transcript_ending", year=state.year, ending=ending.name))
    else:
        lines.append("")
        lines.append(S("cli_transcript_unfinished"))
    return lines


def transcript(rules, state, events) -> str:
    return "\n".join(transcript_lines(rules, state, events)) + "\n"
