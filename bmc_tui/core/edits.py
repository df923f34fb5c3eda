"""Every change a front end may make to a canvas, in one place.

The full-screen app and the line mode call these and never assign model fields
themselves. Each change is reported to the document (``CanvasDocument.changed``), which
saves it; a change made while typing says so, so a front end may gather keystrokes into
one write. Deletions can be undone, several levels, for the rest of the session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .canvas import (
    ADDRESSED_BY,
    ITEM_KINDS,
    Canvas,
    Channel,
    Item,
    Segment,
    move,
)
from .document import CanvasDocument
from .flow import MANY, ONE, STEP_SCHEMA, TEXT


def _answers(step_id: str, kind: str) -> dict[str, tuple[str, ...] | None]:
    """The questions of a step that take this kind of answer, with their allowed values:
    read from the flow schema, where each question's kind is declared once."""
    return {key: answer.values for key, answer in STEP_SCHEMA[step_id].items() if answer.kind == kind}


# Single choices ("" clears one), multiple choices (channel segments are checked against
# the canvas instead), free text saved as it is typed.
SEGMENT_CHOICES = _answers("segments", ONE)
SEGMENT_TEXTS = tuple(_answers("segments", TEXT))
CHANNEL_CHOICES = _answers("channels", ONE)
CHANNEL_LISTS = _answers("channels", MANY)
CHANNEL_TEXTS = tuple(_answers("channels", TEXT))
RELATIONSHIP_CHOICES = _answers("relationships", ONE)
RELATIONSHIP_LISTS = _answers("relationships", MANY)
RELATIONSHIP_TEXTS = tuple(_answers("relationships", TEXT))


# Which record a step's answers belong to, and which setter takes each kind of answer.
_RECORDS = {"segments": "segment", "channels": "channel", "relationships": "relationship"}
_SETTERS = {ONE: "choice", MANY: "choices", TEXT: "text"}


class EditError(ValueError):
    """A change the canvas cannot take (an unknown id, a value not allowed, empty text)."""


@dataclass(frozen=True)
class _Undo:
    label: str  # what undoing brings back, for the user: "the segment 'Students'"
    restore: Callable[[], None]


