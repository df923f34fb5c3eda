"""Asks the user to choose one of a few ways on, each on its own key."""

from __future__ import annotations

from collections.abc import Sequence
from time import monotonic

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets import literal
from ..widgets.footer import KeyFooter
from ..whole_frames import WholeFrames


class AskScreen(WholeFrames, ModalScreen[str | None]):
    """Dismisses with the key of the chosen answer, or None for Esc (when ``can_cancel``).

    Choices are (key, what it does) pairs, keys single letters. Enter is never an answer:
    a habitual Enter typed before the question appeared must not choose for the user. A
    question that comes up unasked (while the user types) takes no answer for
    ``deaf_for`` seconds: letters of a word being typed are not answers.
    """

    def __init__(
        self, question: str, detail: str, choices: Sequence[tuple[str, str]], *,
        can_cancel: bool = True, deaf_for: float = 0.0,
    ) -> None:
        super().__init__()
        self.question_text = question
        self.detail = detail
        self.choices = list(choices)
        self.can_cancel = can_cancel
        self.deaf_for = deaf_for
        self._shown_at = monotonic()

    def on_mount(self) -> None:
        # Keys typed before the question was on screen (a burst, a habit) never answer it.
        self._shown_at = monotonic()

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(literal(self.question_text), classes="modal-title")
            if self.detail:
                yield Static(literal(self.detail), classes="modal-detail")
            lines = [Text.assemble((key, "bold"), literal(f": {does}")) for key, does in self.choices]
            if self.can_cancel:
                lines.append(Text.assemble(("Esc", "bold"), ": not now"))
            yield Static(Text("\n").join(lines), classes="modal-keys")
        yield KeyFooter()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer shows this question's answers ("y Delete it n Keep it esc Not now"),
        not the keys of the screen under it. The keys are read in ``on_key``."""
        answers = [(key, short_answer(does)) for key, does in self.choices]
        if self.can_cancel:
            answers.append(("escape", "Not now"))
        return {
            key: ActiveBinding(self, Binding(key, f"answer('{key}')", does, key_display=key if len(key) == 1 else None), True, "")
            for key, does in answers
        }

    def action_answer(self, key: str) -> None:
        """A click on the footer: the key was pressed after the question appeared."""
        self.dismiss(None if key == "escape" else key)

    def on_key(self, event: events.Key) -> None:
        if event.time < self._shown_at + self.deaf_for:
            event.prevent_default()
            event.stop()
            return
        chosen = next((key for key, _ in self.choices if key == event.key), None)
        if chosen is None and event.key == "escape" and self.can_cancel:
            event.prevent_default()
            event.stop()
            self.dismiss(None)
        elif chosen is not None:
            event.prevent_default()
            event.stop()
            self.dismiss(chosen)


def short_answer(does: str) -> str:
    """An answer's first words, for the footer: "take theirs: reload the file" → "Take theirs"."""
    words = does.split(":")[0].split(" (")[0].strip()
    return words[:1].upper() + words[1:]


YES = "y"


def confirm_screen(question: str, detail: str, does: str) -> AskScreen:
    """Asks before something is thrown away: ``y`` does it; ``n`` or Esc keeps it.

    Answered only by a key typed after the question appeared, never by Enter.
    """
    return AskScreen(question, detail, [(YES, does), ("n", "keep it")])
