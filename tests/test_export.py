"""``bmc-tui export``: the Markdown report (golden files) and the SVG drawing (parsed, measured)."""

from __future__ import annotations

import contextlib
import io
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings

from bmc_tui import cli
from bmc_tui.core import Canvas, Channel, Item, Segment, load_canvas
from bmc_tui.core.text import visible_line
from bmc_tui.outputs.canvas_blocks import CREDIT, canvas_blocks
from bmc_tui.outputs.markdown import canvas_markdown, markdown_line, markdown_paragraph
from bmc_tui.outputs.svg import PADDING, PAGE_WIDTH, canvas_svg, text_width, wrap

from .golden import SECOND_CANVAS, assert_golden, files, run_command  # noqa: F401 (files: a fixture)
from .test_import_hygiene import forbidden_after
from .test_storage_properties import canvases

SVG = "{http://www.w3.org/2000/svg}"


def export(capsys, *argv: str) -> tuple[int, str, str]:
    return run_command(capsys, "export", *argv)


# --- Markdown -----------------------------------------------------------------------


@pytest.mark.parametrize("which", [0, 1], ids=["example", "second"])
def test_markdown_report(files, capsys, which):
    status, out, _ = export(capsys, files[which], "--to", "md", "-o", "-")
    assert status == 0
    assert_golden(files[which].replace(".toml", ".md"), out)


@pytest.mark.parametrize("text, written", [
    ("*new* [beta](x) <b>", r"\*new\* \[beta\](x) \<b\>"),
    ("# not a heading", r"\# not a heading"),
    ("- not a list", r"\- not a list"),
    ("1. not a list", r"1\. not a list"),
    ("a | b ~c~ `d` _e_ &amp; \\", r"a \| b \~c\~ \`d\` \_e\_ \&amp; \\"),
    ("line\nbreak\x1b", "line↵break␛"),
])
def test_markdown_escapes_what_markdown_would_read(text, written):
    assert markdown_line(text) == written


def test_a_paragraph_keeps_its_lines_and_escapes_each_start():
    assert markdown_paragraph("one\n- two\n= three") == "one\\\n\\- two\\\n\\= three"


# --- where the export goes -----------------------------------------------------------


def test_writes_beside_the_file_and_never_overwrites(files, capsys):
    assert export(capsys, files[0], "--to", "svg")[0] == 0
    written = open("coffee-cart.svg", encoding="utf-8").read()
    with open("coffee-cart.svg", "w", encoding="utf-8") as stream:
        stream.write("mine")
    status, _, err = export(capsys, files[0], "--to", "svg")
    assert status == 2 and "already exists" in err
    assert open("coffee-cart.svg", encoding="utf-8").read() == "mine"
    assert export(capsys, files[0], "--to", "svg", "--force")[0] == 0
    assert open("coffee-cart.svg", encoding="utf-8").read() == written


def test_writes_where_told(files, capsys, tmp_path):
    status, out, _ = export(capsys, files[0], "--to", "md", "-o", "plan/report.md")
    assert status == 2 and out == "", "a folder that does not exist is not made"
    (tmp_path / "plan").mkdir()
    assert export(capsys, files[0], "--to", "md", "-o", "plan/report.md")[0] == 0
    assert (tmp_path / "plan" / "report.md").read_text(encoding="utf-8").startswith("# Station coffee cart\n")


def test_never_writes_over_the_canvas_itself(tmp_path, capsys, example_path):
    canvas = example_path.with_suffix(".md")
    example_path.rename(canvas)
    before = canvas.read_bytes()
    status, _, err = export(capsys, str(canvas), "--to", "md", "--force")
    assert status == 2 and "the canvas itself" in err
    assert canvas.read_bytes() == before


def test_an_unreadable_canvas_exits_2_naming_the_place(tmp_path, capsys):
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\ntitle = 3\n', encoding="utf-8")
    status, out, err = export(capsys, str(broken), "--to", "svg", "-o", "-")
    assert (status, out) == (2, "")
    assert err.startswith(f"{broken}: this file cannot be opened as a canvas.\n  title:")
    assert export(capsys, str(tmp_path / "none.toml"), "--to", "md")[0] == 2


def test_export_never_loads_textual(example_path):
    statement = (
        "import contextlib, io\nfrom bmc_tui import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    cli.main(['export', {str(example_path)!r}, '--to', 'svg', '-o', '-'])\n"
        f"    cli.main(['export', {str(example_path)!r}, '--to', 'md', '-o', '-'])"
    )
    assert not forbidden_after(statement)


# --- the SVG ---------------------------------------------------------------------------


def drawn(canvas: Canvas) -> ET.Element:
    return ET.fromstring(canvas_svg(canvas))


def texts(element: ET.Element, css_class: str | None = None) -> list[ET.Element]:
    return [t for t in element.iter(f"{SVG}text") if css_class is None or t.get("class") == css_class]


def flat(text: str) -> str:
    return "".join(text.split())


