"""Snapshots of the canvas view: the canvas's layout at 120x40, stacked blocks at 80x24."""

from __future__ import annotations

import shutil

import pytest

from bmc_tui.tui.app import make_app

from .conftest import LARGE, SMALL
from .golden import SECOND_CANVAS


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_canvas_view(snap_compare, example_path, size):
    assert snap_compare(make_app(example_path), terminal_size=size, press=["ctrl+r"])


def test_canvas_view_of_three_segments(snap_compare, tmp_path):
    path = tmp_path / SECOND_CANVAS.name
    shutil.copyfile(SECOND_CANVAS, path)
    assert snap_compare(make_app(path), terminal_size=LARGE, press=["ctrl+r"])
