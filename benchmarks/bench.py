"""How bmc-tui fares over a thin link, measured side by side with bare baselines.

Drives the INSTALLED program (``bmc-tui`` beside this Python, else ``python -m bmc_tui``)
in a pseudo-terminal, with a terminal emulator (pyte) reading the screen and answering
the program's queries, and prints one Markdown table: each figure's median and spread
(min-max) over several runs and, where there is a baseline measured in the same run, the
ratio to it and whether the target holds. Asserts nothing; every wait has a time limit,
so it always ends (a run that hits a limit is reported, not waited for).

Bytecode: ``pip install .`` compiles the package, and the baselines' Textual and
questionary were installed compiled; an editable install (or PYTHONDONTWRITEBYTECODE) would
make the program compile its sources on every start. So the package is compiled first.

Baselines: a bare Textual app with one Input (first paint, bytes, memory) and a bare
questionary prompt (the line mode's first question).

    python benchmarks/bench.py            # 7 runs of each figure
    python benchmarks/bench.py --quick    # 3 runs, a shorter idle wait: a few minutes
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import platform
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import pyte

from bmc_tui.core import ITEM_KINDS, PHASES, Canvas, dump_canvas, load_canvas
from bmc_tui.core.flow import load_flow

SIZE = (80, 24)
CTRL_N, CTRL_P, CTRL_O, CTRL_Q, ENTER, TAB = "\x0e", "\x10", "\x0f", "\x11", "\r", "\t"
QUIET = 0.3  # output has stopped once nothing came for this long
LIMIT = 30.0  # no wait lasts longer than this
BURST = 0.002  # bytes that come closer together than this are read as one (Terminal._read)
TYPED = "Students"

BARE_APP = """
from textual.app import App
from textual.widgets import Input

class Bare(App):
    def compose(self):
        yield Input(placeholder="bare textual app")

Bare().run()
"""
BARE_PROMPT = "import questionary\nquestionary.text('Segment name, bare prompt').ask()\n"


def compile_package() -> None:
    """Bytecode for the package, as a user's ``pip install .`` leaves it (see above)."""
    import bmc_tui

    compileall.compile_dir(os.path.dirname(bmc_tui.__file__), quiet=1)


def program() -> list[str]:
    """The installed command, as a user runs it."""
    script = shutil.which("bmc-tui", path=os.path.dirname(sys.executable))
    return [script] if script else [sys.executable, "-m", "bmc_tui"]


# --- a terminal -----------------------------------------------------------------------


class AnsweringScreen(pyte.Screen):
    """A pyte screen that answers the program's queries (device status, attributes)."""

    def __init__(self, columns: int, rows: int, answer: Callable[[str], None]) -> None:
        super().__init__(columns, rows)
        self._answer = answer

    def write_process_input(self, data: str) -> None:
        self._answer(data)


