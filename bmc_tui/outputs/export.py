"""``bmc-tui export FILE --to md|svg [-o OUT] [--force]``: the canvas for a business plan
(a Markdown report) or a slide (an SVG drawing of the nine blocks).

Without ``-o`` it writes beside FILE (``canvas.toml`` gives ``canvas.md``); ``-o -``
writes to stdout. An existing file is never overwritten without ``--force``. Exit
status 0, or 2 when FILE cannot be read or OUT cannot be written. Never imports textual.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import Canvas
from ..core.document import describe_error
from ..core.storage import write_atomically
from ..core.text import visible
from ..opening import read_canvas_or_report

EXIT_OK = 0
EXIT_FAILED = 2
STDOUT = "-"


def render(canvas: Canvas, to: str, name: str) -> str:
    """The export as text; ``name`` (the file's stem) titles a canvas without a title."""
    if to == "md":
        from .markdown import canvas_markdown

        return canvas_markdown(canvas, name)
    from .svg import canvas_svg

    return canvas_svg(canvas, name)


FORMATS = ("md", "svg")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bmc-tui export",
        description="Write the canvas as a Markdown report for a business plan (--to md) or as "
        "an SVG drawing of the Business Model Canvas for a slide or an A4 page (--to svg).",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the canvas file (TOML)")
    parser.add_argument("--to", required=True, choices=FORMATS, help="md or svg")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="where to write; '-' is stdout (default: beside FILE, .md or .svg)")
    parser.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    target = args.output if args.output is not None else str(args.file.with_suffix(f".{args.to}"))
    if target != STDOUT and _same_file(Path(target), args.file):
        _say(f"{target}: is the canvas itself; name another file with -o.")
        return EXIT_FAILED
    if target != STDOUT and Path(target).exists() and not args.force:
        _say(f"{target}: already exists; export never overwrites a file without --force.")
        return EXIT_FAILED
    canvas = read_canvas_or_report(args.file)
    if canvas is None:
        return EXIT_FAILED
    text = render(canvas, args.to, args.file.stem)
    if target == STDOUT:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_atomically(target, text.encode("utf-8"))
    except OSError as error:
        _say(f"{target}: cannot be written: {describe_error(error)}")
        return EXIT_FAILED
    _say(f"Wrote {target}.")
    return EXIT_OK


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def _say(message: str) -> None:
    print(visible(message), file=sys.stderr)
