"""Golden files: the exact output of ``check`` and ``export``, kept in tests/golden/.

After an intended change: ``BMC_UPDATE_GOLDEN=1 pytest tests/test_check.py tests/test_export.py``,
then read the diff (``git diff tests/golden``) before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
CANVASES = Path(__file__).resolve().parent / "canvases"
SECOND_CANVAS = CANVASES / "bike-repair.toml"


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("BMC_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"no golden file {path.name}: run with BMC_UPDATE_GOLDEN=1 once"
    assert text == path.read_text(encoding="utf-8")


def copy_canvases(folder: Path) -> list[str]:
    """The bundled example and the second canvas, copied into ``folder``; their names."""
    from .conftest import EXAMPLE

    for source in (EXAMPLE, SECOND_CANVAS):
        shutil.copyfile(source, folder / source.name)
    return [EXAMPLE.name, SECOND_CANVAS.name]
