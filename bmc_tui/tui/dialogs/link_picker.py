"""Choose the items something links to: the jobs a product serves, the pains a reliever relieves..."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets import Choice, ChoiceList, literal
from ..words import nothing_yet
from ..widgets.footer import KeyFooter
from ..whole_frames import WholeFrames


class LinkPickerScreen(WholeFrames, ModalScreen[list[str] | None]):
    """Space toggles, Enter keeps the choice; dismisses with the chosen ids, or None on Esc.

    Every text given is shown literally: titles and items come from the flow and the canvas.
    """

    BINDINGS = [
        Binding("space", "toggle", "Toggle"),
        Binding("enter", "done", "Done", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        title: str,
        subject: str,
        targets: Sequence[tuple[str, str]],
        selected: Sequence[str],
        empty_message: str = nothing_yet("entries to link to"),
    ) -> None:
        """``targets`` are (id, text) pairs; ``subject`` is the item being linked."""
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.targets = list(targets)
        self.initial = list(selected)
        self.empty_message = empty_message

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box link-box"):
            yield Static(literal(self.title_text), classes="modal-title")
            yield Static(literal(self.subject), classes="modal-detail")
            if self.targets:
                yield ChoiceList(
                    [Choice(item_id, text) for item_id, text in self.targets],
                    multiple=True,
                    selected=self.initial,
                )
            else:
                yield Static(literal(self.empty_message), classes="modal-keys")
        yield KeyFooter()

    def on_mount(self) -> None:
        for choice_list in self.query(ChoiceList):
            choice_list.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle":
            return bool(self.targets)  # nothing to tick: the key is left out of the footer
        return True

    def action_toggle(self) -> None:
        for choice_list in self.query(ChoiceList):
            choice_list.action_select()

    def action_done(self) -> None:
        # Enter is a priority key, handled as it arrives: let Space and arrow keys typed
        # before it reach the list first.
        # Then the toggles they report (bubbling up to this screen) are shown first.
        lists = self.query(ChoiceList)
        if lists:
            lists.first().call_later(self.call_later, self._finish)
        else:
            self._finish()

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        # The picker's answer is its own until Enter: it shows each toggle itself.
        event.choice_list.set_selected(event.values)

    def _finish(self) -> None:
        if not self.is_current:
            return  # a second Enter, queued before the first one closed the picker
        chosen = [c.selected for c in self.query(ChoiceList)]
        self.dismiss(chosen[0] if chosen else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
