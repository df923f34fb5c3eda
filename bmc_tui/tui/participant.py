"""The interview for one workshop participant: their name first, then their own file.

Run by ``bmc-tui serve`` once per browser (``python -m bmc_tui.serve.participant``). The
name picks the file, ``DIR/<name>.toml``; a name whose file is open in another browser
right now is refused, so nobody writes into another participant's answers.
"""

from __future__ import annotations

from pathlib import Path

from textual import events

from ..core import Canvas, CanvasError
from ..core.document import CanvasDocument
from ..core.flow import Flow
from ..serve.names import UnsafeName, participant_file
from .app import BmcApp
from .dialogs.ask_text import AskTextScreen

NAME_QUESTION = "Your name"
NAME_DETAIL = (
    "Your answers are saved under this name for the workshop. Coming back later? "
    "Type the same name to carry on where you left off."
)
# Only these app keys work before the name is given: nothing else has a canvas to act on.
BEFORE_NAME = {"quit", "help"}


class ParticipantApp(BmcApp):
    def __init__(self, folder: Path, flow: Flow) -> None:
        # No file until the name is known: this empty canvas is never saved (no answers).
        super().__init__(CanvasDocument(folder / ".unnamed.toml", Canvas(), raw=None), flow)
        self.folder = folder
        self.named = False

    def summary_text(self, *, saved: bool) -> str:
        """In a browser there is no command line to come back with: the name is the way."""
        if not saved:
            return super().summary_text(saved=saved)
        return (
            "Thank you: every answer is saved for your facilitator.\n\n"
            "You may close this tab. To change an answer later, open the workshop link "
            "again and give the same name."
        )

    def on_mount(self, event: events.Mount) -> None:
        # The interview starts (start_interview) once the name has opened a file.
        event.prevent_default()
        self.ask_name()

    def ask_name(self) -> None:
        self.push_screen(
            AskTextScreen(NAME_QUESTION, NAME_DETAIL, "", "Enter: start", field_id="participant-name"),
            self.name_given,
        )

    def name_given(self, name: str | None) -> None:
        reason = self.open_for(name) if name else "Type your name to start."
        if reason:
            self.say(reason, title="Your name", severity="warning", timeout=8)
            self.ask_name()
            return
        self.named = True
        self.start_interview()

    def open_for(self, name: str) -> str | None:
        """Open and hold the participant's file; why not, when it cannot be."""
        try:
            path = participant_file(self.folder, name)
            document = CanvasDocument.open(path)
        except UnsafeName as error:
            return str(error)
        except CanvasError:
            return f"The answers saved as {path.name} cannot be opened: please tell the facilitator."
        if document.take_lock() is not None:
            return (f"Someone is answering as {name!r} in another browser right now. "
                    "Add your last name or an initial.")
        if document.read_only:
            document.release()
            return f"{path.name} cannot be written ({document.read_only}): please tell the facilitator."
        self.use_document(document)
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.named and action not in BEFORE_NAME:
            return False
        return super().check_action(action, parameters)

    def action_help(self) -> None:
        if self.named:
            super().action_help()
