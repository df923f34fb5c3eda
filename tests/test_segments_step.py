"""The segments step, driven by keys; assertions are on the saved TOML."""

from __future__ import annotations

from bmc_tui.app import make_app

from .conftest import saved


async def test_typing_names_and_enter_adds_segments_in_order(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Morning commuters", "enter", *"Offices", "enter")
    data = saved(canvas_path)
    assert [s["name"] for s in data["segments"]] == ["Morning commuters", "Offices"]
    assert [s["id"] for s in data["segments"]] == ["morning-commuters", "offices"]
    assert data["format"] == 1
    assert (canvas_path.stat().st_mode & 0o777) == 0o600
