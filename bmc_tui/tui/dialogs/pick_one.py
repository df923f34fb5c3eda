"""The base of modals that pick one entry of a list: the segment picker, the outline."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..widgets import literal
from ..widgets.footer import KeyFooter
from ..whole_frames import WholeFrames


class PickOneScreen(WholeFrames, ModalScreen[str | None]):
    """A title and a list; Enter dismisses with the highlighted option's id, Esc with None."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        # Priority, so the footer shows it: the list's own Enter binding is hidden.
        Binding("enter", "choose", "Choose", priority=True),
    ]

    def __init__(self, title: str, options: list[Option], current: str | None, box_class: str) -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.current = current
        self.box_class = box_class

    def compose(self) -> ComposeResult:
        with Vertical(classes=f"modal-box {self.box_class}"):
            yield Static(literal(self.title_text), classes="modal-title")
            yield OptionList(*self.options, compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        ids = [option.id for option in self.options]
        if self.current in ids:
            option_list.highlighted = ids.index(self.current)
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.is_current:
            self.dismiss(event.option.id)

    def action_choose(self) -> None:
        # Enter is a priority key, handled as it arrives; arrow keys typed just before it
        # may still wait in the list's queue. Choosing from that queue keeps their order.
        self.query_one(OptionList).call_later(self._choose_highlighted)

    def _choose_highlighted(self) -> None:
        if not self.is_current:
            return  # a second Enter, queued before the first one closed the picker
        option = self.query_one(OptionList).highlighted_option
        self.dismiss(option.id if option else None)

    def action_close(self) -> None:
        self.dismiss(None)
