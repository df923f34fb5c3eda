"""Golden files: the exact output of ``check`` and ``export``, kept in tests/golden/.

After an intended change: ``BMC_UPDATE_GOLDEN=1 pytest tests/test_check.py tests/test_export.py``,
then read the diff (``git diff tests/golden``) before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
CANVASES = Path(__file__).resolve().parent / "canvases"
SECOND_CANVAS = CANVASES / "bike-repair.toml"


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("BMC_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"no golden file {path.name}: run with BMC_UPDATE_GOLDEN=1 once"
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The bundled example and the second canvas, copied into the current folder: their
    names, as a user types them (and as the reports then print them)."""
    from .conftest import EXAMPLE

    monkeypatch.chdir(tmp_path)
    for source in (EXAMPLE, SECOND_CANVAS):
        shutil.copyfile(source, tmp_path / source.name)
    return [EXAMPLE.name, SECOND_CANVAS.name]


def run_command(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``bmc-tui ARGV...``: its exit status, stdout and stderr."""
    from bmc_tui import cli

    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err
