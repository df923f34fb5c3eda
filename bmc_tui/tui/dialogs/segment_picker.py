"""Pick the segment the value proposition or relationship step works on."""

from __future__ import annotations

from textual.widgets.option_list import Option

from ...core import Segment
from ..widgets import literal_line
from .pick_one import PickOneScreen


class SegmentPickerScreen(PickOneScreen):
    """Dismisses with the chosen segment's id, or None."""

    def __init__(self, segments: list[Segment], current: str | None) -> None:
        options = [Option(literal_line(segment.name), id=segment.id) for segment in segments]
        super().__init__("Which segment?", options, current, "picker-box")
