"""The terminal driver: Textual's, sending no frame the terminal shows already, and losing
no key typed before it took the terminal.

Textual redraws the whole screen when a screen is removed (a dialog closed, a step's
screen dropped), though nothing on show changed: over a thin link that is a second full
frame, 6-9 KB, after the one that mattered. Only a repeat within REPEAT_WITHIN is dropped:
a later full redraw may be mending a screen something else wrote over.
"""

from __future__ import annotations

import os
import termios
import time

from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

REPEAT_WITHIN = 0.25  # seconds
# Synchronized output's brackets around a frame (when the terminal supports it).
SYNC_START, SYNC_END = "\x1b[?2026h", "\x1b[?2026l"
FRAME_SIZE = 256  # a write this long draws on the screen (shorter: a mode, the pointer...)


def read_typeahead(fd: int) -> str:
    """What was typed before the program took the terminal, as the keys sent it; the
    terminal's settings left as they were.

    Typed while the program starts (a fast typist, a laggy link), it waits in the
    terminal's line discipline, which has turned each Enter (CR) into a newline (ICRNL):
    Textual, reading it once in raw mode, took those for Ctrl+J, and "Students⏎Nurses⏎"
    came out as one entry line, "StudentsNurses", nothing added."""
    try:
        settings = termios.tcgetattr(fd)
    except termios.error:
        return ""  # not a terminal
    reading = [*settings[:6], list(settings[6])]
    reading[3] &= ~termios.ICANON  # a line not ended yet is read too
    reading[6][termios.VMIN] = reading[6][termios.VTIME] = 0  # what is there, no waiting
    chunks: list[bytes] = []
    termios.tcsetattr(fd, termios.TCSANOW, reading)
    try:
        while chunk := os.read(fd, 4096):
            chunks.append(chunk)
    except OSError:
        pass
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, settings)
    typed = b"".join(chunks).decode("utf-8", "replace")
    return typed.replace("\n", "\r") if settings[0] & termios.ICRNL else typed


class FrameSavingDriver(LinuxDriver):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._last_frame = ""
        self._last_frame_at = 0.0
        self._sync_held = False  # a frame's opening bracket, sent with the frame
        self._dropping = False  # a repeated frame was dropped: its closing bracket too

    def start_application_mode(self) -> None:
        # Passed on before Textual's input thread starts: anything typed later comes after.
        if typed := read_typeahead(self.fileno):
            parser = XTermParser()
            for event in [*parser.feed(typed), *parser.feed("")]:  # "": the end, a lone Esc too
                self.process_message(event)
        super().start_application_mode()

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
