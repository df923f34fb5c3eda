"""Step 5: the fit check: what the offer addresses per segment, and what stands out.

The findings list is the place to act from: link the item, drop it, or go to
the step that fixes it. The pane beside (or below) it shows the highlighted
finding's segment: each job, pain and gain with what addresses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import overload

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Container, Vertical
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Label, Static

from ...core.flow import Question, Step
from ...core import ADDRESSED_BY, ITEM_KINDS, OFFER_KINDS, PROFILE_KINDS, Channel, Item, Segment
from ...core.fit import ADVICE, COVERAGE_VERBS, GAP, Finding, FitReport, SegmentFit
from ...core.text import visible_line
from ..widgets import literal, literal_line, update_if_changed
from ..widgets.focus_marked import FocusMarked
from ..widgets.lazy_list import LazyList, LazyRows
from .base import StepScreen
from ..dialogs.link_picker import LinkPickerScreen

# From this many columns the findings and the coverage sit side by side.
WIDE_COLUMNS = 110

OK_MARK = "✓ "
# Things that need work carry a mark, not only a colour: NO_COLOR users see it too.
WORK_MARK = "! "
# Advice is a rule of thumb, not a gap: its own mark, and its own part of the list.
ADVICE_MARK = "? "
ADVICE_HEADING = "Advice: rules of thumb, worth a second look"

NO_FINDINGS = (
    "No findings. Every job, pain and gain is addressed, every offer item addresses "
    "something, every segment is reached in all five phases with a relationship that "
    "suits it, and every channel serves a segment."
)


def _cells(plain: str) -> int:
    """The cells a line takes; ASCII's quickly (control characters are already made visible;
    rich keeps short strings' widths, such as a step's name, once measured)."""
    return len(plain) if plain.isascii() else cell_len(plain)


_visible_note = lru_cache(maxsize=64)(visible_line)


@lru_cache(maxsize=64)
def _note_cells(note: str) -> int:
    return _cells(_visible_note(note))


def _line_cells(text: str, note: str) -> int:
    """The cells of a finding's text and note on one line, shown as they read."""
    # An ASCII text's control characters show as one cell each: no need to make it visible.
    return (len(text) if text.isascii() else _cells(visible_line(text))) + _note_cells(note)


class FindingPrompt(Visual):
    """A finding in the list: its mark, then its text and a dim note (its step) with wrapped
    lines hanging under the text, not under the mark; ``below``: a line under it (advice's why).

    The list measures every finding's height (once per width) and a canvas can have
    thousands: a line that fits is measured without wrapping, and the words become Content
    (to wrap and draw) only when needed, mostly when they scroll into view. Texts are
    shown as they read, control characters made visible.
    """

    __slots__ = ("mark", "mark_width", "_text", "_note", "_below", "_body", "_line_width", "_height_at")

    def __init__(self, mark: str, text: str, note: str = "", below: str = "") -> None:
        # Only kept here: a canvas can have thousands of findings, most never shown.
        self.mark, self.mark_width = mark, _cells(mark)
        self._text, self._note, self._below = text, note, below
        self._body: Content | None = None
        self._line_width: int | None = None  # the cells of text and note on one line
        self._height_at: tuple[int, int] = (0, 0)  # (width, height): the last measured

    def __str__(self) -> str:
        return self.mark + str(self.body)

    @property
    def body(self) -> Content:
        if self._body is None:
            text = Text.assemble(visible_line(self._text), (_visible_note(self._note), "dim"))
            if self._below:
                text.append("\n")
                text.append(visible_line(self._below), style="dim italic")
            self._body = Content.from_rich_text(text)
        return self._body

    def _one_line_width(self) -> int:
        if self._line_width is None:
            self._line_width = _line_cells(self._text, self._note)
        return self._line_width

    def _body_width(self, width: int) -> int:
        return max(1, width - self.mark_width)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.mark_width + self.body.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        measured_width, height = self._height_at
        if width != measured_width:
            body_width = self._body_width(width)
            if not self._below and self._one_line_width() <= body_width:
                height = 1
            else:
                height = self.body.get_height(rules, body_width)
            self._height_at = (width, height)
        return height

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        body_width = self._body_width(width)
        lines = self.body.render_strips(body_width, height, style, options)
        mark_width = width - body_width
        mark = Content(self.mark).render_strips(mark_width, 1, style, options)[0].extend_cell_length(mark_width)
        indent = Strip.blank(mark_width, style.rich_style)
        return [Strip.join([mark if number == 0 else indent, line]) for number, line in enumerate(lines)]


