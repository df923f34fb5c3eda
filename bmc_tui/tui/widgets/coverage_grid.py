"""A compact table of rows (segments) by phases: how many channels cover each cell, the
phases grouped as the buying cycle, and under it a line per row on the mix of channels."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text
from textual.geometry import Region, Size
from textual.widget import Widget

from .literal import literal, literal_line
from ...core.text import plural, visible_line

COVERED_MARK = "✓"
GAP_MARK = "✗ none"
LEGEND = f"   {COVERED_MARK} 2: 2 channels cover it   {GAP_MARK}: no channel does"
# Points at the row and the cell a fit finding is about: seen without colour too.
POINTER = "▸"


@dataclass(frozen=True)
class CoverageRow:
    label: str
    counts: Mapping[str, int]  # phase value -> number of channels covering it
    mix: tuple[str, ...] = ()  # the kinds of channel that reach it: a cell per mix heading

    def count(self, phase: str) -> int:
        return self.counts.get(phase, 0)


class CoverageGrid(Widget):
    """Shows the rows the screen gives it; a cell no channel covers stands out.

    Gaps read without colour as well: a covered cell shows "✓ 2" (two channels),
    a gap shows "✗ none" in reverse video, and the title counts the gaps.
    """

    DEFAULT_CSS = """
    CoverageGrid {
        height: auto;
        padding: 0 1;
    }
    CoverageGrid > .coverage-grid--title { text-style: bold; color: $text-accent; }
    CoverageGrid > .coverage-grid--legend { color: $text-muted; }
    CoverageGrid > .coverage-grid--header { text-style: bold; }
    CoverageGrid > .coverage-grid--covered { color: $text-success; }
    CoverageGrid > .coverage-grid--gap { text-style: bold reverse; color: $text-error; }
    CoverageGrid > .coverage-grid--empty { color: $text-muted; }
    CoverageGrid > .coverage-grid--group { color: $text-muted; text-style: italic; }
    """

    COMPONENT_CLASSES = {
        "coverage-grid--title",
        "coverage-grid--legend",
        "coverage-grid--header",
        "coverage-grid--covered",
        "coverage-grid--gap",
        "coverage-grid--empty",
        "coverage-grid--group",
    }

    def __init__(
        self,
        phases: Sequence[tuple[str, str]],
        *,
        title: str = "Phase coverage",
        corner: str = "",
        groups: Sequence[tuple[str, Sequence[str]]] = (),
        mix_headings: Sequence[str] = (),
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``phases``: (value, column heading) pairs, in column order; ``groups``: (heading,
        phase values) for the line above the headings (before the sale, the sale...)."""
        super().__init__(id=id, classes=classes)
        self.phases = list(phases)
        self.groups = [(heading, list(values)) for heading, values in groups]
        self.mix_headings = list(mix_headings)  # below the grid: "Own / partner"...
        self.title = title
        self.corner = corner
        self._rows: list[CoverageRow] = []
        self._empty_message = ""
        self._marked: tuple[int, str | None] | None = None

    @property
    def marked(self) -> tuple[int, str | None] | None:
        """(row index, phase or None for the whole row) pointed at, or None."""
        return self._marked

    def mark(self, row: int | None, phase: str | None = None) -> None:
        """Point at a row (its label), or at one cell of it; None points at nothing."""
        marked = None if row is None else (row, phase)
        if marked != self._marked:
            self._marked = marked
            self.refresh()

    @property
    def rows(self) -> list[CoverageRow]:
        return list(self._rows)

    @property
    def gaps(self) -> list[tuple[str, str]]:
        """(row label, phase value) of every cell no channel covers, in reading order."""
        return [
            (row.label, phase)
            for row in self._rows
            for phase, _ in self.phases
            if row.count(phase) == 0
        ]

    def set_rows(self, rows: Sequence[CoverageRow], *, empty_message: str = "") -> None:
        """Show these rows; ``empty_message`` stands in for the table when there are none."""
        rows = list(rows)
        if rows == self._rows and empty_message == self._empty_message:
            return
        before, gaps_before = self._rows, len(self.gaps)
        self._rows = rows
        self._empty_message = empty_message
        lines = self._lines_changed(before, gaps_before)
        if lines is None:
            self.refresh(layout=True)
            return
        # The grid is drawn whole, but only its lines that changed are sent: a phase
        # ticked for a channel changes a cell or two, not the whole grid (2-3 KB).
        width = self.size.width
        self.refresh(*(Region(0, y, width, 1) for y in lines))

    def _lines_changed(self, before: list[CoverageRow], gaps_before: int) -> list[int] | None:
        """The grid's lines that differ from what ``before`` drew, or None when its shape
        changed (other rows, other labels, the mix shown or not): then all of it."""
        rows = self._rows
        if not before or not rows or [r.label for r in before] != [r.label for r in rows]:
            return None
        if self._shows_mix() != self._shows_mix(before):
            return None
        first_row, mix_first_row = self._first_rows()
        lines = [0] if len(self.gaps) != gaps_before else []
        for index, (old, new) in enumerate(zip(before, rows)):
            if old.counts != new.counts:
                lines.append(first_row + index)
            if old.mix != new.mix:
                lines.append(mix_first_row + index)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Every line of the grid is one row high (no_wrap): counted, not drawn to be
        # measured. Measuring drew the whole grid, at 100 segments 30 ms a layout.
        if not self._rows:  # the message may wrap
            return super().get_content_height(container, viewport, width)
        first_row, mix_first_row = self._first_rows()
        return (mix_first_row if self._shows_mix() else first_row) + len(self._rows)

    def _first_rows(self) -> tuple[int, int]:
        """The lines of the grid's first row and of the mix table's first row: the title,
        the groups (if any) and the headings come first, the mix table's headings between."""
        first_row = 2 + (1 if self.groups else 0)
        return first_row, first_row + len(self._rows) + 1

    def _shows_mix(self, rows: Sequence[CoverageRow] | None = None) -> bool:
        rows = self._rows if rows is None else rows
        return bool(self.mix_headings) and any(row.mix for row in rows)

    def render(self) -> RenderableType:
        if not self._rows:
            return Group(self._title_line(), literal(self._empty_message, style=self._style("empty")))
        return Group(self._title_line(), _FitToWidth(self._table))

    def _style(self, part: str):
        return self.get_component_rich_style(f"coverage-grid--{part}")

    def _title_line(self) -> Text:
        text = literal_line(self.title, style=self._style("title"))
        text.no_wrap, text.overflow = True, "ellipsis"
        if self._rows:
            count = len(self.gaps)
            summary = "every phase covered" if count == 0 else plural(count, "gap")
            text.append(f": {summary}", style=self._style("title"))
            text.append(LEGEND, style=self._style("legend"))
        return text

    def _phase_widths(self) -> list[int]:
        """Each phase column keeps its heading whole and room for a pointed-at gap; the last
        column of a group widens until the group's heading fits above its columns."""
        widths = {phase: max(len(heading), len(POINTER + GAP_MARK)) for phase, heading in self.phases}
        for heading, values in self.groups:
            values = [v for v in values if v in widths]
            if values:
                span = sum(widths[v] for v in values) + 2 * (len(values) - 1)
                widths[values[-1]] += max(0, len(heading) - span)
        return [widths[phase] for phase, _ in self.phases]

    def _group_line(self, label_width: int, phase_widths: list[int]) -> Text | None:
        """The buying cycle above the phase headings: "Before the sale", "The sale"..."""
        if not self.groups:
            return None
        columns = {phase: (index, width) for index, ((phase, _), width)
                   in enumerate(zip(self.phases, phase_widths))}
        line = Text(" " * (label_width + 2), no_wrap=True, overflow="crop")
        for heading, values in self.groups:
            spans = [columns[v] for v in values if v in columns]
            if not spans:
                continue
            span = sum(width for _, width in spans) + 2 * (len(spans) - 1)
            line.append(visible_line(heading)[:span].ljust(span), style=self._style("group"))
            line.append("  ")
        return line

    def _table(self, width: int) -> RenderableType:
        header = self._style("header")
        # The phase columns keep their headings whole (each with 2 cells of padding); long
        # segment names give way.
        phase_widths = self._phase_widths()
        needed = max([len(self.corner)] + [len(POINTER) + 1 + len(visible_line(r.label)) for r in self._rows])
        label_width = min(needed, max(8, width - sum(phase_widths) - 2 * len(phase_widths)))
        table = Table(
            box=None, padding=(0, 1), pad_edge=False, show_edge=False,
            header_style=header,
        )
        # Headings and labels as Text: a string would be read as markup.
        table.add_column(literal_line(self.corner), width=label_width, no_wrap=True, overflow="ellipsis")
        for (_, heading), phase_width in zip(self.phases, phase_widths):
            table.add_column(literal_line(heading), width=phase_width, no_wrap=True)
        for index, row in enumerate(self._rows):
            marked_row = self._marked is not None and self._marked[0] == index
            label = literal_line(row.label)
            if marked_row:
                label = Text(POINTER + " ", style="bold") + label
                label.stylize("bold")
            cells = [
                self._cell(row.count(phase), marked_row and self._marked[1] == phase)
                for phase, _ in self.phases
            ]
            table.add_row(label, *cells)
        group_line = self._group_line(label_width, phase_widths)
        parts = [group_line] if group_line is not None else []
        parts.append(table)
        if self._shows_mix():
            parts.append(self._mix_table(label_width))
        return Group(*parts)

    def _mix_table(self, label_width: int) -> Table:
        """The kinds of channel reaching each row, one column per kind ("Own / partner")."""
        table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False,
                      header_style=self._style("header"))
        table.add_column(Text("Mix"), width=label_width, no_wrap=True, overflow="ellipsis")
        for heading in self.mix_headings:
            table.add_column(literal_line(heading), no_wrap=True)
        for row in self._rows:
            table.add_row(literal_line(row.label), *(literal_line(cell) for cell in row.mix))
        return table

    def _cell(self, count: int, marked: bool = False) -> Text:
        if count == 0:
            text = Text(GAP_MARK, style=self._style("gap"))
        else:
            text = Text(f"{COVERED_MARK} {count}", style=self._style("covered"))
        if marked:
            text = Text(POINTER, style="bold") + text
            text.stylize("underline")
        return text


class _FitToWidth:
    """Builds a renderable for the width it is given (rich passes it at render time)."""

    def __init__(self, build: Callable[[int], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)
