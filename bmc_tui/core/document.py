"""A canvas bound to its file: saving, the lock, changes made on disk, unsent drafts.

Kept apart from the screens so every front end (the full-screen app, the line mode, the
workshop server) keeps the same promises: one writer at a time, nothing on disk
overwritten without asking, nothing typed lost.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from . import lock
from .canvas import STEP_IDS, Canvas
from .storage import (
    SaveError,
    dump_canvas,
    parse_canvas,
    read_canvas_bytes,
    remove_stale_temporaries,
    write_atomically,
)


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

    digest: str | None  # sha256 of the bytes; None: there was no file
    stat_key: tuple[int, int, int] | None = None  # (inode, size, mtime_ns)

    @classmethod
    def of(cls, data: bytes | None, path: Path) -> _DiskState:
        if data is None:
            return cls(None)
        return cls(_digest(data), _stat_key(path))


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
        self._disk = _DiskState.of(raw, self.path)
        self._saved_text = dump_canvas(canvas) if raw is not None else ""
        self._saved_answers = _answers(canvas) if raw is not None else _answers(Canvas())
        self._saved_drafts: dict[str, str] = {}
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
        if self._me is not None:
            lock.release(self.path, self._me)
            self._me = None

    # what needs saving

    def has_unsaved_changes(self) -> bool:
        """Answers or drafts not on disk yet (the step to reopen at is not an answer)."""
        return _answers(self.canvas) != self._saved_answers or self.drafts != self._saved_drafts

    def changed(self, *, typing: bool = False) -> None:
        """The canvas changed (see edits.py): save now, or let the front end choose when."""
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
        text = dump_canvas(self.canvas)
        # A new file is written with the first answer, not for the step it opened at.
        canvas_changed = text != self._saved_text and (
            self.exists or _answers(self.canvas) != self._saved_answers
        )
        if not canvas_changed and self.drafts == self._saved_drafts:
            return False
        if self.read_only:
            raise ReadOnlyError(self.read_only)
        if canvas_changed:
            self._check_disk()
            self._write(self.path, text)
        self._write_drafts()
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

    def _write(self, path: Path, text: str) -> None:
        data = text.encode("utf-8")
        write_atomically(path, data)
        self._disk = _DiskState.of(data, path)
        self._saved_text = text
        self._saved_answers = _answers(self.canvas)

    def keep_mine(self) -> Path:
        """After ChangedOnDisk: keep the other version under a new name, then write ours.
        Returns where the other version is now."""
        kept = _sibling(self.path, "theirs")
        try:
            theirs = self.path.read_bytes()
        except FileNotFoundError:
            theirs = b""
        _write_new(kept, theirs)
        self._write(self.path, dump_canvas(self.canvas))
        self._write_drafts()
        return kept

    def reload_theirs(self) -> Path:
        """After ChangedOnDisk: keep ours under a new name, then load the file as it is now.
        Returns where our version is. Raises CanvasError if the file cannot be read now."""
        raw = read_canvas_bytes(self.path)
        theirs = parse_canvas(raw, self.path)
        kept = _sibling(self.path, "mine")
        _write_new(kept, dump_canvas(self.canvas).encode("utf-8"))
        self.canvas = theirs
        self._disk = _DiskState.of(raw, self.path)
        self._saved_text = dump_canvas(theirs)
        self._saved_answers = _answers(theirs)
        return kept

    def keep_aside(self) -> Path | None:
        """When the file cannot take our answers and nobody is there to ask (a hang-up):
        write them beside it under a new name, leaving the file alone. None if nothing needed it."""
        if _answers(self.canvas) == self._saved_answers:
            return None
        kept = _sibling(self.path, "mine")
        _write_new(kept, dump_canvas(self.canvas).encode("utf-8"))
        self._saved_answers = _answers(self.canvas)
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
        try:
            other._write(path, dump_canvas(self.canvas))
        except BaseException:
            other.release()
            raise
        self.release()
        self.path, self._me, self._disk = path, other._me, other._disk
        self._saved_text, self._saved_answers = other._saved_text, other._saved_answers
        self.read_only, self.lock_holder = "", None
        self._write_drafts()

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

    def _write_drafts(self) -> None:
        if self.drafts == self._saved_drafts or self.read_only:
            return
        if self.drafts:
            write_atomically(self.drafts_path, json.dumps(self.drafts, ensure_ascii=False).encode())
        else:
            self.drafts_path.unlink(missing_ok=True)
        self._saved_drafts = dict(self.drafts)


def _answers(canvas: Canvas) -> str:
    """The canvas as text without the step to reopen at: what "unsaved answers" compares."""
    return dump_canvas(replace(canvas, resume_at=""))


def describe_error(error: BaseException) -> str:
    """A short reason for a failed save, for people ('No space left on device'); every
    front end says it the same way."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
