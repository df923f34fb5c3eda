"""What start-up does, and leaves for later, to paint the first screen sooner."""

from __future__ import annotations

from bmc_tui.tui.app import STYLES, make_app


def styles_loaded(app) -> set[str]:
    return {path.stem for path in STYLES.glob("*.tcss") if app.stylesheet.has_source(str(path))}


STEP_STYLES = ("segments", "value", "channels", "relationships", "fit", "canvas_view", "too_small")


def test_every_stylesheet_is_a_screens_own_or_the_shared_one():
    assert {path.stem for path in STYLES.glob("*.tcss")} == {"app", *STEP_STYLES}


async def test_a_steps_rules_are_parsed_when_it_is_first_shown_and_then_apply(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert styles_loaded(app) == {"app", "segments"}
        await app.go_to_step("fit")
        await pilot.pause()
        assert styles_loaded(app) == {"app", "segments", "fit"}
        # A rule of fit.tcss reached the new screen's nodes.
        assert str(app.screen.query_one("#fit-findings").styles.max_height) == "40vh"
        app.action_canvas_view()
        await pilot.pause()
        assert "canvas_view" in styles_loaded(app)
