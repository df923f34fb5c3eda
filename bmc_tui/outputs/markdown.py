"""The canvas as a Markdown report a founder can paste into a business plan (``export --to md``).

Per segment: who they are, their profile, the offer with what each item addresses, the fit
findings; then the channels by phase and segment, with each channel's advantages and
challenges; then the relationship per segment. Every text from the canvas is escaped, so
it reads as written once rendered: a name such as "*new* [beta]" stays those characters.
"""

from __future__ import annotations

import re

from ..core import PHASES, Canvas, Channel, Segment
from ..core.canvas import ITEM_KINDS, OFFER_KINDS, PROFILE_KINDS
from ..core.fit import FitReport, SegmentFit, check_fit
from ..core.text import visible, visible_line
from .findings import heading
from .labels import channel_kinds, label, labels

# Characters with a meaning anywhere in a line (CommonMark and GitHub's tables,
# strikethrough, autolinks and entities); the rest matter only at the start of a line.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~&#])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))", re.MULTILINE)

PROFILE_TITLES = {"jobs": "Jobs to be done", "pains": "Pains", "gains": "Gains"}
OFFER_TITLES = {"products": "Products and services", "pain_relievers": "Pain relievers",
                "gain_creators": "Gain creators"}
LINK_WORDS = {"products": "serves", "pain_relievers": "relieves", "gain_creators": "creates"}


def markdown_line(text: str) -> str:
    """One line of the canvas's text, escaped for Markdown (a newline shows as ↵)."""
    return _escape(visible_line(text))


def markdown_paragraph(text: str) -> str:
    """A free text of several lines: each line escaped, its line breaks kept."""
    lines = [_escape(line.strip()) for line in visible(text).strip().splitlines()]
    return "\\\n".join(line for line in lines if line)


def _escape(text: str) -> str:
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    # A line starting "- " or "1." would become a list, "=" an underline: escaped too.
    return _LINE_START.sub(lambda m: f"{m.group(1)}{_escape_start(m.group(2))}", text)


def _escape_start(token: str) -> str:
    return f"{token}\\" if token.isdigit() else f"\\{token}"


def canvas_markdown(canvas: Canvas, fallback_title: str = "") -> str:
    report = check_fit(canvas)
    title = markdown_line(canvas.title or fallback_title) or "Business model"
    parts = [f"# {title}", "The customer side of the Business Model Canvas."]
    parts += ["## Customer segments and their value propositions"]
    parts += [_segment_section(fit) for fit in report.segments] or ["No customer segments yet."]
    parts += _channel_sections(canvas)
    parts += ["## Customer relationships"]
    parts += [_relationship_section(segment) for segment in canvas.segments] or ["No customer segments yet."]
    parts += [_fit_summary(report)]
    return "\n\n".join(part for part in parts if part) + "\n"


# --- segments ---------------------------------------------------------------------------


def _segment_section(fit: SegmentFit) -> str:
    segment = fit.segment
    parts = [f"### {markdown_line(segment.name)}"]
    if segment.description:
        parts.append(markdown_paragraph(segment.description))
    facts = [f"Market: {label('segments', 'market', segment.market)}" if segment.market else "",
             f"Worth to the business: {label('segments', 'worth', segment.worth)}" if segment.worth else ""]
    if any(facts):
        parts.append("\n".join(f"- {fact}" for fact in facts if fact))
    parts.append("**Customer profile**")
    parts.append(_lists(segment, PROFILE_KINDS, PROFILE_TITLES) or "Nothing noted yet.")
    parts.append("**Value proposition**")
    parts.append(_lists(segment, OFFER_KINDS, OFFER_TITLES) or "No products, pain relievers or gain creators yet.")
    parts.append(f"**Fit**: {', '.join(fit.count_lines())}.")
    if fit.findings:
        parts.append(_findings(fit))
    return "\n\n".join(parts)


