"""benchmarks/bench.py keeps working: one quick run, on a small "large" canvas, ends with
its table and every figure measured. The figures themselves are not judged here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"
ROWS = (
    "bare app: first paint", "first paint", "typed key: bytes", "idle: bytes per second",
    "Enter adds an entry: shown", "step change, first visit: shown", "step change, return visit: bytes",
    "first visit: fit", "first visit: fit: bytes", "Tab to the next list: bytes", "memory after all five steps", "6 segments: first visit: fit",
    "line mode: first question", "bare questionary prompt",
)


def test_the_quick_benchmark_runs_to_its_table():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--runs", "1", "--segments", "6", "--idle", "0.3"],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "failed" not in done.stderr, done.stderr
    rows = {line.split("|")[1].strip(): line.split("|")[2].strip()
            for line in done.stdout.splitlines() if line.startswith("| ") and "---" not in line}
    for row in ROWS:
        assert rows.get(row, "-") != "-", f"{row} was not measured:\n{done.stdout}"
    assert any(row.startswith("check, ~25 segments") for row in rows)  # measured, or skipped with a note
