"""Texts made safe to show: control characters become visible symbols.

Every front end shows texts from a canvas, a flow or the keyboard through these, so
an escape sequence inside a name is read, never obeyed by the terminal. The file keeps
the exact text: these are for showing only.

Each character maps to exactly one character, so a position in the text is the same
position in what is shown (a text field's cursor stays where it belongs).
"""

from __future__ import annotations

# C0 control characters have pictures of their own: U+2400 + code (ESC shows as ␛).
CONTROL_PICTURES_START = 0x2400
DELETE_SYMBOL = "\u2421"  # ␡
# C1 controls (0x80-0x9F) have no pictures; most come from text decoded with the wrong
# encoding, which the replacement character is known for.
C1_SYMBOL = "\ufffd"  # �
NEWLINE_SYMBOL = "\u21b5"  # ↵, where a text must stay on one line


def _table(keep: str) -> dict[int, str]:
    table = {code: chr(CONTROL_PICTURES_START + code) for code in range(0x20)}
    table[0x7F] = DELETE_SYMBOL
    table.update({code: C1_SYMBOL for code in range(0x80, 0xA0)})
    for character in keep:
        del table[ord(character)]
    return table


_VISIBLE = _table(keep="\n\t")
_VISIBLE_LINE = {**_table(keep="\t"), ord("\n"): NEWLINE_SYMBOL}


def visible(text: str) -> str:
    """The text with every control character but newline and tab as a visible symbol."""
    return text.translate(_VISIBLE)


def visible_line(text: str) -> str:
    """Like ``visible``, for places one line high (list rows, pickers, the step bar):
    a newline shows as ↵."""
    return text.translate(_VISIBLE_LINE)


def plural(number: int, noun: str) -> str:
    """A count with its noun: "1 segment", "3 segments"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