class Terminal:
    """One program in a pseudo-terminal; counts the bytes it writes and shows its screen."""

    def __init__(self, command: Sequence[str], *, cwd: Path, size: tuple[int, int] = SIZE) -> None:
        columns, rows = size
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
        env.pop("NO_COLOR", None)
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            list(command), cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave,
            start_new_session=True, preexec_fn=_take_terminal, close_fds=True,
        )
        os.close(slave)
        self.screen = AnsweringScreen(columns, rows, self._answer)
        self.stream = pyte.ByteStream(self.screen)
        self.total = 0  # bytes written so far
        self.last_byte_at = 0.0  # when the last of them came
        self.total_at_send = 0  # ... when the last keys were sent (the start: none yet)

    def _answer(self, data: str) -> None:
        try:
            os.write(self.master, data.encode())
        except OSError:
            pass

    @property
    def display(self) -> str:
        return "\n".join(self.screen.display)

    def _read(self, timeout: float) -> bool:
        """Read what is there within ``timeout``; False once the program has gone.

        A burst (bytes coming less than BURST apart) is read whole, and its time of
        arrival noted, before the emulator reads any of it: pyte takes 10 ms over a 5 KB
        frame, and meanwhile the pseudo-terminal's 4 KB buffer held the rest of the frame
        back; a terminal or sshd reading the program would have had it at once."""
        import select

        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return True
        chunks: list[bytes] = []
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                data = b""
            if not data:
                break
            chunks.append(data)
            self.last_byte_at = time.monotonic()
            if not select.select([self.master], [], [], BURST)[0]:
                break
        if not chunks:
            return False
        data = b"".join(chunks)
        self.total += len(data)
        self.stream.feed(data)
        return True

    def send(self, keys: str) -> float:
        self.total_at_send = self.total
        os.write(self.master, keys.encode())
        return time.monotonic()

    def wait_for(self, text: str, since: float, limit: float = LIMIT) -> float:
        """Seconds from ``since`` until the bytes that put ``text`` on screen had arrived
        (nan if it never shows)."""
        deadline = since + limit
        while text not in self.display:
            if time.monotonic() > deadline or not self._read(0.02) and text not in self.display:
                return float("nan")
        return max(self.last_byte_at - since, 0.0)

    def settle(self, since: float, limit: float = LIMIT) -> tuple[float, int]:
        """Read until output stops; the seconds from ``since`` to its last byte (which a
        wait_for may have read already), and the bytes written since the last keys were sent
        (or the start), a wait_for's included."""
        last = max(since, self.last_byte_at)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            before = self.total
            if not self._read(QUIET) or self.total == before:
                break
            last = time.monotonic()
        return max(last - since, 0.0), self.total - self.total_at_send

    def idle(self, seconds: float) -> int:
        before, deadline = self.total, time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0 and self._read(left):
            pass
        return self.total - before

    def rss_mib(self) -> float:
        """Resident memory of the program now."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return float("nan")
        lines = [line for line in status.splitlines() if line.startswith("VmRSS:")]
        return int(lines[0].split()[1]) / 1024 if lines else float("nan")  # none: it has ended

    def quit(self, keys: str = CTRL_Q, answer: str = "q") -> None:
        """Quit with ``keys``; a question that meets the quit gets ``answer``; then kill."""
        for step in (keys, answer):
            self.send(step)
            if self._gone_within(5.0):
                break
        else:
            self._end_hard()
        os.close(self.master)

    def kill(self) -> None:
        self._end_hard()
        os.close(self.master)

    def _gone_within(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return True
            self._read(0.05)
        return False

    def _end_hard(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGKILL):
            if self.process.poll() is None:
                os.killpg(self.process.pid, signum)
                if self._gone_within(5.0):
                    return


def _take_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)  # the pty is the program's controlling terminal


# --- figures ---------------------------------------------------------------------------


@dataclass
class Figure:
    label: str
    unit: str
    values: list[float] = field(default_factory=list)
    target: str = ""  # what the target says, in words
    holds: Callable[[Figure], bool | None] | None = None
    baseline: Figure | None = None
    note: str = ""

    def add(self, value: float) -> None:
        self.values.append(value)

    @property
    def good(self) -> list[float]:
        return [v for v in self.values if v == v]  # nan: a wait hit its limit

    @property
    def median(self) -> float:
        return statistics.median(self.good) if self.good else float("nan")

    @property
    def ratio(self) -> float:
        if self.baseline is None or not self.baseline.median:
            return float("nan")
        return self.median / self.baseline.median


class Figures:
    def __init__(self) -> None:
        self.rows: dict[str, Figure] = {}

    def __getitem__(self, label: str) -> Figure:
        return self.rows[label]

    def define(self, label: str, unit: str, **kwargs) -> Figure:
        self.rows[label] = Figure(label, unit, **kwargs)
        return self.rows[label]

    def add(self, label: str, value: float) -> None:
        self.rows[label].add(value)


def amount(value: float, unit: str) -> str:
    if value != value:
        return "-"
    if unit == "ms":
        return f"{value * 1000:.0f} ms"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:.0f} {unit}".strip()


def table(figures: Figures) -> str:
    lines = ["| figure | median | spread (min-max) | ratio | target | holds |",
             "|---|---|---|---|---|---|"]
    for figure in figures.rows.values():
        if not figure.values and not figure.note:
            continue
        good = figure.good
        spread = f"{amount(min(good), figure.unit)} - {amount(max(good), figure.unit)}" if good else "-"
        missed = len(figure.values) - len(good)
        if missed:
            spread += f" ({missed} of {len(figure.values)} runs hit the time limit)"
        ratio = f"{figure.ratio:.2f}x" if figure.ratio == figure.ratio else ""
        verdict = figure.holds(figure) if figure.holds and good else None
        holds = {True: "yes", False: "**no**", None: ""}[verdict]
        median = amount(figure.median, figure.unit) if good else figure.note or "-"
        lines.append(f"| {figure.label} | {median} | {spread} | {ratio} | {figure.target} | {holds} |")
    return "\n".join(lines)


# --- canvases ---------------------------------------------------------------------------


def example_canvas(folder: Path) -> Path:
    target = folder / "example.toml"
    shutil.copyfile(Path(str(resources.files("bmc_tui"))) / "examples" / "coffee-cart.toml", target)
    return target


def generated_canvas(folder: Path, segments: int, items: int = 30, channels: int = 20) -> Path:
    """A large canvas: ``items`` entries in each of a segment's six lists, every channel
    serving every segment in every phase."""
    canvas = Canvas(title="Generated canvas", resume_at="segments")
    for number in range(1, segments + 1):
        segment = canvas.add_segment(f"Segment {number}")
        segment.description = f"People of group {number}, described in a sentence or two."
        for kind in ITEM_KINDS:
            for entry in range(1, items + 1):
                segment.add_item(kind, f"{kind.replace('_', ' ')} {entry} of segment {number}")
    for number in range(1, channels + 1):
        channel = canvas.add_channel(f"Channel {number}")
        channel.phases = list(PHASES)
        channel.segments = [segment.id for segment in canvas.segments]
    path = folder / f"generated-{segments}.toml"
    path.write_text(dump_canvas(canvas), encoding="utf-8")
    return path


def fresh_copy(canvas: Path) -> Path:
    """A copy to change, so that every run starts from the same canvas."""
    copy = canvas.with_name(f"copy-{canvas.name}")
    shutil.copyfile(canvas, copy)
    return copy


# --- sessions ----------------------------------------------------------------------------


def marker(text: str) -> str:
    """A piece of a step's intro that fits on its first screen line."""
    return text.strip().split("\n")[0][:30]


