"""One screen per file. ``step_screen`` gives each interview step its screen."""

from __future__ import annotations

from importlib import import_module

from .base import StepScreen

# Imported when a step is first shown: the start-up pays only for the step it opens at.
_STEP_SCREEN_CLASSES = {
    "segments": (".segments", "SegmentsScreen"),
    "value": (".value", "ValueScreen"),
    "channels": (".channels", "ChannelsScreen"),
    "relationships": (".relationships", "RelationshipsScreen"),
    "fit": (".fit", "FitScreen"),
}


def step_screen(step_id: str) -> type[StepScreen]:
    """The screen class of a step. Raises KeyError for a step with none."""
    module, name = _STEP_SCREEN_CLASSES[step_id]
    return getattr(import_module(module, __name__), name)
