"""The full-screen interview. Build it with ``make_app`` (tests point it at tmp_path)."""

from __future__ import annotations

import asyncio
import gc
from dataclasses import dataclass
from collections.abc import Awaitable, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import ScreenStackError
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.worker import Worker

from .. import startup
from . import exit_signals
from ..core.flow import DEFAULT_FLOW, Flow, Step, flows_folder, load_flow
from .key_characters import plain_key_display, skip_named_key_lookups
from .key_order import KeysInOrder
from .lean_strips import use_lean_strips
from ..core import Segment
from ..core.document import (
    BackgroundWriter,
    CanvasDocument,
    ChangedOnDisk,
    ReadOnlyError,
    describe_error,
)
from ..core.edits import Edits
from ..core.text import visible, visible_line
from .screens import step_screen
from .screens.base import PerSegmentStepScreen, StepScreen
from .screens.memory import StepMemory, remember
from .unseen import build_unseen, lay_out_until_settled
from .dialogs.too_small import TooSmallScreen, is_too_small

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.dom import DOMNode
    from textual.driver import Driver

    from ..core.fit import Finding

# Dialogs, the command palette's commands and the fit rules are imported where they are
# first used: start-up pays only for the first screen (a screen class costs about 1 ms).


# Typing in a text field is saved at most this long after the first unsaved key: a few
# writes a second at most, and what is on screen is on disk within the second.
SAVE_WHILE_TYPING = 0.5
# A failed save is tried again this often, until it works or the user saves elsewhere.
SAVE_RETRY = 3.0
# A canvas file larger than this is written by a thread of its own (a 100-segment canvas
# takes over 100 ms to write); a smaller one at once, in a few milliseconds.
BACKGROUND_SAVE_BYTES = 32 * 1024
EXIT_UNSAVED = 1
# This long after a step change, once the new step is drawn and before the user's next
# key, the screens no longer kept are dropped and the next step's is built (see _settle).
SETTLE_AFTER_STEP = 0.1
# At most this long is a step switch's frame held for the new screen's resume: a screen
# that never got one is drawn anyway.
RESUME_WAIT = 0.5
# A question that comes up while the user types ignores keys this long: the rest of a word
# ("meeting") must not answer it.
ANSWER_GUARD = 0.6


STYLES = Path(__file__).resolve().parent / "styles"


@dataclass(frozen=True)
class Walk:
    """Where Ctrl+N or Ctrl+P goes: a step, and the segment a per-segment step opens at."""

    step_id: str
    segment_id: str | None = None
    segment_index: int = 0
    segment_count: int = 0

    @property
    def segment_number(self) -> int:
        return self.segment_index + 1


def interview_summary(document: CanvasDocument, flow: Flow, *, saved: bool) -> str:
    """The end-of-interview text: the file, the findings, how to come back. The file's name
    only (not its folder): the command to reopen it is typed where it was started."""
    name = document.path.name
    findings = document.fit_report().counted()
    lines = [
        f"Every answer is saved in {name}." if saved
        else f"Your latest answers are NOT saved in {name}: Ctrl+S saves them elsewhere.",
        _findings_line(flow, findings),
        "",
        "Ctrl+Q quits. To carry on later:",
        f"  bmc-tui {reopen_arguments(flow, name)}   reopens it here",
    ]
    if flow.name != DEFAULT_FLOW:
        lines.append(f"  bmc-tui {name}   goes on with the full interview")
    return "\n".join(lines)


def _findings_line(flow: Flow, counted: str) -> str:
    if not counted:
        return "The fit check finds nothing to fix."
    where = (f"step {flow.step_ids.index('fit') + 1}" if "fit" in flow.step_ids
             else "the full interview's last step")
    return f"The fit check lists {counted} to look at ({where})."


def reopen_arguments(flow: Flow, name: str) -> str:
    if flow.name == DEFAULT_FLOW:
        return name
    shipped = flow.source is not None and flow.source.parent == flows_folder()
    return f"--flow {flow.name if shipped else flow.source} {name}"


def interview_commands() -> type[Provider]:
    """The command palette's commands (Textual calls this when the palette opens)."""
    from .screens.commands import InterviewCommands

    return InterviewCommands


def release_rendering(screen: Screen) -> None:
    """Let go of the lines a screen's widgets drew, which Textual keeps until they draw
    again (with their copies dimmed under a dialog)."""
    for widget in (screen, *screen.query("*")):
        widget.refresh()


