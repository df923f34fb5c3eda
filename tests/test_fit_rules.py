"""The fit rules (bmc_tui.core.fit), one test or more per rule, without a screen."""

from __future__ import annotations

import pytest

from bmc_tui.core import PHASES, Canvas, Segment, load_canvas
from bmc_tui.core.fit import ADVICE, GAP, check_fit, uncovered_phases

from .conftest import EXAMPLE


def fitting_segment(canvas: Canvas, name: str = "Commuters", market: str = "mass") -> Segment:
    """A segment every rule is happy with: all linked, reached in every phase, a suitable relationship."""
    segment = canvas.add_segment(name)
    segment.market = market
    job = segment.add_item("jobs", "Get to work")
    pain = segment.add_item("pains", "Queues")
    gain = segment.add_item("gains", "Coffee ready")
    segment.add_item("products", "Pre-ordered coffee", [job.id])
    segment.add_item("pain_relievers", "No queue", [pain.id])
    segment.add_item("gain_creators", "Ready on time", [gain.id])
    segment.relationship.types = ["self-service"] if market == "mass" else ["personal-assistance"]
    segment.relationship.motivations = ["acquisition"]
    channel = canvas.add_channel(f"{name} channel")
    channel.phases = list(PHASES)
    channel.segments = [segment.id]
    return segment


@pytest.fixture
def canvas() -> Canvas:
    canvas = Canvas()
    fitting_segment(canvas)
    return canvas


def codes(canvas: Canvas) -> list[str]:
    return [f.code for f in check_fit(canvas).findings]


def the_finding(canvas: Canvas, code: str):
    found = [f for f in check_fit(canvas).findings if f.code == code]
    assert len(found) == 1, codes(canvas)
    return found[0]


def test_a_canvas_that_fits_has_no_findings(canvas):
    report = check_fit(canvas)
    assert report.findings == []
    assert report.ok


def test_a_canvas_without_segments_says_so_instead_of_passing():
    report = check_fit(Canvas())
    assert [f.code for f in report.findings] == ["no-segment"]
    assert report.findings[0].step == "segments"
    assert not report.ok


# --- value: what addresses what ---------------------------------------------------


@pytest.mark.parametrize(
    "kind, code, verb",
    [("jobs", "unaddressed-job", "serves"), ("pains", "unaddressed-pain", "relieves"),
     ("gains", "unaddressed-gain", "creates")],
)
def test_a_profile_item_nothing_addresses_is_a_finding(canvas, kind, code, verb):
    segment = canvas.segments[0]
    item = segment.add_item(kind, "Something new")
    finding = the_finding(canvas, code)
    assert (finding.segment_id, finding.kind, finding.item_id) == (segment.id, kind, item.id)
    assert finding.step == "value"
    assert finding.is_item
    assert f"nothing {verb}" in finding.brief and "'Something new'" in finding.brief


@pytest.mark.parametrize(
    "kind, target",
    [("products", "job"), ("pain_relievers", "pain"), ("gain_creators", "gain")],
)
def test_an_offer_item_that_addresses_nothing_is_a_finding(canvas, kind, target):
    segment = canvas.segments[0]
    item = segment.add_item(kind, "Idle offer")
    finding = the_finding(canvas, "unlinked-offer")
    assert (finding.segment_id, finding.kind, finding.item_id) == (segment.id, kind, item.id)
    assert finding.step == "value"
    assert finding.brief.endswith(f"no {target}")
    assert check_fit(canvas).segments[0].idle_offers() == [(kind, item)]


def test_coverage_lists_each_profile_item_with_the_offer_items_addressing_it(canvas):
    segment = canvas.segments[0]
    second = segment.add_item("pain_relievers", "Order ahead", ["p1"])
    segment.add_item("pains", "Cold coffee")
    fit = check_fit(canvas).segments[0]
    rows = {(row.kind, row.item.id): [o.text for o in row.addressed_by] for row in fit.coverage}
    assert rows[("pains", "p1")] == ["No queue", second.text]
    assert rows[("pains", "p2")] == []
    assert rows[("jobs", "j1")] == ["Pre-ordered coffee"]


