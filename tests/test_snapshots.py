"""Snapshot tests: each screen and modal at 80x24, the main screens at 120x40.

Update after an intended change with `pytest tests/test_snapshots.py --snapshot-update`,
then look at every changed SVG before committing (see README).
"""

from __future__ import annotations

import pytest

from bmc_tui.tui.app import make_app

SMALL = (80, 24)
LARGE = (120, 40)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_segments_screen(snap_compare, example_path, size):
    assert snap_compare(make_app(example_path), terminal_size=size)


def test_segments_screen_new_canvas(snap_compare, canvas_path):
    assert snap_compare(make_app(canvas_path), terminal_size=SMALL)


def test_confirm_delete_segment(snap_compare, example_path):
    assert snap_compare(make_app(example_path), terminal_size=SMALL, press=["escape", "delete"])


def test_help_modal(snap_compare, example_path):
    assert snap_compare(make_app(example_path), terminal_size=SMALL, press=["f1"])


def test_outline_modal(snap_compare, example_path):
    assert snap_compare(make_app(example_path), terminal_size=SMALL, press=["ctrl+o"])


def test_too_small_notice(snap_compare, example_path):
    assert snap_compare(make_app(example_path), terminal_size=(70, 20))
