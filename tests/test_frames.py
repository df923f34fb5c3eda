"""Over a thin link every frame costs: each step switch and each dialog are drawn in one
frame, the whole screen, never a half-drawn one (Textual drew the new step over the old
one, then all of it again); the first screen whole, then its detail's region. Driven in a pseudo-terminal that supports
synchronized output, so each frame the program draws can be told apart."""

from __future__ import annotations

import re

from textual.app import App

from bmc_tui.core import Canvas, dump_canvas
from bmc_tui.tui.app import make_app

from .terminal import SYNC_END, SYNC_START, TerminalSession

MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")  # the cursor to a row and column


def first_frame_shows(session: TerminalSession, since: int) -> str:
    """The screen once the first frame drawn after byte ``since`` had arrived."""
    raw = bytes(session.raw)
    start = raw.index(SYNC_START, since)
    return session.screen_after(raw.index(SYNC_END, start) + len(SYNC_END))


def drawn_at(raw: bytes) -> list[tuple[int, int, int]]:
    """(offset, row, column) of each cursor move that something is drawn after: not a
    move that only parks the cursor (followed by another move or the end)."""
    moves = []
    for move in MOVE.finditer(raw):
        after = raw[move.end():]
        if after and not MOVE.match(after) and not after.startswith(SYNC_END):
            moves.append((move.start(), int(move[1]), int(move[2])))
    return moves


def test_the_first_screen_is_drawn_whole_then_its_detail(example_path):
    # The segment's detail (a text box, two choice lists) is a third of the time to the
    # first frame: it is built once the rest is on screen, and draws only its own region.
    with TerminalSession([str(example_path)], synchronized_output=True) as session:
        session.wait_for("Who they are")
        session.wait_quiet()
        raw = bytes(session.raw)
        moves = drawn_at(raw)
        # The whole screen, line by line from the top left corner: over SSH it usually
        # comes before the app has read the terminal's answer about synchronized output.
        assert [(row, column) for _, row, column in moves[:24]] == [(row, 1) for row in range(1, 25)]
        first = session.screen_after(moves[24][0])
        # The list's title and entry line, the focused entry line's keys: all at once.
        assert "Segments (2)" in first and "+ e.g. Morning commuters" in first
        assert "esc Back to list" in first and "Who they are" not in first
        # Then the detail's region alone (right of the list, between the bar and the keys).
        assert all(row in range(3, 24) and column >= 27 for _, row, column in moves[24:])
        assert "Market type" in session.display and "Segments (2)" in session.display


async def test_the_first_screen_is_drawn_in_two_parts_and_a_step_switch_once(example_path, monkeypatch):
    drawn: list[str] = []
    display = App._display

    def counted(app, screen, update) -> None:
        if update is not None:
            drawn.append(screen.name)
        display(app, screen, update)

    monkeypatch.setattr(App, "_display", counted)
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert drawn == ["segments", "segments"]  # the screen, then its detail
        drawn.clear()
        await pilot.press("ctrl+n")
        await pilot.pause(0.3)
        assert drawn == ["value"]


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


def test_a_jump_to_a_step_never_shown_is_one_whole_frame(example_path):
    # Each step is built as it is jumped to, its focus placed at once (a focus placed a
    # turn later came in a second frame). The fit step's coverage pane scrolls to the row
    # its finding points at and has a scrollbar: Textual repainted that scrollbar,
    # unchanged, after every later layout of the screen (a second frame; and a third,
    # whole, when the dialog's and the dropped screens' removals laid it out again).
    with TerminalSession([str(example_path)], synchronized_output=True) as session:
        session.wait_for("Segments (2)")
        session.wait_quiet()
        each_is_one_whole_frame(session, [
            ("ctrl+o", "All steps"), ("5", "Does your offer match"),
            ("ctrl+o", "All steps"), ("4", "which relationships it expects"),
            ("ctrl+o", "All steps"), ("3", "How you reach each segment"),
        ])


