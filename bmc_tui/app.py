"""The full-screen interview. Build it with ``make_app`` (tests point it at tmp_path)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.geometry import Size
from textual.timer import Timer

from . import exit_signals
from .flow import DEFAULT_FLOW, Flow, load_flow
from .model import Segment
from .model.document import CanvasDocument
from .screens import STEP_SCREENS
from .screens.confirm import ConfirmScreen
from .screens.help import HelpScreen
from .screens.outline import OutlineScreen
from .screens.too_small import TooSmallScreen, is_too_small
from .screens.base import STYLES
from .widgets import ListEditor

# One footer entry for the three step keys: the footer must fit 80 columns.
STEPS = Binding.Group("Steps", compact=True)

# Typing in a text field saves this long after the last key: one write per pause,
# not one per keystroke. Leaving the field or quitting saves at once.
TYPING_SAVE_DELAY = 0.5


class BmcApp(App[None]):
    CSS_PATH = STYLES / "app.tcss"
    TITLE = "bmc-tui"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+o", "outline", "All steps", group=STEPS),
        Binding("ctrl+p", "step(-1)", "Previous step", group=STEPS),
        Binding("ctrl+n", "step(1)", "Next step", group=STEPS),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, document: CanvasDocument, flow: Flow, *, cursor_blink: bool = False) -> None:
        super().__init__()
        self.document = document
        self.flow = flow
        self.cursor_blink_enabled = cursor_blink
        # No smooth scrolling: every animation frame is bytes on a slow link.
        self.animation_level = "none"
        self.current_segment_id: str | None = None
        self.save_error: str | None = None
        self._pending_save: Timer | None = None

    def delay_update(self, delay: float = 0.05) -> None:
        """Paint at once instead: Textual's delayed paint on a mode switch could drop
        the final frame when steps are switched quickly, leaving the old step on show."""

    # steps

    def on_mount(self) -> None:
        for step in self.flow.steps:
            self.add_mode(step.id, partial(STEP_SCREENS[step.id], step))
        step_id = self.document.resume_step(self.flow.step_ids)
        # Recorded now, written with the first answer: a new file reopens where it was made.
        self.document.set_resume_at(step_id)
        self.switch_mode(step_id)
        self.fit_terminal(self.size)
        if not self.is_headless:  # tests under Pilot keep pytest's own Ctrl+C
            exit_signals.install(self)

    def step_labels(self) -> list[tuple[str, str]]:
        return [(step.id, step.short) for step in self.flow.steps]

    @property
    def current_step(self) -> str:
        return self.current_mode

    async def go_to_step(self, step_id: str) -> None:
        if step_id not in self.flow.step_ids:
            return
        if step_id != self.current_mode:
            # Awaited, so a quick run of Ctrl+N presses switches one step at a time:
            # overlapping switches could leave the old screen on show.
            await self.switch_mode(step_id)
        if self.document.set_resume_at(step_id):
            self.save()

    async def action_step(self, delta: int) -> None:
        ids = self.flow.step_ids
        index = ids.index(self.current_mode) + delta
        if 0 <= index < len(ids):
            await self.go_to_step(ids[index])

    def action_outline(self) -> None:
        async def chosen(step_id: str | None) -> None:
            if step_id:
                await self.go_to_step(step_id)

        self.push_screen(OutlineScreen(self.flow, self.document.canvas, self.current_mode), chosen)

    def action_help(self) -> None:
        step = self.flow.step(self.current_mode)
        if step is not None:
            self.push_screen(HelpScreen(self.flow, step, self.step_keys()))

    def step_keys(self) -> list[tuple[str, str]]:
        """The keys the current step's screen and its widgets bind, for the help."""
        keys: dict[str, str] = {}
        for node in (self.screen, *self.screen.query("*")):
            for cls in type(node).__mro__:
                if not cls.__module__.startswith("bmc_tui."):
                    continue  # Textual's own keys (cursor moves, copy) would drown ours
                for binding in cls.__dict__.get("BINDINGS", []):
                    if isinstance(binding, Binding) and binding.description:
                        first = binding.with_key(binding.key.split(",")[0], binding.key_display)
                        keys.setdefault(binding.description, self.get_key_display(first))
        return [(key, does) for does, key in keys.items()]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step" and self.current_mode in self.flow.step_ids:
            (delta,) = parameters
            index = self.flow.step_ids.index(self.current_mode) + int(delta)  # type: ignore[call-overload]
            return True if 0 <= index < len(self.flow.step_ids) else None
        return True

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

    # saving

    def save(self) -> bool:
        """Write the canvas now. On failure say so and keep every answer in memory."""
        self._cancel_pending_save()
        try:
            self.document.save()
        except OSError as error:
            reason = error.strerror or str(error)
            self.save_error = reason
            self.notify(
                f"Could not save {self.document.path.name}: {reason}. "
                "Your answers are kept here; the next change tries again.",
                title="Not saved",
                severity="error",
                timeout=10,
            )
            return False
        if self.save_error:
            self.save_error = None
            self.notify(f"Saved {self.document.path.name} again.", timeout=3)
        return True

    def save_pending(self) -> None:
        """Save now if typing left a save waiting."""
        if self._pending_save is not None:
            self.save()

    def save_soon(self) -> None:
        """Save shortly, once typing pauses."""
        self._cancel_pending_save()
        self._pending_save = self.set_timer(TYPING_SAVE_DELAY, self.save)

    def _cancel_pending_save(self) -> None:
        if self._pending_save is not None:
            self._pending_save.stop()
            self._pending_save = None

    async def action_quit(self) -> None:
        """Quit; but typed words not yet added to a list are not dropped without asking."""
        editor = next((e for e in self.screen.query(ListEditor) if e.draft), None)
        if editor is None:
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()
            else:
                editor.focus_now(editor.field)

        self.push_screen(
            ConfirmScreen(
                f"Quit without adding '{editor.draft}' to {editor.title}?",
                "You typed it but did not press Enter. y quits and drops it; "
                "n or Esc goes back to it.",
            ),
            answered,
        )

    # ending on a signal

    def save_everything(self) -> None:
        """Write every answer held only in memory, before the app ends unasked."""
        self.save()

    def exit_on_signal(self, signum: int) -> None:
        """SIGHUP, SIGTERM, SIGINT: save, restore the terminal, exit 128+signum."""
        self.save_everything()
        self.exit(return_code=exit_signals.exit_code(signum))

    def on_unmount(self) -> None:
        # Quitting while a typing pause is still pending must not lose the last words.
        self.save_pending()


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
