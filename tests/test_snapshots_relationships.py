"""Snapshots of the relationships step, by feature: the questions with the context panel
(80x24 and 120x40), the quick flow, the segment picker, no segments.

Update after an intended change with
`pytest tests/test_snapshots_relationships.py --snapshot-update`, then look at every
changed SVG before committing (see README).
"""

from __future__ import annotations

import pytest

from bmc_tui.tui.app import make_app

from .conftest import LARGE, SMALL
from .test_relationships_step import at_relationships

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


class TestQuestionsWithContext:
    """The types offered, expected and in place side by side, the other questions below,
    the segment's channels and offer beside (wide) or above (narrow)."""

    @SIZES
    def test_first_segment(self, snap_compare, example_path, size):
        assert snap_compare(make_app(at_relationships(example_path)), terminal_size=size)

    def test_a_type_explained_below_the_lists(self, snap_compare, example_path):
        app = make_app(at_relationships(example_path))
        assert snap_compare(app, terminal_size=SMALL, press=["down", "down", "down"])

    def test_second_segment_notes(self, snap_compare, example_path):
        """The other segment, picked with ctrl+g, with the focus in its notes."""
        app = make_app(at_relationships(example_path))
        keys = ["ctrl+g", "down", "enter", "tab", "tab", "tab", "tab", "tab"]
        assert snap_compare(app, terminal_size=SMALL, press=keys)

    def test_quick_flow(self, snap_compare, example_path):
        app = make_app(at_relationships(example_path), flow="quick")
        assert snap_compare(app, terminal_size=SMALL)


class TestSegmentPicker:
    def test_picker(self, snap_compare, example_path):
        app = make_app(at_relationships(example_path))
        assert snap_compare(app, terminal_size=SMALL, press=["ctrl+g"])


class TestNoSegments:
    def test_says_where_to_add_them(self, snap_compare, canvas_path):
        canvas_path.write_text('format = 1\nresume_at = "relationships"\n', encoding="utf-8")
        assert snap_compare(make_app(canvas_path), terminal_size=SMALL)
