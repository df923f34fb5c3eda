"""The canvas drawn as SVG, for a slide or an A4 landscape page (``export --to svg``).

Drawn with the standard library's ElementTree, which escapes every text; lines are
wrapped by measuring each character with DejaVu Sans's own advance widths
(font_metrics.py), the first font the drawing asks for. Characters outside that table
count as a full em, wider than any Latin letter, so a text can only come out narrower
than measured, never wider: nothing spills out of its block. What does not fit in a
block is counted on a last line, "+N more".
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..core import Canvas
from ..core.text import visible_line
from .canvas_blocks import (
    CREDIT, FLAG, Block, Entry, canvas_blocks, segment_colour, segment_marker, shown_markers,
)
from .font_metrics import BOLD, REGULAR

# A4 landscape at 96 dots per inch; width and height in mm, so it prints to size.
PAGE_WIDTH, PAGE_HEIGHT = 1123, 794
MARGIN = 28
FONT_FAMILY = "DejaVu Sans, Verdana, Bitstream Vera Sans, sans-serif"
TITLE_SIZE = 20
BLOCK_TITLE_SIZE = 13
TEXT_SIZE = 10.5
LINE_HEIGHT = 13.5
PADDING = 8
MARKER_RADIUS = 5.5
MARKER_STEP = 13  # from one marker's left edge to the next
INDENT = 8  # a detail under its heading
# Measured widths are stretched by this much: another sans-serif that stands in for
# DejaVu Sans (Verdana is the widest common one) stays inside too.
SLACK = 1.06
UNKNOWN_WIDTH = 1.0  # em, for characters not in the table: wider than any Latin letter
BORDER = "#444444"
FLAG_COLOUR = "#C00000"
LEGEND_LINES = 2
MAX_MARKERS = 6  # per entry; past that, "+N" says how many more segments it serves
MORE_WIDTH = 60  # "+999 more"

# The nine blocks' places, in column units (1, 1, 2, 2, 2 wide: the empty left side
# gets less room) and rows (two tall rows, one short bottom row).
COLUMN_UNITS = (0, 1, 2, 4, 6, 8)
PLACES = {  # block: (first column, last column + 1, first row, last row + 1)
    "key-partners": (0, 1, 0, 2), "key-activities": (1, 2, 0, 1), "key-resources": (1, 2, 1, 2),
    "value-propositions": (2, 3, 0, 2), "customer-relationships": (3, 4, 0, 1),
    "channels": (3, 4, 1, 2), "customer-segments": (4, 5, 0, 2),
    "cost-structure": (0, 3, 2, 3), "revenue-streams": (3, 5, 2, 3),
}


def svg_safe(text: str) -> str:
    """One line of the canvas's text, as XML 1.0 can hold it: control characters made
    visible (core.text), and the two non-characters XML refuses replaced."""
    return visible_line(text).replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` is drawn at ``size`` px, at most (see the module's doc)."""
    table = BOLD if bold else REGULAR
    ems = 0.0
    for character in text:
        if unicodedata.combining(character) or character in "\u200b\u200c\u200d\ufe0f":
            continue  # drawn over the character before it
        ems += table.get(ord(character), UNKNOWN_WIDTH)
    return ems * size * SLACK


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width``; a word too long for a line is cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for character in word:  # a long word fills whole lines, then goes on
            if line and text_width(line + character, size, bold) > width:
                lines.append(line)
                line = ""
            line += character
    if line or not lines:
        lines.append(line)
    return lines


