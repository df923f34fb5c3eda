"""Keys that arrive in one burst, as they do over a slow SSH link, keep their order and
their place: each goes where the focus is once the keys before it have been handled, even
across a focus change or a step switch."""

from __future__ import annotations

import time

from textual import events

from bmc_tui.tui.app import make_app
from bmc_tui.core.flow import load_flow

from .conftest import saved
from .terminal import TerminalSession

NAMED = {"\r": "enter", "\x7f": "backspace", " ": "space", "\t": "tab", "\x0e": "ctrl+n", "\x10": "ctrl+p"}
FULL = load_flow("full")


def burst(app, text: str) -> None:
    """Post every key at once, as the terminal driver does for one read of input."""
    for character in text:
        app.post_message(events.Key(NAMED.get(character, character), character))


async def handled(pilot) -> None:
    """Wait until every key sent has been handled, however long a step takes to build."""
    for _ in range(1000):
        await pilot.pause()
        if not getattr(pilot.app, "handling_keys", False):
            return
    raise AssertionError("the keys were never all handled")


async def sent_at_once(path, text: str) -> tuple[str, str | None]:
    """Run the app on ``path``, send ``text`` in one burst, and quit once every key has
    been handled: the step it was on then, and the id of the widget with the focus."""
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, text)
        await handled(pilot)
        return app.current_step, app.focused.id if app.focused else None


async def test_a_burst_of_entries_adds_each_one_in_order(canvas_path):
    await sent_at_once(canvas_path, "Morning commuters\rOffices\rStudents\r")
    names = [s["name"] for s in saved(canvas_path)["segments"]]
    assert names == ["Morning commuters", "Offices", "Students"]


async def test_backspace_in_a_burst_deletes_where_it_was_typed(canvas_path):
    await sent_at_once(canvas_path, "Officz\x7fes\r")
    assert saved(canvas_path)["segments"][0]["name"] == "Offices"


async def test_a_burst_across_two_step_switches_lands_on_the_step_it_was_typed_for(canvas_path):
    step, _ = await sent_at_once(canvas_path, "Commuters\r\x0e\x0eWeb shop\r")
    assert step == "channels"
    canvas = saved(canvas_path)
    assert [s["name"] for s in canvas["segments"]] == ["Commuters"]
    assert [c["name"] for c in canvas["channels"]] == ["Web shop"]


async def test_keys_after_tab_go_to_the_field_tab_moved_to(canvas_path):
    _, focused = await sent_at_once(canvas_path, "Students\r\tNight owls")
    assert focused == "segments-description"
    (segment,) = saved(canvas_path)["segments"]
    assert segment["name"] == "Students"
    assert segment["description"] == "Night owls"


async def test_a_burst_of_step_keys_ends_on_the_step_they_lead_to(example_path):
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "\x0e\x0e\x10")
        await handled(pilot)
        assert app.current_step == "value"
        assert app.focused is not None and app.focused.screen is app.screen
        burst(app, "\x10")
        await handled(pilot)
        assert app.current_step == "segments"


# The installed program in a pseudo-terminal: what reaches the screen.


def highlighted_step(session: TerminalSession) -> str:
    """The step the step bar shows as current (in reverse video)."""
    bar = session.screen.buffer[0]
    return "".join(bar[x].data for x in range(session.screen.columns) if bar[x].reverse).strip()


def showing(session: TerminalSession, step_id: str) -> bool:
    """The step bar and the body both show ``step_id``, and nothing of another step is left."""
    step = FULL.step(step_id)
    others = [s.intro[:40] for s in FULL.steps if s.id != step_id]
    display = session.display
    intro = display.splitlines()[1].strip()  # its first line: it wraps at 80 columns
    return (
        highlighted_step(session).endswith(step.short)
        and intro != "" and step.intro.startswith(intro)
        and not any(other in display for other in others)
        and (step_id == "fit") == ("Findings (" in display)
    )


def wait_showing(session: TerminalSession, step_id: str, also: str = "", timeout: float = 20) -> None:
    """Wait until ``step_id`` is on screen whole (with ``also``: a sign that the keys sent
    have all been handled), then until the program is quiet: it must still be on screen."""
    deadline = time.monotonic() + timeout
    while not (showing(session, step_id) and also in session.display):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{step_id} never showed whole (bar: {highlighted_step(session)!r}); "
                f"the screen:\n{session.display}"
            )
        session.pump(0.1)
    session.wait_quiet()  # a late paint of another step would come now
    assert showing(session, step_id), f"another step was painted over {step_id}:\n{session.display}"


def test_step_keys_in_one_burst_leave_the_step_they_lead_to_on_screen(example_path):
    with TerminalSession([str(example_path)]) as session:
        wait_showing(session, "segments")
        # The typed word ends the burst: seen on the value step, the step keys were handled.
        session.send("ctrl+n", "ctrl+n", "ctrl+p", "Zq", delay=0)
        wait_showing(session, "value", also="Zq")
        session.send("ctrl+p")
        wait_showing(session, "segments")


def test_ctrl_p_as_the_fit_step_first_appears_shows_the_step_before_it(example_path):
    with TerminalSession([str(example_path)]) as session:
        wait_showing(session, "segments")
        # Ctrl+N walks each per-segment step's two segments before the next step.
        for step_id in ("value", "value", "channels", "relationships", "relationships"):
            session.send("ctrl+n")
            wait_showing(session, step_id)
        assert "Segment 2/2" in session.display and "[ ] Self-service" in session.display
        # The fit step's first visit is its slowest: Ctrl+P arrives while it is built.
        # Space (ticking the first relationship type on relationships) ends the burst:
        # once it shows, the step keys before it were handled.
        session.send("ctrl+n", "ctrl+p", " ", delay=0)
        wait_showing(session, "relationships", also="[x] Self-service")
        session.send("ctrl+p")  # the one before: the first segment of the same step
        wait_showing(session, "relationships", also="Segment 1/2")


def test_keys_typed_before_the_program_took_the_terminal_are_all_kept(canvas_path):
    # Typed as the program starts (a fast typist, a laggy link): the terminal's line
    # discipline holds them and has turned each Enter into a newline, which Textual read as
    # Ctrl+J: the two names ran together on the entry line and nothing was added.
    with TerminalSession([str(canvas_path)]) as session:
        session.send("Students\rNurses\rCaf\u00e9s")  # at once: the program has not started yet
        session.wait_for("Segments (2)")
        session.wait_quiet()
        assert "Cafés" in session.display  # still on the entry line, as typed
    assert [s["name"] for s in saved(canvas_path)["segments"]] == ["Students", "Nurses"]
