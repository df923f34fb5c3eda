"""The installed program in a pseudo-terminal: two sessions on one file, and kill -9."""

from __future__ import annotations

import signal
import time

from bmc_tui.core import load_canvas, lock

from .terminal import TerminalSession


def test_a_second_session_is_told_the_first_ones_process_and_may_read(example_path):
    with TerminalSession([str(example_path)]) as first:
        first.wait_for("Segments (2)")
        with TerminalSession([str(example_path)]) as second:
            second.wait_for("open in another bmc-tui session")
            second.wait_for(f"process {first.child.pid}")
            second.send("r")
            second.wait_for("READ-ONLY")
            second.send("ctrl+q")
            assert second.wait_exit() == 0
        # The second session left the first one's lock alone.
        assert lock.read(lock.lock_path(example_path)).pid == first.child.pid
        first.send("ctrl+q")
        assert first.wait_exit() == 0
    assert not lock.lock_path(example_path).exists()


def test_after_kill_9_at_most_the_last_second_is_lost_and_the_file_opens(example_path):
    before = load_canvas(example_path).segments[0].description
    typed = " and students, typed steadily for two seconds"
    with TerminalSession([str(example_path)]) as session:
        session.wait_for("Segments (2)")
        session.send("tab", "\x1b[F")  # the first segment's description, at its end
        session.wait_quiet()
        started = time.monotonic()
        session.type(typed, per_key=0.045)
        typing_took = time.monotonic() - started
        session.pump(0.1)
        session.kill(signal.SIGKILL)
        session.wait_exit()
    on_disk = load_canvas(example_path).segments[0].description
    assert (before + typed).startswith(on_disk)
    # The keys typed more than a second before the kill are all on disk.
    keys_per_second = len(typed) / typing_took
    lost = len(before + typed) - len(on_disk)
    assert lost <= keys_per_second * 1.1


def test_a_session_killed_hard_leaves_a_lock_the_next_one_takes_over(example_path):
    with TerminalSession([str(example_path)]) as session:
        session.wait_for("Segments (2)")
        session.kill(signal.SIGKILL)
        session.wait_exit()
    assert lock.lock_path(example_path).exists()
    with TerminalSession([str(example_path)]) as session:
        session.wait_for("Segments (2)")
        session.wait_quiet()
        assert "another bmc-tui session" not in session.display
        assert lock.read(lock.lock_path(example_path)).pid == session.child.pid
        session.send("ctrl+q")
        assert session.wait_exit() == 0
