"""The fit step, driven by keys; assertions are on the saved TOML (and the step it jumps to)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bmc_tui.tui.app import make_app
from bmc_tui.tui.dialogs.ask import AskScreen as ConfirmScreen
from bmc_tui.tui.screens.fit import FitScreen
from bmc_tui.tui.dialogs.link_picker import LinkPickerScreen

from .conftest import saved
from .test_hostile_texts import screen_text

# Morning commuters: two pains, both relieved by "Pick-up without queuing"... except the
# second, which nothing relieves; "Order ahead" relieves the first one too.
PAINS_CANVAS = """
format = 1
resume_at = "fit"

[[segments]]
id = "commuters"
name = "Morning commuters"
market = "mass"
jobs = [{ id = "j1", text = "Get to work" }]
pains = [
    { id = "p1", text = "Queue at the cafe" },
    { id = "p2", text = "Cold coffee" },
]
gains = [{ id = "g1", text = "Coffee ready" }]
products = [{ id = "ps1", text = "Pre-ordered coffee", serves = ["j1"] }]
pain_relievers = [
    { id = "pr1", text = "Pick-up without queuing", relieves = ["p1"] },
    { id = "pr2", text = "Order ahead", relieves = ["p1"] },
]
gain_creators = [{ id = "gc1", text = "Cup ready", creates = ["g1"] }]

[segments.relationship]
types = ["self-service"]
motivations = ["acquisition"]

