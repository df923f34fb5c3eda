"""Snapshot tests of the segments and value steps and of the dialogs every step shares,
grouped by feature; sizes from conftest (80x24 for everything, 120x40 for the main screens).

Update after an intended change with `pytest tests/test_snapshots.py --snapshot-update`,
then read every changed SVG with ../shared/tools/snapshot-text and look at its PNG
(../shared/tools/snapshot-png) before committing.
"""

from __future__ import annotations

import pytest

from bmc_tui.tui.app import make_app
from bmc_tui.tui.dialogs.link_picker import LinkPickerScreen

from .conftest import LARGE, SMALL
from .hostile import write_hostile_canvas

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
STEPS = ["segments", "value", "channels", "relationships", "fit"]
TO_VALUE = ["ctrl+n"]  # the example opens at the segments step
LONG = "A very long entry that goes on well past the edge of its column and then some more"


def at_step(step_id: str):
    async def go(pilot) -> None:
        await pilot.app.go_to_step(step_id)
        await pilot.pause()

    return go


@pytest.fixture
def hostile_path(tmp_path):
    path = tmp_path / "hostile.toml"
    write_hostile_canvas(path)
    return path


class TestSegments:
    @SIZES
    def test_segments(self, snap_compare, example_path, size):
        assert snap_compare(make_app(example_path), terminal_size=size)

    def test_new_canvas(self, snap_compare, canvas_path):
        assert snap_compare(make_app(canvas_path), terminal_size=SMALL)

    def test_detail_focused(self, snap_compare, example_path):
        # The market type list has the focus: the only cursor on screen.
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=["tab", "tab"])

    def test_editing_an_entry(self, snap_compare, example_path):
        press = ["escape", "down", "enter"]
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=press)

    def test_long_entry_and_long_title(self, snap_compare, example_path):
        press = ["ctrl+t", "ctrl+u", *"The station coffee cart and its many friends", "enter",
                 *LONG, "enter"]
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=press)

    def test_hostile_texts(self, snap_compare, hostile_path):
        assert snap_compare(make_app(hostile_path), terminal_size=SMALL)


class TestValue:
    @SIZES
    def test_value(self, snap_compare, example_path, size):
        assert snap_compare(make_app(example_path), terminal_size=size, press=TO_VALUE)

    def test_on_an_offer_list(self, snap_compare, example_path):
        # The products list focused: its cursor, the Link key in the footer.
        press = [*TO_VALUE, "tab", "tab", "tab", "escape"]
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=press)

    def test_second_segment(self, snap_compare, example_path):
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=[*TO_VALUE, "ctrl+n"])

    def test_long_entries(self, snap_compare, example_path):
        press = [*TO_VALUE, *LONG, "enter", "tab", "tab", "tab", *LONG, "enter", "escape"]
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=press)

    def test_a_full_list_in_the_quick_flow(self, snap_compare, example_path):
        # Jobs holds three, as many as the quick flow asks: typing goes on in Pains.
        press = [*TO_VALUE, *"Catch the 7:42", "enter"]
        app = make_app(example_path, flow="quick")
        assert snap_compare(app, terminal_size=SMALL, press=press)

    def test_without_segments(self, snap_compare, canvas_path):
        assert snap_compare(make_app(canvas_path), terminal_size=SMALL, press=TO_VALUE)

    def test_hostile_texts(self, snap_compare, hostile_path):
        assert snap_compare(make_app(hostile_path), terminal_size=SMALL, press=TO_VALUE)


class TestPickers:
    def test_link_picker(self, snap_compare, example_path):
        press = [*TO_VALUE, "tab", "tab", "tab", "escape", "ctrl+l"]
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=press)

    def test_empty_link_picker(self, snap_compare, canvas_path):
        async def open_empty(pilot) -> None:
            pilot.app.push_screen(LinkPickerScreen("Which jobs does it serve?", "Pre-ordered coffee", [], []))
            await pilot.pause()

        assert snap_compare(make_app(canvas_path), terminal_size=SMALL, run_before=open_empty)

    def test_segment_picker(self, snap_compare, example_path):
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=[*TO_VALUE, "ctrl+g"])


class TestConfirm:
    def test_delete_a_segment(self, snap_compare, example_path):
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=["escape", "delete"])

    def test_delete_a_job_something_serves(self, snap_compare, example_path):
        press = [*TO_VALUE, "escape", "delete"]
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=press)

    def test_after_a_deletion_the_footer_offers_undo(self, snap_compare, example_path):
        press = [*TO_VALUE, "escape", "delete", "y"]
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=press)


def opened_on(snap_compare, path, step_id: str, key: str) -> bool:
    """The dialog ``key`` opens on the step ``step_id``."""
    return snap_compare(make_app(path), terminal_size=SMALL, run_before=at_step(step_id), press=[key])


class TestHelp:
    @pytest.mark.parametrize("step_id", STEPS)
    def test_help(self, snap_compare, example_path, step_id):
        assert opened_on(snap_compare, example_path, step_id, "f1")

    def test_help_scrolled(self, snap_compare, example_path):
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=["f1", "space"])


class TestOutline:
    @pytest.mark.parametrize("step_id", STEPS)
    def test_outline(self, snap_compare, example_path, step_id):
        assert opened_on(snap_compare, example_path, step_id, "ctrl+o")

    def test_outline_in_the_quick_flow(self, snap_compare, example_path):
        app = make_app(example_path, flow="quick")
        assert snap_compare(app, terminal_size=SMALL, press=[*TO_VALUE, "ctrl+o"])


class TestTooSmall:
    def test_too_small_notice(self, snap_compare, example_path):
        assert snap_compare(make_app(example_path), terminal_size=(70, 20))
