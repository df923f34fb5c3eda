"""Snapshots of the value proposition step and its modals.

Update after an intended change with
`python3 -m pytest tests/test_snapshots_value.py --snapshot-update`, then look at every
changed SVG before committing (see README).
"""

from __future__ import annotations

import pytest

from bmc_tui.tui.app import make_app

SMALL = (80, 24)
LARGE = (120, 40)

TO_VALUE = ["ctrl+n"]  # the example opens at the segments step


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_value_screen(snap_compare, example_path, size):
    assert snap_compare(make_app(example_path), terminal_size=size, press=TO_VALUE)


def test_value_screen_on_an_offer_list(snap_compare, example_path):
    # The products list focused: its cursor, the Link key enabled in the footer.
    press = [*TO_VALUE, "tab", "tab", "tab", "escape"]
    assert snap_compare(make_app(example_path), terminal_size=SMALL, press=press)


def test_link_picker_modal(snap_compare, example_path):
    press = [*TO_VALUE, "tab", "tab", "tab", "escape", "ctrl+l"]
    assert snap_compare(make_app(example_path), terminal_size=SMALL, press=press)


def test_segment_picker_modal(snap_compare, example_path):
    assert snap_compare(make_app(example_path), terminal_size=SMALL, press=[*TO_VALUE, "ctrl+g"])


def test_value_screen_quick_flow(snap_compare, example_path):
    app = make_app(example_path, flow="quick")
    assert snap_compare(app, terminal_size=SMALL, press=TO_VALUE)


def test_value_screen_without_segments(snap_compare, canvas_path):
    assert snap_compare(make_app(canvas_path), terminal_size=SMALL, press=TO_VALUE)
