"""The one place a canvas is changed: each edit, its checks, its save, and undo."""

from __future__ import annotations

import pytest

from bmc_tui.core.document import CanvasDocument
from bmc_tui.core.edits import EditError, Edits

from .conftest import saved


@pytest.fixture
def edits(example_path) -> Edits:
    document = CanvasDocument.open(example_path)
    assert document.take_lock() is None
    return Edits(document)


@pytest.fixture
def calls(edits) -> list[bool]:
    """What the document was told, instead of saving: True for a change while typing."""
    told: list[bool] = []
    edits.document.on_change = told.append
    return told


def names(records) -> list[str]:
    return [record.name for record in records]


# --- each edit saves through the document ---------------------------------------------


def test_without_a_front_end_each_edit_is_saved_at_once(edits, example_path):
    edits.add_segment("  Students ")
    assert saved(example_path)["segments"][-1] == {"id": "students", "name": "Students"}


def test_typing_is_reported_as_typing_and_only_when_it_changes(edits, calls):
    edits.set_segment_text("commuters", "description", "Who they are")
    edits.set_segment_text("commuters", "description", "Who they are")
    edits.set_segment_choice("commuters", "market", "niche")
    assert calls == [True, False]


# --- segments ---------------------------------------------------------------------------


def test_segments_add_rename_move(edits, calls):
    segment = edits.add_segment("Students")
    edits.rename_segment(segment.id, "University students")
    assert edits.move_segment(segment.id, -5) == 0
    assert names(edits.canvas.segments)[0] == "University students"
    assert edits.canvas.segments[0].id == "students"  # a rename keeps the id


def test_a_deleted_segment_comes_back_with_its_channels(edits, calls):
    before = [list(c.segments) for c in edits.canvas.channels]
    edits.delete_segment("commuters")
    assert "commuters" not in [s.id for s in edits.canvas.segments]
    assert all("commuters" not in c.segments for c in edits.canvas.channels)
    assert edits.undo_label == "the segment 'Morning commuters'"
    assert edits.undo() == "the segment 'Morning commuters'"
    assert edits.canvas.segments[0].id == "commuters"
    assert [list(c.segments) for c in edits.canvas.channels] == before
    assert not edits.can_undo and edits.undo() == ""


def test_choices_are_checked(edits, calls):
    with pytest.raises(EditError):
        edits.set_segment_choice("commuters", "market", "everyone")
    with pytest.raises(EditError):
        edits.set_segment_choice("commuters", "name", "x")
    with pytest.raises(EditError):
        edits.add_segment("   ")
    with pytest.raises(EditError):
        edits.rename_segment("nobody", "x")
    assert calls == []


# --- items and links --------------------------------------------------------------------


def test_items_add_with_links_rename_move(edits, calls):
    item = edits.add_item("commuters", "pain_relievers", "Text when it is ready", ["p1"])
    assert item.links == ["p1"]
    edits.rename_item("commuters", "pain_relievers", item.id, "A text when ready")
    assert edits.move_item("commuters", "pain_relievers", item.id, -1) == 0
    relievers = edits.canvas.segment("commuters").pain_relievers
    assert relievers[0].text == "A text when ready" and relievers[0].id == item.id


def test_links_only_point_at_the_segments_own_items(edits, calls):
    with pytest.raises(EditError):
        edits.set_links("commuters", "products", "ps1", ["p1"])  # a pain, not a job
    with pytest.raises(EditError):
        edits.set_links("commuters", "jobs", "j1", ["j1"])  # jobs link to nothing
    edits.set_links("commuters", "products", "ps1", ["j1", "j1"])
    assert edits.item("commuters", "products", "ps1").links == ["j1"]


def test_addressed_by_sets_the_links_from_the_profile_side(edits, calls):
    segment = edits.canvas.segment("commuters")
    edits.set_addressed_by("commuters", "pains", "p1", [])
    assert segment.linked_from("pains", "p1") == []
    edits.set_addressed_by("commuters", "pains", "p1", ["pr1"])
    assert [o.id for o in segment.linked_from("pains", "p1")] == ["pr1"]


def test_a_deleted_item_comes_back_with_the_links_to_it(edits, calls):
    segment = edits.canvas.segment("commuters")
    before = [list(o.links) for o in segment.pain_relievers]
    text = edits.item("commuters", "pains", "p1").text
    edits.delete_item("commuters", "pains", "p1")
    assert all("p1" not in o.links for o in segment.pain_relievers)
    assert edits.undo() == f"'{text}'"
    assert segment.pains[0].id == "p1"
    assert [list(o.links) for o in segment.pain_relievers] == before


def test_undo_goes_back_several_deletions_in_order(edits, calls):
    edits.delete_channel(edits.canvas.channels[0].id)
    edits.delete_item("commuters", "jobs", "j1")
    edits.delete_segment("offices")
    assert edits.undo().startswith("the segment")
    assert edits.undo().startswith("'")
    assert edits.undo().startswith("the channel")
    assert not edits.can_undo


# --- channels and relationships ---------------------------------------------------------


def test_channel_answers(edits, calls):
    channel = edits.add_channel("Flyers")
    edits.set_channel_choice(channel.id, "reach", "direct")
    edits.set_channel_choices(channel.id, "phases", ["awareness", "purchase"])
    edits.set_channel_choices(channel.id, "segments", ["offices"])
    edits.set_channel_text(channel.id, "advantages", "Cheap")
    with pytest.raises(EditError):
        edits.set_channel_choices(channel.id, "segments", ["nobody"])
    with pytest.raises(EditError):
        edits.set_channel_choices(channel.id, "phases", ["sleep"])
    assert (channel.reach, channel.phases, channel.segments, channel.advantages) == (
        "direct", ["awareness", "purchase"], ["offices"], "Cheap")


def test_relationship_choices_keep_the_users_order_and_what_was_not_shown(edits, calls):
    relationship = edits.canvas.segment("commuters").relationship
    relationship.types = ["communities", "self-service"]
    # A short flow shows only two types: 'communities' is not among them and stays.
    edits.set_relationship_choices(
        "commuters", "types", ["automated-services"], shown=["self-service", "automated-services"],
    )
    assert relationship.types == ["communities", "automated-services"]
    edits.set_relationship_choice("commuters", "cost", "low")
    edits.set_relationship_text("commuters", "notes", "Loyalty card")
    assert (relationship.cost, relationship.notes) == ("low", "Loyalty card")


def test_the_title_can_be_set(edits, example_path):
    edits.set_title(" A new name ")
    assert saved(example_path)["title"] == "A new name"


def test_a_type_no_longer_offered_takes_its_in_place_mark_along_and_undo_brings_both_back(edits, calls):
    relationship = edits.canvas.segment("commuters").relationship
    edits.set_relationship_choices("commuters", "types", ["self-service", "communities"])
    edits.set_relationship_choices("commuters", "established", ["communities"])
    assert not edits.can_undo  # choosing is not losing
    edits.set_relationship_choices("commuters", "types", ["self-service"])  # Space on 'communities'
    assert relationship.established == [] and relationship.status == "planned"
    assert edits.undo_label == "communities as offered and in place"
    assert edits.undo() == "communities as offered and in place"
    assert relationship.types == ["self-service", "communities"]
    assert relationship.established == ["communities"]
