"""Smaller than 80x24: a notice covers the step until the terminal grows; nothing is lost."""

from __future__ import annotations

from bmc_tui.tui.widgets import TextBox

from bmc_tui.tui.app import make_app
from bmc_tui.tui.dialogs.too_small import TooSmallScreen

from .conftest import saved


def on_show(app) -> str:
    """Every text on the current screen, as the user reads it."""
    return "\n".join(str(widget.render()) for widget in app.screen.query("Static"))


async def test_a_small_terminal_shows_the_notice_with_both_sizes_and_it_goes_when_grown(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "Terminal too small: needs 80x24, has 70x20." in on_show(app)
        await pilot.resize_terminal(79, 30)
        assert "has 79x30" in on_show(app)
        await pilot.resize_terminal(80, 24)
        assert not isinstance(app.screen, TooSmallScreen)
        assert app.screen.query("#segments-description")


async def test_shrinking_mid_sentence_keeps_the_words_and_the_focus(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Offices", "enter", "tab", *"Thirty fi")
        field = app.focused
        assert isinstance(field, TextBox) and field.text == "Thirty fi"
        await pilot.resize_terminal(60, 24)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press(*"xyz", "tab", "ctrl+n", "ctrl+o", "enter", "backspace")  # none of them acts
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(100, 30)
        assert app.focused is field
        assert field.text == "Thirty fi"
        assert app.current_mode == "segments"
        await pilot.press(*"rms")
    assert saved(canvas_path)["segments"][0]["description"] == "Thirty firms"


async def test_over_a_modal_the_notice_goes_and_the_modal_is_still_there(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        outline = app.screen
        await pilot.resize_terminal(80, 23)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        assert app.screen is outline


async def test_ctrl_q_still_quits_under_the_notice(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running
