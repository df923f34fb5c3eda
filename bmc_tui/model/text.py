"""Text from a canvas, a flow or the keyboard, made safe to show on a terminal."""

from __future__ import annotations

DEL = 0x7F
# C0 controls become the Control Pictures block (ESC -> U+241B), DEL -> U+2421, C1 -> U+FFFD.
_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}
_VISIBLE[DEL] = "\u2421"
_VISIBLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """``text`` with control characters shown as visible symbols; newlines and tabs kept."""
    return text.translate(_VISIBLE)
