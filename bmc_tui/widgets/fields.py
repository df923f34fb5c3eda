"""A compact one-line text field that does not blink and keeps keys in the order typed."""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text
from textual import events
from textual.widgets import Input

from ..model.text import visible_line


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
    - Keys arrive in bursts over a slow link ("job<Enter>next job"). Textual inserts
      letters in the field at once but runs bound keys (Enter, Backspace, Tab) later, as
      they bubble to the app, so a burst would come out of order. Here bound keys run
      as they come, and keys that arrive after focus moved on follow the focus.
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

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not self:
            if focused is not None:
                event.stop()
                event.prevent_default()
                focused.post_message(events.Key(event.key, event.character))
            return
        if event.is_printable:
            await super()._on_key(event)
            return
        # The same lookup the app makes once the key has bubbled up, made now (textual 8.2).
        if await self.app._check_bindings(event.key):
            event.stop()
            event.prevent_default()
