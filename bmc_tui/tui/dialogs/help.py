"""Help for the current step, written for someone new to the canvas, and the about text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from ...core.flow import Flow, Step
from ...core.text import visible, visible_line
from ..widgets.footer import KeyFooter
from ..whole_frames import WholeFrames

GLOBAL_KEYS = [
    ("F1 or ?", "this help"),
    ("A letter on a list", "typing on a list adds an entry: it never edits or deletes one"),
    ("Tab, Shift+Tab", "next or previous field or list"),
    ("Esc", "from a list's entry line back to its entries"),
    ("Ctrl+N, Ctrl+P", "next or previous segment or step; Ctrl+N on the last step ends the interview"),
    ("Ctrl+O", "all steps; Enter or a step's number jumps"),
    ("Ctrl+R", "the whole canvas: its nine blocks at once; Esc closes it"),
    ("Ctrl+K", "commands: every step, and what this screen can do"),
    ("Ctrl+T", "the canvas's title"),
    ("Ctrl+Q", "quit (everything is already saved)"),
]


# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def plain_markdown(text: str) -> str:
    """A one-line text (a title, a label) that reads the same once rendered as Markdown."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", visible_line(text))


def keys_table(keys: Iterable[tuple[str, str]]) -> str:
    """One line a key ("- **^z** Undo"): a bordered table takes three rows a key."""
    return "\n".join(f"- **{plain_markdown(key)}**  {does}" for key, does in keys)


class HelpScreen(WholeFrames, ModalScreen[None]):
    """The step's help, what each question means, the keys of this step, and the about text.

    The help texts of a flow are Markdown; titles and labels are shown as written. Links
    in the help open nothing: a flow file could point them anywhere.
    """

    BINDINGS = [
        # The scroll bar shows there is more; the footer says how to get to it.
        Binding("space,pagedown", "page(1)", "More", key_display="Space"),
        Binding("pageup", "page(-1)", "Back", show=False),
        Binding("escape,f1,q", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def __init__(self, flow: Flow, step: Step, step_keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.flow = flow
        self.step = step
        self.step_keys = step_keys

    def markdown(self) -> str:
        questions = "\n".join(
            f"- **{plain_markdown(question.label)}**: {question.help}"
            for question in self.step.questions
            if question.help
        )
        parts = [
            f"# {plain_markdown(self.step.title)}",
            self.step.help.strip(),
            "## The questions" if questions else "",
            questions,
            "## Keys on this step" if self.step_keys else "",
            keys_table(self.step_keys) if self.step_keys else "",
            "## Keys everywhere",
            keys_table(GLOBAL_KEYS),
            "Every answer is saved to the file as soon as you give it.",
            "## About",
            self.flow.about.strip(),
        ]
        return visible("\n\n".join(part for part in parts if part))

    def compose(self) -> ComposeResult:
        # Imported here: Markdown brings markdown_it and its rules, which the start-up
        # would otherwise pay for a screen only F1 opens.
        from textual.widgets import Markdown

        with VerticalScroll(classes="modal-box help-box"):
            yield Markdown(self.markdown(), open_links=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_page(self, direction: int) -> None:
        box = self.query_one(VerticalScroll)
        if direction > 0:
            box.scroll_page_down(animate=False)
        else:
            box.scroll_page_up(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
