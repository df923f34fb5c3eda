"""The canvas: plain dataclasses for canvas format 1 (see docs/format.md).

Every table keeps the keys this version does not know in ``extra`` so that a
save never drops what another tool or a newer version wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1

STEP_IDS = ("segments", "value", "channels", "relationships", "fit")
MARKETS = ("mass", "niche", "segmented", "diversified", "multi-sided")
RELATIONSHIP_TYPES = (
    "personal-assistance",
    "dedicated-personal-assistance",
    "self-service",
    "automated-services",
    "communities",
    "co-creation",
)
MOTIVATIONS = ("acquisition", "retention", "upselling")
STATUSES = ("planned", "established")
COSTS = ("low", "medium", "high")
WORTHS = ("low", "medium", "high")
REACHES = ("direct", "indirect")
OWNERS = ("own", "partner")
MEDIUMS = ("online", "offline", "mixed")
PHASES = ("awareness", "evaluation", "purchase", "delivery", "after-sales")
# The buying cycle in three parts: before the sale, the sale, after the sale.
PHASE_GROUPS = (
    ("before-sale", ("awareness", "evaluation")),
    ("sale", ("purchase", "delivery")),
    ("after-sale", ("after-sales",)),
)

ID_PATTERN = re.compile(r"[a-z0-9-]+")  # used with fullmatch: "$" would let "abc\n" through


@dataclass(frozen=True)
class ItemKind:
    """One of the six lists of a segment's value proposition."""

    key: str  # the TOML key, also the attribute of Segment
    prefix: str  # item ids are prefix + number: j1, ps2
    link_key: str | None = None  # offer items link to profile items
    target: str | None = None  # the kind the links point at


ITEM_KINDS: dict[str, ItemKind] = {
    kind.key: kind
    for kind in (
        ItemKind("jobs", "j"),
        ItemKind("pains", "p"),
        ItemKind("gains", "g"),
        ItemKind("products", "ps", "serves", "jobs"),
        ItemKind("pain_relievers", "pr", "relieves", "pains"),
        ItemKind("gain_creators", "gc", "creates", "gains"),
    )
}
PROFILE_KINDS = ("jobs", "pains", "gains")
OFFER_KINDS = ("products", "pain_relievers", "gain_creators")
# The offer list whose items address each profile list: jobs -> products...
ADDRESSED_BY = {kind.target: kind.key for kind in ITEM_KINDS.values() if kind.target}


@dataclass
class Item:
    id: str
    text: str
    links: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Relationship:
    types: list[str] = field(default_factory=list)  # the types offered
    motivations: list[str] = field(default_factory=list)
    cost: str = ""
    notes: str = ""
    expected: list[str] = field(default_factory=list)  # the types the segment expects
    established: list[str] = field(default_factory=list)  # offered types already in place
    # What an older file's `status` said; it counts only while no type is offered.
    stated_status: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (
            self.types or self.motivations or self.status or self.cost
            or self.notes or self.expected or self.established or self.extra
        )

    @property
    def is_established(self) -> bool:
        """Every offered type is already in place."""
        return bool(self.types) and set(self.types) <= set(self.established)

    @property
    def status(self) -> str:
        """Planned or established, as the offered types' state says (format.md); kept for
        readers of older files."""
        if not self.types:
            return self.stated_status
        return "established" if self.is_established else "planned"


@dataclass
class Segment:
    id: str
    name: str
    description: str = ""
    market: str = ""
    worth: str = ""  # what the segment is worth to the business: low, medium, high
    jobs: list[Item] = field(default_factory=list)
    pains: list[Item] = field(default_factory=list)
    gains: list[Item] = field(default_factory=list)
    products: list[Item] = field(default_factory=list)
    pain_relievers: list[Item] = field(default_factory=list)
    gain_creators: list[Item] = field(default_factory=list)
    relationship: Relationship = field(default_factory=Relationship)
    extra: dict[str, Any] = field(default_factory=dict)

    def items(self, kind: str) -> list[Item]:
        """The list of one kind (``jobs``, ``products``...)."""
        if kind not in ITEM_KINDS:
            raise KeyError(kind)
        return getattr(self, kind)

    def item(self, kind: str, item_id: str) -> Item | None:
        return next((i for i in self.items(kind) if i.id == item_id), None)

    def add_item(self, kind: str, text: str, links: list[str] | None = None) -> Item:
        item = Item(self.next_item_id(kind), text.strip(), list(links or []))
        self.items(kind).append(item)
        return item

    def next_item_id(self, kind: str) -> str:
        prefix = ITEM_KINDS[kind].prefix
        # Ids are unique across the whole segment, and a hand-edited file may put
        # "j3" in another list: look at every list, or the next save would not load.
        numbers = [
            int(item.id[len(prefix):])
            for other in ITEM_KINDS
            for item in self.items(other)
            if item.id.startswith(prefix) and item.id[len(prefix):].isascii()
            and item.id[len(prefix):].isdigit()
        ]
        return f"{prefix}{max(numbers, default=0) + 1}"

    def remove_item(self, kind: str, item_id: str) -> None:
        """Remove an item and every link that pointed at it."""
        items = self.items(kind)
        items[:] = [i for i in items if i.id != item_id]
        if kind in ADDRESSED_BY:
            for offer in self.items(ADDRESSED_BY[kind]):
                offer.links = [link for link in offer.links if link != item_id]

    def linked_from(self, kind: str, item_id: str) -> list[Item]:
        """The offer items that link to a profile item."""
        return [o for o in self.items(ADDRESSED_BY[kind]) if item_id in o.links]


@dataclass
class Channel:
    id: str
    name: str
    reach: str = ""
    owner: str = ""
    medium: str = ""
    cost: str = ""  # what the channel costs to run
    phases: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    advantages: str = ""
    challenges: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Canvas:
    format: int = FORMAT_VERSION
    title: str = ""
    resume_at: str = ""
    segments: list[Segment] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def segment(self, segment_id: str) -> Segment | None:
        return next((s for s in self.segments if s.id == segment_id), None)

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def _ids(self) -> set[str]:
        # New ids avoid both lists: "unique in the file" holds however a reader takes it.
        return {s.id for s in self.segments} | {c.id for c in self.channels}

    def add_segment(self, name: str) -> Segment:
        segment = Segment(unique_id(name, self._ids(), fallback="segment"), name.strip())
        self.segments.append(segment)
        return segment

    def remove_segment(self, segment_id: str) -> None:
        """Remove a segment and its mentions in channels."""
        self.segments = [s for s in self.segments if s.id != segment_id]
        for channel in self.channels:
            channel.segments = [s for s in channel.segments if s != segment_id]

    def add_channel(self, name: str) -> Channel:
        channel = Channel(unique_id(name, self._ids(), fallback="channel"), name.strip())
        self.channels.append(channel)
        return channel

    def remove_channel(self, channel_id: str) -> None:
        self.channels = [c for c in self.channels if c.id != channel_id]

    def channels_for(self, segment_id: str) -> list[Channel]:
        return [c for c in self.channels if segment_id in c.segments]


def slugify(text: str) -> str:
    """Lowercase letters, digits and single dashes, as format 1 wants for ids."""
    # Fold accents first so "Café" gives "cafe", not "caf".
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def unique_id(name: str, taken: set[str], fallback: str) -> str:
    base = slugify(name) or fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def move(items: list, index: int, delta: int) -> int:
    """Move ``items[index]`` by ``delta`` places, clamped; returns the new index."""
    target = max(0, min(len(items) - 1, index + delta))
    if items and target != index:
        items.insert(target, items.pop(index))
    return target
