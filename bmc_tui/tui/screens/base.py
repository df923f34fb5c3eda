"""What every step screen shares: the step bar, the intro line, the footer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from ...core.flow import MANY, ONE, TEXT, Question, Step
from ...core import Canvas, Segment
from ...core.text import visible_line
from ..widgets import ListEditor, StepBar, TextField, literal
from ..whole_frames import WholeFrames
from ..widgets.footer import KeyFooter
from .memory import StepMemory, recall

if TYPE_CHECKING:
    from ...core.fit import Finding
    from ..app import BmcApp
    from ..widgets import Choice

# Dialogs are imported when first opened, and the answer fields (the text box is Textual's
# TextArea) when first built: start-up pays only for the first frame.

# The app's walking actions (Ctrl+N, Ctrl+P) and their direction.
WALK_DELTAS = {"walk(1)": 1, "walk(-1)": -1}
# Left out of a footer too wide for the screen, in this order: the canvas view, the outline, the segment
# picker (Ctrl+N walks the segments too) and help are all in the help and the palette.
FOOTER_SPARES = ("app.canvas_view", "canvas_view", "app.outline", "outline", "pick_segment", "app.help", "help")
# Keys shown as one footer entry: (first action, second action, the words for both, where
# "{second}" stands for the second's own words: "^p/^n Back/Next: Value").
FOOTER_PAIRS = (("walk(-1)", "walk(1)", "Back/{second}"), ("move(-1)", "move(1)", "Move"))


class StepScreen(WholeFrames, Screen[None]):
    """One step of the interview. Subclasses compose the body and refresh it from the model."""

    BINDINGS = [Binding("ctrl+z", "undo", "Undo")]
    # Each step puts the focus where its work starts (on_mount): the entry line of the
    # first list, the first field without the scroll that would hide its label, or
    # nothing without a segment. Textual's auto focus first focused the first focusable
    # widget, and each move restyled what it left and what it reached.
    AUTO_FOCUS = ""
    # Lists (by id) whose highlighted row follows the canvas, not the screen's memory.
    HIGHLIGHT_FROM_MODEL: tuple[str, ...] = ()

    def __init__(self, step: Step) -> None:
        super().__init__(name=step.id)
        self.step = step
        # Set by the app on the session's first screen: its frame (the step bar, the
        # question, the list, the keys) is drawn before its detail is built (build_detail),
        # and so is on screen sooner.
        self.detail_to_build = False
        self._shown: tuple[int, int, str | None] | None = None  # see _showing
        self.memory: StepMemory | None = None  # how the user left the step's dropped screen
        # Set once a resume has shown the canvas: the app holds a step switch's frame until
        # then, and until the widgets have told the screen what changed (_draw_when_mounted).
        self.resume_handled = asyncio.Event()

    @property
    def bmc(self) -> BmcApp:
        return cast("BmcApp", self.app)

    @property
    def canvas(self) -> Canvas:
        return self.bmc.document.canvas

    def question(self, key: str) -> Question | None:
        return self.step.question(key)

    # the questions, rendered by the kind of answer the flow schema declares for each

    def answer_field(
        self, question: Question, *, choices: list[Choice] | None = None, show_examples: bool = False,
    ) -> Widget:
        """The field for a choice or text question; its id is "STEP-KEY"."""
        widget_id = f"{self.step.id}-{question.key}"
        if question.kind == TEXT:
            from ..widgets.text_box import TextBox

            return TextBox(placeholder=question.placeholder, id=widget_id)
        if question.kind in (ONE, MANY):
            from ..widgets.choice_list import ChoiceList, choices_from

            return ChoiceList(
                choices_from(question.options) if choices is None else choices,
                multiple=question.kind == MANY, show_examples=show_examples, id=widget_id,
            )
        raise ValueError(f"{question.key}: a {question.kind} question is laid out by its screen")

    def question_of(self, field: Widget) -> Question | None:
        """The question a field made by answer_field asks."""
        return self.question((field.id or "").removeprefix(f"{self.step.id}-"))

    def show_answers(self, record: object, record_id: str) -> None:
        """Show one record's answers (a segment, a channel, a relationship) in the fields."""
        # One query for them all: each walks the screen.
        fields = ", ".join(f"#{self.step.id}-{question.key}" for question in self.step.questions)
        for field in self.query(fields) if fields else ():
            self.show_answer(field, record, record_id)

    def show_answer(self, field: Widget, record: object, record_id: str) -> None:
        """Show in one field what the record now holds for its question (after an edit,
        only the field answered is redrawn: every repaint costs bytes over a slow link)."""
        question = self.question_of(field)
        value = getattr(record, question.key, None) if question else None
        from ..widgets.choice_list import ChoiceList
        from ..widgets.text_box import TextBox  # loaded by now: answer_field made the field

        if isinstance(field, TextBox):
            field.show_text(value or "")
        elif isinstance(field, ChoiceList):
            field.show_record(record_id, [value] if isinstance(value, str) and value else value or [])

    def record_answer(
        self, field: Widget, record_id: str, value: str | list[str], *, shown: list[str] | None = None,
    ) -> Question | None:
        """Save a field's new answer through the core's edits (which check it); the
        question it answers, or None for a field that asks none."""
        question = self.question_of(field)
        if question is None or question.kind not in (ONE, MANY, TEXT):
            return None
        self.bmc.edits.answer(self.step.id, record_id, question.key, value, shown=shown)
        return question

    def compose(self) -> ComposeResult:
        yield StepBar(self.canvas.title, self.bmc.step_labels(), self.step.id)
        if self.step.intro:
            yield Static(literal(self.step.intro), classes="step-intro")
        yield from self.compose_body()
        # Ctrl+K (commands) is in the help: beside the step keys it would not fit 80 columns.
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    async def build_detail(self) -> None:
        """Build and show what the first frame left out (detail_to_build); the app draws
        it as the next frame. Nothing for a screen that leaves nothing out."""
        self.detail_to_build = False

    @property
    def described_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's, with Ctrl+N and Ctrl+P saying where they go ("Next: segment 2/3"):
        the command palette lists these."""
        bindings = super().active_bindings
        for key, active in bindings.items():
            if (delta := WALK_DELTAS.get(active.binding.action)) is not None:
                described = replace(active.binding, description=self.bmc.walk_label(delta))
                bindings[key] = active._replace(binding=described)
            elif isinstance(active.node, ListEditor) and active.node.editing is not None:
                if active.binding.action == "leave_input":
                    # Esc while editing an entry drops the change: say so.
                    described = replace(active.binding, description="Keep as it was")
                    bindings[key] = active._replace(binding=described)
        return bindings

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """What the footer shows: the described bindings, each pair of keys as one entry
        ("^p/^n Back/Next: Value", "⇧↑/⇧↓ Move"), fitted to the screen's width."""
        bindings = self.described_bindings
        for first, second, words in FOOTER_PAIRS:
            _pair_keys(bindings, first, second, words, self.app.get_key_display)
        self._fit_footer(bindings)
        return bindings

    @on(events.Resize)
    def _refit_footer(self) -> None:
        self.refresh_bindings()  # a wider screen shows the keys a narrow one left out

    def _fit_footer(self, bindings: dict[str, ActiveBinding]) -> None:
        """Leave keys the help lists anyway out of the footer while it is wider than the
        screen: a footer cut at the edge hides where Ctrl+N goes."""
        for action in FOOTER_SPARES:
            if self._footer_width(bindings) <= self.app.size.width:
                return
            for key, active in bindings.items():
                if active.binding.action == action and active.binding.show:
                    bindings[key] = active._replace(binding=replace(active.binding, show=False))

    def _footer_width(self, bindings: dict[str, ActiveBinding]) -> int:
        shown: dict[str, int] = {}
        for active in bindings.values():
            binding = active.binding
            if binding.show:
                # One entry per action (Textual shows one); a key, a space, the words, a space.
                width = len(self.app.get_key_display(binding)) + len(binding.description) + 2
                shown.setdefault(binding.action, width)
        return sum(shown.values()) + 2

    def never_applies(self, action: str) -> bool:
        """Whether a key of this screen can never act in this flow: the help leaves it out."""
        return False

    def show_target(self, target: Finding) -> None:
        """Point at what fixes a fit finding: its list, its entry, its field."""

    def on_mount(self) -> None:
        self.show_save_status()
        self._shown = self._showing()  # each screen's on_mount shows the model
        if self.memory is not None:  # after the step's own on_mount: focus, highlights
            recall(self, self.memory)
            self.memory = None

    def settings(self) -> dict[str, object]:
        """The screen's own settings (not the canvas's), kept when the app drops it."""
        return {}

    def use_settings(self, settings: dict[str, object]) -> None:
        """Take back what ``settings`` gave, before the screen is composed."""

    def show_save_status(self) -> None:
        """The app's save status in the step bar. Told by the app, not watched: a watch on
        the app would keep a dropped step's screen alive as long as the app."""
        for bar in self.query(StepBar):  # none before the screen is composed
            bar.set_status(self.bmc.save_status)

    def _watch__pointer_shape(self, pointer_shape: str) -> None:
        # A screen built unseen (unseen.py) wrote the mouse pointer's shape as it mounted:
        # bytes after the step's frame, for a pointer the step on show has set already.
        if self.is_current:
            super()._watch__pointer_shape(pointer_shape)

    def on_screen_suspend(self) -> None:
        if self not in self.app.screen_stack:  # another step now, not a dialog over this one
            self._shown = None

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Not restyled (Textual restyles every node at each resume, twice on a first
        # visit): nothing changed that it would show. Focus moves restyle what they change,
        # and a new theme restyles every screen. Restyling repainted every list.
        event.refresh_styles = False
        self.show_save_status()  # it may have changed while another step was on show
        # Back from another step: show the canvas as it is now, once. Not again on a
        # first visit (Textual sends two resumes right after on_mount) or when a dialog
        # closes, unless something changed meanwhile.
        if self._shown != self._showing():
            self.show_canvas()
        self.resumed()
        # Not awaited here: a pause before Textual's own handler (which runs after this)
        # left the segment detail to be laid out again a frame after each Enter.
        self.resume_handled.set()

    def resumed(self) -> None:
        """What a step adds when its screen is resumed (after the canvas is shown)."""

    def _showing(self) -> tuple[int, int, str | None]:
        """What the screen shows depends on: the canvas, its changes, the segment chosen."""
        document = self.bmc.document
        return id(document.canvas), document.version, self.bmc.current_segment_id

    def show_canvas(self) -> None:
        """Show the canvas as it is now (after a change elsewhere, or a reload from disk)."""
        self._shown = self._showing()
        self.query_one(StepBar).set_title(self.canvas.title)
        self.refresh_from_model()
        self.refresh_bindings()

    def refresh_from_model(self) -> None:
        """Show what the canvas holds now."""

    # deleting, and undoing it

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            # Hidden, not greyed, while there is nothing to undo.
            return self.bmc.edits.can_undo
        return True

    def ask_to_delete(
        self, question: str, detail: str, delete: Callable[[], None], does: str = "delete it",
    ) -> None:
        """Ask first; ``delete`` makes the edit and shows the result. Ctrl+Z brings it back."""
        from ..dialogs.ask import YES, confirm_screen

        def answered(answer: str | None) -> None:
            if answer == YES:
                delete()
                self.refresh_bindings()

        self.app.push_screen(confirm_screen(question, detail, does), answered)

    def action_undo(self) -> None:
        label = self.bmc.edits.undo()
        if label:
            self.show_canvas()
            self.bmc.say(f"Brought back {label}.", timeout=5)

    # Free-text answers go into the model as they are typed (through edits, which save
    # them within a moment); Enter and leaving the field save at once.

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if _is_answer_field(event.input):
            self.bmc.save_pending()
            self.focus_next()

    async def gather_repaints(self) -> None:
        """Let the widgets a handler just changed tell this screen before its next frame, so
        that one frame draws them all (an Enter's new entry, the title's count, the cleared
        entry line, the detail). Each widget reports from its own queue: without this the
        screen drew what had reported so far and the rest a frame later, which Textual's
        refresh timer puts off by 17-33 ms."""
        await asyncio.sleep(0)  # the widgets' queues run first: they were woken before

    def type_into(self, editor: ListEditor, place: str) -> None:
        """Point a list's entry line at ``place``, with what was left typed there (even by a
        session that was cut off)."""
        editor.show_draft(place, self.bmc.document.drafts.get(place, ""))

    def on_list_editor_draft_changed(self, event: ListEditor.DraftChanged) -> None:
        if event.place:
            self.bmc.document.set_draft(event.place, event.text)
            self.bmc.save_soon()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if _is_answer_field(event.widget):
            self.bmc.save_pending()

    # the segment the value and relationship steps work on, shared between steps

    @property
    def current_segment(self) -> Segment | None:
        return self.bmc.current_segment()

    def set_current_segment(self, segment_id: str) -> None:
        self.bmc.current_segment_id = segment_id
        self.refresh_from_model()
        self.refresh_bindings()  # Ctrl+N's "Next: segment 2/3"


class PerSegmentStepScreen(StepScreen):
    """A step answered segment by segment (value proposition, relationships): Ctrl+G picks it."""

    BINDINGS = [Binding("ctrl+g", "pick_segment", "Segment")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick_segment":
            return len(self.canvas.segments) > 1  # one segment: nothing to pick, hidden
        return super().check_action(action, parameters)

    def action_pick_segment(self) -> None:
        from ..dialogs.segment_picker import SegmentPickerScreen

        def chosen(segment_id: str | None) -> None:
            if segment_id and segment_id != self.bmc.current_segment_id:
                self.before_segment_change()
                self.set_current_segment(segment_id)

        current = self.current_segment
        self.app.push_screen(
            SegmentPickerScreen(self.canvas.segments, current.id if current else None), chosen
        )

    def before_segment_change(self) -> None:
        """Called just before another segment is shown."""

    def segment_position(self, segment: Segment) -> Text:
        """"Segment 1/2: Morning commuters", the name in bold."""
        segments = self.canvas.segments
        text = Text(f"Segment {segments.index(segment) + 1}/{len(segments)}: ")
        text.append(visible_line(segment.name), style="bold")
        return text


def _pair_keys(
    bindings: dict[str, ActiveBinding], first: str, second: str, words: str,
    key_display: Callable[[Binding], str],
) -> None:
    """Show two keys as one footer entry, in place of the first: "^p/^n Back/Next: Value".
    One of them alone (the other cannot act here) keeps its own entry."""
    found = {
        active.binding.action: key for key, active in bindings.items()
        if active.binding.action in (first, second) and active.binding.show
    }
    if len(found) < 2:
        return
    one, two = bindings[found[first]], bindings[found[second]]
    shown = replace(
        one.binding,
        key_display=f"{key_display(one.binding)}/{key_display(two.binding)}",
        description=words.format(second=two.binding.description),
        group=None,
    )
    bindings[found[first]] = one._replace(binding=shown, enabled=one.enabled or two.enabled)
    bindings[found[second]] = two._replace(binding=replace(two.binding, show=False))


def _is_answer_field(widget: object) -> bool:
    from ..widgets.text_box import TextBox

    # A list's entry line (clear_on_submit) adds entries instead; its screen saves those.
    return isinstance(widget, TextBox) or (isinstance(widget, TextField) and not widget.clear_on_submit)


class RecordListScreen(StepScreen):
    """A step whose left column lists records (segments, channels) kept by the core's
    edits under one noun: ``add_<noun>``, ``rename_<noun>``, ``move_<noun>``,
    ``delete_<noun>``. The list's keys work the same on each such step."""

    RECORD = ""  # the noun: "segment", "channel"
    _editor: ListEditor | None = None

    @property
    def editor(self) -> ListEditor:
        # Looked up once: a query walks the screen, and an Enter asked several times.
        if self._editor is None:
            self._editor = self.query_one(f"#{self.step.id}-list", ListEditor)
        return self._editor

    @property
    def records(self) -> list:
        return getattr(self.canvas, f"{self.RECORD}s")

    def highlighted_record(self):
        index, records = self.editor.highlighted, self.records
        return records[index] if index is not None and index < len(records) else None

    def refresh_from_model(self, highlight: int | None = None) -> None:
        """Show what the canvas holds now; ``highlight``: the entry to highlight."""

    def delete_question(self, record) -> tuple[str, str]:
        """The question before deleting a record, and what goes with it."""
        raise NotImplementedError

    def _edit(self, verb: str, *arguments):
        return getattr(self.bmc.edits, f"{verb}_{self.RECORD}")(*arguments)

    def on_list_editor_edited(self, event: ListEditor.Edited) -> None:
        # The id stays as it was: whatever points at the record keeps pointing at it.
        self._edit("rename", self.records[event.index].id, event.text)
        self.refresh_from_model(highlight=event.index)

    def on_list_editor_moved(self, event: ListEditor.Moved) -> None:
        target = self._edit("move", self.records[event.index].id, event.delta)
        self.refresh_from_model(highlight=target)

    def on_list_editor_delete_requested(self, event: ListEditor.DeleteRequested) -> None:
        record = self.records[event.index]

        def delete() -> None:
            self._edit("delete", record.id)
            self.refresh_from_model(highlight=event.index)

        self.ask_to_delete(*self.delete_question(record), delete)
