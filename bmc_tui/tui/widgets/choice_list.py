"""A list of choices, each with a one-line explanation; single or multiple choice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from time import monotonic

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.text import visible_line
from .literal import literal_line
from .steady_scrollbar import SteadyOptionList

# A Space or Enter this soon after a letter typed on the list belongs to the words being
# typed (the list taken for a text field): a word never ticks or unticks a choice.
WORDS_GUARD = 0.6
TYPING_HINT = "These are choices, not a text field: Space ticks or unticks the highlighted one; Tab goes on."


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    explanation: str = ""
    group: str = ""
    example: str = ""


@dataclass(frozen=True)
class HangingRow:
    """A mark and a text; the text's wrapped lines hang under its first word, not the mark."""

    mark: Text
    text: Text

    def __str__(self) -> str:
        return f"{self.mark.plain}{self.text.plain}"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Wrapped here rather than in a two-column Table: an option list measures every
        # option at every layout, and a Table costs several times as much.
        indent = self.mark.cell_len
        lines = self.text.wrap(console, max(1, options.max_width - indent))
        hanging = Text(" " * indent)
        for number, line in enumerate(lines):
            yield Text.assemble(self.mark if number == 0 else hanging, line, no_wrap=True, overflow="crop")


class ChoiceList(SteadyOptionList, OptionList):
    """Shows which values are chosen; Space or Enter toggles the highlighted one.

    It only displays the choice the screen gives it and reports toggles with
    ``Changed`` (the values as they would be): the screen writes the model, then
    shows it with ``set_selected``. The model is the one truth; no mark is set here.
    """

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 100%;
        border: none;
        padding: 0;
        background: transparent;
    }
    """

    BINDINGS = [Binding("space", "select", "Toggle")]

    class Changed(Message):
        def __init__(self, choice_list: ChoiceList, values: list[str]) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.values = values

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(
        self,
        choices: Sequence[Choice],
        *,
        multiple: bool,
        selected: Iterable[str] = (),
        show_examples: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(compact=True, **kwargs)
        self.choices = list(choices)
        self.multiple = multiple
        self.show_examples = show_examples
        self._selected: list[str] = list(selected)
        self._record: object = None  # whose answer is on show (see show_record)
        self._words_until = 0.0  # see WORDS_GUARD
        self._hinted = False
        self._fill()

    def on_mount(self) -> None:
        self._go_to_start()

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character != " ":
            self._words_until = monotonic() + WORDS_GUARD
            if not self._hinted:
                self._hinted = True
                self.notify(TYPING_HINT, title="Choices", markup=False, timeout=6)

    def action_select(self) -> None:
        if monotonic() < self._words_until:
            self._words_until = monotonic() + WORDS_GUARD  # a space between typed words
            return
        super().action_select()

    def _go_to_start(self) -> None:
        """Tick lists start at the top; a single choice on what is chosen, so Space acts
        where the user expects."""
        values = [c.value for c in self.choices]
        start = self.selected[0] if self.selected and not self.multiple else None
        start = start or (values[0] if values else None)
        if start in values:
            self.highlighted = self.get_option_index(start)

    def show_record(self, record: object, values: Iterable[str]) -> None:
        """Show the answer of ``record`` (a channel, a segment); another record's answer
        starts at the top, not where the cursor was left on the last one."""
        self.set_selected(values)
        if record != self._record:
            self._record = record
            self._go_to_start()

    @property
    def selected(self) -> list[str]:
        """The chosen values, in the order of the choices."""
        return [c.value for c in self.choices if c.value in self._selected]

    def set_selected(self, values: Iterable[str]) -> None:
        values = list(values)
        if values == self._selected:
            return
        self._selected = values
        # Replace only the prompts: cheaper to repaint than rebuilding the list.
        for choice in self.choices:
            self.replace_option_prompt(choice.value, self._prompt(choice))

    def set_choices(self, choices: Sequence[Choice], selected: Iterable[str] = ()) -> None:
        """Offer other choices (choices made from the canvas, after it changed)."""
        choices = list(choices)
        if choices == self.choices:
            self.set_selected(selected)
            return
        highlighted = self.highlighted
        self.choices = choices
        self._selected = list(selected)
        self.clear_options()
        self._fill()
        if highlighted is not None and self.option_count:
            self.highlighted = min(highlighted, self.option_count - 1)
        elif self.choices:
            # A list that was empty starts on its first choice (not a group heading), ready for Space.
            self.highlighted = self.get_option_index(self.choices[0].value)

    def _fill(self) -> None:
        group = None
        for choice in self.choices:
            if choice.group and choice.group != group:
                group = choice.group
                self.add_option(Option(literal_line(group, "bold italic"), disabled=True))
            self.add_option(Option(self._prompt(choice), id=choice.value))

    def _prompt(self, choice: Choice) -> HangingRow:
        """The mark, then the label and its explanation; wrapped lines hang under the label."""
        on = choice.value in self._selected
        mark = ("[x] " if on else "[ ] ") if self.multiple else ("(•) " if on else "( ) ")
        # Labels and explanations come from the flow, or name segments of the canvas.
        text = Text()
        text.append(visible_line(choice.label), style="bold" if on else "")  # the label only
        if choice.explanation:
            text.append(f"  {visible_line(choice.explanation)}", style="dim")
        if self.show_examples and choice.example:
            text.append(f" e.g. {visible_line(choice.example)}", style="dim italic")
        return HangingRow(Text(mark), text)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        value = event.option.id
        if value is None:
            return
        if self.multiple:
            chosen = set(self._selected) ^ {value}
        else:
            chosen = set() if value in self._selected else {value}
        self.post_message(self.Changed(self, [c.value for c in self.choices if c.value in chosen]))


def choices_from(options: Iterable) -> list[Choice]:
    """Choices from flow options (anything with value, label, explanation...)."""
    return [
        Choice(o.value, o.label, o.explanation, getattr(o, "group", ""), getattr(o, "example", ""))
        for o in options
    ]
