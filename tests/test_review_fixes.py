"""Regressions found in review: each drives the keys a user could press."""

from __future__ import annotations

import pytest

from bmc_tui.tui.app import make_app
from bmc_tui.core import CanvasError, parse_canvas

from .conftest import saved
from .test_key_bursts import burst, handled

SIZE = (80, 24)


async def test_enter_twice_in_the_outline_goes_to_the_step_once(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o", "down")
        burst(app, "\r\r")  # both before the picker closes, as over a slow link
        await handled(pilot)
        assert app.current_mode == "value"
    assert saved(example_path)["resume_at"] == "value"


async def test_an_open_edit_is_dropped_when_the_segment_changes(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("escape", "f2")  # edit the first job of the commuters
        await pilot.press("ctrl+n")  # the next segment: offices
        await pilot.pause()
        assert app.current_segment_id == "offices"
        await pilot.press("enter")
    offices = saved(example_path)["segments"][1]
    assert offices["jobs"] == [{"id": "j1", "text": "Serve guests at a morning meeting"}]


async def test_enter_does_not_confirm_a_delete(example_path):
    before = example_path.read_bytes()
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "delete", "enter")
        assert type(app.screen).__name__ == "AskScreen"
        await pilot.press("escape")
    assert example_path.read_bytes() == before


async def test_relationships_without_segments_take_no_keys(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o", "4")
        await pilot.pause()
        assert app.current_mode == "relationships"
        assert app.focused is None
        await pilot.press("space")
    # Nothing was answered: no file is made just for having looked around.
    assert not canvas_path.exists()


def test_an_id_with_a_trailing_newline_is_refused():
    with pytest.raises(CanvasError) as refused:
        parse_canvas(b'format = 1\n[[segments]]\nid = "abc\\n"\nname = "A"\n')
    assert refused.value.problems[0].where == "segments[0].id"
