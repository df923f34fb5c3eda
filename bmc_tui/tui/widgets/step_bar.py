"""The one-line bar at the top: the canvas, where the user is, and whether all is saved."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...core.text import visible_line


class StepBar(Static):
    DEFAULT_CSS = """
    StepBar {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text;
        padding: 0 1;
    }
    """

    def __init__(self, title: str, steps: list[tuple[str, str]], current: str, **kwargs) -> None:
        self.title = title
        self.steps = steps
        self.current = current
        self.status = ""
        super().__init__(self._content(), **kwargs)

    def set_status(self, status: str) -> None:
        """A mark such as "NOT SAVED" that stays in view until it is cleared."""
        if status != self.status:
            self.status = status
            self.update(self._content())

    def set_title(self, title: str) -> None:
        if title != self.title:
            self.title = title
            self.update(self._content())

    def _content(self) -> Text:
        # Steps first: on a narrow terminal a long title is what gets cut, not the steps.
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, (step_id, short) in enumerate(self.steps, start=1):
            label = f" {number} {visible_line(short)} "
            text.append(label, style="reverse bold" if step_id == self.current else "dim")
        if self.status:
            # Reverse video and words: seen without colour too (NO_COLOR).
            text.append("  ")
            text.append(f" {self.status} ", style="bold reverse red")
        if self.title:
            text.append("  ")
            text.append(visible_line(self.title), style="bold")
        return text
