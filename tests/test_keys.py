"""Keys that never destroy: a word typed on a list adds it; deleting asks, and no key typed
before the question answers it; Ctrl+Z brings back what was deleted; tick lists start at
the top for each record; pasted lines are entries, pasted newlines kept."""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App, ComposeResult

from bmc_tui.tui.app import make_app
from bmc_tui.tui.dialogs.ask import AskScreen
from bmc_tui.tui.dialogs.link_picker import LinkPickerScreen
from bmc_tui.tui.widgets import Choice, ChoiceList, ListEditor, TextBox

from .conftest import saved
from .test_key_bursts import burst, handled

SIZE = (80, 24)
VALUE_KINDS = ["jobs", "pains", "gains", "products", "pain_relievers", "gain_creators"]


def without_resume(data: dict) -> dict:
    """The canvas without the step to reopen at (moving between steps changes it)."""
    return {key: value for key, value in data.items() if key != "resume_at"}


def editor(app, selector: str) -> ListEditor:
    return app.screen.query_one(selector, ListEditor)


async def focus_list(pilot, selector: str) -> ListEditor:
    """Put the focus on a list's entries, as Esc or the link picker leave it."""
    found = editor(pilot.app, selector)
    found.focus_now(found.option_list)
    await pilot.pause()
    return found


async def type_on_list(pilot, selector: str, word: str) -> ListEditor:
    found = await focus_list(pilot, selector)
    burst(pilot.app, word)  # typed fast, as a founder does
    await handled(pilot)  # however slow the machine: no fixed wait
    assert pilot.app.focused is found.field
    assert found.field.value == word
    await pilot.press("enter")
    await pilot.pause()
    return found


# a word typed on a list


async def test_a_word_typed_on_the_segment_list_is_a_new_segment(example_path):
    before = saved(example_path)["segments"]
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_on_list(pilot, "#segments-list", "Students")
    segments = saved(example_path)["segments"]
    assert [s["name"] for s in segments] == [s["name"] for s in before] + ["Students"]
    assert segments[:2] == before


async def test_sunday_typed_on_the_channel_list_deletes_nothing(example_path):
    before = saved(example_path)["channels"]
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o", "3")  # the channels step
        await pilot.pause()
        await type_on_list(pilot, "#channels-list", "Sunday")
        assert not isinstance(app.screen, AskScreen)
    channels = saved(example_path)["channels"]
    assert channels[:3] == before
    assert channels[3]["name"] == "Sunday"


@pytest.mark.parametrize("kind", VALUE_KINDS)
async def test_words_typed_on_each_value_list_are_a_new_entry(example_path, kind):
    before = saved(example_path)["segments"][0]
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_on_list(pilot, f"#value-{kind}", "ready now")
        if isinstance(app.screen, LinkPickerScreen):  # an offer item: what does it address?
            await pilot.press("escape")
    segment = saved(example_path)["segments"][0]
    assert [i["text"] for i in segment[kind]] == [i["text"] for i in before[kind]] + ["ready now"]
    for other in VALUE_KINDS:
        if other != kind:
            assert segment[other] == before[other]


