"""Asks before something is thrown away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..widgets import literal


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True for yes (y or Enter), False for no (n or Esc).

    The question and the detail are shown literally: they may quote names from a canvas.
    """

    BINDINGS = [
        # Not Enter: a habitual Enter after `d` must not delete.
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question_text = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(literal(self.question_text), classes="modal-title")
            if self.detail:
                yield Static(literal(self.detail), classes="modal-detail")
            yield Static("y: yes   n or Esc: no", classes="modal-keys")
        yield Footer(compact=True, show_command_palette=False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
