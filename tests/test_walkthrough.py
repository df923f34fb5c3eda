"""The whole interview with the keyboard alone, and reopening where it stopped."""

from __future__ import annotations

from bmc_tui.tui.app import make_app
from bmc_tui.core import load_canvas
from bmc_tui.core.fit import check_fit

from .conftest import saved

SIZE = (80, 24)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def walk_segments(pilot) -> None:
    await type_text(pilot, "Commuters")
    await pilot.press("enter", "tab")
    await type_text(pilot, "People changing trains")
    await pilot.press("tab", "space")  # market: the first choice, mass market
    await pilot.press("tab", "space")  # worth: the first choice, low


async def walk_value(pilot) -> None:
    for text in ("Get to work on time", "Queue at the cafe", "Coffee ready on arrival"):
        await type_text(pilot, text)
        await pilot.press("enter", "tab")
    # Each offer item opens the link picker on Enter: Space ticks the one item, Enter keeps it.
    for text in ("Pre-ordered coffee", "Pick-up without queuing", "Cup ready at the minute"):
        await type_text(pilot, text)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
        await pilot.press("tab")


async def walk_channels(pilot) -> None:
    await type_text(pilot, "Pre-order app")
    await pilot.press("enter")
    await pilot.press("tab", "space")  # reach: direct
    await pilot.press("tab", "space")  # owner: own
    await pilot.press("tab", "space")  # medium: online
    await pilot.press("tab", "space", *["down", "space"] * 4)  # all five phases
    await pilot.press("tab", "space")  # serves the one segment
    await pilot.press("tab")
    await type_text(pilot, "Orders arrive first")
    await pilot.press("tab")
    await type_text(pilot, "Must be installed")
    await pilot.press("enter", "space")  # cost to run: low


async def walk_relationships(pilot) -> None:
    await pilot.press("space")  # types: self-service, the first
    await pilot.pause()  # what can be in place follows the types offered
    await pilot.press("tab", "space")  # expected: self-service
    await pilot.press("tab", "space")  # already in place: self-service
    await pilot.press("tab", "space")  # motivations: acquisition
    await pilot.press("down", "space")  # and retention: in place, it keeps customers too
    await pilot.press("tab", "space")  # cost: low
    await pilot.press("tab")
    await type_text(pilot, "Speed, not conversation")
    await pilot.press("enter")