STEP_MARKERS = {step.id: marker(step.intro) for step in load_flow("full").steps}


def interview(figures: Figures, canvas: Path, prefix: str, *, idle: float, full: bool) -> None:
    """One session of the full-screen interview on ``canvas``; figures named ``prefix ...``.

    ``full``: the example's session, with the byte and return-visit figures as well."""
    folder = canvas.parent
    count = len(load_canvas(canvas).segments) + 1  # in the list's title once Enter added one
    terminal = Terminal([*program(), str(canvas)], cwd=folder)
    try:
        figures.add(f"{prefix}first paint", terminal.wait_for(STEP_MARKERS["segments"], terminal.started))
        _, painted = terminal.settle(terminal.started)
        if full:
            figures.add("first paint: bytes", painted)
            figures.add("idle: bytes per second", terminal.idle(idle) / idle)
        typed = 0
        for character in TYPED:  # onto the segment list's entry line
            _, sent = terminal.settle(terminal.send(character))
            typed += sent
        if full:
            figures.add("typed key: bytes", typed / len(TYPED))
        sent_at = terminal.send(ENTER)
        figures.add(f"{prefix}Enter adds an entry: shown", terminal.wait_for(f"Segments ({count})", sent_at))
        figures.add(f"{prefix}Enter adds an entry: output ends", terminal.settle(sent_at)[0])
        step_change(figures, terminal, f"{prefix}step change, first visit", "value", full)
        if full:
            terminal.settle(terminal.send(CTRL_P))
            step_change(figures, terminal, "step change, return visit", "value", full)
            figures.add("Tab to the next list: bytes", terminal.settle(terminal.send(TAB))[1])
        for number, step_id in enumerate(("channels", "relationships", "fit"), start=3):
            terminal.settle(terminal.send(CTRL_O))  # the outline; a step's number jumps
            _, seconds, sent = visit(terminal, str(number), step_id)
            figures.add(f"{prefix}first visit: {step_id}", seconds)
            if full and step_id == "fit":
                figures.add("first visit: fit: bytes", sent)
        figures.add(f"{prefix}memory after all five steps", terminal.rss_mib())
    except Exception:
        print(f"the session on {canvas.name} failed; its screen:\n{terminal.display}", file=sys.stderr)
        raise
    finally:
        terminal.quit()


