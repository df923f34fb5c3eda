"""Figures for the slow-link and start-up targets; prints them, asserts nothing.

Runs bmc-tui in a pseudo-terminal on a copy of the example and reports:
- start-up: seconds until the first screen is drawn;
- bytes the app writes while idle for a few seconds (target: 0);
- bytes written for one typed character and for one step change (smaller is better
  over SSH);
- the peak memory of the process.

    python benchmarks/bench.py [--size 80x24] [--idle 3]
"""

from __future__ import annotations

import argparse
import os
import pty
import resource
import select
import shutil
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path


def read_for(fd: int, seconds: float) -> int:
    """Bytes the child writes within ``seconds``."""
    total, deadline = 0, time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                total += len(os.read(fd, 65536))
            except OSError:
                break
    return total


def wait_quiet(fd: int, quiet: float = 0.5, limit: float = 15.0) -> tuple[int, float]:
    """Read until the child has written nothing for ``quiet`` seconds."""
    total, start = 0, time.monotonic()
    while time.monotonic() - start < limit:
        chunk = read_for(fd, quiet)
        if chunk == 0:
            break
        total += chunk
    return total, time.monotonic() - start - quiet


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--idle", type=float, default=3.0)
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))

    folder = Path(tempfile.mkdtemp())
    canvas = folder / "bench.toml"
    shutil.copyfile(Path(str(resources.files("bmc_tui"))) / "examples" / "coffee-cart.toml", canvas)

    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(COLUMNS=str(columns), LINES=str(rows), TERM="xterm-256color")
        os.execvp(sys.executable, [sys.executable, "-m", "bmc_tui", str(canvas)])
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    started = time.monotonic()
    first, _ = wait_quiet(fd)
    startup = time.monotonic() - started - 0.5
    idle = read_for(fd, args.idle)
    os.write(fd, b"x")
    keystroke, _ = wait_quiet(fd)
    os.write(fd, b"\x0e")  # Ctrl+N: next step
    step_change, _ = wait_quiet(fd)
    os.write(fd, b"\x11")  # Ctrl+Q
    read_for(fd, 1.0)
    os.waitpid(pid, 0)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    shutil.rmtree(folder)

    print(f"terminal            {columns}x{rows}")
    print(f"start-up            {startup:.2f} s (first screen {first} bytes)")
    print(f"idle {args.idle:.0f} s           {idle} bytes (target 0)")
    print(f"one keystroke       {keystroke} bytes")
    print(f"one step change     {step_change} bytes")
    print(f"peak memory         {peak_kib / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