def test_counts_read_like_pains_relieved_1_of_2(canvas):
    canvas.segments[0].add_item("pains", "Cold coffee")
    fit = check_fit(canvas).segments[0]
    assert fit.counts()["pains"] == (1, 2)
    assert fit.count_lines() == ["jobs served 1/1", "pains relieved 1/2", "gains created 1/1"]


def test_a_segment_with_no_offer_items_has_no_value_proposition():
    canvas = Canvas()
    segment = fitting_segment(canvas)
    for kind in ("products", "pain_relievers", "gain_creators"):
        segment.items(kind).clear()
    assert "no-value-proposition" in codes(canvas)
    # An offer item of any kind is a value proposition, even before it is linked.
    segment.add_item("gain_creators", "Free refill")
    assert "no-value-proposition" not in codes(canvas)


# --- channels ---------------------------------------------------------------------


def test_each_phase_no_channel_covers_is_a_finding(canvas):
    canvas.channels[0].phases = ["awareness", "purchase", "delivery"]
    found = [f for f in check_fit(canvas).findings if f.code == "phase-uncovered"]
    assert [f.phase for f in found] == ["evaluation", "after-sales"]
    assert {(f.step, f.segment_id) for f in found} == {("channels", canvas.segments[0].id)}
    assert uncovered_phases(canvas, canvas.segments[0].id) == ["evaluation", "after-sales"]


def test_phases_covered_by_several_channels_together_are_covered(canvas):
    segment = canvas.segments[0]
    canvas.channels[0].phases = ["awareness", "evaluation"]
    other = canvas.add_channel("Cart")
    other.phases = ["purchase", "delivery", "after-sales"]
    other.segments = [segment.id]
    assert codes(canvas) == []


def test_a_channel_of_another_segment_does_not_cover_this_one(canvas):
    offices = fitting_segment(canvas, "Offices", market="niche")
    canvas.channels[1].phases = ["awareness"]  # the offices' own channel
    found = [f for f in check_fit(canvas).findings if f.code == "phase-uncovered"]
    assert {f.segment_id for f in found} == {offices.id}
    assert len(found) == 4


def test_a_segment_no_channel_reaches_gets_one_finding_not_five(canvas):
    canvas.channels[0].segments = []
    finding = the_finding(canvas, "no-channel")
    assert (finding.step, finding.segment_id) == ("channels", canvas.segments[0].id)
    assert "phase-uncovered" not in codes(canvas)


def test_a_channel_serving_no_segment_is_a_finding(canvas):
    posters = canvas.add_channel("Posters")
    posters.phases = ["awareness"]
    finding = the_finding(canvas, "channel-serves-no-segment")
    assert (finding.channel_id, finding.segment_id, finding.step) == (posters.id, None, "channels")
    assert "Posters" in finding.message
    assert not finding.is_item


# --- relationships ----------------------------------------------------------------


def test_a_segment_with_no_relationship_type_is_a_finding(canvas):
    canvas.segments[0].relationship.types = []
    finding = the_finding(canvas, "no-relationship-type")
    assert (finding.step, finding.segment_id) == ("relationships", canvas.segments[0].id)
    # No type is not also a type that does not suit the market.
    assert codes(canvas) == ["no-relationship-type"]


def test_a_segment_with_no_motivation_is_a_finding(canvas):
    canvas.segments[0].relationship.motivations = []
    finding = the_finding(canvas, "no-motivation")
    assert (finding.step, finding.segment_id) == ("relationships", canvas.segments[0].id)


