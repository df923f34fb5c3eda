"""Texts are text: markup and escape sequences from a canvas, a flow or the keyboard are
shown as typed, control characters as visible symbols, and never obeyed."""

from __future__ import annotations

import html
import re

import pytest
import tomli_w
from textual.geometry import Region
from textual.widgets import Markdown

from bmc_tui.tui.app import make_app
from bmc_tui.core.flow import load_flow
from bmc_tui.core import load_canvas, save_canvas
from bmc_tui.core.text import visible, visible_line
from bmc_tui.tui.dialogs.ask import AskScreen as ConfirmScreen
from bmc_tui.tui.dialogs.help import HelpScreen
from bmc_tui.tui.dialogs.link_picker import LinkPickerScreen
from bmc_tui.tui.dialogs.outline import OutlineScreen
from bmc_tui.tui.dialogs.segment_picker import SegmentPickerScreen
from bmc_tui.tui.widgets import TextBox

from .conftest import next_step, saved
from .hostile import (
    MARKUP, PAYLOADS, SYMBOLS, hostile_canvas, hostile_flow_data, write_hostile_canvas,
    write_hostile_flow,
)

SIZE = (200, 100)
STEPS = ["segments", "value", "channels", "relationships", "fit"]
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_SVG_TEXT = re.compile(
    r'<text[^>]*?\bx="([\d.]+)"[^>]*?\by="([\d.]+)"[^>]*?textLength="([\d.]+)"[^>]*>(.*?)</text>', re.S
)


def screen_text(app) -> str:
    """What the terminal shows, one row a line (read from Textual's own screenshot)."""
    spans = [(float(x), float(y), float(w), html.unescape(t))
             for x, y, w, t in _SVG_TEXT.findall(app.export_screenshot())]
    spans = [span for span in spans if span[3]]
    cell = min(w / len(t) for _, _, w, t in spans)
    left = min(x for x, *_ in spans)
    rows: dict[float, dict[int, str]] = {}
    for x, y, _, text in spans:
        row = rows.setdefault(y, {})
        for offset, character in enumerate(text):
            row[round((x - left) / cell) + offset] = character
    return "\n".join(
        "".join(row.get(i, " ") for i in range(max(row) + 1)).replace("\xa0", " ")
        for _, row in sorted(rows.items())
    )


def widget_texts(app) -> list[str]:
    """What each widget on show draws, its lines joined without white space: a text that
    wraps in a narrow list still reads whole."""
    texts = []
    for widget in app.screen.query("*"):
        if widget.display and widget.region.area:
            width, height = widget.size
            lines = widget.render_lines(Region(0, 0, width, height))
            texts.append("".join("".join(strip.text.split()) for strip in lines))
    return texts


def assert_literal(app, *texts: str) -> str:
    """The screen shows each text as typed (control characters as symbols), no raw control
    character, and no markup was read from it."""
    shown = screen_text(app)
    assert not CONTROLS.findall(shown), shown
    drawn = widget_texts(app)
    for text in texts:
        wanted = "".join(visible_line(text).split())
        assert any(shows(widget, wanted) for widget in drawn), f"{wanted!r} not on screen:\n{shown}"
    return shown


def shows(drawn: str, wanted: str) -> bool:
    """``wanted`` is drawn whole, or (a list entry, a title on one line) its start cut with "…"."""
    if wanted in drawn:
        return True
    start = min(len(wanted), 12)
    return any(wanted[:cut] + "…" in drawn for cut in range(start, len(wanted)))


@pytest.fixture
def hostile_path(tmp_path):
    path = tmp_path / "hostile.toml"
    write_hostile_canvas(path)
    return path


@pytest.fixture
def hostile_flow(tmp_path):
    return str(write_hostile_flow(tmp_path / "hostile-flow.toml"))


def test_visible_shows_every_control_character_and_keeps_the_rest():
    assert visible("a\x1b]0;x\x07b") == "a\u241b]0;x\u2407b"
    assert visible("\x00\x7f\x9b\x9d") == "\u2400\u2421\ufffd\ufffd"
    assert visible("one\ntwo\tthree") == "one\ntwo\tthree"
    assert visible_line("one\ntwo\tthree\r") == "one\u21b5two\tthree\u240d"
    assert visible("[/] é 日本 👍") == "[/] é 日本 👍"
    every = "".join(map(chr, range(0x100)))
    assert len(visible(every)) == len(every)  # one symbol per character: positions agree
    assert not CONTROLS.findall(visible_line(every))


