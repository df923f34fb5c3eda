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
