"""Pick the segment the value proposition or relationship step works on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..model import Segment


class SegmentPickerScreen(ModalScreen[str | None]):
    """Dismisses with the chosen segment's id, or None."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        # Priority, so the footer shows it: the list's own Enter binding is hidden.
        Binding("enter", "choose", "Choose", priority=True),
    ]

    def __init__(self, segments: list[Segment], current: str | None) -> None:
        super().__init__()
        self.segments = segments
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box picker-box"):
            yield Static("Which segment?", classes="modal-title")
            yield OptionList(*(Option(s.name, id=s.id) for s in self.segments), compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        ids = [s.id for s in self.segments]
        if self.current in ids:
            option_list.highlighted = ids.index(self.current)
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self) -> None:
        # Enter is a priority key, handled as it arrives; arrow keys typed just before it
        # may still wait in the list's queue. Choosing from that queue keeps their order.
        self.query_one(OptionList).call_later(self._choose_highlighted)

    def _choose_highlighted(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        self.dismiss(option.id if option else None)

    def action_close(self) -> None:
        self.dismiss(None)
