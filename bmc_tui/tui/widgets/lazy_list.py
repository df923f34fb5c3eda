"""Rows drawn only as they scroll into view: a list of thousands costs little.

Rows are Visuals the screen makes light (a row measures its height without rendering, and
renders only when shown); a sequence of rows with ``heights(rules, width) -> list[int]``
is measured all at once through it, so that its rows need not exist until drawn. LazyRows only shows and scrolls them; LazyList adds a cursor,
moving, reading and looking like a compact OptionList (up, down, page up/down, home, end,
Enter), with headings among the rows that the cursor passes over.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from collections.abc import Collection, Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual

from .steady_scrollbar import SteadyScrollbar

# Rendered rows kept, at most: a few screens' worth, so scrolling back is cheap too.
RENDERED_ROWS_KEPT = 512


class LazyRows(SteadyScrollbar, ScrollView):
    """Rows drawn only as they scroll into view, each styled by its component classes
    (``parts``); a subclass names the classes it offers in COMPONENT_CLASSES."""

    DEFAULT_CSS = """
    LazyRows {
        height: auto;
        max-height: 100%;
        overflow-x: hidden;
    }
    """

    # A row's style reaches the right edge (a cursor's bar), or only as far as its text.
    FULL_WIDTH_ROWS: ClassVar[bool] = True

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: Sequence[Visual] = []
        self._parts: Sequence[tuple[str, ...]] = ()
        # Per width measured: each row's first line, then the line after the last row.
        self._starts: dict[int, list[int]] = {}
        self._rendered: dict[tuple[int, tuple[str, ...], int], list[Strip]] = {}

    def set_rows(self, rows: Sequence[Visual], parts: Sequence[tuple[str, ...]] = ()) -> None:
        """Show these rows; ``parts``: each row's component classes (none: unstyled)."""
        self.rows, self._parts = rows, parts
        self._starts.clear()
        self._rendered.clear()
        self._update_virtual_size()
        self.refresh()

    def row_lines(self, index: int) -> tuple[int, int]:
        """The first line of a row and the line after its last, at the width shown."""
        starts = self._line_starts(self._measured_width())
        return starts[index], starts[index + 1]

    def refresh_row(self, index: int | None) -> None:
        """Draw a row again (its style changed)."""
        if index is None or not 0 <= index < len(self.rows) or not self.scrollable_content_region.width:
            return
        top, bottom = self.row_lines(index)
        self.refresh(Region(0, top - self.scroll_offset.y, self.size.width, bottom - top))

    def row_parts(self, index: int) -> tuple[str, ...]:
        return self._parts[index] if index < len(self._parts) else ()

    # measuring: every row's height (cheap), never its rendering

    def _line_starts(self, width: int) -> list[int]:
        if (starts := self._starts.get(width)) is None:
            if len(self._starts) > 2:  # the widths of a resize in progress: keep the last few
                self._starts.clear()
            rows, styles = self.rows, self.styles
            if (measure := getattr(rows, "heights", None)) is not None:
                heights = measure(styles, width)
            else:
                heights = [row.get_height(styles, width) for row in rows]
            starts = self._starts[width] = list(accumulate(heights, initial=0))
        return starts

    def _width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _measured_width(self) -> int:
        """The width the rows are laid out at: the region's, or until a scrollbar measured
        for shows, the width left beside it."""
        width = self._width()
        if width not in self._starts and self.virtual_size.width in self._starts:
            return self.virtual_size.width
        return width

    def _update_virtual_size(self) -> None:
        if not (self.is_mounted and self.scrollable_content_region.width):
            return
        width = self._width()
        if width not in self._starts and self._scrollbar_to_come(width):
            # Measured once, at the width left beside it (not again once it shows).
            width = max(1, width - self.styles.scrollbar_size_vertical)
        size = Size(width, self._line_starts(width)[-1])
        if size != self.virtual_size:
            self.virtual_size = size
            # The scrollbar follows the new size now, as Textual's OptionList does it: a
            # layout no longer updates it (SteadyScrollbar).
            self._scroll_update(size)

    def _scrollbar_to_come(self, width: int) -> bool:
        """Rows taller than the region will bring a vertical scrollbar not shown yet."""
        if self.show_vertical_scrollbar or self.styles.overflow_y != "auto":
            return False
        room, styles, height = self.scrollable_content_region.height, self.styles, 0
        for row in self.rows:
            height += row.get_height(styles, width)
            if height > room:
                return True
        return False

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if (starts := self._starts.get(width)) is not None:
            return starts[-1]
        # Past a max-height no line counts: a long list is measured once, at the width drawn.
        limit = self.styles.max_height
        enough = int(limit.resolve(container, viewport)) + 1 if limit is not None else None
        styles, height = self.styles, 0
        for row in self.rows:
            height += row.get_height(styles, max(1, width))
            if enough is not None and height >= enough:
                break
        return height

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def _on_resize(self, event: events.Resize) -> None:
        self._rendered.clear()
        self._update_virtual_size()

    def notify_style_update(self) -> None:
        self._rendered.clear()
        super().notify_style_update()

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        # Scrolled (with force) before the scrollbar showed: Textual leaves its thumb at the top.
        if shown:
            self.vertical_scrollbar.position = self.scroll_y

    # drawing: only the rows in view

    def render_lines(self, crop: Region) -> list[Strip]:
        self._update_virtual_size()  # the scrollbar may have come or gone since measured
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width, measured = self._width(), self._measured_width()
        starts = self._line_starts(measured)
        line = self.scroll_offset.y + y
        index = bisect_right(starts, line) - 1
        # Padding has a style too: Textual's filters (NO_COLOR's monochrome) need one.
        base = self.get_visual_style().rich_style
        blank = Strip.blank(width, base)
        if not 0 <= index < len(self.rows):
            return blank
        strips = self._render_row(index, measured)
        offset = line - starts[index]
        return strips[offset].extend_cell_length(width, base) if offset < len(strips) else blank

    def _render_row(self, index: int, width: int) -> list[Strip]:
        parts = self.row_parts(index)
        key = (index, parts, width)
        if (strips := self._rendered.get(key)) is None:
            if len(self._rendered) >= RENDERED_ROWS_KEPT:
                self._rendered.clear()
            style = self._row_style(parts)
            pad = style if self.FULL_WIDTH_ROWS else self.get_visual_style()
            strips = [
                strip.extend_cell_length(width, pad.rich_style)
                for strip in Visual.to_strips(self, self.rows[index], width, None, style)
            ]
            self._rendered[key] = strips
        return strips

    def _row_style(self, parts: tuple[str, ...]) -> VisualStyle:
        style = self.get_visual_style(*parts)
        # A visual style has no reverse (Textual 8.2 leaves it out): carried over here.
        if parts and self.get_component_styles(*parts).text_style.reverse:
            style += VisualStyle(reverse=True)
        return style


