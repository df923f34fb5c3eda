"""One writer per canvas: a lock file beside it naming the session that holds it.

The lock is advisory and made for people: a second session is told who holds the file
(user, host, process id, since when) instead of silently overwriting their answers.
A lock left by a process that is gone (on this host) is stale and taken over.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    started: str  # ISO time the session took the lock
    process_start: str = ""  # the kernel's start time of pid, so a reused pid is not mistaken

    def describe(self) -> str:
        """'ana on laptop, process 4242, since 2026-11-29 10:02'."""
        since = self.started.replace("T", " ")[:16]
        return f"{self.user} on {self.host}, process {self.pid}, since {since}"


def lock_path(canvas_path: Path) -> Path:
    """Where the lock of a canvas lives: beside the real file, so every link to it shares one lock."""
    target = Path(os.path.realpath(canvas_path))
    return target.with_name(f".{target.name}.lock")


def this_session() -> LockInfo:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return LockInfo(
        user=user,
        host=socket.gethostname(),
        pid=os.getpid(),
        started=datetime.now().astimezone().isoformat(timespec="seconds"),
        process_start=_process_start(os.getpid()),
    )


def acquire(canvas_path: Path, me: LockInfo) -> LockInfo | None:
    """Take the lock for ``me``; returns None when held now, or the live session that holds it.

    Raises OSError when the lock cannot be written at all (a folder we may not write in).
    """
    path = lock_path(canvas_path)
    for _ in range(3):  # a stale lock is removed, then taken; another session may race us
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = read(path)
            if holder is not None and is_alive(holder):
                return holder
            _remove_if_unchanged(path, holder)
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(asdict(me), stream)
        return None
    holder = read(path)
    return holder if holder is not None else me


def release(canvas_path: Path, me: LockInfo) -> None:
    """Remove the lock if it is still ours (never another session's)."""
    path = lock_path(canvas_path)
    if read(path) == me:
        path.unlink(missing_ok=True)


def read(path: Path) -> LockInfo | None:
    """The holder a lock file names; None when it is gone or unreadable (a half-written lock)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(
            user=str(data["user"]), host=str(data["host"]), pid=int(data["pid"]),
            started=str(data["started"]), process_start=str(data.get("process_start", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_alive(holder: LockInfo) -> bool:
    """Whether the session that wrote the lock may still be running.

    On another host we cannot tell, so its lock is respected.
    """
    if holder.host != socket.gethostname():
        return True
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's live process
    # A pid the kernel gave to a new process since is not the holder.
    return not holder.process_start or holder.process_start == _process_start(holder.pid)


def _remove_if_unchanged(path: Path, holder: LockInfo | None) -> None:
    # Only the stale lock we looked at: another session may have just taken a fresh one.
    if read(path) == holder:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def _process_start(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux); '' where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    fields = stat[stat.rfind(")") + 2:].split()
    return fields[19] if len(fields) > 19 else ""
