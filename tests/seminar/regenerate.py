"""Regenerate the seminar fixtures: stored class games with facilitator acts and a branch.

Run from anywhere with the project's Python:

    .venv/bin/python tests/seminar/regenerate.py

It plays, under the current base rules and with the computer players:

- ``table_a.class.json``: a class game in which the facilitator pauses,
  writes notes, injects cards (now, at the next events phase, and one forced
  past its conditions) and lets a turn timer run out; then the class rewinds
  to the start of the third year and plays a what-if branch;
- ``table_b.record.json`` and ``table_c.record.json``: plain game records of
  two more tables, for the combined class report (table C one in which a
  dilemma's other option would have changed the ending, for "What if").

The seeds used are the first (from 1) whose game lasts long enough to show
the facilitator's acts; they are written to ``tables.json``.  Any change to a
rule file changes the rules' fingerprint, so regenerate after rules changes
and read ``git diff tests/seminar`` before committing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "tables.json"
SCENARIO = "full_decade"
NOTES = {
    0: "Opening: ask each team what it wants from the other by 2030.",
    2: "Moscow leans on Beijing early; compare with the article's 'growing asymmetry'.",
}
PAUSE = "Is this partnership an alliance? Why not?"
FINAL_NOTE = "Debrief: which choice was the turning point for your team?"
BRANCH_OFFSET = 2
MIN_YEARS = 5


def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def _facilitate(rules, session, offset: int, done: set) -> None:
    """The scripted facilitator: acts once at the first decision of some years."""
    from eurasia_game.engine.facilitator import facilitator_injectable
    from eurasia_game.engine.state import FACILITATOR, Action
    from eurasia_game.engine.work import holds

    if offset in done:
        return
    done.add(offset)
    state = session.state
    if offset in NOTES:
        session.act(Action("note", FACILITATOR, text=NOTES[offset]))
    if offset == 1:
        session.act(Action("pause", FACILITATOR, text=PAUSE))
        cards = facilitator_injectable(rules, session.state)
        if cards:
            session.act(Action("inject", FACILITATOR, card=cards[0], mode="now"))
    if offset == 2:
        state = session.state
        waiting = {c for c, _ in state.queue} | {c for c, _ in state.injects} | {state.dilemma}
        blocked = [c for c in state.deck if c not in waiting and not holds(rules, state, rules.event[c].condition)]
        if blocked:
            session.act(Action("inject", FACILITATOR, card=blocked[0], mode="forced"))
        cards = facilitator_injectable(rules, session.state)
        if cards and not session.over:
            session.act(Action("inject", FACILITATOR, card=cards[-1], mode="next"))
    if offset == 3 and not session.over:
        session.act(Action("time_up", FACILITATOR, target=session.state.to_act, mode="warn", seconds=180))


def play_class(rules, seed: int, players: dict, branch_players: dict):
    """The scripted class game and its what-if branch, as a ClassGame (None if too short)."""
    from eurasia_game.engine.state import FACILITATOR, Action
    from eurasia_game.session.branches import ClassGame, TimerSettings
    from eurasia_game.session.policies import make_policy
    from eurasia_game.session.session import GameSession

    start = rules.scenario[SCENARIO].start_year
    session = GameSession.new(rules, SCENARIO, seed, players)
    policies = {s: make_policy(players[s], seed, s) for s in rules.side_ids}
    done: set = set()
    while not session.over:
        _facilitate(rules, session, session.state.year - start, done)
        if session.over:
            break
        side = session.state.to_act
        session.act(policies[side].choose(rules, session.view(side), session.legal(side)))
    if session.state.year < start + MIN_YEARS:
        return None  # too short to show the facilitator's acts
    session.act(Action("note", FACILITATOR, text=FINAL_NOTE))
    game = ClassGame.new(rules, session, title="Seminar fixture: table A", timer=TimerSettings(seconds=180, rule="warn", preset="75"))
    branch = game.rewind(start + BRANCH_OFFSET)
    branch.act(Action("note", FACILITATOR, text="What if Moscow had kept its distance here?"))
    policies = {s: make_policy(branch_players[s], seed + 1, s) for s in rules.side_ids}
    while not branch.over:
        side = branch.state.to_act
        branch.act(policies[side].choose(rules, branch.view(side), branch.legal(side)))
    return game


def play_table(rules, seed: int, players: dict):
    from eurasia_game.session.autoplay import play_game

    return play_game(rules, SCENARIO, seed, players)


def _a_choice_changed_the_ending(rules, record) -> bool:
    """Table C feeds the report's "What if" tests: one of its dilemmas must
    have led elsewhere had the other option been chosen."""
    from eurasia_game.report.debrief import build_debrief
    from eurasia_game.report.teaching import what_if_rows

    rows = what_if_rows(rules, build_debrief(rules, record))
    return any(r.ending_there.split(" (")[0] != r.ending_here.split(" (")[0] for r in rows)


def main() -> int:
    from eurasia_game.loading.loader import load_rules
    from eurasia_game.paths import base_rules_dir
    from eurasia_game.session.saves import write_record

    result = load_rules(base_rules_dir())
    if result.rules is None or result.errors:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print("the base rules do not load; fix them before regenerating", file=sys.stderr)
        return 1
    rules = result.rules
    start = rules.scenario[SCENARIO].start_year
    players = {"moscow": "normal", "beijing": "normal"}
    branch_players = {"moscow": "easy", "beijing": "normal"}
    chosen = {}
    for seed in range(1, 500):
        game = play_class(rules, seed, players, branch_players)
        if game is not None:
            break
    else:
        print("no seed gave a game long enough for the fixture", file=sys.stderr)
        return 1
    game.save(HERE / "table_a.class.json")
    chosen["table_a"] = {"seed": seed, "players": players, "branch_players": branch_players}
    for name, table_players in (("table_b", {"moscow": "hard", "beijing": "normal"}), ("table_c", {"moscow": "normal", "beijing": "easy"})):
        for table_seed in range(seed + 1, seed + 200):
            session = play_table(rules, table_seed, table_players)
            if session.state.year >= start + 3 and (name != "table_c" or _a_choice_changed_the_ending(rules, session.record())):
                break
        write_record(HERE / f"{name}.record.json", session.record())
        chosen[name] = {"seed": table_seed, "players": table_players}
    MANIFEST.write_text(json.dumps({"scenario": SCENARIO, "rules_fingerprint": rules.fingerprint, "tables": chosen}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote the seminar fixtures (table_a seed {seed}) to {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
