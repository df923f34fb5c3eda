"""Words and marks the interface uses on several screens, in one place, so that the same
thing always reads the same: empty states, the mark of an item nothing addresses yet.

Question wording belongs to the flow files; these are the interface's own words.
"""

from __future__ import annotations

from rich.text import Text

from ..core.flow import Flow

# An item of the customer profile that nothing on offer addresses yet (value step, fit
# step): one character and a colour, read without colour too.
UNADDRESSED = "!"
UNADDRESSED_STYLE = "bold yellow"
ADDRESSED = "✓"
ADDRESSED_STYLE = "green"


def unaddressed_mark() -> Text:
    """"! " in the warning colour, before an item nothing addresses yet."""
    return Text(f"{UNADDRESSED} ", style=UNADDRESSED_STYLE)


def addressed_mark() -> Text:
    return Text(f"{ADDRESSED} ", style=ADDRESSED_STYLE)


def nothing_yet(things: str, how: str = "") -> str:
    """An empty state: "No channels yet: type a channel's name and press Enter."."""
    return f"No {things} yet: {how}." if how else f"No {things} yet."


def step_place(flow: Flow, step_id: str) -> str:
    """Where a step is and how to get there: "step 1, Segments (Ctrl+O, then 1)"."""
    if step_id not in flow.step_ids:
        return f"the {step_id} step"
    number = flow.step_ids.index(step_id) + 1
    return f"step {number}, {flow.steps[number - 1].short} (Ctrl+O, then {number})"


def no_segments_yet(flow: Flow) -> str:
    """The empty state of every step that needs segments."""
    return nothing_yet("segments", f"add them in {step_place(flow, 'segments')}")