def visit(terminal: Terminal, keys: str, step_id: str) -> tuple[float, float, int]:
    """Go to a step with ``keys``: seconds until it shows, until output ends (nan, nan if it
    never showed), and the bytes written."""
    sent_at = terminal.send(keys)
    shown = terminal.wait_for(STEP_MARKERS[step_id], sent_at)
    seconds, sent = terminal.settle(sent_at)
    return shown, seconds if shown == shown else shown, sent


def step_change(figures: Figures, terminal: Terminal, label: str, step_id: str, full: bool) -> None:
    shown, seconds, sent = visit(terminal, CTRL_N, step_id)
    figures.add(f"{label}: shown", shown)
    figures.add(f"{label}: output ends", seconds)
    if full:
        figures.add(f"{label}: bytes", sent)


def bare_app(figures: Figures, folder: Path) -> None:
    script = folder / "bare_app.py"
    script.write_text(BARE_APP)
    terminal = Terminal([sys.executable, str(script)], cwd=folder)
    try:
        figures.add("bare app: first paint", terminal.wait_for("bare textual app", terminal.started))
        _, painted = terminal.settle(terminal.started)
        figures.add("bare app: first paint bytes", painted)
        typed = sum(terminal.settle(terminal.send(character))[1] for character in TYPED)
        figures.add("bare app: typed key bytes", typed / len(TYPED))
        figures.add("bare app: memory", terminal.rss_mib())
    finally:
        terminal.quit(CTRL_Q, CTRL_Q)


def line_mode(figures: Figures, folder: Path) -> None:
    new_canvas = folder / "line-mode.toml"
    new_canvas.unlink(missing_ok=True)
    terminal = Terminal([*program(), "--plain", str(new_canvas)], cwd=folder)
    try:
        figures.add("line mode: first question", terminal.wait_for("Segment name", terminal.started))
    finally:
        terminal.kill()
    script = folder / "bare_prompt.py"
    script.write_text(BARE_PROMPT)
    terminal = Terminal([sys.executable, str(script)], cwd=folder)
    try:
        figures.add("bare questionary prompt", terminal.wait_for("Segment name", terminal.started))
    finally:
        terminal.kill()


def has_check() -> bool:
    from bmc_tui import cli

    return "check" in cli.SUBCOMMANDS


