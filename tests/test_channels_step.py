"""The channels step, driven by keys; assertions are on the saved TOML and the coverage grid."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Input, Static

from bmc_tui.tui.app import make_app
from bmc_tui.core import load_canvas
from bmc_tui.core.fit import check_fit
from bmc_tui.tui.dialogs.ask import AskScreen as ConfirmScreen
from bmc_tui.tui.widgets import ChoiceList, CoverageGrid, TextBox

from .conftest import saved

COMMUTERS = "Morning commuters"
OFFICES = "Offices near the station"

# From the name field, Tab reaches the detail's questions in the flow's order.
TABS_TO = {"reach": 1, "owner": 2, "medium": 3, "phases": 4, "segments": 5, "advantages": 6,
           "challenges": 7, "cost": 8}


async def open_channels(pilot) -> None:
    """From the first step to the channels step, as a user would: the outline, then 3."""
    await pilot.press("ctrl+o", "3")
    await pilot.pause()
    assert pilot.app.current_step == "channels"


async def pick_channel(pilot, index: int) -> None:
    """Leave the name field for the list and highlight a channel, then back to the field."""
    await pilot.press("escape", "home", *["down"] * index)
    await pilot.press("tab")  # back in the name field: the next Tab goes to the detail
    assert isinstance(pilot.app.focused, Input)


async def tab_to(pilot, key: str) -> None:
    await pilot.press(*["tab"] * TABS_TO[key])
    assert pilot.app.focused.id == f"channels-{key}"


def grid_of(app) -> CoverageGrid:
    return app.screen.query_one("#channels-grid", CoverageGrid)


def grid_text(grid: CoverageGrid) -> str:
    """What the grid shows on screen, as plain text."""
    width, height = grid.outer_size
    return "\n".join(strip.text for strip in grid.render_lines(Region(0, 0, width, height)))


def grid_line(grid: CoverageGrid, label: str) -> str:
    """The grid's row for one segment, as shown."""
    return next(line for line in grid_text(grid).splitlines() if line.strip().startswith(label))


