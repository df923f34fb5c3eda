"""Help for the current step, written for someone new to the canvas, and the about text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

from ..flow import Flow, Step

GLOBAL_KEYS = """
| Key | Does |
|---|---|
| F1 or ? | this help |
| Tab, Shift+Tab | next or previous field |
| Ctrl+N, Ctrl+P | next or previous step |
| Ctrl+O | all steps, jump to one |
| Ctrl+Q | quit (everything is already saved) |

Every answer is saved to the file as soon as you make it.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,q", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def __init__(self, flow: Flow, step: Step) -> None:
        super().__init__()
        self.flow = flow
        self.step = step

    def compose(self) -> ComposeResult:
        text = "\n\n".join(
            part for part in (
                f"# {self.step.title}",
                self.step.help.strip(),
                "## Keys",
                GLOBAL_KEYS.strip(),
                "## About",
                self.flow.about.strip(),
            ) if part
        )
        with VerticalScroll(classes="modal-box help-box"):
            yield Markdown(text)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
