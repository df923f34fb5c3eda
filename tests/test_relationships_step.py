"""The relationships step, driven by keys; assertions are on the saved TOML.

The example opens at the segments step; these tests reopen it at the
relationships step so that every key pressed is a key of this step.
Field order (Tab): types, expected, established, motivations, cost, notes.
"""

from __future__ import annotations

from pathlib import Path

from bmc_tui.core.fit import check_fit
from bmc_tui.tui.app import make_app
from bmc_tui.tui.widgets.choice_list import WORDS_GUARD

from .conftest import saved
from .test_hostile_texts import screen_text

SIZE = (80, 24)
ONE_SEGMENT = """\
format = 1
resume_at = "relationships"

[[segments]]
id = "walkers"
name = "Dog walkers"
market = "mass"
"""


def at_relationships(path: Path) -> Path:
    text = path.read_text(encoding="utf-8").replace(
        'resume_at = "segments"', 'resume_at = "relationships"'
    )
    path.write_text(text, encoding="utf-8")
    return path


def relationship(path: Path, index: int) -> dict:
    return saved(path)["segments"][index].get("relationship", {})


async def test_types_toggle_with_space_and_enter(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        # Home: the first type, self-service, which Space takes away.
        await pilot.press("home", "space")
        await pilot.pause()
        assert relationship(example_path, 0)["types"] == ["automated-services"]
        # Down past automated services to personal assistance.
        await pilot.press("down", "down", "enter")
        await pilot.pause()
    assert relationship(example_path, 0)["types"] == ["automated-services", "personal-assistance"]
    assert relationship(example_path, 1)["types"] == ["personal-assistance"]


async def test_established_motivations_and_cost(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab")  # past expected, to what is already in place
        assert app.focused.id == "relationships-established"
        # Only the offered types are there: self-service, automated services.
        assert [c.value for c in app.focused.choices] == ["self-service", "automated-services"]
        await pilot.press("home", "space", "down", "space")  # both in place
        await pilot.press("tab", "home", "down", "down", "space")  # motivations: upselling
        await pilot.press("tab", "home", "down", "down", "enter")  # cost: high
        await pilot.pause()
    saved_relationship = relationship(example_path, 0)
    assert saved_relationship["established"] == ["self-service", "automated-services"]
    assert saved_relationship["status"] == "established"  # every offered type is in place
    assert saved_relationship["motivations"] == ["acquisition", "retention", "upselling"]
    assert saved_relationship["cost"] == "high"


async def test_a_type_taken_away_with_its_in_place_mark_comes_back_with_ctrl_z(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "home", "space")  # self-service is in place
        await pilot.press("shift+tab", "shift+tab", "home", "space")  # Space: no longer offered
        await pilot.pause()
        assert "established" not in relationship(example_path, 0)
        assert "^z Undo" in screen_text(app)
        assert [n.message for n in app._notifications] == [
            "No longer self-service as offered and in place: Ctrl+Z brings it back."]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert relationship(example_path, 0)["types"] == ["self-service", "automated-services"]
        assert relationship(example_path, 0)["established"] == ["self-service"]
        # The same again, with the first undo still kept: said again, undone again.
        await pilot.press("home", "space")  # no longer offered: undo kept
        await pilot.press("space", "tab", "tab", "home", "space")  # offered and in place again
        await pilot.pause(WORDS_GUARD)
        app.clear_notifications()
        await pilot.press("shift+tab", "shift+tab", "home", "space")
        await pilot.pause()
        assert len(app._notifications) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert relationship(example_path, 0)["established"] == ["self-service"]


async def test_words_typed_on_a_choice_list_tick_nothing_and_tell_what_it_is(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        assert app.focused.id == "relationships-types"
        await pilot.press("home", *"dx y", "enter")  # words and Enter, as into a text field
        await pilot.pause()
        assert relationship(example_path, 0)["types"] == ["self-service", "automated-services"]
        assert [n.title for n in app._notifications] == ["Choices"]
        await pilot.pause(WORDS_GUARD)
        await pilot.press("space")  # on its own, Space ticks as ever
        await pilot.pause()
    assert relationship(example_path, 0)["types"] == ["automated-services"]


async def test_single_choices_clear_when_toggled_off(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "tab", "tab", "home", "space")  # cost: low was chosen
        await pilot.pause()
    saved_relationship = relationship(example_path, 0)
    assert "cost" not in saved_relationship
    # With types offered, status always repeats their state (format.md): none is in place.
    assert saved_relationship["status"] == "planned"
    assert saved_relationship["types"] == ["self-service", "automated-services"]


async def test_notes_are_saved_on_enter(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "down", "enter")  # the offices: no notes yet
        await pilot.press("tab", "tab", "tab", "tab", "tab", *"Call before nine", "enter")
        await pilot.pause()
        assert relationship(example_path, 1)["notes"] == "Call before nine"
    assert relationship(example_path, 0)["notes"].startswith("Commuters want speed")


async def test_quitting_right_after_typing_keeps_the_notes(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "down", "enter")
        await pilot.press("tab", "tab", "tab", "tab", "tab", *"Flasks by nine", "ctrl+q")
    assert relationship(example_path, 1)["notes"] == "Flasks by nine"


async def test_tabbing_into_notes_and_typing_adds_to_them(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "tab", "tab", "tab", *" Loyalty card.", "tab")
        await pilot.pause()
    notes = relationship(example_path, 0)["notes"]
    assert notes.startswith("Commuters want speed") and notes.endswith("order. Loyalty card.")


async def test_switching_segment_writes_to_the_other_segment(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "down", "enter")
        await pilot.pause()
        segment_line = str(app.screen.query_one("#relationships-segment").render())
        assert "Segment 2/2: Offices near the station" in segment_line
        assert "Niche" in segment_line
        # Offices have personal assistance; the first type is self-service.
        await pilot.press("home", "space")
        await pilot.pause()
    assert relationship(example_path, 1)["types"] == ["personal-assistance", "self-service"]
    assert relationship(example_path, 0)["types"] == ["self-service", "automated-services"]
    assert app.current_segment_id == "offices"


async def test_the_next_segment_starts_at_its_first_question(example_path):
    """Left on the motivations of one segment, Ctrl+N then Space ticks the next segment's
    first type, not one of its motivations."""
    app = make_app(at_relationships(example_path))
    motivations_before = relationship(example_path, 1)["motivations"]
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#relationships-motivations").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused.id == "relationships-types"
        await pilot.press("home", "space")
        await pilot.pause()
    assert relationship(example_path, 1)["types"] == ["personal-assistance", "self-service"]
    assert relationship(example_path, 1)["motivations"] == motivations_before


async def test_the_list_shows_the_segment_after_switching(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "down", "enter")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#relationships-types").selected == ["personal-assistance"]
        assert screen.query_one("#relationships-cost").selected == ["medium"]
        assert screen.query_one("#relationships-notes").text == ""


async def test_quick_flow_asks_only_the_types_and_what_they_are_for(example_path):
    app = make_app(at_relationships(example_path), flow="quick")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for key in ("expected", "established", "cost", "notes"):
            assert not screen.query(f"#relationships-{key}")
        assert screen.query_one("#relationships-motivations").selected == ["acquisition", "retention"]
        await pilot.press("home", "down", "down", "space")  # personal assistance
        await pilot.pause()
    saved_relationship = relationship(example_path, 0)
    assert saved_relationship["types"] == ["self-service", "automated-services", "personal-assistance"]
    # What the quick flow does not ask stays as it was.
    assert saved_relationship["motivations"] == ["acquisition", "retention"]
    assert saved_relationship["notes"].startswith("Commuters want speed")


async def test_an_empty_relationship_is_not_written(canvas_path):
    canvas_path.write_text(ONE_SEGMENT, encoding="utf-8")
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("home", "space")
        await pilot.pause()
        assert relationship(canvas_path, 0) == {"types": ["self-service"], "status": "planned"}
        await pilot.press("space")
        await pilot.pause()
    assert "relationship" not in saved(canvas_path)["segments"][0]


async def test_segment_key_is_disabled_with_one_segment(canvas_path):
    canvas_path.write_text(ONE_SEGMENT, encoding="utf-8")
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.check_action("pick_segment", ()) is False  # hidden
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.screen.name == "relationships"  # no picker opened


async def test_no_segments_shows_a_message_and_no_fields(canvas_path):
    canvas_path.write_text('format = 1\nresume_at = "relationships"\n', encoding="utf-8")
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "space", "tab", "space")
        await pilot.pause()
        screen = app.screen
        assert screen.name == "relationships"
        assert screen.query_one("#relationships-empty").display
        assert not screen.query_one("#relationships-columns").display
        assert "No segments yet" in str(screen.query_one("#relationships-empty").render())
        assert screen.check_action("pick_segment", ()) is False  # hidden
    assert "segments" not in saved(canvas_path)


# issue 11: the facts from the rest of the model beside the questions


async def test_the_context_names_the_channels_and_offer_of_the_segment_at_80_columns(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Channels: Pre-order app (Evaluation, Purchase, After-sales; Own); The cart on" in shown
        assert "Offer: Pre-ordered coffee, Breakfast roll · Pick-up without queuing" in shown
        # Every question is on screen with it, the notes' words included.
        for label in ("Types you offer", "Segment expects", "Already in place",
                      "What the relationship is for", "Cost", "Notes", "Commuters want speed"):
            assert label in shown
        # The highlighted type is explained below the three lists, with its example.
        assert "Self-service (standard level): No direct contact" in shown
        await pilot.press("down", "down")
        await pilot.pause()
        assert "Personal assistance (personal touch): People help the customer before," in screen_text(app)


async def test_the_context_beside_the_questions_when_wide_follows_the_segment(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        context = str(app.screen.query_one("#relationships-context").render())
        assert "Market type: Mass market" in context and "Worth to you: not given" in context
        assert "- The cart on platform 2 (Awareness, Purchase, Delivery; Own)" in context
        assert "Gain creators: Cup ready at the chosen minute" in context
        await pilot.press("ctrl+n")  # the next segment
        await pilot.pause()
        context = str(app.screen.query_one("#relationships-context").render())
        assert "Market type: Niche" in context and "Pre-order app" not in context
        assert "Gain creators: none yet" in context


async def test_expected_types_are_saved_and_an_unoffered_one_is_a_gap(example_path):
    app = make_app(at_relationships(example_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")  # to what the segment expects
        assert app.focused.id == "relationships-expected"
        await pilot.press("home", "space", "end", "space")  # self-service and co-creation
        await pilot.pause()
        gaps = [f.brief for f in check_fit(app.document.canvas).gaps if f.segment_id == "commuters"]
        assert "expects co-creation, which is not offered" in gaps
    assert relationship(example_path, 0)["expected"] == ["self-service", "co-creation"]


async def test_a_first_visit_styles_the_screen_once_at_any_width(example_path, monkeypatch):
    """Made with its width's class (relationships-narrow or -wide) already: Textual added it
    at the screen's first Resize and restyled every widget of the screen again."""
    for width, expected in ((80, "relationships-narrow"), (120, "relationships-wide")):
        app = make_app(example_path)
        async with app.run_test(size=(width, 30)) as pilot:
            await pilot.pause()
            restyled: list[object] = []
            update_nodes = app.stylesheet.update_nodes
            monkeypatch.setattr(app.stylesheet, "update_nodes", lambda nodes, *a, **k: update_nodes(
                restyled.extend(nodes := list(nodes)) or nodes, *a, **k))
            await app.go_to_step("relationships")
            await pilot.pause()
            assert app.screen.has_class(expected)
            assert app.screen not in restyled
