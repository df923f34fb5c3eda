"""The canvas view: opened from any step, the outline and the palette; nine blocks; literal texts."""

from __future__ import annotations

import pytest

from bmc_tui.core import load_canvas
from bmc_tui.outputs.canvas_blocks import BLOCK_TITLES, canvas_blocks
from bmc_tui.tui.app import make_app
from bmc_tui.tui.screens.canvas_view import (
    GRID_ORDER,
    STACKED_ORDER,
    CanvasBlock,
    CanvasViewScreen,
    entry_text,
    legend_text,
)

from .conftest import LARGE, SMALL
from .test_hostile_texts import assert_literal, hostile_path  # noqa: F401 (a fixture)
from .test_navigation import palette_entries


def block_order(app) -> list[str]:
    return [block.block.id for block in app.screen.query(CanvasBlock)]


@pytest.mark.parametrize("step", ["segments", "value", "channels", "relationships", "fit"])
async def test_ctrl_r_opens_it_from_every_step_and_esc_goes_back(example_path, step):
    app = make_app(example_path)
    async with app.run_test(size=LARGE) as pilot:
        await app.go_to_step(step)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, CanvasViewScreen)
        assert sorted(block_order(app)) == sorted(BLOCK_TITLES)
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_step == step and not isinstance(app.screen, CanvasViewScreen)


async def test_the_interviews_keys_wait_while_it_is_open(example_path):
    app = make_app(example_path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("ctrl+r", "ctrl+n", "ctrl+n", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CanvasViewScreen) and app.current_step == "segments"
        await pilot.press("ctrl+r")  # the key that opened it closes it too
        await pilot.pause()
        assert app.current_step == "segments" and not isinstance(app.screen, CanvasViewScreen)


async def test_the_outline_opens_it(example_path):
    app = make_app(example_path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("ctrl+o", "end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CanvasViewScreen)
        await pilot.press("escape", "ctrl+o", "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, CanvasViewScreen)


async def test_the_palette_opens_it(example_path):
    app = make_app(example_path)
    async with app.run_test(size=LARGE) as pilot:
        entries = await palette_entries(app, pilot, *"canvas")
        assert entries[0] == "The canvas: all nine blocks at once"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CanvasViewScreen)


async def test_wide_it_is_the_canvas_layout_narrow_the_customer_side_comes_first(example_path):
    app = make_app(example_path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert block_order(app) == list(GRID_ORDER)
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        assert block_order(app) == list(STACKED_ORDER)
        await pilot.resize_terminal(*LARGE)
        await pilot.pause()
        assert block_order(app) == list(GRID_ORDER)


def test_segments_differ_by_marker_not_only_by_colour(example_path):
    canvas = load_canvas(example_path)
    blocks = {block.id: block for block in canvas_blocks(canvas)}
    segments = [entry_text(entry).plain for entry in blocks["customer-segments"].entries if entry.heading]
    assert segments == [" 1  Morning commuters", " 2  Offices near the station"]
    channels = [entry_text(entry).plain for entry in blocks["channels"].entries]
    assert " 1   2  The cart on platform 2" in channels
    assert "! Station posters" in channels, "flagged: it serves no segment"
    assert "   2  ! no channel for evaluation, after-sales" in channels
    assert legend_text(canvas).plain.startswith("Segments:  1  Morning commuters    2  Offices near the station")


async def test_canvas_texts_show_literally(hostile_path):  # noqa: F811 (the fixture)
    canvas = load_canvas(hostile_path)
    app = make_app(hostile_path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, CanvasViewScreen)
        assert_literal(app, canvas.title, canvas.segments[0].name, canvas.channels[0].name)


def test_an_entry_of_many_segments_counts_the_markers_it_leaves_out():
    from bmc_tui.outputs.canvas_blocks import Entry

    assert entry_text(Entry("Web shop", tuple(range(12)), heading=True)).plain == (
        " 1   2   3  +9 Web shop"
    )
