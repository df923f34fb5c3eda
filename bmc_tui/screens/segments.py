"""Step 1: the customer segments: add, rename, reorder, delete; who they are; market type."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from ..model import Segment, move
from ..model.fit import Finding
from ..widgets import ChoiceList, ListEditor, TextField, choices_from, literal, literal_line
from .base import STYLES, StepScreen
from .confirm import ConfirmScreen


EMPTY_HINT = (
    "No segments yet. Type a segment's name on the line at the bottom left and press "
    "Enter, then the next one the same way."
)


class SegmentsScreen(StepScreen):
    CSS_PATH = STYLES / "segments.tcss"

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
            if self.step.asks("description") or self.step.asks("market"):
                # Not focusable itself: Tab should land on the fields, not the panel.
                with VerticalScroll(id="segments-detail", can_focus=False):
                    yield Static(literal(self.step.text("empty_hint", EMPTY_HINT)), id="segments-empty")
                    if question := self.question("description"):
                        yield Label(literal_line(question.label), classes="field-label")
                        yield TextField(placeholder=question.placeholder, id="segments-description")
                    if question := self.question("market"):
                        yield Label(literal_line(question.label), classes="field-label")
                        yield ChoiceList(choices_from(question.options), multiple=False,
                                         id="segments-market")

    def on_mount(self) -> None:
        self.refresh_from_model()
        self.query_one(ListEditor).focus_entry()

    @property
    def editor(self) -> ListEditor:
        return self.query_one("#segments-list", ListEditor)

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

    def _highlighted_segment(self) -> Segment | None:
        index = self.editor.highlighted
        segments = self.canvas.segments
        return segments[index] if index is not None and index < len(segments) else None

    def _show_detail(self) -> None:
        segment = self._highlighted_segment()
        for widget in self.query("#segments-detail > *"):
            widget.display = (widget.id == "segments-empty") == (segment is None)
        if segment is None:
            return
        for description in self.query("#segments-description").results(TextField):
            if description.value != segment.description:
                # Showing another segment is not typing: no Changed, or it would be
                # written to whichever segment is highlighted when it is handled.
                with description.prevent(Input.Changed):
                    description.value = segment.description
        for market in self.query("#segments-market").results(ChoiceList):
            market.set_selected([segment.market] if segment.market else [])

    # the list

    def on_list_editor_highlighted(self, event: ListEditor.Highlighted) -> None:
        segment = self._highlighted_segment()
        if segment is not None:
            self.bmc.current_segment_id = segment.id
        self._show_detail()

    def on_list_editor_added(self, event: ListEditor.Added) -> None:
        segment = self.canvas.add_segment(event.text)
        self.bmc.current_segment_id = segment.id
        self.commit()
        self.refresh_from_model(highlight=len(self.canvas.segments) - 1)

    def on_list_editor_edited(self, event: ListEditor.Edited) -> None:
        # The id stays as it was: channels and links keep pointing at the segment.
        self.canvas.segments[event.index].name = event.text
        self.commit()
        self.refresh_from_model(highlight=event.index)

    def on_list_editor_moved(self, event: ListEditor.Moved) -> None:
        target = move(self.canvas.segments, event.index, event.delta)
        self.commit()
        self.refresh_from_model(highlight=target)

    def on_list_editor_delete_requested(self, event: ListEditor.DeleteRequested) -> None:
        segment = self.canvas.segments[event.index]

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.canvas.remove_segment(segment.id)
                self.commit()
                self.refresh_from_model(highlight=event.index)

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the segment '{segment.name}'?",
                "Its value proposition and relationship go with it, "
                "and channels stop listing it.",
            ),
            answered,
        )

    # the detail

    def on_input_changed(self, event: Input.Changed) -> None:
        segment = self._highlighted_segment()
        if event.input.id == "segments-description" and segment is not None:
            if segment.description != event.value:
                segment.description = event.value
                self.bmc.save_soon()

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        segment = self._highlighted_segment()
        if event.choice_list.id == "segments-market" and segment is not None:
            segment.market = event.values[0] if event.values else ""
            self.commit()
