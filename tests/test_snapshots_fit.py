"""Snapshots of the fit step: 80x24 and 120x40 with the example's findings, and a canvas that fits.

Update after an intended change with
`python3 -m pytest tests/test_snapshots_fit.py --snapshot-update`, then look at every SVG.
"""

from __future__ import annotations

import pytest

from bmc_tui.tui.app import make_app

from .test_fit_step import FITTING_CANVAS, PAINS_CANVAS

SMALL = (80, 24)
LARGE = (120, 40)


async def open_fit(pilot) -> None:
    await pilot.app.go_to_step("fit")
    await pilot.pause()


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_fit_screen(snap_compare, example_path, size):
    assert snap_compare(make_app(example_path), terminal_size=size, run_before=open_fit)


def test_fit_screen_on_a_channel_finding(snap_compare, example_path):
    assert snap_compare(
        make_app(example_path), terminal_size=SMALL, run_before=open_fit, press=["end"],
    )


def test_fit_screen_with_no_findings(snap_compare, canvas_path):
    canvas_path.write_text(FITTING_CANVAS, encoding="utf-8")
    assert snap_compare(make_app(canvas_path), terminal_size=SMALL)


def test_fit_link_picker_for_a_pain(snap_compare, canvas_path):
    canvas_path.write_text(PAINS_CANVAS, encoding="utf-8")
    assert snap_compare(make_app(canvas_path), terminal_size=SMALL, press=["l"])


def test_fit_confirm_drop(snap_compare, example_path):
    assert snap_compare(
        make_app(example_path), terminal_size=SMALL, run_before=open_fit, press=["down", "delete"],
    )
