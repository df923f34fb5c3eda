"""What a step's screen shows beyond the canvas (focus, highlighted rows, scrolling, a few
settings of its own), kept when the app drops the screen of a step left behind, so that
the step comes back as the user left it. Answers and drafts are the document's already."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import OptionList

if TYPE_CHECKING:
    from .base import StepScreen

# Where a widget is: the id of it or of its nearest ancestor with one, and (for a widget
# without an id of its own) its type and its number among that ancestor's widgets of the type.
Place = tuple[str, str, int]


@dataclass
class StepMemory:
    focus: Place | None = None
    highlights: dict[Place, tuple[int, int]] = field(default_factory=dict)  # row, of how many
    scroll: dict[Place, tuple[float, float]] = field(default_factory=dict)
    settings: dict[str, object] = field(default_factory=dict)  # StepScreen.settings


def remember(screen: StepScreen) -> StepMemory:
    memory = StepMemory(settings=screen.settings())
    if screen.focused is not None:
        memory.focus = place_of(screen.focused)
    for widget in screen.query(Widget):
        if (count := row_count(widget)) is not None and widget.highlighted is not None:
            memory.highlights[place_of(widget)] = (widget.highlighted, count)
        if widget.is_scrollable and widget.scroll_offset != (0, 0):
            memory.scroll[place_of(widget)] = (widget.scroll_x, widget.scroll_y)
    return memory


def recall(screen: StepScreen, memory: StepMemory) -> None:
    """Once the screen has shown the canvas: highlights, then focus and scrolling."""
    for place, (row, count) in memory.highlights.items():
        widget = widget_at(screen, place)
        # Rows are kept only if the list still has as many: else the screen's own choice.
        if widget is not None and row_count(widget) == count and place[0] not in screen.HIGHLIGHT_FROM_MODEL:
            widget.highlighted = row

    def focus() -> None:
        if memory.focus is not None and (focused := widget_at(screen, memory.focus)) is not None:
            if focused.focusable:
                screen.set_focus(focused, scroll_visible=False)

    def scroll() -> None:
        for place, (x, y) in memory.scroll.items():
            if (widget := widget_at(screen, place)) is not None:
                widget.scroll_to(x, y, animate=False, immediate=True)

    # After the screen's own choice of focus (Widget.focus is queued on the app), and
    # the scrolling once the screen is laid out.
    screen.app.call_later(focus)
    screen.call_after_refresh(scroll)


def row_count(widget: Widget) -> int | None:
    """The rows of a list with a highlighted row (Textual's OptionList, or a LazyList, whose
    module the start-up does not import), or None for any other widget."""
    if isinstance(widget, OptionList):
        return widget.option_count
    rows = getattr(widget, "rows", None)
    return len(rows) if rows is not None and hasattr(widget, "highlighted") else None


def place_of(widget: Widget) -> Place:
    if widget.id:
        return widget.id, "", 0
    screen = widget.screen
    anchor = next((node for node in widget.ancestors if isinstance(node, Widget) and node.id), screen)
    kind = type(widget).__name__
    same_kind = [node for node in anchor.query(kind) if type(node) is type(widget)]
    return "" if anchor is screen else anchor.id or "", kind, same_kind.index(widget)


def widget_at(screen: StepScreen, place: Place) -> Widget | None:
    anchor_id, kind, number = place
    try:
        anchor = screen.query_one(f"#{anchor_id}") if anchor_id else None
    except NoMatches:
        return None
    if not kind:
        return anchor
    same_kind = [node for node in (anchor or screen).query(kind) if type(node).__name__ == kind]
    return same_kind[number] if number < len(same_kind) else None
