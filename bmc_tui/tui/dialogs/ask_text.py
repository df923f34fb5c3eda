"""Asks for one line of text (a file name, the canvas's title)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..widgets import TextField, literal
from ..widgets.footer import KeyFooter
from ..whole_frames import WholeFrames


class AskTextScreen(WholeFrames, ModalScreen[object]):
    """Dismisses with ``answer(text typed)`` (Enter), or None (Esc). Empty text is an answer
    only when ``allow_empty``."""

    # Its own footer, not the keys of the step under the dialog (Enter: the box says).
    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(
        self, question: str, detail: str, value: str, keys: str, *, allow_empty: bool = False,
        field_id: str = "ask-text",
    ) -> None:
        super().__init__()
        self.question_text = question
        self.detail = detail
        self.value = value
        self.keys = keys
        self.allow_empty = allow_empty
        self.field_id = field_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(literal(self.question_text), classes="modal-title")
            yield Static(literal(self.detail), classes="modal-detail")
            yield TextField(self.value, id=self.field_id)
            yield Static(Text(self.keys), classes="modal-keys")
        yield KeyFooter()

    def on_mount(self) -> None:
        field = self.query_one(TextField)
        field.cursor_position = len(field.value)
        self.set_focus(field)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if text or self.allow_empty:
            self.dismiss(self.answer(text))

    def answer(self, text: str) -> object:
        return text

    def action_cancel(self) -> None:
        self.dismiss(None)
