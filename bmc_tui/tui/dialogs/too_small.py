"""Covers the step while the terminal is smaller than the screens are laid out for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

from ..whole_frames import WholeFrames


MINIMUM_SIZE = Size(80, 24)


def is_too_small(size: Size) -> bool:
    return size.width < MINIMUM_SIZE.width or size.height < MINIMUM_SIZE.height


class TooSmallScreen(WholeFrames, ModalScreen[None]):
    """Dismissed (with no result) by the app once the terminal is big enough again.

    Modal, with nothing to focus: no key reaches the step beneath, so nothing changes
    unseen. Only Ctrl+Q acts."""

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit")]
    STYLESHEET = "too_small"  # styles/too_small.tcss, loaded as it is first shown

    def __init__(self, size: Size) -> None:
        super().__init__()
        self.terminal_size = size

    def compose(self) -> ComposeResult:
        yield Static(self.message(), id="too-small-message")

    def show_size(self, size: Size) -> None:
        self.terminal_size = size
        if self.is_mounted:
            self.query_one("#too-small-message", Static).update(self.message())

    def message(self) -> Content:
        width, height = self.terminal_size
        return Content.assemble(
            (f"Terminal too small: needs {MINIMUM_SIZE.width}x{MINIMUM_SIZE.height}, has {width}x{height}.",
             "bold"),
            "\n\nMake the window larger: everything you typed is kept and comes back as it was."
            "\n\nCtrl+Q quits.",
        )