[[channels]]
id = "app"
name = "Pre-order app"
phases = ["awareness", "evaluation", "purchase", "delivery", "after-sales"]
segments = ["commuters"]
"""

# Everything fits: the pains canvas with the cold coffee gone.
FITTING_CANVAS = PAINS_CANVAS.replace('    { id = "p2", text = "Cold coffee" },\n', "")

# The pains canvas with two rules of thumb broken: a mass market with a costly
# relationship, and a direct channel run by a partner.
ADVICE_CANVAS = PAINS_CANVAS.replace(
    'motivations = ["acquisition"]\n', 'motivations = ["acquisition"]\ncost = "high"\n',
).replace('name = "Pre-order app"\n', 'name = "Pre-order app"\nreach = "direct"\nowner = "partner"\n')


@pytest.fixture
def pains_path(canvas_path: Path) -> Path:
    canvas_path.write_text(PAINS_CANVAS, encoding="utf-8")
    return canvas_path


@pytest.fixture
def fitting_path(canvas_path: Path) -> Path:
    canvas_path.write_text(FITTING_CANVAS, encoding="utf-8")
    return canvas_path


async def open_fit(app, pilot) -> FitScreen:
    await app.go_to_step("fit")
    await pilot.pause()
    assert isinstance(app.screen, FitScreen)
    return app.screen


async def highlight(pilot, screen: FitScreen, **wanted) -> None:
    """Press down until the highlighted finding has these fields."""
    for _ in range(len(screen.report.findings)):
        finding = screen.current_finding
        if finding is not None and all(getattr(finding, k) == v for k, v in wanted.items()):
            return
        await pilot.press("down")
    raise AssertionError(f"no finding with {wanted}")


def segment(data: dict, segment_id: str) -> dict:
    return next(s for s in data["segments"] if s["id"] == segment_id)


# linking


async def test_l_on_an_unlinked_product_links_it_to_the_jobs_chosen(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, code="unlinked-offer", item_id="ps2")
        await pilot.press("l")
        assert isinstance(app.screen, LinkPickerScreen)
        await pilot.press("down", "space", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert not any(f.item_id == "ps2" for f in screen.report.findings)
    products = segment(saved(example_path), "commuters")["products"]
    assert [p.get("serves") for p in products] == [["j1", "j2"], ["j2"]]


async def test_l_on_an_unrelieved_pain_links_the_chosen_reliever_to_it(pains_path):
    app = make_app(pains_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, FitScreen)
        await highlight(pilot, screen, code="unaddressed-pain", item_id="p2")
        await pilot.press("l")
        picker = app.screen
        assert isinstance(picker, LinkPickerScreen)
        assert picker.targets == [("pr1", "Pick-up without queuing"), ("pr2", "Order ahead")]
        assert picker.title_text == "Which pain relievers relieve this pain?"
        await pilot.press("down", "space", "enter")
        await pilot.pause()
        assert screen.report.ok
    relievers = segment(saved(pains_path), "commuters")["pain_relievers"]
    assert [r["relieves"] for r in relievers] == [["p1"], ["p1", "p2"]]


async def test_escape_in_the_picker_links_nothing(pains_path):
    app = make_app(pains_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "space", "escape")
        await pilot.pause()
        assert len(app.screen.report.findings) == 1
    relievers = segment(saved(pains_path), "commuters")["pain_relievers"]
    assert [r["relieves"] for r in relievers] == [["p1"], ["p1"]]


async def test_link_is_disabled_on_a_gain_with_no_gain_creators(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, code="unaddressed-gain", segment_id="offices")
        assert screen.check_action("link", ()) is None
        assert screen.check_action("drop", ()) is True
        await pilot.press("l")
        assert app.screen is screen
    assert "gain_creators" not in segment(saved(example_path), "offices")


# dropping


async def test_d_then_y_drops_the_item(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, code="unlinked-offer", item_id="ps2")
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Breakfast roll" in app.screen.question_text
        await pilot.press("y")
        await pilot.pause()
    products = segment(saved(example_path), "commuters")["products"]
    assert [p["id"] for p in products] == ["ps1"]


async def test_dropping_an_unaddressed_gain_removes_it(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, code="unaddressed-gain", item_id="g2")
        await pilot.press("delete", "y")
        await pilot.pause()
        # The next finding is highlighted now: the one that was below it.
        assert screen.current_finding.item_id == "ps2"
    assert [g["id"] for g in segment(saved(example_path), "commuters")["gains"]] == ["g1"]


async def test_d_then_n_keeps_the_item(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, code="unlinked-offer", item_id="ps2")
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert screen.current_finding.item_id == "ps2"
    data = saved(example_path)
    assert data["resume_at"] == "fit"  # the file was written since it was opened
    assert [p["id"] for p in segment(data, "commuters")["products"]] == ["ps1", "ps2"]


# jumping to the step that fixes it


async def test_g_on_an_uncovered_phase_opens_channels_for_that_segment(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        app.current_segment_id = "commuters"
        await highlight(pilot, screen, code="phase-uncovered", phase="evaluation")
        await pilot.press("g")
        await pilot.pause()
        assert app.current_mode == "channels"
        assert app.current_segment_id == "offices"
    assert saved(example_path)["resume_at"] == "channels"


async def test_enter_on_an_unaddressed_gain_opens_the_value_step_for_that_segment(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        app.current_segment_id = "commuters"
        await highlight(pilot, screen, code="unaddressed-gain", segment_id="offices")
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "value"
        assert app.current_segment_id == "offices"
    assert saved(example_path)["resume_at"] == "value"


# keys that cannot act


async def test_link_and_drop_are_disabled_on_a_finding_that_is_not_an_item(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, code="channel-serves-no-segment")
        assert screen.check_action("link", ()) is None
        assert screen.check_action("drop", ()) is None
        assert screen.check_action("jump", ()) is True
        await pilot.press("l", "delete")
        await pilot.pause()
        assert app.screen is screen
    assert len(saved(example_path)["channels"]) == 3


async def test_with_no_findings_it_says_so_and_every_action_is_disabled(fitting_path):
    app = make_app(fitting_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, FitScreen)
        none = screen.query_one("#fit-none")
        assert none.display and "No findings" in str(none.content)
        assert not screen.query_one("#fit-findings").display
        for action in ("link", "drop", "jump"):
            assert screen.check_action(action, ()) is None
        await pilot.press("l", "delete", "g")
        await pilot.pause()
        assert app.screen is screen
    assert saved(fitting_path)["resume_at"] == "fit"


# the report follows the canvas


async def test_the_report_is_fresh_when_coming_back_from_another_step(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        assert len(screen.report.findings) == 6
        await app.go_to_step("channels")
        await pilot.pause()
        app.edits.set_channel_choices("station-posters", "segments", ["offices"])
        app.edits.set_channel_choices("station-posters", "phases", ["evaluation", "after-sales"])
        await app.go_to_step("fit")
        await pilot.pause()
        assert [f.code for f in screen.report.findings] == [
            "unaddressed-gain", "unlinked-offer", "unaddressed-gain",
        ]


async def test_a_canvas_with_channels_but_no_segments_lists_both_findings(canvas_path):
    canvas_path.write_text(
        'format = 1\nresume_at = "fit"\n[[channels]]\nid = "posters"\nname = "Posters"\n',
        encoding="utf-8",
    )
    app = make_app(canvas_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert [f.code for f in screen.report.findings] == ["no-segment", "channel-serves-no-segment"]
        # The first finding has no heading; the channel one sits under "Channels".
        findings_list = screen.findings_list
        assert [str(row) for row in findings_list.rows][1] == "Channels"
        assert findings_list.is_heading(1) and not findings_list.is_heading(0)
        await pilot.press("g")
        await pilot.pause()
        assert app.current_mode == "segments"
    assert saved(canvas_path)["resume_at"] == "segments"


# advice, apart from the gaps


@pytest.fixture
def advice_path(canvas_path: Path) -> Path:
    canvas_path.write_text(ADVICE_CANVAS, encoding="utf-8")
    return canvas_path


async def test_advice_comes_after_the_gaps_under_its_own_heading_with_its_why(advice_path):
    app = make_app(advice_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_fit(app, pilot)
        assert [(f.code, f.severity) for f in screen.shown] == [
            ("unaddressed-pain", "gap"),
            ("mass-market-high-cost", "advice"),
            ("partner-channels-only", "advice"),
            ("direct-partner-channel", "advice"),
        ]
        assert str(screen.query_one("#fit-findings-title").content) == "Findings (1 gap, 3 advice)"
        findings_list = screen.findings_list
        headings = [str(row) for n, row in enumerate(findings_list.rows) if findings_list.is_heading(n)]
        assert headings == ["Morning commuters", "Advice: rules of thumb, worth a second look"]
        shown = screen_text(app)
        assert "The cost of a relationship should follow the segment" in shown
        assert "a partner" in shown and "store is indirect." in shown


async def test_a_hides_the_advice_and_shows_it_again(advice_path):
    app = make_app(advice_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, code="partner-channels-only")
        await pilot.press("a")
        await pilot.pause()
        assert [f.code for f in screen.shown] == ["unaddressed-pain"]
        assert screen.current_finding.code == "unaddressed-pain"
        findings_list = screen.findings_list
        assert findings_list.is_heading(len(findings_list.rows) - 1)
        assert str(findings_list.rows[-1]) == "Advice: 3 hidden (a shows it)"
        assert "Show advice" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert len(screen.shown) == 4
        assert "Hide advice" in screen_text(app)
    # Hiding advice changes nothing in the canvas.
    assert saved(advice_path)["segments"][0]["relationship"]["cost"] == "high"


async def test_the_advice_key_is_hidden_when_there_is_no_advice(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_fit(app, pilot)
        assert screen.check_action("toggle_advice", ()) is False
        assert "advice" not in screen_text(app)


async def test_a_direct_channel_run_by_a_partner_shows_that_channel_and_its_kind(advice_path):
    app = make_app(advice_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, code="direct-partner-channel")
        await pilot.pause()
        assert current_row(screen) == "Reach: Direct · Run by: Partner · Medium: -"
        await pilot.press("g")
        await pilot.pause()
        assert app.current_mode == "channels"


# the detail pane: built once, the heading of the highlighted row in view


def current_row(screen: FitScreen) -> str:
    """The detail's row the highlighted finding points at."""
    detail = screen.query_one("#fit-detail")
    assert detail.current is not None
    return str(detail.rows[detail.current])


