"""The value proposition step, driven by keys; assertions are on the saved TOML."""

from __future__ import annotations

from bmc_tui.tui.app import make_app
from bmc_tui.tui.dialogs.ask import AskScreen as ConfirmScreen
from bmc_tui.tui.dialogs.link_picker import LinkPickerScreen
from bmc_tui.tui.dialogs.segment_picker import SegmentPickerScreen
from bmc_tui.tui.screens.value import ValueScreen

from .conftest import saved
from .test_hostile_texts import screen_text
from .test_key_bursts import handled

SIZE = (80, 24)


def items(path, segment: int, kind: str) -> list[dict]:
    return saved(path)["segments"][segment].get(kind, [])


async def open_value_step(pilot) -> None:
    """From the example (which opens at the segments step) to the value step."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ValueScreen)


async def test_typing_adds_jobs_pains_and_gains_tab_moves_between_lists(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Commuters", "enter", "ctrl+n")
        await pilot.pause()
        await pilot.press(*"Catch the train", "enter", *"Eat on the way", "enter", "tab")
        await pilot.press(*"Long queues", "enter", "tab")
        await pilot.press(*"Coffee ready", "enter")
        await pilot.pause()
    segment = saved(canvas_path)["segments"][0]
    assert segment["jobs"] == [
        {"id": "j1", "text": "Catch the train"},
        {"id": "j2", "text": "Eat on the way"},
    ]
    assert segment["pains"] == [{"id": "p1", "text": "Long queues"}]
    assert segment["gains"] == [{"id": "g1", "text": "Coffee ready"}]
    assert saved(canvas_path)["resume_at"] == "value"


async def test_a_product_is_linked_at_entry_and_esc_leaves_the_next_unlinked(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_value_step(pilot)
        await pilot.press("tab", "tab", "tab", *"Seat finder", "enter")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LinkPickerScreen)
        assert picker.title_text == "Which jobs does it help with?"  # the flow's link_label
        assert picker.targets == [("j1", "Get to the office on time"), ("j2", "Have breakfast on the way")]
        await pilot.press("down", "space", "enter")
        await pilot.pause()
        # Esc keeps the item unlinked and the cursor stays where the next one is typed.
        await pilot.press(*"Loyalty card", "enter", "escape", *"Gift voucher", "enter", "escape")
        await pilot.pause()
    products = items(example_path, 0, "products")
    assert products[2] == {"id": "ps3", "text": "Seat finder", "serves": ["j2"]}
    assert [p["text"] for p in products[3:]] == ["Loyalty card", "Gift voucher"]
    assert all(not p.get("serves") for p in products[3:])


async def test_a_pain_reliever_is_linked_later_with_the_link_key(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_value_step(pilot)
        # Products list, second item (Breakfast roll, unlinked): l opens the picker.
        await pilot.press("tab", "tab", "tab", "escape", "down", "ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LinkPickerScreen)
        assert app.screen.initial == []
        await pilot.press("space", "enter")
        # Pain relievers: change the links of the first one (p1, p2 -> p2).
        await pilot.press("tab", "ctrl+l")
        await pilot.pause()
        assert app.screen.initial == ["p1", "p2"]
        await pilot.press("space", "enter")
        await pilot.pause()
    assert items(example_path, 0, "products")[1]["serves"] == ["j1"]
    assert items(example_path, 0, "pain_relievers")[0]["relieves"] == ["p2"]


async def test_the_link_key_is_disabled_on_profile_lists(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_value_step(pilot)
        screen = app.screen
        assert screen.check_action("link", ()) is False  # in the jobs field: never applies, hidden
        await pilot.press("escape")  # to the jobs list
        assert screen.check_action("link", ()) is False
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("tab", "tab", "tab")  # the products list
        assert screen.check_action("link", ()) is True
    assert items(example_path, 0, "jobs")[0]["text"] == "Get to the office on time"


async def test_editing_an_item_keeps_its_id_and_links(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_value_step(pilot)
        await pilot.press("escape", "f2", "ctrl+u", *"Be at work by nine", "enter")
        await pilot.pause()
    assert items(example_path, 0, "jobs")[0] == {"id": "j1", "text": "Be at work by nine"}
    assert items(example_path, 0, "products")[0]["serves"] == ["j1", "j2"]


async def test_deleting_a_job_asks_first_and_removes_links_to_it(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_value_step(pilot)
        await pilot.press("escape", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(items(example_path, 0, "jobs")) == 2
        await pilot.press("delete", "y")
        await pilot.pause()
    assert items(example_path, 0, "jobs") == [{"id": "j2", "text": "Have breakfast on the way"}]
    assert items(example_path, 0, "products")[0]["serves"] == ["j2"]


async def test_reordering_moves_items_in_the_file(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_value_step(pilot)
        await pilot.press("tab", "escape", "shift+down")  # pains: first one down
        await pilot.pause()
    assert [p["id"] for p in items(example_path, 0, "pains")] == ["p2", "p1"]


async def test_the_segment_key_switches_the_segment_written_to(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_value_step(pilot)
        line = app.screen.query_one("#value-segment")
        assert "Segment 1/2: Morning commuters" in str(line.render())
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, SegmentPickerScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Segment 2/2: Offices near the station" in str(line.render())
        await pilot.press(*"Book a meeting room", "enter")
        await pilot.pause()
    assert items(example_path, 1, "jobs")[-1] == {"id": "j2", "text": "Book a meeting room"}
    assert len(items(example_path, 0, "jobs")) == 2


async def test_the_quick_flow_caps_lists_at_three_and_hides_the_offer(canvas_path):
    app = make_app(canvas_path, flow="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Commuters", "enter", "ctrl+n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ValueScreen)
        for kind in ("products", "pain_relievers", "gain_creators"):
            assert not screen.query(f"#value-{kind}")
        # The fourth entry goes to the next list: jobs stop at three.
        for text in ("A", "B", "C", "D"):
            await pilot.press(*f"Job {text}", "enter")
        await pilot.pause()
    segment = saved(canvas_path)["segments"][0]
    assert [j["text"] for j in segment["jobs"]] == ["Job A", "Job B", "Job C"]
    assert [p["text"] for p in segment["pains"]] == ["Job D"]
    assert "products" not in segment


async def test_without_segments_the_step_says_so_and_shows_no_lists(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#value-empty").display
        assert not screen.query_one("#value-body").display
        assert screen.focused is None
        assert screen.check_action("pick_segment", ()) is False  # hidden: nothing to pick
        await pilot.press(*"stray", "enter")
        await pilot.pause()
    assert not canvas_path.exists()


async def test_the_next_segment_starts_at_its_first_list(example_path):
    """Typed on the gains of one segment, then Ctrl+N: the next words are the next
    segment's first job, not one of its gains."""
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_value_step(pilot)
        await pilot.press("tab", "tab", *"Warm hands", "enter", "ctrl+n", *"Book a meeting room", "enter")
        await handled(pilot)
        assert app.screen.focused is app.screen.query_one("#value-jobs").field
    assert items(example_path, 0, "gains")[-1]["text"] == "Warm hands"
    assert items(example_path, 1, "jobs")[-1]["text"] == "Book a meeting room"
    assert [g["text"] for g in items(example_path, 1, "gains")] == ["Look good in front of clients"]