async def test_every_step_shows_the_canvas_texts_as_typed(hostile_path):
    canvas = load_canvas(hostile_path)
    first, second = canvas.segments
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert_literal(app, first.name, second.name, first.description)
        await next_step(pilot)
        items = [item.text for kind in ("jobs", "pains", "gains", "products") for item in first.items(kind)]
        assert_literal(app, first.name, first.description, *items)
        await next_step(pilot)
        channel = canvas.channels[0]
        assert_literal(app, *(c.name for c in canvas.channels), channel.advantages, channel.challenges)
        await next_step(pilot)
        assert_literal(app, first.name, second.name, first.relationship.notes)
        await next_step(pilot)
        shown = assert_literal(app, first.name, second.name, canvas.channels[1].name)
        for symbol in SYMBOLS:
            assert symbol in shown
        assert app.current_step == "fit"
        assert app.is_running
    # Nothing was edited: the file is as it was, but for the step to reopen at.
    canvas.resume_at = "fit"
    assert load_canvas(hostile_path) == canvas


async def test_the_title_and_the_step_bar_show_literally(hostile_path):
    canvas = load_canvas(hostile_path)
    async with make_app(hostile_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = assert_literal(pilot.app, canvas.title)
        assert "1 Segments" in shown.splitlines()[0]


async def open_modal(pilot, keys: list[str], kind: type, *texts: str) -> str:
    """Press ``keys``; the modal they open shows ``texts`` literally. Returns the screen."""
    await pilot.press(*keys)
    await pilot.pause()
    assert isinstance(pilot.app.screen, kind)
    return assert_literal(pilot.app, *texts)


async def test_every_modal_shows_the_canvas_texts_as_typed(hostile_path):
    canvas = load_canvas(hostile_path)
    first, second = canvas.segments
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        # Deleting a segment quotes its name.
        await open_modal(pilot, ["escape", "delete"], ConfirmScreen, f"Delete the segment '{first.name}'?")
        await pilot.press("n", "ctrl+n")
        await open_modal(pilot, ["ctrl+g"], SegmentPickerScreen, first.name, second.name)
        await pilot.press("escape")
        # From the products list: the product and the jobs it may serve.
        products = ["tab", "tab", "tab", "escape", "ctrl+l"]
        await open_modal(pilot, products, LinkPickerScreen, first.products[0].text, first.jobs[0].text)
        await open_modal(pilot, ["escape", "ctrl+o"], OutlineScreen)
        await open_modal(pilot, ["escape", "f1"], HelpScreen)
        await pilot.press("escape", "ctrl+o", "5")
        await pilot.pause()
        assert app.current_step == "fit"
        # The first finding: the first segment's product that serves no job.
        idle = first.products[1].text
        await open_modal(pilot, ["l"], LinkPickerScreen, idle, first.jobs[0].text)
        await open_modal(pilot, ["escape", "delete"], ConfirmScreen, f"Drop '{idle}'?")
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
    canvas.resume_at = "fit"
    assert load_canvas(hostile_path) == canvas


async def test_the_flow_texts_show_literally_everywhere(hostile_path, hostile_flow):
    flow = load_flow(hostile_flow)
    app = make_app(hostile_path, flow=flow)
    async with app.run_test(size=SIZE) as pilot:
        for step in flow.steps:
            await pilot.pause()
            assert app.current_step == step.id
            texts = [step.intro, step.texts.get("list_title", step.intro)]
            labels = [q.label for q in step.questions if q.key not in ("name", "fit")]
            assert_literal(app, *texts, *labels[:2])
            await pilot.press("f1")
            await pilot.pause()
            shown = assert_literal(app)
            # Titles and labels read as written, not as Markdown; the help stays Markdown.
            assert visible_line(step.title) in shown.replace("\n", "")
            assert "OPENME and RUNME" in shown
            await pilot.press("escape", "ctrl+o")
            await pilot.pause()
            assert_literal(app, *(s.short for s in flow.steps))  # the step bar's names
            await pilot.press("escape")
            if step is not flow.steps[-1]:
                await next_step(pilot)
        assert app.is_running


async def test_choice_lists_show_the_flows_labels_and_explanations(hostile_path, hostile_flow):
    flow = load_flow(hostile_flow)
    market = flow.step("segments").question("market")
    app = make_app(hostile_path, flow=flow)
    async with app.run_test(size=(300, 60)) as pilot:
        await pilot.pause()
        assert_literal(app, market.options[0].label, market.options[0].explanation)


async def test_links_in_the_help_open_nothing_and_run_nothing(hostile_path, hostile_flow, monkeypatch):
    clicked: list[Markdown.LinkClicked] = []
    opened: list[str] = []
    app = make_app(hostile_path, flow=hostile_flow)
    monkeypatch.setattr(app, "open_url", lambda url, **kwargs: opened.append(url))

    def hook(message) -> None:
        if isinstance(message, Markdown.LinkClicked):
            clicked.append(message)

    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        paragraph = next(
            block for block in app.screen.query("MarkdownParagraph")
            if "OPENME" in str(block.render())
        )
        await pilot.click(paragraph, offset=(1, 0))  # OPENME: a web address
        await pilot.click(paragraph, offset=(len("OPENME and R"), 0))  # RUNME: app.quit
        await pilot.pause()
        # Both were clicked (the message passes every node on its way up)...
        assert {message.href for message in clicked} == {"https://example.com/x", "app.quit"}
        # ...and neither opened nor ran anything.
        assert opened == []
        assert app.is_running and isinstance(app.screen, HelpScreen)


async def test_a_click_on_markup_in_a_name_runs_nothing(tmp_path, monkeypatch):
    path = tmp_path / "click.toml"
    canvas = hostile_canvas()
    canvas.segments[0].name = "Row [@click=app.screenshot('x.txt','/tmp')]hit"
    save_canvas(canvas, path)
    ran: list[tuple] = []
    app = make_app(path)
    monkeypatch.setattr(app, "action_screenshot", lambda *args: ran.append(args))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "delete")  # the confirmation quotes the name
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        title = app.screen.query_one(".modal-title")
        first_line = title.render_lines(Region(0, 0, title.size.width, 1))[0].text
        # Just after "Row ": read as markup, the clickable "hit" would be there.
        await pilot.click(title, offset=(first_line.index("'Row ") + len("'Row "), 0))
        await pilot.pause()
        assert ran == [] and app.is_running
        assert_literal(app, canvas.segments[0].name)
        await pilot.press("n")