def check_run(figures: Figures, canvas: Path) -> None:
    started = time.monotonic()
    try:
        subprocess.run([*program(), "check", str(canvas)], cwd=canvas.parent, timeout=LIMIT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        figures.add("check, ~25 segments, whole process", float("nan"))
        return
    figures.add("check, ~25 segments, whole process", time.monotonic() - started)


# --- targets ----------------------------------------------------------------------------


def at_most(limit: float) -> Callable[[Figure], bool]:
    return lambda figure: figure.ratio <= limit


def below(limit: float) -> Callable[[Figure], bool]:
    return lambda figure: figure.median < limit


def define(figures: Figures, big: int) -> None:
    bare_paint = figures.define("bare app: first paint", "ms")
    figures.define("bare app: first paint bytes", "B")
    figures.define("bare app: typed key bytes", "B")
    bare_memory = figures.define("bare app: memory", "MiB")
    figures.define("first paint", "ms", baseline=bare_paint, target="<= 1.25x bare app", holds=at_most(1.25))
    paint_bytes = figures.define("first paint: bytes", "B")
    figures.define("typed key: bytes", "B", target="few")
    figures.define("idle: bytes per second", "B", target="0", holds=lambda f: f.median == 0)
    figures.define("Enter adds an entry: shown", "ms")
    figures.define("Enter adds an entry: output ends", "ms")
    for label in ("step change, return visit", "step change, first visit"):
        for part in ("shown", "output ends", "bytes"):
            figures.define(f"{label}: {part}", "B" if part == "bytes" else "ms")
    returning = figures.rows
    returning["step change, return visit: bytes"].baseline = paint_bytes
    returning["step change, return visit: bytes"].target = "< first paint's"
    returning["step change, return visit: bytes"].holds = at_most(1.0)
    for part, limit in (("shown", 2.0), ("output ends", 2.0), ("bytes", 1.3)):
        figure = returning[f"step change, first visit: {part}"]
        figure.baseline = returning[f"step change, return visit: {part}"]
        figure.target, figure.holds = f"<= {limit}x return visit", at_most(limit)
    # A focus move writes what it changes (the two lists' marks, the footer), not the screen.
    figures.define("Tab to the next list: bytes", "B", baseline=paint_bytes)
    for step_id in ("channels", "relationships", "fit"):
        figures.define(f"first visit: {step_id}", "ms")
    # A step jumped to (the outline), built then: one frame, as much as a return visit's.
    figures.define("first visit: fit: bytes", "B", baseline=returning["step change, return visit: bytes"])
    figures.define("memory after all five steps", "MiB", baseline=bare_memory,
                   target="<= 1.3x bare app", holds=at_most(1.3))
    prefix = f"{big} segments: "
    figures.define(f"{prefix}first paint", "ms", baseline=figures["first paint"])
    for part in ("shown", "output ends"):
        figures.define(f"{prefix}Enter adds an entry: {part}", "ms", target="< 50 ms", holds=below(0.050))
    figures.define(f"{prefix}step change, first visit: shown", "ms")
    figures.define(f"{prefix}step change, first visit: output ends", "ms",
                   baseline=figures["step change, first visit: output ends"],
                   target="< 3x example (value)", holds=lambda f: f.ratio < 3)
    for step_id in ("channels", "relationships", "fit"):
        figures.define(f"{prefix}first visit: {step_id}", "ms", baseline=figures[f"first visit: {step_id}"],
                       target="< 3x example", holds=lambda f: f.ratio < 3)
    figures.define(f"{prefix}memory after all five steps", "MiB", baseline=bare_memory)
    figures.define("check, ~25 segments, whole process", "s", target="< 0.5 s", holds=below(0.5))
    prompt = figures.define("bare questionary prompt", "ms")
    figures.define("line mode: first question", "ms", baseline=prompt,
                   target="<= 1.25x bare prompt", holds=at_most(1.25))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs of each figure, a 1 s idle wait")
    parser.add_argument("--runs", type=int, help="runs of each figure (default 7, quick 3)")
    parser.add_argument("--idle", type=float, help="seconds of idle output to count (default 3, quick 1)")
    parser.add_argument("--segments", type=int, default=100, help="segments of the large canvas (100)")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)
    idle = args.idle or (1.0 if args.quick else 3.0)

    compile_package()
    figures = Figures()
    define(figures, args.segments)
    folder = Path(tempfile.mkdtemp(prefix="bmc-bench-"))
    try:
        big = generated_canvas(folder, args.segments)
        checked = generated_canvas(folder, 25)
        sessions: list[Callable[[], None]] = [
            lambda: bare_app(figures, folder),
            lambda: interview(figures, example_canvas(folder), "", idle=idle, full=True),
            lambda: interview(figures, fresh_copy(big), f"{args.segments} segments: ", idle=idle, full=False),
            lambda: line_mode(figures, folder),
        ]
        if has_check():
            sessions.append(lambda: check_run(figures, checked))
        for run in range(runs):
            # Side by side: each run measures the baselines and the program in turn.
            for session in sessions:
                try:
                    session()
                except Exception as error:  # reported; the table still comes
                    print(f"a session failed: {error!r}", file=sys.stderr)
            print(f"run {run + 1} of {runs} done", file=sys.stderr, flush=True)
        if not has_check():
            figures["check, ~25 segments, whole process"].note = "skipped: no `bmc-tui check` yet"
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print(f"bmc-tui benchmark, {date.today().isoformat()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {SIZE[0]}x{SIZE[1]} terminal, {runs} runs; "
          "times from the key (or the start) to the screen showing it (shown) or to the "
          "last byte (output ends)")
    print()
    print(table(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
