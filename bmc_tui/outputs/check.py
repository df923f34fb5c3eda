"""``bmc-tui check FILE...``: the fit check of one canvas or many, without a screen.

The findings come from ``core.fit.check_fit``, the code behind the fit step. Exit status:
0 no file has a gap, 1 some file has one (with ``--strict``: any finding, advice too),
2 some file cannot be read (the others are still reported). Never imports textual.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ..core import Canvas, CanvasError
from ..core.fit import ADVICE, GAP, Finding, FitReport, check_fit
from ..core.flow import Flow
from ..core.text import visible, visible_line
from ..opening import load_flow_or_report, read_canvas
from .findings import findings_text

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2
# The version of the JSON structure (docs/check-json.md); raised only when it changes
# in a way that breaks a reader.
JSON_VERSION = 1


@dataclass
class Checked:
    """One file: its canvas and fit report, or why it cannot be read."""

    path: Path
    canvas: Canvas | None = None
    report: FitReport | None = None
    error: CanvasError | None = None

    @property
    def readable(self) -> bool:
        return self.report is not None

    def counts(self) -> dict[str, int]:
        report = self.report or FitReport([], [])
        return {GAP: len(report.gaps), ADVICE: len(report.advice)}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bmc-tui check",
        description="Run the fit check on canvas files, as the fit step does, without a screen. "
        "Exit status: 0 no gaps, 1 gaps found, 2 a file cannot be read.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="canvas files (TOML)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON document (see docs/check-json.md) instead of text")
    parser.add_argument("--strict", action="store_true",
                        help="advice counts as a finding too: exit 1 on advice as well as gaps")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    checked = [check_file(path) for path in args.files]
    for item in checked:
        if item.error is not None:
            print(visible(str(item.error)), file=sys.stderr)
    sys.stdout.write(json_report(checked) if args.json else text_report(checked))
    return exit_status(checked, strict=args.strict)


def check_file(path: Path) -> Checked:
    try:
        canvas = read_canvas(path)
    except CanvasError as error:
        return Checked(path, error=error)
    return Checked(path, canvas, check_fit(canvas))


def exit_status(checked: list[Checked], *, strict: bool) -> int:
    if any(not item.readable for item in checked):
        return EXIT_UNREADABLE
    counted = (GAP, ADVICE) if strict else (GAP,)
    if any(item.counts()[severity] for item in checked for severity in counted):
        return EXIT_FINDINGS
    return EXIT_CLEAN


# --- text -----------------------------------------------------------------------------

CANNOT_READ = "cannot be read (see the message above)"


def text_report(checked: list[Checked]) -> str:
    """For several files a summary table first; then each file's report."""
    flow = load_flow_or_report("full")  # for the steps' names, as the interview calls them
    parts = [summary_table(checked)] if len(checked) > 1 else []
    parts += [file_text(item, flow) for item in checked if item.readable]
    return "\n".join(parts)


def file_text(item: Checked, flow: Flow | None) -> str:
    assert item.canvas is not None and item.report is not None
    title = f": {visible_line(item.canvas.title)}" if item.canvas.title else ""
    return f"{visible_line(str(item.path))}{title}\n{findings_text(item.canvas, flow, item.report)}"


def summary_table(checked: list[Checked]) -> str:
    header = ("file", "segments", "gaps", "advice")
    rows = []
    for item in checked:
        name = visible_line(str(item.path))
        if item.canvas is None:
            rows.append((name, CANNOT_READ))
        else:
            counts = item.counts()
            rows.append((name, str(len(item.canvas.segments)), str(counts[GAP]), str(counts[ADVICE])))
    width = max(len(row[0]) for row in [header, *rows])

    def line(row: tuple[str, ...]) -> str:
        numbers = "".join(f"{cell:>{len(label) + 2}}" for cell, label in zip(row[1:], header[1:]))
        cells = numbers if len(row) == len(header) else "  " + row[1]
        return f"{row[0]:<{width}}{cells}".rstrip()

    return "\n".join(line(row) for row in [header, *rows]) + "\n"


# --- JSON -----------------------------------------------------------------------------


def json_report(checked: list[Checked]) -> str:
    document = {"version": JSON_VERSION, "files": [file_json(item) for item in checked]}
    # ASCII only: every character outside it is escaped, so no byte of a canvas's text
    # reaches a terminal as a control sequence, whatever prints the report.
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def file_json(item: Checked) -> dict:
    result: dict = {"path": str(item.path), "readable": item.readable}
    if item.canvas is None or item.report is None:
        assert item.error is not None
        result["error"] = {
            "message": str(item.error),
            "problems": [{"where": p.where, "message": p.message} for p in item.error.problems],
        }
        return result
    result |= {
        "title": item.canvas.title,
        "segments": len(item.canvas.segments),
        "counts": item.counts(),
        "findings": [finding_json(finding) for finding in item.report.findings],
    }
    return result


def finding_json(finding: Finding) -> dict:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "step": finding.step,
        "segment": finding.segment_id,
        "kind": finding.kind,
        "item": finding.item_id,
        "channel": finding.channel_id,
        "phase": finding.phase,
        "message": finding.message,
        "why": finding.why or None,
    }
