"""A canvas bound to its file: saving, the lock, changes made on disk, unsent drafts.

Kept apart from the screens so every front end (the full-screen app, the line mode, the
workshop server) keeps the same promises: one writer at a time, nothing on disk
overwritten without asking, nothing typed lost.
"""

from __future__ import annotations

import itertools
import json
import os
import stat
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import lock
from .canvas import STEP_IDS, Canvas
from .storage import (
    SaveError,
    canvas_to_dict,
    dump_canvas,
    dump_dict,
    parse_canvas,
    read_canvas_bytes,
    remove_stale_temporaries,
    write_atomically,
)

if TYPE_CHECKING:
    from .fit import FitReport


class ChangedOnDisk(Exception):
    """The file is not what this session last read or wrote: someone else changed it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} changed on disk since it was opened")
        self.path = path


class ReadOnlyError(SaveError):
    """Saving is refused: the document was opened read-only."""


@dataclass(frozen=True)
class _DiskState:
    """What the file held when we last read or wrote it; cheap stat first, then the bytes."""

    digest: str | None  # see _digest; None: there was no file
    stat_key: tuple[int, int, int] | None = None  # (inode, size, mtime_ns)

    @classmethod
    def of(cls, data: bytes | None, path: Path) -> _DiskState:
        if data is None:
            return cls(None)
        return cls(_digest(data), _stat_key(path))


@dataclass(frozen=True)
class Snapshot:
    """The canvas and drafts as they were at one moment, taken on the thread that changes
    them (cheap: plain dicts); any thread may then write it. Numbered in the order taken."""

    number: int
    data: dict[str, Any]  # canvas_to_dict
    drafts: dict[str, str]


class CanvasDocument:
    def __init__(self, path: Path | str, canvas: Canvas, *, raw: bytes | None) -> None:
        self.path = Path(path)
        self.canvas = canvas
        self.read_only = ""  # why saving is refused ("" when it is not)
        self.lock_holder: lock.LockInfo | None = None  # another session holding the file
        self.drafts: dict[str, str] = {}
        self._me: lock.LockInfo | None = None  # set while we hold the lock
        # Told of each change (True while typing); without one, each change is saved at once.
        self.on_change: Callable[[bool], None] | None = None
        # Counts the changes (and reloads): a screen compares it to know whether it shows
        # the canvas as it is.
        self.version = 0
        self._fit: tuple[Canvas, int, FitReport] | None = None  # see fit_report
        self._disk = _DiskState.of(raw, self.path)
        # What is on disk, compared as dicts: dumping a large canvas to text twice per
        # save cost more than the write.
        data = canvas_to_dict(canvas)
        self._saved_data: dict[str, Any] | None = data if raw is not None else None
        self._saved_answers = _answers(data if raw is not None else canvas_to_dict(Canvas()))
        self._saved_drafts: dict[str, str] = {}
        self.size = len(raw or b"")  # bytes of the file as last read or written
        self._numbers = itertools.count(1)
        self._written = 0  # the number of the newest snapshot on disk
        self._last_snapshot: Snapshot | None = None
        self._last_state: tuple[int, int, str] | None = None
        # One write at a time, whichever thread: a background writer, the loop at exit,
        # the signal watchdog.
        self._writing = threading.RLock()
        if raw is not None and not _writable(self.path):
            self.read_only = "the file is read-only"

    @property
    def exists(self) -> bool:
        return self._disk.digest is not None

    @classmethod
    def open(cls, path: Path | str) -> CanvasDocument:
        """Load the file, or start a new canvas if there is none yet (written on first change).

        Raises CanvasError for a file that is there but cannot be used. Call ``take_lock``
        before the first change.
        """
        path = Path(path)
        try:
            raw = read_canvas_bytes(path)
        except FileNotFoundError:
            return cls(path, Canvas(), raw=None)
        return cls(path, parse_canvas(raw, path), raw=raw)

    # one writer at a time

    def take_lock(self) -> lock.LockInfo | None:
        """Hold the file for this session. Returns the other live session holding it, if any
        (then nothing is held; open read-only or quit). Removes stale temporary files of ours."""
        if self._me is not None:
            return None
        me = lock.this_session()
        try:
            holder = lock.acquire(self.path, me)
        except OSError as error:
            self.read_only = f"cannot write in {self.path.parent} ({error.strerror or error})"
            return None
        if holder is not None:
            self.lock_holder = holder
            return holder
        self._me = me
        self.lock_holder = None
        self.drafts = self._read_drafts()
        self._saved_drafts = dict(self.drafts)
        remove_stale_temporaries(self.path)
        return None

    def open_read_only(self, reason: str) -> None:
        self.read_only = reason

    def release(self) -> None:
        """Let the file go (the app is done with it); safe to call more than once."""
        with self._writing:  # never while a write is under way
            if self._me is not None:
                lock.release(self.path, self._me)
                self._me = None

    def fit_report(self) -> FitReport:
        """The fit check of the canvas as it is now, made again only after a change: the
        fit step, the outline and the end summary share it (at 100 segments it takes
        about 60 ms)."""
        from .fit import check_fit  # the fit rules load only when first asked for

        if self._fit is None or self._fit[0] is not self.canvas or self._fit[1] != self.version:
            self._fit = (self.canvas, self.version, check_fit(self.canvas))
        return self._fit[2]

    # what needs saving

    def has_unsaved_changes(self) -> bool:
        """Answers or drafts not on disk yet (the step to reopen at is not an answer)."""
        return _answers(canvas_to_dict(self.canvas)) != self._saved_answers or self.drafts != self._saved_drafts

    def changed(self, *, typing: bool = False) -> None:
        """The canvas changed (see edits.py): save now, or let the front end choose when."""
        self.version += 1
        if self.on_change is not None:
            self.on_change(typing)
        else:
            self.save()

    def set_draft(self, place: str, text: str) -> None:
        """Words typed on a list's entry line, not yet added: kept until added or cleared."""
        if text:
            self.drafts[place] = text
        else:
            self.drafts.pop(place, None)

    # saving

    def save(self) -> bool:
        """Write what changed; True if anything was written.

        Raises ReadOnlyError, ChangedOnDisk (nothing written: ask the user, then
        ``keep_mine`` or ``reload_theirs``) or OSError. The canvas in memory is kept either way.
        """
        return self.write(self.snapshot())

    def snapshot(self, *, reuse: bool = False) -> Snapshot:
        """What ``write`` saves: take it where the canvas is changed (the event loop).

        ``reuse``: if no change was reported (``changed``) since the last snapshot, reuse its
        canvas, so that saving drafts alone costs nothing on a large canvas. Only for a front
        end whose every change goes through Edits."""
        state = (id(self.canvas), self.version, self.canvas.resume_at)
        if reuse and self._last_snapshot is not None and state == self._last_state:
            data = self._last_snapshot.data
        else:
            data = canvas_to_dict(self.canvas)
        self._last_snapshot = Snapshot(next(self._numbers), data, dict(self.drafts))
        self._last_state = state
        return self._last_snapshot

    def write(self, snapshot: Snapshot) -> bool:
        """``save`` for a snapshot, from any thread, one at a time; a snapshot older than
        what is on disk is skipped (False), so writes land in the order they were taken."""
        with self._writing:
            if snapshot.number < self._written:
                return False
            data = snapshot.data
            # A new file is written with the first answer, not for the step it opened at.
            canvas_changed = data != self._saved_data and (
                self.exists or _answers(data) != self._saved_answers
            )
            if not canvas_changed and snapshot.drafts == self._saved_drafts:
                return False
            if self.read_only:
                raise ReadOnlyError(self.read_only)
            if canvas_changed:
                text = dump_dict(data)
                self._check_disk()
                self._write(self.path, text, data)
            self._write_drafts(snapshot.drafts)
            self._written = snapshot.number
            return True

    def _check_disk(self) -> None:
        if self._disk_changed():
            raise ChangedOnDisk(self.path)

    def _disk_changed(self) -> bool:
        try:
            key = _stat_key(self.path)
        except FileNotFoundError:
            return False  # gone: writing it again loses nothing of anyone's
        if key == self._disk.stat_key:
            return False
        try:
            data = read_canvas_bytes(self.path)
        except FileNotFoundError:
            return False
        except Exception:
            return True  # something unreadable stands there now: never overwrite it unasked
        return _digest(data) != self._disk.digest

    def _write(self, path: Path, text: str, data: dict[str, Any]) -> None:
        raw = text.encode("utf-8")
        write_atomically(path, raw)
        self._disk = _DiskState.of(raw, path)
        self.size = len(raw)
        self._saved_data = data
        self._saved_answers = _answers(data)

    def _write_snapshot_now(self) -> None:
        """Write the canvas as it is now, whatever is on disk; older snapshots are then skipped."""
        snapshot = self.snapshot()
        self._write(self.path, dump_dict(snapshot.data), snapshot.data)
        self._write_drafts(snapshot.drafts)
        self._written = snapshot.number

    def keep_mine(self) -> Path:
        """After ChangedOnDisk: keep the other version under a new name, then write ours.
        Returns where the other version is now."""
        with self._writing:
            kept = _sibling(self.path, "theirs")
            try:
                theirs = self.path.read_bytes()
            except FileNotFoundError:
                theirs = b""
            _write_new(kept, theirs)
            self._write_snapshot_now()
            return kept

    def reload_theirs(self) -> Path:
        """After ChangedOnDisk: keep ours under a new name, then load the file as it is now.
        Returns where our version is. Raises CanvasError if the file cannot be read now."""
        with self._writing:
            raw = read_canvas_bytes(self.path)
            theirs = parse_canvas(raw, self.path)
            kept = _sibling(self.path, "mine")
            _write_new(kept, dump_canvas(self.canvas).encode("utf-8"))
            self.canvas = theirs
            self.version += 1
            self._disk = _DiskState.of(raw, self.path)
            self.size = len(raw)
            self._saved_data = canvas_to_dict(theirs)
            self._saved_answers = _answers(self._saved_data)
            self._written = next(self._numbers)  # a snapshot of ours still waiting must not land
            return kept

    def keep_aside(self) -> Path | None:
        """When the file cannot take our answers and nobody is there to ask (a hang-up):
        write them beside it under a new name, leaving the file alone. None if nothing needed it."""
        with self._writing:
            data = canvas_to_dict(self.canvas)
            if _answers(data) == self._saved_answers:
                return None
            kept = _sibling(self.path, "mine")
            _write_new(kept, dump_dict(data).encode("utf-8"))
            self._saved_answers = _answers(data)
            return kept

    def save_as(self, path: Path | str) -> None:
        """Write the canvas to another file and carry on there (e.g. after a read-only open).

        Refuses an existing file and one another session holds. Raises OSError.
        """
        path = Path(path).expanduser()
        if path.exists():
            raise FileExistsError(f"{path} already exists")
        other = CanvasDocument(path, self.canvas, raw=None)
        holder = other.take_lock()
        if holder is not None:
            raise SaveError(f"{path} is open in another session: {holder.describe()}")
        if other.read_only:
            raise SaveError(other.read_only)
        with self._writing:
            try:
                other._write_snapshot_now()
            except BaseException:
                other.release()
                raise
            self.release()
            self.path, self._me, self._disk, self.size = path, other._me, other._disk, other.size
            self._saved_data, self._saved_answers = other._saved_data, other._saved_answers
            self.read_only, self.lock_holder = "", None
            self._written = next(self._numbers)
            self._write_drafts(dict(self.drafts))

    # the step to reopen at

    def resume_step(self, step_ids: tuple[str, ...]) -> str:
        """The step to open at: the saved one if this flow has it, else the first."""
        if self.canvas.resume_at in step_ids:
            return self.canvas.resume_at
        return step_ids[0]

    def set_resume_at(self, step_id: str) -> bool:
        """Record the step to reopen at; True when that changed the canvas."""
        if step_id not in STEP_IDS or self.canvas.resume_at == step_id:
            return False
        self.canvas.resume_at = step_id
        return True

    # drafts live beside the canvas, not in it: they are this user's unfinished typing

    @property
    def drafts_path(self) -> Path:
        target = Path(os.path.realpath(self.path))
        return target.with_name(f".{target.name}.drafts")

    def _read_drafts(self) -> dict[str, str]:
        try:
            data = json.loads(self.drafts_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, str) and v}

    def _write_drafts(self, drafts: dict[str, str]) -> None:
        if drafts == self._saved_drafts or self.read_only:
            return
        if drafts:
            write_atomically(self.drafts_path, json.dumps(drafts, ensure_ascii=False).encode())
        else:
            self.drafts_path.unlink(missing_ok=True)
        self._saved_drafts = drafts