def _lists(segment: Segment, kinds: tuple[str, ...], titles: dict[str, str]) -> str:
    lines = []
    for kind in kinds:
        items = segment.items(kind)
        if items:
            lines.append(f"- {titles[kind]}:")
            lines += [f"  - {markdown_line(item.text)}{_links(segment, kind, item.links)}" for item in items]
    return "\n".join(lines)


def _links(segment: Segment, kind: str, links: list[str]) -> str:
    if kind not in LINK_WORDS:
        return ""
    target = ITEM_KINDS[kind].target or ""
    names = [markdown_line(item.text) for link in links if (item := segment.item(target, link))]
    return f" ({LINK_WORDS[kind]}: {'; '.join(names)})" if names else ""


def _findings(fit: SegmentFit) -> str:
    lines = []
    for finding in fit.findings:
        label = "Gap" if finding.is_gap else "Advice"
        line = f"- {label}: {markdown_line(finding.brief or finding.message)}"
        if finding.why:
            line += f" ({markdown_line(finding.why)})"
        lines.append(line)
    return "\n".join(lines)


# --- channels ---------------------------------------------------------------------------


def _channel_sections(canvas: Canvas) -> list[str]:
    parts = ["## Channels"]
    if not canvas.channels:
        return parts + ["No channels yet."]
    if canvas.segments:
        parts.append(_phase_table(canvas))
    parts += [_channel_section(canvas, channel) for channel in canvas.channels]
    return parts


def _phase_table(canvas: Canvas) -> str:
    """Rows are the phases of the buying cycle, columns the segments, cells the channels."""
    header = "| Phase | " + " | ".join(markdown_line(s.name) for s in canvas.segments) + " |"
    rule = "|---" * (len(canvas.segments) + 1) + "|"
    rows = []
    for phase in PHASES:
        cells = []
        for segment in canvas.segments:
            names = [markdown_line(c.name) for c in canvas.channels_for(segment.id) if phase in c.phases]
            cells.append(", ".join(names) or "**none**")
        rows.append(f"| {phase} | " + " | ".join(cells) + " |")
    return "\n".join([header, rule, *rows])


def _channel_section(canvas: Canvas, channel: Channel) -> str:
    parts = [f"### {markdown_line(channel.name)}"]
    served = [markdown_line(s.name) for s in canvas.segments if s.id in channel.segments]
    facts = [
        ("Kind", ", ".join(label("channels", key, value) for key, value in channel_kinds(channel))),
        ("Cost to run", label("channels", "cost", channel.cost)),
        ("Phases", labels("channels", "phases", channel.phases)),
        ("Serves", "; ".join(served) or "no segment yet"),
    ]
    parts.append("\n".join(f"- {name}: {value}" for name, value in facts if value))
    for title, text in (("Advantages", channel.advantages), ("Challenges", channel.challenges)):
        if text.strip():
            parts.append(f"**{title}**: {markdown_paragraph(text)}")
    return "\n\n".join(parts)


# --- relationships ----------------------------------------------------------------------


def _relationship_section(segment: Segment) -> str:
    relationship = segment.relationship
    offered = [
        f"{label('relationships', 'types', kind)} ({'in place' if kind in relationship.established else 'planned'})"
        for kind in relationship.types
    ]
    facts = [
        ("Types offered", ", ".join(offered) or "none chosen yet"),
        ("Types the segment expects", labels("relationships", "expected", relationship.expected)),
        ("Motivations", labels("relationships", "motivations", relationship.motivations) or "none stated yet"),
        ("Cost", label("relationships", "cost", relationship.cost)),
        ("Status", relationship.status),
    ]
    parts = [f"### {markdown_line(segment.name)}",
             "\n".join(f"- {name}: {value}" for name, value in facts if value)]
    if relationship.notes.strip():
        parts.append(markdown_paragraph(relationship.notes))
    return "\n\n".join(parts)


def _fit_summary(report: FitReport) -> str:
    others = [f for f in report.findings if f.segment_id is None]
    lines = ["## Fit check", f"In all: {heading(report).removeprefix('Fit check: ')}."]
    if others:
        lines.append("\n".join(f"- {markdown_line(f.message)}" for f in others))
    return "\n\n".join(lines)