async def test_letters_on_a_list_are_never_commands(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        found = await focus_list(pilot, "#segments-list")
        await pilot.press("d", "y", "e", "a")
        assert not isinstance(app.screen, AskScreen)
        assert found.field.value == "dyea" and found.editing is None


# deleting asks, and an early key does not answer


async def test_y_typed_before_the_question_does_not_delete(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "#segments-list")
        early = events.Key("y", "y")  # typed with Delete, handled once the question is up
        await pilot.press("delete")
        assert isinstance(app.screen, AskScreen)
        app.post_message(early)
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        assert len(saved(example_path)["segments"]) == 2
        await pilot.press("enter")  # nor Enter
        assert isinstance(app.screen, AskScreen)
        await pilot.press("y")  # typed once the question is there: it answers
        await pilot.pause()
        assert not isinstance(app.screen, AskScreen)
    assert [s["id"] for s in saved(example_path)["segments"]] == ["offices"]


# undo


async def test_ctrl_z_brings_back_deleted_segments_one_by_one(example_path):
    before = saved(example_path)
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        said: list[str] = []
        app.say = lambda message, **_: said.append(message)
        found = await focus_list(pilot, "#segments-list")
        assert screen.check_action("undo", ()) is False  # nothing to undo: not in the footer
        await pilot.press("delete", "y")
        assert screen.check_action("undo", ()) is True
        found.focus_now(found.option_list)
        await pilot.press("delete", "y")
        assert "segments" not in saved(example_path)
        assert all("segments" not in c for c in saved(example_path)["channels"])
        await pilot.press("ctrl+z")
        assert [s["id"] for s in saved(example_path)["segments"]] == ["offices"]
        assert said == ["Brought back the segment 'Offices near the station'."]
        assert found.texts == ["Offices near the station"]  # the screen shows it again
        await pilot.press("ctrl+z")
        assert screen.check_action("undo", ()) is False
    assert without_resume(saved(example_path)) == without_resume(before)


async def test_ctrl_z_brings_back_a_deleted_job_with_its_links_and_a_channel(example_path):
    before = saved(example_path)
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await focus_list(pilot, "#value-jobs")
        await pilot.press("delete", "y")  # j1, served by the pre-ordered coffee
        assert saved(example_path)["segments"][0]["products"][0]["serves"] == ["j2"]
        await pilot.press("ctrl+o", "3")  # the channels step
        await pilot.pause()
        await focus_list(pilot, "#channels-list")
        await pilot.press("delete", "y")
        assert len(saved(example_path)["channels"]) == 2
        await pilot.press("ctrl+z", "ctrl+z")  # the channel, then the job: across steps
        await pilot.pause()
        assert editor(app, "#channels-list").texts[0] == "Pre-order app"
    assert without_resume(saved(example_path)) == without_resume(before)


async def test_ctrl_z_brings_back_what_the_fit_step_dropped(example_path):
    before = saved(example_path)
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o", "5")
        await pilot.pause()
        screen = app.screen
        await pilot.press("delete", "y")
        await pilot.pause()
        await pilot.press("delete", "y")
        await pilot.pause()
        assert saved(example_path) != before
        count = len(screen.report.findings)
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert len(screen.report.findings) > count  # the findings list shows them again
    assert without_resume(saved(example_path)) == without_resume(before)


# tick lists


async def test_each_channel_s_phases_start_at_the_top(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o", "3")  # the channels step
        await pilot.pause()
        phases = app.screen.query_one("#channels-phases", ChoiceList)
        phases.focus()
        await pilot.press("down", "down", "down")
        await focus_list(pilot, "#channels-list")
        await pilot.press("down")  # the cart
        phases.focus()
        await pilot.pause()
        assert phases.highlighted == 0
        await pilot.press("space")  # awareness: the cart had it, now it has not
        await pilot.pause()
    assert saved(example_path)["channels"][1]["phases"] == ["purchase", "delivery"]


async def test_each_segment_s_relationship_types_start_at_the_top(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o", "4")
        await pilot.pause()
        types = app.screen.query_one("#relationships-types", ChoiceList)
        types.focus()
        await pilot.press("down", "down", "down")
        await pilot.press("ctrl+g", "down", "enter")  # the offices
        await pilot.pause()
        assert types.highlighted == types.get_option_index(types.choices[0].value)
        types.focus()
        await pilot.press("space")
        await pilot.pause()
    relationship = saved(example_path)["segments"][1]["relationship"]
    assert relationship["types"] == ["personal-assistance", types.choices[0].value]


class OneChoiceList(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.reported: list[list[str]] = []

    def compose(self) -> ComposeResult:
        yield ChoiceList([Choice("a", "A"), Choice("b", "B")], multiple=True)

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        self.reported.append(event.values)


async def test_a_tick_list_shows_the_model_not_its_own_marks():
    app = OneChoiceList()
    async with app.run_test() as pilot:
        choices = app.query_one(ChoiceList)
        choices.focus()
        await pilot.press("space")
        await pilot.pause()
        assert app.reported == [["a"]]
        assert choices.selected == []  # nobody wrote it down: nothing is ticked
        choices.set_selected(["a"])
        assert choices.selected == ["a"]


# paste


async def test_three_pasted_lines_are_three_entries(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        jobs = editor(app, "#value-jobs")
        assert app.focused is jobs.field
        await pilot.press(*"Pay ")
        app.post_message(events.Paste("quickly\r\n\nFind a seat\n  Keep warm  \n"))
        await pilot.pause()
        assert jobs.field.value == ""
        assert app.focused is jobs.field
    texts = [job["text"] for job in saved(example_path)["segments"][0]["jobs"]]
    assert texts[2:] == ["Pay quickly", "Find a seat", "Keep warm"]


async def test_lines_pasted_on_a_list_of_products_ask_nothing(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await focus_list(pilot, "#value-products")
        app.post_message(events.Paste("Tea\nCake"))
        await pilot.pause()
        assert not isinstance(app.screen, LinkPickerScreen)
    texts = [p["text"] for p in saved(example_path)["segments"][0]["products"]]
    assert texts[2:] == ["Tea", "Cake"]


async def test_a_pasted_description_keeps_its_newlines(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        description = app.screen.query_one("#segments-description", TextBox)
        description.focus()
        await pilot.pause()
        description.clear()
        app.post_message(events.Paste("Changing trains\nbetween 7 and 9"))
        await pilot.pause()
        await pilot.press("ctrl+j", *"4,000 a day", "enter")
        await pilot.pause()
        assert app.focused is not description  # Enter goes on to the next question
    assert saved(example_path)["segments"][0]["description"] == (
        "Changing trains\nbetween 7 and 9\n4,000 a day"
    )
