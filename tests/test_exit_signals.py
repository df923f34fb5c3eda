"""SIGHUP, SIGTERM and SIGINT save what was typed, restore the terminal and exit 128+signal.

The installed program runs in a pseudo-terminal; the signal comes 0.1 s after the last key,
well inside the 0.5 s typing pause, so only the signal's own save can have written the words.
"""

from __future__ import annotations

import signal

import pytest

from bmc_tui.core import load_canvas, lock

from .terminal import TerminalSession

WORDS = " and students"
ALT_SCREEN_ON = b"\x1b[?1049h"
RESTORED = [b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l", b"\x1b[?1003l", b"\x1b[?1006l"]


def commuters_description(path) -> str:
    return load_canvas(path).segment("commuters").description


def type_into_description(session: TerminalSession) -> str:
    """Type WORDS at the end of the first segment's "Who they are"; the text it should hold."""
    session.wait_for("Who they are")
    session.wait_quiet()
    session.send("tab")  # from the segment list to its description
    session.wait_quiet()
    session.send("\x1b[F")  # End
    session.type(WORDS)
    session.pump(0.1)
    return "People changing trains between 7 and 9, about 4,000 a day" + WORDS


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT],
                         ids=["SIGHUP", "SIGTERM", "SIGINT"])
def test_a_signal_saves_the_typing_restores_the_terminal_and_exits_128_plus_it(example_path, signum):
    with TerminalSession([str(example_path)], cwd=example_path.parent) as session:
        expected = type_into_description(session)
        session.kill(signum)
        assert session.wait_exit(timeout=15) == 128 + signum
    assert commuters_description(example_path) == expected
    assert not lock.lock_path(example_path).exists()
    after_start = session.raw[session.raw.rindex(ALT_SCREEN_ON):]
    for sequence in RESTORED:
        assert sequence in after_start, sequence


def test_a_dropped_link_saves_the_typing_and_ends(example_path):
    with TerminalSession([str(example_path)], cwd=example_path.parent) as session:
        expected = type_into_description(session)
        session.hang_up()  # the kernel sends SIGHUP; every write to the terminal now fails
        assert session.wait_exit(timeout=15) == 128 + signal.SIGHUP
    assert commuters_description(example_path) == expected


def test_a_stalled_link_then_a_hangup_still_saves_and_ends(example_path):
    # Nobody reads the terminal: Textual's writes block its event loop, so only the
    # watchdog thread can save and end the process.
    with TerminalSession([str(example_path)], cwd=example_path.parent) as session:
        expected = type_into_description(session)
        for _ in range(40):  # full repaints nobody reads, until the terminal's buffer is full
            session.send("f1")  # the help opens, closes, opens...
        session.kill(signal.SIGHUP)
        assert session.wait_exit(timeout=15, read=False) == 128 + signal.SIGHUP
    assert commuters_description(example_path).startswith(expected)
    assert not lock.lock_path(example_path).exists()


async def test_exit_on_signal_saves_pending_typing_and_sets_the_return_code(example_path):
    from bmc_tui.tui.app import make_app

    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "end", *" and staff")
        app.exit_on_signal(signal.SIGTERM)
        assert commuters_description(example_path).endswith(" and staff")  # before the exit
    assert app.return_code == 128 + signal.SIGTERM


def test_words_on_a_lists_entry_line_are_offered_back_after_a_hangup(example_path):
    with TerminalSession([str(example_path)], cwd=example_path.parent) as session:
        session.wait_for("Segments (2)")
        session.wait_quiet()
        session.type("Stud")  # the segment list's entry line has the focus
        session.pump(0.1)
        session.hang_up()
        assert session.wait_exit(timeout=15) == 128 + signal.SIGHUP
    with TerminalSession([str(example_path)], cwd=example_path.parent) as session:
        session.wait_for("Segments (2)")
        session.wait_for("Stud")  # back on the entry line
        session.send("ents", "enter")
        session.wait_for("Segments (3)")
        session.send("ctrl+q")
        assert session.wait_exit() == 0
    assert [s.name for s in load_canvas(example_path).segments][-1] == "Students"
