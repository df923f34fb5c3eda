"""All the steps with what each holds so far; Enter jumps to one."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.binding import ActiveBinding, Binding
from textual.widgets.option_list import Option

from ...core.flow import Flow, Step
from ...core import OFFER_KINDS, PROFILE_KINDS, Canvas
from ...core.fit import FitReport
from ...core.text import plural, visible_line
from .pick_one import PickOneScreen


def step_summary(canvas: Canvas, step: Step, report: FitReport) -> str:
    """A few words on what a step holds, for the outline; only what the flow asks.
    ``report``: the canvas's fit check (the document's, made once per change)."""
    segments = canvas.segments
    step_id = step.id
    if step_id == "segments":
        return plural(len(segments), "segment")
    if step_id == "value":
        counts = []
        for kinds, noun in ((PROFILE_KINDS, "customer item"), (OFFER_KINDS, "offer item")):
            asked = [kind for kind in kinds if step.asks(kind)]
            if asked:
                counts.append(plural(sum(len(s.items(k)) for s in segments for k in asked), noun))
        return ", ".join(counts)
    if step_id == "channels":
        return plural(len(canvas.channels), "channel")
    if step_id == "relationships":
        done = sum(1 for s in segments if s.relationship.types)
        return f"a type for {done}/{len(segments)} segments"
    if step_id == "fit":
        return report.counted() or "nothing to fix"
    return ""


MOST_STEPS = 9  # a flow's steps are numbered 1 to 9, one key each
# The outline's last entry, after the steps: the whole canvas at once.
CANVAS_VIEW = "canvas-view"
CANVAS_NAME = "The canvas"


class OutlineScreen(PickOneScreen):
    """Dismisses with the chosen step id, CANVAS_VIEW, or None."""

    BINDINGS = [
        Binding("enter", "choose", "Go there", priority=True),
        # One footer entry for the number keys ("1-5 Step"): see check_action.
        Binding("1", "number(1)", "Step"),
        *(Binding(str(n), f"number({n})", f"Step {n}", show=False) for n in range(2, MOST_STEPS + 1)),
        Binding("escape,ctrl+o", "close", "Close"),
        Binding("ctrl+r", "canvas_view", "Canvas", show=False),
    ]

    def __init__(self, flow: Flow, canvas: Canvas, current: str, report: FitReport) -> None:
        self.flow = flow
        # The step bar's names, in a column: the summaries line up after the longest.
        names = [visible_line(step.short) for step in flow.steps]
        width = max(map(len, [*names, CANVAS_NAME]))
        options = []
        for number, (step, name) in enumerate(zip(flow.steps, names), start=1):
            prompt = Text(f"{number} ")
            prompt.append(name.ljust(width), style="bold")
            prompt.append(f"  {step_summary(canvas, step, report)}", style="dim")
            options.append(Option(prompt, id=step.id))
        prompt = Text("  ")
        prompt.append(CANVAS_NAME.ljust(width), style="bold")
        prompt.append("  all nine blocks at once (Ctrl+R)", style="dim")
        options.append(Option(prompt, id=CANVAS_VIEW))
        super().__init__("All steps", options, current, "outline-box")

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = super().active_bindings
        count = min(len(self.flow.steps), MOST_STEPS)
        if "1" in bindings and count > 1:
            active = bindings["1"]
            bindings["1"] = active._replace(binding=replace(active.binding, key_display=f"1-{count}"))
        return bindings

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "number":
            (number,) = parameters
            return number <= len(self.flow.steps)  # type: ignore[operator]
        return True

    def action_canvas_view(self) -> None:
        self.dismiss(CANVAS_VIEW)

    def action_number(self, number: int) -> None:
        self.dismiss(self.flow.step_ids[number - 1])
