"""Shared fixtures: every test works on files under tmp_path, never on the user's."""

from __future__ import annotations

import shutil
import tomllib
from importlib import resources
from pathlib import Path

import pytest

EXAMPLE = Path(str(resources.files("bmc_tui"))) / "examples" / "coffee-cart.toml"


@pytest.fixture
def canvas_path(tmp_path: Path) -> Path:
    """Where a new canvas is written; the file does not exist yet."""
    return tmp_path / "canvas.toml"


@pytest.fixture
def example_path(tmp_path: Path) -> Path:
    """A copy of the bundled example canvas (two segments, three channels)."""
    path = tmp_path / "coffee-cart.toml"
    shutil.copyfile(EXAMPLE, path)
    return path


def saved(path: Path) -> dict:
    """What the file on disk holds now."""
    with path.open("rb") as stream:
        return tomllib.load(stream)


# Snapshot sizes, shared by every snapshot test.
SMALL = (80, 24)
LARGE = (120, 40)


async def next_step(pilot) -> None:
    """Ctrl+N until the step changes: a per-segment step walks its segments first."""
    app = pilot.app
    step = app.current_step
    for _ in range(len(app.document.canvas.segments) + 1):
        await pilot.press("ctrl+n")
        await pilot.pause()
        if app.current_step != step:
            return
    raise AssertionError(f"Ctrl+N did not leave the step {step}")
