"""Asks where to save the canvas instead (a read-only file, a full disk, a folder gone)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..widgets import TextField


class SaveAsScreen(ModalScreen[Path | None]):
    """Dismisses with the path typed (Enter), or None (Esc)."""

    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, suggestion: Path, why: str) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.why = why

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(Text("Save your answers to another file"), classes="modal-title")
            yield Static(Text(f"{self.why}\nA name alone saves beside the canvas; ~/ and / paths work too."),
                         classes="modal-detail")
            yield TextField(str(self.suggestion), id="save-as-path")
            yield Static(Text("Enter: save there and carry on in it   Esc: back"), classes="modal-keys")

    def on_mount(self) -> None:
        field = self.query_one(TextField)
        field.cursor_position = len(field.value)
        self.set_focus(field)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if text:
            self.dismiss(Path(text).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)
