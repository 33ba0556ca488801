"""What the window does when something unexpected goes wrong.

The player never sees a traceback: the error, the seed and the actions go
to the log, the game is autosaved, a crash record ready for
``eurasia-game replay`` is written next to the log, and a dialog names the
log file and the autosave.  If the dialog itself fails, or a second error
comes while the first is being reported, the window closes with exit code 1.
Kept apart from the loop so the loop reads as the normal path and the
recovery path can be read whole.
"""

from __future__ import annotations

import logging
import traceback

from eurasia_game.ui import paths
from eurasia_game.ui import scenes as sc

log = logging.getLogger("eurasia_game.ui")


class CrashHandling:
    """Mixed into ``App``: ``crash(exc)``, called by ``App.step`` on any error."""

    def crash(self, exc: BaseException) -> None:
        from eurasia_game.ui.screens.dialog import ErrorScene

        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.error("unexpected error: %s", details)
        autosave = None
        if self.game is not None:
            try:
                log.error("seed=%s scenario=%s rules=%s; record to reproduce:\n%s", self.game.session.seed, self.game.session.scenario, self.rules.fingerprint, self.game.reproduction())
                self.game.autosave()
                autosave = self.game.autosave_path if self.game.autosave_error is None else None
            except Exception:  # noqa: BLE001
                log.error("could not save the game after the error: %s", traceback.format_exc())
            try:  # the record with the failing action, ready for 'eurasia-game replay'
                from eurasia_game.session.saves import write_record

                crash_file = paths.log_dir() / "crash-record.json"
                write_record(crash_file, self.game.crash_record())
                log.error("to reproduce: eurasia-game replay %s", crash_file)
            except Exception:  # noqa: BLE001
                log.error("could not write the crash record: %s", traceback.format_exc())
            self.game.pending = None
        if self._crashed:
            self.exit_code = 1
            self.running = False
            return
        self._crashed = True
        try:
            self.stack.clear()
            self.apply(sc.Push(ErrorScene(paths.log_file(), autosave)))
            self.draw()
        except Exception:  # noqa: BLE001
            log.error("the error dialog failed too: %s", traceback.format_exc())
            self.exit_code = 1
            self.running = False
        self._crashed = False
