"""A compact one-line text field that does not blink."""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text
from textual.widgets import Input

from ...core.text import visible_line


class _VisibleValue(Highlighter):
    """Shows the field's value with its control characters as visible symbols.

    Input renders its value through its highlighter: the one public place to change
    what is drawn while ``value`` keeps the exact text. The value is read from the
    field, not from the Text given here, which has lost BEL, BS, VT, FF and CR already.
    One symbol per character keeps the cursor and the selection where they belong.
    """

    def __init__(self, field: Input) -> None:
        self.field = field

    def highlight(self, text: Text) -> None:
        text.plain = visible_line(self.field.value)


class TextField(Input):
    """A compact Input for answers.

    - Its cursor blinks only when the app was started with --blink: a blinking cursor
      repaints twice a second forever, which costs bytes on a slow SSH link.
    - Keys of a burst reach it one at a time, in order (see ``key_order``).
    """

    DEFAULT_CSS = """
    TextField {
        width: 1fr;
    }
    """

    def __init__(
        self,
        value: str | None = None,
        placeholder: str = "",
        *,
        clear_on_submit: bool = False,
        **kwargs,
    ) -> None:
        self.clear_on_submit = clear_on_submit
        kwargs.setdefault("compact", True)
        # Tabbing into a field must not select its text: the next key would wipe it.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, placeholder, **kwargs)
        self.highlighter = _VisibleValue(self)

    def validate_placeholder(self, placeholder: str) -> str:
        # Placeholders come from the flow file.
        return visible_line(placeholder)

    def on_mount(self) -> None:
        self.cursor_blink = bool(getattr(self.app, "cursor_blink_enabled", False))

    async def action_submit(self) -> None:
        await super().action_submit()
        if self.clear_on_submit:
            # Cleared now, not when the message is handled: the next entry may already
            # be on its way in the same burst of keys.
            self.value = ""
