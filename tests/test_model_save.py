"""Saving a canvas: round trips, kept unknown keys, atomic writes, file modes; the document."""

from __future__ import annotations

import os
import stat
import tomllib

import pytest

from bmc_tui.core import (
    Canvas,
    Channel,
    Item,
    Relationship,
    Segment,
    dump_canvas,
    load_canvas,
    move,
    parse_canvas,
    save_canvas,
)
from bmc_tui.core.document import CanvasDocument

from .conftest import EXAMPLE, saved


def mode_of(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def round_trip(canvas: Canvas, path) -> Canvas:
    save_canvas(canvas, path)
    return load_canvas(path)


def full_canvas() -> Canvas:
    """A canvas with every field of format 1 set, and text that is awkward to write."""
    segment = Segment(
        id="commuters",
        name="Morning \"commuters\" \\ café",
        description="Two lines:\nfirst\nsecond\n",
        market="multi-sided",
        worth="high",
        relationship=Relationship(
            types=["co-creation", "self-service"],
            expected=["self-service", "communities"],
            established=["self-service", "co-creation"],
            motivations=["upselling", "acquisition"],
            cost="high",
            notes="Windows line ends\r\nkept\r\n, a tab\there, '''quotes''' and \"\"\"more\"\"\"",
        ),
    )
    segment.jobs = [Item("j2", "Second"), Item("j1", "First")]
    segment.pains = [Item("p1", "Queue ⏳")]
    segment.gains = [Item("g1", "Warm\ncup")]
    segment.products = [Item("ps1", "Coffee", ["j1", "j2"])]
    segment.pain_relievers = [Item("pr1", "Skip the queue", ["p1"])]
    segment.gain_creators = [Item("gc1", "Lid", ["g1"])]
    channel = Channel(
        id="app", name="App", reach="indirect", owner="partner", medium="mixed", cost="low",
        phases=["after-sales", "awareness"], segments=["commuters"],
        advantages="Fast", challenges="Install\nfirst",
    )
    return Canvas(title="Cart", resume_at="relationships", segments=[segment], channels=[channel])


# --- round trip --------------------------------------------------------------


def test_save_then_load_gives_an_equal_canvas(canvas_path):
    canvas = full_canvas()
    assert round_trip(canvas, canvas_path) == canvas


def test_the_bundled_example_round_trips(example_path, tmp_path):
    canvas = load_canvas(example_path)
    copy = tmp_path / "copy.toml"
    assert round_trip(canvas, copy) == canvas
    # And the saved file holds the same data as the hand-written example.
    assert saved(copy) == saved(EXAMPLE)


def test_saving_twice_writes_the_same_bytes(canvas_path):
    save_canvas(full_canvas(), canvas_path)
    first = canvas_path.read_bytes()
    save_canvas(load_canvas(canvas_path), canvas_path)
    assert canvas_path.read_bytes() == first


def test_windows_line_ends_inside_text_survive_a_round_trip(canvas_path):
    # tomli_w's multi-line strings would turn "\r\n" into "\n".
    canvas = Canvas(segments=[Segment("a", "A", description="one\r\ntwo\nthree")])
    assert round_trip(canvas, canvas_path).segments[0].description == "one\r\ntwo\nthree"


def test_multi_line_notes_are_written_readably(canvas_path):
    canvas = Canvas(segments=[Segment("a", "A", relationship=Relationship(notes="one\ntwo"))])
    save_canvas(canvas, canvas_path)
    assert 'notes = """\none\ntwo"""' in canvas_path.read_text(encoding="utf-8")


def test_the_saved_file_starts_with_the_format(canvas_path):
    save_canvas(full_canvas(), canvas_path)
    assert canvas_path.read_text(encoding="utf-8").startswith("format = 1\n")
    assert saved(canvas_path)["format"] == 1


# --- unknown keys ------------------------------------------------------------

UNKNOWN_EVERYWHERE = """
format = 1
title = "Cart"
made_by = "a script"
tags = ["coffee", 3]

[meta]
version = 2
when = 2024-05-01T08:00:00Z

[[segments]]
id = "commuters"
name = "Commuters"
size = 4000
jobs = [{ id = "j1", text = "Work", weight = 0.5 }]
pains = [{ id = "p1", text = "Queue", serves = ["not a link for pains"] }]
products = [{ id = "ps1", text = "Coffee", serves = ["j1"], price = { eur = 2.5 } }]

[segments.relationship]
types = ["self-service"]
owner = "Ana"

[segments.persona]
age = 35

[[segments]]
id = "offices"
name = "Offices"

[segments.relationship]
only_unknown = true

[[channels]]
id = "app"
name = "App"
budget = 1200
reviewed = false
"""


def test_unknown_keys_at_every_level_survive_load_change_and_save(tmp_path):
    path = tmp_path / "canvas.toml"
    path.write_text(UNKNOWN_EVERYWHERE, encoding="utf-8")
    canvas = load_canvas(path)
    canvas.segments[0].name = "Early commuters"
    canvas.segments[0].add_item("jobs", "Eat")
    canvas.channels[0].phases = ["purchase"]
    save_canvas(canvas, path)

    data = saved(path)
    original = tomllib.loads(UNKNOWN_EVERYWHERE)
    for key in ("made_by", "tags", "meta"):
        assert data[key] == original[key]
    first, second = data["segments"]
    assert first["size"] == 4000
    assert first["persona"] == {"age": 35}
    assert first["jobs"][0]["weight"] == 0.5
    assert first["pains"][0]["serves"] == ["not a link for pains"]
    assert first["products"][0]["price"] == {"eur": 2.5}
    # status repeats the types' state for older readers (format.md)
    assert first["relationship"] == {"types": ["self-service"], "status": "planned", "owner": "Ana"}
    assert second["relationship"] == {"only_unknown": True}
    assert data["channels"][0]["budget"] == 1200
    assert data["channels"][0]["reviewed"] is False
    # The changes were saved too.
    assert first["name"] == "Early commuters"
    assert first["jobs"][1] == {"id": "j2", "text": "Eat"}
    assert load_canvas(path) == canvas


def test_unknown_keys_round_trip_to_an_equal_canvas(tmp_path):
    canvas = parse_canvas(UNKNOWN_EVERYWHERE.encode())
    assert canvas.extra["made_by"] == "a script"
    assert round_trip(canvas, tmp_path / "copy.toml") == canvas


# --- what is written ---------------------------------------------------------


def test_empty_optional_values_are_left_out(canvas_path):
    canvas = Canvas()
    segment = canvas.add_segment("Commuters")
    segment.add_item("products", "Coffee")
    canvas.add_channel("App")
    save_canvas(canvas, canvas_path)
    assert saved(canvas_path) == {
        "format": 1,
        "segments": [{"id": "commuters", "name": "Commuters", "products": [{"id": "ps1", "text": "Coffee"}]}],
        "channels": [{"id": "app", "name": "App"}],
    }


def test_an_empty_canvas_is_just_the_format(canvas_path):
    save_canvas(Canvas(), canvas_path)
    assert canvas_path.read_text(encoding="utf-8") == "format = 1\n"


def test_lists_keep_the_users_order(canvas_path):
    canvas = Canvas()
    for name in ("Alpha", "Beta", "Gamma"):
        canvas.add_segment(name)
    move(canvas.segments, 2, -2)
    segment = canvas.segments[1]
    for text in ("one", "two", "three"):
        segment.add_item("pains", text)
    move(segment.pains, 0, 1)
    channel = canvas.add_channel("App")
    channel.phases = ["delivery", "awareness", "purchase"]
    channel.segments = ["gamma", "alpha"]
    save_canvas(canvas, canvas_path)
    data = saved(canvas_path)
    assert [s["name"] for s in data["segments"]] == ["Gamma", "Alpha", "Beta"]
    assert [p["text"] for p in data["segments"][1]["pains"]] == ["two", "one", "three"]
    assert data["channels"][0]["phases"] == ["delivery", "awareness", "purchase"]
    assert data["channels"][0]["segments"] == ["gamma", "alpha"]


# --- atomic writes and modes -------------------------------------------------


def test_saving_leaves_no_temporary_file_behind(canvas_path):
    save_canvas(full_canvas(), canvas_path)
    save_canvas(Canvas(), canvas_path)
    assert [p.name for p in canvas_path.parent.iterdir()] == [canvas_path.name]


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_a_failure_during_the_write_leaves_the_old_file_intact(example_path, monkeypatch, failing):
    before = example_path.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError):
        save_canvas(Canvas(title="Would replace everything"), example_path)
    monkeypatch.undo()
    assert example_path.read_bytes() == before
    assert [p.name for p in example_path.parent.iterdir()] == [example_path.name]


