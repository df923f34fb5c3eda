"""Snapshots of getting around: the end-of-interview summary, the title dialog, the
command palette, and where `g` from a fit finding lands."""

from __future__ import annotations

from bmc_tui.tui.app import make_app

from .conftest import SMALL
from .test_navigation import palette_entries


async def open_fit(pilot) -> None:
    await pilot.app.go_to_step("fit")
    await pilot.pause()


class TestEndOfInterview:
    def test_summary(self, snap_compare, example_path):
        assert snap_compare(make_app(example_path), terminal_size=SMALL, run_before=open_fit,
                            press=["ctrl+n"])

    def test_summary_of_the_quick_flow(self, snap_compare, example_path):
        async def at_the_end(pilot) -> None:
            await pilot.app.go_to_step("relationships")
            await pilot.press("ctrl+n", "ctrl+n")

        assert snap_compare(make_app(example_path, flow="quick"), terminal_size=SMALL,
                            run_before=at_the_end)


class TestTitle:
    def test_title_dialog(self, snap_compare, example_path):
        assert snap_compare(make_app(example_path), terminal_size=SMALL, press=["ctrl+t"])


class TestCommandPalette:
    def test_palette_on_the_fit_step(self, snap_compare, example_path):
        async def open_palette(pilot) -> None:
            await open_fit(pilot)
            await palette_entries(pilot.app, pilot)

        assert snap_compare(make_app(example_path), terminal_size=SMALL, run_before=open_palette)


class TestJumpFromFinding:
    def test_uncovered_phase_marked_in_the_grid(self, snap_compare, example_path):
        async def jump(pilot) -> None:
            await open_fit(pilot)
            await pilot.press("down", "down", "down", "g")  # offices: no channel covers evaluation

        assert snap_compare(make_app(example_path), terminal_size=SMALL, run_before=jump)