async def test_the_detail_is_built_again_only_when_its_words_change(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fit(app, pilot)
        await highlight(pilot, screen, code="unlinked-offer")  # the breakfast roll
        detail = screen.query_one("#fit-detail")
        rows = detail.rows
        await app.go_to_step("channels")
        await pilot.pause()
        await app.go_to_step("fit")
        await pilot.pause()
        assert detail.rows is rows  # a new visit, nothing changed: the same rows
        app.edits.rename_item("commuters", "jobs", "j1", "Reach the office on time")
        screen.refresh_from_model()
        await pilot.pause()
        assert any("Reach the office on time" in str(row) for row in detail.rows)
        assert "Breakfast roll" in current_row(screen)


async def test_the_heading_of_the_highlighted_row_stays_in_view(canvas_path):
    # Fifteen jobs, then ten pains of which only the last, "Cold coffee", is unrelieved: too
    # far below its heading for centring the row to keep the heading in view.
    jobs = ", ".join(f'{{ id = "j{n}", text = "Job {n}" }}' for n in range(1, 16))
    serves = ", ".join(f'"j{n}"' for n in range(1, 16))
    pains = "".join(f'    {{ id = "p{n}", text = "Pain {n}" }},\n' for n in range(3, 12))
    relieves = ", ".join(f'"p{n}"' for n in range(3, 12))
    gains = ", ".join(f'{{ id = "g{n}", text = "Gain {n}" }}' for n in range(1, 11))
    creates = ", ".join(f'"g{n}"' for n in range(1, 11))
    canvas_path.write_text(PAINS_CANVAS.replace(
        'jobs = [{ id = "j1", text = "Get to work" }]', f"jobs = [{jobs}]",
    ).replace('serves = ["j1"]', f"serves = [{serves}]").replace(
        '    { id = "p2", text = "Cold coffee" },\n', pains + '    { id = "p2", text = "Cold coffee" },\n',
    ).replace('relieves = ["p1"] },\n    { id = "pr2"', f'relieves = ["p1", {relieves}] }},\n    {{ id = "pr2"')
        # Ten gains below, so that the pane can scroll far enough to centre the row.
        .replace('gains = [{ id = "g1", text = "Coffee ready" }]', f"gains = [{gains}]")
        .replace('creates = ["g1"]', f"creates = [{creates}]"),
        encoding="utf-8")
    app = make_app(canvas_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.pause()
        await pilot.pause()
        detail = screen.query_one("#fit-detail")
        heading = next(n for n, row in enumerate(detail.rows) if str(row).startswith("Pains"))
        assert "Cold coffee" in current_row(screen)
        heading_top, _ = detail.row_lines(heading)
        _, current_bottom = detail.row_lines(detail.current)
        # Scrolled past the jobs (as far as it goes): the pains' heading and the row in view.
        assert detail.scroll_y == min(heading_top, detail.max_scroll_y) > 0
        assert detail.scroll_y <= heading_top
        assert current_bottom <= detail.scroll_y + detail.scrollable_content_region.height


async def test_the_findings_title_shows_whether_the_keys_act_on_the_findings(example_path):
    # Reversed while the findings list has the focus, plain once Tab moved it to the detail.
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.go_to_step("fit")
        await pilot.pause()
        title = app.screen.query_one("#fit-findings-title")
        assert app.focused.id == "fit-findings" and "reverse" in str(title.styles.text_style)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused.id == "fit-detail" and "reverse" not in str(title.styles.text_style)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused.id == "fit-findings" and "reverse" in str(title.styles.text_style)
