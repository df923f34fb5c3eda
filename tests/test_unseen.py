"""The next step's screen is built while the user is on the current one (tui/unseen.py):
laid out and drawn, unseen, so that going there costs what coming back does; nothing of it
reaches the terminal, and what changes meanwhile shows when it is shown."""

from __future__ import annotations

import asyncio
import inspect

from textual.app import App
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList

from bmc_tui.tui import app as app_module
from bmc_tui.tui.app import make_app

from .test_hostile_texts import screen_text

SIZE = (80, 24)


async def built_unseen(pilot, step_id: str) -> Screen:
    """Once the app has built ``step_id``'s screen, unseen (it starts after a frame)."""
    app = pilot.app
    for _ in range(100):
        if step_id in app._step_screens and app._preparing is None:
            return app._step_screens[step_id]
        await pilot.pause(0.02)
    raise AssertionError(f"{step_id}'s screen was never built")


def test_textual_still_has_what_building_unseen_uses():
    # Private parts of Textual 8.2.8 that unseen.py, whole_frames.py, StepScreen and
    # steady_scrollbar.py rely on.
    assert list(inspect.signature(App._register).parameters)[:3] == ["self", "parent", "widgets"]
    assert list(inspect.signature(Screen._refresh_layout).parameters) == ["self", "size", "scroll"]
    assert isinstance(inspect.getattr_static(Screen, "_update_timer"), property)
    assert list(inspect.signature(Screen._on_timer_update).parameters) == ["self"]  # BmcApp draws now
    assert callable(Screen._watch__pointer_shape)
    assert "_on_compose" in Widget.__dict__  # called after WholeFrames' own
    assert callable(OptionList._update_lines) and callable(OptionList._on_resize)
    # LazyRows updates its scrollbar as OptionList does; WholeFrames declares `focused`
    # again, without the repaint, and keeps Textual's watcher.
    assert list(inspect.signature(Widget._scroll_update).parameters) == ["self", "virtual_size"]
    assert isinstance(inspect.getattr_static(Screen, "focused"), Reactive) and callable(Screen._watch_focused)


async def test_the_next_step_is_built_laid_out_and_drawn_unseen(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        value = await built_unseen(pilot, "value")
        assert app.current_step == "segments" and value is not app.screen
        assert value.is_mounted and value.size == SIZE
        # Laid out as Textual would on showing it, with nothing left to lay out then.
        assert not value._layout_required
        laid_out = value._compositor.visible_widgets
        assert value.query_one("KeyFooter") in laid_out and len(laid_out) > 20
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen is value
        assert "Products & services (2)" in screen_text(app)


async def test_what_changed_meanwhile_shows_on_the_step_built_before(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "Segment 1/2" in screen_text_of(await built_unseen(pilot, "value"))
        await pilot.press(*"Students", "enter")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current_step == "value"
        assert "Segment 1/3" in screen_text(app)


def screen_text_of(screen: Screen) -> str:
    return "\n".join(str(widget.render()) for widget in screen.query("Static"))


async def test_going_to_a_step_still_being_built_shows_it_once_whole(example_path, monkeypatch):
    gate = asyncio.Event()
    build_unseen = app_module.build_unseen

    async def slow_build(app, screen) -> None:
        await gate.wait()
        await build_unseen(app, screen)

    monkeypatch.setattr(app_module, "build_unseen", slow_build)
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        while app._preparing is None:
            await pilot.pause(0.02)
        assert app._preparing[0] == "value"
        # The key waits for the screen (as a run of Ctrl+N waits for each step): not awaited.
        pressed = asyncio.create_task(pilot.press("ctrl+n"))
        await asyncio.sleep(0.2)
        assert app.current_step == "segments"  # the old step still on show meanwhile
        gate.set()
        await pressed
        await pilot.pause()
        assert app.current_step == "value"
        assert "Products & services (2)" in screen_text(app)


async def test_quitting_while_a_step_is_built_unseen_ends_cleanly(example_path, monkeypatch):
    async def never_built(app, screen) -> None:
        await asyncio.Event().wait()

    monkeypatch.setattr(app_module, "build_unseen", never_built)
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        while app._preparing is None:
            await pilot.pause(0.02)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_building_the_next_step_unseen_writes_nothing(example_path, monkeypatch):
    written_while_building: list[str] = []
    building = False
    build_unseen = app_module.build_unseen

    async def watched_build(app, screen) -> None:
        nonlocal building
        building = True
        try:
            await build_unseen(app, screen)
            await asyncio.sleep(0.1)  # and what its widgets do just after
        finally:
            building = False

    monkeypatch.setattr(app_module, "build_unseen", watched_build)
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        write = app._driver.write
        monkeypatch.setattr(app._driver, "write", lambda data: (
            written_while_building.append(data) if building else None, write(data))[1])
        await built_unseen(pilot, "value")
        assert written_while_building == []
        assert app._step_screens["value"].is_mounted  # it was built meanwhile
