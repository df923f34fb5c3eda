"""The fit findings as plain text: one short report per segment, then the channels.

The line mode prints it at the end of the interview; ``bmc-tui check`` prints the same.
Gaps come first; advice (rules of thumb) is listed apart, under its own heading.
"""

from __future__ import annotations

from ..core import Canvas
from ..core.fit import Finding, FitReport, check_fit
from ..core.flow import Flow
from ..core.text import plural, visible, visible_line

NO_FINDINGS = "No findings: the offer fits every segment."
ADVICE_HEADING = "Advice (a second look, not a gap):"


def findings_text(canvas: Canvas, flow: Flow | None = None, report: FitReport | None = None) -> str:
    """The fit check in words; step names come from ``flow`` when given. ``report`` is
    ``check_fit(canvas)``, passed by a caller that already has it."""
    report = report or check_fit(canvas)
    lines = [heading(report)]
    for fit in report.segments:
        lines += ["", visible_line(fit.segment.name), "  " + ", ".join(fit.count_lines())]
        lines += _finding_lines(fit.findings, flow)
    others = [f for f in report.findings if f.segment_id is None]
    if others:
        lines += ["", "Canvas"] + _finding_lines(others, flow)
    if report.ok:
        lines += ["", _no_findings(flow)]
    return "\n".join(lines) + "\n"


def heading(report: FitReport) -> str:
    text = f"Fit check: {plural(len(report.findings), 'finding')}"
    if report.advice:
        text += f" ({report.counted()})"
    return text


def _finding_lines(findings: list[Finding], flow: Flow | None) -> list[str]:
    lines = [_line(f, flow, "  ") for f in findings if f.is_gap]
    advice = [f for f in findings if not f.is_gap]
    if advice:
        lines.append("  " + ADVICE_HEADING)
    for finding in advice:
        lines.append(_line(finding, flow, "    "))
        if finding.why:
            lines.append(f"      why: {visible_line(finding.why)}")
    return lines


def _line(finding: Finding, flow: Flow | None, indent: str) -> str:
    return f"{indent}- {visible_line(finding.brief or finding.message)} (step: {step_name(finding.step, flow)})"


def step_name(step_id: str, flow: Flow | None) -> str:
    step = flow.step(step_id) if flow else None
    return visible_line(step.short) if step else step_id


def _no_findings(flow: Flow | None) -> str:
    fit = flow.step("fit") if flow else None
    return visible(fit.text("no_findings", NO_FINDINGS)) if fit else NO_FINDINGS