class BmcApp(KeysInOrder):
    # One stylesheet: the shared rules now, each screen's own file as it is first shown
    # (use_styles). A screen with its own CSS_PATH would make Textual re-parse and restyle
    # everything on its first visit. Every selector names its screen.
    CSS_PATH = STYLES / "app.tcss"
    TITLE = "bmc-tui"
    # Ctrl+K: Ctrl+P, Textual's default, walks back through the interview.
    COMMAND_PALETTE_BINDING = "ctrl+k"
    COMMANDS = {interview_commands}

    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+o", "outline", "All steps"),
        # Not Ctrl+B (tmux's prefix) nor Ctrl+V (paste in many terminals).
        Binding("ctrl+r", "canvas_view", "Canvas"),
        # The footer shows both as one entry, with where Ctrl+N goes: "^p/^n Back/Next: Value".
        Binding("ctrl+p", "walk(-1)", "Back"),
        Binding("ctrl+n", "walk(1)", "Next"),
        Binding("ctrl+t", "set_title", "Canvas title", show=False),
        Binding("ctrl+k", "command_palette", "Commands", show=False, priority=True),
        Binding("ctrl+s", "save_as", "Save as"),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    save_status: reactive[str] = reactive("", init=False)

    def __init__(self, document: CanvasDocument, flow: Flow, *, cursor_blink: bool = False) -> None:
        use_lean_strips()  # a line drawn costs no memory for caches it never uses
        skip_named_key_lookups()  # nor a key the Unicode name database (key_characters.py)
        super().__init__()
        self.use_document(document)
        self.flow = flow
        self.cursor_blink_enabled = cursor_blink
        # No smooth scrolling: every animation frame is bytes on a slow link.
        self.animation_level = "none"
        self.current_segment_id: str | None = None
        self.save_error: str | None = None
        self._pending_save: Timer | None = None
        self._snapshot_due = False  # a background save waits for the next frame (see save)
        self._writer = BackgroundWriter(document, self._written_in_background)
        self._retry: Timer | None = None
        self._asking_about_disk = False
        # The stylesheet was made with these: the theme's first refresh_css has nothing new.
        self._styled_with: dict[str, str] | None = self.get_css_variables()
        # Set while a step's screen is being built or switched to: nothing is drawn until
        # it is whole (whole_frames.py: drawn once when this ends). See delay_update.
        self.holding_frames = False
        self._step_screens: dict[str, StepScreen] = {}  # built and not dropped
        self._step_memories: dict[str, StepMemory] = {}  # how dropped steps were left
        self._settling: Timer | None = None  # see _settle_soon
        self._left_step: str | None = None  # kept besides the step on show
        self._preparing: tuple[str, Worker[None]] | None = None  # being built, unseen

    def make_step_screen(self, step: Step) -> StepScreen:
        """A step's screen, as the user left it if it was dropped (see go_to_step)."""
        self.use_styles(step.id)
        screen = step_screen(step.id)(step)
        screen.detail_to_build = not self._step_screens  # the session's first (_draw_detail)
        if (memory := self._step_memories.pop(step.id, None)) is not None:
            screen.use_settings(memory.settings)
            screen.memory = memory
        self._step_screens[step.id] = screen
        return screen

    def get_driver_class(self) -> type[Driver]:
        from textual.drivers.linux_driver import LinuxDriver

        driver = super().get_driver_class()
        if driver is LinuxDriver:  # not a web or Windows driver, nor one set from outside
            from .driver import FrameSavingDriver

            return FrameSavingDriver
        return driver

    def delay_update(self, delay: float = 0.05) -> None:
        # Textual holds the screen back for 50 ms as it switches modes, to mask the
        # change. A step switch is held only until the new screen is mounted.
        if not self.holding_frames:
            super().delay_update(delay)

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        # A node not mounted yet has nothing on screen to restyle, and is styled as it
        # mounts. Textual restyled each widget given compact=True (or any class toggle) in
        # its constructor there and then: a dozen times on a step's first visit.
        if node is self or node.is_attached:
            super().update_styles(node, animate)

    def get_key_display(self, binding: Binding) -> str:
        return plain_key_display(binding) or super().get_key_display(binding)

    def use_styles(self, name: str) -> None:
        """Add the rules of ``styles/NAME.tcss`` before its screen is first made: parsed
        once, and only the new screen's nodes are styled with them (start-up parses only
        what the first screen needs)."""
        path = str(STYLES / f"{name}.tcss")
        if not self.stylesheet.has_source(path):
            with open(path, encoding="utf-8") as rules:
                self.stylesheet.add_source(rules.read(), read_from=(path, ""))

    def push_screen(self, screen, *args, **kwargs):  # type: ignore[override]
        if isinstance(screen, ModalScreen):
            # Parsed as the first dialog opens, not at start-up: the rules every dialog
            # shares, then the dialog's own file (STYLESHEET), which wins where they differ.
            self.use_styles("dialogs")
            if own := getattr(screen, "STYLESHEET", ""):
                self.use_styles(own)
        return super().push_screen(screen, *args, **kwargs)

    def refresh_css(self, animate: bool = True) -> None:
        """Textual calls this for every new screen (twice on a step's first visit): it
        re-parses every rule and restyles every node. Our screens bring no CSS of their own
        and their widgets are styled as they mount, so only new CSS variables (a theme)
        need it."""
        variables = self.get_css_variables()
        if variables != self._styled_with:
            self._styled_with = variables
            super().refresh_css(animate)

    def use_document(self, document: CanvasDocument) -> None:
        """Work on this canvas (the workshop's app learns its file only once asked a name)."""
        self.document = document
        # Screens change the canvas only through these; each change is saved through
        # the document: at once, or, while typing, within SAVE_WHILE_TYPING.
        self.edits = Edits(document)
        document.on_change = self._canvas_changed

    @contextmanager
    def batch_update(self) -> Iterator[None]:
        with super().batch_update():
            yield
        # Textual skips a screen's repaint while any batch lasts (a footer recomposing)
        # and does not come back to it: a step switched to meanwhile stayed unpainted,
        # the old step on show. Prompt the screen now; it draws only what waits.
        with suppress(ScreenStackError):
            self.screen.check_idle()

    # steps

    def on_mount(self) -> None:
        self.start_interview()

    def start_interview(self) -> None:
        """Show the step to resume at, hold the file, and watch for the terminal's end
        (the workshop's app calls this once a name has opened a file)."""
        startup.set_aside()  # Textual, the flow, the canvas
        for step in self.flow.steps:
            self.add_mode(step.id, partial(self.make_step_screen, step))
        step_id = self.document.resume_step(self.flow.step_ids)
        # Recorded now, written with the first answer: a new file reopens where it was made.
        self.document.set_resume_at(step_id)
        # Drawn once, whole: after Textual's start-up batch (call_later) and its mounting.
        # Switched now: a question about the file (_hold_the_file) goes on top of the step.
        self.call_later(self._show_first_step, self._switch_held(step_id))
        self._hold_the_file()
        self.fit_terminal(self.size)
        if not self.is_headless:  # tests under Pilot keep pytest's own Ctrl+C
            self.call_after_refresh(exit_signals.install(self).start)

    async def _show_first_step(self, switched: Awaitable[object]) -> None:
        await self._draw_when_mounted(switched)
        await self._draw_detail()
        self._tell_of_drafts()
        # Start-up is over once that is on screen (startup.py): its collection waits for it.
        self.call_after_refresh(startup.loaded)
        self.call_after_refresh(self.prepare_next_step)  # as the user reads the step

    async def _draw_detail(self) -> None:
        """The first step's detail, left out of its first frame, in the next (only what
        changed is drawn). Under a dialog (a file held elsewhere) it is drawn as that closes."""
        screen = self._step_screens.get(self.current_mode)
        if screen is None or not screen.detail_to_build:
            return
        if not screen.is_current:
            await screen.build_detail()
            return
        self.holding_frames = True
        await self._draw_settled(screen, screen.build_detail())

    def _tell_of_drafts(self) -> None:
        """A line typed last time and never added is back, looking like an entry: say so,
        and on which steps (of this flow: a custom flow may not ask the step at all)."""
        # A list's place is its step's id, or SEGMENT/KIND on the value step (type_into).
        places = [place if "/" not in place else "value" for place in self.document.drafts]
        shown = [step for step in self.flow.steps if step.id in places]
        count = sum(place in self.flow.step_ids for place in places)
        if not count:
            return
        where = ", ".join(visible_line(step.short) for step in shown)
        self.say(
            f"What you typed last time and did not add is back on its line ({where}): Enter adds it."
            if count == 1 else
            f"{count} entries typed last time and not added are back on their lines "
            f"({where}): Enter adds each.",
            title="Not added yet", timeout=8,
        )

    def _hold_the_file(self) -> None:
        """One writer at a time: a second session is told who holds the file."""
        holder = self.document.take_lock()
        self.show_save_status()
        if holder is None:
            if self.document.read_only:
                self.say(
                    f"{self.document.path.name}: {self.document.read_only}. You can look and "
                    "change answers; Ctrl+S saves them to another file.",
                    title="Read-only", timeout=10,
                )
            return

        from .dialogs.ask import AskScreen  # only a file held elsewhere asks at start-up

        def chosen(answer: str | None) -> None:
            if answer == "r":
                self.document.open_read_only(f"open in another session ({holder.describe()})")
                self.show_save_status()
            else:
                self.exit()

        self.push_screen(
            AskScreen(
                f"{self.document.path.name} is open in another bmc-tui session",
                f"{holder.describe()}. Two sessions writing one file would overwrite each "
                "other's answers.",
                [("r", "open it read-only (Ctrl+S can save a copy)"), ("q", "quit")],
                can_cancel=False,
            ),
            chosen,
        )

    def step_labels(self) -> list[tuple[str, str]]:
        return [(step.id, step.short) for step in self.flow.steps]

    @property
    def current_step(self) -> str:
        return self.current_mode

    async def go_to_step(self, step_id: str, target: Finding | None = None) -> None:
        """Show a step; ``target`` (a fit finding) is what its screen then points at.

        Kept besides the step's screen: the screen of the step left (going back with
        Ctrl+P is quick) and the next step's, built while the user is here (unseen.py: a
        step never seen shows as quickly as one come back to). Any other is dropped once
        the step is drawn, and built again as the user left it (screens/memory.py): five
        kept screens held a fifth of the app's memory."""
        if step_id not in self.flow.step_ids:
            return
        if step_id != self.current_mode:
            if self._preparing is not None and self._preparing[0] == step_id:
                await self.unseen_built()  # half built: shown once whole
            self._left_step = self.current_mode
            # Awaited, so a quick run of Ctrl+N presses switches one step at a time:
            # overlapping switches could leave the old screen on show.
            await self._draw_when_mounted(self._switch_held(step_id))
            self._settle_soon()
        if self.document.set_resume_at(step_id):
            self.save_soon()  # not now: a step change alone need not wait for a write
        if target is not None and isinstance(self.screen, StepScreen):
            self.screen.show_target(target)

    def _switch_held(self, step_id: str) -> Awaitable[object]:
        """Switch to a step's screen with every frame held back (see _draw_when_mounted)."""
        self.holding_frames = True
        mounted = self.switch_mode(step_id)
        if isinstance(self.screen, StepScreen):
            self.screen.resume_handled.clear()  # its resume is on its way
        return mounted

    async def _draw_when_mounted(self, mounted: Awaitable[object]) -> None:
        """End ``holding_frames`` (_switch_held) once a step's screen is mounted and has
        shown the canvas: then it is drawn once, whole."""
        screen = self.screen
        try:
            with self.batch_update():
                await mounted
                if isinstance(screen, StepScreen):
                    # A screen built before (unseen.py) is mounted already, and Textual
                    # drew it before its widgets told what the resume changed: then again.
                    with suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(screen.resume_handled.wait(), RESUME_WAIT)
                await self._settle_widgets(screen)
        finally:
            self.holding_frames = False
            self.screen.refresh()
            self.screen._on_timer_update()

    def draw_once(self, screen: Screen) -> None:
        """Draw what a handler just changed on ``screen`` in one frame: held back until the
        widgets have reported and answered their new sizes (a list one entry longer, then
        its rows counted again), then drawn at once. Without it an Enter on the value step
        was drawn twice, 5-30 ms apart, and a walk to the next segment three times.

        Settled by the app, after the handler: the screen's own messages (a widget asking
        for a layout) wait while one of its handlers runs."""
        if self.holding_frames or not screen.is_current:
            return  # a step switch holds the frame and draws this too; a screen unseen is not drawn
        self.holding_frames = True
        self.call_later(self._draw_settled, screen)

    async def _draw_settled(self, screen: Screen, change: Awaitable[object] | None = None) -> None:
        """Make ``change`` (frames held), then draw ``screen`` once it has settled."""
        try:
            with self.batch_update():
                if change is not None:
                    await change
                await self._settle_widgets(screen)
        finally:
            self.holding_frames = False
            screen._on_timer_update()

    async def _settle_widgets(self, screen: Screen) -> None:
        if isinstance(screen, StepScreen):
            await screen.gather_repaints()
        # Laid out now, until the widgets' answers to their new sizes change nothing: then
        # drawn at once, not at the screen's next tick (its timer ticked during the hold;
        # the next came up to 1/60 s later, more on a busy machine).
        await lay_out_until_settled(screen, self.size)

    def action_focus_next(self) -> None:
        super().action_focus_next()
        self.draw_once(self.screen)  # the field left and the one reached, with the footer's keys

    def action_focus_previous(self) -> None:
        super().action_focus_previous()
        self.draw_once(self.screen)

    def _settle_soon(self) -> None:
        """Once the step is drawn (a run of step changes: after the last), drop the screens
        no longer kept and build the next step's (_settle)."""
        if self._settling is None:
            self._settling = self.set_timer(SETTLE_AFTER_STEP, self._settle)
        else:
            self._settling.reset()

    async def _settle(self) -> None:
        self._settling = None
        if not self._running:
            return  # shutting down: Textual closes every screen itself
        kept = {self.current_mode, self._left_step, self._next_step_id()}
        if self._preparing is not None:
            kept.add(self._preparing[0])  # dropped, if need be, once whole: next time
        stale = [step_id for step_id in self._step_screens if step_id not in kept]
        await self._drop_step_screens(stale)
        if stale:
            # A dropped screen is freed only by a full collection, which the thresholds
            # of startup.py put off for long: the next screen built would take new memory
            # instead of reusing its. About 20 ms, after the step's output.
            gc.collect()
        self.prepare_next_step()

    def prepare_next_step(self) -> None:
        """Build the next step's screen now, unseen, unless it is built already."""
        step_id = self._next_step_id()
        if not self._running or step_id is None or step_id in self._step_screens:
            return
        if self._preparing is not None:
            return  # one at a time: _settle asks again after the next step change
        screen = self.make_step_screen(self.flow.step(step_id))
        self._screen_stacks[step_id] = [screen]  # the mode's screen, as switch_mode makes it
        # A worker: Textual cancels it if the app ends meanwhile.
        self._preparing = (step_id, self.run_worker(self._build_unseen(screen), group="unseen"))

    async def unseen_built(self) -> None:
        """Return once the screen being built unseen (if any) is whole."""
        if self._preparing is not None:
            await self._preparing[1].wait()

    async def _build_unseen(self, screen: StepScreen) -> None:
        try:
            await build_unseen(self, screen)
        finally:
            self._preparing = None

    def _next_step_id(self) -> str | None:
        """The step after the one on show, in the flow's order (None after the last)."""
        step_ids = self.flow.step_ids
        if self.current_mode not in step_ids:
            return None
        index = step_ids.index(self.current_mode) + 1
        return step_ids[index] if index < len(step_ids) else None

    async def _drop_step_screens(self, step_ids: list[str]) -> None:
        """Drop these steps' screens; each comes back as the user left it (memory.py)."""
        for step_id in step_ids:
            if not self._running:
                return  # Textual closes the rest itself, and is closing them now
            screen = self._step_screens.pop(step_id)
            # Its drawn lines go now: it is never shown again (the widgets themselves wait
            # for the collection).
            release_rendering(screen)
            self._step_memories[step_id] = remember(screen)
            await self.remove_mode(step_id)
            self.add_mode(step_id, partial(self.make_step_screen, self.flow.step(step_id)))

    def walk_target(self, delta: int) -> Walk | None:
        """Where Ctrl+N (1) or Ctrl+P (-1) goes: the next segment of a per-segment step,
        else the next step (at its first segment; going back, at its last). None: the end."""
        step = self.flow.step(self.current_mode)
        if step is None:
            return None
        segments = self.document.canvas.segments
        if step.per_segment and (current := self.current_segment()) is not None:
            index = segments.index(current) + delta
            if 0 <= index < len(segments):
                return Walk(step.id, segments[index].id, index, len(segments))
        index = self.flow.step_ids.index(step.id) + delta
        if not 0 <= index < len(self.flow.steps):
            return None
        following = self.flow.steps[index]
        if following.per_segment and segments:
            place = 0 if delta > 0 else len(segments) - 1
            return Walk(following.id, segments[place].id, place, len(segments))
        return Walk(following.id)

    def walk_label(self, delta: int) -> str:
        """What the footer says Ctrl+N (or Ctrl+P) does: "Next: segment 2/3", "Next: Channels"."""
        word = "Next" if delta > 0 else "Back"
        target = self.walk_target(delta)
        if target is None:
            return "Finish" if delta > 0 else word
        if target.step_id == self.current_mode:
            return f"{word}: segment {target.segment_number}/{target.segment_count}"
        step = self.flow.step(target.step_id)
        return f"{word}: {visible_line(step.short if step else target.step_id)}"

    async def action_walk(self, delta: int) -> None:
        target = self.walk_target(delta)
        if target is None:
            if delta > 0:
                self.show_summary()
            return
        screen = self.screen
        if target.step_id == self.current_mode and isinstance(screen, PerSegmentStepScreen):
            screen.before_segment_change()
            screen.set_current_segment(target.segment_id or "")
            self.draw_once(screen)
            return
        if target.segment_id:
            self.current_segment_id = target.segment_id
        await self.go_to_step(target.step_id)

    def show_summary(self) -> None:
        """The end of the interview: where it is saved, what the fit check found, and how
        to come back."""
        from .dialogs.ask import AskScreen

        def chosen(answer: str | None) -> None:
            if answer == "q":
                self.call_next(self.action_quit)

        self.save_pending(wait=True)
        saved = not self.document.has_unsaved_changes()
        summary = self.summary_text(saved=saved)
        self.push_screen(
            AskScreen("The interview is done", summary, [("q", "quit now")], deaf_for=ANSWER_GUARD),
            chosen,
        )

    def summary_text(self, *, saved: bool) -> str:
        return interview_summary(self.document, self.flow, saved=saved)

    # the canvas title

    def action_set_title(self) -> None:
        from .dialogs.ask_text import AskTextScreen

        def chosen(title: str | None) -> None:
            if title is not None and title.strip() != self.document.canvas.title:
                self.edits.set_title(title)
                if isinstance(self.screen, StepScreen):
                    self.screen.show_canvas()

        self.push_screen(
            AskTextScreen(
                "The canvas's title",
                "A name for the business this canvas is about; the step bar shows it.",
                self.document.canvas.title,
                "Enter: use this title   Esc: back",
                allow_empty=True,
            ),
            chosen,
        )

    def action_outline(self) -> None:
        from .dialogs.outline import CANVAS_VIEW, OutlineScreen

        async def chosen(step_id: str | None) -> None:
            if step_id == CANVAS_VIEW:
                self.action_canvas_view()
            elif step_id:
                await self.go_to_step(step_id)

        document = self.document
        self.push_screen(
            OutlineScreen(self.flow, document.canvas, self.current_mode, document.fit_report()), chosen,
        )

    def action_canvas_view(self) -> None:
        from .screens.canvas_view import CanvasViewScreen

        if not isinstance(self.screen, CanvasViewScreen):
            self.push_screen(CanvasViewScreen(self.document.canvas))

    def action_help(self) -> None:
        from .dialogs.help import HelpScreen

        step = self.flow.step(self.current_mode)
        if step is not None:
            self.push_screen(HelpScreen(self.flow, step, self.step_keys()))

    def step_keys(self) -> list[tuple[str, str]]:
        """The keys the current step's screen and its widgets bind, for the help."""
        from .screens.commands import own_bindings

        keys: dict[str, str] = {}
        screen = self.screen
        for node in (screen, *screen.query("*")):
            for binding in own_bindings(node):
                if isinstance(screen, StepScreen) and screen.never_applies(binding.action):
                    continue
                if binding.description:
                    first = binding.with_key(binding.key.split(",")[0], binding.key_display)
                    keys.setdefault(binding.description, self.get_key_display(first))
        return [(key, does) for does, key in keys.items()]

    # the terminal's size

    def on_resize(self, event: events.Resize) -> None:
        self.fit_terminal(event.size)

    def fit_terminal(self, size: Size) -> None:
        """Cover the step with a notice while the terminal is too small; lift it when it fits."""
        if self.current_mode not in self.flow.step_ids:
            return  # the first resize comes before any step is on show: on_mount fits it
        notice = next((s for s in self.screen_stack if isinstance(s, TooSmallScreen)), None)
        if not is_too_small(size):
            if notice is not None and notice is self.screen:
                notice.dismiss()
        elif notice is not None:
            notice.show_size(size)
        else:
            self.push_screen(TooSmallScreen(size))

    # the segment the per-segment steps work on

    def current_segment(self) -> Segment | None:
        canvas = self.document.canvas
        segment = canvas.segment(self.current_segment_id or "")
        if segment is None and canvas.segments:
            segment = canvas.segments[0]
            self.current_segment_id = segment.id
        return segment

    # saving: every change is written at once, typing at most SAVE_WHILE_TYPING after it

    def save(self, *, wait: bool = True) -> bool:
        """Write what changed now. On failure say so, keep every answer, and try again.

        ``wait=False``: a large canvas is written by the writer thread (True: handed over);
        what it meets is said when it is done."""
        self._cancel_pending_save()
        if self._asking_about_disk:
            return False
        if not wait and self.document.size > BACKGROUND_SAVE_BYTES and not self.document.read_only:
            # Taken once the change is drawn: copying a large canvas holds the loop for
            # ~10 ms, which would put off the frame that shows the change (Enter).
            if not self._snapshot_due:
                self._snapshot_due = True
                self.call_after_refresh(self._submit_snapshot)
            return True
        self._snapshot_due = False  # this save writes the canvas as it is now
        try:
            self.document.save()
        except Exception as error:
            return self._after_save(error)
        return self._after_save(None)

    def _submit_snapshot(self) -> None:
        if self._snapshot_due:
            self._snapshot_due = False
            self._writer.submit(self.document.snapshot(reuse=True))

    class Written(Message):
        """The writer thread is done with a save (``error``: what it met, or None)."""

        def __init__(self, error: BaseException | None) -> None:
            super().__init__()
            self.error = error

    def _written_in_background(self, error: BaseException | None) -> None:
        # On the writer's thread: a message, which never waits for the loop (the loop
        # may be waiting for this very write to end, at exit).
        self.post_message(self.Written(error))

    def on_bmc_app_written(self, message: Written) -> None:
        self._after_save(message.error)

    def _after_save(self, error: BaseException | None) -> bool:
        if isinstance(error, ChangedOnDisk):
            if not self._asking_about_disk:
                self._ask_about_disk_change()
            return self._saved(False)
        if isinstance(error, ReadOnlyError):
            return self._saved(False)
        if error is not None:  # a save must never end in a crash screen
            self._save_failed(describe_error(error))
            return self._saved(False)
        if self.save_error:
            self.save_error = None
            self.say(f"Saved {self.document.path.name} again.", timeout=3)
        return self._saved(True)

    def _saved(self, ok: bool) -> bool:
        self.show_save_status()
        return ok

    def _save_failed(self, reason: str) -> None:
        if reason != self.save_error:
            self.say(
                f"Could not save {self.document.path.name}: {reason}. Your answers are "
                "kept here; saving is retried. Ctrl+S saves them elsewhere.",
                title="Not saved", severity="error", timeout=10,
            )
        self.save_error = reason
        if self._retry is None:
            self._retry = self.set_timer(SAVE_RETRY, self._retry_save)

    def _retry_save(self) -> None:
        self._retry = None
        self.save(wait=False)

    def show_save_status(self) -> None:
        """The mark in the step bar: stays until what is on screen is on disk."""
        document = self.document
        unsaved = bool(self.save_error or self._asking_about_disk) or (
            document.read_only != "" and document.has_unsaved_changes()
        )
        # One short word: it must fit beside the steps at 80 columns.
        if unsaved:
            self.save_status = "NOT SAVED"
        else:
            self.save_status = "READ-ONLY" if document.read_only else ""

    def watch_save_status(self) -> None:
        for screen in self.screen_stack:  # the step, and any dialog over it
            if isinstance(screen, StepScreen):
                screen.show_save_status()
        self.refresh_bindings()

    def say(self, message: str, **kwargs) -> None:
        """A toast; file names and reasons in it are shown as they are, never as markup."""
        self.notify(visible(message), markup=False, **kwargs)

    def _canvas_changed(self, typing: bool) -> None:
        if typing:
            self.save_soon()
        else:
            self.save(wait=False)

    def save_pending(self, *, wait: bool = False) -> None:
        """Save now if typing left a save waiting (``wait``: or the writer thread has one)."""
        if self._pending_save is not None or self._snapshot_due or wait and not self._writer.idle:
            self.save(wait=wait)

    def save_soon(self) -> None:
        """Save within SAVE_WHILE_TYPING: steady typing never pauses, so the wait is not restarted."""
        if self._pending_save is None:
            self._pending_save = self.set_timer(SAVE_WHILE_TYPING, partial(self.save, wait=False))

    def _cancel_pending_save(self) -> None:
        if self._pending_save is not None:
            self._pending_save.stop()
            self._pending_save = None

    def save_everything(self, *, leaving: bool = False) -> bool:
        """Write everything pending now (before an exit); True if nothing is left unsaved.

        ``leaving`` (a signal): nobody is there to answer a question, so answers the file
        cannot take (read-only, changed on disk) are written beside it under a new name.
        """
        self.save()
        if leaving and self.document.has_unsaved_changes():
            try:
                self.document.keep_aside()
            except Exception:
                return False
        return not self.document.has_unsaved_changes()

    # the file changed on disk

    def _ask_about_disk_change(self) -> None:
        from .dialogs.ask import AskScreen

        self._asking_about_disk = True
        name = self.document.path.name

        def chosen(answer: str | None) -> None:
            self._asking_about_disk = False
            if answer == "t":
                self._take_theirs()
            elif answer == "m":
                kept = self.document.keep_mine()
                self.say(f"Saved yours. Their version is kept as {kept.name}.", timeout=10)
            self.show_save_status()

        self.push_screen(
            AskScreen(
                f"{name} changed on disk since you opened it",
                "Another program or person changed the file. Nothing is overwritten: "
                "the version you do not take is kept beside it under a new name.",
                [("t", "take theirs: reload the file (yours is kept aside)"),
                 ("m", "keep mine: save yours (theirs is kept aside)")],
                deaf_for=ANSWER_GUARD,
            ),
            chosen,
        )

    def _take_theirs(self) -> None:
        try:
            kept = self.document.reload_theirs()
        except Exception as error:
            self.say(
                f"Could not reload {self.document.path.name}: {describe_error(error)}. "
                "Yours is still here, not saved.",
                severity="error", timeout=10,
            )
            self.save_error = "the file on disk cannot be read"
            return
        self.say(f"Reloaded. Your version is kept as {kept.name}.", timeout=10)
        if isinstance(self.screen, StepScreen):
            self.screen.show_canvas()

    # saving elsewhere

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_as":
            return bool(self.save_status)
        if action == "walk" and self.current_mode in self.flow.step_ids:
            (delta,) = parameters
            # Ctrl+N at the end shows the summary; Ctrl+P at the start never acts: hidden.
            return delta == 1 or self.walk_target(-1) is not None
        return True

    def action_save_as(self, then_quit: bool = False) -> None:
        from .dialogs.save_as import SaveAsScreen

        path = self.document.path
        why = self.document.read_only or self.save_error or "The file cannot be written now."

        def chosen(typed: Path | None) -> None:
            if typed is None:
                return
            target = path.parent / typed  # a name alone goes beside the canvas
            try:
                self.document.save_as(target)
            except Exception as error:
                self.say(f"Could not save to {target}: {describe_error(error)}",
                            severity="error", timeout=10)
                return
            self.save_error = None
            self.show_save_status()
            self.say(f"Saved to {target.name}; your answers now go there.", timeout=10)
            if then_quit:
                self.exit()

        self.clear_notifications()  # the dialog says it all; a toast would cover it
        suggestion = Path(f"{path.stem}-copy{path.suffix or '.toml'}")
        self.push_screen(SaveAsScreen(suggestion, why), chosen)

    # quitting

    async def action_quit(self) -> None:
        """Quit once everything is on disk; unsaved answers are never dropped without asking."""
        if self.save_everything():
            self.exit()
            return
        from .dialogs.ask import AskScreen

        def chosen(answer: str | None) -> None:
            if answer == "s":
                self.action_save_as(then_quit=True)
            elif answer == "q":
                self.exit(return_code=EXIT_UNSAVED)

        reason = self.document.read_only or self.save_error or "the file changed on disk"
        self.clear_notifications()
        self.push_screen(
            AskScreen(
                "Your latest answers are not saved",
                f"{self.document.path.name}: {reason}.",
                [("s", "save them to another file, then quit"), ("q", "quit and lose them")],
            ),
            chosen,
        )

    # ending on a signal

    def exit_on_signal(self, signum: int) -> None:
        """SIGHUP, SIGTERM, SIGINT: save, restore the terminal, exit 128+signum."""
        self.save_everything(leaving=True)
        self.exit(return_code=exit_signals.exit_code(signum))

    def on_unmount(self) -> None:
        # Quitting while a typing pause is still pending must not lose the last words.
        self.save_pending(wait=True)
        self.document.release()


def make_app(
    canvas_path: Path | str,
    *,
    flow: Flow | str = DEFAULT_FLOW,
    cursor_blink: bool = False,
) -> BmcApp:
    """Build the app for one canvas file. Raises CanvasError or FlowError for bad files."""
    if not isinstance(flow, Flow):
        flow = load_flow(flow)
    document = CanvasDocument.open(canvas_path)
    return BmcApp(document, flow, cursor_blink=cursor_blink)
