"""The command line. Heavy imports (textual) happen only when the screen is started."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from . import __version__, startup
from .opening import load_flow_or_report, open_or_report

if TYPE_CHECKING:
    import argparse

    from .core.flow import Flow

EXIT_BAD_FILE = 2
EXIT_NO_TERMINAL = 2
EXAMPLE = "coffee-cart.toml"

# One line on stderr when the full screen cannot run, with the ways to work without one.
NO_TERMINAL = (
    "bmc-tui: {path}: the interview needs an interactive terminal, but {reason}; "
    "bmc-tui --plain {path} asks it line by line."
)


# Commands that need no screen (and the workshop server), by name: the module that runs
# each is imported only when it is chosen, and has ``main(argv) -> int``. Chosen before
# the file parser sees the arguments, so ``bmc-tui ./check`` still opens a file "check".
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "check": ("bmc_tui.outputs.check", "fit check of canvas files: text or --json; exit 1 on gaps"),
    "export": ("bmc_tui.outputs.export", "the canvas as a Markdown report (--to md) or a drawing (--to svg)"),
    "merge": ("bmc_tui.outputs.merge_command", "merge canvases into one team canvas"),
    "serve": ("bmc_tui.serve.command", "run the interview for a workshop in browsers"),
}


def subcommand_lines() -> str:
    width = max(len(name) for name in SUBCOMMANDS)
    return "\n".join(f"  bmc-tui {name:<{width}} ...  {summary}" for name, (_, summary) in SUBCOMMANDS.items())


def epilog() -> str:
    keys = (
        "Keys inside the app: F1 help, Ctrl+N/Ctrl+P next/previous step, Ctrl+O all steps, "
        "Ctrl+R the whole canvas, Ctrl+Q quit."
    )
    if not SUBCOMMANDS:
        return keys
    return f"commands (each has its own --help):\n{subcommand_lines()}\n\n{keys}"


# The options as build_parser defines them, for usual_arguments (a test holds them together).
FLOW_DEFAULT = "full"
VALUE_OPTIONS = {"--flow": "flow", "--example": "example"}
FLAGS = {"--plain": "plain", "--blink": "blink"}


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="bmc-tui",
        description="Walk through the customer side of the Business Model Canvas; "
        "every answer is saved to FILE (TOML) as you go.",
        epilog=epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", type=Path, help="the canvas file to open; started if absent")
    parser.add_argument("--flow", default=FLOW_DEFAULT, metavar="NAME|PATH",
                        help="the interview: 'full' (default), 'quick', or a flow file")
    parser.add_argument("--example", type=Path, metavar="FILE",
                        help="write the bundled example canvas to FILE (never overwrites) and open it")
    parser.add_argument("--plain", action="store_true",
                        help="ask the questions one after another, line by line (screen readers, "
                        "slow links, logs); without a terminal, answers are read from stdin")
    parser.add_argument("--blink", action="store_true",
                        help="let the text cursor blink (off by default: it repaints over slow links)")
    parser.add_argument("--version", action="version", version=f"bmc-tui {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in SUBCOMMANDS:
        module_name, _ = SUBCOMMANDS[argv[0]]
        return importlib.import_module(module_name).main(argv[1:])
    args = usual_arguments(argv) or parsed_arguments(argv)
    startup.asyncio_without_tls()
    with startup.loading():  # until the first screen or question is up
        return interview(args)


def parsed_arguments(argv: list[str]) -> argparse.Namespace:
    """The arguments, read by argparse; a usage error ends the program with its message."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.example and args.file and args.file != args.example:
        parser.error("give either FILE or --example FILE, not both")
    if (args.example or args.file) is None:
        parser.error("name the canvas file to open, e.g. bmc-tui canvas.toml")
    return args


