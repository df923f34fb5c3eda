"""A large canvas is written by a thread of its own: in order, never lost at exit, and a
failure or a change on disk is still said. Every canvas goes that way here (threshold 0)."""

from __future__ import annotations

import errno
import os
import threading

import pytest

from bmc_tui.core import document as document_module
from bmc_tui.core.document import CanvasDocument
from bmc_tui.tui import app as app_module
from bmc_tui.tui.app import make_app
from bmc_tui.tui.widgets import StepBar

from .conftest import saved
from .test_saving_promises import edit_on_disk

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def every_save_in_the_background(monkeypatch):
    monkeypatch.setattr(app_module, "BACKGROUND_SAVE_BYTES", 0)
    monkeypatch.setattr(app_module, "ANSWER_GUARD", 0)
    monkeypatch.setattr(app_module, "SAVE_RETRY", 0.2)


@pytest.fixture
def held_writes(monkeypatch):
    """Writes wait until the test lets them go, as on a slow disk; then they may fail."""
    state = {"go": threading.Event(), "fail": False, "writes": 0}
    real = document_module.write_atomically

    def write(path, data):
        state["go"].wait(timeout=10)
        state["writes"] += 1
        if state["fail"]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data)

    monkeypatch.setattr(document_module, "write_atomically", write)
    return state


async def until(pilot, condition, limit: int = 100) -> None:
    """Let the app run until ``condition()`` holds (the writer reports back); fail after ``limit`` turns."""
    for _ in range(limit):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the background save never reported back")


def names(path) -> list[str]:
    return [segment["name"] for segment in saved(path)["segments"]]


async def test_a_held_up_write_does_not_hold_up_keys_and_lands_after_it(example_path, held_writes):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Students", "enter", *"Nurses", "enter")
        await pilot.pause()
        # The keys were all handled while the first write waited.
        assert app.screen.query_one("#segments-list").texts[-2:] == ["Students", "Nurses"]
        assert "Students" not in example_path.read_text()
        held_writes["go"].set()
        await until(pilot, lambda: "Nurses" in names(example_path))
    assert names(example_path)[-2:] == ["Students", "Nurses"]


async def test_quitting_while_a_write_is_held_up_writes_everything_first(example_path, held_writes):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Students", "enter", *"Nurses", "enter")
        threading.Timer(0.3, held_writes["go"].set).start()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None)
    assert names(example_path)[-2:] == ["Students", "Nurses"]


async def test_a_failed_background_save_is_marked_and_retried(example_path, held_writes):
    held_writes["fail"] = True
    held_writes["go"].set()
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Students", "enter")
        await until(pilot, lambda: "NOT SAVED" in str(app.screen.query_one(StepBar).render()))
        assert "No space left on device" in app.save_error
        held_writes["fail"] = False
        await until(pilot, lambda: app.save_error is None)
        assert "NOT SAVED" not in str(app.screen.query_one(StepBar).render())
    assert names(example_path)[-1] == "Students"


async def test_a_change_on_disk_found_by_the_writer_is_asked_about(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        theirs = edit_on_disk(example_path)
        await pilot.press(*"Students", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "AskScreen")
        await pilot.pause()  # on screen: a key typed before the question is mounted never answers it
        assert example_path.read_bytes() == theirs
        await pilot.press("m")
        await pilot.pause()
    assert names(example_path)[-1] == "Students"
    assert [p for p in example_path.parent.iterdir() if ".theirs-" in p.name]


def test_an_older_snapshot_never_lands_over_a_newer_one(example_path):
    document = CanvasDocument.open(example_path)
    document.take_lock()
    document.canvas.add_segment("Students")
    older = document.snapshot()
    document.canvas.add_segment("Nurses")
    assert document.write(document.snapshot()) is True
    assert document.write(older) is False
    assert names(example_path)[-2:] == ["Students", "Nurses"]
    assert not document.has_unsaved_changes()
    document.release()


def test_saving_drafts_alone_reuses_the_last_snapshot_of_the_canvas(example_path):
    document = CanvasDocument.open(example_path)
    document.take_lock()
    document.on_change = lambda typing: None  # the front end saves when it chooses
    first = document.snapshot(reuse=True)
    document.set_draft("segments", "Stud")
    assert document.snapshot(reuse=True).data is first.data
    document.canvas.add_segment("Students")
    document.changed()  # as every edit reports itself
    changed = document.snapshot(reuse=True)
    assert [s["name"] for s in changed.data["segments"]][-1] == "Students"
    assert changed.drafts == {"segments": "Stud"}
    document.write(changed)
    assert names(example_path)[-1] == "Students"
    document.release()
