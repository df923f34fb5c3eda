"""``bmc-tui merge A.toml B.toml ... -o team.toml [--force]``: one team canvas from many."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import Canvas, CanvasError, load_canvas, save_canvas
from ..core.document import describe_error
from ..core.merge import merge_canvases
from ..core.text import plural, visible
from ..opening import report_refusal

EXIT_OK = 0
EXIT_REFUSED = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bmc-tui merge",
        description="Merge canvases into one team canvas: segments, items and channels with the "
        "same name become one and record where they came from (from = [...]); conflicts are "
        "listed on stderr.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="the canvases to merge")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                        help="the team canvas to write")
    parser.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if refused_output(args.output, args.files, force=args.force):
        return EXIT_REFUSED
    sources = load_sources(args.files)
    if sources is None:
        return EXIT_REFUSED
    result = merge_canvases(sources)
    for conflict in result.conflicts:
        print(f"bmc-tui merge: conflict: {visible(conflict.describe())}", file=sys.stderr)
    try:
        save_canvas(result.canvas, args.output)
    except OSError as error:
        print(f"{args.output}: cannot be written: {describe_error(error)}", file=sys.stderr)
        return EXIT_REFUSED
    print(summary(args.output, len(sources), result.canvas, len(result.conflicts)))
    return EXIT_OK


def refused_output(output: Path, inputs: list[Path], *, force: bool) -> bool:
    """Say why the output may not be written (before any work is done), if so."""
    if any(output.resolve() == source.resolve() for source in inputs):
        print(f"{output}: is one of the files to merge; name another output file.", file=sys.stderr)
        return True
    if output.exists() and not force:
        print(f"{output}: already exists; --force overwrites it.", file=sys.stderr)
        return True
    return False


def load_sources(paths: list[Path]) -> list[tuple[str, Canvas]] | None:
    """Each file's canvas, named by the file's stem; None after reporting every bad file."""
    sources, failed = [], False
    for path in paths:
        try:
            sources.append((path.stem, load_canvas(path)))
        except FileNotFoundError:
            print(f"{path}: no such file.", file=sys.stderr)
            failed = True
        except CanvasError as error:
            report_refusal(error)
            failed = True
    return None if failed else sources


def summary(output: Path, count: int, canvas: Canvas, conflicts: int) -> str:
    line = (f"Merged {count} canvas{'es' * (count != 1)} into {output}: "
            f"{plural(len(canvas.segments), 'segment')}, "
            f"{plural(len(canvas.channels), 'channel')}")
    if conflicts:
        line += f"; {plural(conflicts, 'conflict')} listed above"
    return visible(line + ".")