async def test_all_five_steps_with_the_keyboard_alone(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        await walk_segments(pilot)
        await pilot.press("ctrl+n")
        assert app.current_mode == "value"
        await walk_value(pilot)
        await pilot.press("ctrl+n")
        assert app.current_mode == "channels"
        await walk_channels(pilot)
        await pilot.press("ctrl+n")
        assert app.current_mode == "relationships"
        await walk_relationships(pilot)
        await pilot.press("ctrl+n")
        assert app.current_mode == "fit"
        await pilot.press("ctrl+q")

    data = saved(canvas_path)
    assert data["resume_at"] == "fit"
    (segment,) = data["segments"]
    assert segment["name"] == "Commuters"
    assert segment["description"] == "People changing trains"
    assert segment["market"] == "mass"
    assert segment["worth"] == "low"
    assert segment["jobs"] == [{"id": "j1", "text": "Get to work on time"}]
    assert segment["pains"] == [{"id": "p1", "text": "Queue at the cafe"}]
    assert segment["gains"] == [{"id": "g1", "text": "Coffee ready on arrival"}]
    assert segment["products"] == [{"id": "ps1", "text": "Pre-ordered coffee", "serves": ["j1"]}]
    assert segment["pain_relievers"] == [
        {"id": "pr1", "text": "Pick-up without queuing", "relieves": ["p1"]}
    ]
    assert segment["gain_creators"] == [
        {"id": "gc1", "text": "Cup ready at the minute", "creates": ["g1"]}
    ]
    assert segment["relationship"] == {
        "types": ["self-service"],
        "expected": ["self-service"],
        "established": ["self-service"],
        "motivations": ["acquisition", "retention"],
        "status": "established",
        "cost": "low",
        "notes": "Speed, not conversation",
    }
    assert data["channels"] == [{
        "id": "pre-order-app",
        "name": "Pre-order app",
        "reach": "direct",
        "owner": "own",
        "medium": "online",
        "cost": "low",
        "phases": ["awareness", "evaluation", "purchase", "delivery", "after-sales"],
        "segments": ["commuters"],
        "advantages": "Orders arrive first",
        "challenges": "Must be installed",
    }]
    # A complete walk leaves the fit check nothing to report.
    assert check_fit(load_canvas(canvas_path)).findings == []


async def test_reopening_resumes_at_the_step_with_everything_kept(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        await walk_segments(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "Get to work on time")
        await pilot.press("enter")
        await pilot.press("ctrl+n", "ctrl+n")
        assert app.current_mode == "relationships"
        await pilot.press("space")
    before = saved(canvas_path)
    assert before["resume_at"] == "relationships"

    reopened = make_app(canvas_path)
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert reopened.current_mode == "relationships"
        # What was typed before is on screen again, in the value step too.
        await pilot.press("ctrl+p", "ctrl+p")
        assert reopened.current_mode == "value"
        editor = reopened.screen.query_one("#value-jobs")
        assert editor.texts == ["Get to work on time"]
        await pilot.press("ctrl+q")
    after = saved(canvas_path)
    assert after["segments"] == before["segments"]
    assert after["segments"][0]["relationship"]["types"] == ["self-service"]
    assert after["resume_at"] == "value"


async def test_the_quick_flow_end_to_end(canvas_path):
    app = make_app(canvas_path, flow="quick")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Commuters")
        await pilot.press("enter", "ctrl+n")
        for text in ("Get to work", "Queue", "Coffee ready"):
            await type_text(pilot, text)
            await pilot.press("enter", "tab")
        await pilot.press("ctrl+n")
        await type_text(pilot, "Pre-order app")
        await pilot.press("enter", "tab", "space")
        await pilot.press("ctrl+n", "space")  # types: self-service
        await pilot.press("tab", "space")  # what it is for: acquisition
        assert app.current_mode == "relationships"
        # The quick flow has no fit step: Ctrl+N on the last step does nothing.
        await pilot.press("ctrl+n")
        assert app.current_mode == "relationships"
    data = saved(canvas_path)
    assert data["format"] == 1
    segment = data["segments"][0]
    assert [segment[k][0]["text"] for k in ("jobs", "pains", "gains")] == [
        "Get to work", "Queue", "Coffee ready"
    ]
    assert data["channels"][0]["phases"] == ["awareness"]
    assert segment["relationship"]["types"] == ["self-service"]
    assert segment["relationship"]["motivations"] == ["acquisition"]


async def test_outline_jumps_by_arrows_or_step_number(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o", "down", "down", "enter")
        assert app.current_mode == "channels"
        await pilot.press("ctrl+o", "5")
        assert app.current_mode == "fit"
        await pilot.press("ctrl+o", "escape")
        assert app.current_mode == "fit"
    assert saved(example_path)["resume_at"] == "fit"


async def test_help_explains_the_step_its_questions_and_its_keys(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", "f1")
        await pilot.pause()
        text = app.screen.markdown()
        assert "# Value proposition" in text
        assert "**Pains**: What annoys them" in text  # a question's help from the flow
        assert r"- **\^l**  Link" in text and r"- **\^g**  Segment" in text
        assert "CC BY-SA 3.0" in text and "Strategyzer AG" in text
        await pilot.press("escape")
        assert app.current_mode == "value" and app.screen.name == "value"


async def test_words_not_yet_added_are_kept_for_the_next_session(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Commuters", "enter", *"Offi", "ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert [s["name"] for s in saved(canvas_path)["segments"]] == ["Commuters"]
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused.value == "Offi"
        # It looks like an entry: the user is told it is not one yet.
        assert [n.title for n in app._notifications] == ["Not added yet"]
        assert "back on its line (Segments)" in next(iter(app._notifications)).message
        await pilot.press(*"ces", "enter", "ctrl+q")
        await pilot.pause()
    assert [s["name"] for s in saved(canvas_path)["segments"]] == ["Commuters", "Offices"]
    # Added: the draft is gone, and with it the file that kept it.
    assert not (canvas_path.parent / ".canvas.toml.drafts").exists()


async def test_words_left_on_several_lists_are_told_with_their_steps(example_path):
    drafts = example_path.with_name(f".{example_path.name}.drafts")
    drafts.write_text('{"segments": "Nurses", "commuters/pains": "Rain", "elsewhere": "x"}', encoding="utf-8")
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The third is no list of this flow: not counted, not named.
        assert [n.message for n in app._notifications] == [
            "2 entries typed last time and not added are back on their lines (Segments, Value): "
            "Enter adds each."]