def test_an_entry_added_on_the_value_step_and_a_walk_to_the_next_segment_are_one_frame_each(example_path):
    # The new entry's list grows by a row and counts its rows again once resized; the next
    # segment's lists change together, an empty one shrinking: each was drawn in two or
    # three frames, 5-30 ms apart, the same rows written again.
    with TerminalSession([str(example_path)], synchronized_output=True) as session:
        session.wait_for("Segments (2)")
        session.wait_quiet()
        each_is_one_whole_frame(session, [("ctrl+n", "Products & services (2)")])
        session.type("Commute")
        session.wait_for("Commute")
        session.wait_quiet()
        each_is_one_whole_frame(session, [("enter", "Jobs (3)"), ("ctrl+n", "Segment 2/2")])


def test_a_tab_to_the_next_field_or_list_is_one_frame_of_what_it_changes(example_path):
    # Textual repainted the whole screen at every focus move (7 KB for a Tab, in two or
    # three frames): only the fields' or lists' marks and the footer's keys change.
    with TerminalSession([str(example_path)], synchronized_output=True) as session:
        session.wait_for("Segments (2)")
        session.wait_quiet()
        for _ in range(2):  # the description, then the market type (Textual's focus_next)
            since = len(session.raw)
            each_is_one_whole_frame(session, [("tab", "Market type")])
            assert len(session.raw) - since < 3000  # the whole screen: 7 KB
        each_is_one_whole_frame(session, [("ctrl+n", "Products & services (2)")])
        since = len(session.raw)
        each_is_one_whole_frame(session, [("tab", "Pains (2)")])
        assert len(session.raw) - since < 3000


def test_enter_on_a_long_list_is_one_frame(canvas_path):
    # A list longer than its room: its scrollbar and the list move with the new entry, and
    # the new segment's empty description shrinks the detail. The screen's own Resize lays
    # it out again before the frame: skipping that layout (as one of the same size) left a
    # second frame of 4.7 KB 20 ms later.
    canvas = Canvas(title="Long")
    for number in range(1, 101):
        canvas.add_segment(f"Segment {number}").description = f"People of group {number}, described in a sentence or two."
    canvas_path.write_text(dump_canvas(canvas), encoding="utf-8")
    with TerminalSession([str(canvas_path)], synchronized_output=True) as session:
        session.wait_for("Segments (100)")
        session.wait_quiet()
        session.type("Students")
        session.wait_for("Students")
        session.wait_quiet()
        each_is_one_whole_frame(session, [("enter", "Segments (101)")])


def test_a_choice_on_a_channel_redraws_only_the_coverage_lines_it_changes(example_path):
    # The coverage grid under a channel is drawn whole, but only its lines that changed
    # are sent: ticking who runs a channel changes one line of the mix (the grid was 2-3
    # KB of every such key). What is left on screen is what a fresh start shows.
    def grid(display: str) -> list[str]:
        lines = display.splitlines()
        start = next(n for n, line in enumerate(lines) if "Phase coverage" in line)
        return [line[26:] for line in lines[start:-1]]  # right of the channel list

    with TerminalSession([str(example_path)], synchronized_output=True) as session:
        session.wait_for("Segments (2)")
        session.wait_quiet()
        each_is_one_whole_frame(session, [("ctrl+o", "All steps"), ("3", "How you reach each segment")])
        session.send("tab", "tab", "down", delay=0.1)  # to "Run by", on "Partner"
        session.wait_quiet()
        before = grid(session.display)
        since = len(session.raw)
        each_is_one_whole_frame(session, [(" ", "(•) Partner")])
        assert len(session.raw) - since < 1200
        ticked = grid(session.display)
        assert ticked != before
        session.send("ctrl+q")
        session.wait_exit()
    with TerminalSession([str(example_path)]) as session:
        session.wait_for("How you reach each segment")  # it reopens where it was left
        session.wait_quiet()
        assert grid(session.display) == ticked
