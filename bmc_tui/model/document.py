"""A canvas bound to its file: what the interview edits and saves after each change.

Kept apart from the screens so the line mode can use the same saving rules,
and so crash safety (a journal of unsaved edits) has one place to go.
"""

from __future__ import annotations

from pathlib import Path

from .canvas import STEP_IDS, Canvas
from .storage import load_canvas, save_canvas


class CanvasDocument:
    def __init__(self, path: Path | str, canvas: Canvas, *, exists: bool) -> None:
        self.path = Path(path)
        self.canvas = canvas
        self.exists = exists

    @classmethod
    def open(cls, path: Path | str) -> CanvasDocument:
        """Load the file, or start a new canvas if there is none yet (written on first change).

        Raises CanvasError for a file that is there but cannot be used.
        """
        path = Path(path)
        try:
            return cls(path, load_canvas(path), exists=True)
        except FileNotFoundError:
            return cls(path, Canvas(), exists=False)

    def save(self) -> None:
        """Write the whole canvas now. Raises OSError; the canvas in memory is kept either way."""
        save_canvas(self.canvas, self.path)
        self.exists = True

    def resume_step(self, step_ids: tuple[str, ...]) -> str:
        """The step to open at: the saved one if this flow has it, else the first."""
        if self.canvas.resume_at in step_ids:
            return self.canvas.resume_at
        return step_ids[0]

    def set_resume_at(self, step_id: str) -> bool:
        """Record the step to reopen at; True when that changed the canvas."""
        if step_id not in STEP_IDS or self.canvas.resume_at == step_id:
            return False
        self.canvas.resume_at = step_id
        return True

