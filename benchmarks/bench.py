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
    """Read until the child has written nothing for ``quiet`` seconds.

    Returns the bytes read and the seconds until the last of them arrived.
    """
    total, start, last = 0, time.monotonic(), 0.0
    while time.monotonic() - start < limit:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            break
        try:
            total += len(os.read(fd, 65536))
        except OSError:
            break
        last = time.monotonic() - start
    return total, last


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
    first, startup = wait_quiet(fd)
    idle = read_for(fd, args.idle)
    os.write(fd, b"x")
    keystroke, keystroke_time = wait_quiet(fd)
    step_bytes, step_times = [], []
    for key in (b"\x0e", b"\x0e", b"\x10", b"\x10"):  # Ctrl+N twice, Ctrl+P twice
        os.write(fd, key)
        size, seconds = wait_quiet(fd)
        step_bytes.append(size)
        step_times.append(seconds)
    os.write(fd, b"\x11")  # Ctrl+Q
    read_for(fd, 1.0)
    os.waitpid(pid, 0)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    shutil.rmtree(folder)

    print(f"terminal            {columns}x{rows}")
    print(f"start-up            {startup:.2f} s (first screen {first} bytes)")
    print(f"idle {args.idle:.0f} s           {idle} bytes (target 0)")
    print(f"one keystroke       {keystroke} bytes in {keystroke_time * 1000:.0f} ms")
    print(f"first visits        {step_bytes[0]}, {step_bytes[1]} bytes in "
          f"{step_times[0]:.2f}, {step_times[1]:.2f} s (value, channels)")
    print(f"return visits       {step_bytes[2]}, {step_bytes[3]} bytes in "
          f"{step_times[2]:.2f}, {step_times[3]:.2f} s (value, segments)")
    print(f"peak memory         {peak_kib / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
