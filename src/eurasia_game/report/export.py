"""Writing a report folder: report.html, report.md and turns.csv.

Used by the debrief screen's "Save report" and by ``eurasia-game report``.
A table's save may be a single game record or a class file with what-if
branches; both give the same kind of report.  Files are written atomically,
and trouble on disk comes back as ``ReportError`` with a sentence.
"""

from __future__ import annotations

import os
from pathlib import Path

from eurasia_game.lang.catalogue import S
from eurasia_game.report.combine import Table, combined_html, combined_md
from eurasia_game.report.debrief import Debrief, build_debrief
from eurasia_game.report.html import class_report_html
from eurasia_game.report.markdown import class_report_md
from eurasia_game.report.table import to_csv
from eurasia_game.session.branches import ClassRecord, line_name, shown_info
from eurasia_game.session.record import RecordError
from eurasia_game.session.saves import SaveError, atomic_write_text

FILES = ("report.html", "report.md", "turns.csv")


class ReportError(ValueError):
    """A report could not be made or written; the message says why."""


def line_debriefs(rules, klass: ClassRecord) -> list[tuple]:
    """(BranchInfo, Debrief) for every line of a class, the original game first."""
    out = []
    for branch in klass.branches:
        try:
            debrief = build_debrief(rules, branch.record, title=klass.title)
        except RecordError as exc:
            raise ReportError(S("rep_err_line", line=branch.info.name, reason=exc)) from None
        out.append((branch.info, debrief))
    return out


def _write(out_dir: Path | str, files: dict[str, str]) -> list[Path]:
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ReportError(S("rep_err_is_file", folder=folder))
    written = []
    try:
        for name, text in files.items():
            path = folder / name
            atomic_write_text(path, text)
            os.chmod(path, 0o644)  # a report is made to be shared, unlike a save
            written.append(path)
    except (SaveError, OSError) as exc:
        raise ReportError(S("rep_err_write", reason=exc)) from None
    return written


def report_files(rules, lines: list[tuple], title: str = "") -> dict[str, str]:
    """The three files' text for one table's lines of play."""
    lines = [(shown_info(info), debrief) for info, debrief in lines]  # names the game gave, in today's language
    games = [("", info.name, debrief) for info, debrief in lines]
    return {
        "report.html": class_report_html(rules, lines, title),
        "report.md": class_report_md(rules, lines, title),
        "turns.csv": to_csv(rules, games),
    }


def write_report(rules, klass: ClassRecord, out_dir: Path | str, title: str = "") -> list[Path]:
    """Write the report of one table's game (every line of play) into ``out_dir``."""
    return _write(out_dir, report_files(rules, line_debriefs(rules, klass), title or klass.title))


def write_debrief(rules, debrief: Debrief, out_dir: Path | str, lines: list[tuple] | None = None) -> list[Path]:
    """Write a report from debriefs already built (the debrief screen's "Save report")."""
    if lines is None:
        from eurasia_game.session.branches import BranchInfo, TRUNK

        lines = [(BranchInfo(id=TRUNK, name=S("ses_line_original")), debrief)]
    return _write(out_dir, report_files(rules, lines, debrief.title))


def combined_tables(rules, saves: list[tuple[str, ClassRecord]]) -> list[Table]:
    """One ``Table`` per save: the line it played last."""
    tables = []
    for name, klass in saves:
        branch = next(b for b in klass.branches if b.info.id == klass.current)
        try:
            debrief = build_debrief(rules, branch.record, title=name)
        except RecordError as exc:
            raise ReportError(S("rep_err_line", line=name, reason=exc)) from None
        tables.append(Table(name, line_name(branch.info), debrief))
    return tables


def write_combined(rules, saves: list[tuple[str, ClassRecord]], out_dir: Path | str, title: str = "") -> list[Path]:
    """Write the class report of several tables into ``out_dir``."""
    if len(saves) < 2:
        raise ReportError(S("rep_err_combine_one"))
    tables = combined_tables(rules, saves)
    files = {
        "report.html": combined_html(rules, tables, title),
        "report.md": combined_md(rules, tables, title),
        "turns.csv": to_csv(rules, [(t.name, t.line, t.debrief) for t in tables]),
    }
    return _write(out_dir, files)
