"""Canvas operations: ids made from names, item ids, removals that keep links valid, moves."""

from __future__ import annotations

import pytest

from bmc_tui.core import (
    ITEM_KINDS,
    Canvas,
    Item,
    Segment,
    load_canvas,
    move,
    save_canvas,
    slugify,
)
from bmc_tui.core.canvas import ID_PATTERN

# --- segment and channel ids -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Morning commuters", "morning-commuters"),
        ("  Offices near the station  ", "offices-near-the-station"),
        ("Café Crème", "cafe-creme"),
        ("Ärzte & Zahnärzte", "arzte-zahnarzte"),
        ("B2B -- SaaS!", "b2b-saas"),
        ("ＦＵＬＬ width", "full-width"),
    ],
)
def test_add_segment_makes_the_id_from_the_name(name, expected):
    canvas = Canvas()
    segment = canvas.add_segment(name)
    assert segment.id == expected
    assert segment.name == name.strip()
    assert canvas.segments == [segment]


@pytest.mark.parametrize("name", ["!!!", "日本の顧客", "   ", "—"])
def test_a_name_with_nothing_to_slug_gets_a_fallback_id(name):
    canvas = Canvas()
    assert canvas.add_segment(name).id == "segment"
    assert canvas.add_segment(name).id == "segment-2"
    assert canvas.add_channel(name).id == "channel"


def test_segment_ids_are_unique():
    canvas = Canvas()
    ids = [canvas.add_segment(name).id for name in ("Offices", "offices", "OFFICES!", "Offices 2")]
    # "Offices 2" slugs to offices-2, already taken by the second "offices".
    assert ids == ["offices", "offices-2", "offices-3", "offices-2-2"]
    assert len(set(ids)) == len(ids)


def test_channel_ids_are_unique_and_avoid_segment_ids():
    canvas = Canvas()
    canvas.add_segment("App")
    assert [canvas.add_channel("App").id, canvas.add_channel("app").id] == ["app-2", "app-3"]


@pytest.mark.parametrize("name", ["Ça va", "a_b", "x" * 3 + "\u0301", "Ω mega", "1st", "-"])
def test_made_ids_are_valid_in_format_1(canvas_path, name):
    canvas = Canvas()
    canvas.add_segment(name)
    canvas.add_channel(name)
    for record in canvas.segments + canvas.channels:
        assert ID_PATTERN.fullmatch(record.id)
    save_canvas(canvas, canvas_path)
    assert load_canvas(canvas_path) == canvas


def test_slugify_folds_accents_instead_of_dropping_letters():
    assert slugify("Crème brûlée") == "creme-brulee"


def test_renaming_keeps_the_id(canvas_path):
    canvas = Canvas()
    segment = canvas.add_segment("Commuters")
    channel = canvas.add_channel("Cart")
    channel.segments = [segment.id]
    segment.name = "Early commuters"
    save_canvas(canvas, canvas_path)
    loaded = load_canvas(canvas_path)
    assert loaded.segments[0].id == "commuters"
    assert loaded.channels[0].segments == ["commuters"]


# --- item ids ----------------------------------------------------------------


def test_item_ids_use_the_prefix_of_their_list():
    segment = Segment("a", "A")
    made = {kind: segment.add_item(kind, f"first {kind}").id for kind in ITEM_KINDS}
    assert made == {
        "jobs": "j1", "pains": "p1", "gains": "g1",
        "products": "ps1", "pain_relievers": "pr1", "gain_creators": "gc1",
    }
    assert segment.add_item("jobs", "second").id == "j2"
    assert segment.add_item("pain_relievers", "second").id == "pr2"


def test_the_next_item_id_follows_the_highest_one():
    segment = Segment("a", "A", jobs=[Item("j1", "a"), Item("j7", "b"), Item("j3", "c")])
    assert segment.add_item("jobs", "d").id == "j8"


def test_ids_that_do_not_follow_the_pattern_are_ignored_when_counting():
    segment = Segment("a", "A", pains=[Item("custom", "a"), Item("p", "b"), Item("ps9", "c")])
    assert segment.add_item("pains", "d").id == "p1"


def test_a_new_item_id_is_unique_across_the_whole_segment(canvas_path):
    # A hand-edited file may put "j2" in another list; the new job must not reuse it,
    # or the next save would write a file that does not load.
    segment = Segment("a", "A", jobs=[Item("j1", "x")], gains=[Item("j2", "y")])
    assert segment.add_item("jobs", "z").id == "j3"
    save_canvas(Canvas(segments=[segment]), canvas_path)
    assert load_canvas(canvas_path).segments[0].jobs[-1].id == "j3"


