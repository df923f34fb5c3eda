"""The keys of the screen, at its foot: one widget drawing one line of text."""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget


class FooterEntry(NamedTuple):
    key: str
    key_display: str
    description: str
    enabled: bool


class KeyFooter(Widget, can_focus=False):
    """Textual's Footer, drawn as text: it mounts a widget per key and mounts them all again
    on every bindings refresh (each focus change, each save), which made it the costliest
    part of a step's first paint. This one redraws its line only when the keys it shows
    differ. It looks like the compact Footer: each key bold in the key colour, its words
    after it, a key that cannot act now dimmed; a click on a key presses it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description", "key-footer--item"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .key-footer--item {
            background: $footer-item-background;
        }
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._entries: tuple[FooterEntry, ...] | None = None  # None: not read yet
        self._spans: list[tuple[int, int, FooterEntry]] = []  # where each entry is drawn
        self._update_due = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # A screen being built says so several times in a row: read its keys once after.
        if screen is self.screen and not self._update_due:
            self._update_due = True
            self.call_later(self._update_entries)

    def _update_entries(self) -> None:
        self._update_due = False
        if not self.screen.is_current:
            # Left for another step, whose state its keys would now be read from: kept as
            # they were; read again when the screen is back (unchanged: not repainted).
            return
        if (entries := self._read_entries()) != self._entries:
            self._entries = entries
            self.refresh()

    def _read_entries(self) -> tuple[FooterEntry, ...] | None:
        try:
            return footer_entries(self.screen)
        except NoMatches:  # the screen is still mounting what its check_action reads
            return None

    @property
    def entries(self) -> tuple[FooterEntry, ...]:
        if self._entries is None:
            self._entries = self._read_entries()
        return self._entries or ()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        words_style = self.get_component_rich_style("key-footer--description")
        item_style = self.get_component_rich_style("key-footer--item")
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for entry in self.entries:
            if line:
                line.append(" ")
            start = len(line)
            item = Text()
            item.append(entry.key_display, key_style)
            if entry.description:
                item.append(f" {entry.description}", words_style)
            item.stylize_before(item_style)
            if not entry.enabled:
                item.stylize(Style(dim=True))
            line.append_text(item)
            self._spans.append((start, len(line), entry))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, entry in self._spans:
            if start <= event.x < end:
                if entry.enabled:
                    self.app.simulate_key(entry.key)
                else:
                    self.app.bell()


def footer_entries(screen: Screen) -> tuple[FooterEntry, ...]:
    """What a footer shows for ``screen``: one entry per action (the first key shown for
    it), as Textual's Footer does."""
    app = screen.app
    entries: dict[str, FooterEntry] = {}
    for _, binding, enabled, _tooltip in screen.active_bindings.values():
        if binding.show and binding.action not in entries:
            entries[binding.action] = FooterEntry(
                binding.key, app.get_key_display(binding), binding.description, enabled,
            )
    return tuple(entries.values())