@pytest.mark.parametrize(
    "types, flagged",
    [
        (["personal-assistance"], True),
        (["dedicated-personal-assistance"], True),
        (["personal-assistance", "dedicated-personal-assistance"], True),
        (["personal-assistance", "self-service"], False),
        (["communities"], False),
        (["automated-services"], False),
    ],
)
def test_a_mass_market_served_only_by_personal_assistance_is_a_finding(canvas, types, flagged):
    canvas.segments[0].relationship.types = types
    assert ("mass-market-personal-only" in codes(canvas)) is flagged


@pytest.mark.parametrize(
    "types, flagged",
    [
        (["self-service"], True),
        (["automated-services"], True),
        (["self-service", "automated-services"], True),
        (["self-service", "personal-assistance"], False),
        (["co-creation"], False),
        (["dedicated-personal-assistance"], False),
    ],
)
def test_a_niche_served_only_by_self_service_or_automation_is_a_finding(types, flagged):
    canvas = Canvas()
    segment = fitting_segment(canvas, "Offices", market="niche")
    segment.relationship.types = types
    assert ("niche-standard-only" in codes(canvas)) is flagged
    if flagged:
        assert the_finding(canvas, "niche-standard-only").step == "relationships"


@pytest.mark.parametrize("market", ["", "segmented", "diversified", "multi-sided"])
def test_the_level_rules_apply_only_to_mass_markets_and_niches(canvas, market):
    canvas.segments[0].market = market
    for types in (["personal-assistance"], ["self-service"]):
        canvas.segments[0].relationship.types = types
        assert codes(canvas) == []


# --- how findings read and are ordered ----------------------------------------------


def test_a_message_names_the_segment_and_the_brief_does_not(canvas):
    canvas.segments[0].relationship.motivations = []
    finding = the_finding(canvas, "no-motivation")
    assert finding.message == f"Commuters: {finding.brief}"
    assert "Commuters" not in finding.brief


def test_findings_of_segments_come_in_their_order_then_channels():
    canvas = Canvas()
    first = fitting_segment(canvas, "First")
    second = fitting_segment(canvas, "Second")
    canvas.add_channel("Idle")
    second.relationship.types = []
    first.add_item("jobs", "Unserved")
    assert codes(canvas) == ["unaddressed-job", "no-relationship-type", "channel-serves-no-segment"]
    assert [f.segment_id for f in check_fit(canvas).findings] == [first.id, second.id, None]


def test_the_example_canvas_findings():
    report = check_fit(load_canvas(EXAMPLE))
    assert [(f.code, f.segment_id, f.item_id or f.phase or f.channel_id) for f in report.findings] == [
        ("unaddressed-gain", "commuters", "g2"),
        ("unlinked-offer", "commuters", "ps2"),
        ("unaddressed-gain", "offices", "g1"),
        ("phase-uncovered", "offices", "evaluation"),
        ("phase-uncovered", "offices", "after-sales"),
        ("channel-serves-no-segment", None, "station-posters"),
    ]
    assert report.segments[0].count_lines() == [
        "jobs served 2/2", "pains relieved 2/2", "gains created 1/2",
    ]


# severities, the new gap and the advice (issue 11)


def advice(canvas: Canvas) -> list[str]:
    return [f.code for f in check_fit(canvas).findings if f.severity == ADVICE]


def test_every_finding_has_a_severity_and_only_advice_has_a_why():
    report = check_fit(load_canvas(EXAMPLE))
    assert {f.severity for f in report.findings} == {GAP}
    assert all(f.why == "" for f in report.findings)
    canvas = Canvas()
    segment = fitting_segment(canvas)
    segment.relationship.cost = "high"
    (finding,) = check_fit(canvas).findings
    assert finding.severity == ADVICE and not finding.is_gap
    assert finding.why == "The cost of a relationship should follow the segment's worth and size."


