"""What the nine blocks of the Business Model Canvas hold, for any drawing of it.

The canvas view on screen and the SVG export draw the same blocks from here: the four
customer blocks filled from the canvas, the other five empty (the interview does not ask
them). Every entry carries the segments it belongs to (a colour and a marker each) and
whether the fit check flags it. Texts are the canvas's own: each renderer makes them safe.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .labels import channel_kinds, label, labels
from ..core import Canvas, Channel, Segment
from ..core.fit import FitReport, Finding, check_fit

# Okabe and Ito's palette, told apart with most kinds of colour blindness: (fill, ink
# for a marker's number on it). Cycled past eight segments; the markers never repeat.
SEGMENT_COLOURS = (
    ("#0072B2", "#FFFFFF"), ("#E69F00", "#000000"), ("#009E73", "#FFFFFF"),
    ("#CC79A7", "#000000"), ("#56B4E9", "#000000"), ("#D55E00", "#FFFFFF"),
    ("#F0E442", "#000000"), ("#999999", "#000000"),
)

CREDIT = "The Business Model Canvas, by Strategyzer AG, CC BY-SA 3.0"
FLAG = "!"  # beside every entry the fit check flags: seen without colour too

ITEM_LABELS = {
    "jobs": "Job", "pains": "Pain", "gains": "Gain",
    "products": "Product", "pain_relievers": "Pain reliever", "gain_creators": "Gain creator",
}


@dataclass(frozen=True)
class Entry:
    """One line of a block (it may wrap): a heading (a segment's or channel's name), an item
    (a job, a product...) or a detail of the heading above it."""

    text: str
    # Positions in canvas.segments: the markers it carries. Headings and items have them;
    # a heading's details (a market, a channel's phases) belong to it and have none.
    segments: tuple[int, ...] = ()
    flagged: bool = False
    heading: bool = False


@dataclass(frozen=True)
class Block:
    id: str
    title: str
    entries: tuple[Entry, ...] = ()
    customer_side: bool = False  # filled by the interview; the others are drawn empty


# The nine blocks in reading order: left to right, then the bottom row.
BLOCK_TITLES = {
    "key-partners": "Key Partners",
    "key-activities": "Key Activities",
    "key-resources": "Key Resources",
    "value-propositions": "Value Propositions",
    "customer-relationships": "Customer Relationships",
    "channels": "Channels",
    "customer-segments": "Customer Segments",
    "cost-structure": "Cost Structure",
    "revenue-streams": "Revenue Streams",
}


def segment_marker(index: int) -> str:
    """The segment's marker: its number, so a printout in grey still tells them apart."""
    return str(index + 1)


def shown_markers(segments: tuple[int, ...], limit: int) -> tuple[tuple[int, ...], int]:
    """The markers to draw, at most ``limit``, and how many more there are ("+9"): a
    channel serving a dozen segments would otherwise leave no room for its name."""
    if len(segments) <= limit:
        return segments, 0
    return segments[: limit - 1], len(segments) - limit + 1


def segment_colour(index: int) -> tuple[str, str]:
    return SEGMENT_COLOURS[index % len(SEGMENT_COLOURS)]


def canvas_blocks(canvas: Canvas, report: FitReport | None = None) -> list[Block]:
    report = report or check_fit(canvas)
    flags = _Flags(report.findings)
    filled = {
        "customer-segments": _segment_entries(canvas, flags),
        "value-propositions": _value_entries(canvas, flags),
        "channels": _channel_entries(canvas, flags),
        "customer-relationships": _relationship_entries(canvas, flags),
    }
    return [
        Block(block_id, title, tuple(filled.get(block_id, ())), block_id in filled)
        for block_id, title in BLOCK_TITLES.items()
    ]


