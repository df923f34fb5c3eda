"""A compact multi-line answer: wraps, keeps newlines, shows control characters as symbols."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.geometry import Size
from textual.message import Message
from textual.widgets import TextArea

from ...core.text import visible_line


class TextBox(TextArea):
    """Free text (a description, notes) that may run over several lines.

    - Soft-wrapped and only a few rows high: at 80x24 the other questions stay in view.
    - Enter goes on to the next question, as after every other answer; Ctrl+J starts a
      new line, and pasted text keeps its newlines. Tab leaves it too. Its cursor blinks
      only with --blink.
    - The exact text is kept; each line is drawn through ``visible_line``, so an escape
      sequence in a canvas is shown, never obeyed (``get_line`` is TextArea's documented
      place to restyle a line; one symbol per character keeps the cursor in place).
    """

    MAX_ROWS = 4
    DEFAULT_CSS = f"""
    TextBox {{
        width: 1fr;
        height: auto;
        min-height: 1;
        max-height: {MAX_ROWS};
        padding: 0;  /* in line with the labels above it */
    }}
    """

    BINDINGS = [Binding("ctrl+j", "new_line", "New line")]

    class RowsChanged(Message):
        """The rows it takes changed: its text, or its width (laid out for the first time,
        or the terminal resized), wraps to more or fewer lines."""

        def __init__(self, text_box: TextBox) -> None:
            super().__init__()
            self.text_box = text_box

    def __init__(self, text: str = "", *, placeholder: str = "", **kwargs) -> None:
        super().__init__(
            text, soft_wrap=True, tab_behavior="focus", compact=True,
            highlight_cursor_line=False, placeholder=Content(visible_line(placeholder)), **kwargs,
        )

    def on_mount(self) -> None:
        self.cursor_blink = bool(getattr(self.app, "cursor_blink_enabled", False))

    def watch(self, obj: DOMNode, attribute_name: str, callback: Callable[..., object], init: bool = True) -> None:
        if obj is self.app and attribute_name == "theme":
            # TextArea watches the app's theme, and Textual forgets a watcher on the app only
            # when the theme changes: every TextBox of a dropped step's screen stayed in
            # memory for good. The app's theme signal does the same and is left on unmount.
            self.app.theme_changed_signal.subscribe(self, lambda _theme: callback())
            if init:
                callback()
            return
        super().watch(obj, attribute_name, callback, init=init)

    def on_unmount(self) -> None:
        self.app.theme_changed_signal.unsubscribe(self)

    def _on_key(self, event: events.Key) -> None:
        # Before TextArea's own handler (Textual calls each class's), which would insert it.
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.screen.focus_next()

    def action_new_line(self) -> None:
        self.insert("\n")

    def on_focus(self) -> None:
        # Tabbing in continues the answer, as in a one-line field: typing adds to its end.
        self.move_cursor(self.document.end)

    def get_line(self, line_index: int) -> Text:
        return Text(visible_line(self.document.get_line(line_index)), end="", no_wrap=True)

    @property
    def rows(self) -> int:
        """The rows it takes now (its text wrapped), as the layout will find them."""
        return self._rows_for(self.virtual_size)

    def _rows_for(self, virtual_size: Size) -> int:
        return min(max(virtual_size.height, 1), self.MAX_ROWS)

    def watch_virtual_size(self, before: Size, after: Size) -> None:
        if self._rows_for(before) != self._rows_for(after):
            self.post_message(self.RowsChanged(self))

    def show_text(self, text: str) -> None:
        """Show what the model holds. Not typing: no Changed, so nothing is written back
        (maybe to another record)."""
        if self.text != text:
            with self.prevent(TextArea.Changed):
                self.load_text(text)
