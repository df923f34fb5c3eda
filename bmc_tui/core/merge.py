"""Many canvases into one team canvas (``bmc-tui merge``).

Segments and channels with the same name (ignoring case and spacing) become one, and so
do items with the same text within a merged segment; links and a channel's segments follow
their items. Every merged segment, item and channel says where it came from in an added
key, ``from = ["ana", "li"]``, which the loader keeps (format.md). Where the sources
disagree on a one-choice value (a segment's market), the first one is kept and the
disagreement is reported as a Conflict, never hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .canvas import ITEM_KINDS, Canvas, Channel, Item, Relationship, Segment, unique_id

# The added key naming the sources of a merged segment, item or channel.
PROVENANCE_KEY = "from"

# One-choice values: two sources saying different things is a conflict.
SEGMENT_CHOICES = ("market", "worth")
RELATIONSHIP_CHOICES = ("cost",)
CHANNEL_CHOICES = ("reach", "owner", "medium", "cost")
# Free texts: every different one is kept, one after another.
SEGMENT_TEXTS = ("description",)
RELATIONSHIP_TEXTS = ("notes",)
CHANNEL_TEXTS = ("advantages", "challenges")
# Lists of enumerated values: the union, in the order first seen.
RELATIONSHIP_LISTS = ("types", "expected", "established", "motivations")
CHANNEL_LISTS = ("phases",)


@dataclass(frozen=True)
class Conflict:
    """Sources that give one segment or channel different values for one field."""

    place: str  # "segment 'Commuters'", "channel 'Web shop'"
    field: str  # "market", "relationship.cost"
    values: tuple[tuple[str, str], ...]  # (value, sources) in the order first seen; the first is kept

    def describe(self) -> str:
        said = "; ".join(f"{value} ({sources})" for value, sources in self.values)
        return f"{self.place}: different {self.field}: {said}; kept {self.values[0][0]}"


@dataclass
class MergeResult:
    canvas: Canvas
    conflicts: list[Conflict] = field(default_factory=list)


def same_name(text: str) -> str:
    """The key two names or texts are the same by: case and spacing do not count."""
    return " ".join(text.split()).casefold()


def merge_canvases(sources: list[tuple[str, Canvas]]) -> MergeResult:
    """One canvas from ``(source name, canvas)`` pairs, in their order. Pure: the inputs
    are not changed."""
    return _Merger().merge(sources)


class _Merger:
    def __init__(self) -> None:
        self.canvas = Canvas()
        # (source index, id in the source) -> id in the merged canvas
        self.segment_ids: dict[tuple[int, str], str] = {}
        # what each field of each merged segment or channel was said to be: value -> sources
        self.said: dict[tuple[str, str], dict[str, list[str]]] = {}
        self.places: dict[str, str] = {}  # merged id -> "segment 'Name'"

    def merge(self, sources: list[tuple[str, Canvas]]) -> MergeResult:
        for index, (name, canvas) in enumerate(sources):
            for segment in canvas.segments:
                self.add_segment(index, name, segment)
        for index, (name, canvas) in enumerate(sources):
            for channel in canvas.channels:
                self.add_channel(index, name, channel)
        titles = _distinct(canvas.title for _, canvas in sources if canvas.title)
        self.canvas.title = titles[0] if len(titles) == 1 else ""
        return MergeResult(self.canvas, self.conflicts())

    # segments and their items

    def add_segment(self, index: int, source: str, segment: Segment) -> None:
        merged, provenance = self.merged_table(self.canvas.segments, segment, Segment, source)
        self.segment_ids[(index, segment.id)] = merged.id
        self.take_choices(merged, segment, SEGMENT_CHOICES, provenance)
        _join_texts(merged, segment, SEGMENT_TEXTS)
        item_ids: dict[str, str] = {}  # this source segment's item ids -> merged ones
        for kind in ITEM_KINDS.values():  # profile lists first: the offer links point at them
            for item in segment.items(kind.key):
                links = [item_ids[link] for link in item.links if link in item_ids]
                item_ids[item.id] = _add_item(merged, kind.key, item, links, source)
        self.add_relationship(merged, segment.relationship, provenance)

    def add_relationship(self, merged: Segment, relationship: Relationship, provenance: list[str]) -> None:
        into = merged.relationship
        for name in RELATIONSHIP_LISTS:
            _union(getattr(into, name), getattr(relationship, name))
        if not into.types and relationship.stated_status and not into.stated_status:
            into.stated_status = relationship.stated_status
        self.take_choices(into, relationship, RELATIONSHIP_CHOICES, provenance,
                          owner=merged.id, prefix="relationship.")
        _join_texts(into, relationship, RELATIONSHIP_TEXTS)
        into.extra = relationship.extra | into.extra

    # channels

    def add_channel(self, index: int, source: str, channel: Channel) -> None:
        merged, provenance = self.merged_table(self.canvas.channels, channel, Channel, source)
        self.take_choices(merged, channel, CHANNEL_CHOICES, provenance)
        _join_texts(merged, channel, CHANNEL_TEXTS)
        for name in CHANNEL_LISTS:
            _union(getattr(merged, name), getattr(channel, name))
        served = [self.segment_ids[(index, s)] for s in channel.segments if (index, s) in self.segment_ids]
        _union(merged.segments, served)

    # helpers that need the merged canvas

    def merged_table(self, tables: list, table: Any, make: type, source: str) -> tuple[Any, list[str]]:
        """The merged segment or channel that ``table`` goes into (added if new), with
        ``table``'s provenance recorded in it; returns it and that provenance."""
        key = same_name(table.name)
        merged = next((m for m in tables if same_name(m.name) == key), None)
        if merged is None:
            kind = make.__name__.lower()
            merged = make(unique_id(table.name, self.taken(), kind), table.name.strip(),
                          extra=_own_extra(table.extra))
            tables.append(merged)
            self.places[merged.id] = f"{kind} {merged.name!r}"
        provenance = _provenance(source, table.extra)
        _add_provenance(merged.extra, provenance)
        return merged, provenance

    def taken(self) -> set[str]:
        return {s.id for s in self.canvas.segments} | {c.id for c in self.canvas.channels}

    def take_choices(self, into: Any, source: Any, names: tuple[str, ...], provenance: list[str],
                     *, owner: str | None = None, prefix: str = "") -> None:
        """The first value given is kept; every value given is remembered to find conflicts."""
        owner = owner or into.id
        for name in names:
            value = getattr(source, name)
            if not value:
                continue
            if not getattr(into, name):
                setattr(into, name, value)
            sources = self.said.setdefault((owner, prefix + name), {}).setdefault(value, [])
            _union(sources, provenance)

    def conflicts(self) -> list[Conflict]:
        return [
            Conflict(self.places[owner], name,
                     tuple((value, ", ".join(sources)) for value, sources in values.items()))
            for (owner, name), values in self.said.items()
            if len(values) > 1
        ]


