"""The step screens' footer: Textual's, rebuilt only when what it shows changes."""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    """Textual's footer rebuilds its keys on every bindings refresh (each focus change,
    each save, each segment change), restyling a dozen widgets; this one only when the
    keys it shows differ."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple | None = None
        self._bindings_told = False

    def bindings_changed(self, screen: Screen) -> None:
        first = not self._bindings_told
        self._bindings_told = True
        if first and self.is_attached and screen is self.screen and screen.app.app_focus:
            # The first keys come before the first paint, not in a second paint after it.
            self._bindings_ready = True
            self.call_later(self.recompose)
            return
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        if not self.is_attached:  # its screen was dropped (a step left behind) meanwhile
            return
        # Before the screen has told its bindings, Textual's footer shows none, and they
        # must not be read: a screen's check_action may need widgets not mounted yet.
        if self._bindings_told:
            try:
                shown = (self.compact, self.show_command_palette, footer_keys(self.screen))
            except NoMatches:  # the screen is still mounting what its check_action reads
                shown = None
            if shown is not None and shown == self._shown:
                return
            self._shown = shown
        await super().recompose()
        # Textual's keys watch the footer's ``compact`` (data_bind); a removed key stays in
        # the footer's watchers until ``compact`` changes, and so alive with all it drew.
        # Telling the watchers again lets them drop the keys that have gone.
        self.mutate_reactive(Footer.compact)


def footer_keys(screen: Screen) -> tuple:
    """What a footer shows for ``screen``: each shown key, its words, whether it is enabled."""
    app = screen.app
    return tuple(
        (binding.key, app.get_key_display(binding), binding.description, binding.action,
         enabled, tooltip, binding.group)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show or binding.action == "command_palette"
    )
