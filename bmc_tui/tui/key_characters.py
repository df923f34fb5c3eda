"""Keys are shown, and checked against text fields, without the Unicode name database.

Textual looks key names up in Python's Unicode name database: to show a key ("o" in
"^o": format_key) and, for every key bound above a focused text field, to learn which
character it types (key_to_character: a text field takes printable keys as text, so
those bindings are left out). Names like "ENTER", "DELETE", "F2", "O" are no characters'
names: each failed lookup reads in another part of the database, about 0.4 MB of it for
the keys of the five steps (issue 9's memory target). The answers are known without it.
"""

from __future__ import annotations

import textual.screen
from textual.binding import Binding
from textual.keys import key_to_character

# Keys that type no printable character: Textual's key_to_character gives None or a
# control character for each (tests/test_key_characters.py), and a text field takes a
# key only for a printable one.
NAMED_KEYS = frozenset({
    "up", "down", "left", "right", "home", "end", "pageup", "pagedown",
    "enter", "tab", "escape", "delete", "insert", "backspace",
    *(f"f{number}" for number in range(1, 25)),
})

# The symbol keys the app binds (help's "?"), with the character each types.
SYMBOL_KEYS = {"question_mark": "?"}


def character_of(key: str) -> str | None:
    """key_to_character without a lookup for a named key or a symbol key the app binds."""
    if key in NAMED_KEYS:
        return None
    return SYMBOL_KEYS.get(key) or key_to_character(key)


def skip_named_key_lookups() -> None:
    """Screens check named keys without the database (Screen._binding_chain calls this
    module-level name of textual.screen; pinned in tests/test_key_characters.py)."""
    textual.screen.key_to_character = character_of


def plain_key_display(binding: Binding) -> str | None:
    """How Textual's App.get_key_display shows a one-character key or an F key, with its
    modifiers ("^o", "f1", "shift+x"); None for any other key or a key_display of its own.
    Such a key is shown as itself: the lookup Textual makes first always fails (no
    character has a one-letter name, nor "F1")."""
    modifiers, key = binding.parse_key()
    if binding.key_display or not (len(key) == 1 or key in NAMED_KEYS and key[0] == "f"):
        return None
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        key = f"^{key}"
    return "+".join([*modifiers, key])
