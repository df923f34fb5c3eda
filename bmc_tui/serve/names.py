"""A participant's name and the file their answers go to: ``DIR/<safe name>.toml``."""

from __future__ import annotations

from pathlib import Path

from ..core.canvas import slugify

# Long enough for a first and last name; a file name stays short and readable.
MAX_NAME_CHARS = 40


class UnsafeName(ValueError):
    """A name no file name can be made from; the message says what to type instead."""


def participant_file(folder: Path, name: str) -> Path:
    """Where a participant's answers go: lowercase letters, digits and dashes only, so a
    name can never reach outside the folder ("../x", "/etc/x") or make a hidden file.
    The same name typed again (any case or spacing) gives the same file: a returning
    participant goes on with their answers. Raises UnsafeName."""
    slug = slugify(name)[:MAX_NAME_CHARS].strip("-")
    if not slug:
        raise UnsafeName("Type your name with at least one letter (a-z) or digit.")
    return folder / f"{slug}.toml"


def participant_of(canvas_file: Path) -> str:
    """The name a participant's file stands for (its stem), as the facilitator sees it."""
    return canvas_file.stem
