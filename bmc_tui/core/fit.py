"""The fit rules: how well the offer matches the customer, segment by segment.

Used by the fit step on screen and, later, by ``bmc-tui check``; so findings
are plain data with a message that reads well without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .canvas import ADDRESSED_BY, ITEM_KINDS, OFFER_KINDS, PHASES, PROFILE_KINDS, Canvas, Channel, Item, Segment
from .text import plural

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
    findings: list[Finding]  # gaps first, then advice
    channels: list[Channel] = field(default_factory=list)  # the channels that reach it
    uncovered: list[str] = field(default_factory=list)  # phases none of them covers

    @property
    def gaps(self) -> list[Finding]:
        return [f for f in self.findings if f.is_gap]

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
        """Nothing found at all, not even advice."""
        return not self.findings

    # By severity directly: a large canvas has thousands of findings.
    @property
    def gaps(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == GAP]

    @property
    def advice(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != GAP]

    def counted(self) -> str:
        """The findings counted by severity, "6 gaps, 1 advice"; "" when there are none."""
        gaps, advice = len(self.gaps), len(self.advice)
        parts = [plural(gaps, "gap")] if gaps else []
        return ", ".join(parts + ([f"{advice} advice"] if advice else []))


def check_fit(canvas: Canvas) -> FitReport:
    segment_fits = [_segment_fit(canvas, segment) for segment in canvas.segments]
    twins = _same_types_advice(canvas)
    for fit in segment_fits:
        fit.findings += twins.get(fit.segment.id, [])
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
    return FitReport(segment_fits, findings + _channel_advice(canvas))


def _segment_fit(canvas: Canvas, segment: Segment) -> SegmentFit:
    coverage = [
        Coverage(kind, item, addressed_by.get(item.id, []))
        for kind in PROFILE_KINDS
        for addressed_by in [_addressed_by(segment, kind)]
        for item in segment.items(kind)
    ]
    channels = canvas.channels_for(segment.id)
    uncovered = uncovered_phases(canvas, segment.id)
    findings = _value_findings(segment, coverage)
    findings += _channel_findings(segment, channels, uncovered)
    findings += _relationship_findings(segment)
    findings += _relationship_advice(segment)
    findings += _segment_channel_advice(segment, channels)
    return SegmentFit(segment, coverage, findings, channels, uncovered)


def _addressed_by(segment: Segment, kind: str) -> dict[str, list[Item]]:
    """Profile item id -> the offer items that link to it, in their order (as
    ``Segment.linked_from``, for every item at once: a segment can have hundreds)."""
    addressed_by: dict[str, list[Item]] = {}
    for offer in segment.items(ADDRESSED_BY[kind]):
        for item_id in dict.fromkeys(offer.links):
            addressed_by.setdefault(item_id, []).append(offer)
    return addressed_by


# A Finding's fields with their defaults (MISSING for those always given).
_FINDING_FIELDS = {f.name: f.default for f in fields(Finding)}


def _quick_finding(**values: str | None) -> Finding:
    """``Finding(**values)``, made faster: a large canvas has thousands (18,000 at 100
    segments), and a frozen dataclass's __init__ sets each field through object.__setattr__."""
    finding = object.__new__(Finding)
    finding.__dict__.update(_FINDING_FIELDS, **values)
    return finding


def _finding(segment: Segment, code: str, brief: str, step: str, **where: str | None) -> Finding:
    """A finding about one segment: the message names it, the brief does not."""
    return _quick_finding(code=code, message=f"{segment.name}: {brief}", step=step,
                          segment_id=segment.id, brief=brief, **where)


def _advice(segment: Segment, code: str, brief: str, step: str, why: str) -> Finding:
    return Finding(code, f"{segment.name}: {brief}", step, segment.id, brief=brief,
                   severity=ADVICE, why=why)


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


# The kinds of channel a mix is summed up by: (the channel key, its values in order).
MIX_KINDS = (("owner", ("own", "partner")), ("reach", ("direct", "indirect")),
             ("medium", ("online", "offline", "mixed")))


def channel_mix(channels: list[Channel]) -> list[tuple[str, dict[str, int]]]:
    """Per kind, how many of these channels have each value: [("owner", {"own": 2, ...})...].
    Channels not yet described that way are not counted."""
    return [
        (key, {value: sum(1 for c in channels if getattr(c, key) == value) for value in values})
        for key, values in MIX_KINDS
    ]


def uncovered_phases(canvas: Canvas, segment_id: str) -> list[str]:
    """The phases no channel of this segment covers, in buying-cycle order."""
    covered = {phase for channel in canvas.channels_for(segment_id) for phase in channel.phases}
    return [phase for phase in PHASES if phase not in covered]