class FindingRows(Sequence[Visual]):
    """The findings list's rows: headings, and findings made into a FindingPrompt only when
    drawn or when they may wrap. A canvas can have thousands of findings, and measuring one
    that fits on a line needs only its length (see ``heights``)."""

    def __init__(self) -> None:
        self._entries: list[Visual | tuple[str, str, str, str]] = []
        self._made: dict[int, FindingPrompt] = {}

    def add_heading(self, heading: Visual) -> None:
        self._entries.append(heading)

    def add_finding(self, mark: str, text: str, note: str, below: str = "") -> None:
        self._entries.append((mark, text, note, below))

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> Visual: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Visual]: ...
    def __getitem__(self, index: int | slice) -> Visual | Sequence[Visual]:
        if isinstance(index, slice):
            return [self[n] for n in range(*index.indices(len(self)))]
        entry = self._entries[index]
        if not isinstance(entry, tuple):
            return entry
        index %= len(self._entries)
        if (made := self._made.get(index)) is None:
            made = self._made[index] = FindingPrompt(*entry)
        return made

    def heights(self, rules: RulesMap, width: int) -> list[int]:
        """Every row's height at this width, as LazyRows asks for them all at once."""
        heights = []
        for index, entry in enumerate(self._entries):
            if isinstance(entry, tuple):
                mark, text, note, below = entry
                # As FindingPrompt measures a line that fits, without making one.
                if not below and _line_cells(text, note) <= width - _cells(mark):
                    heights.append(1)
                    continue
            heights.append(self[index].get_height(rules, width))
        return heights


@dataclass(frozen=True)
class DetailRow:
    """One row of the detail pane; ``classes`` style it (see CoverageRows)."""

    content: Text
    classes: str
    key: object = None  # what a finding points at: ("jobs", "j1"), "channels"...

    @property
    def is_heading(self) -> bool:
        return "fit-heading" in self.classes or "fit-segment" in self.classes

    def visual(self) -> Content:
        content = Content.from_rich_text(self.content)
        # Spacing is part of the row: a row is lines, not a box with margins.
        if "fit-muted" in self.classes:
            content = Content("  ") + content
        if "fit-spaced" in self.classes:
            content = Content("\n") + content
        return content


class FindingsPane(FocusMarked, Vertical):
    """The findings and their title, which shows whether the keys act on them."""

    FOCUS_STYLED = "#fit-findings-title"


class CoverageRows(LazyRows, can_focus=True):
    """The detail pane's rows, drawn as they scroll into view (a segment can have hundreds);
    styled in fit.tcss by their classes; ``current``: the row a finding points at."""

    COMPONENT_CLASSES = {"fit-row", "fit-segment", "fit-heading", "fit-counts", "fit-muted", "fit-work", "fit-item", "-current"}
    FULL_WIDTH_ROWS = False  # the current row stands out as far as its words

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current: int | None = None
        self._in_view: tuple[int, int] | None = None  # (row, its heading): see keep_in_view

    def show(self, rows: list[DetailRow]) -> None:
        self.current = None
        self._in_view = None
        self.set_rows(
            [row.visual() for row in rows],
            [("fit-row", *(c for c in row.classes.split() if c in self.COMPONENT_CLASSES)) for row in rows],
        )

    def mark(self, current: int | None) -> None:
        before, self.current = self.current, current
        self.refresh_row(before)
        self.refresh_row(current)

    def keep_in_view(self, row: int, heading: int) -> None:
        """Scroll so that ``row`` shows, with ``heading`` above it when both fit (else the
        row in the middle): now if the pane is laid out, else as soon as it is (a first
        visit: before its first frame, not in a second one)."""
        self._in_view = (row, heading)
        if not self._scroll_in_view():
            self.call_after_refresh(self._scroll_in_view)

    def _on_resize(self, event: events.Resize) -> None:
        # (Textual calls LazyRows' handler as well, after this one.)
        self._scroll_in_view()

    def _scroll_in_view(self) -> bool:
        """Scroll as keep_in_view asked; False while the rows cannot be measured yet."""
        if self._in_view is None:
            return True
        row, heading = self._in_view
        region = self.scrollable_content_region
        if not region.height or not region.width or row >= len(self.rows):
            return False  # not laid out yet (rows have no width to be measured at)
        self._in_view = None
        self._update_virtual_size()  # first: it picks the width to measure at (a scrollbar to come)
        top, _ = self.row_lines(heading)
        start, end = self.row_lines(row)
        y = top if end - top <= region.height else start - (region.height - (end - start)) // 2
        # Forced: the scrollbar may not show yet (it comes with the rows' measured height).
        self.scroll_to(y=y, animate=False, force=True, immediate=True)
        return True

    def row_parts(self, index: int) -> tuple[str, ...]:
        parts = super().row_parts(index)
        return (*parts, "-current") if index == self.current else parts