class Edits:
    def __init__(self, document: CanvasDocument) -> None:
        self.document = document
        self._undo: list[_Undo] = []

    @property
    def canvas(self) -> Canvas:
        return self.document.canvas

    def _changed(self, *, typing: bool = False) -> None:
        self.document.changed(typing=typing)

    # finding things

    def segment(self, segment_id: str) -> Segment:
        segment = self.canvas.segment(segment_id)
        if segment is None:
            raise EditError(f"no segment {segment_id!r}")
        return segment

    def channel(self, channel_id: str) -> Channel:
        channel = self.canvas.channel(channel_id)
        if channel is None:
            raise EditError(f"no channel {channel_id!r}")
        return channel

    def item(self, segment_id: str, kind: str, item_id: str) -> Item:
        item = self.segment(segment_id).item(kind, item_id)
        if item is None:
            raise EditError(f"no {kind} item {item_id!r} in {segment_id!r}")
        return item

    # the canvas

    def set_title(self, title: str) -> None:
        self.canvas.title = title.strip()
        self._changed()

    # segments

    def add_segment(self, name: str) -> Segment:
        segment = self.canvas.add_segment(_name(name))
        self._changed()
        return segment

    def rename_segment(self, segment_id: str, name: str) -> None:
        # The id stays: channels and links keep pointing at the segment.
        self.segment(segment_id).name = _name(name)
        self._changed()

    def move_segment(self, segment_id: str, delta: int) -> int:
        """Move by ``delta`` places (clamped); returns the new index."""
        return self._move(self.canvas.segments, self.segment(segment_id), delta)

    def delete_segment(self, segment_id: str) -> None:
        """Remove a segment and its mentions in channels; undo brings both back."""
        segment = self.segment(segment_id)
        index = self.canvas.segments.index(segment)
        served_by = [c for c in self.canvas.channels if segment_id in c.segments]
        positions = {c.id: c.segments.index(segment_id) for c in served_by}

        def restore() -> None:
            self.canvas.segments.insert(index, segment)
            for channel in served_by:
                channel.segments.insert(positions[channel.id], segment_id)

        self.canvas.remove_segment(segment_id)
        self._remember(f"the segment '{segment.name}'", restore)

    def set_segment_choice(self, segment_id: str, key: str, value: str) -> None:
        _check_choice(SEGMENT_CHOICES, key, value)
        setattr(self.segment(segment_id), key, value)
        self._changed()

    def set_segment_text(self, segment_id: str, key: str, text: str) -> None:
        _check_key(SEGMENT_TEXTS, key)
        self._set_text(self.segment(segment_id), key, text)

    # the items of a value proposition

    def add_item(self, segment_id: str, kind: str, text: str, links: Iterable[str] = ()) -> Item:
        segment = self.segment(segment_id)
        _check_kind(kind)
        item = segment.add_item(kind, _name(text))
        if links:
            item.links = self._valid_links(segment, kind, links)
        self._changed()
        return item

    def rename_item(self, segment_id: str, kind: str, item_id: str, text: str) -> None:
        # Only the text changes: the id, and so every link, stays.
        self.item(segment_id, kind, item_id).text = _name(text)
        self._changed()

    def move_item(self, segment_id: str, kind: str, item_id: str, delta: int) -> int:
        item = self.item(segment_id, kind, item_id)
        return self._move(self.segment(segment_id).items(kind), item, delta)

    def delete_item(self, segment_id: str, kind: str, item_id: str) -> None:
        """Remove an item and the links to it; undo brings both back."""
        segment = self.segment(segment_id)
        item = self.item(segment_id, kind, item_id)
        index = segment.items(kind).index(item)
        linked = segment.linked_from(kind, item_id) if kind in ADDRESSED_BY else []
        positions = {offer.id: offer.links.index(item_id) for offer in linked}

        def restore() -> None:
            segment.items(kind).insert(index, item)
            for offer in linked:
                offer.links.insert(positions[offer.id], item_id)

        segment.remove_item(kind, item_id)
        self._remember(f"'{item.text}'", restore)

    def set_links(self, segment_id: str, kind: str, item_id: str, links: Iterable[str]) -> None:
        """Which jobs, pains or gains an offer item addresses."""
        segment = self.segment(segment_id)
        self.item(segment_id, kind, item_id).links = self._valid_links(segment, kind, links)
        self._changed()

    def set_addressed_by(self, segment_id: str, kind: str, item_id: str, offer_ids: Iterable[str]) -> None:
        """Which offer items address a job, pain or gain (the same links, seen from the profile)."""
        segment = self.segment(segment_id)
        self.item(segment_id, kind, item_id)
        if kind not in ADDRESSED_BY:
            raise EditError(f"{kind} are not addressed by anything")
        chosen = set(offer_ids)
        for offer in segment.items(ADDRESSED_BY[kind]):
            if offer.id in chosen and item_id not in offer.links:
                offer.links.append(item_id)
            elif offer.id not in chosen and item_id in offer.links:
                offer.links.remove(item_id)
        self._changed()

    def _valid_links(self, segment: Segment, kind: str, links: Iterable[str]) -> list[str]:
        target = ITEM_KINDS[kind].target
        if target is None:
            raise EditError(f"{kind} link to nothing")
        known = {item.id for item in segment.items(target)}
        links = list(dict.fromkeys(links))
        if unknown := [link for link in links if link not in known]:
            raise EditError(f"not {target} of this segment: {', '.join(unknown)}")
        return links

    # channels

    def add_channel(self, name: str, *, serve_every_segment: bool = False) -> Channel:
        """A new channel; ``serve_every_segment`` ticks every segment at first (the quick flow)."""
        channel = self.canvas.add_channel(_name(name))
        if serve_every_segment:
            channel.segments = [segment.id for segment in self.canvas.segments]
        self._changed()
        return channel

    def rename_channel(self, channel_id: str, name: str) -> None:
        self.channel(channel_id).name = _name(name)
        self._changed()

    def move_channel(self, channel_id: str, delta: int) -> int:
        return self._move(self.canvas.channels, self.channel(channel_id), delta)

    def delete_channel(self, channel_id: str) -> None:
        channel = self.channel(channel_id)
        index = self.canvas.channels.index(channel)
        self.canvas.remove_channel(channel_id)
        self._remember(f"the channel '{channel.name}'", lambda: self.canvas.channels.insert(index, channel))

    def set_channel_choice(self, channel_id: str, key: str, value: str) -> None:
        _check_choice(CHANNEL_CHOICES, key, value)
        setattr(self.channel(channel_id), key, value)
        self._changed()

    def set_channel_choices(self, channel_id: str, key: str, values: Iterable[str]) -> None:
        """Phases or segments of a channel, in the order given."""
        _check_key(CHANNEL_LISTS, key)
        allowed = CHANNEL_LISTS[key] or [s.id for s in self.canvas.segments]
        setattr(self.channel(channel_id), key, _checked(values, allowed, key))
        self._changed()

    def set_channel_text(self, channel_id: str, key: str, text: str) -> None:
        _check_key(CHANNEL_TEXTS, key)
        self._set_text(self.channel(channel_id), key, text)

    # relationships

    def set_relationship_choice(self, segment_id: str, key: str, value: str) -> None:
        _check_choice(RELATIONSHIP_CHOICES, key, value)
        setattr(self.segment(segment_id).relationship, key, value)
        self._changed()

    def set_relationship_choices(
        self, segment_id: str, key: str, values: Iterable[str], *, shown: Iterable[str] | None = None,
    ) -> None:
        """Set the chosen values of a multiple-choice answer; the user's order is kept and
        new choices go at the end. ``shown``: the values the front end offered; others
        (a shorter custom flow) stay as they were."""
        _check_key(RELATIONSHIP_LISTS, key)
        relationship = self.segment(segment_id).relationship
        # Only an offered type can already be in place.
        allowed = relationship.types if key == "established" else RELATIONSHIP_LISTS[key]
        chosen = _checked(values, allowed, key)
        offered = set(RELATIONSHIP_LISTS[key] if shown is None else shown)
        in_place = list(relationship.established)
        before = (list(relationship.types), in_place, relationship.stated_status)
        old = getattr(relationship, key)
        kept = [value for value in old if value not in offered or value in chosen]
        setattr(relationship, key, kept + [value for value in chosen if value not in kept])
        # Only offered types can be in place already.
        relationship.established = [t for t in relationship.established if t in relationship.types]
        if key == "types" and not relationship.types:
            relationship.stated_status = ""  # what it said was about the types now gone
        # Taking back an "in place" mark itself is the user's choice; a type's going takes it along.
        lost = [t for t in in_place if t not in relationship.established] if key == "types" else []
        if not lost:
            self._changed()
            return

        def restore() -> None:  # a type no longer offered took its "in place" mark along
            relationship.types, relationship.established, relationship.stated_status = before

        self._remember(f"{', '.join(lost)} as offered and in place", restore)

    def set_relationship_text(self, segment_id: str, key: str, text: str) -> None:
        _check_key(RELATIONSHIP_TEXTS, key)
        self._set_text(self.segment(segment_id).relationship, key, text)

    # any answer, by the kind its question is declared with

    def answer(
        self, step_id: str, record_id: str, key: str, value: str | Iterable[str],
        *, shown: Iterable[str] | None = None,
    ) -> None:
        """Record the answer to question ``key`` of a step for one record (a segment, or a
        channel on the channels step). ``value``: the text, the one choice (a string, or
        a sequence of at most one), or the choices. ``shown``: see set_relationship_choices."""
        answer = STEP_SCHEMA.get(step_id, {}).get(key)
        if answer is None or answer.kind not in (ONE, MANY, TEXT):
            raise EditError(f"{step_id}.{key} is not a question answered by a choice or text")
        if answer.kind == ONE and not isinstance(value, str):
            value = next(iter(value), "")
        setter = getattr(self, f"set_{_RECORDS[step_id]}_{_SETTERS[answer.kind]}")
        if answer.kind == MANY and step_id == "relationships":
            setter(record_id, key, value, shown=shown)
        else:
            setter(record_id, key, value)

    # undo

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def undo_count(self) -> int:
        """How many things Undo can bring back, one after another."""
        return len(self._undo)

    @property
    def undo_label(self) -> str:
        """What Undo would bring back ('' when nothing)."""
        return self._undo[-1].label if self._undo else ""

    def undo(self) -> str:
        """Bring back the last thing deleted; returns what it was ('' when nothing)."""
        if not self._undo:
            return ""
        last = self._undo.pop()
        last.restore()
        self._changed()
        return last.label

    # shared

    def _remember(self, label: str, restore: Callable[[], None]) -> None:
        self._undo.append(_Undo(label, restore))
        self._changed()

    def _move(self, items: list, item: object, delta: int) -> int:
        target = move(items, items.index(item), delta)
        self._changed()
        return target

    def _set_text(self, record: object, key: str, text: str) -> None:
        if getattr(record, key) != text:
            setattr(record, key, text)
            self._changed(typing=True)


def _name(text: str) -> str:
    name = text.strip()
    if not name:
        raise EditError("a name or entry cannot be empty")
    return name


def _check_kind(kind: str) -> None:
    if kind not in ITEM_KINDS:
        raise EditError(f"no list {kind!r}")


def _check_key(keys: Iterable[str], key: str) -> None:
    if key not in keys:
        raise EditError(f"{key!r} cannot be set here")


def _check_choice(choices: dict[str, tuple[str, ...]], key: str, value: str) -> None:
    _check_key(choices, key)
    if value and value not in choices[key]:
        raise EditError(f"{value!r} is not one of: {', '.join(choices[key])}")


def _checked(values: Iterable[str], allowed: Iterable[str], key: str) -> list[str]:
    values = list(dict.fromkeys(values))
    allowed = set(allowed)
    if unknown := [value for value in values if value not in allowed]:
        raise EditError(f"{key}: not allowed: {', '.join(unknown)}")
    return values
