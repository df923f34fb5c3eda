"""The whole canvas at once: the nine blocks of the Business Model Canvas.

The four customer blocks are filled from the canvas (outputs/canvas_blocks.py, the same
blocks the SVG export draws); the other five are drawn empty with their names. Each
segment has a colour and a marker (its number), so segments stay apart without colour
(NO_COLOR); "!" marks what the fit check flags. Wide terminals show the canvas's own
layout; narrow ones stack the blocks, customer side first, and scroll.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core import Canvas
from ...outputs.canvas_blocks import (
    FLAG, Block, Entry, canvas_blocks, segment_colour, segment_marker, shown_markers,
)
from ..widgets import literal_line
from ..widgets.footer import KeyFooter
from ..whole_frames import WholeFrames

# Below this width the blocks stack (the canvas's layout needs about 100 columns).
WIDE = 100
# The canvas's own layout is filled row by row: this order places each block right.
GRID_ORDER = ("key-partners", "key-activities", "value-propositions", "customer-relationships",
              "customer-segments", "key-resources", "channels", "cost-structure", "revenue-streams")
# Stacked, the customer side comes first: it is what the interview filled.
STACKED_ORDER = ("customer-segments", "value-propositions", "channels", "customer-relationships",
                 "key-partners", "key-activities", "key-resources", "cost-structure", "revenue-streams")
FLAG_STYLE = "bold red"
MAX_MARKERS = 4
NOT_ASKED = "Not asked in this interview."


def marker_text(index: int) -> Text:
    fill, ink = segment_colour(index)
    return Text(f" {segment_marker(index)} ", style=f"bold {ink} on {fill}")


def entry_parts(entry: Entry) -> tuple[Text, Text]:
    """The entry's lead (indent, markers, flag) and its text."""
    lead = Text("" if entry.heading else "  ")
    markers, more = shown_markers(entry.segments, MAX_MARKERS)
    for index in markers:
        lead.append_text(marker_text(index))
        lead.append(" ")
    if more:
        lead.append(f"+{more} ", style="bold")
    if entry.flagged:
        lead.append(f"{FLAG} ", style=FLAG_STYLE)
    return lead, literal_line(entry.text, "bold" if entry.heading else "")


def entry_text(entry: Entry) -> Text:
    lead, text = entry_parts(entry)
    return lead + text


class HangingEntries:
    """Entries whose wrapped lines start under their text, not under their markers."""

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.rows = [entry_parts(entry) for entry in entries]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for lead, text in self.rows:
            indent = lead.cell_len
            if indent > width // 2:  # too narrow to hang: wrap as one text
                yield lead + text
                continue
            for number, line in enumerate(text.wrap(console, width - indent)):
                yield (lead if number == 0 else Text(" " * indent)) + line


def block_content(block: Block) -> Text | HangingEntries:
    if not block.entries:
        return Text(NOT_ASKED if not block.customer_side else "Nothing yet.", style="dim")
    return HangingEntries(block.entries)


def legend_text(canvas: Canvas) -> Text:
    text = Text("Segments: ", style="bold")
    for index, segment in enumerate(canvas.segments):
        text.append_text(marker_text(index))
        text.append(" ")
        text.append_text(literal_line(segment.name))
        text.append("   ")
    if not canvas.segments:
        text.append("none yet   ", style="dim")
    text.append(f"{FLAG}", style=FLAG_STYLE)
    text.append(" the fit check flags it")
    return text


class CanvasBlock(VerticalScroll, can_focus=True):
    """One block: its name on the border, its entries inside; scrolls if they do not fit."""

    def __init__(self, block: Block) -> None:
        classes = "canvas-view-block" + ("" if block.customer_side else " -empty")
        super().__init__(id=f"canvas-view-{block.id}", classes=classes)
        self.block = block
        self.border_title = block.title

    def compose(self) -> ComposeResult:
        yield Static(block_content(self.block), classes="canvas-view-entries")


class CanvasViewScreen(WholeFrames, ModalScreen[None]):
    """Esc (or the key that opened it) closes it. Modal, so the interview's keys (Ctrl+N...)
    wait until it is closed: a step changed beneath it would be changed unseen."""

    STYLESHEET = "canvas_view"  # styles/canvas_view.tcss, loaded as it is first shown
    BINDINGS = [
        Binding("escape,ctrl+r", "close", "Close"),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]

    def __init__(self, canvas: Canvas) -> None:
        super().__init__()
        self.canvas = canvas

    def compose(self) -> ComposeResult:
        title = Text("The canvas: ", style="bold")
        title.append_text(literal_line(self.canvas.title or "untitled"))
        yield Static(title, id="canvas-view-title")
        with VerticalScroll(id="canvas-view-body"):
            with Container(id="canvas-view-grid"):
                blocks = {block.id: block for block in canvas_blocks(self.canvas)}
                for block_id in self._order():
                    yield CanvasBlock(blocks[block_id])
        yield Static(legend_text(self.canvas), id="canvas-view-legend")
        yield KeyFooter()

    def _order(self) -> tuple[str, ...]:
        return GRID_ORDER if self.app.size.width >= WIDE else STACKED_ORDER

    def on_mount(self) -> None:
        self.query_one("#canvas-view-body").focus()

    def on_resize(self) -> None:
        """Put the blocks in the order the layout wants: the grid's, or customer side first."""
        grid = self.query_one("#canvas-view-grid")
        order = [grid.query_one(f"#canvas-view-{block_id}") for block_id in self._order()]
        if list(grid.children) != order:
            for block in order:  # each to the end, in turn
                if block is not grid.children[-1]:
                    grid.move_child(block, after=grid.children[-1])

    def action_close(self) -> None:
        self.dismiss(None)
