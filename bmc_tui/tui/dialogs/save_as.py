"""Asks where to save the canvas instead (a read-only file, a full disk, a folder gone)."""

from __future__ import annotations

from pathlib import Path

from .ask_text import AskTextScreen


class SaveAsScreen(AskTextScreen):
    """Dismisses with the path typed (Enter), or None (Esc)."""

    def __init__(self, suggestion: Path, why: str) -> None:
        super().__init__(
            "Save your answers to another file",
            f"{why}\nA name alone saves beside the canvas; ~/ and / paths work too.",
            str(suggestion),
            "Enter: save there and carry on in it   Esc: back",
            field_id="save-as-path",
        )

    def answer(self, text: str) -> Path:
        return Path(text).expanduser()