def test_the_file_is_replaced_by_rename_not_rewritten_in_place(example_path):
    # A reader holding the old file sees the old text whole: the new one is a new inode.
    old_inode = example_path.stat().st_ino
    save_canvas(Canvas(title="New"), example_path)
    assert example_path.stat().st_ino != old_inode


def test_a_new_file_is_readable_and_writable_by_its_owner_only(canvas_path):
    old_umask = os.umask(0)
    try:
        save_canvas(full_canvas(), canvas_path)
    finally:
        os.umask(old_umask)
    assert mode_of(canvas_path) == 0o600


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o600, 0o444])
def test_an_existing_files_mode_is_kept(example_path, mode):
    example_path.chmod(mode)
    save_canvas(full_canvas(), example_path)
    assert mode_of(example_path) == mode


def test_dump_and_parse_agree(example_path):
    canvas = load_canvas(example_path)
    assert parse_canvas(dump_canvas(canvas).encode("utf-8")) == canvas


# --- the document: a canvas bound to its file ---------------------------------


def test_opening_an_absent_file_starts_a_new_canvas_and_writes_nothing(canvas_path):
    document = CanvasDocument.open(canvas_path)
    assert document.canvas == Canvas()
    assert document.exists is False
    document.canvas.add_segment("Commuters")
    assert not canvas_path.exists()
    assert list(canvas_path.parent.iterdir()) == []
    document.save()
    assert document.exists is True
    assert saved(canvas_path)["segments"][0]["id"] == "commuters"
    assert mode_of(canvas_path) == 0o600


