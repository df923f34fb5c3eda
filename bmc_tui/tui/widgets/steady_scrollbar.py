"""Scrolling lists whose scrollbar is drawn again only when it changes."""

from __future__ import annotations

from textual.geometry import Size


class SteadyScrollbar:
    """Mixed into a ScrollView class (first, before it)."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual's ScrollView compares the size a layout arranged for it (its room) with
        # its own virtual size (all its rows): on a list longer than its room they always
        # differ, so every layout of the screen (an entry added, a key typed, a dialog
        # closed) set the scrollbar again and repainted it a frame later, unchanged.
        # Compared with itself, only a new size or room counts. Overrides a private method
        # of Textual 8.2.8: tests/test_steady_scrollbar.py fails if it changes.
        return super()._size_updated(size, self.virtual_size, container_size, layout)


class SteadyOptionList(SteadyScrollbar):
    """Mixed into an OptionList class (first, before it)."""

    def _on_resize(self) -> None:
        # Textual's OptionList forgets its rows when resized (its own handler, which Textual
        # calls after this one) and counts them again when first drawn: the new virtual
        # size then laid the screen out again, and a second frame followed the first.
        # Counted just after, they are ready before the frame.
        self.call_next(self._update_lines)

    def count_rows(self) -> None:
        """Count the rows now, after options were set, replaced or added. Textual counts
        them again only when it draws the list: a list emptied (another segment's) then
        changed its height after the frame, and was laid out and drawn again."""
        self._update_lines()
