"""The segments step, driven by keys; assertions are on the saved TOML."""

from __future__ import annotations

from bmc_tui.tui.app import make_app
from bmc_tui.tui.widgets import TextBox

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


async def test_blank_name_adds_nothing_and_writes_nothing(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "space", "enter")
    assert not canvas_path.exists()


async def test_rename_keeps_the_id_so_channels_still_point_at_it(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "f2", "ctrl+u", *"Early commuters", "enter")
    data = saved(example_path)
    assert data["segments"][0]["name"] == "Early commuters"
    assert data["segments"][0]["id"] == "commuters"
    assert "commuters" in data["channels"][0]["segments"]


async def test_escape_while_renaming_keeps_the_old_name(example_path):
    before = example_path.read_bytes()
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "enter", "ctrl+u", *"Oops", "escape")
    assert example_path.read_bytes() == before


async def test_shift_down_moves_the_segment(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "shift+down")
    assert [s["id"] for s in saved(example_path)["segments"]] == ["offices", "commuters"]


async def test_delete_asks_first_and_n_keeps_the_segment(example_path):
    before = example_path.read_bytes()
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "delete")
        assert type(app.screen).__name__ == "AskScreen"
        await pilot.press("n")
    assert example_path.read_bytes() == before


async def test_delete_confirmed_removes_segment_and_its_channel_mentions(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "delete", "y")
    data = saved(example_path)
    assert [s["id"] for s in data["segments"]] == ["offices"]
    assert all("commuters" not in c.get("segments", []) for c in data["channels"])


async def test_description_and_market_are_saved(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Offices", "enter", "tab", *"Small firms near the station", "tab")
        # Now on the market choices: the second one is "niche".
        await pilot.press("down", "space")
    segment = saved(canvas_path)["segments"][0]
    assert segment["description"] == "Small firms near the station"
    assert segment["market"] == "niche"


async def test_quitting_right_after_typing_keeps_the_words(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Offices", "enter", "tab", *"Thirty firms")
        await pilot.press("ctrl+q")
    assert saved(canvas_path)["segments"][0]["description"] == "Thirty firms"


async def test_unknown_keys_survive_an_edit(tmp_path):
    path = tmp_path / "canvas.toml"
    path.write_text(
        'format = 1\nowner_note = "keep me"\n\n[[segments]]\nid = "a"\nname = "A"\nfavourite = 3\n'
    )
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"B", "enter")
    data = saved(path)
    assert data["owner_note"] == "keep me"
    assert data["segments"][0]["favourite"] == 3
    assert [s["name"] for s in data["segments"]] == ["A", "B"]


async def test_enter_is_laid_out_and_drawn_in_one_frame(example_path):
    """The new row, the list's count, the cleared entry line and the new segment's empty
    description are laid out once, in one frame. Each layout is a frame, and Textual's
    refresh timer puts the next one 17-33 ms off: a second came when the entry line was
    drawn before the new row reached the screen, or when the detail, whose height followed
    the description's (two lines, then an empty one), had to be laid out again."""
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Students")
        await pilot.pause()
        screen = app.screen
        layouts: list[object] = []
        screen.screen_layout_refresh_signal.subscribe(screen, layouts.append, immediate=True)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert screen.query_one("#segments-list").texts[-1] == "Students"
        assert len(layouts) == 1


async def test_the_detail_keeps_its_height_as_the_description_wraps_anew(example_path):
    """The blank room after the answers takes the rows the description box does not, as
    the box learns its width: at its first layout and when the terminal is resized (the
    example's description takes two rows at 80 columns, one at 140)."""
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        box, room = screen.query_one("#segments-description"), screen.query_one("#segments-room")
        taken = [(box.region.height, box.region.height + room.styles.margin.top)]
        await pilot.resize_terminal(140, 24)
        await pilot.pause()
        taken.append((box.region.height, box.region.height + room.styles.margin.top))
        assert taken == [(2, TextBox.MAX_ROWS), (1, TextBox.MAX_ROWS)]
