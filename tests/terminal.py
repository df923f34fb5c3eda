"""Drive the installed bmc-tui in a pseudo-terminal, as a user's terminal would.

A pyte screen answers for the terminal, so a test reads what is on show; every byte the
program wrote is kept as well (``raw``), so a test can look for sequences that must never
reach a terminal. Every wait has a limit: a hung program fails the test, never the suite.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pexpect
import pyte

# Keys as a terminal sends them.
KEYS = {
    "enter": "\r",
    "tab": "\t",
    "escape": "\x1b",
    "backspace": "\x7f",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "ctrl+n": "\x0e",
    "ctrl+p": "\x10",
    "ctrl+o": "\x0f",
    "ctrl+q": "\x11",
    "ctrl+s": "\x13",
    "ctrl+g": "\x07",
    "f1": "\x1bOP",
}


# Synchronized output (mode 2026): the program asks, the terminal says it is supported.
SYNC_QUERY, SYNC_SUPPORTED = b"\x1b[?2026$p", "\x1b[?2026;2$y"
SYNC_START, SYNC_END = b"\x1b[?2026h", b"\x1b[?2026l"


def program() -> list[str]:
    """The installed command, as a user runs it (the module if no script is on PATH)."""
    script = shutil.which("bmc-tui", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    return [script] if script else [sys.executable, "-m", "bmc_tui"]


class TerminalSession:
    def __init__(
        self,
        args: Sequence[str],
        *,
        cwd: Path | str | None = None,
        size: tuple[int, int] = (80, 24),
        env: dict[str, str] | None = None,
        synchronized_output: bool = False,
    ) -> None:
        """``synchronized_output``: say yes when asked (mode 2026), as most terminals do;
        each frame the program draws then comes between SYNC_START and SYNC_END."""
        columns, rows = size
        self.size = size
        self._answer_sync = synchronized_output
        self._sync_answered = False
        command, *rest = [*program(), *args]
        environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
        environment.pop("NO_COLOR", None)
        environment.update(env or {})
        self.raw = bytearray()
        self.hung_up = False
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(
            command, rest, cwd=str(cwd) if cwd else None, env=environment,
            dimensions=(rows, columns), timeout=None,
        )

    # reading

    def pump(self, seconds: float = 0.2) -> None:
        """Read what the program writes for ``seconds``."""
        deadline = time.monotonic() + seconds
        if self.hung_up:  # nothing left to read from
            time.sleep(seconds)
            return
        while (left := deadline - time.monotonic()) > 0:
            try:
                data = self.child.read_nonblocking(65536, timeout=min(left, 0.05))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return
            self.raw += data
            self._stream.feed(data)
            # Looked for in all read so far: a busy machine splits the query over two reads.
            if self._answer_sync and not self._sync_answered and SYNC_QUERY in self.raw:
                self._sync_answered = True
                self.child.send(SYNC_SUPPORTED)

    @property
    def display(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, text: str, timeout: float = 20) -> None:
        """Read until ``text`` is on screen; fails the test with the screen if it never comes."""
        deadline = time.monotonic() + timeout
        while text not in self.display:
            if time.monotonic() > deadline or not self.child.isalive() and not self._readable():
                raise AssertionError(f"{text!r} never showed; the screen:\n{self.display}")
            self.pump(0.1)

    def wait_quiet(self, quiet: float = 0.3, timeout: float = 10) -> None:
        """Read until the program has written nothing for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = len(self.raw)
            self.pump(quiet)
            if len(self.raw) == before:
                return

    def frames(self, since: int = 0) -> list[bytes]:
        """The frames drawn from byte ``since`` of ``raw`` on (with ``synchronized_output``)."""
        return [part.split(SYNC_END)[0] for part in bytes(self.raw[since:]).split(SYNC_START)[1:]]

    def screen_after(self, upto: int) -> str:
        """What the terminal showed once it had read the first ``upto`` bytes."""
        screen = pyte.Screen(*self.size)
        pyte.ByteStream(screen).feed(bytes(self.raw[:upto]))
        return "\n".join(line.rstrip() for line in screen.display)

    def _readable(self) -> bool:
        before = len(self.raw)
        self.pump(0.05)
        return len(self.raw) != before

    # typing

    def send(self, *keys: str, delay: float = 0.0) -> None:
        """Send keys (names from KEYS, or literal text); ``delay`` between them, 0 for a burst."""
        for key in keys:
            self.child.send(KEYS.get(key, key))
            if delay:
                self.pump(delay)

    def type(self, text: str, per_key: float = 0.03) -> None:
        """Type ``text`` at a human pace."""
        for character in text:
            self.send(character, delay=per_key)

    # ending

    def kill(self, signum: int) -> None:
        os.kill(self.child.pid, signum)

    def hang_up(self) -> None:
        """Close the terminal's side, as a dropped SSH link does: the kernel sends SIGHUP."""
        self.child.ptyproc.fileobj.close()
        self.hung_up = True

    def wait_exit(self, timeout: float = 20, *, read: bool = True) -> int:
        """The exit status as a shell reports it: the code, or 128 + the signal that killed it.

        ``read=False`` leaves the output unread, as a stalled link does."""
        deadline = time.monotonic() + timeout
        while self.child.isalive():
            if time.monotonic() > deadline:
                self.child.kill(signal.SIGKILL)
                raise AssertionError(f"the program did not exit; the screen:\n{self.display}")
            if read:
                self.pump(0.1)
            else:
                time.sleep(0.1)
        self.pump(0.1)
        self.child.close()
        if self.child.signalstatus is not None:
            return 128 + self.child.signalstatus
        return self.child.exitstatus

    def close(self) -> None:
        if self.child.isalive():
            self.child.kill(signal.SIGKILL)
            self.child.close(force=True)

    def __enter__(self) -> TerminalSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
