"""Keys that arrive in one burst, as they do over a slow SSH link, keep their order."""

from __future__ import annotations

from textual import events

from bmc_tui.app import make_app

from .conftest import saved

NAMED = {"\r": "enter", "\x7f": "backspace", " ": "space"}


def burst(app, text: str) -> None:
    """Post every key at once, as the terminal driver does for one read of input."""
    for character in text:
        app.post_message(events.Key(NAMED.get(character, character), character))


async def test_a_burst_of_entries_adds_each_one_in_order(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "Morning commuters\rOffices\rStudents\r")
        await pilot.pause(0.3)
    names = [s["name"] for s in saved(canvas_path)["segments"]]
    assert names == ["Morning commuters", "Offices", "Students"]


async def test_backspace_in_a_burst_deletes_where_it_was_typed(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "Officz\x7fes\r")
        await pilot.pause(0.3)
    assert saved(canvas_path)["segments"][0]["name"] == "Offices"