def _channel_findings(segment: Segment, channels: list[Channel], uncovered: list[str]) -> list[Finding]:
    # A segment no channel serves gets one finding, not one per phase: the fix is the same.
    if not channels:
        return [_finding(segment, "no-channel", "no channel reaches this segment", "channels")]
    return [
        _finding(segment, "phase-uncovered", f"no channel covers {phase}", "channels", phase=phase)
        for phase in uncovered
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
    for expected in relationship.expected:
        if expected not in types:
            findings.append(_finding(
                segment, "expected-type-not-offered",
                f"expects {type_words(expected)}, which is not offered", "relationships"))
    return findings


# A relationship type in words, without a flow at hand (self-service keeps its hyphen).
TYPE_WORDS = {
    "personal-assistance": "personal assistance",
    "dedicated-personal-assistance": "dedicated personal assistance",
    "automated-services": "automated services",
}


def type_words(value: str) -> str:
    return TYPE_WORDS.get(value, value)


# Advice: rules of thumb, each with the one line of reasoning the fit step shows beside it.
WHY_COST_FOLLOWS_WORTH = "The cost of a relationship should follow the segment's worth and size."
WHY_DIFFERENT_RELATIONSHIPS = "Different segments usually need different relationships."
WHY_RETENTION_FOLLOWS = (
    "Once customers are won, retention and upselling follow: mobile operators first gave "
    "phones away, then worked to keep customers and raise revenue per customer."
)
WHY_PARTNER_MARGINS = (
    "Partner channels are cheaper to start with but leave thinner margins: fine for early "
    "stages, worth revisiting."
)
WHY_CHANNEL_BALANCE = "Look for a balance between kinds of channels."
WHY_DIRECT_IS_OWN = (
    "Direct means your own website, stores or sales force; a partner's store is indirect."
)


def _relationship_advice(segment: Segment) -> list[Finding]:
    relationship = segment.relationship
    advice = []
    if segment.market == "mass" and relationship.cost == "high":
        advice.append(_advice(segment, "mass-market-high-cost",
                              "a mass market with a high-cost relationship",
                              "relationships", WHY_COST_FOLLOWS_WORTH))
    if segment.worth == "low" and "dedicated-personal-assistance" in relationship.types:
        advice.append(_advice(segment, "low-worth-dedicated",
                              "a low-worth segment served by dedicated personal assistance",
                              "relationships", WHY_COST_FOLLOWS_WORTH))
    if relationship.established and relationship.motivations == ["acquisition"]:
        advice.append(_advice(segment, "established-acquisition-only",
                              "a relationship in place kept only for acquisition",
                              "relationships", WHY_RETENTION_FOLLOWS))
    return advice


def _same_types_advice(canvas: Canvas) -> dict[str, list[Finding]]:
    """Segment id -> the advice that other segments have exactly the same types."""
    by_types: dict[frozenset[str], list[Segment]] = {}
    for segment in canvas.segments:
        if segment.relationship.types:
            by_types.setdefault(frozenset(segment.relationship.types), []).append(segment)
    advice: dict[str, list[Finding]] = {}
    for twins in by_types.values():
        for segment in twins if len(twins) > 1 else []:
            others = ", ".join(f"'{other.name}'" for other in twins if other is not segment)
            advice[segment.id] = [_advice(
                segment, "same-relationship-types",
                f"the same relationship types as {others}", "relationships",
                WHY_DIFFERENT_RELATIONSHIPS)]
    return advice


def _segment_channel_advice(segment: Segment, channels: list[Channel]) -> list[Finding]:
    if channels and all(channel.owner == "partner" for channel in channels):
        return [_advice(segment, "partner-channels-only", "reached only through partner channels",
                        "channels", WHY_PARTNER_MARGINS)]
    return []


# "All channels of one kind": (the channel key, the value, how the kind reads).
_ONE_KIND = (
    ("owner", "own", "your own"), ("owner", "partner", "run by partners"),
    ("medium", "online", "online"), ("medium", "offline", "offline"),
)


def _channel_advice(canvas: Canvas) -> list[Finding]:
    advice = []
    channels = canvas.channels
    # Two or more, each answered: one channel, or one not yet described, says nothing of a mix.
    for key, value, words in _ONE_KIND:
        if len(channels) > 1 and all(getattr(channel, key) == value for channel in channels):
            brief = f"every channel is {words}"
            advice.append(Finding(f"channels-all-{value}", brief[0].upper() + brief[1:], "channels",
                                  brief=brief[0].upper() + brief[1:], severity=ADVICE,
                                  why=WHY_CHANNEL_BALANCE))
    for channel in channels:
        if channel.reach == "direct" and channel.owner == "partner":
            brief = f"Channel '{channel.name}' is direct but run by a partner"
            advice.append(Finding("direct-partner-channel", brief, "channels", channel_id=channel.id,
                                  brief=brief, severity=ADVICE, why=WHY_DIRECT_IS_OWN))
    return advice
