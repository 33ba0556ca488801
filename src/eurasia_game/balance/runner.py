"""Running many games on several processes, with a progress bar.

Games are numbered by their seed; whatever the number of processes, the
results come back sorted by seed, so the same seed range always gives the
same report.  Worker processes are forked with the rules already loaded
(where the platform can fork), so modded rules need no reloading.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

from eurasia_game.balance.games import play
from eurasia_game.lang.catalogue import S as W

_JOB: dict = {}


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _init(rules, scenario: str, players: dict, hard) -> None:
    _JOB.update(rules=rules, scenario=scenario, players=players, hard=hard)


def _play_seeds(seeds: list[int]) -> list[dict]:
    return [play(_JOB["rules"], _JOB["scenario"], seed, _JOB["players"], _JOB["hard"]) for seed in seeds]


def run_games(rules, scenario: str, players: dict, seeds: list[int], jobs: int = 1, progress=None, hard=None) -> list[dict]:
    """Play one game per seed on ``jobs`` processes; summaries sorted by seed.

    ``hard`` (a HardSettings) replaces the hard level's default budget.
    """
    progress = progress or (lambda done, total: None)
    total = len(seeds)
    out: list[dict] = []
    progress(0, total)
    if jobs <= 1 or total <= 1:
        for seed in seeds:
            out.append(play(rules, scenario, seed, players, hard))
            progress(len(out), total)
        return out
    # Small chunks keep both processes busy to the end; games differ in length.
    size = max(1, min(4, total // (jobs * 16)))
    chunks = [seeds[i : i + size] for i in range(0, total, size)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init, initargs=(rules, scenario, players, hard)) as pool:
        futures = [pool.submit(_play_seeds, chunk) for chunk in chunks]
        for future in as_completed(futures):
            out.extend(future.result())
            progress(len(out), total)
    out.sort(key=lambda g: g["seed"])
    return out


class ProgressBar:
    """A one-line progress bar with an estimate of the time left, on a stream."""

    def __init__(self, stream=sys.stderr, width: int = 30):
        self.stream = stream
        self.width = width
        self.started = time.monotonic()
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last_shown = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.tty:
            # In a log, one line per tenth is enough.
            step = max(1, total // 10)
            if done != total and done // step == self.last_shown:
                return
            self.last_shown = done // step
        elapsed = time.monotonic() - self.started
        filled = int(self.width * done / total) if total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        eta = "--:--" if done == 0 else _clock(elapsed / done * (total - done))
        line = W("bal_progress", bar=bar, done=done, total=total, percent=f"{100 * done // max(total, 1):3d}", left=eta)
        if self.tty:
            self.stream.write("\r" + line + ("\n" if done == total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