async def test_typing_names_and_enter_adds_channels_in_order(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Offices", "enter")  # one segment, so the grid has a row
        await open_channels(pilot)
        await pilot.press(*"Web shop", "enter", *"Market stall", "enter")
        await pilot.pause()
    data = saved(canvas_path)
    assert [c["name"] for c in data["channels"]] == ["Web shop", "Market stall"]
    assert [c["id"] for c in data["channels"]] == ["web-shop", "market-stall"]


async def test_no_channels_shows_a_hint_and_no_questions(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        screen = app.screen
        assert screen.query_one("#channels-empty", Static).display
        assert not any(c.display for c in screen.query(ChoiceList))
        assert "No segments yet: add them in step 1, Segments" in grid_text(grid_of(app))
        await pilot.press(*"Web shop", "enter")
        await pilot.pause()
        assert not screen.query_one("#channels-empty", Static).display
        assert screen.query_one("#channels-phases", ChoiceList).display
        # No segment to serve yet: the detail says where to add them.
        assert screen.query_one("#channels-no-segments", Static).display
        assert not screen.query_one("#channels-segments", ChoiceList).display


async def test_reach_owner_and_medium_are_saved(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        await pick_channel(pilot, 2)  # Station posters: indirect, partner, offline
        await tab_to(pilot, "reach")
        await pilot.press("home", "enter")  # direct
        await pilot.press("tab", "home", "space")  # own
        await pilot.press("tab", "end", "enter")  # mixed
        await pilot.pause()
    posters = saved(example_path)["channels"][2]
    assert posters["id"] == "station-posters"
    assert (posters["reach"], posters["owner"], posters["medium"]) == ("direct", "own", "mixed")


async def test_choosing_the_chosen_single_choice_again_clears_it(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        await tab_to(pilot, "medium")  # Pre-order app: online, highlighted on mount
        await pilot.press("enter")
        await pilot.pause()
    assert "medium" not in saved(example_path)["channels"][0]


async def test_ticking_a_phase_closes_the_gap_in_the_grid(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        grid = grid_of(app)
        assert grid.gaps == [(OFFICES, "evaluation"), (OFFICES, "after-sales")]
        assert grid_line(grid, "Offices").count("✗ none") == 2
        assert "2 gaps" in grid_text(grid)

        await pick_channel(pilot, 1)  # the cart: serves both segments
        await tab_to(pilot, "phases")
        await pilot.press("home", "down", "space")  # evaluation
        await pilot.pause()
        assert grid.gaps == [(OFFICES, "after-sales")]
        assert grid_line(grid, "Offices").count("✗ none") == 1
        assert "1 gap" in grid_text(grid)
        assert saved(example_path)["channels"][1]["phases"] == [
            "awareness", "evaluation", "purchase", "delivery"
        ]

        await pilot.press("space")  # untick it: the gap is back
        await pilot.pause()
        assert grid.gaps == [(OFFICES, "evaluation"), (OFFICES, "after-sales")]
    assert saved(example_path)["channels"][1]["phases"] == ["awareness", "purchase", "delivery"]


async def test_serving_a_segment_updates_the_grid_and_the_file(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        await tab_to(pilot, "segments")  # Pre-order app: evaluation, purchase, after-sales
        await pilot.press("home", "down", "space")  # offices
        await pilot.pause()
        grid = grid_of(app)
        assert grid.gaps == []
        assert "every phase covered" in grid_text(grid)
        assert "✗ none" not in grid_line(grid, "Offices") + grid_line(grid, "Morning")
        await pilot.press("home", "space")  # no longer commuters
        await pilot.pause()
        # Only the app covered evaluation and after-sales for commuters.
        assert grid.gaps == [(COMMUTERS, "evaluation"), (COMMUTERS, "after-sales")]
        assert grid_line(grid, "Morning").count("✗ none") == 2
    assert saved(example_path)["channels"][0]["segments"] == ["offices"]


async def test_a_channel_serving_no_segment_is_marked_in_the_list(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        options = app.screen.query_one("#channels-list").option_list
        assert "no segment" in str(options.get_option_at_index(2).prompt)
        await pick_channel(pilot, 2)
        await tab_to(pilot, "segments")
        await pilot.press("home", "space")
        await pilot.pause()
        assert "segment" not in str(options.get_option_at_index(2).prompt)
    assert saved(example_path)["channels"][2]["segments"] == ["commuters"]


async def test_advantages_and_challenges_are_typed_and_saved(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        await pick_channel(pilot, 2)  # Station posters: no advantages yet
        await tab_to(pilot, "advantages")
        await pilot.press(*"Seen by every commuter", "tab")
        assert app.focused.id == "channels-challenges"
        await pilot.press(*"Costly to print")  # no Enter: the typing pause saves it
        await pilot.pause(0.8)
        assert saved(example_path)["channels"][2]["challenges"] == "Costly to print"
    channels = saved(example_path)["channels"]
    assert channels[2]["advantages"] == "Seen by every commuter"
    assert channels[0]["advantages"] == "Orders arrive before the customer does"


async def test_switching_channels_shows_their_own_text(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        field = app.screen.query_one("#channels-advantages", TextBox)
        assert field.text == "Orders arrive before the customer does"
        await pick_channel(pilot, 1)  # the cart has none
        await pilot.pause()
        assert field.text == ""
    # Showing another channel's text is not an edit: nothing is written back.
    channels = saved(example_path)["channels"]
    assert channels[0]["advantages"] == "Orders arrive before the customer does"
    assert "advantages" not in channels[1]


async def test_rename_keeps_the_id_and_reorder_moves_it(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        # End: the field may select the whole name on focus; keep it and add to it.
        await pilot.press("escape", "down", "f2", "end", *" (east end)", "enter")
        await pilot.pause()
        await pilot.press("shift+up")
        await pilot.pause()
    channels = saved(example_path)["channels"]
    assert [c["id"] for c in channels] == ["the-cart", "pre-order-app", "station-posters"]
    assert channels[0]["name"] == "The cart on platform 2 (east end)"


async def test_delete_asks_first(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        await pilot.press("escape", "end", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(saved(example_path)["channels"]) == 3
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.query_one("#channels-list").highlighted == 1
    assert [c["id"] for c in saved(example_path)["channels"]] == ["pre-order-app", "the-cart"]


async def test_escape_in_the_detail_goes_back_to_the_list(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        assert app.screen.check_action("to_list", ()) is False
        await tab_to(pilot, "phases")
        assert app.screen.check_action("to_list", ()) is True
        await pilot.press("escape")
        assert app.focused is app.screen.query_one("#channels-list").option_list


async def test_segment_changes_in_step_one_reach_the_channels_step(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Students", "enter")
        await open_channels(pilot)
        segments = app.screen.query_one("#channels-segments", ChoiceList)
        assert [c.label for c in segments.choices] == [COMMUTERS, OFFICES, "Students"]
        grid = grid_of(app)
        assert [row.label for row in grid.rows] == [COMMUTERS, OFFICES, "Students"]
        assert [phase for label, phase in grid.gaps if label == "Students"] == [
            "awareness", "evaluation", "purchase", "delivery", "after-sales"
        ]


async def test_quick_flow_asks_name_phases_and_segments(example_path):
    app = make_app(example_path, flow="quick")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        screen = app.screen
        assert [c.id for c in screen.query(ChoiceList)] == ["channels-phases", "channels-segments"]
        assert [f.id for f in screen.query("#channels-detail TextBox")] == []
        grid = grid_of(app)
        assert [row.label for row in grid.rows] == [COMMUTERS, OFFICES]
        await pilot.press("tab")
        assert app.focused.id == "channels-phases"
        await pilot.press("home", "space")  # awareness, which the app did not cover
        await pilot.pause()
    assert saved(example_path)["channels"][0]["phases"] == [
        "awareness", "evaluation", "purchase", "after-sales"
    ]


async def test_quick_flow_channel_serves_every_segment_at_first(canvas_path):
    app = make_app(canvas_path, flow="quick")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Students", "enter", *"Parents", "enter")
        await open_channels(pilot)
        await pilot.press(*"Flyers", "enter", "tab", "home", "space")
        await pilot.pause()
        segments = app.screen.query_one("#channels-segments", ChoiceList)
        # Ticked where it shows, so the user sees it and can untick.
        assert segments.selected == ["students", "parents"]
        assert "[x] Students" in str(segments.get_option_at_index(0).prompt)
        grid = grid_of(app)
        assert grid.gaps == [
            (name, phase) for name in ("Students", "Parents")
            for phase in ("evaluation", "purchase", "delivery", "after-sales")
        ]
    assert saved(canvas_path)["channels"] == [
        {"id": "flyers", "name": "Flyers", "phases": ["awareness"],
         "segments": ["students", "parents"]}
    ]
    # Opened with the full flow, the quick canvas has no channel serving no segment.
    report = check_fit(load_canvas(canvas_path))
    assert not [f for f in report.findings if f.code == "channel-serves-no-segment"]


# issue 11: the buying cycle, the mix, the cost, the warning


def mix_lines(grid: CoverageGrid) -> dict[str, str]:
    """The mix table under the grid: segment -> its cells, as shown."""
    lines = grid_text(grid).splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip().startswith("Mix"))
    return {label: line.strip()[len(label):].split() for line in lines[start + 1:]
            for label in (COMMUTERS, "Offices near") if line.strip().startswith(label)}


async def test_the_grid_groups_the_phases_as_the_buying_cycle_and_sums_up_the_mix(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_channels(pilot)
        grid = grid_of(app)
        lines = grid_text(grid).splitlines()
        headings = next(n for n, line in enumerate(lines) if "Awareness" in line)
        groups, phases = lines[headings - 1], lines[headings]
        assert [g.strip() for g in groups.split("  ") if g.strip()] == [
            "Before the sale", "The sale", "After the sale"]
        # Each part of the cycle starts above its first phase.
        assert groups.index("Before the sale") == phases.index("Awareness")
        assert groups.index("The sale") == phases.index("Purchase")
        assert groups.index("After the sale") == phases.index("After-sales")
        assert "Own / partner" in lines[-3] and "Online / offline" in lines[-3]
        assert mix_lines(grid) == {COMMUTERS: ["2", "/", "0", "2", "/", "0", "1", "/", "1"],
                                   "Offices near": ["the", "station", "1", "/", "0", "1", "/", "0", "0", "/", "1"]}

        await pick_channel(pilot, 1)  # the cart, serving both segments: run by a partner now
        await tab_to(pilot, "owner")
        await pilot.press("down", "space")
        await pilot.pause()
        assert mix_lines(grid)[COMMUTERS][:3] == ["1", "/", "1"]
        assert mix_lines(grid)["Offices near"][2:5] == ["0", "/", "1"]
    assert saved(example_path)["channels"][1]["owner"] == "partner"


async def test_the_cost_to_run_a_channel_is_saved(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        await tab_to(pilot, "cost")
        await pilot.press("down", "space")  # medium
        await pilot.pause()
    assert saved(example_path)["channels"][0]["cost"] == "medium"


async def test_a_channel_serving_no_segment_carries_a_warning_mark_in_the_warning_colour(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_channels(pilot)
        prompts = [option.prompt for option in app.screen.editor.option_list.options]
        assert [str(p).split("\n")[1:] for p in prompts] == [[], [], ["  ! no segment yet"]]
        warning = app.theme_variables["text-warning"].lower()
        assert any(str(span.style).lower().endswith(warning) for span in prompts[2].spans)


@pytest.mark.parametrize("width", [20, 46, 78, 118])
@pytest.mark.parametrize("groups, mix", [((), ()), ((("Before the sale", ["a", "b"]),), ("Own / partner",))])
async def test_the_grid_counts_its_height_as_it_draws_it(width, groups, mix):
    # The grid's height is counted (a row per line), not drawn to be measured: the count
    # must match what it draws, with long labels, groups and the mix table or without.
    from textual.app import App
    from textual.geometry import Size
    from textual.widget import Widget

    from bmc_tui.tui.widgets import CoverageRow

    grid = CoverageGrid([("a", "Awareness"), ("b", "Evaluation")], corner="Segment", groups=groups,
                        mix_headings=mix)

    class GridApp(App):
        def compose(self):
            yield grid

    async with GridApp().run_test(size=(120, 40)):
        rows = [CoverageRow("A segment with a very long name indeed " * n, {"a": n}, ("1 / 0",) if mix else ())
                for n in range(4)]
        grid.set_rows(rows)
        size = Size(width, 40)
        drawn = Widget.get_content_height(grid, size, size, width)
        assert grid.get_content_height(size, size, width) == drawn