def test_add_item_trims_the_text_and_keeps_links():
    segment = Segment("a", "A")
    segment.add_item("jobs", "  Work  ")
    offer = segment.add_item("products", "Coffee", ["j1"])
    assert segment.jobs[0].text == "Work"
    assert offer.links == ["j1"]
    assert segment.item("products", "ps1") is offer
    assert segment.item("products", "ps2") is None


def test_an_unknown_list_is_an_error():
    with pytest.raises(KeyError):
        Segment("a", "A").items("customers")


# --- removals keep the file loadable -----------------------------------------


def linked_segment() -> Segment:
    segment = Segment("a", "A")
    for kind in ("jobs", "pains", "gains"):
        segment.add_item(kind, "one")
        segment.add_item(kind, "two")
    segment.add_item("products", "P", ["j1", "j2"])
    segment.add_item("pain_relievers", "R", ["p2", "p1"])
    segment.add_item("gain_creators", "G", ["g1"])
    return segment


def test_remove_item_removes_the_links_to_it(canvas_path):
    segment = linked_segment()
    segment.remove_item("pains", "p2")
    assert [p.id for p in segment.pains] == ["p1"]
    assert segment.pain_relievers[0].links == ["p1"]
    # Other lists' links are untouched.
    assert segment.products[0].links == ["j1", "j2"]
    assert segment.gain_creators[0].links == ["g1"]
    canvas = Canvas(segments=[segment])
    save_canvas(canvas, canvas_path)
    assert load_canvas(canvas_path) == canvas


def test_remove_item_only_touches_links_to_its_own_list():
    segment = linked_segment()
    segment.gains[0].id = "j1"  # same id text in another list
    segment.gain_creators[0].links = ["j1"]
    segment.remove_item("jobs", "j1")
    assert segment.products[0].links == ["j2"]
    assert segment.gain_creators[0].links == ["j1"]


def test_removing_an_offer_item_leaves_the_profile_alone():
    segment = linked_segment()
    segment.remove_item("products", "ps1")
    assert segment.products == []
    assert [j.id for j in segment.jobs] == ["j1", "j2"]


def test_linked_from_lists_the_offer_items_addressing_a_profile_item():
    segment = linked_segment()
    assert [o.id for o in segment.linked_from("pains", "p1")] == ["pr1"]
    assert segment.linked_from("gains", "g2") == []


def test_remove_segment_removes_it_from_channels(canvas_path):
    canvas = Canvas()
    for name in ("Commuters", "Offices", "Tourists"):
        canvas.add_segment(name)
    app = canvas.add_channel("App")
    cart = canvas.add_channel("Cart")
    app.segments = ["commuters", "offices", "tourists"]
    cart.segments = ["offices"]
    canvas.remove_segment("offices")
    assert [s.id for s in canvas.segments] == ["commuters", "tourists"]
    assert app.segments == ["commuters", "tourists"]
    assert cart.segments == []
    assert canvas.channels_for("tourists") == [app]
    save_canvas(canvas, canvas_path)
    assert load_canvas(canvas_path) == canvas


def test_remove_channel():
    canvas = Canvas()
    canvas.add_channel("App")
    canvas.add_channel("Cart")
    canvas.remove_channel("app")
    assert [c.id for c in canvas.channels] == ["cart"]
    assert canvas.channel("app") is None
    assert canvas.channel("cart") is canvas.channels[0]


# --- moving ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index", "delta", "new_index", "order"),
    [
        (0, 1, 1, "bacd"),
        (3, -1, 2, "abdc"),
        (1, -5, 0, "bacd"),  # clamped at the top
        (2, 9, 3, "abdc"),  # clamped at the bottom
        (0, -1, 0, "abcd"),  # already first: nothing moves
        (3, 1, 3, "abcd"),
    ],
)
def test_move(index, delta, new_index, order):
    items = list("abcd")
    assert move(items, index, delta) == new_index
    assert "".join(items) == order


def test_move_in_an_empty_list_does_nothing():
    items: list = []
    assert move(items, 0, 1) == 0
    assert items == []


def test_new_ids_are_unique_across_segments_and_channels():
    from bmc_tui.core import Canvas

    canvas = Canvas()
    segment = canvas.add_segment("Web")
    channel = canvas.add_channel("Web")
    assert segment.id == "web"
    assert channel.id == "web-2"
