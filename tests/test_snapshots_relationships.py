"""Snapshots of the relationships step: 80x24 and 120x40, the quick flow, no segments.

Update after an intended change with
`pytest tests/test_snapshots_relationships.py --snapshot-update`, then look at every
changed SVG before committing (see README).
"""

from __future__ import annotations

import pytest

from bmc_tui.tui.app import make_app

from .test_relationships_step import at_relationships

SMALL = (80, 24)
LARGE = (120, 40)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_relationships_screen(snap_compare, example_path, size):
    assert snap_compare(make_app(at_relationships(example_path)), terminal_size=size)


def test_relationships_screen_quick_flow(snap_compare, example_path):
    app = make_app(at_relationships(example_path), flow="quick")
    assert snap_compare(app, terminal_size=SMALL)


def test_relationships_screen_second_segment_notes(snap_compare, example_path):
    """The other segment, picked with ctrl+g, with the focus in its notes."""
    app = make_app(at_relationships(example_path))
    keys = ["ctrl+g", "down", "enter", "tab", "tab", "tab", "tab"]
    assert snap_compare(app, terminal_size=SMALL, press=keys)


def test_relationships_segment_picker(snap_compare, example_path):
    app = make_app(at_relationships(example_path))
    assert snap_compare(app, terminal_size=SMALL, press=["ctrl+g"])


def test_relationships_screen_no_segments(snap_compare, canvas_path):
    canvas_path.write_text('format = 1\nresume_at = "relationships"\n', encoding="utf-8")
    assert snap_compare(make_app(canvas_path), terminal_size=SMALL)
