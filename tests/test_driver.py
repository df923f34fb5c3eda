"""The terminal driver drops a frame the terminal shows already, and nothing else."""

from __future__ import annotations

from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

from bmc_tui.tui import driver as driver_module
from bmc_tui.tui.driver import SYNC_END, SYNC_START, FrameSavingDriver

FRAME = "\x1b[1;1H" + "x" * 300
OTHER = "\x1b[1;1H" + "y" * 300


def sent_by(monkeypatch, *writes: str, clock: list[float] | None = None) -> list[str]:
    sent: list[str] = []
    monkeypatch.setattr(LinuxDriver, "write", lambda self, data: sent.append(data))
    times = iter(clock or [0.0] * len(writes))
    monkeypatch.setattr(driver_module.time, "monotonic", lambda: next(times, 0.0))
    terminal = FrameSavingDriver(App())
    for data in writes:
        terminal.write(data)
    return sent


async def test_a_frame_repeated_at_once_is_not_sent_again_brackets_and_all(monkeypatch):
    sent = sent_by(monkeypatch, SYNC_START, FRAME, SYNC_END, SYNC_START, FRAME, SYNC_END)
    assert sent == [SYNC_START, FRAME, SYNC_END]


async def test_a_changed_frame_or_one_after_other_output_is_sent(monkeypatch):
    assert sent_by(monkeypatch, FRAME, OTHER, FRAME) == [FRAME, OTHER, FRAME]
    assert sent_by(monkeypatch, FRAME, "\x1b[?25h", FRAME) == [FRAME, "\x1b[?25h", FRAME]


async def test_a_repeat_later_on_is_sent_it_may_mend_the_screen(monkeypatch):
    sent = sent_by(monkeypatch, FRAME, FRAME, clock=[0.0, driver_module.REPEAT_WITHIN + 0.01])
    assert sent == [FRAME, FRAME]
