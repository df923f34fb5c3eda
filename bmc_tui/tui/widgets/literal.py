"""Texts from a canvas, a flow or the keyboard, ready for the screen: never markup.

A string given to Static, Label, OptionList or a rich Table is read as markup
("[/]" crashes, "[@click=...]" runs an action); a Rich ``Text`` is shown as it reads.
These make that Text, with control characters as visible symbols (model.text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import StyleType
from rich.text import Text

from ...core.text import visible, visible_line

if TYPE_CHECKING:
    from textual.visual import VisualType
    from textual.widgets import Static


def literal(text: str, style: StyleType = "") -> Text:
    """The text as typed, newlines kept: for boxes several lines high."""
    return Text(visible(text), style=style)


def literal_line(text: str, style: StyleType = "") -> Text:
    """The text as typed on one line (a newline shows as ↵): list rows, headings, titles."""
    return Text(visible_line(text), style=style)


def update_if_changed(widget: Static, content: VisualType) -> None:
    """``widget.update(content)`` unless it shows that already: Textual repaints an updated
    widget even when nothing changed (and a step coming back would draw it twice)."""
    if not _same(widget.content, content):
        widget.update(content)


def _same(shown: object, content: object) -> bool:
    if isinstance(shown, Text) and isinstance(content, Text):  # Text's == ignores its style
        return shown.plain == content.plain and shown.spans == content.spans and shown.style == content.style
    return type(shown) is type(content) and shown == content