def usual_arguments(argv: list[str]) -> SimpleNamespace | None:
    """The arguments of a usual start (``bmc-tui FILE``, with ``--plain``, ``--flow NAME``...),
    read as argparse would, without importing it: argparse (and gettext) would stay loaded
    all session for this alone, a few hundred names and 2-3 ms of every start. None for
    anything else (help, version, errors, abbreviations): argparse reads or explains those."""
    args: dict[str, object] = {"file": None, "flow": FLOW_DEFAULT, "example": None, "plain": False, "blink": False}
    words = iter(argv)
    for word in words:
        name, equals, value = word.partition("=")
        if word in FLAGS:
            args[FLAGS[word]] = True
        elif name in VALUE_OPTIONS:
            value = value if equals else next(words, "")
            if not value or value.startswith("-"):
                return None
            args[VALUE_OPTIONS[name]] = value
        elif word.startswith("-") or args["file"] is not None:
            return None
        else:
            args["file"] = word
    file, example = (Path(args[key]) if args[key] else None for key in ("file", "example"))
    if (file or example) is None or (file and example and file != example):
        return None
    return SimpleNamespace(**{**args, "file": file, "example": example})


def interview(args: argparse.Namespace | SimpleNamespace) -> int:
    """The interview on the canvas the arguments name: full screen, or line by line."""
    path = args.example or args.file
    # The flow is checked before --example writes anything: a refused run leaves no
    # file behind that the next --example would then refuse to overwrite.
    flow = load_flow_or_report(args.flow)
    if flow is None:
        return EXIT_BAD_FILE
    if args.example:
        if args.example.exists():
            print(f"{args.example}: already exists; --example never overwrites a file.", file=sys.stderr)
            return EXIT_BAD_FILE
        # Refused before writing: a run that cannot show the screen leaves nothing behind.
        if (not args.plain and refused_without_terminal(args.example)) or not write_example(args.example):
            return EXIT_BAD_FILE
    if args.plain:
        from .plain import run_plain  # the line mode never loads textual

        return run_plain(path, flow)
    return run_app(path, flow, cursor_blink=args.blink)


def write_example(path: Path) -> bool:
    text = (Path(__file__).resolve().parent / "examples" / EXAMPLE).read_text(encoding="utf-8")
    try:
        # Created owner-only from the start, like every canvas the app writes.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except OSError as error:
        print(f"{path}: cannot write the example: {error.strerror}", file=sys.stderr)
        return False
    path.chmod(0o600)
    return True


def run_app(path: Path, flow: Flow | str, *, cursor_blink: bool) -> int:
    """Open the canvas and start the screen; ``flow`` is a Flow or a flow name or path."""
    if isinstance(flow, str):
        flow = load_flow_or_report(flow)
        if flow is None:
            return EXIT_BAD_FILE
    document = open_or_report(path)
    if document is None:
        return EXIT_BAD_FILE

    if refused_without_terminal(path):
        return EXIT_NO_TERMINAL

    from .tui.app import BmcApp  # textual is imported only now

    app = BmcApp(document, flow, cursor_blink=cursor_blink)
    app.run()
    return app.return_code or 0


def terminal_problem() -> str | None:
    """Why the full screen cannot run here (no terminal on stdin or stdout, a dumb
    terminal), or None. Without this, a run with no terminal spins forever."""
    not_terminals = [name for fd, name in ((0, "stdin"), (1, "stdout")) if not os.isatty(fd)]
    if not_terminals:
        verb = "is not a terminal" if len(not_terminals) == 1 else "are not terminals"
        return f"{' and '.join(not_terminals)} {verb}"
    term = os.environ.get("TERM", "")
    if not term:
        return "TERM is not set"
    if term == "dumb":
        return "TERM=dumb cannot show a full screen"
    return None


def refused_without_terminal(path: Path) -> bool:
    """Say on stderr (one line) why the screen cannot start here, if it cannot."""
    reason = terminal_problem()
    if reason is None:
        return False
    print(NO_TERMINAL.format(path=path, reason=reason), file=sys.stderr)
    return True
