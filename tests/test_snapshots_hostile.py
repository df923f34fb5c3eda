"""Snapshots of a hostile canvas: markup shows as typed, control characters as symbols.

Update after an intended change with
`python3 -m pytest tests/test_snapshots_hostile.py --snapshot-update`, then look at every
changed SVG before committing (see README).
"""

from __future__ import annotations

import pytest

from bmc_tui.tui.app import make_app

from .hostile import write_hostile_canvas

SMALL = (80, 24)


@pytest.fixture
def hostile_path(tmp_path):
    path = tmp_path / "hostile.toml"
    write_hostile_canvas(path)
    return path


def test_hostile_segments_screen(snap_compare, hostile_path):
    assert snap_compare(make_app(hostile_path), terminal_size=SMALL)


def test_hostile_value_screen(snap_compare, hostile_path):
    assert snap_compare(make_app(hostile_path), terminal_size=SMALL, press=["ctrl+n"])
