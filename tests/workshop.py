"""Running ``bmc-tui serve`` for a test: the real command, on a free port of loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(folder: Path, *options: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """The server process and the link it printed; killed at the end if still running."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bmc_tui", "serve", str(folder), "--port", str(free_port()), *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        yield process, read_link(process)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def read_link(process: subprocess.Popen) -> str:
    for line in process.stdout:
        if "link:" in line:
            return line.split("link: ", 1)[1].strip()
    raise AssertionError("the server printed no link")
