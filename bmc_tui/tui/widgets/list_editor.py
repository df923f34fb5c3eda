"""An editable list: type and Enter to add, then the next; edit, delete, reorder.

Typing on the list adds: a letter goes to the entry line, never to a command. Commands on
the highlighted entry use keys that never occur inside words (Enter, F2, Delete, Shift+arrows).
"""

from __future__ import annotations

from collections.abc import Sequence

from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList

from ...core.text import visible
from .fields import TextField
from .focus_marked import FocusMarked
from .literal import literal_line, update_if_changed
from .steady_scrollbar import SteadyOptionList


@dataclass(frozen=True)
class EntryWithNote:
    """A list row whose note ("→ 2 jobs") stays whole, right after the entry: the entry
    is what gets cut with "…" when the row is too narrow."""

    entry: Text
    note: Text

    def __str__(self) -> str:
        return f"{self.entry.plain}{self.note.plain}"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        entry = self.entry.copy()
        room = max(1, options.max_width - self.note.cell_len)
        if entry.cell_len > room:
            entry.truncate(room, overflow="ellipsis")
        yield Text.assemble(entry, self.note, no_wrap=True, overflow="ellipsis")


class EntryList(SteadyOptionList, OptionList):
    """The entries. A printable key here starts a new entry: it goes to the entry line."""

    _drawn_width: int | None = None  # the rows' width when last resized

    def _on_resize(self, event: events.Resize) -> None:
        # OptionList draws every row again after any resize, for rows that wrap anew. These
        # never wrap (one line each, cut with "…"): a list that only grew a row taller
        # (an entry added) keeps the rows it has drawn, and no frame repaints them all.
        width = self.scrollable_content_region.width
        if width == self._drawn_width:
            event.prevent_default()
        self._drawn_width = width

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        if self.styles.overflow_y == "hidden":
            # Room for all its entries (ListEditor._fit_scrollbar): they all show once laid
            # out, from the top. Left scrolled to a new last entry before the layout that
            # makes the list a row taller, it scrolled back in that layout: drawn twice.
            self.scroll_to(y=0, animate=False, force=True, immediate=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Lines are not wrapped (ListEditor's CSS): an entry is as high as its lines,
        # counted. Measuring drew every entry at every layout (six lists of 30 at 100
        # segments, laid out three times on a first visit).
        return sum(str(option.prompt).count("\n") + 1 for option in self.options)

    def _on_key(self, event: events.Key) -> None:
        # Other keys go on to OptionList's handling (Textual calls each class's handler).
        editor = self.parent
        if event.is_printable and event.character and isinstance(editor, ListEditor):
            event.stop()
            event.prevent_default()
            editor.type_on_entry_line(event.character)


class EntryLine(TextField):
    """The line a new entry is typed on; several pasted lines are several entries."""

    def _on_paste(self, event: events.Paste) -> None:
        editor = self.parent
        if isinstance(editor, ListEditor) and editor.paste(event.text):
            event.stop()
            event.prevent_default()  # not Input's paste (of the first line) as well


class ListEditor(FocusMarked, Vertical):
    """Shows entries the screen gives it and reports what the user asks for.

    Entries are never changed here: ``Added``, ``Edited``, ``DeleteRequested``
    and ``Moved`` go to the screen, which changes the model, saves, and calls
    ``set_entries`` with the result.
    """

    FOCUS_STYLED = ".list-editor--title"

    # The entry line sits right under the last entry: the list is as high as its entries,
    # up to the room its editor has (see on_resize).
    DEFAULT_CSS = """
    ListEditor {
        height: 1fr;
        min-height: 3;
        & > .list-editor--title { width: 1fr; text-style: bold; color: $text-accent; }
        /* One row per entry: what does not fit ends in "…". */
        & > OptionList {
            height: auto; min-height: 0; border: none; padding: 0; background: transparent;
            text-wrap: nowrap; text-overflow: ellipsis;
            overflow-y: hidden;  /* a scrollbar only when the entries overflow: _fit_scrollbar */
        }
        & > TextField { height: 1; }
        &.-focused > .list-editor--title { text-style: bold reverse; }
    }
    """

    BINDINGS = [
        # No letters: a word typed on the list is a new entry (see EntryList).
        Binding("enter,f2", "edit", "Edit", key_display="⏎"),
        Binding("delete", "delete", "Delete", key_display="Del"),
        Binding("shift+up", "move(-1)", "Move up", key_display="⇧↑"),
        Binding("shift+down", "move(1)", "Move down", key_display="⇧↓"),
        Binding("escape", "leave_input", "Back to list"),
    ]

    class _EditorMessage(Message):
        def __init__(self, editor: ListEditor) -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> ListEditor:
            return self.editor

    class Added(_EditorMessage):
        """``pasted``: one of several lines pasted at once (no question per entry then)."""

        def __init__(self, editor: ListEditor, text: str, *, pasted: bool = False) -> None:
            super().__init__(editor)
            self.text = text
            self.pasted = pasted

    class Edited(_EditorMessage):
        def __init__(self, editor: ListEditor, index: int, text: str) -> None:
            super().__init__(editor)
            self.index = index
            self.text = text

    class DeleteRequested(_EditorMessage):
        def __init__(self, editor: ListEditor, index: int) -> None:
            super().__init__(editor)
            self.index = index

    class Moved(_EditorMessage):
        def __init__(self, editor: ListEditor, index: int, delta: int) -> None:
            super().__init__(editor)
            self.index = index
            self.delta = delta

    class DraftChanged(_EditorMessage):
        """The words on the entry line changed: the screen keeps them, so nothing typed is lost."""

        def __init__(self, editor: ListEditor, place: str, text: str) -> None:
            super().__init__(editor)
            self.place = place
            self.text = text

    class Highlighted(_EditorMessage):
        def __init__(self, editor: ListEditor, index: int | None) -> None:
            super().__init__(editor)
            self.index = index

    def __init__(
        self,
        title: str,
        *,
        placeholder: str = "",
        max_items: int | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.title = title
        self.placeholder = placeholder
        self.max_items = max_items
        self._texts: list[str] = []
        self._prompts: list[Text | EntryWithNote] = []  # what the list shows, row by row
        self._editing: int | None = None
        self._room: int | None = None  # rows for entries; None: as many as it has (see on_resize)
        self.place = ""  # which list of which segment the entry line types into
        # Kept, not looked up: a query walks the screen, and an Enter asked a dozen times.
        self._title_label = Label(literal_line(title), classes="list-editor--title")
        self._entry_list = EntryList(compact=True)
        self._entry_line = EntryLine(placeholder=self._entry_placeholder(), clear_on_submit=True)

    def compose(self) -> ComposeResult:
        yield self._title_label
        yield self._entry_list
        yield self._entry_line

    def _entry_placeholder(self) -> str:
        """The entry line reads as the next entry of its list: "+ A job they try to get done"."""
        return f"+ {self.placeholder}" if self.placeholder else "+ New entry"

    def on_resize(self) -> None:
        # An editor given a height (not auto) keeps its entry line in view: the entries
        # scroll within what is left under the title.
        if not self.styles.height or self.styles.height.is_auto:
            return
        self._room = max(1, self.content_size.height - 2)  # the title and the entry line
        self.option_list.styles.max_height = self._room
        self._fit_scrollbar(len(self._texts))

    def _fit_scrollbar(self, entries: int) -> None:
        """A scrollbar only while the entries overflow their room. Left to Textual, an entry
        added to a short list showed one for a frame (the list grows by a row only in the
        layout after), cutting every row short and drawing the list twice."""
        overflows = self._room is not None and entries > self._room
        self.option_list.styles.overflow_y = "auto" if overflows else "hidden"

    @property
    def option_list(self) -> OptionList:
        return self._entry_list

    @property
    def field(self) -> TextField:
        return self._entry_line

    @property
    def highlighted(self) -> int | None:
        return self.option_list.highlighted

    @property
    def draft(self) -> str:
        """What is typed on the entry line and not yet added (or not yet saved as an edit)."""
        return self.field.value.strip()

    @property
    def texts(self) -> list[str]:
        """The entries on show."""
        return list(self._texts)

    @property
    def editing(self) -> int | None:
        return self._editing

    def set_entries(
        self,
        texts: Sequence[str],
        *,
        prompts: Sequence[Text | EntryWithNote] | None = None,
        highlight: int | None = None,
    ) -> None:
        """Show these entries; ``prompts`` may decorate them (links, counts), and must show
        the entries literally (``literal_line``)."""
        if self._editing is not None and list(texts) != self._texts:
            # The list changed under an open edit (another segment, a deletion): the row
            # number no longer names the same entry, so the edit is dropped, not misapplied.
            self._editing = None
            self.field.value = ""
        self._texts = list(texts)
        option_list = self.option_list
        keep = option_list.highlighted if highlight is None else highlight
        self._fit_scrollbar(len(self._texts))  # before the rows: Textual decides as they come
        self._show_prompts(list(prompts) if prompts is not None else [literal_line(text) for text in self._texts])
        if self._texts:
            option_list.highlighted = max(0, min(keep or 0, len(self._texts) - 1))
        elif option_list.has_focus:
            self.focus_entry()  # the last entry went: no list left to act on, type the next
        count = f" ({len(self._texts)}/{self.max_items})" if self.max_items else f" ({len(self._texts)})"
        update_if_changed(self._title_label, literal_line(self.title + count))
        self._update_field()

    def _show_prompts(self, prompts: list[Text | EntryWithNote]) -> None:
        """Change only the rows that changed: an entry added at the end is appended and an
        entry renamed is replaced, so that a long list is not built again at every Enter."""
        option_list, shown = self.option_list, self._prompts
        if len(prompts) >= len(shown) and prompts[: len(shown)] == shown:
            option_list.add_options(prompts[len(shown):])
        elif len(prompts) == len(shown):
            for index, (prompt, old) in enumerate(zip(prompts, shown)):
                if prompt != old:
                    option_list.replace_option_prompt_at_index(index, prompt)
        else:
            option_list.set_options(prompts)
        option_list.count_rows()
        self._prompts = prompts

    def show_draft(self, place: str, text: str) -> None:
        """Type into the list at ``place`` now; ``text`` is what was left on its line before."""
        if place == self.place:
            return
        self.place = place
        self._editing = None
        with self.field.prevent(Input.Changed):
            self.field.value = text
        self._update_field()

    def _is_full(self) -> bool:
        return self.max_items is not None and len(self._texts) >= self.max_items

    def _update_field(self) -> None:
        field = self.field
        if self._editing is not None:
            field.placeholder = "Edit, then Enter (Esc: keep as it was)"
            field.disabled = False
        elif self._is_full():
            field.placeholder = f"{self.max_items} is enough for now"
            field.disabled = True
        else:
            field.placeholder = self._entry_placeholder()
            field.disabled = False

    # focus

    def focus_entry(self) -> None:
        """Put the cursor where the next entry is typed, or on the list when full."""
        if self.field.disabled:
            self.focus_now(self.option_list)
        else:
            self.focus_now(self.field)

    def focus_now(self, widget: Widget) -> None:
        """Move focus at once. ``Widget.focus()`` waits for the next turn of the loop, so
        a second key typed quickly (Tab, Tab) would still act on the old focus."""
        if self.is_attached:
            self.screen.set_focus(widget)

    def _in_field(self) -> bool:
        return self.field.has_focus

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_input":
            return self._in_field()
        if self._in_field():
            # Letters are typed into the field; these keys belong to the list.
            return False if action in ("edit", "delete", "move") else True
        if action in ("edit", "delete"):
            return True if self._texts else None
        if action == "move":
            (delta,) = parameters
            index = self.highlighted
            if index is None:
                return None
            target = index + int(delta)  # type: ignore[call-overload]
            return True if 0 <= target < len(self._texts) else None
        return True

    def type_on_entry_line(self, character: str) -> None:
        """A key typed on the list: a new entry starts with it, after what is there already."""
        if self._editing is not None:
            self.action_leave_input()
        field = self.field
        if field.disabled:
            self.app.bell()  # full: there is no entry line to type on
            return
        self.focus_now(field)
        field.cursor_position = len(field.value)
        field.insert_text_at_cursor(character)

    def paste(self, text: str) -> bool:
        """Add one entry per pasted line (a workshop pastes a list of jobs); the first
        line continues what was typed. False: one line or an edit, pasted as usual."""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if self._editing is not None or len(lines) < 2 or self.field.disabled:
            return False
        field = self.field
        self.focus_now(field)
        field.insert_text_at_cursor(lines[0])
        entries = [field.value.strip(), *lines[1:]]
        room = len(entries) if self.max_items is None else self.max_items - len(self._texts)
        field.value = ""
        for entry in entries[:room]:
            self.post_message(self.Added(self, entry, pasted=True))
        if left := entries[room:]:
            self.app.notify(
                visible(f"{self.max_items} is enough for now; not added: " + "; ".join(left)),
                markup=False, severity="warning", timeout=10,
            )
        return True

    def _on_paste(self, event: events.Paste) -> None:
        # Pasted while the list has focus: the lines are new entries too.
        if self.paste(event.text):
            event.stop()
        elif self.option_list.has_focus and (line := event.text.strip()):
            event.stop()
            self.type_on_entry_line(line)

    def action_edit(self) -> None:
        index = self.highlighted
        if index is None or not self._texts:
            return
        self._editing = index
        self._update_field()
        field = self.field
        field.value = self._texts[index]
        self.focus_now(field)
        field.cursor_position = len(field.value)

    def action_delete(self) -> None:
        if self.highlighted is not None and self._texts:
            self.post_message(self.DeleteRequested(self, self.highlighted))

    def action_move(self, delta: int) -> None:
        if self.highlighted is not None:
            self.post_message(self.Moved(self, self.highlighted, delta))

    def action_leave_input(self) -> None:
        if self._editing is not None:
            self._editing = None
            self.field.value = ""
            self._update_field()
        if self._texts:
            self.focus_now(self.option_list)
        else:
            self.screen.focus_next()

    # events

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, event.option_index))

    def _on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        if self._editing is not None and text == self._texts[self._editing]:
            text = ""  # an edit not yet changed is nothing to keep
        self.post_message(self.DraftChanged(self, self.place, text))

    def _on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        # The field cleared itself on Enter (clear_on_submit).
        if self._editing is not None:
            index, self._editing = self._editing, None
            self._update_field()
            self.focus_now(self.option_list)
            self.tell_screen(self.Edited(self, index, text))
        else:
            self.tell_screen(self.Added(self, text))

    def tell_screen(self, message: Message) -> None:
        """Post straight to the screen, not up through the containers (a queue each): the
        entry then reaches the screen before the entry line's repaint does, and both are
        drawn in one frame. A frame in between put the entry's off by 17-33 ms (Textual's
        refresh timer, once late, skips to the next tick but one)."""
        self.screen.post_message(message)
