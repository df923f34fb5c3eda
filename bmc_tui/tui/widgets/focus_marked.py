"""A container marked ``-focused`` while the focus is in it, for its title's style."""

from __future__ import annotations


class FocusMarked:
    """Mixed into a container (before Vertical). Not :focus-within: Textual restyles those
    rules only on the focused widget's ancestors, so a title beside the focused widget kept
    its look as the focus moved on."""

    def _on_descendant_focus(self) -> None:
        self._show_focus()

    def _on_descendant_blur(self) -> None:
        self._show_focus()

    def _show_focus(self) -> None:
        # Blur and focus events of two children may come in either order: ask where focus is now.
        self.set_class(self.has_focus_within, "-focused")
