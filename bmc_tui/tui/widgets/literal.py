"""Texts from a canvas, a flow or the keyboard, ready for the screen: never markup.

A string given to Static, Label, OptionList or a rich Table is read as markup
("[/]" crashes, "[@click=...]" runs an action); a Rich ``Text`` is shown as it reads.
These make that Text, with control characters as visible symbols (model.text).
"""

from __future__ import annotations

from rich.style import StyleType
from rich.text import Text

from ...core.text import visible, visible_line


def literal(text: str, style: StyleType = "") -> Text:
    """The text as typed, newlines kept: for boxes several lines high."""
    return Text(visible(text), style=style)


def literal_line(text: str, style: StyleType = "") -> Text:
    """The text as typed on one line (a newline shows as ↵): list rows, headings, titles."""
    return Text(visible_line(text), style=style)