class BackgroundWriter:
    """Writes a document's snapshots on one thread of its own, in order, so that a large
    canvas never holds up the keys: only the newest snapshot waiting is written (it holds
    every older change). ``done`` is called on the writer's thread after each write with
    the error it raised, or None."""

    def __init__(
        self, document: CanvasDocument, done: Callable[[BaseException | None], None], *, settle: float = 0.1,
    ) -> None:
        self.document = document
        self.done = done
        self.settle = settle
        self._waiting: Snapshot | None = None
        self._busy = False
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    @property
    def idle(self) -> bool:
        """Nothing waiting and nothing being written."""
        with self._wake:
            return self._waiting is None and not self._busy

    def submit(self, snapshot: Snapshot) -> None:
        with self._wake:
            self._waiting = snapshot
            self._wake.notify()
        if self._thread is None:
            # A daemon: an exit writes what is left itself (``CanvasDocument.save``).
            self._thread = threading.Thread(target=self._run, name="canvas-writer", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._waiting is None:
                    self._wake.wait()
            # Writing a large canvas holds the interpreter for a while: the change it saves
            # is drawn first, and changes made meanwhile are written together.
            time.sleep(self.settle)
            with self._wake:
                snapshot, self._waiting, self._busy = self._waiting, None, True
            error: BaseException | None = None
            try:
                self.document.write(snapshot)
            except Exception as failure:  # told to the front end, which says it and retries
                error = failure
            with self._wake:
                self._busy = False
            self.done(error)


def _answers(data: dict[str, Any]) -> dict[str, Any]:
    """canvas_to_dict without the step to reopen at: what "unsaved answers" compares."""
    return {key: value for key, value in data.items() if key != "resume_at"}


def describe_error(error: BaseException) -> str:
    """A short reason for a failed save, for people ('No space left on device'); every
    front end says it the same way."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _digest(data: bytes) -> str:
    """The bytes in brief, to tell whether the file changed once its stat did: another
    program's change of the same length and CRC-32 goes unseen once in four billion. A
    check against accidents, not attacks, so no hashlib: it loads OpenSSL, 0.8 MiB of
    memory for the session."""
    return f"{zlib.crc32(data):08x}-{len(data)}"


def _stat_key(path: Path) -> tuple[int, int, int]:
    info = path.stat()
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _writable(path: Path) -> bool:
    # Root may write anything: a file with no write bit at all is read-only for us too.
    try:
        mode = path.stat().st_mode
    except OSError:
        return True
    return os.access(path, os.W_OK) and bool(stat.S_IMODE(mode) & 0o222)


def _sibling(path: Path, tag: str) -> Path:
    """'canvas.theirs-20261129-100200.toml', numbered if that exists too."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    stem, suffix = path.stem, path.suffix or ".toml"
    candidate = path.with_name(f"{stem}.{tag}-{stamp}{suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}.{tag}-{stamp}-{number}{suffix}")
        number += 1
    return candidate


def _write_new(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
