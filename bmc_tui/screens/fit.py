"""Step placeholder: to be built."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from .base import StepScreen


class FitScreen(StepScreen):
    def compose_body(self) -> ComposeResult:
        yield Static("Not built yet.")
