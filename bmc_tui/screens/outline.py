"""All the steps with what each holds so far; Enter jumps to one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..flow import Flow
from ..model import OFFER_KINDS, PROFILE_KINDS, Canvas
from ..model.fit import check_fit


def step_summary(canvas: Canvas, step_id: str) -> str:
    """A few words on what a step holds, for the outline."""
    segments = canvas.segments
    if step_id == "segments":
        return _count(len(segments), "segment")
    if step_id == "value":
        profile = sum(len(s.items(k)) for s in segments for k in PROFILE_KINDS)
        offer = sum(len(s.items(k)) for s in segments for k in OFFER_KINDS)
        return f"{_count(profile, 'customer item')}, {_count(offer, 'offer item')}"
    if step_id == "channels":
        return _count(len(canvas.channels), "channel")
    if step_id == "relationships":
        done = sum(1 for s in segments if s.relationship.types)
        return f"{done}/{len(segments)} segments with a relationship type"
    if step_id == "fit":
        return _count(len(check_fit(canvas).findings), "finding")
    return ""


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


JUMP = Binding.Group("Step number", compact=True)


class OutlineScreen(ModalScreen[str | None]):
    """Dismisses with the chosen step id, or None."""

    BINDINGS = [
        Binding("escape,ctrl+o", "close", "Close"),
        Binding("enter", "choose", "Go to step", priority=True),
        *(Binding(str(n), f"number({n})", f"Step {n}", group=JUMP) for n in range(1, 6)),
    ]

    def __init__(self, flow: Flow, canvas: Canvas, current: str) -> None:
        super().__init__()
        self.flow = flow
        self.canvas = canvas
        self.current = current

    def compose(self) -> ComposeResult:
        options = []
        for number, step in enumerate(self.flow.steps, start=1):
            prompt = Text(f"{number} {step.title}", style="bold")
            prompt.append(f"  {step_summary(self.canvas, step.id)}", style="dim")
            options.append(Option(prompt, id=step.id))
        with Vertical(classes="modal-box outline-box"):
            yield Static("Steps", classes="modal-title")
            yield OptionList(*options, compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.highlighted = self.flow.step_ids.index(self.current)
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "number":
            (number,) = parameters
            return number <= len(self.flow.steps)  # type: ignore[operator]
        return True

    def action_number(self, number: int) -> None:
        self.dismiss(self.flow.step_ids[number - 1])

    def action_close(self) -> None:
        self.dismiss(None)