class LazyList(LazyRows, can_focus=True):
    """Shows the rows the screen gives it and reports the row highlighted or chosen."""

    # No descriptions: cursor moves, as Textual's own lists have, stay out of the help and
    # the command palette (which list bmc-tui's own keys).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("enter", "select", show=False),
    ]

    # As a compact OptionList looks.
    DEFAULT_CSS = """
    LazyList {
        color: $foreground;
        background: $surface;
        & > .lazy-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .lazy-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .lazy-list--heading {
            color: $text-disabled;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"lazy-list--row", "lazy-list--heading", "lazy-list--highlighted"}

    highlighted: reactive[int | None] = reactive(None, init=False)
    """The row highlighted (never a heading), or None."""

    class Highlighted(Message):
        def __init__(self, lazy_list: LazyList, index: int) -> None:
            super().__init__()
            self.lazy_list, self.index = lazy_list, index

        @property
        def control(self) -> LazyList:
            return self.lazy_list

    class Selected(Highlighted):
        """Enter (or a click) on a row."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._headings: Collection[int] = frozenset()

    def set_rows(  # type: ignore[override]
        self, rows: Sequence[Visual], headings: Collection[int] = (), highlight: int | None = None,
    ) -> None:
        """Show these rows (``headings``: the indexes of those the cursor passes over) and
        highlight one of the others, or none."""
        self._headings = headings
        self.set_reactive(LazyList.highlighted, None)
        super().set_rows(rows)
        self.highlighted = highlight

    def is_heading(self, index: int) -> bool:
        return index in self._headings

    def row_parts(self, index: int) -> tuple[str, ...]:
        if self.is_heading(index):
            return ("lazy-list--row", "lazy-list--heading")
        if index == self.highlighted:
            return ("lazy-list--row", "lazy-list--highlighted")
        return ("lazy-list--row",)

    def _on_resize(self, event: events.Resize) -> None:
        # (Textual calls LazyRows' handler as well.)
        self.scroll_to_highlight()

    def on_show(self) -> None:
        self.scroll_to_highlight()

    # the cursor

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            self.refresh_row(index)
        if new is not None:
            self.scroll_to_highlight()
            self.post_message(self.Highlighted(self, new))

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self.rows:
            return None
        index = min(max(index, 0), len(self.rows) - 1)
        return None if self.is_heading(index) else index

    def scroll_to_highlight(self) -> None:
        index = self.highlighted
        if index is None or not self.is_mounted or not self.scrollable_content_region.width:
            return
        top, bottom = self.row_lines(index)
        self.scroll_to_region(Region(0, top, 1, bottom - top), animate=False, force=True, immediate=True)

    def _next_row(self, start: int, step: int, wrap: bool) -> int | None:
        """The first row from ``start`` on (itself included) that is not a heading."""
        count = len(self.rows)
        for offset in range(count):
            index = start + offset * step
            if wrap:
                index %= count
            elif not 0 <= index < count:
                return None
            if not self.is_heading(index):
                return index
        return None

    def action_cursor_down(self) -> None:
        if self.rows:
            start = -1 if self.highlighted is None else self.highlighted
            self.highlighted = self._next_row(start + 1, 1, wrap=True)

    def action_cursor_up(self) -> None:
        if self.rows:
            start = len(self.rows) if self.highlighted is None else self.highlighted
            self.highlighted = self._next_row(start - 1, -1, wrap=True)

    def action_first(self) -> None:
        self.highlighted = self._next_row(0, 1, wrap=False)

    def action_last(self) -> None:
        self.highlighted = self._next_row(len(self.rows) - 1, -1, wrap=False)

    def _move_page(self, direction: int) -> None:
        if self.highlighted is None:
            (self.action_first if direction < 0 else self.action_last)()
            return
        starts = self._line_starts(self._measured_width())
        line = starts[self.highlighted] + direction * self.scrollable_content_region.height
        line = min(max(line, 0), starts[-1] - 1)
        index = bisect_right(starts, line) - 1
        found = self._next_row(index, direction, wrap=False)
        self.highlighted = found if found is not None else self._next_row(index, -direction, wrap=False)

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.rows:
            return
        index = bisect_right(self._line_starts(self._measured_width()), offset.y + self.scroll_offset.y) - 1
        if 0 <= index < len(self.rows) and not self.is_heading(index):
            self.highlighted = index
            self.action_select()
