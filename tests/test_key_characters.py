"""Keys shown and checked without the Unicode name database (tui/key_characters.py): the
same answers as Textual's."""

from __future__ import annotations

import inspect

import textual.screen
from textual.app import App
from textual.binding import Binding
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widgets import Input

from bmc_tui.tui.app import make_app
from bmc_tui.tui.key_characters import NAMED_KEYS, SYMBOL_KEYS, character_of

KEYS = [
    "ctrl+o", "ctrl+n", "f1", "f2", "ctrl+f12", "x", "shift+x", "7", "question_mark", "enter",
    "delete", "escape", "up", "shift+up", "ctrl+shift+k", "space", "tab", "pagedown", "slash",
]


def test_named_keys_type_no_printable_character():
    # Why character_of may answer None for them: text fields (Input, TextArea) take a key
    # only for a printable character.
    for key in NAMED_KEYS:
        character = key_to_character(key)
        assert character is None or not character.isprintable(), key


def test_other_keys_get_textuals_character():
    for key in ["x", "7", "question_mark", "space", "ctrl+x", "slash", *SYMBOL_KEYS]:
        assert character_of(key) == key_to_character(key)


def test_keys_are_shown_as_textual_shows_them(example_path):
    app = make_app(example_path)
    for key in KEYS:
        binding = Binding(key, "noop", "Does")
        assert app.get_key_display(binding) == App.get_key_display(app, binding), key
    shown = Binding("ctrl+o", "noop", "Does", key_display="Ctrl+O")
    assert app.get_key_display(shown) == "Ctrl+O"


def test_screens_check_keys_through_character_of(example_path):
    # Pinned: Screen._binding_chain calls textual.screen's module-level key_to_character
    # (Textual 8.2.8); if a Textual upgrade changes that, key_characters.py must follow.
    make_app(example_path)
    assert textual.screen.key_to_character is character_of
    assert "key_to_character(key)" in inspect.getsource(Screen._binding_chain.fget)


async def test_a_focused_text_field_still_takes_printable_keys_from_the_bindings(example_path):
    # "?" (help) types a character: hidden while a text field is focused; F1 is not.
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one(Input).focus()
        await pilot.pause()
        keys = {binding.key for _, binding, _, _ in app.screen.active_bindings.values()}
        assert "f1" in keys and "question_mark" not in keys