def shorten(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` cut to ``width`` with an ellipsis if it is wider (titles, legend names)."""
    if text_width(text, size, bold) <= width:
        return text
    while text and text_width(text + "…", size, bold) > width:
        text = text[:-1]
    return text + "…"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


def canvas_svg(canvas: Canvas, fallback_title: str = "") -> str:
    """The whole drawing, as an SVG document."""
    root = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "version": "1.1",
        "width": "297mm", "height": "210mm", "viewBox": f"0 0 {PAGE_WIDTH} {PAGE_HEIGHT}",
        "font-family": FONT_FAMILY,
    })
    ET.SubElement(root, "rect", _numbers(x=0, y=0, width=PAGE_WIDTH, height=PAGE_HEIGHT), fill="#FFFFFF")
    title = svg_safe(canvas.title or fallback_title)
    ET.SubElement(root, "title").text = title or "Business Model Canvas"
    _text(root, MARGIN, MARGIN + TITLE_SIZE,
          shorten(title, PAGE_WIDTH - 2 * MARGIN, TITLE_SIZE, True), TITLE_SIZE, bold=True)
    top = MARGIN + TITLE_SIZE + 14
    legend_top = PAGE_HEIGHT - MARGIN - 2 * LINE_HEIGHT - 6
    for block in canvas_blocks(canvas):
        _draw_block(root, block, _box(block.id, top, legend_top - 10))
    _draw_legend(root, canvas, legend_top)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _box(block_id: str, top: float, bottom: float) -> Box:
    first, last, row, end_row = PLACES[block_id]
    unit = (PAGE_WIDTH - 2 * MARGIN) / COLUMN_UNITS[-1]
    rows = (top, top + (bottom - top) * 0.42, top + (bottom - top) * 0.84, bottom)
    x = MARGIN + COLUMN_UNITS[first] * unit
    return Box(x, rows[row], (COLUMN_UNITS[last] - COLUMN_UNITS[first]) * unit, rows[end_row] - rows[row])


def _draw_block(root: ET.Element, block: Block, box: Box) -> None:
    group = ET.SubElement(root, "g", {"id": block.id, "class": "block"}, **_numbers(
        **{"data-x": box.x, "data-y": box.y, "data-width": box.width, "data-height": box.height}))
    ET.SubElement(group, "rect", fill="#FFFFFF" if block.customer_side else "#F4F4F4",
                  stroke=BORDER, **{"stroke-width": "1.2"}, **_numbers(
                      x=box.x, y=box.y, width=box.width, height=box.height))
    inner = box.width - 2 * PADDING
    title_y = box.y + PADDING + BLOCK_TITLE_SIZE
    _text(group, box.x + PADDING, title_y, shorten(block.title, inner, BLOCK_TITLE_SIZE, True),
          BLOCK_TITLE_SIZE, bold=True)
    _draw_entries(group, block.entries, Box(box.x + PADDING, title_y + 6, inner,
                                             box.y + box.height - PADDING - title_y - 6))


def _more_markers(entry: Entry) -> str:
    return f"+{more}" if (more := shown_markers(entry.segments, MAX_MARKERS)[1]) else ""


def _entry_lines(entry: Entry, width: float) -> tuple[float, list[str]]:
    """Where the entry's text starts (after its markers and flag) and its wrapped lines."""
    markers, _ = shown_markers(entry.segments, MAX_MARKERS)
    offset = (0 if entry.heading else INDENT) + MARKER_STEP * len(markers)
    if more := _more_markers(entry):
        offset += text_width(more + " ", TEXT_SIZE, True)
    if entry.flagged:
        offset += text_width(FLAG + " ", TEXT_SIZE, True)
    return offset, wrap(svg_safe(entry.text), width - offset, TEXT_SIZE, entry.heading)


def _draw_entries(group: ET.Element, entries: tuple[Entry, ...], box: Box) -> None:
    capacity = int(box.height // LINE_HEIGHT)
    laid_out = [_entry_lines(entry, box.width) for entry in entries]
    used = 0
    for index, (entry, (offset, lines)) in enumerate(zip(entries, laid_out)):
        after = used + len(lines)
        rest = len(entries) - index - 1
        # The last line is kept for "+N more" unless everything after this fits too.
        if after > capacity or (rest and after == capacity):
            _text(group, box.x, box.y + (used + 1) * LINE_HEIGHT - 3,
                  f"+{len(entries) - index} more", TEXT_SIZE, bold=True, css_class="more")
            return
        _draw_entry(group, entry, offset, lines, box.x, box.y + used * LINE_HEIGHT)
        used = after


def _draw_entry(parent: ET.Element, entry: Entry, offset: float, lines: list[str], x: float, top: float) -> None:
    group = ET.SubElement(parent, "g", {"class": "heading" if entry.heading else "entry"})
    marker_x = x + (0 if entry.heading else INDENT)
    markers, _ = shown_markers(entry.segments, MAX_MARKERS)
    for number, index in enumerate(markers):
        _marker(group, index, marker_x + number * MARKER_STEP + MARKER_RADIUS, top + LINE_HEIGHT / 2)
    if more := _more_markers(entry):
        _text(group, marker_x + len(markers) * MARKER_STEP, top + LINE_HEIGHT - 3, more, TEXT_SIZE,
              bold=True, css_class="more-markers")
    if entry.flagged:
        _text(group, x + offset - text_width(FLAG + " ", TEXT_SIZE, True), top + LINE_HEIGHT - 3,
              FLAG, TEXT_SIZE, bold=True, fill=FLAG_COLOUR, css_class="flag")
    for number, line in enumerate(lines):
        _text(group, x + offset, top + (number + 1) * LINE_HEIGHT - 3, line, TEXT_SIZE,
              bold=entry.heading, css_class="line")


def _marker(parent: ET.Element, index: int, cx: float, cy: float) -> None:
    fill, ink = segment_colour(index)
    ET.SubElement(parent, "circle", fill=fill, **_numbers(cx=cx, cy=cy, r=MARKER_RADIUS))
    size = 7.5 if len(segment_marker(index)) < 2 else 6
    _text(parent, cx, cy + size * 0.36, segment_marker(index), size, bold=True, fill=ink,
          anchor="middle", css_class="marker")


def _draw_legend(root: ET.Element, canvas: Canvas, top: float) -> None:
    group = ET.SubElement(root, "g", {"id": "legend"})
    right = PAGE_WIDTH - MARGIN
    flag_note = f"{FLAG} the fit check flags it"
    flag_width = text_width(flag_note, TEXT_SIZE)
    _text(group, right - flag_width, top + LINE_HEIGHT - 3, flag_note, TEXT_SIZE, css_class="legend")
    right -= flag_width + 18
    x, line = MARGIN, 1
    count = len(canvas.segments)
    for index, segment in enumerate(canvas.segments):
        name = shorten(svg_safe(segment.name), 220, TEXT_SIZE)
        width = MARKER_STEP + 4 + text_width(name, TEXT_SIZE) + 18
        last = index == count - 1
        if x + width > right and x > MARGIN and line < LEGEND_LINES:
            x, line = MARGIN, line + 1
        # On the last line, room is kept to count the segments that do not fit.
        if line == LEGEND_LINES and x + width > right - (0 if last else MORE_WIDTH):
            _text(group, x, top + line * LINE_HEIGHT - 3, f"+{count - index} more", TEXT_SIZE,
                  css_class="more")
            break
        y = top + line * LINE_HEIGHT
        _marker(group, index, x + MARKER_RADIUS, y - LINE_HEIGHT / 2 + 1)
        _text(group, x + MARKER_STEP + 4, y - 3, name, TEXT_SIZE, css_class="legend")
        x += width
    _text(root, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN + 8, CREDIT, 9, fill="#555555", anchor="end",
          css_class="credit")


def _text(parent: ET.Element, x: float, y: float, text: str, size: float, *, bold: bool = False,
          fill: str = "#111111", anchor: str = "start", css_class: str = "") -> ET.Element:
    # Size and weight are on each text (not in a style sheet): the tests measure them.
    attributes = {"font-size": _number(size), "fill": fill, **_numbers(x=x, y=y)}
    if bold:
        attributes["font-weight"] = "bold"
    if anchor != "start":
        attributes["text-anchor"] = anchor
    if css_class:
        attributes["class"] = css_class
    element = ET.SubElement(parent, "text", attributes)
    element.text = text
    return element


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _numbers(**values: float) -> dict[str, str]:
    return {key: _number(value) for key, value in values.items()}
