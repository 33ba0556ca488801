"""Computer moves worked out beside the window, never in its way.

A hard computer move takes a second or more of search; done in the window's
loop, that is a second without frames or input.  A ``Thinker`` hands the
policy's ``choose`` to the computer's own process (``workproc``) while the
window goes on drawing and answering input, and hands the move over once it
is ready.  Only a policy that says it ``searches`` goes there: the quicker
levels' moves take milliseconds, and are worked out in a thread.  A thread of the window's process waits for the answer; the search
itself never competes with the loop for the interpreter.  Where no process
can be started (or a policy cannot be sent to one), the thread works the
move out itself, as before: the same move, only less smooth frames.

The move is the one the policy would have chosen in the loop itself.  The
worker works on a copy of the policy (a policy has a generator and the
year's plan as state: the process gets it sent, a thread makes a deep copy
in the worker so the window never waits for it); when the move is taken,
the copy, now advanced exactly as the original would have been, takes the
original's place.  A cancelled move (the player quit, undid, loaded another
game) leaves the original policy untouched, so the next move is the one the
game would have had without the cancelled one.  Cancelling stops the worker
at once: the process is killed (the next move starts another), a thread gets
an exception at its next step; the copy is thrown away.

Nothing here touches the window or pygame: the controller asks for a move
(``start``), looks whether it is ready (``poll``) and cancels it.
"""

from __future__ import annotations

import copy
import ctypes
import logging
import sys
import threading
from dataclasses import dataclass, field
from typing import Any

from eurasia_game.session import workproc

log = logging.getLogger("eurasia_game.session")

# While a worker thinks, the window's thread gets the interpreter back this
# often (seconds); Python's default of 5 ms would make a frame wait for it
# several times over.
SWITCH_INTERVAL = 0.0005


class Cancelled(BaseException):
    """Raised inside a worker whose move is no longer wanted (never seen outside it)."""


@dataclass
class Job:
    """One move being worked out: for which position, and what came of it."""

    key: Any
    side: str
    thread: threading.Thread | None = None
    done: threading.Event = field(default_factory=threading.Event)
    action: Any = None
    policy: Any = None
    error: BaseException | None = None
    cancelled: bool = False
    # Where the move is being worked out: "process", "thread" (its own search), or None (not yet)
    where: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


class Thinker:
    """Works out one computer move at a time in the computer's process (or a worker thread).

    ``process=False`` keeps every move in a thread of this process.
    """

    def __init__(self, process: bool = True) -> None:
        self.job: Job | None = None
        self._lock = threading.Lock()
        self._interval: float | None = None
        self.worker = workproc.shared() if process else None

    def prepare(self, rules, policies=()) -> None:
        """Get the computer's process ready for ``rules`` in the background, if one of ``policies``
        will use it (a game with a searching computer begins)."""
        worker = self.worker
        if worker is None or worker.broken is not None or not any(_searches(p) for p in policies):
            return
        threading.Thread(target=worker.warm, args=(rules,), name="computer-warm", daemon=True).start()

    # --- asking and taking --------------------------------------------------
    def start(self, key, side: str, policy, rules, game_view, legal: list) -> Job:
        """Begin working out ``policy``'s move for the position named ``key``.

        A job for another position is cancelled first; a job for the same
        position goes on (asking again is harmless).
        """
        if self.job is not None and self.job.key == key and not self.job.cancelled:
            return self.job
        self.cancel()
        job = Job(key, side)
        job.thread = threading.Thread(target=self._work, args=(job, policy, rules, game_view, legal), name=f"computer-{side}", daemon=True)
        self.job = job
        job.thread.start()
        return job

    def poll(self, key):
        """(action, advanced policy) when the move for ``key`` is ready, else None.

        A worker's error is raised here, in the window's thread, so the
        window's error dialog shows it like any other.
        """
        job = self.job
        if job is None or job.key != key or not job.done.is_set():
            return None
        self.job = None
        self._share_interpreter(False)
        if job.error is not None:
            raise job.error
        return job.action, job.policy

    @property
    def thinking(self) -> bool:
        return self.job is not None and not self.job.cancelled

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the current job is done (tests and benchmarks); True if it is."""
        job = self.job
        return job is None or job.done.wait(timeout)

    def cancel(self) -> None:
        """Drop the move being worked out and stop its worker."""
        job, self.job = self.job, None
        if job is None:
            return
        with job.lock:
            job.cancelled = True
            if job.done.is_set():
                return
            if job.where == "process" and self.worker is not None:
                self.worker.abort(job)
            elif job.where == "thread" and job.thread is not None and job.thread.is_alive():
                _raise_in(job.thread, Cancelled)
        self._share_interpreter(False)
        log.info("computer move for %s cancelled", job.side)

    def close(self, timeout: float = 2.0) -> None:
        """Cancel and wait (briefly) for the worker to stop, as the game closes."""
        job = self.job
        self.cancel()
        if job is not None and job.thread is not None:
            job.thread.join(timeout)

    # --- the worker ---------------------------------------------------------
    def _work(self, job: Job, policy, rules, game_view, legal) -> None:
        try:
            if self.worker is not None and _searches(policy):
                with job.lock:
                    job.where = "process"
                try:
                    job.action, job.policy = self.worker.move(job, policy, rules, game_view, legal)
                    return
                except workproc.Unavailable as exc:
                    log.info("computer move for %s worked out in a thread: %s", job.side, exc)
            self._in_thread(job, policy, rules, game_view, legal)
        except (Cancelled, workproc.Stopped):
            job.cancelled = True
        except BaseException as exc:  # noqa: BLE001 - handed to the window's thread
            job.error = exc
        finally:
            job.done.set()

    def _in_thread(self, job: Job, policy, rules, game_view, legal) -> None:
        """The search in this worker thread, taking turns with the window for the interpreter."""
        with job.lock:
            if job.cancelled:
                raise Cancelled
            job.where = "thread"
        self._share_interpreter(True)
        try:
            mine = copy.deepcopy(policy, {id(rules): rules})
            action = mine.choose(rules, game_view, legal)
            job.action, job.policy = action, mine
        finally:
            with job.lock:
                job.where = None  # past the search: a cancel must not raise into what follows
            self._share_interpreter(False)

    def _share_interpreter(self, thinking: bool) -> None:
        with self._lock:
            if thinking and self._interval is None:
                self._interval = sys.getswitchinterval()
                sys.setswitchinterval(SWITCH_INTERVAL)
            elif not thinking and self._interval is not None:
                sys.setswitchinterval(self._interval)
                self._interval = None


def _searches(policy) -> bool:
    """Whether ``policy``'s moves are long searches, worth the computer's own process."""
    return bool(getattr(policy, "searches", False))


def _raise_in(thread: threading.Thread, exc_type: type[BaseException]) -> None:
    """Have ``thread`` raise ``exc_type`` at its next Python step (CPython's own way to stop a thread)."""
    ident = thread.ident
    if ident is None:
        return
    setter = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
    if setter is None:  # pragma: no cover - not CPython: the worker runs to its end, its move unused
        return
    setter(ctypes.c_ulong(ident), ctypes.py_object(exc_type))