async def test_each_lists_entry_line_is_right_under_its_last_entry(example_path):
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_value_step(pilot)
        for editor in app.screen.query("#value-body ListEditor"):
            entries, line = editor.option_list.region, editor.field.region
            assert line.y == entries.bottom, editor.id
            assert str(editor.field.placeholder).startswith("+ ")


async def test_a_long_entry_is_cut_and_its_link_count_stays_whole(example_path):
    long = "A very long product name that cannot fit in half of eighty columns"
    app = make_app(example_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_value_step(pilot)
        await pilot.press("tab", "tab", "tab", *long, "enter")
        await pilot.pause()
        await pilot.press("space", "enter")  # the link picker: the first job
        await handled(pilot)
        shown = screen_text(app)
    row = next(line for line in shown.splitlines() if "A very long" in line)
    assert "…  → 1 job" in row
    assert items(example_path, 0, "products")[-1]["text"] == long


async def test_deleting_the_last_entry_leaves_the_focus_on_the_entry_line(canvas_path):
    app = make_app(canvas_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Commuters", "enter", "ctrl+n")
        await pilot.pause()
        await pilot.press(*"Catch the train", "enter", "escape", "delete")
        await pilot.pause()
        await pilot.press("y")
        await handled(pilot)
        jobs = app.screen.query_one("#value-jobs")
        assert app.screen.focused is jobs.field
        await pilot.press(*"Eat on the way", "enter")
        await handled(pilot)
    assert [job["text"] for job in items(canvas_path, 0, "jobs")] == ["Eat on the way"]


async def test_a_list_counts_its_height_as_it_draws_it(example_path):
    # A list's height is counted (its entries' lines), not measured by drawing every entry:
    # the count must match the drawn height, with notes ("→ 2 jobs"), a channel's warning
    # line, long entries and control characters, at any width.
    from textual.geometry import Size
    from textual.widgets import OptionList

    from bmc_tui.tui.widgets.list_editor import EntryList

    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_value_step(pilot)
        await pilot.press(*"A very long job with\ta tab and many words after it to be cut", "enter")
        await pilot.pause()
        lists = list(app.screen.query(EntryList))
        await app.go_to_step("channels")  # "Station posters" serves no segment: two lines
        await pilot.pause()
        lists += app.screen.query(EntryList)
        assert any(entry_list.option_count > 2 for entry_list in lists)
        assert any("\n" in str(option.prompt) for entry_list in lists for option in entry_list.options)
        for entry_list in lists:
            for width in (8, 30, 76):
                size = Size(width, 20)
                drawn = OptionList.get_content_height(entry_list, size, size, width)
                assert entry_list.get_content_height(size, size, width) == drawn
