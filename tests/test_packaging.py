"""The wheel that `pip install .` builds carries the flows and the example inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_flows_and_example(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("bmc_tui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for flow in (ROOT / "flows").glob("*.toml"):
        assert f"bmc_tui/flows/{flow.name}" in names
    assert "bmc_tui/examples/coffee-cart.toml" in names
    assert "bmc_tui/tui/styles/app.tcss" in names
