"""Only the step on show, the one just left and the next keep their screens; any other
step's screen is dropped and comes back as the user left it (focus, highlighted rows, scrolling, hidden
advice, what was typed)."""

from __future__ import annotations

import gc
import weakref

from bmc_tui.tui.app import SETTLE_AFTER_STEP, make_app
from bmc_tui.tui.widgets import ListEditor

from .test_fit_step import advice_path  # noqa: F401 (a fixture)
from .test_hostile_texts import screen_text
from .test_navigation import focused_list

SIZE = (80, 24)


async def jump(pilot, number: int) -> None:
    """To a step by its number, from the outline (Ctrl+O), as a user does."""
    await pilot.press("ctrl+o", str(number))
    await pilot.pause()
    await pilot.pause()


def focused_field(app) -> tuple[str | None, str]:
    """The list editor holding the focus, and which part of it (its list or entry line)."""
    return app.focused.parent.id, type(app.focused).__name__


def dropped(screen_ref: weakref.ref) -> bool:
    gc.collect()
    return screen_ref() is None


async def test_only_the_step_on_show_the_one_left_and_the_next_keep_their_screens(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        segments = weakref.ref(app.screen)
        await jump(pilot, 2)
        value = weakref.ref(app.screen)
        await jump(pilot, 3)
        channels = weakref.ref(app.screen)
        await wait_for_the_collection(pilot)
        assert dropped(segments) and not dropped(value)
        assert set(app._step_screens) == {"value", "channels", "relationships"}
        await jump(pilot, 4)
        await wait_for_the_collection(pilot)
        assert dropped(value) and not dropped(channels)
        assert app.current_step == "relationships"
        assert set(app._step_screens) == {"channels", "relationships", "fit"}
        await jump(pilot, 1)
        await wait_for_the_collection(pilot)
        assert set(app._step_screens) == {"relationships", "segments", "value"}


async def test_a_dropped_step_comes_back_with_its_focus_highlights_and_draft(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await jump(pilot, 2)
        # On the jobs list, the second job; then the pains list, its second pain.
        await pilot.press("escape", "down", "tab", "down")
        await pilot.pause()
        assert focused_list(app) == ("value-pains", 1)
        jobs = app.screen.query_one("#value-jobs", ListEditor)
        assert jobs.highlighted == 1
        await pilot.press("p", "a", "i", "n", "tab")  # typed on the pains line, then the next list
        left_on = focused_field(app)
        assert left_on == ("value-gains", "EntryLine")
        old = weakref.ref(app.screen)
        await jump(pilot, 3)
        await jump(pilot, 4)
        assert dropped(old)
        await jump(pilot, 2)
        assert app.current_step == "value"
        assert focused_field(app) == left_on
        assert app.screen.query_one("#value-jobs", ListEditor).highlighted == 1
        assert app.screen.query_one("#value-pains", ListEditor).highlighted == 1
        assert app.screen.query_one("#value-pains", ListEditor).field.value == "pain"


async def test_the_segment_list_follows_the_segment_chosen_on_another_step(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#segments-list", ListEditor).highlighted == 0
        await jump(pilot, 2)
        await pilot.press("ctrl+n")  # the value step's second segment
        await pilot.pause()
        assert app.current_segment_id == "offices"
        await jump(pilot, 3)  # the segments step's screen is dropped here
        await jump(pilot, 1)
        assert app.screen.query_one("#segments-list", ListEditor).highlighted == 1


async def test_the_fit_step_comes_back_scrolled_as_left(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await jump(pilot, 5)
        detail = app.screen.query_one("#fit-detail")
        detail.focus()
        await pilot.press("end")
        await pilot.pause()
        scrolled = detail.scroll_y
        assert scrolled > 0
        shown = screen_text(app)
        old = weakref.ref(app.screen)
        await jump(pilot, 1)
        await jump(pilot, 2)
        assert dropped(old)
        await jump(pilot, 5)
        await pilot.pause()
        assert app.screen.query_one("#fit-detail").scroll_y == scrolled
        assert app.focused is app.screen.query_one("#fit-detail")
        assert screen_text(app) == shown


async def test_the_fit_step_comes_back_on_the_finding_left_highlighted(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await jump(pilot, 5)
        await pilot.press("down", "down")
        await pilot.pause()
        finding = app.screen.current_finding
        assert finding is not None and finding != app.screen.shown[0]
        old = weakref.ref(app.screen)
        await jump(pilot, 1)
        await jump(pilot, 2)
        assert dropped(old)
        await jump(pilot, 5)
        assert app.screen.current_finding == finding


async def test_hidden_advice_stays_hidden_when_the_fit_step_comes_back(advice_path):
    app = make_app(advice_path)
    async with app.run_test(size=SIZE) as pilot:
        await jump(pilot, 5)
        await pilot.press("a")
        await pilot.pause()
        assert "Advice: 3 hidden (a shows it)" in screen_text(app)
        old = weakref.ref(app.screen)
        await jump(pilot, 1)
        await jump(pilot, 2)
        assert dropped(old)
        await jump(pilot, 5)
        shown = screen_text(app)
        assert "Advice: 3 hidden (a shows it)" in shown and "Show advice" in shown


async def wait_for_the_collection(pilot) -> None:
    """Past the collection the app runs after a step change (what a user's next key meets),
    and the next step's screen built."""
    await pilot.pause(SETTLE_AFTER_STEP * 3)
    await pilot.app.unseen_built()


async def test_a_dropped_step_screen_is_freed_by_the_app_itself(example_path):
    # Not at the garbage collector's next full pass, which the app's thresholds put off
    # for long: the next step reuses the dropped one's memory instead of taking more.
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        segments = weakref.ref(app.screen)
        await jump(pilot, 2)
        await jump(pilot, 3)
        await wait_for_the_collection(pilot)
        assert segments() is None


async def test_a_dropped_steps_text_box_is_freed_with_its_screen(example_path):
    # Textual forgets a watcher on the app's theme only when the theme changes: a TextBox
    # (a TextArea) watching it outlived its dropped screen.
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        description = weakref.ref(app.screen.query_one("#segments-description"))
        await jump(pilot, 2)
        await jump(pilot, 3)
        assert dropped(description)
