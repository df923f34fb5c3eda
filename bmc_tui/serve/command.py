"""``bmc-tui serve DIR``: the quick interview for a workshop, one browser per participant."""

from __future__ import annotations

import argparse
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..core.text import plural
from ..opening import load_flow_or_report

EXIT_OK = 0
EXIT_REFUSED = 2
NEEDS_EXTRA = "bmc-tui serve needs textual-serve: pip install 'bmc-tui[serve]'"
EXPOSED = (
    "Warning: listening on {host}, not only on this computer: anyone who can reach port "
    "{port} and has the link can answer. Share the link only with the room."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bmc-tui serve",
        description="Serve the interview to participants' browsers. Each one gives their "
        "name and answers into DIR/<name>.toml; Ctrl+C stops everything, every answer saved.",
    )
    parser.add_argument("folder", type=Path, metavar="DIR", help="where the answers go (created if absent)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default: this computer only); "
                        "0.0.0.0 lets the room's network in")
    parser.add_argument("--flow", default="quick", metavar="NAME|PATH",
                        help="the interview: 'quick' (default), 'full', or a flow file")
    parser.add_argument("--max-sessions", type=int, default=30, metavar="N",
                        help="participants answering at once; the next ones are asked to wait")
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.max_sessions < 1:
        parser.error("--max-sessions must be at least 1")
    try:
        from .server import WorkshopServer, loopback
    except ImportError:
        print(NEEDS_EXTRA, file=sys.stderr)
        return EXIT_REFUSED
    flow = load_flow_or_report(args.flow)
    if flow is None or not make_folder(args.folder):
        return EXIT_REFUSED
    from .participant import command

    folder = args.folder.resolve()
    server = WorkshopServer(command(folder, flow_argument(args.flow)), host=args.host,
                            port=args.port, max_sessions=args.max_sessions)
    if not loopback(args.host):
        print(EXPOSED.format(host=args.host, port=args.port), file=sys.stderr)
    print(f"Workshop: the {flow.name} interview, answers in {folder}", flush=True)
    print(f"Give the participants this link: {page_url(args.host, args.port, server.path)}", flush=True)
    print("Press Ctrl+C to stop: every participant's answers are saved first.", flush=True)
    server.on_tick = status_printer(folder, flow, args.max_sessions)
    try:
        server.serve()
    except OSError as error:
        print(f"bmc-tui serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}",
              file=sys.stderr)
        return EXIT_REFUSED
    saved = sorted(folder.glob("*.toml"))
    print(f"Stopped. {plural(len(saved), 'answer file')} in {folder}; "
          f"merge them with: bmc-tui merge {folder}/*.toml -o team.toml", flush=True)
    return EXIT_OK


def make_folder(folder: Path) -> bool:
    """The answers' folder, made owner-only if new; False after saying why it cannot be."""
    if folder.exists() and not folder.is_dir():
        print(f"{folder}: is not a folder.", file=sys.stderr)
        return False
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        print(f"{folder}: cannot be used for the answers: {error.strerror or error}", file=sys.stderr)
        return False
    return True


def flow_argument(flow: str) -> str:
    """The flow as the participants' processes get it: a file by its full path."""
    path = Path(flow)
    return str(path.resolve()) if path.is_file() else flow


def page_url(host: str, port: int, path: str) -> str:
    """The link for participants, at the address they can use: a server listening on every
    address is reached at this computer's address on the network."""
    if host in ("", "0.0.0.0", "::"):
        host = network_address()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}{path}"


def network_address() -> str:
    """This computer's address on its network (the one its default route leaves by)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # nothing is sent: a UDP connect only picks a route
            return probe.getsockname()[0]
    except OSError:
        return socket.gethostname()


def status_printer(folder: Path, flow, max_sessions: int) -> Callable[[list[int]], None]:
    """Prints the live status whenever it changes."""
    from .status import status_lines

    shown: list[str] = []

    def tick(pids: list[int]) -> None:
        lines = status_lines(folder, flow, pids, max_sessions)
        if lines != shown:
            shown[:] = lines
            print(time.strftime("%H:%M:%S ") + "\n".join(lines), flush=True)

    return tick
