"""Opening a canvas and a flow for any front end, telling the user on stderr why not.

Shared by the full screen, the line mode and the commands without a screen; it imports
no front end, so each of them stays as light as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core import Canvas
    from .core.document import CanvasDocument
    from .core.flow import Flow


def load_flow_or_report(flow_name: str) -> Flow | None:
    """The Flow, or None after telling the user on stderr why it cannot be used."""
    from .core.flow import FlowError, load_flow

    try:
        return load_flow(flow_name)
    except FlowError as error:
        report_refusal(error)
        return None


def report_refusal(error: Exception) -> None:
    from .core.text import visible

    # The message may quote the file (a key, a path): its escape sequences stay unread.
    print(visible(str(error)), file=sys.stderr)
    fix = "name one of them" if getattr(error, "unknown_name", False) else "fix the file (or use another)"
    print(f"Nothing was changed. {fix.capitalize()} and run bmc-tui again.", file=sys.stderr)


def open_or_report(path: Path) -> CanvasDocument | None:
    """The canvas document, or None after telling the user on stderr why it cannot be used."""
    from .core import CanvasError
    from .core.document import CanvasDocument

    try:
        document = CanvasDocument.open(path)
    except CanvasError as error:
        report_refusal(error)
        return None
    if not path.parent.is_dir():
        print(f"{path}: the folder {path.parent} does not exist.", file=sys.stderr)
        return None
    return document



def read_canvas(path: Path) -> Canvas:
    """The canvas in ``path``, read and never written (``check``, ``export``). Raises
    CanvasError, for a missing file too: here a file that is not there is a mistake."""
    from .core import CanvasError, Problem, load_canvas

    try:
        return load_canvas(path)
    except FileNotFoundError:
        raise CanvasError(path, [Problem("file", "no such file")]) from None


def read_canvas_or_report(path: Path) -> Canvas | None:
    """``read_canvas``, or None after naming the file and each problem on stderr."""
    from .core import CanvasError
    from .core.text import visible

    try:
        return read_canvas(path)
    except CanvasError as error:
        print(visible(str(error)), file=sys.stderr)
        return None
