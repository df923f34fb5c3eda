"""Loading refuses what is not a canvas file without blocking; saving keeps what a file is.

Refusals are checked through ``load_canvas`` and through the real program: exit 2, a
message naming the file and the place, no traceback, and the file left as it was.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bmc_tui.core import (
    MAX_FILE_BYTES,
    MAX_NESTING,
    Canvas,
    CanvasError,
    SaveError,
    Segment,
    load_canvas,
    parse_canvas,
    read_canvas_bytes,
    remove_stale_temporaries,
    save_canvas,
    stale_temporaries,
    write_atomically,
)
from bmc_tui.core import storage

from .conftest import EXAMPLE

CLI_TIMEOUT = 60


def nested_arrays(depth: int) -> str:
    return "format = 1\nx = " + "[" * depth + "]" * depth + "\n"


def dotted_table(depth: int) -> str:
    return "format = 1\n[" + ".".join(["a"] * depth) + "]\n"


def refusal(path: Path) -> CanvasError:
    with pytest.raises(CanvasError) as caught:
        load_canvas(path)
    assert caught.value.path == path
    return caught.value


def run_cli(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bmc_tui", str(path)],
        capture_output=True, text=True, timeout=CLI_TIMEOUT, stdin=subprocess.DEVNULL,
    )


def assert_cli_refuses(path: Path, place: str) -> None:
    before = path.read_bytes() if path.is_file() else None
    result = run_cli(path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{path}: this file cannot be opened as a canvas." in result.stderr
    assert f"  {place}: " in result.stderr
    if before is not None:
        assert path.read_bytes() == before


# --- nesting -------------------------------------------------------------------


# Brackets inside strings must not count: "x = [" then strings full of brackets.
BEFORE_DEEP = "x = [" + "'[', " * 50 + '"]]]", '


@pytest.mark.parametrize("text, place", [
    (nested_arrays(2000), "line 2, column 37"),  # the 33rd "[" after "x = "
    ("format = 1\nx = " + "{a = " * 2000 + "1" + "}" * 2000 + "\n", "line 2, column 165"),
    # The outer "[" is level 1: the 32nd bracket after the strings is level 33.
    ("format = 1\n" + BEFORE_DEEP + "[" * 2000 + "]" * 2000 + "]\n",
     f"line 2, column {len(BEFORE_DEEP) + 32}"),
], ids=["arrays", "inline-tables", "brackets-in-strings"])
def test_nesting_too_deep_for_the_parser_is_refused_with_its_place(tmp_path, text, place):
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")
    error = refusal(path)
    assert error.problems[0].where == place
    assert f"at most {MAX_NESTING} levels" in error.problems[0].message


def test_a_deep_dotted_table_that_the_parser_reads_is_refused_with_its_path(tmp_path):
    path = tmp_path / "dotted.toml"
    path.write_text(dotted_table(300), encoding="utf-8")
    error = refusal(path)
    assert [p.where for p in error.problems] == [".".join(["a"] * (MAX_NESTING + 1))]


def test_deep_values_in_known_keys_and_in_own_keys_are_each_reported(tmp_path):
    deep = "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1)
    path = tmp_path / "deep.toml"
    path.write_text(
        "format = 1\n"
        f"[[segments]]\nid = \"s\"\nname = \"S\"\nmine = {deep}\njobs = [{{ id = \"j1\", text = \"x\", tag = {deep} }}]\n",
        encoding="utf-8",
    )
    places = [p.where for p in refusal(path).problems]
    assert places == [
        # mine is 3 deep, so its 30th inner array is the 33rd level; tag is 5 deep.
        "segments[0].mine" + "[0]" * (MAX_NESTING - 2),
        "segments[0].jobs[0].tag" + "[0]" * (MAX_NESTING - 4),
    ]


def test_values_at_the_depth_bound_load_and_save(tmp_path):
    path = tmp_path / "bound.toml"
    path.write_text(nested_arrays(MAX_NESTING) + dotted_table(MAX_NESTING - 1)[11:], encoding="utf-8")
    canvas = load_canvas(path)
    save_canvas(canvas, path)
    assert load_canvas(path) == canvas


def test_one_level_past_the_bound_is_refused():
    with pytest.raises(CanvasError) as caught:
        parse_canvas(nested_arrays(MAX_NESTING + 1).encode())
    assert caught.value.problems[0].where == "x" + "[0]" * MAX_NESTING


def test_a_number_too_long_for_python_is_refused_with_its_place():
    with pytest.raises(CanvasError) as caught:
        parse_canvas(b"format = 1\ntitle = 'x'\nbig = " + b"7" * 5000 + b"\n")
    assert caught.value.problems[0].where == "line 3, column 7"


# --- what is not a regular file --------------------------------------------------


def test_a_folder_is_refused(tmp_path):
    error = refusal(tmp_path)
    assert error.problems[0].where == "file"
    assert "is a folder" in error.problems[0].message


def test_a_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    # Without a writer, opening a FIFO for reading would wait for ever.
    error = refusal(path)
    assert "named pipe" in error.problems[0].message
    assert stat.S_ISFIFO(path.stat().st_mode)


def test_a_device_is_refused():
    error = refusal(Path("/dev/null"))
    assert "is a device" in error.problems[0].message


def test_a_symlink_to_a_fifo_is_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "canvas.toml").symlink_to("pipe")
    assert "named pipe" in refusal(tmp_path / "canvas.toml").problems[0].message


def test_a_missing_file_is_still_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_canvas_bytes(tmp_path / "new.toml")
    with pytest.raises(FileNotFoundError):
        load_canvas(tmp_path / "new.toml")


def test_an_unreadable_file_is_refused_with_the_reason(tmp_path, monkeypatch):
    path = tmp_path / "canvas.toml"
    path.write_text("format = 1\n", encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(storage.os, "open", denied)
    assert refusal(path).problems[0].message == "Permission denied"


# --- size ----------------------------------------------------------------------


def test_a_file_over_the_size_bound_is_refused(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    error = refusal(path)
    assert error.problems[0].where == "file"
    assert "may be at most 8 MiB" in error.problems[0].message


def test_a_file_at_the_size_bound_is_read(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"format = 1\n" + b"#" * (MAX_FILE_BYTES - 12) + b"\n")
    assert len(read_canvas_bytes(path)) == MAX_FILE_BYTES
    assert load_canvas(path) == Canvas()


def test_reading_stops_past_the_bound_when_the_size_lies(monkeypatch):
    # Files under /proc say they are empty, yet hold bytes: like a file that grew after stat.
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 16)
    with pytest.raises(CanvasError) as caught:
        read_canvas_bytes("/proc/self/status")
    assert "is more than" in caught.value.problems[0].message


# --- through the real program ---------------------------------------------------


@pytest.mark.parametrize("make, place", [
    (lambda p: p.write_text(nested_arrays(2000), encoding="utf-8"), "line 2, column 37"),
    (lambda p: p.write_text(dotted_table(300), encoding="utf-8"), ".".join(["a"] * 33)),
    (lambda p: p.mkdir(), "file"),
    (lambda p: os.mkfifo(p), "file"),
    (lambda p: p.symlink_to("/dev/zero"), "file"),
    (lambda p: p.open("wb").truncate(40 * 1024 * 1024), "file"),
], ids=["nested-arrays", "dotted-table", "folder", "fifo", "device", "40MB"])
def test_the_program_refuses_with_exit_2_and_leaves_the_file(tmp_path, make, place):
    path = tmp_path / "canvas.toml"
    make(path)
    assert_cli_refuses(path, place)


# --- saving ----------------------------------------------------------------------


def small_canvas(title: str = "Cart") -> Canvas:
    return Canvas(title=title, segments=[Segment("s", "Students")])


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def test_a_symlinked_canvas_is_written_through_to_its_target(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "links").mkdir()
    target = tmp_path / "real" / "canvas.toml"
    link = tmp_path / "links" / "canvas.toml"
    save_canvas(small_canvas("old"), target)
    link.symlink_to(os.path.relpath(target, link.parent))
    save_canvas(small_canvas("new"), link)
    assert link.is_symlink()
    assert load_canvas(target).title == "new"
    assert leftovers(tmp_path / "real") == leftovers(tmp_path / "links") == []


def test_a_chain_of_symlinks_is_written_through(tmp_path):
    target = tmp_path / "canvas.toml"
    save_canvas(small_canvas("old"), target)
    (tmp_path / "one.toml").symlink_to("canvas.toml")
    (tmp_path / "two.toml").symlink_to("one.toml")
    save_canvas(small_canvas("new"), tmp_path / "two.toml")
    assert (tmp_path / "two.toml").is_symlink() and (tmp_path / "one.toml").is_symlink()
    assert load_canvas(target).title == "new"


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "canvas.toml"
    link.symlink_to("elsewhere.toml")
    save_canvas(small_canvas(), link)
    assert link.is_symlink()
    assert load_canvas(tmp_path / "elsewhere.toml") == small_canvas()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file away needs root")
def test_an_existing_files_owner_and_group_are_kept(canvas_path):
    save_canvas(small_canvas("old"), canvas_path)
    os.chown(canvas_path, 4321, 8765)
    save_canvas(small_canvas("new"), canvas_path)
    status = canvas_path.stat()
    assert (status.st_uid, status.st_gid) == (4321, 8765)
    assert load_canvas(canvas_path).title == "new"


def test_an_owner_we_may_not_give_does_not_stop_the_save(canvas_path, monkeypatch):
    save_canvas(small_canvas("old"), canvas_path)
    os.chown(canvas_path, os.getuid(), os.getgid())
    real_fstat = os.fstat

    def other_owner_fstat(descriptor):
        # The new file looks owned by someone else, so a chown is tried and refused.
        status = list(real_fstat(descriptor))
        status[4] += 1
        return os.stat_result(status)

    def refuse(*args):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(storage.os, "fstat", other_owner_fstat)
    monkeypatch.setattr(storage.os, "fchown", refuse)
    save_canvas(small_canvas("new"), canvas_path)
    assert load_canvas(canvas_path).title == "new"


def test_an_interrupted_save_leaves_no_temporary(canvas_path, monkeypatch):
    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(storage.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_canvas(small_canvas(), canvas_path)
    monkeypatch.undo()
    assert os.listdir(canvas_path.parent) == []


def test_an_unexpected_error_while_writing_is_a_save_error(canvas_path, monkeypatch):
    def broken(*args):
        raise ValueError("something odd")

    monkeypatch.setattr(storage.os, "fsync", broken)
    with pytest.raises(SaveError, match="something odd"):
        save_canvas(small_canvas(), canvas_path)
    monkeypatch.undo()
    assert os.listdir(canvas_path.parent) == []


def test_saving_into_a_folder_that_vanished_raises_oserror(tmp_path):
    folder = tmp_path / "gone"
    with pytest.raises(FileNotFoundError):
        save_canvas(small_canvas(), folder / "canvas.toml")
    assert os.listdir(tmp_path) == []


def deeply_nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("extra", [
    {"nothing": None},
    {"deep": deeply_nested(3000)},
], ids=["not-toml", "deep"])
def test_a_canvas_that_is_not_toml_is_a_save_error_and_the_file_stays(canvas_path, extra):
    save_canvas(small_canvas("old"), canvas_path)
    before = canvas_path.read_bytes()
    with pytest.raises(SaveError) as caught:
        save_canvas(Canvas(extra=extra), canvas_path)
    assert isinstance(caught.value, OSError)
    assert "cannot be written as TOML" in str(caught.value)
    assert canvas_path.read_bytes() == before
    assert leftovers(canvas_path.parent) == []


def test_text_that_is_not_unicode_is_a_save_error(canvas_path):
    with pytest.raises(SaveError, match="not valid Unicode"):
        save_canvas(Canvas(title="half a pair \ud800"), canvas_path)
    assert not canvas_path.exists()


def test_write_atomically_writes_exactly_the_bytes(canvas_path):
    write_atomically(canvas_path, b"format = 1\n")
    write_atomically(canvas_path, b"format = 1\ntitle = 'x'\n")
    assert canvas_path.read_bytes() == b"format = 1\ntitle = 'x'\n"
    assert os.listdir(canvas_path.parent) == ["canvas.toml"]


def test_a_save_leaves_only_the_canvas(example_path):
    save_canvas(load_canvas(EXAMPLE), example_path)
    assert os.listdir(example_path.parent) == [example_path.name]


# --- stale temporaries ------------------------------------------------------------

OURS = [".canvas.toml.0123456789abcdef.tmp", ".canvas.toml.ab_12xyz.tmp"]
NOT_OURS = [
    ".canvas.toml.tmp",
    ".canvas.toml.0123456789ABCDEF.tmp",
    ".canvas.toml.0123456789abcdef.tmp.bak",
    ".canvas.toml.0123456789abcde.tmp",
    ".other.toml.0123456789abcdef.tmp",
    "canvas.toml.0123456789abcdef.tmp",
    ".canvas.toml.x.0123456789abcdef.tmp",
    "canvas.toml",
]


def test_stale_temporaries_are_ours_only(tmp_path):
    for name in OURS + NOT_OURS:
        (tmp_path / name).write_text("x")
    (tmp_path / ".canvas.toml.fedcba9876543210.tmp").mkdir()
    canvas = tmp_path / "canvas.toml"
    assert stale_temporaries(canvas) == sorted(tmp_path / name for name in OURS)
    assert remove_stale_temporaries(canvas) == sorted(tmp_path / name for name in OURS)
    assert sorted(os.listdir(tmp_path)) == sorted(NOT_OURS + [".canvas.toml.fedcba9876543210.tmp"])
    assert stale_temporaries(canvas) == []


def test_stale_temporaries_of_a_symlink_are_beside_its_target(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "canvas.toml"
    target.write_text("format = 1\n")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    stale = tmp_path / "real" / ".canvas.toml.0123456789abcdef.tmp"
    stale.write_text("half")
    (tmp_path / ".link.toml.0123456789abcdef.tmp").write_text("not the target's")
    assert remove_stale_temporaries(link) == [stale]
    assert not stale.exists()
    assert (tmp_path / ".link.toml.0123456789abcdef.tmp").exists()


def test_a_temporary_left_by_a_killed_save_is_found(canvas_path, monkeypatch):
    def killed(*args):
        raise SystemExit  # stands for a kill between write and rename

    monkeypatch.setattr(storage.os, "replace", killed)
    monkeypatch.setattr(storage.Path, "unlink", lambda self, missing_ok=False: None)
    with pytest.raises(SystemExit):
        save_canvas(small_canvas(), canvas_path)
    monkeypatch.undo()
    assert len(stale_temporaries(canvas_path)) == 1
    assert remove_stale_temporaries(canvas_path) and os.listdir(canvas_path.parent) == []


def test_no_folder_means_no_stale_temporaries(tmp_path):
    assert stale_temporaries(tmp_path / "gone" / "canvas.toml") == []


def test_a_path_the_system_cannot_take_is_an_oserror(tmp_path):
    with pytest.raises(SaveError):
        save_canvas(small_canvas(), tmp_path / "nul\0.toml")
    assert os.listdir(tmp_path) == []