def assert_every_text_inside_its_box(root: ET.Element) -> None:
    for block in root.iter(f"{SVG}g"):
        if block.get("class") != "block":
            continue
        left, top = float(block.get("data-x")), float(block.get("data-y"))
        right = left + float(block.get("data-width")) - PADDING
        bottom = top + float(block.get("data-height")) - PADDING
        for text in texts(block):
            width = text_width(text.text or "", float(text.get("font-size")), text.get("font-weight") == "bold")
            x = float(text.get("x")) - (width / 2 if text.get("text-anchor") == "middle" else 0)
            assert left + PADDING <= x and x + width <= right, f"{text.text!r} runs past {block.get('id')}"
            assert float(text.get("y")) <= bottom, f"{text.text!r} runs below {block.get('id')}"
    for text in texts(root):
        width = text_width(text.text or "", float(text.get("font-size")), text.get("font-weight") == "bold")
        start = float(text.get("x")) - {"end": width, "middle": width / 2}.get(text.get("text-anchor"), 0)
        assert 0 <= start and start + width <= PAGE_WIDTH, f"{text.text!r} runs off the page"


@pytest.mark.parametrize("path", ["example", SECOND_CANVAS], ids=["example", "second"])
def test_the_svg_holds_every_item_inside_its_block(path, example_path):
    canvas = load_canvas(example_path if path == "example" else path)
    root = drawn(canvas)
    assert not texts(root, "more"), "everything fits on these canvases"
    shown = flat("".join(t.text or "" for t in texts(root, "line")))
    for segment in canvas.segments:
        assert flat(visible_line(segment.name)) in shown
        for kind in ("jobs", "pains", "gains", "products", "pain_relievers", "gain_creators"):
            for item in segment.items(kind):
                assert flat(visible_line(item.text)) in shown, item.text
    for channel in canvas.channels:
        assert flat(visible_line(channel.name)) in shown
    assert CREDIT in [t.text for t in texts(root, "credit")]
    assert [t.text for t in texts(root, "legend")][-len(canvas.segments):] == [s.name for s in canvas.segments]
    assert_every_text_inside_its_box(root)


def crowded_canvas(segment_count: int = 12, items: int = 30) -> Canvas:
    long_word = "Donaudampfschifffahrtsgesellschaftskapitän" * 3
    segments = [
        Segment(f"s{n}", f"Segment number {n} with a rather long name {long_word}",
                jobs=[Item(f"j{i}", f"Job {i} of segment {n}, which takes a few words to say")
                      for i in range(items)],
                products=[Item("ps1", long_word)])
        for n in range(segment_count)
    ]
    channels = [Channel(f"c{n}", f"Channel {n} 日本語のテキスト 👩‍👩‍👧", phases=["awareness"],
                        segments=[s.id for s in segments]) for n in range(20)]
    return Canvas(title="W" * 300, segments=segments, channels=channels)


def test_a_crowded_block_says_how_many_more_and_nothing_spills():
    canvas = crowded_canvas()
    root = drawn(canvas)
    assert_every_text_inside_its_box(root)
    blocks = {block.id: block for block in canvas_blocks(canvas)}
    crowded = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "block" or not blocks[group.get("id")].customer_side:
            continue
        shown = [g for g in group if g.get("class") in ("entry", "heading")]
        more = [int(t.text.removeprefix("+").removesuffix(" more")) for t in texts(group, "more")]
        assert len(shown) + sum(more) == len(blocks[group.get("id")].entries), group.get("id")
        if more:
            crowded.append(group.get("id"))
    assert {"customer-segments", "value-propositions", "channels"} <= set(crowded)
    legend_more = [t.text for t in texts(root, "more") if t not in texts(root.find(f"{SVG}g[@id='customer-segments']"))]
    assert any(text.startswith("+") for text in legend_more), "the legend counts the segments it leaves out"


def test_the_svg_escapes_and_shows_every_text():
    evil = "</text><script>alert(1)</script> & \x1b[2J \x00 \ufffe"
    canvas = Canvas(title=evil, segments=[Segment("s", evil, jobs=[Item("j1", evil)])])
    source = canvas_svg(canvas)
    root = ET.fromstring(source)  # well-formed XML, control characters and all
    assert "<script>" not in source and not list(root.iter(f"{SVG}script"))
    assert any("<script>" in (t.text or "") and "␛[2J" in (t.text or "") for t in texts(root))
    assert_every_text_inside_its_box(root)


def test_wrap_never_makes_a_line_wider_than_asked():
    text = "a " * 40 + "x" * 200 + " 日本語のテキスト" * 10
    for width in (30, 80, 200):
        lines = wrap(text, width, 10)
        assert all(text_width(line, 10) <= width for line in lines if len(line) > 1)
        assert flat("".join(lines)) == flat(text)


@pytest.mark.parametrize("text", [
    "*a* _b_ **c**", "[x](http://e.org) ![i](j)", "<b>bold</b> &copy; &#65;", "`code` ~~del~~",
    "# h", "> quote", "- item", "+ item", "1) one", "12. twelve", "a | b", "\\*", "http://e.org",
    "===", "---", "***", "a  b", "trailing\\",
])
def test_escaped_markdown_renders_as_the_text_itself(text):
    import html
    import re

    from markdown_it import MarkdownIt

    rendered = MarkdownIt("gfm-like").render(markdown_line(text))
    inner = re.sub(r"</?p>|\n", "", rendered)
    # A bare address may become a link (its text unchanged); nothing else is markup.
    tags = set(re.findall(r"</?([a-z]+)", inner))
    assert tags <= {"a"}, rendered
    assert html.unescape(re.sub(r"<[^>]+>", "", inner)) == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(canvas=canvases())
def test_any_canvas_draws_as_well_formed_svg_with_nothing_spilling(canvas):
    assert_every_text_inside_its_box(drawn(canvas))
    assert canvas_markdown(canvas).startswith("# ")
