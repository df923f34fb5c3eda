"""Screens drawn in whole frames: over a thin link every frame costs its bytes.

Textual 8.2 draws a screen being switched to inside the batch that holds its frames back,
throws that drawing away and forgets what it had to draw: the first frame shown was half
the old screen, then a second drew it all again. And when a layout and a full repaint are
both due, it draws what the layout changed first, then the whole screen; a screen shown
(resumed) is laid out, drawn, then drawn whole again. Held back here, a step switch, a
dialog opening or closing, is one frame of the whole screen (tests/test_frames.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.reactive import Reactive

if TYPE_CHECKING:
    from textual.widget import Widget


class WholeFrames:
    """Mixed into a Screen class (first, before Screen or ModalScreen)."""

    # Textual's own, but without its repaint of the whole screen at every focus move: a
    # Tab from one list to the next wrote the whole screen (6 KB) for the two widgets
    # whose look changed, which repaint themselves (and their focus-marked titles).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Made with the class for the terminal's width (HORIZONTAL_BREAKPOINTS) already:
        # Textual adds it at the screen's first Resize, and a class new then restyles the
        # whole screen, just styled as it mounted (13 ms of the relationships step's first visit).
        if self.HORIZONTAL_BREAKPOINTS:
            width = self.app.size.width
            for breakpoint, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True):
                if width >= breakpoint:
                    self.add_class(name, update=False)
                    break

    def _on_compose(self) -> None:
        # Before Widget's own handler (Textual calls each class's), which composes. Textual's
        # update timer starts paused, and its first resume waits a whole period (1/60 s)
        # before the screen's first frame. Started as the screen composes, that wait is
        # spent building the screen, and a later resume draws at once.
        self._update_timer.resume()

    def _compositor_refresh(self) -> None:
        if getattr(self.app, "holding_frames", False) or self._repaint_required:
            return  # held back (the app is building a step), or the full repaint due draws this too
        super()._compositor_refresh()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Before Textual's own handler, which lays the screen out (and drew it) and then
        # asks for the full repaint: asked first, the layout's drawing waits for it.
        self.refresh()
