"""The document's promises: one writer at a time, changes on disk never overwritten
unasked, read-only files left alone, drafts kept between sessions."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from bmc_tui.core import lock
from bmc_tui.core.document import CanvasDocument, ChangedOnDisk, ReadOnlyError

from .conftest import saved


def opened(path):
    document = CanvasDocument.open(path)
    assert document.take_lock() is None
    return document


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def write_lock(canvas, **fields) -> None:
    info = {"user": "ana", "host": socket.gethostname(), "pid": os.getpid(),
            "started": "2026-11-29T10:02:00+00:00"} | fields
    lock.lock_path(canvas).write_text(json.dumps(info))


# --- one writer at a time -----------------------------------------------------------


def test_the_lock_names_this_session_and_goes_on_release(example_path):
    document = opened(example_path)
    holder = lock.read(lock.lock_path(example_path))
    assert holder.pid == os.getpid() and holder.host == socket.gethostname()
    assert holder.user and holder.started
    document.release()
    assert not lock.lock_path(example_path).exists()


def test_a_second_session_is_told_who_holds_the_file(example_path):
    first = opened(example_path)
    second = CanvasDocument.open(example_path)
    holder = second.take_lock()
    assert holder is not None and holder.pid == os.getpid()
    assert f"process {os.getpid()}" in holder.describe()
    second.release()  # not the holder: must not remove the first session's lock
    assert lock.lock_path(example_path).exists()
    first.release()


def test_a_lock_of_a_process_that_is_gone_is_taken_over(example_path):
    write_lock(example_path, pid=dead_pid())
    document = CanvasDocument.open(example_path)
    assert document.take_lock() is None
    assert lock.read(lock.lock_path(example_path)).pid == os.getpid()


def test_a_reused_process_id_is_not_the_holder(example_path):
    # Our pid, but another process start time: the holder was a process now gone.
    write_lock(example_path, process_start="1")
    assert CanvasDocument.open(example_path).take_lock() is None


def test_a_lock_from_another_host_is_respected(example_path):
    write_lock(example_path, host="some-other-host", pid=dead_pid())
    holder = CanvasDocument.open(example_path).take_lock()
    assert holder is not None and holder.host == "some-other-host"


def test_links_to_one_file_share_one_lock(example_path):
    link = example_path.with_name("link.toml")
    link.symlink_to(example_path)
    opened(example_path)
    assert CanvasDocument.open(link).take_lock() is not None


def test_a_document_held_elsewhere_can_open_read_only(example_path):
    opened(example_path)
    before = example_path.read_bytes()
    second = CanvasDocument.open(example_path)
    second.take_lock()
    second.open_read_only("open in another session")
    second.canvas.add_segment("Students")
    with pytest.raises(ReadOnlyError):
        second.save()
    assert example_path.read_bytes() == before


# --- changes on disk --------------------------------------------------------------


def change_on_disk(path) -> bytes:
    theirs = path.read_bytes().replace(b"Station coffee cart", b"Their cart")
    path.write_bytes(theirs)
    os.utime(path, ns=(1, 1))  # a sync tool may even keep the old time
    return theirs


def test_a_change_on_disk_is_never_overwritten_unasked(example_path):
    document = opened(example_path)
    theirs = change_on_disk(example_path)
    document.canvas.add_segment("Students")
    with pytest.raises(ChangedOnDisk):
        document.save()
    assert example_path.read_bytes() == theirs


def test_keep_mine_keeps_theirs_under_a_new_name(example_path):
    document = opened(example_path)
    theirs = change_on_disk(example_path)
    document.canvas.add_segment("Students")
    kept = document.keep_mine()
    assert kept.parent == example_path.parent and kept.name.startswith("coffee-cart.theirs-")
    assert kept.read_bytes() == theirs
    assert saved(example_path)["segments"][-1]["name"] == "Students"
    document.canvas.title = "Mine again"
    assert document.save() is True  # what is on disk now is ours: no question


def test_take_theirs_keeps_mine_under_a_new_name(example_path):
    document = opened(example_path)
    change_on_disk(example_path)
    document.canvas.add_segment("Students")
    kept = document.reload_theirs()
    assert kept.name.startswith("coffee-cart.mine-")
    assert saved(kept)["segments"][-1]["name"] == "Students"
    assert document.canvas.title == "Their cart"
    assert not document.has_unsaved_changes()


def test_an_unchanged_file_touched_on_disk_is_not_a_conflict(example_path):
    document = opened(example_path)
    os.utime(example_path, ns=(5, 5))
    document.canvas.add_segment("Students")
    assert document.save() is True


def test_a_file_created_meanwhile_for_a_new_canvas_is_a_conflict(canvas_path):
    document = opened(canvas_path)
    canvas_path.write_text('format = 1\ntitle = "Theirs"\n')
    document.canvas.add_segment("Students")
    with pytest.raises(ChangedOnDisk):
        document.save()


# --- files that cannot be written -------------------------------------------------


def test_a_read_only_file_opens_read_only_and_stays_as_it_is(example_path):
    example_path.chmod(0o444)
    before = example_path.read_bytes()
    document = opened(example_path)
    assert document.read_only == "the file is read-only"
    document.canvas.add_segment("Students")
    with pytest.raises(ReadOnlyError):
        document.save()
    assert example_path.read_bytes() == before
    assert document.has_unsaved_changes()


def test_save_as_carries_on_in_the_new_file(example_path):
    example_path.chmod(0o444)
    document = opened(example_path)
    document.canvas.add_segment("Students")
    copy = example_path.with_name("copy.toml")
    document.save_as(copy)
    assert document.path == copy and not document.read_only
    assert saved(copy)["segments"][-1]["name"] == "Students"
    assert lock.read(lock.lock_path(copy)).pid == os.getpid()
    assert not lock.lock_path(example_path).exists()
    with pytest.raises(FileExistsError):
        document.save_as(example_path)


# --- drafts --------------------------------------------------------------------------


def test_drafts_are_kept_beside_the_file_until_added(example_path):
    document = opened(example_path)
    document.set_draft("commuters/jobs", "Get a seat")
    assert document.has_unsaved_changes()
    document.save()
    document.release()
    again = opened(example_path)
    assert again.drafts == {"commuters/jobs": "Get a seat"}
    again.set_draft("commuters/jobs", "")
    again.save()
    assert not again.drafts_path.exists()


def test_an_unreadable_drafts_file_is_ignored(example_path):
    document = CanvasDocument.open(example_path)
    document.drafts_path.write_text("{not json")
    assert document.take_lock() is None
    assert document.drafts == {}


def test_answers_the_file_cannot_take_are_kept_aside_when_nobody_can_be_asked(example_path):
    document = opened(example_path)
    theirs = change_on_disk(example_path)
    assert document.keep_aside() is None  # nothing of ours to keep
    document.canvas.add_segment("Students")
    kept = document.keep_aside()
    assert kept.name.startswith("coffee-cart.mine-")
    assert saved(kept)["segments"][-1]["name"] == "Students"
    assert example_path.read_bytes() == theirs
    assert not document.has_unsaved_changes()


def test_stale_temporaries_go_once_the_file_is_held(example_path):
    stale = example_path.with_name(f".{example_path.name}.0123456789abcdef.tmp")
    stale.write_text("half a save")
    held_elsewhere = CanvasDocument.open(example_path)
    write_lock(example_path, pid=os.getppid())
    assert held_elsewhere.take_lock() is not None
    assert stale.exists()  # another session may be saving: not ours to remove
    lock.lock_path(example_path).unlink()
    opened(example_path)
    assert not stale.exists()


def test_a_draft_alone_does_not_make_a_new_canvas_file(canvas_path):
    document = opened(canvas_path)
    document.set_resume_at("segments")
    document.set_draft("segments", "Stud")
    assert document.save() is True
    assert not canvas_path.exists()
    assert document.drafts_path.exists()


def test_the_fit_report_is_made_again_only_after_a_change(example_path):
    from bmc_tui.core.document import CanvasDocument
    from bmc_tui.core.edits import Edits

    document = CanvasDocument.open(example_path)
    first = document.fit_report()
    assert document.fit_report() is first  # the same canvas, no change: the same report
    Edits(document).add_segment("Tourists")
    again = document.fit_report()
    assert again is not first
    assert any(f.segment_id == document.canvas.segments[-1].id for f in again.findings)
