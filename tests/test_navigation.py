"""Getting around: Ctrl+N and Ctrl+P walk segments and steps, the end of the interview,
`g` from a fit finding landing on its fix, the title, and the command palette."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList

from bmc_tui.tui.app import make_app
from bmc_tui.core.flow import load_flow
from bmc_tui.core.text import visible_line
from bmc_tui.tui.dialogs.ask import AskScreen
from bmc_tui.tui.dialogs.ask_text import AskTextScreen
from bmc_tui.tui.widgets import ChoiceList

from .conftest import saved
from .test_fit_step import PAINS_CANVAS, highlight, open_fit
from .test_hostile_texts import hostile_flow, hostile_path, screen_text  # noqa: F401 (fixtures)

SIZE = (80, 24)

# A pain nothing relieves, then a reliever that relieves nothing; later the relationship
# findings of a second segment (no type) and of the first (no motivation).
NAV_CANVAS = PAINS_CANVAS.replace(
    '    { id = "pr2", text = "Order ahead", relieves = ["p1"] },\n',
    '    { id = "pr2", text = "Order ahead", relieves = ["p1"] },\n'
    '    { id = "pr3", text = "Thermal cup" },\n',
).replace('motivations = ["acquisition"]\n', "") + """
[[segments]]
id = "offices"
name = "Offices near the station"
"""


@pytest.fixture
def nav_path(canvas_path):
    canvas_path.write_text(NAV_CANVAS, encoding="utf-8")
    return canvas_path


def footer_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def settled_footer(pilot) -> str:
    """The footer once it is redrawn: it is recomposed a frame after the keys change."""
    shown = None
    for _ in range(20):
        await pilot.pause()
        await pilot.app.animator.wait_until_complete()
        current = footer_line(pilot.app)
        if current == shown:
            return current
        shown = current
    return shown or ""


def focused_list(app) -> tuple[str | None, int | None]:
    """The list holding the focus (the id of its ListEditor or ChoiceList), and its highlight."""
    focused = app.focused
    assert isinstance(focused, OptionList), focused
    owner = focused if isinstance(focused, ChoiceList) else focused.parent
    return owner.id, focused.highlighted


# Ctrl+N and Ctrl+P


async def test_ctrl_n_walks_each_segment_then_the_next_step_and_ctrl_p_walks_back(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        walked = []
        for _ in range(6):
            await pilot.press("ctrl+n")
            await pilot.pause()
            walked.append((app.current_step, app.current_segment_id))
        assert walked == [
            ("value", "commuters"), ("value", "offices"), ("channels", "offices"),
            ("relationships", "commuters"), ("relationships", "offices"), ("fit", "offices"),
        ]
        back = []
        for _ in range(4):
            await pilot.press("ctrl+p")
            await pilot.pause()
            back.append((app.current_step, app.current_segment_id))
        # Back into a per-segment step: at its last segment.
        assert back == [
            ("relationships", "offices"), ("relationships", "commuters"), ("channels", "commuters"),
            ("value", "offices"),
        ]
        # The value step shows the segment walked to, typing into its first list.
        assert "Segment 2/2: Offices near the station" in screen_text(app)
    assert saved(example_path)["resume_at"] == "value"


async def test_the_footer_says_where_ctrl_n_goes(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        # On the first step Ctrl+P never acts: only Ctrl+N is shown.
        assert (await settled_footer(pilot)).endswith(" ^n Next: Value")
        await pilot.press("ctrl+n")
        assert (await settled_footer(pilot)).endswith(" ^p/^n Back/Next: segment 2/2")
        await pilot.press("ctrl+n")
        assert (await settled_footer(pilot)).endswith(" ^p/^n Back/Next: Channels")
        await app.go_to_step("fit")
        footer = await settled_footer(pilot)
        assert footer.endswith(" ^p/^n Back/Finish") and len(footer) <= 80


async def test_a_per_segment_step_reached_another_way_shows_the_segment_last_worked_on(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "down")  # the offices, on the segments step
        await pilot.press("ctrl+o", "4")
        await pilot.pause()
        assert (app.current_step, app.current_segment_id) == ("relationships", "offices")


async def test_ctrl_n_on_the_last_step_ends_with_a_summary_and_q_quits(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.go_to_step("fit")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        shown = screen_text(app)
        assert "The interview is done" in shown
        assert "Every answer is saved in coffee-cart.toml." in shown
        assert "The fit check lists 6 gaps" in shown
        assert "bmc-tui coffee-cart.toml   reopens it here" in shown
        await pilot.pause(0.7)  # past the guard against keys typed before it appeared
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert saved(example_path)["resume_at"] == "fit"


async def test_the_quick_flows_summary_says_how_to_go_on_with_the_full_interview(example_path):
    app = make_app(example_path, flow="quick")
    async with app.run_test(size=SIZE) as pilot:
        await app.go_to_step("relationships")
        await pilot.press("ctrl+n", "ctrl+n")  # the second segment, then the end
        await pilot.pause()
        shown = screen_text(app)
        assert "bmc-tui --flow quick coffee-cart.toml   reopens it here" in shown
        assert "bmc-tui coffee-cart.toml   goes on with the full interview" in shown


# g from a fit finding


async def go_from_finding(app, pilot, **wanted) -> None:
    screen = await open_fit(app, pilot)
    await highlight(pilot, screen, **wanted)
    await pilot.press("g")
    await pilot.pause()


@pytest.mark.parametrize(("finding", "lands_on"), [
    # a pain nothing relieves: highlighted in the pains of its segment
    ({"code": "unaddressed-pain", "item_id": "p2"}, ("value", "commuters", "value-pains", 1)),
    # a reliever that relieves nothing: highlighted among the relievers
    ({"code": "unlinked-offer", "item_id": "pr3"},
     ("value", "commuters", "value-pain_relievers", 2)),
    # no motivation: on the motivations; no type: on the types, of that segment
    ({"code": "no-motivation", "segment_id": "commuters"},
     ("relationships", "commuters", "relationships-motivations", None)),
    ({"code": "no-relationship-type", "segment_id": "offices"},
     ("relationships", "offices", "relationships-types", None)),
], ids=["pain", "offer", "motivation", "type"])
async def test_g_lands_on_what_fixes_the_finding(nav_path, finding, lands_on):
    step, segment, list_id, highlighted = lands_on
    app = make_app(nav_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_from_finding(app, pilot, **finding)
        assert (app.current_step, app.current_segment_id) == (step, segment)
        where = focused_list(app)
        assert where[0] == list_id
        if highlighted is not None:
            assert where[1] == highlighted


async def test_enter_on_an_uncovered_phase_points_at_its_cell_of_the_grid(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, segment_id="offices", phase="after-sales")
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_step == "channels"
        grid = app.screen.grid
        assert grid.marked == (1, "after-sales")
        # Marked without colour too: a pointer on the row and on the cell.
        row = next(line for line in screen_text(app).splitlines() if "Offices near" in line)
        assert row.lstrip().startswith("▸ Offices") and row.rstrip().endswith("▸✗ none")
        # The list is on the segment's first channel.
        assert focused_list(app) == ("channels-list", 1)


async def test_g_on_a_channel_serving_no_segment_highlights_that_channel(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_from_finding(app, pilot, code="channel-serves-no-segment")
        assert app.current_step == "channels"
        assert focused_list(app) == ("channels-list", 2)  # the station posters
        assert app.screen.grid.marked is None


async def test_after_a_link_fixes_two_findings_the_next_one_left_is_highlighted(nav_path):
    app = make_app(nav_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, code="unlinked-offer", item_id="pr3")
        following = screen.report.findings[screen._finding_index() + 1]
        await pilot.press("l", "down", "space", "enter")  # it relieves the cold coffee
        await pilot.pause()
        # Both the reliever's and the pain's findings are gone; the one after them is on.
        assert screen.current_finding == following
    relievers = saved(nav_path)["segments"][0]["pain_relievers"]
    assert relievers[2] == {"id": "pr3", "text": "Thermal cup", "relieves": ["p2"]}


async def test_after_a_drop_the_next_finding_is_highlighted(nav_path):
    app = make_app(nav_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, code="unaddressed-pain", item_id="p2")
        following = screen.report.findings[screen._finding_index() + 1]
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert screen.current_finding == following
        assert app.focused is screen.findings_list
    pains = saved(nav_path)["segments"][0]["pains"]
    assert [pain["id"] for pain in pains] == ["p1"]


# labels, not stored values


async def test_the_quick_flow_shows_the_market_in_words(example_path):
    app = make_app(example_path, flow="quick")
    async with app.run_test(size=SIZE) as pilot:
        await app.go_to_step("relationships")
        await pilot.pause()
        shown = screen_text(app)
        assert "Market type: Mass market" in shown
        assert "mass" not in shown.replace("Mass", "")


# the title


async def test_ctrl_t_sets_the_canvas_title(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, AskTextScreen)
        await pilot.press(*"Station coffee", "enter")
        await pilot.pause()
        assert screen_text(app).splitlines()[0].rstrip().endswith("Station coffee")
    assert saved(canvas_path)["title"] == "Station coffee"


async def test_escape_keeps_the_title(example_path):
    before = saved(example_path)["title"]
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t", "x", "escape")
        await pilot.pause()
    assert saved(example_path)["title"] == before


# the command palette


async def palette_entries(app, pilot, *typed: str) -> list[str]:
    await pilot.press("ctrl+k", *typed)
    assert isinstance(app.screen, CommandPalette)
    commands = app.screen.query_one("CommandList", OptionList)
    entries: list[str] = []
    for _ in range(40):  # the palette gathers its commands in a worker: until they settle
        await pilot.pause(0.05)
        shown = [str(commands.get_option_at_index(i).prompt).split("\n")[0]
                 for i in range(commands.option_count)]
        if shown and shown == entries:
            break
        entries = shown
    return entries


async def test_the_palette_lists_every_step_and_what_this_screen_can_do(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.go_to_step("fit")
        entries = await palette_entries(app, pilot)
        assert entries[:5] == [
            "Step 1: Customer segments", "Step 2: Value proposition", "Step 3: Channels",
            "Step 4: Customer relationships", "Step 5: Fit check",
        ]
        assert {"Link", "Drop", "Go to step", "Back: Relationships", "Finish", "Canvas title",
                "Help", "Quit"} <= set(entries)
        # Textual's own cursor keys are not ours to offer.
        assert not [entry for entry in entries if "cursor" in entry.lower()]


async def test_the_palette_runs_what_is_chosen(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        assert await palette_entries(app, pilot, *"chan") == ["Step 3: Channels"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_step == "channels"
        await palette_entries(app, pilot, *"title")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AskTextScreen)


async def test_the_palette_shows_texts_as_written(hostile_path, hostile_flow):
    flow = load_flow(hostile_flow)
    app = make_app(hostile_path, flow=flow)
    async with app.run_test(size=SIZE) as pilot:
        entries = await palette_entries(app, pilot)
        titles = [f"Step {n}: {visible_line(step.title)}" for n, step in enumerate(flow.steps, 1)]
        assert entries[:len(titles)] == titles


async def test_a_footer_too_wide_leaves_out_keys_the_help_lists_and_keeps_where_ctrl_n_goes(
    example_path,
):
    app = make_app(example_path)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("ctrl+o", "3", "tab", "tab", "tab", "tab")  # the channel's phases
        assert "^o All steps" in await settled_footer(pilot)
        await pilot.resize_terminal(80, 24)
        footer = (await settled_footer(pilot)).rstrip()
        assert footer.endswith("^p/^n Back/Next: Relationships")
        assert "^o All steps" not in footer and "f1 Help" in footer