def test_gaps_and_advice_are_told_apart_on_the_report(canvas):
    canvas.segments[0].relationship.cost = "high"
    canvas.segments[0].add_item("jobs", "Unserved")
    report = check_fit(canvas)
    assert [f.code for f in report.gaps] == ["unaddressed-job"]
    assert [f.code for f in report.advice] == ["mass-market-high-cost"]
    assert [f.code for f in report.segments[0].gaps] == ["unaddressed-job"]
    assert not report.ok


@pytest.mark.parametrize(("expected", "flagged"), [
    ([], []),
    (["self-service"], []),
    (["self-service", "communities"], ["communities"]),
    (["communities", "co-creation"], ["communities", "co-creation"]),
    (["dedicated-personal-assistance"], ["dedicated personal assistance"]),
])
def test_a_type_the_segment_expects_that_is_not_offered_is_a_gap(canvas, expected, flagged):
    canvas.segments[0].relationship.expected = expected
    found = [f for f in check_fit(canvas).findings if f.code == "expected-type-not-offered"]
    assert [f.brief for f in found] == [f"expects {t}, which is not offered" for t in flagged]
    assert all(f.is_gap and f.step == "relationships" for f in found)


@pytest.mark.parametrize(("market", "cost", "flagged"), [
    ("mass", "high", True), ("mass", "medium", False), ("mass", "", False), ("niche", "high", False),
])
def test_a_mass_market_with_a_high_cost_relationship_is_advice(canvas, market, cost, flagged):
    segment = canvas.segments[0]
    segment.market, segment.relationship.cost = market, cost
    segment.relationship.types = ["self-service", "personal-assistance"]  # no level finding
    assert advice(canvas) == (["mass-market-high-cost"] if flagged else [])


@pytest.mark.parametrize(("worth", "types", "flagged"), [
    ("low", ["dedicated-personal-assistance", "self-service"], True),
    ("medium", ["dedicated-personal-assistance", "self-service"], False),
    ("", ["dedicated-personal-assistance", "self-service"], False),
    ("low", ["personal-assistance", "self-service"], False),
])
def test_a_low_worth_segment_with_dedicated_assistance_is_advice(canvas, worth, types, flagged):
    segment = canvas.segments[0]
    segment.worth, segment.relationship.types = worth, types
    found = [f for f in check_fit(canvas).findings if f.code == "low-worth-dedicated"]
    assert len(found) == flagged
    assert all(f.step == "relationships" and "worth and size" in f.why for f in found)


def test_several_segments_with_the_same_types_each_get_advice_naming_the_others():
    canvas = Canvas()
    first = fitting_segment(canvas, "First")
    second = fitting_segment(canvas, "Second")
    third = fitting_segment(canvas, "Third", market="niche")
    first.relationship.types = ["self-service", "communities"]
    second.relationship.types = ["communities", "self-service"]  # the order does not matter
    found = [f for f in check_fit(canvas).findings if f.code == "same-relationship-types"]
    assert [(f.segment_id, f.brief) for f in found] == [
        (first.id, "the same relationship types as 'Second'"),
        (second.id, "the same relationship types as 'First'"),
    ]
    assert found[0].why == "Different segments usually need different relationships."
    third.relationship.types = ["communities", "self-service"]
    found = [f for f in check_fit(canvas).findings if f.code == "same-relationship-types"]
    assert found[0].brief == "the same relationship types as 'Second', 'Third'"


def test_segments_with_no_types_are_not_twins():
    canvas = Canvas()
    for name in ("First", "Second"):
        fitting_segment(canvas, name).relationship.types = []
    assert advice(canvas) == []


@pytest.mark.parametrize(("established", "motivations", "flagged"), [
    (["self-service"], ["acquisition"], True),
    (["self-service"], ["acquisition", "retention"], False),
    ([], ["acquisition"], False),
    (["self-service"], [], False),
    (["self-service"], ["retention"], False),
])
def test_a_relationship_in_place_kept_only_for_acquisition_is_advice(canvas, established, motivations, flagged):
    relationship = canvas.segments[0].relationship
    relationship.established, relationship.motivations = established, motivations
    found = [f for f in check_fit(canvas).findings if f.code == "established-acquisition-only"]
    assert len(found) == flagged
    assert all("mobile operators" in f.why for f in found)


