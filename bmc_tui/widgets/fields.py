"""A compact one-line text field that does not blink unless asked to."""

from __future__ import annotations

from textual.widgets import Input


class TextField(Input):
    """A compact Input; its cursor blinks only when the app was started with --blink.

    A blinking cursor repaints twice a second forever, which costs bytes on a slow
    SSH link while the user is only thinking.
    """

    DEFAULT_CSS = """
    TextField {
        width: 1fr;
        margin: 0 0 0 0;
    }
    """

    def __init__(self, value: str | None = None, placeholder: str = "", **kwargs) -> None:
        kwargs.setdefault("compact", True)
        # Tabbing into a field must not select its text: the next key would wipe it.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, placeholder, **kwargs)

    def on_mount(self) -> None:
        self.cursor_blink = bool(getattr(self.app, "cursor_blink_enabled", False))
