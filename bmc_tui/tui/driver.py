"""The terminal driver: Textual's, sending no frame the terminal shows already.

Textual redraws the whole screen when a screen is removed (a dialog closed, a step's
screen dropped), though nothing on show changed: over a thin link that is a second full
frame, 6-9 KB, after the one that mattered. Only a repeat within REPEAT_WITHIN is dropped:
a later full redraw may be mending a screen something else wrote over.
"""

from __future__ import annotations

import time

from textual.drivers.linux_driver import LinuxDriver

REPEAT_WITHIN = 0.25  # seconds
# Synchronized output's brackets around a frame (when the terminal supports it).
SYNC_START, SYNC_END = "\x1b[?2026h", "\x1b[?2026l"
FRAME_SIZE = 256  # a write this long draws on the screen (shorter: a mode, the pointer...)


class FrameSavingDriver(LinuxDriver):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._last_frame = ""
        self._last_frame_at = 0.0
        self._sync_held = False  # a frame's opening bracket, sent with the frame
        self._dropping = False  # a repeated frame was dropped: its closing bracket too

    def write(self, data: str) -> None:
        if data == SYNC_START:
            self._sync_held = True
            return
        if data == SYNC_END and self._dropping:
            self._dropping = False
            return
        if len(data) >= FRAME_SIZE:
            now = time.monotonic()
            if data == self._last_frame and now - self._last_frame_at < REPEAT_WITHIN:
                self._dropping, self._sync_held = self._sync_held, False
                return
            self._last_frame, self._last_frame_at = data, now
        elif data != SYNC_END:
            self._last_frame = ""  # anything else written: the next frame goes out
        if self._sync_held:
            self._sync_held = False
            super().write(SYNC_START)
        super().write(data)
