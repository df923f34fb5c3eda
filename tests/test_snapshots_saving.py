"""Snapshots of what saving shows: the question a second session gets, the "not saved"
mark with the quit question, and the save-elsewhere dialog."""

from __future__ import annotations

import asyncio
import errno
import json
import os

import pytest

from bmc_tui.tui.app import make_app
from bmc_tui.core import document as document_module
from bmc_tui.core import lock

from .conftest import SMALL


@pytest.fixture
def held_elsewhere(example_path):
    # Another host's lock is respected whatever its process: stable for a snapshot.
    holder = {"user": "ana", "host": "workshop-laptop", "pid": 4242,
              "started": "2026-11-29T10:02:00+00:00"}
    lock.lock_path(example_path).write_text(json.dumps(holder))
    return example_path


@pytest.fixture
def disk_full(monkeypatch):
    def full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(document_module, "write_atomically", full)


class TestSaving:
    def test_open_in_another_session(self, snap_compare, held_elsewhere):
        assert snap_compare(make_app(held_elsewhere), terminal_size=SMALL)

    def test_read_only_mark(self, snap_compare, held_elsewhere):
        assert snap_compare(make_app(held_elsewhere), terminal_size=SMALL, press=["r"])

    def test_not_saved_mark(self, snap_compare, example_path, disk_full):
        # The toast is cleared: the mark in the step bar is what stays.
        async def type_a_segment(pilot) -> None:
            await pilot.press(*"Students", "enter")
            pilot.app.clear_notifications()
            await pilot.pause()

        assert snap_compare(make_app(example_path), terminal_size=SMALL, run_before=type_a_segment)

    def test_not_saved_quit_question(self, snap_compare, example_path, disk_full):
        press = [*"Students", "enter", "ctrl+q"]
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=press)

    def test_words_not_yet_added_come_back(self, snap_compare, example_path):
        # Words typed on an entry line but never added are kept beside the file when the
        # app quits (no question asked), and are back on their line when it reopens.
        async def type_and_quit() -> None:
            app = make_app(example_path)
            async with app.run_test(size=SMALL) as pilot:
                await pilot.press(*"Night shift", "ctrl+q")
                await pilot.pause()

        asyncio.run(type_and_quit())
        assert snap_compare(make_app(example_path), terminal_size=SMALL)

    def test_save_elsewhere(self, snap_compare, example_path, disk_full):
        press = [*"Students", "enter", "ctrl+s"]
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=press)
