"""The command line. Heavy imports (textual) happen only when the screen is started."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from . import __version__

EXIT_BAD_FILE = 2
EXAMPLE = "coffee-cart.toml"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bmc-tui",
        description="Walk through the customer side of the Business Model Canvas; "
        "every answer is saved to FILE (TOML) as you go.",
        epilog="Keys inside the app: F1 help, Ctrl+N/Ctrl+P next/previous step, "
        "Ctrl+O all steps, Ctrl+Q quit.",
    )
    parser.add_argument("file", nargs="?", type=Path, help="the canvas file to open; started if absent")
    parser.add_argument("--flow", default="full", metavar="NAME|PATH",
                        help="the interview: 'full' (default), 'quick', or a flow file")
    parser.add_argument("--example", type=Path, metavar="FILE",
                        help="write the bundled example canvas to FILE (never overwrites) and open it")
    parser.add_argument("--blink", action="store_true",
                        help="let the text cursor blink (off by default: it repaints over slow links)")
    parser.add_argument("--version", action="version", version=f"bmc-tui {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.example and args.file and args.file != args.example:
        parser.error("give either FILE or --example FILE, not both")
    path = args.example or args.file
    if path is None:
        parser.error("name the canvas file to open, e.g. bmc-tui canvas.toml")
    if args.example and not write_example(args.example):
        return EXIT_BAD_FILE
    return run_app(path, args.flow, cursor_blink=args.blink)


def write_example(path: Path) -> bool:
    if path.exists():
        print(f"{path}: already exists; --example never overwrites a file.", file=sys.stderr)
        return False
    text = resources.files("bmc_tui").joinpath("examples", EXAMPLE).read_text(encoding="utf-8")
    try:
        with open(path, "x", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        print(f"{path}: cannot write the example: {error.strerror}", file=sys.stderr)
        return False
    path.chmod(0o600)
    return True


def run_app(path: Path, flow_name: str, *, cursor_blink: bool) -> int:
    from .flow import FlowError, load_flow
    from .model import CanvasError
    from .model.document import CanvasDocument

    try:
        flow = load_flow(flow_name)
        document = CanvasDocument.open(path)
    except (CanvasError, FlowError) as error:
        print(error, file=sys.stderr)
        print("Nothing was changed. Fix the file (or use another) and run bmc-tui again.",
              file=sys.stderr)
        return EXIT_BAD_FILE
    if not path.parent.is_dir():
        print(f"{path}: the folder {path.parent} does not exist.", file=sys.stderr)
        return EXIT_BAD_FILE

    from .app import BmcApp  # textual is imported only now

    BmcApp(document, flow, cursor_blink=cursor_blink).run()
    return 0
