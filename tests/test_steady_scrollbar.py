"""A long list's scrollbar is drawn again only when it changes (widgets/steady_scrollbar.py):
Textual repainted it, unchanged, a frame after every layout of the screen (each key typed
on a list longer than its room, each entry added)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from textual.scroll_view import ScrollView

from bmc_tui.core import Canvas, dump_canvas
from bmc_tui.tui.app import make_app
from bmc_tui.tui.widgets.list_editor import EntryList

SEGMENTS = 40  # far more than the segment list's room at 80x24


@pytest.fixture
def long_list_path(canvas_path: Path) -> Path:
    canvas = Canvas(title="Long")
    for number in range(1, SEGMENTS + 1):
        canvas.add_segment(f"Segment {number}")
    canvas_path.write_text(dump_canvas(canvas), encoding="utf-8")
    return canvas_path


def test_textual_still_sizes_a_scroll_view_as_this_expects():
    # The mixin overrides this private method of Textual 8.2.8 (ScrollView's own).
    assert list(inspect.signature(ScrollView._size_updated).parameters) == [
        "self", "size", "virtual_size", "container_size", "layout"]


async def test_typing_leaves_a_long_lists_scrollbar_alone_and_an_entry_added_moves_it(long_list_path, monkeypatch):
    app = make_app(long_list_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entries = app.screen.query_one("#segments-list").query_one(EntryList)
        scrollbar = entries.vertical_scrollbar
        assert entries.show_vertical_scrollbar
        drawn: list[int] = []
        refresh = type(scrollbar).refresh
        monkeypatch.setattr(type(scrollbar), "refresh", lambda self, *a, **k: (
            drawn.append(self.window_virtual_size) if self is scrollbar else None, refresh(self, *a, **k))[1])
        await pilot.press(*"Students")
        await pilot.pause()
        assert drawn == []
        await pilot.press("enter")
        await pilot.pause()
        assert drawn and set(drawn) == {SEGMENTS + 1}  # drawn for the new entry, at its size
        assert scrollbar.window_virtual_size == SEGMENTS + 1
        assert scrollbar.position == entries.scroll_y > 0  # at the new last entry


async def test_the_fit_coverage_panes_scrollbar_shows_and_a_layout_leaves_it_alone(example_path, monkeypatch):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o", "5")
        await pilot.pause(0.3)
        detail = app.screen.query_one("#fit-detail")
        assert detail.virtual_size.height > detail.size.height  # its rows do not fit at 80x24
        scrollbar = detail.vertical_scrollbar
        assert detail.show_vertical_scrollbar
        assert (scrollbar.window_virtual_size, scrollbar.window_size) == (detail.virtual_size.height, detail.size.height)
        drawn: list[int] = []
        refresh = type(scrollbar).refresh
        monkeypatch.setattr(type(scrollbar), "refresh", lambda self, *a, **k: (
            drawn.append(self.position) if self is scrollbar else None, refresh(self, *a, **k))[1])
        app.screen.refresh(layout=True)  # as a dialog closing does
        await pilot.pause()
        assert drawn == []
        await pilot.press("tab")  # to the coverage pane, which then scrolls with the keys
        await pilot.press("end")
        await pilot.pause()
        assert drawn and scrollbar.position == detail.scroll_y > 0