def _add_item(segment: Segment, kind: str, item: Item, links: list[str], source: str) -> str:
    """Add ``item`` to the merged segment, or merge it into the one with the same text;
    returns its id there."""
    key = same_name(item.text)
    merged = next((i for i in segment.items(kind) if same_name(i.text) == key), None)
    if merged is None:
        merged = segment.add_item(kind, item.text)
        merged.extra = _own_extra(item.extra)
    _union(merged.links, links)
    _add_provenance(merged.extra, _provenance(source, item.extra))
    return merged.id


def _provenance(source: str, extra: dict[str, Any]) -> list[str]:
    """Where a table came from: its own ``from`` when it was merged before, else the source."""
    earlier = extra.get(PROVENANCE_KEY)
    if isinstance(earlier, list) and earlier and all(isinstance(name, str) for name in earlier):
        return list(earlier)
    return [source]


def _add_provenance(extra: dict[str, Any], provenance: list[str]) -> None:
    current = extra.get(PROVENANCE_KEY)
    extra[PROVENANCE_KEY] = _union(list(current) if isinstance(current, list) else [], provenance)


def _own_extra(extra: dict[str, Any]) -> dict[str, Any]:
    """The first source's added keys, but its provenance: that is added as every source's is."""
    return {key: value for key, value in extra.items() if key != PROVENANCE_KEY}


def _join_texts(into: Any, source: Any, names: tuple[str, ...]) -> None:
    """Each different text is kept, one paragraph after another."""
    for name in names:
        mine, theirs = getattr(into, name), getattr(source, name)
        if theirs.strip() and same_name(theirs) not in {same_name(p) for p in mine.split("\n\n")}:
            setattr(into, name, f"{mine}\n\n{theirs}" if mine else theirs)


def _union(into: list, values) -> list:
    """Append each value not yet in ``into``, in order; returns ``into``."""
    for value in values:
        if value not in into:
            into.append(value)
    return into


def _distinct(values) -> list:
    return _union([], values)
