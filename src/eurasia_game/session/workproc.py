"""The computer's own process: it works out moves while the window keeps the interpreter.

A hard move is up to a second or two of pure Python search.  In a thread of
the window's process it shares the interpreter lock with the loop, and the
frames stutter however often the two take turns; in a process of its own it
costs the window nothing.  ``MoveWorker`` keeps one such process: started
when a game first needs the computer (spawned, never forked from a process
that holds a window), sent each rule set once, then one move at a time —
the policy, the side's view and its legal actions go in, the move and the
policy as it stands after the move come back.  The policy's planners are
caches rebuilt from the rules (a policy leaves them out when it is sent), so
the move is the one the policy would have chosen in the window's own
process.

Stopping a move that is no longer wanted kills the process at once; the
next move starts a fresh one.  When the program ends the process is told to
stop, and killed if it does not.  If a process cannot be started, or a
policy cannot be sent, ``Unavailable`` says so and the caller works the move
out in a thread instead.

Only the standard library and the game's own layers below the window are
used here; the process never imports pygame.
"""

from __future__ import annotations

import atexit
import io
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
import time
import traceback

log = logging.getLogger("eurasia_game.session")

# How long a new process may take to get ready (imports, on a busy machine).
START_TIMEOUT = 60.0
# The worker's priority below the window's (Unix): on a busy or one-core machine
# the frames come first and the computer's move a little later.
NICE = 5


class Unavailable(Exception):
    """The worker process cannot take this move (could not start, died, or the move cannot be sent)."""


class Stopped(Exception):
    """The move was stopped on purpose (``MoveWorker.abort``)."""


# --- the wire -------------------------------------------------------------------
# Each message is a pickled tuple after its length.  Both ends are this module:
# nothing from rule files is ever unpickled or executed here, and the reading
# end rebuilds only the classes of the allowlist below (``_WireUnpickler``).
_HEADER = struct.Struct("<Q")


def send(stream, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)  # raises before anything is written
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream):
    header = _read(stream, _HEADER.size)
    return _WireUnpickler(io.BytesIO(_read(stream, _HEADER.unpack(header)[0]))).load()


class _WireUnpickler(pickle.Unpickler):
    """Rebuilds only what the wire carries: the game's own classes, a generator, exceptions.

    The two ends are the game's own processes, but a pickle may name any
    callable; refusing every other global means even a corrupted or forged
    message can build data and never call code (``os.system``, ``eval``...).
    """

    def find_class(self, module: str, name: str):
        found = super().find_class(module, name) if module.split(".")[0] in _WIRE_MODULES else None
        if isinstance(found, type) and (
            module.startswith("eurasia_game.")
            or (module == "random" and name == "Random")
            or (module == "builtins" and issubclass(found, BaseException))
        ):
            return found
        raise pickle.UnpicklingError(f"the computer's process does not send {module}.{name}")


_WIRE_MODULES = ("eurasia_game", "random", "builtins")