async def test_typed_markup_is_saved_exactly_and_shown_literally(hostile_path):
    typed = "[bold]Mine[/bold] [/] [@click=app.quit]q"
    before = load_canvas(hostile_path)
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*typed, "enter")
        await pilot.pause()
        assert_literal(app, typed)
        assert app.is_running
    after = load_canvas(hostile_path)
    assert after.segments[-1].name == typed
    # The hostile texts around it are kept exactly.
    assert after.segments[:2] == before.segments
    assert after.channels == before.channels and after.title == before.title


async def test_a_field_holding_escapes_shows_symbols_and_keeps_the_exact_text(hostile_path):
    canvas = load_canvas(hostile_path)
    description = canvas.segments[0].description
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#segments-description", TextBox)
        assert field.text == description
        assert_literal(app, description)
        # An edit at the end of the field: the symbols are only for showing.
        field.focus()
        await pilot.press("!", "tab")  # focus puts the cursor at the end
        await pilot.pause()
        assert field.text == description + "!"
        assert_literal(app, description + "!")
    assert saved(hostile_path)["segments"][0]["description"] == description + "!"


async def test_placeholders_from_the_flow_show_symbols(canvas_path, tmp_path):
    data = hostile_flow_data()
    placeholder = "[b]x \x1b]0;PWNED\x07"  # short: the entry line is narrow
    data["steps"][0]["questions"][0]["placeholder"] = placeholder
    flow_path = tmp_path / "flow.toml"
    flow_path.write_text(tomli_w.dumps(data), encoding="utf-8")
    flow = load_flow(str(flow_path))
    assert flow.steps[0].questions[0].placeholder == placeholder
    async with make_app(canvas_path, flow=flow).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert_literal(pilot.app, placeholder)


def test_the_corpus_holds_every_kind_of_hostile_text():
    # Guards the corpus itself: the tests above are only as good as it.
    assert "[/]" in MARKUP and any("@click" in m for m in MARKUP)
    joined = "".join(PAYLOADS)
    for needle in ("\x1b]0;", "\x1b]52;", "\x1b]8;", "\x1b[", "\x9b", "\x9d", "\x07", "\x00", "\x7f"):
        assert needle in joined


def test_a_refused_flow_is_reported_without_its_escape_sequences(tmp_path, capsys):
    flow = tmp_path / "bad-flow.toml"
    flow.write_text(
        '[[steps]]\nid = "segments"\n[steps.texts]\n"\\u001b]0;PWNED\\u0007" = 1\n', encoding="utf-8"
    )
    from bmc_tui import cli

    assert cli.main([str(tmp_path / "c.toml"), "--flow", str(flow)]) == 2
    error = capsys.readouterr().err
    assert "\x1b" not in error and "\x07" not in error
    assert "\u241b]0;PWNED\u2407" in error
