"""A container marked ``-focused`` while the focus is in it, for its title's style."""

from __future__ import annotations


class FocusMarked:
    """Mixed into a container (before Vertical). Not :focus-within: Textual restyles those
    rules only on the focused widget's ancestors, so a title beside the focused widget kept
    its look as the focus moved on."""

    # The children whose look follows the mark (the title). Only they are restyled as the
    # focus comes and goes: Textual restyled the container and all inside it, a list's
    # component styles included, at every focus move (3 ms of the first paint).
    FOCUS_STYLED = "*"

    def _on_descendant_focus(self) -> None:
        self._show_focus()

    def _on_descendant_blur(self) -> None:
        self._show_focus()

    def _show_focus(self) -> None:
        # Blur and focus events of two children may come in either order: ask where focus is now.
        focused = self.has_focus_within
        if focused == self.has_class("-focused"):
            return
        self.set_class(focused, "-focused", update=False)
        for child in self.query_children(self.FOCUS_STYLED):
            child.update_node_styles(animate=False)