def _read(stream, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("the other end closed the pipe")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# --- the worker's side ------------------------------------------------------
def main() -> None:
    """The worker process (``python -m eurasia_game.session.workproc``): moves over stdin/stdout."""
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # a stray print must never land in the replies
    if hasattr(os, "nice"):
        try:
            os.nice(NICE)  # where both want the processor, the window gets it first
        except OSError:
            pass
    try:
        serve(sys.stdin.buffer, replies)
    except (EOFError, OSError, KeyboardInterrupt):
        pass  # the window's process went away: so does this one, quietly


def serve(requests, replies) -> None:
    """The worker's loop: one reply to each request, until told to stop or its pipe closes."""
    from eurasia_game.session.policies import policy_names

    policy_names()  # the computer levels, imported before the first move is asked for
    rules_by_token: dict = {}
    send(replies, ("ready",))
    while True:
        try:
            message = receive(requests)
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - e.g. a policy whose class this process cannot import
            reply = ("unreadable", f"{type(exc).__name__}: {exc}")
        else:
            if message[0] == "stop":
                return
            reply = _answer(message, rules_by_token)
        try:
            send(replies, reply)
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - an error that cannot be pickled is sent as text
            send(replies, ("error", RuntimeError(f"{type(reply[1]).__name__}: {reply[1]} ({exc})")))


def _answer(message, rules_by_token: dict):
    kind = message[0]
    if kind == "path":  # where the window's process finds its modules (a policy's class may live there)
        sys.path[:0] = [p for p in message[1] if p not in sys.path]
        return ("ok",)
    if kind == "rules":
        _, token, rules = message
        rules_by_token.clear()  # one rule set at a time: the window plays one game
        rules_by_token[token] = rules
        return ("ok",)
    if kind == "move":
        _, token, policy, game_view, legal = message
        if token not in rules_by_token:
            return ("unreadable", "no rules for this move")
        try:
            return ("ok", policy.choose(rules_by_token[token], game_view, legal), policy)
        except Exception as exc:  # noqa: BLE001 - handed to the window's process
            exc.add_note("raised in the computer's process:\n" + traceback.format_exc())
            return ("error", exc)
    return ("unreadable", f"unknown request {kind!r}")


# --- the window's side ------------------------------------------------------
class MoveWorker:
    """One worker process, shared by the games of a program, used for one move at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one move (or start) at a time
        self._process: subprocess.Popen | None = None
        self._rules = None  # the rule set the process holds (kept alive so its token stays its own)
        self._serving = None  # the job whose move the process is working out now
        self.broken: str | None = None  # why a process could not be started (then threads are used)
        self.starts = 0

    @property
    def alive(self) -> bool:
        process = self._process
        return process is not None and process.poll() is None

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None else None

    def warm(self, rules) -> None:
        """Start the process and send it the rules now, so the first move does not wait for them."""
        try:
            with self._lock:
                self._ready(rules)
        except Unavailable as exc:
            log.info("computer worker not started ahead: %s", exc)

    def move(self, job, policy, rules, game_view, legal):
        """(move, policy after it) worked out in the process.

        Raises ``Stopped`` when ``abort`` stopped it and ``Unavailable`` when
        the process cannot do it (the caller then works it out itself).
        """
        while not self._lock.acquire(timeout=0.05):  # another move, or the process starting ahead
            if job.cancelled:
                raise Stopped
        try:
            if job.cancelled:
                raise Stopped
            self._ready(rules)
            self._serving = job
            try:
                if job.cancelled:  # cancelled before it was ours to abort
                    raise Stopped
                try:
                    reply = self._ask(("move", id(rules), policy, game_view, legal))
                except Unavailable:
                    if job.cancelled:
                        raise Stopped from None
                    raise
            finally:
                self._serving = None
        finally:
            self._lock.release()
        if reply[0] == "error":
            raise reply[1]
        return reply[1], reply[2]

    def abort(self, job) -> bool:
        """Stop ``job``'s move if the process is working on it (kills the process); True if it was."""
        process = self._process
        if self._serving is not job or process is None:
            return False
        return _kill(process)

    def shutdown(self, timeout: float = 1.0) -> None:
        """Tell the process to stop (killed if it does not within ``timeout``)."""
        process = self._process
        if process is None:
            return
        if self._serving is not None:
            _kill(process)
        elif self._lock.acquire(timeout=timeout):
            try:
                send(process.stdin, ("stop",))
            except (OSError, ValueError):
                pass
            finally:
                self._lock.release()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            process.wait(timeout)
        self._forget(process)

    # --- inside ---------------------------------------------------------------
    def _ready(self, rules) -> None:
        """A running process holding ``rules`` (the lock is held)."""
        if self.broken is not None:
            raise Unavailable(self.broken)
        if not self.alive:
            self._start()
        if self._rules is not rules:
            self._rules = None
            self._ask(("rules", id(rules), rules))
            self._rules = rules

    def _ask(self, message):
        """The process's reply to ``message`` (the lock is held); ``Unavailable`` if there is none."""
        process = self._process
        try:
            send(process.stdin, message)
        except (EOFError, OSError) as exc:
            self._lost()
            raise Unavailable(f"the worker process stopped ({exc})") from None
        except Exception as exc:  # noqa: BLE001 - cannot be pickled: nothing was sent, the process goes on
            raise Unavailable(f"cannot be sent to the worker process: {exc}") from exc
        try:
            reply = receive(process.stdout)
        except (EOFError, OSError) as exc:
            self._lost()
            raise Unavailable(f"the worker process stopped ({exc})") from None
        except Exception as exc:  # noqa: BLE001 - a reply this process cannot read: start afresh next time
            self._lost()
            raise Unavailable(f"the worker's reply cannot be read: {exc}") from exc
        if reply[0] == "unreadable":
            raise Unavailable(f"the worker process cannot read the request: {reply[1]}")
        return reply

    def _start(self) -> None:
        self._forget(self._process)
        started = time.perf_counter()
        try:
            if getattr(sys, "frozen", False):
                raise OSError("a frozen program has no interpreter to start")
            process = subprocess.Popen(
                [sys.executable, "-m", "eurasia_game.session.workproc"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=_child_env(),
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except (OSError, ValueError) as exc:
            self.broken = f"the worker process could not start: {exc}"
            log.warning("%s; the computer thinks in a thread instead", self.broken)
            raise Unavailable(self.broken) from exc
        self._process = process
        watchdog = threading.Timer(START_TIMEOUT, _kill, args=(process,))  # never wait for ever on a stuck start
        watchdog.daemon = True
        watchdog.start()
        try:
            ready = receive(process.stdout) == ("ready",)
            send(process.stdin, ("path", list(sys.path)))
            ready = ready and receive(process.stdout) == ("ok",)
        except (EOFError, OSError):
            ready = False
        finally:
            watchdog.cancel()
        if not ready:
            _kill(process)
            self.broken = f"the worker process did not get ready (exit code {process.wait()})"
            log.warning("%s; the computer thinks in a thread instead", self.broken)
            self._forget(process)
            raise Unavailable(self.broken)
        self.starts += 1
        log.info("computer worker process %s ready in %.0f ms", process.pid, (time.perf_counter() - started) * 1000)
        _stop_at_exit(self)

    def _lost(self) -> None:
        """The process ended (killed by ``abort``, or crashed): the next move starts another."""
        process = self._process
        if process is not None:
            _kill(process)
            process.wait()
        self._forget(process)

    def _forget(self, process) -> None:
        if process is not None:
            for stream in (process.stdin, process.stdout):
                try:
                    stream.close()
                except (OSError, ValueError):
                    pass
        if self._process is process:
            self._process = None
            self._rules = None


def _kill(process) -> bool:
    try:
        process.kill()
    except OSError:
        return False
    return True


def _child_env() -> dict:
    """The worker's environment: this one, with this package's folder on its path
    where the interpreter would not find it by itself (a checkout run from source)."""
    import site

    import eurasia_game

    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.abspath(eurasia_game.__file__)))
    installed = {os.path.abspath(p) for p in [*site.getsitepackages(), site.getusersitepackages()]}
    if root not in installed:
        env["PYTHONPATH"] = os.pathsep.join([root, *[p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]])
    return env


_WORKER: MoveWorker | None = None
_AT_EXIT: set[int] = set()


def shared() -> MoveWorker:
    """The program's one worker (created on first use; its process starts on first move)."""
    global _WORKER
    if _WORKER is None:
        _WORKER = MoveWorker()
    return _WORKER


def shutdown() -> None:
    """Stop the program's worker process, if one runs (the window calls this as it closes)."""
    if _WORKER is not None:
        _WORKER.shutdown()


def _stop_at_exit(worker: MoveWorker) -> None:
    if id(worker) not in _AT_EXIT:
        _AT_EXIT.add(id(worker))
        atexit.register(worker.shutdown)


if __name__ == "__main__":
    main()
