"""The one-line bar at the top: the canvas, where the user is, and whether all is saved."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ...core.text import visible_line


class StepBar(Widget):
    """The steps on the left, the "not saved" mark beside them, the canvas title pinned
    right: a title too long for what is left is cut with "…", never the steps."""

    DEFAULT_CSS = """
    StepBar {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text;
    }
    """

    def __init__(self, title: str, steps: list[tuple[str, str]], current: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.title = title
        self.steps = steps
        self.current = current
        self.status = ""

    def set_status(self, status: str) -> None:
        """A mark such as "NOT SAVED" that stays in view until it is cleared."""
        if status != self.status:
            self.status = status
            self.refresh()

    def set_title(self, title: str) -> None:
        if title != self.title:
            self.title = title
            self.refresh()

    def render(self) -> Text:
        return self.line(self.content_size.width)

    def line(self, width: int) -> Text:
        """The bar as it reads ``width`` columns wide."""
        # A space at each end, in the text rather than padding: the title ends one
        # column from the edge, and what is drawn is the whole line.
        text = Text(" ", no_wrap=True, overflow="ellipsis", end="")
        for number, (step_id, short) in enumerate(self.steps, start=1):
            label = f" {number} {visible_line(short)} "
            text.append(label, style="reverse bold" if step_id == self.current else "dim")
        if self.status:
            # Reverse video and words: seen without colour too (NO_COLOR).
            text.append("  ")
            text.append(f" {self.status} ", style="bold reverse red")
        room = width - text.cell_len - 3  # two spaces before the title, one after
        if self.title and room >= 2:
            title = Text(visible_line(self.title), style="bold")
            title.truncate(room, overflow="ellipsis")
            text.append(" " * (width - text.cell_len - title.cell_len - 1))
            text.append_text(title)
        return text
