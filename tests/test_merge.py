"""bmc-tui merge: one valid team canvas, with provenance, links kept and conflicts told."""

from __future__ import annotations

import tomllib
from pathlib import Path

from bmc_tui.cli import main
from bmc_tui.core import Canvas, Channel, Segment, canvas_from_dict, canvas_to_dict, load_canvas, save_canvas
from bmc_tui.core.fit import check_fit
from bmc_tui.core.merge import merge_canvases


def founder(name: str, market: str = "mass", job: str = "Get to work on time") -> Canvas:
    canvas = Canvas(title="Coffee")
    segment = canvas.add_segment("Morning commuters")
    segment.market = market
    j = segment.add_item("jobs", job)
    p = segment.add_item("pains", "Queue at the cafe")
    segment.add_item("products", "Pre-ordered coffee", [j.id])
    segment.add_item("pain_relievers", "No queue", [p.id])
    segment.relationship.types = ["self-service"]
    channel = canvas.add_channel("Pre-order app")
    channel.segments = [segment.id]
    channel.phases = ["purchase"]
    canvas.add_segment(f"{name}'s own segment")
    return canvas


def round_trip(canvas: Canvas) -> Canvas:
    return canvas_from_dict(canvas_to_dict(canvas))


def test_same_names_become_one_segment_with_provenance_ignoring_case_and_spacing():
    ana = founder("ana")
    li = founder("li")
    li.segments[0].name = "  morning   COMMUTERS "
    merged = round_trip(merge_canvases([("ana", ana), ("li", li)]).canvas)
    names = [s.name for s in merged.segments]
    assert names == ["Morning commuters", "ana's own segment", "li's own segment"]
    shared = merged.segments[0]
    assert shared.extra["from"] == ["ana", "li"]
    assert merged.segments[1].extra["from"] == ["ana"]
    assert merged.segments[2].extra["from"] == ["li"]


def test_items_with_the_same_text_merge_and_others_are_kept_each_with_its_sources():
    merged = merge_canvases([
        ("ana", founder("ana")), ("li", founder("li", job="get to  WORK on time")),
        ("bo", founder("bo", job="Sleep longer")),
    ]).canvas
    jobs = merged.segments[0].jobs
    assert [(j.text, j.extra["from"]) for j in jobs] == [
        ("Get to work on time", ["ana", "li"]), ("Sleep longer", ["bo"]),
    ]
    assert merged.segments[0].pains[0].extra["from"] == ["ana", "li", "bo"]


def test_links_and_channel_segments_follow_their_items():
    merged = round_trip(merge_canvases([
        ("ana", founder("ana")), ("bo", founder("bo", job="Sleep longer")),
    ]).canvas)
    segment = merged.segments[0]
    by_id = {j.id: j.text for j in segment.jobs}
    served = [by_id[link] for link in segment.products[0].links]
    assert served == ["Get to work on time", "Sleep longer"]
    assert segment.pain_relievers[0].links == [segment.pains[0].id]
    (channel,) = merged.channels
    assert channel.segments == [segment.id]
    assert channel.extra["from"] == ["ana", "bo"]


def test_a_channel_serving_a_segment_merged_under_another_id_points_at_the_merged_one():
    ana = Canvas(segments=[Segment("a", "Offices")], channels=[Channel("web", "Web", segments=["a"])])
    li = Canvas(segments=[Segment("x", "Students"), Segment("b", "offices")],
                channels=[Channel("w", "web", segments=["x", "b"])])
    merged = round_trip(merge_canvases([("ana", ana), ("li", li)]).canvas)
    ids = {s.name: s.id for s in merged.segments}
    assert merged.channels[0].segments == [ids["Offices"], ids["Students"]]


def test_different_market_types_are_listed_as_a_conflict_and_the_first_is_kept():
    result = merge_canvases([("ana", founder("ana")), ("li", founder("li", "niche")),
                             ("bo", founder("bo"))])
    assert result.canvas.segments[0].market == "mass"
    assert [c.describe() for c in result.conflicts] == [
        "segment 'Morning commuters': different market: mass (ana, bo); niche (li); kept mass",
    ]


def test_an_already_merged_file_keeps_the_names_it_came_from():
    team = merge_canvases([("ana", founder("ana")), ("li", founder("li"))]).canvas
    again = merge_canvases([("team", round_trip(team)), ("bo", founder("bo"))]).canvas
    assert again.segments[0].extra["from"] == ["ana", "li", "bo"]


def test_relationship_types_are_united_and_the_result_is_valid_and_checkable():
    li = founder("li")
    li.segments[0].relationship.types = ["communities", "self-service"]
    li.segments[0].relationship.established = ["communities"]
    merged = round_trip(merge_canvases([("ana", founder("ana")), ("li", li)]).canvas)
    relationship = merged.segments[0].relationship
    assert relationship.types == ["self-service", "communities"]
    assert relationship.established == ["communities"]
    assert check_fit(merged).findings  # runs on it, and finds what the team has yet to do


def write(folder: Path, name: str, canvas: Canvas) -> Path:
    path = folder / f"{name}.toml"
    save_canvas(canvas, path)
    return path


def test_the_command_writes_a_file_that_loads_and_lists_conflicts_on_stderr(tmp_path, capsys):
    ana = write(tmp_path, "ana", founder("ana"))
    li = write(tmp_path, "li", founder("li", "niche"))
    team = tmp_path / "team.toml"
    assert main(["merge", str(ana), str(li), "-o", str(team)]) == 0
    out, err = capsys.readouterr()
    assert "conflict: segment 'Morning commuters': different market" in err
    assert "Merged 2 canvases" in out and "3 segments, 1 channel; 1 conflict" in out
    data = tomllib.loads(team.read_text(encoding="utf-8"))
    assert data["segments"][0]["from"] == ["ana", "li"]
    assert load_canvas(team).segments[0].jobs[0].extra["from"] == ["ana", "li"]


def test_the_command_refuses_to_overwrite_without_force(tmp_path, capsys):
    ana = write(tmp_path, "ana", founder("ana"))
    team = tmp_path / "team.toml"
    team.write_text("keep me", encoding="utf-8")
    assert main(["merge", str(ana), "-o", str(team)]) == 2
    assert "already exists; --force overwrites it" in capsys.readouterr().err
    assert team.read_text(encoding="utf-8") == "keep me"
    assert main(["merge", str(ana), "-o", str(team), "--force"]) == 0
    assert load_canvas(team).segments[0].name == "Morning commuters"


def test_the_command_never_overwrites_one_of_its_inputs(tmp_path, capsys):
    ana = write(tmp_path, "ana", founder("ana"))
    before = ana.read_bytes()
    assert main(["merge", str(ana), "-o", str(ana), "--force"]) == 2
    assert "is one of the files to merge" in capsys.readouterr().err
    assert ana.read_bytes() == before


def test_a_bad_input_is_named_and_nothing_is_written(tmp_path, capsys):
    ana = write(tmp_path, "ana", founder("ana"))
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n[[segments]]\nname = 3\n", encoding="utf-8")
    team = tmp_path / "team.toml"
    assert main(["merge", str(ana), str(bad), str(tmp_path / "gone.toml"), "-o", str(team)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: this file cannot be opened" in err and "segments[0].name" in err
    assert "gone.toml: no such file" in err
    assert "Traceback" not in err
    assert not team.exists()