@pytest.mark.parametrize(("owners", "flagged"), [
    (["partner"], True), (["partner", "partner"], True), (["partner", "own"], False),
    (["partner", ""], False), ([""], False),
])
def test_a_segment_reached_only_through_partners_is_advice(canvas, owners, flagged):
    segment = canvas.segments[0]
    canvas.channels[0].owner = owners[0]
    for number, owner in enumerate(owners[1:]):
        extra = canvas.add_channel(f"Extra {number}")
        extra.owner, extra.segments, extra.phases = owner, [segment.id], ["awareness"]
    found = [f for f in check_fit(canvas).findings if f.code == "partner-channels-only"]
    assert [(f.segment_id, f.step) for f in found] == ([(segment.id, "channels")] if flagged else [])
    assert all("thinner margins" in f.why for f in found)


@pytest.mark.parametrize(("key", "values", "code"), [
    ("owner", ["own", "own"], "channels-all-own"),
    ("owner", ["partner", "partner"], "channels-all-partner"),
    ("medium", ["online", "online", "online"], "channels-all-online"),
    ("medium", ["offline", "offline"], "channels-all-offline"),
    ("owner", ["own", "partner"], None),
    ("owner", ["own", ""], None),  # one not yet described says nothing of the mix
    ("owner", ["own"], None),  # one channel alone is no mix
    ("medium", ["online", "mixed"], None),
])
def test_all_channels_of_one_kind_is_advice(key, values, code):
    canvas = Canvas()
    segment = fitting_segment(canvas)
    for number, value in enumerate(values):
        channel = canvas.channels[0] if number == 0 else canvas.add_channel(f"Extra {number}")
        channel.segments = [segment.id]
        setattr(channel, key, value)
    found = [f for f in check_fit(canvas).findings if f.code.startswith("channels-all-")]
    assert [f.code for f in found] == ([code] if code else [])
    assert all(f.segment_id is None and f.step == "channels" for f in found)
    assert all(f.why == "Look for a balance between kinds of channels." for f in found)


@pytest.mark.parametrize(("reach", "owner", "flagged"), [
    ("direct", "partner", True), ("indirect", "partner", False), ("direct", "own", False),
    ("", "partner", False),
])
def test_a_direct_channel_run_by_a_partner_is_advice(canvas, reach, owner, flagged):
    channel = canvas.channels[0]
    channel.reach, channel.owner = reach, owner
    found = [f for f in check_fit(canvas).findings if f.code == "direct-partner-channel"]
    assert [f.channel_id for f in found] == ([channel.id] if flagged else [])
    assert all(f.brief == "Channel 'Commuters channel' is direct but run by a partner" for f in found)
    assert all("a partner's store is indirect" in f.why for f in found)


def test_advice_comes_after_the_gaps_of_its_segment_and_canvas_advice_last():
    canvas = Canvas()
    first = fitting_segment(canvas, "First")
    fitting_segment(canvas, "Second", market="niche")
    first.relationship.cost = "high"
    first.add_item("jobs", "Unserved")
    canvas.add_channel("Idle")
    for channel in canvas.channels:
        channel.owner = "own"
    assert codes(canvas) == [
        "unaddressed-job", "mass-market-high-cost", "channel-serves-no-segment", "channels-all-own",
    ]


def test_the_segment_fit_holds_its_channels_and_uncovered_phases(canvas):
    canvas.channels[0].phases = ["awareness", "delivery"]
    fit = check_fit(canvas).segments[0]
    assert fit.channels == [canvas.channels[0]]
    assert fit.uncovered == ["evaluation", "purchase", "after-sales"]
