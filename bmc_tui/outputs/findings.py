"""The fit findings as plain text: one short report per segment, then the channels.

The line mode prints it at the end of the interview; ``bmc-tui check`` prints the same.
"""

from __future__ import annotations

from ..core.flow import Flow
from ..core import Canvas
from ..core.fit import Finding, FitReport, check_fit
from ..core.text import visible

NO_FINDINGS = "No findings: the offer fits every segment."


def findings_text(canvas: Canvas, flow: Flow | None = None) -> str:
    """The fit check in words; step names come from ``flow`` when given."""
    report = check_fit(canvas)
    lines = [_heading(report)]
    for fit in report.segments:
        lines += ["", visible(fit.segment.name), "  " + ", ".join(fit.count_lines())]
        lines += [_line(finding, flow) for finding in fit.findings]
    others = [f for f in report.findings if f.segment_id is None]
    if others:
        lines += ["", "Canvas"] + [_line(finding, flow) for finding in others]
    if report.ok:
        lines += ["", _no_findings(flow)]
    return "\n".join(lines) + "\n"


def _heading(report: FitReport) -> str:
    count = len(report.findings)
    return f"Fit check: {count} finding{'' if count == 1 else 's'}"


def _line(finding: Finding, flow: Flow | None) -> str:
    return f"  - {visible(finding.brief or finding.message)} (step: {step_name(finding.step, flow)})"


def step_name(step_id: str, flow: Flow | None) -> str:
    step = flow.step(step_id) if flow else None
    return visible(step.short) if step else step_id


def _no_findings(flow: Flow | None) -> str:
    fit = flow.step("fit") if flow else None
    return visible(fit.text("no_findings", NO_FINDINGS)) if fit else NO_FINDINGS
