"""The installed program on a hostile canvas and flow, in a pseudo-terminal: no escape
sequence from a text reaches the terminal, and the texts show with visible symbols."""

from __future__ import annotations

from bmc_tui.core import load_canvas

from .hostile import FORBIDDEN_BYTES, write_hostile_canvas, write_hostile_flow
from .terminal import TerminalSession


def test_hostile_texts_never_reach_the_terminal(tmp_path):
    canvas = write_hostile_canvas(tmp_path / "hostile.toml")
    flow = write_hostile_flow(tmp_path / "hostile-flow.toml")
    screens = []
    with TerminalSession(["hostile.toml", "--flow", str(flow)], cwd=tmp_path) as session:
        session.wait_for("esc Back to list")  # the segments step, its entry line focused
        screens.append(session.display)
        # Every step and, on the per-segment steps, both segments: on to the fit step.
        for key in ["ctrl+n"] * 6:
            session.send(key)
            if key == "f1":  # the help takes a while on a loaded machine: quiet is not enough
                session.wait_for("OPENME and RUNME")
            session.wait_quiet()
            screens.append(session.display)
        session.send("f1")
        session.wait_for("OPENME and RUNME")  # the help opened (its first opening may be slow)
        screens.append(session.display)
        for key in ["escape", "ctrl+o", "escape"]:
            session.send(key)
            session.wait_quiet(0.5)
            screens.append(session.display)
        session.send("ctrl+q")
        assert session.wait_exit() == 0
    raw = bytes(session.raw)
    for marker in FORBIDDEN_BYTES:
        assert marker not in raw, marker
    # C1 controls, as UTF-8, never written either.
    assert b"\xc2\x9b" not in raw and b"\xc2\x9d" not in raw and b"\xc2\x9c" not in raw
    assert "PWNED" not in (session.screen.title or "")
    shown = "\n".join(screens)
    for symbol in ("\u241b", "\u2407", "\u2400", "\u2421", "\ufffd"):
        assert symbol in shown, symbol
    assert "[/]" in shown and "[bold]x[/bold]" in shown
    canvas.resume_at = "fit"
    assert load_canvas(tmp_path / "hostile.toml") == canvas
