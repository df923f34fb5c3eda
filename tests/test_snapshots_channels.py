"""Snapshots of the channels step, by feature: the coverage grid grouped as the buying
cycle with the mix under it (80x24 and 120x40), the detail, the quick flow, the empty
step and the delete confirmation.

Update after an intended change with
`python3 -m pytest tests/test_snapshots_channels.py --snapshot-update`, then look at each SVG.
"""

from __future__ import annotations

import pytest

from bmc_tui.tui.app import make_app

from .conftest import LARGE, SMALL

TO_CHANNELS = ["ctrl+o", "3"]  # the outline, then the step's number
CHANNELS_ONLY = """\
format = 1
resume_at = "channels"

[[channels]]
id = "kiosk"
name = "Kiosk"
phases = ["purchase"]
"""
SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


class TestCoverageGrid:
    """Before the sale, the sale, after the sale; the mix of channels per segment; a
    channel serving no segment marked as a warning in the list."""

    @SIZES
    def test_grouped_grid_and_mix(self, snap_compare, example_path, size):
        assert snap_compare(make_app(example_path), terminal_size=size, press=TO_CHANNELS)

    def test_quick_flow(self, snap_compare, example_path):
        app = make_app(example_path, flow="quick")
        assert snap_compare(app, terminal_size=SMALL, press=TO_CHANNELS)


class TestDetail:
    def test_detail_focused(self, snap_compare, example_path):
        # The phases question in view, with the cursor on it, at the smallest size.
        keys = [*TO_CHANNELS, "tab", "tab", "tab", "tab"]
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=keys)

    def test_new_canvas(self, snap_compare, canvas_path):
        assert snap_compare(make_app(canvas_path), terminal_size=SMALL, press=TO_CHANNELS)

    def test_channels_without_segments(self, snap_compare, canvas_path):
        # Channels named before any segment: the segments question says where to add them.
        canvas_path.write_text(CHANNELS_ONLY, encoding="utf-8")
        assert snap_compare(make_app(canvas_path), terminal_size=SMALL)


class TestDelete:
    def test_confirm_delete_channel(self, snap_compare, example_path):
        keys = [*TO_CHANNELS, "escape", "delete"]
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=keys)