def test_opening_an_existing_file_loads_it(example_path):
    document = CanvasDocument.open(example_path)
    assert document.exists is True
    assert document.canvas == load_canvas(example_path)


FULL_STEPS = ("segments", "value", "channels", "relationships", "fit")
QUICK_STEPS = ("segments", "value", "channels", "relationships")


@pytest.mark.parametrize(
    ("resume_at", "steps", "expected"),
    [
        ("channels", FULL_STEPS, "channels"),
        ("fit", FULL_STEPS, "fit"),
        ("", FULL_STEPS, "segments"),
        # The quick flow has no fit step: it opens at its first step instead.
        ("fit", QUICK_STEPS, "segments"),
        ("relationships", QUICK_STEPS, "relationships"),
    ],
)
def test_resume_step(canvas_path, resume_at, steps, expected):
    save_canvas(Canvas(resume_at=resume_at), canvas_path)
    assert CanvasDocument.open(canvas_path).resume_step(steps) == expected


def test_set_resume_at_says_whether_it_changed_and_is_saved(canvas_path):
    save_canvas(Canvas(), canvas_path)
    document = CanvasDocument.open(canvas_path)
    assert document.set_resume_at("value") is True
    assert document.set_resume_at("value") is False
    assert document.set_resume_at("nowhere") is False
    document.save()
    assert saved(canvas_path)["resume_at"] == "value"
    assert CanvasDocument.open(canvas_path).resume_step(FULL_STEPS) == "value"


def test_a_new_file_is_written_with_the_first_answer_not_the_step(canvas_path):
    document = CanvasDocument.open(canvas_path)
    document.set_resume_at("value")
    assert document.save() is False
    assert not canvas_path.exists()
    document.canvas.add_segment("Commuters")
    assert document.save() is True
    assert saved(canvas_path)["resume_at"] == "value"
