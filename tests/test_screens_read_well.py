"""What the screens say, read as a user reads them: footers, the step bar, the dialogs."""

from __future__ import annotations

from bmc_tui.tui.app import make_app
from bmc_tui.tui.dialogs.ask import AskScreen
from bmc_tui.tui.dialogs.help import HelpScreen
from bmc_tui.tui.dialogs.outline import OutlineScreen

from .conftest import LARGE, SMALL, saved
from .test_hostile_texts import screen_text
from .test_navigation import settled_footer


async def test_a_list_footer_pairs_the_move_keys_and_spaces_every_entry(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("escape")  # from the entry line to the segments
        footer = await settled_footer(pilot)
    assert footer.startswith("⏎ Edit Del Delete ⇧↑/⇧↓ Move ^t Title ^q Quit ")
    assert footer.rstrip().endswith(" ^n Next: Value")


async def test_a_delete_question_shows_its_own_keys_and_n_keeps_it(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("escape", "delete")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        assert (await settled_footer(pilot)).rstrip() == "y Delete it n Keep it esc Not now"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#segments-list").option_list
    assert len(saved(example_path)["segments"]) == 2


async def test_the_step_bar_pins_the_title_right_and_cuts_it_not_the_steps(example_path):
    title = "The station coffee cart and every one of its friends"
    app = make_app(example_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+t", "ctrl+u", *title, "enter")
        await pilot.pause()
        bar = screen_text(app).splitlines()[0]
        assert bar.startswith("  1 Segments  2 Value  3 Channels  4 Relationships  5 Fit ")
        assert bar.rstrip().endswith("The station coffee…") and len(bar.rstrip()) == SMALL[0] - 1
        await pilot.resize_terminal(*LARGE)
        await pilot.pause()
        assert screen_text(app).splitlines()[0].rstrip().endswith(title)
    assert saved(example_path)["title"] == title


async def opened(pilot, key: str, dialog: type) -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, dialog)


async def test_help_says_typing_on_a_list_adds(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot, "f1", HelpScreen)
        assert "typing on a list adds an entry" in app.screen.markdown()
        assert (await settled_footer(pilot)).startswith("Space More esc Close")


async def test_the_outline_lines_up_the_step_bars_names(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot, "ctrl+o", OutlineScreen)
        shown = screen_text(app).splitlines()
    rows = [next(line for line in shown if f"│ {n} {short} " in line)
            for n, short in enumerate(["Segments", "Value", "Channels", "Relationships", "Fit"], 1)]
    summaries = ["2 segments", "9 customer items", "3 channels", "a type for 2/2", "6 gaps"]
    assert len({row.index(summary) for row, summary in zip(rows, summaries)}) == 1, rows


async def test_the_help_leaves_out_keys_the_flow_never_uses(example_path):
    for flow, listed in (("full", True), ("quick", False)):
        app = make_app(example_path, flow=flow)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+n")
            await opened(pilot, "f1", HelpScreen)
            assert (r"**\^l**  Link" in app.screen.markdown()) is listed, flow


async def test_while_an_entry_is_edited_esc_says_it_keeps_it(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("escape", "down", "enter")
        assert (await settled_footer(pilot)).startswith("esc Keep as it was ")
        await pilot.press(*" and more", "escape")
        assert (await settled_footer(pilot)).startswith("⏎ Edit ")
    assert [s["name"] for s in saved(example_path)["segments"]] == ["Morning commuters", "Offices near the station"]
