"""Snapshots of the fit step, by feature: the example's gaps (80x24 and 120x40), advice
shown apart and hidden, a canvas that fits, the link picker and the drop confirmation.

Update after an intended change with
`python3 -m pytest tests/test_snapshots_fit.py --snapshot-update`, then look at every SVG.
"""

from __future__ import annotations

import pytest

from bmc_tui.tui.app import make_app

from .conftest import LARGE, SMALL
from .test_fit_step import ADVICE_CANVAS, FITTING_CANVAS, PAINS_CANVAS

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


async def open_fit(pilot) -> None:
    await pilot.app.go_to_step("fit")
    await pilot.pause()


class TestGaps:
    @SIZES
    def test_example_findings(self, snap_compare, example_path, size):
        assert snap_compare(make_app(example_path), terminal_size=size, run_before=open_fit)

    def test_on_a_channel_finding(self, snap_compare, example_path):
        assert snap_compare(
            make_app(example_path), terminal_size=SMALL, run_before=open_fit, press=["end"],
        )

    def test_with_no_findings(self, snap_compare, canvas_path):
        canvas_path.write_text(FITTING_CANVAS, encoding="utf-8")
        assert snap_compare(make_app(canvas_path), terminal_size=SMALL)


class TestAdvice:
    """Advice after the gaps under its own heading, each with its why; a hides it."""

    @SIZES
    def test_advice_apart(self, snap_compare, canvas_path, size):
        canvas_path.write_text(ADVICE_CANVAS, encoding="utf-8")
        assert snap_compare(make_app(canvas_path), terminal_size=size, press=["down"])

    def test_advice_hidden(self, snap_compare, canvas_path):
        canvas_path.write_text(ADVICE_CANVAS, encoding="utf-8")
        assert snap_compare(make_app(canvas_path), terminal_size=SMALL, press=["a"])


class TestActions:
    def test_link_picker_for_a_pain(self, snap_compare, canvas_path):
        canvas_path.write_text(PAINS_CANVAS, encoding="utf-8")
        assert snap_compare(make_app(canvas_path), terminal_size=SMALL, press=["l"])

    def test_confirm_drop(self, snap_compare, example_path):
        assert snap_compare(
            make_app(example_path), terminal_size=SMALL, run_before=open_fit, press=["down", "delete"],
        )