class FitScreen(StepScreen):

    BINDINGS = [
        # Letters here only open a picker (l) or another step (g), or hide advice (a):
        # no letter destroys.
        Binding("l", "link", "Link"),
        Binding("delete", "drop", "Drop", key_display="Del"),
        Binding("g", "jump", "Go to step"),
        Binding("a", "toggle_advice", "Hide advice"),
    ]

    def __init__(self, step: Step) -> None:
        super().__init__(step)
        self.report = FitReport([], [])
        self.gaps: list[Finding] = []  # the report's, split once: it can hold thousands
        self.advice: list[Finding] = []
        self.advice_hidden = False
        self.shown: list[Finding] = []  # the gaps, then the advice unless hidden
        self._option_of_finding: list[int] = []
        self._finding_of_option: dict[int, int] = {}  # looked up at every key: no list scans
        self._detail_key: tuple | None = None
        self._detail_rows: list[DetailRow] = []
        self._kind_labels: dict[str, str] = {}

    def compose_body(self) -> ComposeResult:
        with Container(id="fit-body"):
            with FindingsPane(id="fit-findings-pane"):
                yield Label("Findings", id="fit-findings-title")
                yield LazyList(id="fit-findings")
                yield Static(literal(self.step.text("no_findings", NO_FINDINGS)), id="fit-none")
            with Vertical(id="fit-detail-pane"):
                yield Label("", id="fit-detail-title")
                yield CoverageRows(id="fit-detail")

    def on_mount(self) -> None:
        self._fit_layout(self.app.size.width)
        self.refresh_from_model()
        # At once, not at the next turn of the loop (Widget.focus): in the step's first frame.
        self.set_focus(self.findings_list if self.report.findings else self.query_one("#fit-detail"))

    def on_resize(self, event: events.Resize) -> None:
        self._fit_layout(event.size.width)

    def _fit_layout(self, width: int) -> None:
        self.query_one("#fit-body").set_class(width >= WIDE_COLUMNS, "-wide")

    @property
    def findings_list(self) -> LazyList:
        return self.query_one("#fit-findings", LazyList)

    # the findings

    def refresh_from_model(self) -> None:
        # Every change goes through the document's edits, which count it: the same count on
        # the same canvas is the same report (back from a jump, or another segment chosen).
        report = self.bmc.document.fit_report()
        if report is self.report:
            return
        before, index = self.shown, self._finding_index()
        self.report = report
        self.gaps, self.advice = self.report.gaps, self.report.advice
        self._show_findings(before, index)

    def _show_findings(self, before: list[Finding], index: int | None) -> None:
        self.shown = self.gaps + ([] if self.advice_hidden else self.advice)
        self._fill_findings(self._index_after_change(before, index))
        self._show_detail()
        self.refresh_bindings()

    def _index_after_change(self, before: list[Finding], index: int | None) -> int | None:
        """The finding to highlight after a change: the same one if it is still there;
        once it is fixed (linked, dropped), the next one that is left."""
        findings = self.shown
        if not findings:
            return None
        if index is None or index >= len(before):
            return 0
        for finding in before[index:]:
            if finding in findings:
                return findings.index(finding)
        return len(findings) - 1

    def _fill_findings(self, highlight: int | None) -> None:
        findings = self.shown
        rows = FindingRows()
        headings: set[int] = set()
        self._option_of_finding = option_of_finding = []
        notes: dict[str, str] = {}
        group: object = object()
        for finding in findings:  # thousands on a large canvas: kept lean
            # Gaps are grouped by segment; advice follows under its own heading.
            key = (finding.segment_id, finding.channel_id is not None) if finding.severity == GAP else ADVICE
            if key != group:
                group = key
                if (heading := self._group_heading(finding)) is not None:
                    headings.add(len(rows))
                    rows.add_heading(Content.from_rich_text(heading))
            option_of_finding.append(len(rows))
            self._add_finding(rows, finding, notes)
        self._finding_of_option = {option: number for number, option in enumerate(self._option_of_finding)}
        if self.advice_hidden and self.advice:
            count = len(self.advice)
            headings.add(len(rows))
            rows.add_heading(Content.styled(f"Advice: {count} hidden (a shows it)", "dim"))
        findings_list = self.findings_list
        findings_list.set_rows(rows, headings, None if highlight is None else self._option_of_finding[highlight])
        if not rows and findings_list.has_focus:
            # The list goes away with its last finding: scrolling the coverage is what is left.
            self.query_one("#fit-detail").focus()
        findings_list.display = bool(rows)
        self.query_one("#fit-none").display = not self.report.findings
        update_if_changed(self.query_one("#fit-findings-title", Label), self._findings_title())

    def _findings_title(self) -> str:
        counted = self.report.counted()
        return f"Findings ({counted})" if counted else "Findings"

    def _group_heading(self, finding: Finding) -> Text | None:
        """Findings are grouped by segment; channel ones come last under their own heading,
        and advice after every gap."""
        if not finding.is_gap:
            return Text(ADVICE_HEADING, style="bold")
        segment = self.canvas.segment(finding.segment_id or "")
        if segment is not None:
            return literal_line(segment.name, style="bold")
        return Text("Channels", style="bold") if finding.channel_id else None

    def _add_finding(self, rows: FindingRows, finding: Finding, notes: dict[str, str]) -> None:
        """The mark, then the finding and its step; advice's why below. ``notes``: each
        step's note, worded once for the whole list."""
        if (note := notes.get(finding.step)) is None:
            # Findings quote names from the canvas; step names come from the flow.
            step = self.bmc.flow.step(finding.step)
            note = notes[finding.step] = f"  → {step.short}" if step is not None else ""
        if finding.severity == GAP:
            rows.add_finding(WORK_MARK, finding.brief or finding.message, note)
        else:  # advice is not grouped by segment: its message names the segment itself
            rows.add_finding(ADVICE_MARK, finding.message, note, finding.why or "")

    def _finding_index(self) -> int | None:
        highlighted = self.findings_list.highlighted
        return None if highlighted is None else self._finding_of_option.get(highlighted)

    @property
    def current_finding(self) -> Finding | None:
        index = self._finding_index()
        findings = self.shown
        return findings[index] if index is not None and index < len(findings) else None

    def on_lazy_list_highlighted(self, event: LazyList.Highlighted) -> None:
        self._show_detail(canvas_changed=False)
        self.refresh_bindings()

    async def on_lazy_list_selected(self, event: LazyList.Selected) -> None:
        await self.action_jump()

    # the detail: the highlighted finding's segment (or channel); every segment when all fits

    def _show_detail(self, canvas_changed: bool = True) -> None:
        """Show the highlighted finding's rows; the same ones, unless ``canvas_changed``,
        only mark another row."""
        finding = self.current_finding
        if finding is None:
            key: tuple = ("all",)
        elif finding.segment_id:
            key = ("segment", finding.segment_id)
        elif finding.channel_id:
            key = ("channel", finding.channel_id)
        else:
            key = ("channels",) if finding.step == "channels" else ("all",)
        same_place = key == self._detail_key
        rows = self._detail_rows if same_place and not canvas_changed else self._detail_rows_for(finding)
        detail = self.query_one("#fit-detail", CoverageRows)
        if not same_place or rows != self._detail_rows:
            # Another segment starts at the top; new words in the same one stay where they were.
            detail.show(rows)
            if not same_place:
                detail.scroll_home(animate=False)
        self._detail_key, self._detail_rows = key, rows
        update_if_changed(self.query_one("#fit-detail-title", Label), self._detail_title(finding))
        self._mark_current(finding)

    def _detail_title(self, finding: Finding | None) -> Text:
        if finding is not None and finding.channel_id:
            channel = self.canvas.channel(finding.channel_id)
            return literal_line(channel.name if channel else "")
        if finding is not None and not finding.segment_id and finding.step == "channels":
            return Text("Every channel")
        segment = self.canvas.segment(finding.segment_id or "") if finding else None
        if segment is None:
            return Text("Every segment" if self.canvas.segments else "No segments yet")
        return self._segment_heading(segment)

    def _segment_heading(self, segment: Segment) -> Text:
        heading = literal_line(segment.name)
        if segment.market:
            label = self._option_label("segments", "market", segment.market)
            heading.append(f" · {visible_line(label)}", style="not bold")
        return heading

    def _detail_rows_for(self, finding: Finding | None) -> list[DetailRow]:
        if finding is not None and finding.channel_id:
            channel = self.canvas.channel(finding.channel_id)
            return self._channel_rows(channel) if channel else []
        if finding is not None and finding.segment_id:
            fit = next(f for f in self.report.segments if f.segment.id == finding.segment_id)
            return self._segment_rows(fit)
        if finding is not None and finding.step == "channels":
            return self._every_channel_rows()
        # All fits (or there is no segment): every segment, one after the other.
        rows: list[DetailRow] = []
        for number, fit in enumerate(self.report.segments):
            classes = "fit-segment fit-spaced" if number else "fit-segment"
            rows.append(DetailRow(self._segment_heading(fit.segment), classes))
            rows += self._segment_rows(fit)
        return rows

    def _mark_current(self, finding: Finding | None) -> None:
        key = self._row_key(finding) if finding else None
        current = next((n for n, row in enumerate(self._detail_rows) if key is not None and row.key == key), None)
        detail = self.query_one("#fit-detail", CoverageRows)
        detail.mark(current)
        if current is None:
            return
        # The heading of the row's section stays in view above it, when both fit.
        heading = next(
            (n for n in range(current, -1, -1) if self._detail_rows[n].is_heading), current,
        )
        detail.keep_in_view(current, heading)

    @staticmethod
    def _row_key(finding: Finding) -> object:
        if finding.item_id:
            return (finding.kind, finding.item_id)
        if finding.channel_id:
            # Advice is about the channel's kind; the gap, about the segments it serves.
            return "channels" if finding.is_gap else ("channel", finding.channel_id)
        if finding.step == "channels":
            return "channels"
        if finding.step == "relationships":
            return "relationship"
        return "offers"

    def _row(self, content: Text | str, classes: str, key: object = None) -> DetailRow:
        """A row of the detail; a Text given must show canvas and flow texts literally."""
        return DetailRow(literal(content) if isinstance(content, str) else content, classes, key)

    def _segment_rows(self, fit: SegmentFit) -> list[DetailRow]:
        segment = fit.segment
        rows: list[DetailRow] = []
        counts = fit.counts()
        for kind in PROFILE_KINDS:
            done, total = counts[kind]
            heading = literal_line(self._kind_label(kind))
            heading.append(f"  {COVERAGE_VERBS[kind]} {done}/{total}", style="not bold")
            rows.append(self._row(heading, "fit-heading"))
            coverage = [row for row in fit.coverage if row.kind == kind]
            if not coverage:
                rows.append(self._row("none yet", "fit-muted"))
            for row in coverage:
                rows.append(self._coverage_row(row.item, row.addressed_by, (kind, row.item.id)))
        idle = fit.idle_offers()
        if not any(segment.items(kind) for kind in OFFER_KINDS):
            rows.append(self._row(WORK_MARK + "No offer items yet", "fit-work", "offers"))
        elif idle:
            rows.append(self._row("Offer items that address nothing", "fit-heading"))
            for kind, item in idle:
                rows.append(self._idle_offer_row(kind, item))
        rows.append(self._channels_row(fit))
        rows.append(self._relationship_row(fit))
        return rows

    def _coverage_row(self, item: Item, addressed_by: list[Item], key: object) -> DetailRow:
        if addressed_by:
            text = literal_line(OK_MARK + item.text)
            text.append(visible_line("  ← " + ", ".join(o.text for o in addressed_by)), style="dim")
            return self._row(text, "fit-item", key)
        text = literal_line(WORK_MARK + item.text)
        text.append("  ← nothing")
        return self._row(text, "fit-item fit-work", key)

    def _idle_offer_row(self, kind: str, item: Item) -> DetailRow:
        text = literal_line(WORK_MARK + item.text)
        text.append(visible_line(f"  ({self._kind_label(kind)}: addresses nothing)"))
        return self._row(text, "fit-item fit-work", (kind, item.id))

    def _channels_row(self, fit: SegmentFit) -> DetailRow:
        text = Text.assemble(("Channels: ", "bold"))
        if not fit.channels:
            return self._row(Text(WORK_MARK) + text + Text("none reaches it"), "fit-work", "channels")
        text.append(visible_line(", ".join(channel.name for channel in fit.channels)))
        if fit.uncovered:
            labels = ", ".join(self._option_label("channels", "phases", p) for p in fit.uncovered)
            text.append(visible_line(f"; no channel covers {labels}"))
            return self._row(Text(WORK_MARK) + text, "fit-work", "channels")
        text.append("; all five phases covered")
        return self._row(Text(OK_MARK) + text, "", "channels")

    def _relationship_row(self, fit: SegmentFit) -> DetailRow:
        relationship = fit.segment.relationship
        text = Text.assemble(("Relationship: ", "bold"))
        types = [self._option_label("relationships", "types", t) for t in relationship.types]
        motivations = [
            self._option_label("relationships", "motivations", m) for m in relationship.motivations
        ]
        text.append(visible_line(", ".join(types) or "no type"))
        text.append(
            visible_line("; for " + ", ".join(motivations).lower() if motivations else "; no motivation")
        )
        flagged = any(f.step == "relationships" for f in fit.gaps)
        mark = WORK_MARK if flagged else OK_MARK
        return self._row(Text(mark) + text, "fit-work" if flagged else "", "relationship")

    def _channel_rows(self, channel: Channel) -> list[DetailRow]:
        phases = ", ".join(self._option_label("channels", "phases", p) for p in channel.phases)
        rows = [self._row(f"Phases: {phases or 'none yet'}", "fit-item"),
                self._row(self._channel_kind(channel), "fit-item", ("channel", channel.id))]
        served = [s.name for s in self.canvas.segments if s.id in channel.segments]
        if served:
            rows.append(self._row(f"Serves: {', '.join(served)}", "fit-item"))
        else:
            rows.append(self._row(WORK_MARK + "Serves: no segment yet", "fit-item fit-work", "channels"))
        return rows

    def _every_channel_rows(self) -> list[DetailRow]:
        """What kinds of channel there are, for advice about the mix."""
        rows = []
        for channel in self.canvas.channels:
            text = literal_line(channel.name, style="bold")
            text.append(visible_line(": " + self._channel_kind(channel)))
            rows.append(self._row(text, "fit-item"))
        return rows

    def _channel_kind(self, channel: Channel) -> str:
        """"Reach: Direct · Run by: Partner": a channel's answers in words; "-" for one not given."""
        parts = []
        for key in ("reach", "owner", "medium"):
            question = self._question("channels", key)
            value = getattr(channel, key)
            answer = self._option_label("channels", key, value) if value else "-"
            parts.append(f"{question.label if question else key.capitalize()}: {answer}")
        return " · ".join(parts)

    # wording from the flow, with plain fallbacks for flows that leave a step out

    def _question(self, step_id: str, key: str) -> Question | None:
        return self.bmc.flow.wording(step_id, key)

    def _option_label(self, step_id: str, key: str, value: str) -> str:
        return self.bmc.flow.option_label(step_id, key, value)

    def _kind_label(self, kind: str) -> str:
        # Asked for every row of a segment's coverage; the flow does not change meanwhile.
        if (label := self._kind_labels.get(kind)) is None:
            question = self._question("value", kind)
            label = self._kind_labels[kind] = question.label if question else kind.replace("_", " ").capitalize()
        return label

    def _link_label(self, kind: str) -> str:
        """The value step's question for linking an item of this kind."""
        question = self._question("value", kind)
        if question and question.link_label:
            return question.link_label
        return "What addresses it?" if kind in PROFILE_KINDS else "What does it address?"

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        finding = self.current_finding
        if action == "drop":
            return True if finding is not None and finding.is_item else None
        if action == "link":
            return True if self._link_targets() else None
        if action == "jump":
            return True if finding is not None and finding.step in self.bmc.flow.step_ids else None
        if action == "toggle_advice":
            return bool(self.advice)  # hidden, not greyed, while there is none
        return super().check_action(action, parameters)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The advice key says what it does now: "Hide advice" or "Show advice"."""
        bindings = super().active_bindings
        for key, active in bindings.items():
            if active.binding.action == "toggle_advice" and self.advice_hidden:
                bindings[key] = active._replace(binding=replace(active.binding, description="Show advice"))
        return bindings

    def settings(self) -> dict[str, object]:
        return {"advice_hidden": self.advice_hidden}

    def use_settings(self, settings: dict[str, object]) -> None:
        self.advice_hidden = bool(settings.get("advice_hidden"))

    def action_toggle_advice(self) -> None:
        before, index = self.shown, self._finding_index()
        self.advice_hidden = not self.advice_hidden
        self._show_findings(before, index)

    def _finding_item(self) -> tuple[Finding, Segment, Item] | None:
        finding = self.current_finding
        if finding is None or not finding.is_item or finding.kind is None:
            return None
        segment = self.canvas.segment(finding.segment_id or "")
        item = segment.item(finding.kind, finding.item_id or "") if segment else None
        if segment is None or item is None:
            return None
        return finding, segment, item

    def _link_targets(self) -> list[Item]:
        """What the highlighted finding's item could be linked to; empty: nothing to link."""
        found = self._finding_item()
        if found is None:
            return []
        finding, segment, _ = found
        kind = finding.kind or ""
        if kind in OFFER_KINDS:
            return segment.items(ITEM_KINDS[kind].target or "")
        return segment.items(ADDRESSED_BY[kind])

    def action_link(self) -> None:
        found = self._finding_item()
        if found is None:
            return
        finding, segment, item = found
        if finding.kind in OFFER_KINDS:
            self._link_offer(segment, finding.kind, item)
        else:
            self._link_profile(segment, finding.kind or "", item)

    def _link_offer(self, segment: Segment, kind: str, offer: Item) -> None:
        """Choose what an offer item addresses: the jobs a product serves..."""
        target = ITEM_KINDS[kind].target or ""

        def chosen(ids: list[str] | None) -> None:
            if ids is not None and ids != offer.links:
                self.bmc.edits.set_links(segment.id, kind, offer.id, ids)
                self.refresh_from_model()

        self.app.push_screen(
            LinkPickerScreen(
                self._link_label(kind),
                offer.text,
                [(item.id, item.text) for item in segment.items(target)],
                offer.links,
                empty_message=f"{segment.name} has no {self._kind_label(target).lower()} yet.",
            ),
            chosen,
        )

    def _link_profile(self, segment: Segment, kind: str, item: Item) -> None:
        """Choose the offer items that address a job, pain or gain; the links live on them."""
        offers = segment.items(ADDRESSED_BY[kind])

        def chosen(ids: list[str] | None) -> None:
            if ids is not None and set(ids) != {o.id for o in offers if item.id in o.links}:
                self.bmc.edits.set_addressed_by(segment.id, kind, item.id, ids)
                self.refresh_from_model()

        self.app.push_screen(
            LinkPickerScreen(
                self._link_label(kind),
                item.text,
                [(offer.id, offer.text) for offer in offers],
                [offer.id for offer in offers if item.id in offer.links],
                empty_message=(
                    f"{segment.name} has no {self._kind_label(ADDRESSED_BY[kind]).lower()} yet. "
                    "Press Esc, then g to add some."
                ),
            ),
            chosen,
        )

    def action_drop(self) -> None:
        found = self._finding_item()
        if found is None:
            return
        finding, segment, item = found
        kind = finding.kind or ""

        def drop() -> None:
            self.bmc.edits.delete_item(segment.id, kind, item.id)
            self.refresh_from_model()

        detail = f"It is removed from the {self._kind_label(kind).lower()} of {segment.name}"
        detail += ", and the links to it go too." if kind in PROFILE_KINDS else "."
        self.ask_to_delete(f"Drop '{item.text}'?", detail + " Ctrl+Z brings it back.", drop, "drop it")

    async def action_jump(self) -> None:
        finding = self.current_finding
        if finding is None:
            return
        if finding.segment_id:
            self.bmc.current_segment_id = finding.segment_id
        await self.bmc.go_to_step(finding.step, target=finding)
