"""The one-line bar at the top: the canvas, and where the user is in the interview."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..model.text import visible_line


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
        super().__init__(self._content(title, steps, current), **kwargs)

    @staticmethod
    def _content(title: str, steps: list[tuple[str, str]], current: str) -> Text:
        # Steps first: on a narrow terminal a long title is what gets cut, not the steps.
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, (step_id, short) in enumerate(steps, start=1):
            label = f" {number} {visible_line(short)} "
            text.append(label, style="reverse bold" if step_id == current else "dim")
        if title:
            text.append("  ")
            text.append(visible_line(title), style="bold")
        return text
