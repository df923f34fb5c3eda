"""Step 3: the channels: how each segment is reached, and which phases nothing covers yet."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Static

from ...core import PHASE_GROUPS, PHASES, Channel
from ...core.fit import MIX_KINDS, Finding, channel_mix
from ..widgets import (
    Choice, ChoiceList, CoverageGrid, CoverageRow, ListEditor, TextBox, literal,
    literal_line,
)
from ..words import no_segments_yet, nothing_yet
from .base import RecordListScreen

EMPTY_HINT = nothing_yet(
    "channels", "type a channel's name on the line marked + and press Enter, then Tab to describe it"
)
# When the flow does not ask which segments a channel serves, the grid has one row:
# what all channels together cover.
ALL_CHANNELS_ROW = "All channels"
# The buying cycle's parts above the grid's phases; a flow may reword them in [steps.texts].
PHASE_GROUP_HEADINGS = {"before-sale": "Before the sale", "sale": "The sale", "after-sale": "After the sale"}
NO_SEGMENT_MARK = "! no segment yet"


class ChannelsScreen(RecordListScreen):

    RECORD = "channel"

    BINDINGS = [Binding("escape", "to_list", "Channel list")]

    def compose_body(self) -> ComposeResult:
        name = self.question("name")
        with Horizontal(id="channels-body"):
            yield ListEditor(
                self.step.text("list_title", "Channels"),
                placeholder=name.placeholder if name else "New channel",
                id="channels-list",
            )
            # Not a tab stop itself: focusing a question scrolls it into view.
            with VerticalScroll(id="channels-detail", can_focus=False):
                yield Static(literal(self.step.text("empty_hint", EMPTY_HINT)), id="channels-empty")
                yield from self._compose_questions()
        groups = [(self.step.text(group, PHASE_GROUP_HEADINGS[group]), phases) for group, phases in PHASE_GROUPS]
        yield CoverageGrid(self._phase_headings(), corner=self._grid_corner(), groups=groups,
                           mix_headings=self._mix_headings(), id="channels-grid")

    def _compose_questions(self) -> ComposeResult:
        # In the flow's order: a flow file may ask the same questions in another order.
        for question in self.step.questions:
            key = question.key
            if key == "name":
                continue  # asked by the list on the left
            yield Label(literal_line(question.label), classes="field-label")
            if key == "segments":
                # Its options are the canvas's segments, not the flow's.
                yield Static(literal(no_segments_yet(self.bmc.flow)), id="channels-no-segments")
                yield self.answer_field(question, choices=self._segment_choices())
            else:
                yield self.answer_field(question)

    def _phase_headings(self) -> list[tuple[str, str]]:
        question = self.question("phases")
        if question is None:
            return [(phase, phase.capitalize()) for phase in PHASES]
        return [(phase, question.label_of(phase)) for phase in PHASES]

    def _grid_corner(self) -> str:
        return "Segment" if self.step.asks("segments") else ""

    def _segment_choices(self) -> list[Choice]:
        return [Choice(segment.id, segment.name) for segment in self.canvas.segments]

    def on_mount(self) -> None:
        self.refresh_from_model()
        self.editor.focus_entry()

    @property
    def grid(self) -> CoverageGrid:
        return self.query_one("#channels-grid", CoverageGrid)

    def refresh_from_model(self, highlight: int | None = None) -> None:
        self._show_list(highlight)
        self._show_detail()
        self._show_coverage()

    def _show_list(self, highlight: int | None = None) -> None:
        channels = self.canvas.channels
        self.type_into(self.editor, "channels")
        self.editor.set_entries(
            [c.name for c in channels],
            prompts=[self._prompt(c) for c in channels],
            highlight=highlight,
        )

    def _prompt(self, channel: Channel) -> Text:
        # A channel serving no segment is a fit-check finding: say so where it is fixed.
        text = literal_line(channel.name)
        # Without any segment yet the detail already says so; no need to repeat it per channel.
        if self.step.asks("segments") and self.canvas.segments and not channel.segments:
            # On its own line: in a narrow list it would wrap mid-phrase. A warning (a mark
            # and the warning colour), not another entry of the list.
            warning = self.app.theme_variables.get("text-warning", "yellow")
            text.append("\n  " + NO_SEGMENT_MARK, style=f"italic {warning}")
        return text

    def _show_detail(self) -> None:
        channel = self.highlighted_record()
        for widget in self.query("#channels-detail > *"):
            widget.display = (widget.id == "channels-empty") == (channel is None)
        if channel is None:
            return
        for segments in self.query("#channels-segments").results(ChoiceList):
            segments.set_choices(self._segment_choices(), channel.segments)
            segments.display = bool(self.canvas.segments)
            self.query_one("#channels-no-segments").display = not self.canvas.segments
        self.show_answers(channel, channel.id)

    def _show_coverage(self) -> None:
        canvas = self.canvas
        if not self.step.asks("segments"):
            self.grid.set_rows([CoverageRow(ALL_CHANNELS_ROW, _phase_counts(canvas.channels))])
            return
        rows = [
            CoverageRow(segment.name, _phase_counts(channels), self._mix(channels))
            for segment in canvas.segments
            for channels in [canvas.channels_for(segment.id)]
        ]
        self.grid.set_rows(rows, empty_message=no_segments_yet(self.bmc.flow))

    def _mix_headings(self) -> list[str]:
        """"Own / partner", "Direct / indirect", "Online / offline": the kinds the flow asks."""
        flow = self.bmc.flow
        return [
            " / ".join(flow.option_label("channels", key, value) for value in values[:2]).capitalize()
            for key, values in MIX_KINDS if self.step.asks(key)
        ]

    def _mix(self, channels: list[Channel]) -> tuple[str, ...]:
        """A cell per kind the flow asks: "2 / 0" channels (and "+1 mixed" when any is)."""
        cells = []
        for key, counts in channel_mix(channels):
            if self.step.asks(key):
                values = list(counts.values())
                cell = f"{values[0]} / {values[1]}"
                if len(values) > 2 and values[2]:
                    cell += f" (+{values[2]} mixed)"
                cells.append(cell)
        return tuple(cells)

    def show_target(self, target: Finding) -> None:
        """A channel finding: that channel in the list. A segment's: its row of the grid
        (the phase's cell, when one phase is uncovered), and its first channel in the list."""
        channels = self.canvas.channels
        ids = [channel.id for channel in channels]
        segment_ids = [segment.id for segment in self.canvas.segments]
        self.grid.mark(None)
        if target.segment_id in segment_ids and self.step.asks("segments"):
            self.grid.mark(segment_ids.index(target.segment_id), target.phase)
            serving = self.canvas.channels_for(target.segment_id or "")
            channel_id = serving[0].id if serving else None
        else:
            channel_id = target.channel_id
        if channel_id in ids:
            self.editor.option_list.highlighted = ids.index(channel_id)
        self.editor.focus_now(self.editor.option_list if channels else self.editor.field)

    def on_screen_suspend(self) -> None:
        self.grid.mark(None)  # it pointed at what a finding was about

    # keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_list":
            focused = self.focused
            detail = self.query_one("#channels-detail")
            return focused is not None and (focused is detail or detail in focused.ancestors)
        return super().check_action(action, parameters)

    def action_to_list(self) -> None:
        self.editor.option_list.focus()

    # the list

    def on_list_editor_highlighted(self, event: ListEditor.Highlighted) -> None:
        self._show_detail()
        self.bmc.draw_once(self)  # the list's cursor and the channel's answers together

    def on_list_editor_added(self, event: ListEditor.Added) -> None:
        question = self.question("segments")
        self.bmc.edits.add_channel(event.text, serve_every_segment=bool(question and question.every_at_first))
        self.refresh_from_model(highlight=len(self.canvas.channels) - 1)
        self.bmc.draw_once(self)

    def delete_question(self, channel: Channel) -> tuple[str, str]:
        return (
            f"Delete the channel '{channel.name}'?",
            "What you noted about it goes with it; the grid shows any phase left uncovered. "
            "Ctrl+Z brings it back.",
        )

    # the detail

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        channel = self.highlighted_record()
        if channel is None or (question := self.record_answer(event.choice_list, channel.id, event.values)) is None:
            return
        self.show_answer(event.choice_list, channel, channel.id)
        if question.key == "segments":
            self._show_list()  # the "no segment" mark
        self._show_coverage()

    def on_text_area_changed(self, event: TextBox.Changed) -> None:
        if (channel := self.highlighted_record()) is not None:
            self.record_answer(event.text_area, channel.id, event.text_area.text)


def _phase_counts(channels: list[Channel]) -> dict[str, int]:
    """How many of these channels cover each phase."""
    return {phase: sum(1 for c in channels if phase in c.phases) for phase in PHASES}