class _Flags:
    """Which parts of the canvas the fit check's gaps point at."""

    def __init__(self, findings: list[Finding]) -> None:
        gaps = [f for f in findings if f.is_gap]
        self.items = {(f.segment_id, f.kind, f.item_id) for f in gaps if f.item_id}
        self.channels = {f.channel_id for f in gaps if f.channel_id}
        # The gaps about a segment as a whole (no channel, a phase uncovered...).
        self.by_segment: dict[str | None, list[Finding]] = defaultdict(list)
        for finding in gaps:
            if not finding.item_id:
                self.by_segment[finding.segment_id].append(finding)

    def item(self, segment: Segment, kind: str, item_id: str) -> bool:
        return (segment.id, kind, item_id) in self.items

    def segment(self, segment: Segment, code: str) -> bool:
        return any(f.code == code for f in self.by_segment[segment.id])

    def step(self, segment: Segment, step: str) -> bool:
        return any(f.step == step for f in self.by_segment[segment.id])

    def phases(self, segment: Segment) -> list[str]:
        return [f.phase for f in self.by_segment[segment.id] if f.phase]


def _segment_entries(canvas: Canvas, flags: _Flags) -> list[Entry]:
    entries = []
    for index, segment in enumerate(canvas.segments):
        mark = (index,)
        entries.append(Entry(segment.name, mark, heading=True))
        facts = [label("segments", "market", segment.market),
                 f"worth: {label('segments', 'worth', segment.worth)}" if segment.worth else ""]
        if any(facts):
            entries.append(Entry(", ".join(fact for fact in facts if fact)))
        if segment.description:
            entries.append(Entry(segment.description))
        entries += _items(segment, ("jobs", "pains", "gains"), mark, flags)
    return entries


def _value_entries(canvas: Canvas, flags: _Flags) -> list[Entry]:
    entries = []
    for index, segment in enumerate(canvas.segments):
        offers = _items(segment, ("products", "pain_relievers", "gain_creators"), (index,), flags)
        entries += offers or [Entry("no value proposition yet", (index,), flagged=True)]
    return entries


def _items(segment: Segment, kinds: tuple[str, ...], mark: tuple[int, ...], flags: _Flags) -> list[Entry]:
    return [
        Entry(f"{ITEM_LABELS[kind]}: {item.text}", mark, flags.item(segment, kind, item.id))
        for kind in kinds
        for item in segment.items(kind)
    ]


def _channel_entries(canvas: Canvas, flags: _Flags) -> list[Entry]:
    positions = {segment.id: index for index, segment in enumerate(canvas.segments)}
    entries = []
    for channel in canvas.channels:
        mark = tuple(positions[s] for s in channel.segments if s in positions)
        entries.append(Entry(channel.name, mark, channel.id in flags.channels, heading=True))
        if details := _channel_details(channel):
            entries.append(Entry(details))
    for index, segment in enumerate(canvas.segments):
        if flags.segment(segment, "no-channel"):
            entries.append(Entry("no channel reaches this segment", (index,), flagged=True))
        if missing := flags.phases(segment):
            entries.append(Entry(f"no channel for {', '.join(missing)}", (index,), flagged=True))
    return entries


def _channel_details(channel: Channel) -> str:
    kinds = ", ".join(label("channels", key, value) for key, value in channel_kinds(channel))
    phases = labels("channels", "phases", channel.phases)
    return "; ".join(part for part in (phases, kinds) if part)


def _relationship_entries(canvas: Canvas, flags: _Flags) -> list[Entry]:
    entries = []
    for index, segment in enumerate(canvas.segments):
        relationship = segment.relationship
        flagged = flags.step(segment, "relationships")
        types = labels("relationships", "types", relationship.types) or "no relationship type yet"
        entries.append(Entry(types, (index,), flagged, heading=True))
        details = [
            f"for {labels('relationships', 'motivations', relationship.motivations).lower()}"
            if relationship.motivations else "",
            f"cost {label('relationships', 'cost', relationship.cost).lower()}" if relationship.cost else "",
            relationship.status,
        ]
        if any(details):
            entries.append(Entry("; ".join(d for d in details if d)))
        if relationship.notes:
            entries.append(Entry(relationship.notes))
    return entries
