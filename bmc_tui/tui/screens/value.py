"""Step 2: the value proposition of one segment: its profile (jobs, pains, gains) and
what the business offers it (products, pain relievers, gain creators), linked together."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Static

from ...core.flow import Step
from ...core import ADDRESSED_BY, ITEM_KINDS, OFFER_KINDS, PROFILE_KINDS, Item, Segment
from ...core.fit import Finding
from ...core.text import visible_line
from ..widgets import ListEditor, literal, literal_line, update_if_changed
from ..words import addressed_mark, no_segments_yet, unaddressed_mark
from ..widgets.list_editor import EntryWithNote
from .base import PerSegmentStepScreen
from ..dialogs.link_picker import LinkPickerScreen

# Short nouns for link counts ("→ 2 jobs"); generic UI words, not question wording.
NOUNS = {"jobs": ("job", "jobs"), "pains": ("pain", "pains"), "gains": ("gain", "gains")}


def kind_of(editor: ListEditor) -> str:
    """The item kind an editor shows: its id is ``value-<kind>``."""
    return (editor.id or "").removeprefix("value-")


def count_of(count: int, kind: str) -> str:
    one, many = NOUNS.get(kind, (kind, kind))
    return f"{count} {one if count == 1 else many}"


class ValueScreen(PerSegmentStepScreen):
    BINDINGS = [
        Binding("tab", "next_list(1)", "Next list", show=False),
        Binding("shift+tab", "next_list(-1)", "Previous list", show=False),
        # Not a letter: a word typed on a list is a new entry.
        Binding("ctrl+l", "link", "Link"),
    ]

    def __init__(self, step: Step) -> None:
        super().__init__(step)
        self._shown_segment: str | None = None
        self._editors: list[ListEditor] = []  # composed once: see editors

    # layout

    def compose_body(self) -> ComposeResult:
        yield Static("", id="value-segment")
        yield Static(literal(no_segments_yet(self.bmc.flow)), id="value-empty")
        with Horizontal(id="value-body"):
            profile = self.step.text("profile_heading", "Customer profile")
            offer = self.step.text("offer_heading", "Value map: what you offer")
            yield from self._column("value-profile", profile, PROFILE_KINDS)
            yield from self._column("value-offer", offer, OFFER_KINDS)

    def _column(self, column_id: str, heading: str, kinds: tuple[str, ...]) -> ComposeResult:
        asked = [kind for kind in kinds if self.step.asks(kind)]
        if not asked:
            return
        # Not focusable itself: Tab goes from list to list.
        with VerticalScroll(id=column_id, can_focus=False):
            yield Label(literal_line(heading), classes="value-heading")
            for kind in asked:
                question = self.question(kind)
                assert question is not None
                yield ListEditor(
                    question.label,
                    placeholder=question.placeholder,
                    max_items=question.max_items,
                    id=f"value-{kind}",
                )

    def on_mount(self) -> None:
        self.refresh_from_model()
        self._focus_first_list()

    def resumed(self) -> None:
        if self.focused is None:
            self._focus_first_list()

    def _focus_first_list(self) -> None:
        editors = self.editors
        if editors and self.current_segment is not None:
            editors[0].focus_entry()

    def show_target(self, target: Finding) -> None:
        """The finding's item highlighted in its list; without an item (no offer yet), the
        entry line of the first offer list."""
        editors = {kind_of(editor): editor for editor in self.editors}
        segment = self.current_segment
        if segment is None or not editors:
            return
        kind = target.kind or next((k for k in OFFER_KINDS if k in editors), None)
        editor = editors.get(kind or "") or self.editors[0]
        ids = [item.id for item in segment.items(kind_of(editor))]
        if target.item_id in ids:
            editor.option_list.highlighted = ids.index(target.item_id)
            editor.focus_now(editor.option_list)
        else:
            editor.focus_entry()

    @property
    def editors(self) -> list[ListEditor]:
        # Looked up once they are there: check_action asks for them at every key.
        if not self._editors:
            self._editors = list(self.query("#value-body ListEditor").results(ListEditor))
        return self._editors

    # showing the model

    def refresh_from_model(self) -> None:
        segment = self.current_segment
        self.query_one("#value-empty").display = segment is None
        self.query_one("#value-segment").display = segment is not None
        body = self.query_one("#value-body")
        body.display = segment is not None
        # Hidden lists must not keep the focus (their keys would show in the footer).
        body.disabled = segment is None
        update_if_changed(self.query_one("#value-segment", Static), self._segment_line(segment))
        switched = segment is not None and segment.id != self._shown_segment
        self._shown_segment = segment.id if segment else None
        if segment is not None:
            for editor in self.editors:
                self._show_list(segment, editor, highlight=0 if switched else None)
            if switched and self.focused is not None:
                # Another segment starts at its first list, as the step does: what is
                # typed next is its first job, not an entry of the list left last time.
                self._focus_first_list()
        self.refresh_bindings()

    def _refresh_after_change(self, kind: str, highlight: int | None = None) -> None:
        """Redraw only the lists a change to ``kind`` can alter: it, and its linked list."""
        segment = self.current_segment
        if segment is None:
            return
        linked = {kind, ITEM_KINDS[kind].target, ADDRESSED_BY.get(kind)}
        for editor in self.editors:
            if kind_of(editor) in linked:
                self._show_list(segment, editor, highlight if kind_of(editor) == kind else None)
        self.refresh_bindings()

    def _show_list(self, segment: Segment, editor: ListEditor, highlight: int | None) -> None:
        kind = kind_of(editor)
        items = segment.items(kind)
        self.type_into(editor, f"{segment.id}/{kind}")
        editor.set_entries(
            [item.text for item in items],
            prompts=[self._prompt(segment, kind, item) for item in items],
            highlight=highlight,
        )

    def _segment_line(self, segment: Segment | None) -> Text:
        if segment is None:
            return Text("")
        line = self.segment_position(segment)
        if segment.description:
            line.append(f"  {visible_line(segment.description)}", style="dim")
        return line

    def _prompt(self, segment: Segment, kind: str, item: Item) -> Text | EntryWithNote:
        """The item's text, with what links it: offer items say how many targets they
        address; profile items are marked when something addresses them."""
        info = ITEM_KINDS[kind]
        if info.target is not None:
            text = literal_line(item.text)
            if not self.step.asks(info.target):
                return text
            if item.links:
                note = Text(f"  → {count_of(len(item.links), info.target)}", style="dim")
            else:
                note = Text(f"  → no {NOUNS[info.target][0]} yet", style="yellow")
            return EntryWithNote(text, note)
        if not self._is_linkable(kind):
            return literal_line(item.text)
        addressed = bool(segment.linked_from(kind, item.id))
        return Text.assemble(addressed_mark() if addressed else unaddressed_mark(), literal_line(item.text))

    def _is_linkable(self, profile_kind: str) -> bool:
        """Whether this flow asks the offer list that points at this profile list."""
        return self.step.asks(ADDRESSED_BY[profile_kind])

    # the focused list

    def _focused_editor(self) -> ListEditor | None:
        focused = self.focused
        if focused is None:
            return None
        return next(
            (node for node in focused.ancestors_with_self if isinstance(node, ListEditor)), None
        )

    def _link_targets(self, segment: Segment, kind: str) -> list[tuple[str, str]]:
        target = ITEM_KINDS[kind].target
        if target is None or not self.step.asks(target):
            return []
        return [(item.id, item.text) for item in segment.items(target)]

    # keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_list":
            return True if self.current_segment is not None and self.editors else None
        if action == "link":
            return self._can_link()
        return super().check_action(action, parameters)

    def never_applies(self, action: str) -> bool:
        # A flow without the value map (the quick flow) has nothing to link.
        return action == "link" and not any(self.step.asks(kind) for kind in OFFER_KINDS)

    def _can_link(self) -> bool | None:
        editor = self._focused_editor()
        segment = self.current_segment
        if editor is None or segment is None or kind_of(editor) not in OFFER_KINDS:
            return False  # never applies here: hidden, not greyed
        kind = kind_of(editor)
        if editor.highlighted is None or not segment.items(kind):
            return None
        return True if self._link_targets(segment, kind) else None

    def before_segment_change(self) -> None:
        for editor in self.editors:
            if editor.editing is not None:
                # An edit in progress belongs to the other segment's item.
                editor.action_leave_input()

    def action_next_list(self, delta: int) -> None:
        editor = self._focused_editor()
        # Stay on the lists when moving from a list; otherwise go where the next entry is typed.
        on_list = editor is not None and editor.option_list.has_focus
        self._focus_list_after(editor, delta, on_list=on_list)
        self.bmc.draw_once(self)  # both lists' marks and the footer's keys, together

    def _focus_list_after(self, editor: ListEditor | None, delta: int, *, on_list: bool) -> None:
        editors = self.editors
        if not editors:
            return
        index = editors.index(editor) if editor in editors else -delta
        following = editors[(index + delta) % len(editors)]
        if on_list and following.option_list.option_count:
            following.focus_now(following.option_list)
        else:
            following.focus_entry()

    def action_link(self) -> None:
        editor = self._focused_editor()
        segment = self.current_segment
        if editor is None or segment is None or editor.highlighted is None:
            return
        kind = kind_of(editor)
        items = segment.items(kind)
        if kind in OFFER_KINDS and editor.highlighted < len(items):
            self._ask_links(segment, kind, items[editor.highlighted])

    def _ask_links(self, segment: Segment, kind: str, item: Item) -> None:
        """Ask which jobs, pains or gains the offer item addresses; Esc keeps its links."""
        question = self.question(kind)

        def answered(chosen: list[str] | None) -> None:
            if chosen is None or segment.item(kind, item.id) is None:
                return
            self.bmc.edits.set_links(segment.id, kind, item.id, chosen)
            self._refresh_after_change(kind)

        self.app.push_screen(
            LinkPickerScreen(
                question.link_label if question and question.link_label else "What does it address?",
                item.text,
                self._link_targets(segment, kind),
                item.links,
            ),
            answered,
        )

    # what the lists report

    def on_list_editor_added(self, event: ListEditor.Added) -> None:
        segment = self.current_segment
        if segment is None:
            return
        kind = kind_of(event.editor)
        item = self.bmc.edits.add_item(segment.id, kind, event.text)
        self._refresh_after_change(kind, highlight=len(segment.items(kind)) - 1)
        if kind in OFFER_KINDS and self._link_targets(segment, kind) and not event.pasted:
            self._ask_links(segment, kind, item)
        elif event.editor.field.disabled:
            # The flow's cap is reached: typing goes on in the next list.
            self._focus_list_after(event.editor, 1, on_list=False)
        self.bmc.draw_once(self)

    def _item_at(self, editor: ListEditor, index: int) -> tuple[Segment, str, Item] | None:
        segment = self.current_segment
        if segment is None:
            return None
        kind = kind_of(editor)
        return segment, kind, segment.items(kind)[index]

    def on_list_editor_edited(self, event: ListEditor.Edited) -> None:
        if found := self._item_at(event.editor, event.index):
            segment, kind, item = found
            # Only the text changes: the id, and so every link, stays.
            self.bmc.edits.rename_item(segment.id, kind, item.id, event.text)
            self._refresh_after_change(kind, highlight=event.index)

    def on_list_editor_moved(self, event: ListEditor.Moved) -> None:
        if found := self._item_at(event.editor, event.index):
            segment, kind, item = found
            target = self.bmc.edits.move_item(segment.id, kind, item.id, event.delta)
            self._refresh_after_change(kind, highlight=target)

    def on_list_editor_delete_requested(self, event: ListEditor.DeleteRequested) -> None:
        found = self._item_at(event.editor, event.index)
        if found is None:
            return
        segment, kind, item = found

        def delete() -> None:
            self.bmc.edits.delete_item(segment.id, kind, item.id)
            self._refresh_after_change(kind, highlight=event.index)

        detail = self._delete_detail(segment, kind, item)
        self.ask_to_delete(
            f"Delete '{item.text}'?", f"{detail} Ctrl+Z brings it back.".strip(), delete,
        )

    def _delete_detail(self, segment: Segment, kind: str, item: Item) -> str:
        if kind not in PROFILE_KINDS or not self._is_linkable(kind):
            return ""
        linked = segment.linked_from(kind, item.id)
        if not linked:
            return ""
        names = ", ".join(f"'{offer.text}'" for offer in linked)
        return f"{names} will no longer point at it."
