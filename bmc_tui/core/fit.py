"""The fit rules: how well the offer matches the customer, segment by segment.

Used by the fit step on screen and, later, by ``bmc-tui check``; so findings
are plain data with a message that reads well without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .canvas import ITEM_KINDS, OFFER_KINDS, PHASES, PROFILE_KINDS, Canvas, Item, Segment

STANDARD_TYPES = frozenset({"self-service", "automated-services"})
PERSONAL_TYPES = frozenset({"personal-assistance", "dedicated-personal-assistance"})

# A gap is something the canvas lacks; advice is a rule of thumb worth a second look.
# Only gaps make ``bmc-tui check`` fail (``--strict`` counts advice too).
GAP = "gap"
ADVICE = "advice"
SEVERITIES = (GAP, ADVICE)

# How a count reads: "jobs served 2/3".
COVERAGE_VERBS = {"jobs": "served", "pains": "relieved", "gains": "created"}


@dataclass(frozen=True)
class Finding:
    """One thing the fit check found; ``step`` is the step that fixes it.

    ``message`` stands alone (it names the segment); ``brief`` says the same
    without the segment's name, for a list already grouped by segment.
    """

    code: str
    message: str
    step: str
    segment_id: str | None = None
    kind: str | None = None
    item_id: str | None = None
    channel_id: str | None = None
    phase: str | None = None
    brief: str = ""
    severity: str = GAP  # one of SEVERITIES
    why: str = ""  # advice only: the one line of reasoning behind the rule

    @property
    def is_gap(self) -> bool:
        return self.severity == GAP

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

    def idle_offers(self) -> list[tuple[str, Item]]:
        """The offer items that address nothing, as (kind, item)."""
        return [
            (kind, item)
            for kind in OFFER_KINDS
            for item in self.segment.items(kind)
            if not item.links
        ]

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
            brief=f"Channel '{channel.name}' serves no segment",
        )
        for channel in canvas.channels
        if not channel.segments
    ]
    # Without segments every other rule passes vacuously: say what is missing instead.
    no_segment = [] if canvas.segments else [
        Finding("no-segment", "No customer segments yet", "segments", brief="No customer segments yet")
    ]
    findings = no_segment + [f for fit in segment_fits for f in fit.findings] + channel_findings
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


def _finding(segment: Segment, code: str, brief: str, step: str, **where: str | None) -> Finding:
    """A finding about one segment: the message names it, the brief does not."""
    return Finding(code, f"{segment.name}: {brief}", step, segment.id, brief=brief, **where)


_SINGULAR = {"jobs": "job", "pains": "pain", "gains": "gain"}
_OFFER_NOUNS = {"products": "product", "pain_relievers": "pain reliever",
                "gain_creators": "gain creator"}
_OFFER_VERBS = {"products": "serves", "pain_relievers": "relieves", "gain_creators": "creates"}
_PROFILE_VERBS = {"jobs": "serves", "pains": "relieves", "gains": "creates"}


def _value_findings(segment: Segment, coverage: list[Coverage]) -> list[Finding]:
    findings = []
    if not any(segment.items(kind) for kind in OFFER_KINDS):
        findings.append(_finding(segment, "no-value-proposition",
                                 "no products, pain relievers or gain creators yet", "value"))
    for row in coverage:
        if not row.addressed_by:
            noun = _SINGULAR[row.kind]
            findings.append(_finding(
                segment, f"unaddressed-{noun}",
                f"nothing {_PROFILE_VERBS[row.kind]} the {noun} '{row.item.text}'",
                "value", kind=row.kind, item_id=row.item.id,
            ))
    for kind in OFFER_KINDS:
        target = _SINGULAR[ITEM_KINDS[kind].target]
        for item in segment.items(kind):
            if not item.links:
                findings.append(_finding(
                    segment, "unlinked-offer",
                    f"{_OFFER_NOUNS[kind]} '{item.text}' {_OFFER_VERBS[kind]} no {target}",
                    "value", kind=kind, item_id=item.id,
                ))
    return findings


def uncovered_phases(canvas: Canvas, segment_id: str) -> list[str]:
    """The phases no channel of this segment covers, in buying-cycle order."""
    covered = {phase for channel in canvas.channels_for(segment_id) for phase in channel.phases}
    return [phase for phase in PHASES if phase not in covered]


def _channel_findings(canvas: Canvas, segment: Segment) -> list[Finding]:
    # A segment no channel serves gets one finding, not one per phase: the fix is the same.
    if not canvas.channels_for(segment.id):
        return [_finding(segment, "no-channel", "no channel reaches this segment", "channels")]
    return [
        _finding(segment, "phase-uncovered", f"no channel covers {phase}", "channels", phase=phase)
        for phase in uncovered_phases(canvas, segment.id)
    ]


def _relationship_findings(segment: Segment) -> list[Finding]:
    relationship = segment.relationship
    findings = []
    if not relationship.types:
        findings.append(_finding(segment, "no-relationship-type",
                                 "no relationship type chosen", "relationships"))
    if not relationship.motivations:
        findings.append(_finding(segment, "no-motivation",
                                 "no motivation for the relationship", "relationships"))
    types = set(relationship.types)
    if segment.market == "mass" and types and types <= PERSONAL_TYPES:
        findings.append(_finding(
            segment, "mass-market-personal-only",
            "a mass market served only by personal assistance is costly to scale",
            "relationships"))
    if segment.market == "niche" and types and types <= STANDARD_TYPES:
        findings.append(_finding(
            segment, "niche-standard-only",
            "a niche served only by self-service or automation misses the personal touch",
            "relationships"))
    return findings
