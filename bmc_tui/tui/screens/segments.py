"""Step 1: the customer segments: add, rename, reorder, delete; who they are; market type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, Static

from ...core import Segment
from ...core.flow import Question
from ..widgets import ListEditor, literal, literal_line
from ..words import nothing_yet
from .base import RecordListScreen

if TYPE_CHECKING:
    from ...core.fit import Finding
    from ..widgets import ChoiceList, TextBox


EMPTY_HINT = nothing_yet(
    "segments", "type a segment's name on the line marked + and press Enter, then the next one"
)


class SegmentsScreen(RecordListScreen):

    RECORD = "segment"
    HIGHLIGHT_FROM_MODEL = ("segments-list",)  # the segment the other steps work on

    # Ctrl+T works on every step; here, where the canvas begins, the footer shows it.
    BINDINGS = [Binding("ctrl+t", "app.set_title", "Title")]

    def compose_body(self) -> ComposeResult:
        name = self.question("name")
        with Horizontal(id="segments-body"):
            yield ListEditor(
                self.step.text("list_title", "Segments"),
                placeholder=name.placeholder if name else "New segment",
                id="segments-list",
            )
            if questions := self._detail_questions():
                # Not focusable itself: Tab should land on the fields, not the panel.
                with VerticalScroll(id="segments-detail", can_focus=False):
                    if not self.detail_to_build:
                        yield from self._detail(questions)

    def _detail(self, questions: list[Question]) -> list[Widget]:
        """The highlighted segment's answers, or the hint to add one."""
        widgets: list[Widget] = [Static(literal(self.step.text("empty_hint", EMPTY_HINT)), id="segments-empty")]
        for question in questions:
            widgets += [Label(literal_line(question.label), classes="field-label"), self.answer_field(question)]
        widgets.append(Static(id="segments-room"))  # see _keep_detail_height
        return widgets

    async def build_detail(self) -> None:
        if self.detail_to_build:
            await super().build_detail()
            if questions := self._detail_questions():  # a flow may ask only the names
                await self.query_one("#segments-detail").mount_all(self._detail(questions))
                self._show_detail()

    def _detail_questions(self) -> list[Question]:
        """Everything asked about the highlighted segment, in the flow's order."""
        return [question for question in self.step.questions if question.key != "name"]

    def on_mount(self) -> None:
        self.refresh_from_model()
        self.query_one(ListEditor).focus_entry()

    def show_target(self, target: Finding) -> None:
        # The one finding fixed here is "no segment yet": type one.
        self.editor.focus_entry()

    def refresh_from_model(self, highlight: int | None = None) -> None:
        segments = self.canvas.segments
        if highlight is None and (current := self.current_segment) is not None:
            highlight = segments.index(current)
        self.type_into(self.editor, "segments")
        self.editor.set_entries([s.name for s in segments], highlight=highlight)
        self._show_detail()

    def _show_detail(self) -> None:
        segment = self.highlighted_record()
        detail = list(self.query("#segments-detail > *"))
        if not detail:
            return  # built after the first frame (build_detail)
        for widget in detail:
            widget.display = (widget.id == "segments-empty") == (segment is None)
        if segment is None:
            return
        self.show_answers(segment, segment.id)
        self._keep_detail_height(detail)

    def _keep_detail_height(self, detail: list[Widget]) -> None:
        """The detail is as high whatever the length of the segment's description: blank
        room at its end takes the rows the description box does not. When its height
        changed (a new segment's empty description), Textual laid it out and repainted it
        whole once more, a frame after the change: 5 KB and 17-33 ms after each Enter."""
        from ..widgets.text_box import TextBox  # not before the detail is built

        spare = sum(TextBox.MAX_ROWS - box.rows for box in detail if isinstance(box, TextBox))
        for room in detail:
            if room.id == "segments-room":
                room.styles.margin = (spare, 0, 0, 0)

    # the list

    def on_list_editor_highlighted(self, event: ListEditor.Highlighted) -> None:
        segment = self.highlighted_record()
        if segment is not None:
            self.bmc.current_segment_id = segment.id
        self._show_detail()
        self.bmc.draw_once(self)  # the list's cursor and the segment's answers together

    async def on_list_editor_added(self, event: ListEditor.Added) -> None:
        segment = self.bmc.edits.add_segment(event.text)
        self.bmc.current_segment_id = segment.id
        self.refresh_from_model(highlight=len(self.canvas.segments) - 1)
        await self.gather_repaints()

    def delete_question(self, segment: Segment) -> tuple[str, str]:
        return (
            f"Delete the segment '{segment.name}'?",
            "Its value proposition and relationship go with it, and channels stop listing "
            "it. Ctrl+Z brings it all back.",
        )

    # the detail

    def on_text_area_changed(self, event: TextBox.Changed) -> None:
        if (segment := self.highlighted_record()) is not None:
            self.record_answer(event.text_area, segment.id, event.text_area.text)

    def on_text_box_rows_changed(self, event: TextBox.RowsChanged) -> None:
        # Typed, or wrapped anew at its first layout or a new width.
        self._keep_detail_height(list(self.query("#segments-detail > *")))

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        if (segment := self.highlighted_record()) is not None:
            self.record_answer(event.choice_list, segment.id, event.values)
            self.show_answer(event.choice_list, segment, segment.id)
