"""Writing the handouts folder: a briefing per side, the rules, the reading guide, the memo.

Used by ``eurasia-game handouts``.  Files are written atomically; trouble on
disk comes back as ``HandoutError`` with a sentence.
"""

from __future__ import annotations

import os
from pathlib import Path

from eurasia_game.handouts.content import briefing, rules_sheet
from eurasia_game.handouts.pages import briefing_page, memo_page, reading_page, rules_page
from eurasia_game.lang.catalogue import S
from eurasia_game.session.saves import SaveError, atomic_write_text


class HandoutError(ValueError):
    """The handouts could not be made or written; the message says why."""


def handout_files(rules, scenario_id: str | None = None, paper: str = "auto") -> dict[str, str]:
    """File name -> HTML text of every handout."""
    scenario_id = scenario_id or rules.game.default_scenario
    if scenario_id not in rules.scenario:
        raise HandoutError(S("hand_err_scenario", scenario=scenario_id, known=S("cli_list_sep").join(rules.scenario)))
    scenario = rules.scenario[scenario_id]
    line = S("hand_scenario_line", scenario=scenario.name, start=scenario.start_year, end=scenario.end_year)
    files = {}
    for side in rules.side_ids:
        brief = briefing(rules, side, scenario_id)
        if brief is not None:
            files[f"briefing-{side}.html"] = briefing_page(rules, brief, line, paper)
    if not files:
        raise HandoutError(S("hand_err_no_briefing"))
    files["rules.html"] = rules_page(rules, rules_sheet(rules, scenario_id), paper)
    files["reading-guide.html"] = reading_page(rules, paper)
    files["memo.html"] = memo_page(rules, paper)
    return files


def write_handouts(rules, out_dir: Path | str, scenario_id: str | None = None, paper: str = "auto") -> list[Path]:
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise HandoutError(S("hand_err_is_file", folder=folder))
    written = []
    try:
        for name, text in handout_files(rules, scenario_id, paper).items():
            path = folder / name
            atomic_write_text(path, text)
            os.chmod(path, 0o644)
            written.append(path)
    except (SaveError, OSError) as exc:
        raise HandoutError(S("hand_err_write", reason=exc)) from None
    return written
