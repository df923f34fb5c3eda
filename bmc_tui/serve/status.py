"""What the facilitator's terminal shows during a workshop: who is connected, how far each
has got. Read from the folder alone: each participant's process holds a lock beside its
file naming its process id, and the file says which step it reopens at."""

from __future__ import annotations

from pathlib import Path

from ..core import CanvasError, load_canvas
from ..core import lock
from ..core.canvas import ITEM_KINDS, Canvas
from ..core.flow import Flow
from ..core.text import plural, visible_line
from .names import participant_of

CHOOSING = "choosing a name"


def participants_by_pid(folder: Path) -> dict[int, Path]:
    """The canvas file each live process in the folder holds, by process id."""
    held = {}
    for lock_file in folder.glob(".*.toml.lock"):
        holder = lock.read(lock_file)
        if holder is not None:
            held[holder.pid] = lock_file.with_name(lock_file.name[1:].removesuffix(".lock"))
    return held


def progress(canvas_file: Path, flow: Flow) -> str:
    """'step 2/4 Value: 2 segments, 5 items, 1 channel', or why it cannot be told."""
    try:
        canvas = load_canvas(canvas_file)
    except FileNotFoundError:
        return "no answers yet"
    except CanvasError:
        return "file cannot be read"
    ids = flow.step_ids
    step = canvas.resume_at if canvas.resume_at in ids else ids[0]
    short = flow.step(step).short
    return f"step {ids.index(step) + 1}/{len(ids)} {visible_line(short)}: {counts(canvas)}"


def counts(canvas: Canvas) -> str:
    items = sum(len(s.items(kind)) for s in canvas.segments for kind in ITEM_KINDS)
    return ", ".join(
        plural(number, word)
        for number, word in ((len(canvas.segments), "segment"), (items, "item"),
                             (len(canvas.channels), "channel"))
    )


def status_lines(folder: Path, flow: Flow, pids: list[int], max_sessions: int) -> list[str]:
    """One line for the count, then one per connected participant."""
    held = participants_by_pid(folder)
    rows = []
    for pid in pids:
        canvas_file = held.get(pid)
        if canvas_file is None:
            rows.append((CHOOSING, ""))
        else:
            rows.append((visible_line(participant_of(canvas_file)), progress(canvas_file, flow)))
    saved = sum(1 for _ in folder.glob("*.toml"))
    lines = [f"{len(pids)} of {max_sessions} connected; {plural(saved, 'answer file')} in {folder}"]
    width = max((len(name) for name, _ in rows), default=0)
    lines += [f"  {name:<{width}}  {how}".rstrip() for name, how in sorted(rows)]
    return lines
