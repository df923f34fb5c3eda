"""All the steps with what each holds so far; Enter jumps to one."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from ...core.flow import Flow
from ...core import OFFER_KINDS, PROFILE_KINDS, Canvas
from ...core.fit import check_fit
from ...core.text import visible_line
from .pick_one import PickOneScreen


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
# The outline's last entry, after the steps: the whole canvas at once.
CANVAS_VIEW = "canvas-view"


class OutlineScreen(PickOneScreen):
    """Dismisses with the chosen step id, CANVAS_VIEW, or None."""

    BINDINGS = [
        Binding("escape,ctrl+o", "close", "Close"),
        Binding("ctrl+r", "canvas_view", "Canvas", show=False),
        Binding("enter", "choose", "Go to step", priority=True),
        *(Binding(str(n), f"number({n})", f"Step {n}", group=JUMP) for n in range(1, 6)),
    ]

    def __init__(self, flow: Flow, canvas: Canvas, current: str) -> None:
        self.flow = flow
        options = []
        for number, step in enumerate(flow.steps, start=1):
            prompt = Text(f"{number} {visible_line(step.title)}", style="bold")
            prompt.append(f"  {step_summary(canvas, step.id)}", style="dim")
            options.append(Option(prompt, id=step.id))
        prompt = Text("  The canvas", style="bold")
        prompt.append("  all nine blocks at once (Ctrl+R)", style="dim")
        options.append(Option(prompt, id=CANVAS_VIEW))
        super().__init__("Steps", options, current, "outline-box")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "number":
            (number,) = parameters
            return number <= len(self.flow.steps)  # type: ignore[operator]
        return True

    def action_canvas_view(self) -> None:
        self.dismiss(CANVAS_VIEW)

    def action_number(self, number: int) -> None:
        self.dismiss(self.flow.step_ids[number - 1])
