"""SIGHUP (a dropped SSH link), SIGTERM and SIGINT end the app in order: save, restore the
terminal, exit 128+signal. By default they would kill it before a pending save and leave the
terminal in the alternate screen with mouse tracking on.

Python-level handlers, not asyncio's ``add_signal_handler``: when a stalled link stops the
terminal reading, Textual's writes block the event loop (and the main thread with it), so
nothing that waits for either would run. A watchdog thread hears every signal through
``signal.set_wakeup_fd`` whichever thread took it; if the orderly exit has not ended the
process a few seconds later, it saves (unless the loop already has) and ends it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from typing import Protocol

EXIT_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)

# How long the orderly exit may take before the watchdog ends the process itself.
HARD_EXIT_AFTER = 3.0


class Savable(Protocol):
    def save(self) -> object: ...

    def release(self) -> None: ...


class SignalledApp(Protocol):
    document: Savable

    def exit_on_signal(self, signum: int) -> None: ...


def exit_code(signum: int) -> int:
    """The status a shell reports for a program ended by ``signum``."""
    return 128 + signum


def install(app: SignalledApp) -> threading.Thread:
    """Route the exit signals to ``app.exit_on_signal``; call from the app's loop (main thread).

    Returns the watchdog, for the caller to start: starting a thread waits for it to run,
    which at start-up would hold up the first paint. Signals that come before it starts
    wait in the socket for it."""
    ending = Ending(app, asyncio.get_running_loop())
    for signum in EXIT_SIGNALS:
        signal.signal(signum, ending.on_signal)
    reader, writer = socket.socketpair()
    writer.setblocking(False)  # the signal handler must never wait
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    return threading.Thread(target=ending.watch, args=(reader, writer), name="exit-signals", daemon=True)


class Ending:
    """One signalled exit: the orderly one in the loop, the watchdog's if the loop is stuck."""

    def __init__(self, app: SignalledApp, loop: asyncio.AbstractEventLoop) -> None:
        self.app = app
        self.loop = loop
        self.saved = False
        self.saving = threading.Lock()  # the loop and the watchdog never save at once

    def on_signal(self, signum: int, _frame: object) -> None:
        """In the main thread, when it is free to run Python."""
        try:
            self.loop.call_soon_threadsafe(self.in_loop, signum)
        except RuntimeError:  # the loop is closed: the app is gone, the signal does what it always did
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    def in_loop(self, signum: int) -> None:
        with self.saving:
            if self.saved:
                return
            self.saved = True
            self.app.exit_on_signal(signum)

    def watch(self, reader: socket.socket, _writer: socket.socket) -> None:
        """In its own thread: wait for an exit signal, give the orderly exit its time, then end."""
        exit_numbers = {int(signum) for signum in EXIT_SIGNALS}
        while not (heard := [number for number in reader.recv(64) if number in exit_numbers]):
            pass  # other signals (a resize) wake it too
        time.sleep(HARD_EXIT_AFTER)
        self.end_hard(exit_code(heard[0]))

    def end_hard(self, code: int) -> None:
        # The loop is stuck (or very slow): save from here unless it already has, let the
        # file's lock go (os._exit skips the app's unmount), then end.
        document = self.app.document
        if self.saving.acquire(timeout=HARD_EXIT_AFTER):
            if not self.saved:
                self.saved = True
                quietly(document.save)
        quietly(document.release)
        os._exit(code)


def quietly(step: Callable[[], object]) -> None:
    try:
        step()
    except Exception:  # the terminal is gone: nowhere left to say it; the exit status tells
        pass
