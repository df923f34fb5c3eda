"""The fit rules: how well the offer matches the customer, segment by segment.

Used by the fit step on screen and, later, by ``bmc-tui check``; so findings
are plain data with a message that reads well without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .canvas import ITEM_KINDS, OFFER_KINDS, PHASES, PROFILE_KINDS, Canvas, Item, Segment

STANDARD_TYPES = frozenset({"self-service", "automated-services"})
PERSONAL_TYPES = frozenset({"personal-assistance", "dedicated-personal-assistance"})

# How a count reads: "jobs served 2/3".
COVERAGE_VERBS = {"jobs": "served", "pains": "relieved", "gains": "created"}


@dataclass(frozen=True)
class Finding:
    """One thing the fit check found; ``step`` is the step that fixes it."""

    code: str
    message: str
    step: str
    segment_id: str | None = None
    kind: str | None = None
    item_id: str | None = None
    channel_id: str | None = None
    phase: str | None = None

    @property
    def is_item(self) -> bool:
        """Item findings can be linked or dropped from the fit step itself."""
        return self.item_id is not None


@dataclass
class Coverage:
    """One profile item and the offer items that address it."""

    kind: str
    item: Item
    addressed_by: list[Item] = field(default_factory=list)


@dataclass
class SegmentFit:
    segment: Segment
    coverage: list[Coverage]
    findings: list[Finding]

    def counts(self) -> dict[str, tuple[int, int]]:
        """Per profile kind: (addressed, total)."""
        result = {}
        for kind in PROFILE_KINDS:
            rows = [c for c in self.coverage if c.kind == kind]
            result[kind] = (sum(1 for c in rows if c.addressed_by), len(rows))
        return result

    def count_lines(self) -> list[str]:
        return [
            f"{kind} {COVERAGE_VERBS[kind]} {done}/{total}"
            for kind, (done, total) in self.counts().items()
        ]


@dataclass
class FitReport:
    segments: list[SegmentFit]
    findings: list[Finding]  # every finding, segment ones first, then channel ones

    @property
    def ok(self) -> bool:
        return not self.findings


def check_fit(canvas: Canvas) -> FitReport:
    segment_fits = [_segment_fit(canvas, segment) for segment in canvas.segments]
    channel_findings = [
        Finding(
            "channel-serves-no-segment",
            f"Channel '{channel.name}' serves no segment",
            "channels",
            channel_id=channel.id,
        )
        for channel in canvas.channels
        if not channel.segments
    ]
    findings = [f for fit in segment_fits for f in fit.findings] + channel_findings
    return FitReport(segment_fits, findings)


def _segment_fit(canvas: Canvas, segment: Segment) -> SegmentFit:
    coverage = [
        Coverage(kind, item, segment.linked_from(kind, item.id))
        for kind in PROFILE_KINDS
        for item in segment.items(kind)
    ]
    findings = _value_findings(segment, coverage)
    findings += _channel_findings(canvas, segment)
    findings += _relationship_findings(segment)
    return SegmentFit(segment, coverage, findings)


def _value_findings(segment: Segment, coverage: list[Coverage]) -> list[Finding]:
    name = segment.name
    if not any(segment.items(kind) for kind in OFFER_KINDS):
        findings = [
            Finding("no-value-proposition", f"{name}: no products, pain relievers or gain creators yet",
                    "value", segment.id)
        ]
    else:
        findings = []
    for row in coverage:
        if not row.addressed_by:
            noun = _SINGULAR[row.kind]
            findings.append(Finding(
                f"unaddressed-{noun}",
                f"{name}: {noun} '{row.item.text}' is not {COVERAGE_VERBS[row.kind]} by anything",
                "value", segment.id, row.kind, row.item.id,
            ))
    for kind in OFFER_KINDS:
        spec = ITEM_KINDS[kind]
        for item in segment.items(kind):
            if not item.links:
                findings.append(Finding(
                    "unlinked-offer",
                    f"{name}: '{item.text}' {_OFFER_VERBS[kind]} no {_SINGULAR[spec.target]}",
                    "value", segment.id, kind, item.id,
                ))
    return findings


_SINGULAR = {"jobs": "job", "pains": "pain", "gains": "gain"}
_OFFER_VERBS = {"products": "serves", "pain_relievers": "relieves", "gain_creators": "creates"}


def uncovered_phases(canvas: Canvas, segment_id: str) -> list[str]:
    """The phases no channel of this segment covers, in buying-cycle order."""
    covered = {phase for channel in canvas.channels_for(segment_id) for phase in channel.phases}
    return [phase for phase in PHASES if phase not in covered]


def _channel_findings(canvas: Canvas, segment: Segment) -> list[Finding]:
    return [
        Finding("phase-uncovered", f"{segment.name}: no channel covers {phase}",
                "channels", segment.id, phase=phase)
        for phase in uncovered_phases(canvas, segment.id)
    ]


def _relationship_findings(segment: Segment) -> list[Finding]:
    relationship, name = segment.relationship, segment.name
    findings = []
    if not relationship.types:
        findings.append(Finding("no-relationship-type", f"{name}: no relationship type chosen",
                                "relationships", segment.id))
    if not relationship.motivations:
        findings.append(Finding("no-motivation", f"{name}: no motivation for the relationship",
                                "relationships", segment.id))
    types = set(relationship.types)
    if segment.market == "mass" and types and types <= PERSONAL_TYPES:
        findings.append(Finding(
            "mass-market-personal-only",
            f"{name}: a mass market served only by personal assistance is costly to scale",
            "relationships", segment.id))
    if segment.market == "niche" and types and types <= STANDARD_TYPES:
        findings.append(Finding(
            "niche-standard-only",
            f"{name}: a niche served only by self-service or automation misses the personal touch",
            "relationships", segment.id))
    return findings
