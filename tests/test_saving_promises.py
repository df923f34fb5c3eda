"""What is on screen is on disk, and a save that fails is never silent: driven by keys."""

from __future__ import annotations

import errno
import json
import os
import socket

import pytest

from bmc_tui.tui import app as app_module
from bmc_tui.tui.app import EXIT_UNSAVED, make_app
from bmc_tui.core import document as document_module
from bmc_tui.core import lock
from bmc_tui.tui.widgets import StepBar

from .conftest import saved

SIZE = (80, 24)


def step_bar(app) -> str:
    return str(app.screen.query_one(StepBar).render())


@pytest.fixture
def disk_full(monkeypatch):
    """Every write fails as on a full disk, until the test lets it work again."""
    state = {"full": True}
    real = document_module.write_atomically

    def write(path, data):
        if state["full"]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data)

    monkeypatch.setattr(document_module, "write_atomically", write)
    monkeypatch.setattr(app_module, "SAVE_RETRY", 0.2)
    return state


async def test_typing_is_on_disk_within_a_second_even_without_a_pause(example_path):
    before = saved(example_path)["segments"][0]["description"]
    typed = " and students who never stop typing"
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "end")  # the first segment's "who they are"
        for character in typed:
            await pilot.press(character)
            await pilot.pause(0.05)  # steady typing: never a half-second pause
        on_disk = saved(example_path)["segments"][0]["description"]
        # Typed for more than a second: at most the last second is missing from the file.
        assert on_disk.startswith(before + typed[:10])
        assert (before + typed).startswith(on_disk)
    assert saved(example_path)["segments"][0]["description"] == before + typed


async def test_a_failed_save_is_marked_until_a_save_works(example_path, disk_full):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Students", "enter")
        await pilot.pause()
        assert "NOT SAVED" in step_bar(app)
        assert "No space left on device" in app.save_error
        assert "Students" not in example_path.read_text()
        disk_full["full"] = False
        await pilot.pause(0.5)  # the retry
        assert "NOT SAVED" not in step_bar(app)
    assert saved(example_path)["segments"][-1]["name"] == "Students"


async def test_any_error_in_saving_is_shown_not_a_crash(example_path, monkeypatch):
    def broken(path, data):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(document_module, "write_atomically", broken)
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Students", "enter")
        await pilot.pause()
        assert app.is_running
        assert "NOT SAVED" in step_bar(app)


async def test_quitting_unsaved_asks_and_losing_them_exits_non_zero(example_path, disk_full):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Students", "enter", "ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ == "AskScreen"
        await pilot.press("escape")  # not now: back to the answers
        assert app.is_running and type(app.screen).__name__ == "SegmentsScreen"
        await pilot.press("ctrl+q", "q")
        await pilot.pause()
    assert app.return_code == EXIT_UNSAVED


async def test_unsaved_answers_can_be_saved_to_another_file_on_quit(example_path, disk_full):
    elsewhere = example_path.with_name("elsewhere.toml")
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Students", "enter", "ctrl+q", "s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SaveAsScreen"
        disk_full["full"] = False  # another disk
        field = app.screen.query_one("#save-as-path")
        field.value = str(elsewhere)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code in (0, None)
    assert saved(elsewhere)["segments"][-1]["name"] == "Students"


async def test_a_read_only_file_is_marked_and_left_as_it_is(example_path):
    example_path.chmod(0o444)
    before = example_path.read_bytes()
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "READ-ONLY" in step_bar(app)
        await pilot.press(*"Students", "enter")
        await pilot.pause()
        assert "NOT SAVED" in step_bar(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#save-as-path").value = str(example_path.with_name("mine.toml"))
        await pilot.press("enter")
        await pilot.pause()
        assert "NOT SAVED" not in step_bar(app) and "READ-ONLY" not in step_bar(app)
    assert example_path.read_bytes() == before
    assert saved(example_path.with_name("mine.toml"))["segments"][-1]["name"] == "Students"


async def test_a_second_session_is_told_who_holds_the_file(example_path):
    holder = {"user": "ana", "host": socket.gethostname(), "pid": os.getppid(),
              "started": "2026-11-29T10:02:00+00:00"}
    lock.lock_path(example_path).write_text(json.dumps(holder))
    before = example_path.read_bytes()
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "AskScreen"
        shown = str(app.screen.query_one(".modal-detail").render())
        assert f"process {os.getppid()}" in shown and "ana" in shown
        await pilot.press("r")
        await pilot.pause()
        assert "READ-ONLY" in step_bar(app)
        await pilot.press(*"Students", "enter", "ctrl+q", "q")
        await pilot.pause()
    assert example_path.read_bytes() == before
    assert json.loads(lock.lock_path(example_path).read_text())["user"] == "ana"


async def test_the_lock_goes_when_the_app_quits(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert lock.lock_path(example_path).exists()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not lock.lock_path(example_path).exists()


def edit_on_disk(path) -> bytes:
    theirs = path.read_bytes().replace(b"Station coffee cart", b"Their cart")
    path.write_bytes(theirs)
    return theirs


async def test_a_change_on_disk_asks_and_keep_mine_keeps_theirs_aside(example_path, monkeypatch):
    monkeypatch.setattr(app_module, "ANSWER_GUARD", 0)
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        theirs = edit_on_disk(example_path)
        await pilot.press(*"Students", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "AskScreen"
        assert example_path.read_bytes() == theirs
        await pilot.press("m")
        await pilot.pause()
    kept = [p for p in example_path.parent.iterdir() if ".theirs-" in p.name]
    assert [p.read_bytes() for p in kept] == [theirs]
    assert saved(example_path)["segments"][-1]["name"] == "Students"


async def test_letters_typed_as_the_disk_question_appears_do_not_answer_it(example_path, monkeypatch):
    monkeypatch.setattr(app_module, "ANSWER_GUARD", 60)  # "as it appears", however slow the machine
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        theirs = edit_on_disk(example_path)
        await pilot.press(*"Students", "enter", *"meeting")
        await pilot.pause()
        assert type(app.screen).__name__ == "AskScreen"
    assert example_path.read_bytes() == theirs
    assert not [p for p in example_path.parent.iterdir() if ".theirs-" in p.name or ".mine-" in p.name]


async def test_a_change_on_disk_take_theirs_shows_theirs_and_keeps_mine_aside(example_path, monkeypatch):
    monkeypatch.setattr(app_module, "ANSWER_GUARD", 0)
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        edit_on_disk(example_path)
        await pilot.press(*"Students", "enter")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert "Their cart" in step_bar(app)
        assert "Students" not in app.screen.query_one("#segments-list").texts
    kept = [p for p in example_path.parent.iterdir() if ".mine-" in p.name]
    assert [s["name"] for s in saved(kept[0])["segments"]][-1] == "Students"
    assert saved(example_path)["title"] == "Their cart"


async def test_a_hang_up_with_the_file_changed_on_disk_keeps_both(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        theirs = edit_on_disk(example_path)
        await pilot.press(*"Students", "enter")
        await pilot.pause()
        app.exit_on_signal(1)  # SIGHUP: nobody there to answer the question
        await pilot.pause()
    assert app.return_code == 129
    assert example_path.read_bytes() == theirs
    kept = [p for p in example_path.parent.iterdir() if ".mine-" in p.name]
    assert saved(kept[0])["segments"][-1]["name"] == "Students"
