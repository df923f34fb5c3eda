"""Snapshots of the channels step: 80x24 and 120x40 with the example, the quick flow,
the empty step and the delete confirmation.

Update after an intended change with
`python3 -m pytest tests/test_snapshots_channels.py --snapshot-update`, then look at each SVG.
"""

from __future__ import annotations

import pytest

from bmc_tui.tui.app import make_app

SMALL = (80, 24)
LARGE = (120, 40)
TO_CHANNELS = ["ctrl+o", "3"]  # the outline, then the step's number


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_channels_screen(snap_compare, example_path, size):
    assert snap_compare(make_app(example_path), terminal_size=size, press=TO_CHANNELS)


def test_channels_screen_detail_focused(snap_compare, example_path):
    # The phases question in view, with the cursor on it, at the smallest size.
    keys = [*TO_CHANNELS, "tab", "tab", "tab", "tab"]
    assert snap_compare(make_app(example_path), terminal_size=SMALL, press=keys)


def test_channels_screen_quick_flow(snap_compare, example_path):
    app = make_app(example_path, flow="quick")
    assert snap_compare(app, terminal_size=SMALL, press=TO_CHANNELS)


def test_channels_screen_new_canvas(snap_compare, canvas_path):
    assert snap_compare(make_app(canvas_path), terminal_size=SMALL, press=TO_CHANNELS)


def test_confirm_delete_channel(snap_compare, example_path):
    keys = [*TO_CHANNELS, "escape", "delete"]
    assert snap_compare(make_app(example_path), terminal_size=SMALL, press=keys)
