"""Over a thin link every frame costs: the first screen, each step switch and each dialog
are drawn in one frame, the whole screen, never a half-drawn one (Textual drew the new
step over the old one, then all of it again). Driven in a pseudo-terminal that supports
synchronized output, so each frame the program draws can be told apart."""

from __future__ import annotations

from .terminal import SYNC_END, SYNC_START, TerminalSession


def first_frame_shows(session: TerminalSession, since: int) -> str:
    """The screen once the first frame drawn after byte ``since`` had arrived."""
    raw = bytes(session.raw)
    start = raw.index(SYNC_START, since)
    return session.screen_after(raw.index(SYNC_END, start) + len(SYNC_END))


def test_the_first_screen_is_one_whole_frame(example_path):
    with TerminalSession([str(example_path)], synchronized_output=True) as session:
        session.wait_for("Segments (2)")
        session.wait_quiet()
        assert len(session.frames()) == 1
        shown = first_frame_shows(session, 0)
        # The list's title and entry line, the focused entry line's keys: all of it at once.
        assert "Segments (2)" in shown and "+ e.g. Morning commuters" in shown
        assert "esc Back to list" in shown


def each_is_one_whole_frame(session: TerminalSession, keys_and_words: list[tuple[str, str]]) -> None:
    """Each key, once ``words`` show, was drawn in one frame that left nothing to draw."""
    for key, words in keys_and_words:
        since = len(session.raw)
        session.send(key)
        session.wait_for(words)
        session.wait_quiet()
        assert len(session.frames(since)) == 1, f"{key}: {len(session.frames(since))} frames"
        shown = first_frame_shows(session, since)
        assert words in shown
        assert shown == session.display  # nothing left for a later frame to draw


def test_each_step_switch_is_one_whole_frame(example_path):
    with TerminalSession([str(example_path)], synchronized_output=True) as session:
        session.wait_for("Segments (2)")
        session.wait_quiet()
        each_is_one_whole_frame(session, [
            ("ctrl+n", "Products & services (2)"), ("ctrl+p", "Segments (2)"), ("ctrl+n", "Products & services (2)"),
        ])


def test_a_dialog_opens_and_closes_in_one_whole_frame(example_path):
    with TerminalSession([str(example_path)], synchronized_output=True) as session:
        session.wait_for("Segments (2)")
        session.wait_quiet()
        each_is_one_whole_frame(session, [
            ("ctrl+o", "All steps"), ("escape", "Segments (2)"), ("f1", "Customer segments"), ("escape", "Segments (2)"),
        ])
