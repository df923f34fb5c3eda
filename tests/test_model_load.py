"""Loading a canvas file: one test (or one parametrized case) per load rule of format 1.

Every refusal is checked through ``load_canvas`` on a real file, so each case also
proves that a failed load leaves the file exactly as it was.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bmc_tui.core import (
    COSTS,
    MARKETS,
    MEDIUMS,
    MOTIVATIONS,
    OWNERS,
    PHASES,
    REACHES,
    RELATIONSHIP_TYPES,
    STATUSES,
    STEP_IDS,
    Canvas,
    CanvasError,
    load_canvas,
    parse_canvas,
)
from bmc_tui.core.document import CanvasDocument

DOCS_FORMAT = Path(__file__).resolve().parent.parent / "docs" / "format.md"

# A small valid canvas that the cases below break one key at a time.
SEGMENT = """
[[segments]]
id = "commuters"
name = "Morning commuters"
"""


def write(tmp_path: Path, text: str | bytes, name: str = "canvas.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    # An old mtime makes any write during the load visible, however fast it is.
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    return path


def refuse(tmp_path: Path, text: str | bytes) -> CanvasError:
    """Load a bad file; assert it is refused, names the file, and is left untouched."""
    path = write(tmp_path, text)
    before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode)
    with pytest.raises(CanvasError) as caught:
        load_canvas(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    error = caught.value
    assert str(path) in str(error)
    assert error.problems, "a refusal must say what is wrong"
    return error


def places(error: CanvasError) -> list[str]:
    return [problem.where for problem in error.problems]


def problem_at(error: CanvasError, where: str) -> str:
    """The message for one place; fails listing every place if there is none."""
    found = [p.message for p in error.problems if p.where == where]
    assert found, f"no problem at {where!r}; problems at: {places(error)}"
    assert f"{where}: {found[0]}" in str(error)
    return found[0]


def load_text(text: str) -> Canvas:
    return parse_canvas(text.encode("utf-8"), "test.toml")


# --- the file itself ---------------------------------------------------------


def test_not_valid_toml_names_the_file_line_and_column(tmp_path):
    error = refuse(tmp_path, 'format = 1\ntitle = "Coffee cart\n')
    assert places(error) == ["line 2, column 21"]
    assert "not valid TOML" in error.problems[0].message
    assert re.search(r"canvas\.toml: .*\n  line 2, column 21: not valid TOML", str(error))


def test_toml_cut_short_says_where(tmp_path):
    error = refuse(tmp_path, "format = 1\ntitle = [")
    assert places(error) == ["line 2, column 10 (end of file)"]
    assert "not valid TOML" in error.problems[0].message


def test_not_utf8_is_refused(tmp_path):
    # Latin-1 "é" after a UTF-8 "é": the column counts characters, as an editor does.
    error = refuse(tmp_path, b'format = 1\ntitle = "Caf\xc3\xa9 \xe9"\n')
    assert "not UTF-8" in error.problems[0].message
    assert places(error) == ["line 2, column 15"]


def test_an_unreadable_path_is_refused_not_crashed(tmp_path):
    folder = tmp_path / "a-folder.toml"
    folder.mkdir()
    with pytest.raises(CanvasError) as caught:
        load_canvas(folder)
    assert str(folder) in str(caught.value)


def test_an_absent_file_is_not_a_canvas_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_canvas(tmp_path / "absent.toml")


# --- format ------------------------------------------------------------------


def test_format_is_required(tmp_path):
    error = refuse(tmp_path, 'title = "Coffee cart"\n')
    assert "required" in problem_at(error, "format")


@pytest.mark.parametrize(
    ("value", "type_name"),
    [('"1"', "a string"), ("true", "a boolean"), ("1.0", "a number"), ("[1]", "an array")],
)
def test_format_must_be_an_integer(tmp_path, value, type_name):
    error = refuse(tmp_path, f"format = {value}\n")
    assert problem_at(error, "format") == f"should be an integer, not {type_name}"


@pytest.mark.parametrize("version", [2, 37])
def test_a_newer_format_is_refused_with_a_clear_message(tmp_path, version):
    error = refuse(tmp_path, f"format = {version}\n{SEGMENT}")
    message = problem_at(error, "format")
    assert "newer version" in message
    assert "upgrade" in message
    # Nothing else is judged: the newer format may well allow it.
    assert places(error) == ["format"]


@pytest.mark.parametrize("version", [0, -1])
def test_a_lower_format_is_refused(tmp_path, version):
    error = refuse(tmp_path, f"format = {version}\n")
    assert "only format 1" in problem_at(error, "format")


def test_the_smallest_canvas_is_just_the_format():
    assert load_text("format = 1\n") == Canvas()


# --- wrong types at each level -----------------------------------------------

CHANNEL = '\n[[channels]]\nid = "app"\nname = "App"\n'

WRONG_TYPES = [
    # top level
    ('format = 1\ntitle = 3\n', "title", "should be a string, not an integer"),
    ('format = 1\nresume_at = ["value"]\n', "resume_at", "should be a string, not an array"),
    ('format = 1\nsegments = "commuters"\n', "segments", "should be an array of tables, not a string"),
    ('format = 1\nsegments = [1]\n', "segments[0]", "should be a table, not an integer"),
    ('format = 1\nchannels = {id = "app"}\n', "channels", "should be an array of tables, not a table"),
    # segment
    ('format = 1\n[[segments]]\nid = 7\nname = "A"\n', "segments[0].id", "should be a string, not an integer"),
    ('format = 1\n[[segments]]\nid = "a"\nname = true\n', "segments[0].name", "should be a string, not a boolean"),
    (f'format = 1\n{SEGMENT}description = ["who"]\n', "segments[0].description", "should be a string, not an array"),
    (f'format = 1\n{SEGMENT}market = 1\n', "segments[0].market", "should be a string, not an integer"),
    (f'format = 1\n{SEGMENT}jobs = "Get to work"\n', "segments[0].jobs", "should be an array of tables, not a string"),
    (f'format = 1\n{SEGMENT}pains = ["Queues"]\n', "segments[0].pains[0]", "should be a table, not a string"),
    (f'format = 1\n{SEGMENT}relationship = "self-service"\n', "segments[0].relationship", "should be a table, not a string"),
    # item
    (f'format = 1\n{SEGMENT}jobs = [{{id = 1, text = "x"}}]\n', "segments[0].jobs[0].id", "should be a string, not an integer"),
    (f'format = 1\n{SEGMENT}gains = [{{id = "g1", text = 2.5}}]\n', "segments[0].gains[0].text", "should be a string, not a number"),
    (f'format = 1\n{SEGMENT}jobs = [{{id = "j1", text = "x"}}]\nproducts = [{{id = "ps1", text = "y", serves = "j1"}}]\n',
     "segments[0].products[0].serves", "should be an array of strings, not a string"),
    (f'format = 1\n{SEGMENT}pain_relievers = [{{id = "pr1", text = "y", relieves = [1]}}]\n',
     "segments[0].pain_relievers[0].relieves[0]", "should be a string, not an integer"),
    (f'format = 1\n{SEGMENT}gain_creators = [{{id = "gc1", text = "y", creates = {{g = 1}}}}]\n',
     "segments[0].gain_creators[0].creates", "should be an array of strings, not a table"),
    # relationship
    (f'format = 1\n{SEGMENT}[segments.relationship]\ntypes = "self-service"\n',
     "segments[0].relationship.types", "should be an array of strings, not a string"),
    (f'format = 1\n{SEGMENT}[segments.relationship]\nmotivations = [true]\n',
     "segments[0].relationship.motivations[0]", "should be a string, not a boolean"),
    (f'format = 1\n{SEGMENT}[segments.relationship]\nstatus = 1\n', "segments[0].relationship.status", "should be a string, not an integer"),
    (f'format = 1\n{SEGMENT}[segments.relationship]\ncost = ["low"]\n', "segments[0].relationship.cost", "should be a string, not an array"),
    (f'format = 1\n{SEGMENT}[segments.relationship]\nnotes = 1979-05-27\n', "segments[0].relationship.notes", "should be a string, not a date or time"),
    # channel
    (f'format = 1{CHANNEL}reach = true\n', "channels[0].reach", "should be a string, not a boolean"),
    (f'format = 1{CHANNEL}owner = 1\n', "channels[0].owner", "should be a string, not an integer"),
    (f'format = 1{CHANNEL}medium = ["online"]\n', "channels[0].medium", "should be a string, not an array"),
    (f'format = 1{CHANNEL}phases = "awareness"\n', "channels[0].phases", "should be an array of strings, not a string"),
    (f'format = 1{CHANNEL}segments = "commuters"\n', "channels[0].segments", "should be an array of strings, not a string"),
    (f'format = 1{CHANNEL}advantages = 1\n', "channels[0].advantages", "should be a string, not an integer"),
    (f'format = 1{CHANNEL}challenges = {{a = 1}}\n', "channels[0].challenges", "should be a string, not a table"),
]


@pytest.mark.parametrize(("text", "where", "message"), WRONG_TYPES, ids=[w for _, w, _ in WRONG_TYPES])
def test_wrong_types_are_refused_at_their_path(tmp_path, text, where, message):
    error = refuse(tmp_path, text)
    assert problem_at(error, where) == message


# --- enumerated values -------------------------------------------------------

ENUMERATED = [
    ("market", "segments[0].market", MARKETS, 'format = 1\n{segment}market = "{value}"\n'),
    ("types", "segments[0].relationship.types[0]", RELATIONSHIP_TYPES,
     'format = 1\n{segment}[segments.relationship]\ntypes = ["{value}"]\n'),
    ("motivations", "segments[0].relationship.motivations[0]", MOTIVATIONS,
     'format = 1\n{segment}[segments.relationship]\nmotivations = ["{value}"]\n'),
    ("status", "segments[0].relationship.status", STATUSES,
     'format = 1\n{segment}[segments.relationship]\nstatus = "{value}"\n'),
    ("cost", "segments[0].relationship.cost", COSTS,
     'format = 1\n{segment}[segments.relationship]\ncost = "{value}"\n'),
    ("reach", "channels[0].reach", REACHES, 'format = 1{channel}reach = "{value}"\n'),
    ("owner", "channels[0].owner", OWNERS, 'format = 1{channel}owner = "{value}"\n'),
    ("medium", "channels[0].medium", MEDIUMS, 'format = 1{channel}medium = "{value}"\n'),
    ("phases", "channels[0].phases[0]", PHASES, 'format = 1{channel}phases = ["{value}"]\n'),
    ("resume_at", "resume_at", STEP_IDS, 'format = 1\nresume_at = "{value}"\n'),
]


def enumerated_text(template: str, value: str) -> str:
    return template.format(segment=SEGMENT, channel=CHANNEL, value=value)


def test_the_enumerations_are_the_ones_format_1_lists():
    assert MARKETS == ("mass", "niche", "segmented", "diversified", "multi-sided")
    assert set(RELATIONSHIP_TYPES) == {
        "personal-assistance", "dedicated-personal-assistance", "self-service",
        "automated-services", "communities", "co-creation",
    }
    assert MOTIVATIONS == ("acquisition", "retention", "upselling")
    assert STATUSES == ("planned", "established")
    assert COSTS == ("low", "medium", "high")
    assert REACHES == ("direct", "indirect")
    assert OWNERS == ("own", "partner")
    assert MEDIUMS == ("online", "offline", "mixed")
    assert PHASES == ("awareness", "evaluation", "purchase", "delivery", "after-sales")
    assert STEP_IDS == ("segments", "value", "channels", "relationships", "fit")


@pytest.mark.parametrize(("key", "where", "values", "template"), ENUMERATED, ids=[e[0] for e in ENUMERATED])
def test_every_listed_value_loads(key, where, values, template):
    for value in values:
        load_text(enumerated_text(template, value))


@pytest.mark.parametrize("wrong", ["Mass", "unknown", "", " mass"])
@pytest.mark.parametrize(("key", "where", "values", "template"), ENUMERATED, ids=[e[0] for e in ENUMERATED])
def test_an_unknown_enumerated_value_is_refused(tmp_path, key, where, values, template, wrong):
    error = refuse(tmp_path, enumerated_text(template, wrong))
    message = problem_at(error, where)
    assert repr(wrong) in message
    assert all(value in message for value in values), "the message lists the allowed values"


# --- ids ---------------------------------------------------------------------


def test_duplicate_segment_ids_are_refused_at_the_second(tmp_path):
    error = refuse(tmp_path, f"format = 1\n{SEGMENT}{SEGMENT}")
    assert "used twice" in problem_at(error, "segments[1].id")
    assert places(error) == ["segments[1].id"]


def test_duplicate_channel_ids_are_refused(tmp_path):
    error = refuse(tmp_path, f"format = 1{CHANNEL}{CHANNEL}")
    assert places(error) == ["channels[1].id"]
    assert "'app' is used twice" in problem_at(error, "channels[1].id")


def test_a_segment_and_a_channel_may_share_an_id():
    canvas = load_text(f'format = 1\n{SEGMENT}\n[[channels]]\nid = "commuters"\nname = "C"\n')
    assert canvas.channels[0].id == canvas.segments[0].id == "commuters"


def test_duplicate_item_ids_within_a_list_are_refused(tmp_path):
    text = f'format = 1\n{SEGMENT}jobs = [{{id = "j1", text = "a"}}, {{id = "j1", text = "b"}}]\n'
    error = refuse(tmp_path, text)
    assert places(error) == ["segments[0].jobs[1].id"]


def test_item_ids_are_unique_across_the_lists_of_a_segment(tmp_path):
    text = f'format = 1\n{SEGMENT}jobs = [{{id = "x1", text = "a"}}]\npains = [{{id = "x1", text = "b"}}]\n'
    error = refuse(tmp_path, text)
    assert places(error) == ["segments[0].pains[0].id"]


def test_two_segments_may_use_the_same_item_ids():
    text = (
        'format = 1\n[[segments]]\nid = "a"\nname = "A"\njobs = [{id = "j1", text = "x"}]\n'
        '[[segments]]\nid = "b"\nname = "B"\njobs = [{id = "j1", text = "y"}]\n'
    )
    canvas = load_text(text)
    assert [s.jobs[0].id for s in canvas.segments] == ["j1", "j1"]


@pytest.mark.parametrize("bad_id", ["Commuters", "morning commuters", "café", "a_b", "a.b", "ü"])
def test_segment_ids_hold_only_lowercase_letters_digits_and_dashes(tmp_path, bad_id):
    error = refuse(tmp_path, f'format = 1\n[[segments]]\nid = "{bad_id}"\nname = "A"\n')
    assert "lowercase letters, digits and '-'" in problem_at(error, "segments[0].id")


@pytest.mark.parametrize("bad_id", ["App", "pre order", "app!"])
def test_channel_ids_hold_only_lowercase_letters_digits_and_dashes(tmp_path, bad_id):
    error = refuse(tmp_path, f'format = 1\n[[channels]]\nid = "{bad_id}"\nname = "A"\n')
    assert "lowercase letters, digits and '-'" in problem_at(error, "channels[0].id")


@pytest.mark.parametrize("good_id", ["a", "2024", "multi-sided-2", "-odd-but-allowed-"])
def test_ids_of_letters_digits_and_dashes_load(good_id):
    canvas = load_text(f'format = 1\n[[segments]]\nid = "{good_id}"\nname = "A"\n')
    assert canvas.segments[0].id == good_id


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('format = 1\n[[segments]]\nname = "A"\n', "segments[0].id"),
        ('format = 1\n[[segments]]\nid = "a"\n', "segments[0].name"),
        ('format = 1\n[[channels]]\nname = "A"\n', "channels[0].id"),
        ('format = 1\n[[channels]]\nid = "a"\n', "channels[0].name"),
        (f'format = 1\n{SEGMENT}jobs = [{{text = "x"}}]\n', "segments[0].jobs[0].id"),
        (f'format = 1\n{SEGMENT}jobs = [{{id = "j1"}}]\n', "segments[0].jobs[0].text"),
    ],
)
def test_required_keys(tmp_path, text, where):
    error = refuse(tmp_path, text)
    assert problem_at(error, where) == "is required"
    assert places(error) == [where]


def test_two_items_without_ids_are_each_reported_once(tmp_path):
    error = refuse(tmp_path, f'format = 1\n{SEGMENT}jobs = [{{text = "a"}}, {{text = "b"}}]\n')
    assert places(error) == ["segments[0].jobs[0].id", "segments[0].jobs[1].id"]


# --- empty names and texts ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('format = 1\n[[segments]]\nid = "a"\nname = ""\n', "segments[0].name"),
        ('format = 1\n[[segments]]\nid = "a"\nname = "  \\t "\n', "segments[0].name"),
        ('format = 1\n[[channels]]\nid = "a"\nname = " "\n', "channels[0].name"),
        (f'format = 1\n{SEGMENT}pains = [{{id = "p1", text = ""}}]\n', "segments[0].pains[0].text"),
        (f'format = 1\n{SEGMENT}gain_creators = [{{id = "gc1", text = "\\n"}}]\n', "segments[0].gain_creators[0].text"),
        ('format = 1\n[[segments]]\nid = ""\nname = "A"\n', "segments[0].id"),
        (f'format = 1\n{SEGMENT}jobs = [{{id = "", text = "x"}}]\n', "segments[0].jobs[0].id"),
    ],
)
def test_names_texts_and_ids_must_not_be_empty(tmp_path, text, where):
    error = refuse(tmp_path, text)
    assert problem_at(error, where) == "must not be empty"
    assert places(error) == [where]


# --- links -------------------------------------------------------------------

PROFILE = """
jobs = [{ id = "j1", text = "Get to work" }]
pains = [{ id = "p1", text = "Queues" }, { id = "p2", text = "Cold coffee" }]
gains = [{ id = "g1", text = "Ready on arrival" }]
"""


def test_a_link_to_an_id_that_does_not_exist_is_refused_at_its_path(tmp_path):
    text = (
        f'format = 1\n{SEGMENT}\n[[segments]]\nid = "offices"\nname = "Offices"\n{PROFILE}'
        'pain_relievers = [{ id = "pr1", text = "No queue", relieves = ["p1", "p9", "p2"] }]\n'
    )
    error = refuse(tmp_path, text)
    assert places(error) == ["segments[1].pain_relievers[0].relieves[1]"]
    assert "'p9'" in problem_at(error, "segments[1].pain_relievers[0].relieves[1]")


@pytest.mark.parametrize(
    ("offer", "where"),
    [
        ('products = [{ id = "ps1", text = "Coffee", serves = ["j2"] }]', "segments[0].products[0].serves[0]"),
        ('gain_creators = [{ id = "gc1", text = "Timer", creates = ["g1", "g7"] }]', "segments[0].gain_creators[0].creates[1]"),
        # A link must point at the right list: a product serves jobs, not pains.
        ('products = [{ id = "ps1", text = "Coffee", serves = ["p1"] }]', "segments[0].products[0].serves[0]"),
        ('pain_relievers = [{ id = "pr1", text = "Fast", relieves = ["j1"] }]', "segments[0].pain_relievers[0].relieves[0]"),
    ],
)
def test_links_point_only_at_items_of_the_list_they_address(tmp_path, offer, where):
    error = refuse(tmp_path, f"format = 1\n{SEGMENT}{PROFILE}{offer}\n")
    assert places(error) == [where]


def test_links_point_only_at_items_of_the_same_segment(tmp_path):
    text = (
        f"format = 1\n{SEGMENT}{PROFILE}"
        '[[segments]]\nid = "offices"\nname = "Offices"\n'
        'pain_relievers = [{ id = "pr1", text = "Fast", relieves = ["p1"] }]\n'
    )
    error = refuse(tmp_path, text)
    assert places(error) == ["segments[1].pain_relievers[0].relieves[0]"]


def test_link_paths_count_every_entry_of_the_file(tmp_path):
    # A bad entry before a bad link must not shift the link's reported place.
    text = (
        f"format = 1\n{SEGMENT}{PROFILE}"
        'pain_relievers = ["not a table", { id = "pr1", text = "Fast", relieves = [3, "p9"] }]\n'
    )
    error = refuse(tmp_path, text)
    assert places(error) == [
        "segments[0].pain_relievers[0]",
        "segments[0].pain_relievers[1].relieves[0]",
        "segments[0].pain_relievers[1].relieves[1]",
    ]


def test_links_to_existing_items_load_in_their_order():
    text = (
        f"format = 1\n{SEGMENT}{PROFILE}"
        'pain_relievers = [{ id = "pr1", text = "Fast", relieves = ["p2", "p1"] }]\n'
    )
    assert load_text(text).segments[0].pain_relievers[0].links == ["p2", "p1"]


def test_a_channel_naming_an_unknown_segment_is_refused(tmp_path):
    text = f'format = 1\n{SEGMENT}{CHANNEL}segments = ["commuters", "offices"]\n'
    error = refuse(tmp_path, text)
    assert places(error) == ["channels[0].segments[1]"]
    assert "'offices'" in problem_at(error, "channels[0].segments[1]")


def test_duplicate_ids_are_reported_at_their_place_after_a_bad_entry(tmp_path):
    text = 'format = 1\nsegments = ["x", {id = "a", name = "A"}, {id = "a", name = "B"}]\n'
    error = refuse(tmp_path, text)
    assert places(error) == ["segments[0]", "segments[2].id"]


# --- many problems at once ---------------------------------------------------


def test_every_problem_is_reported_in_one_go(tmp_path):
    text = """format = 1
title = 1
resume_at = "later"

[[segments]]
id = "Commuters"
name = ""
market = "huge"
jobs = [{ id = "j1", text = "Work" }, { id = "j1", text = "Eat" }]
products = [{ id = "ps1", text = "Coffee", serves = ["j1", "j5"] }]

[segments.relationship]
types = ["self-service", "telepathy"]
cost = "free"

[[channels]]
id = "app"
name = "App"
phases = ["awareness", "later"]
segments = ["nobody"]
"""
    error = refuse(tmp_path, text)
    assert sorted(places(error)) == sorted([
        "segments[0].id",
        "segments[0].name",
        "segments[0].market",
        "segments[0].jobs[1].id",
        "segments[0].products[0].serves[1]",
        "segments[0].relationship.types[1]",
        "segments[0].relationship.cost",
        "channels[0].phases[1]",
        "channels[0].segments[0]",
        "title",
        "resume_at",
    ])
    # One line per problem, under the line naming the file.
    lines = str(error).splitlines()
    assert str(tmp_path / "canvas.toml") in lines[0]
    assert len(lines) == 1 + len(error.problems)


def test_opening_a_bad_file_as_a_document_leaves_it_untouched(tmp_path):
    path = write(tmp_path, 'format = 1\n[[segments]]\nid = "A B"\nname = "x"\n')
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(CanvasError):
        CanvasDocument.open(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert [p.name for p in tmp_path.iterdir()] == ["canvas.toml"]


# --- any valid layout loads --------------------------------------------------

INLINE = """
format = 1
title = "Cart"
[[segments]]
id = "commuters"
name = "Commuters"
jobs = [{ id = "j1", text = "Work" }, { id = "j2", text = "Eat" }]
products = [{ id = "ps1", text = "Coffee", serves = ["j2", "j1"] }]
relationship = { types = ["self-service"], cost = "low" }
[[channels]]
id = "app"
name = "App"
phases = ["purchase", "awareness"]
segments = ["commuters"]
"""

ARRAY_TABLES = """
format = 1
title = "Cart"

[[segments]]
name = "Commuters"
id = "commuters"

[[segments.products]]
serves = ["j2", "j1"]
text = "Coffee"
id = "ps1"

[[segments.jobs]]
id = "j1"
text = "Work"

[[segments.jobs]]
text = "Eat"
id = "j2"

[segments.relationship]
cost = "low"
types = ["self-service"]

[[channels]]
segments = ["commuters"]
phases = ["purchase", "awareness"]
name = "App"
id = "app"
"""

DOTTED_KEYS_CHANNELS_FIRST = """
channels = [{ id = "app", name = "App", phases = ["purchase", "awareness"], segments = ["commuters"] }]
title = "Cart"

[[segments]]
id = "commuters"
relationship.cost = "low"
relationship.types = ["self-service"]
name = "Commuters"
products = [{ id = "ps1", text = "Coffee", serves = ["j2", "j1"] }]
jobs = [
  { id = "j1", text = "Work" },
  { id = "j2", text = "Eat" },
]

[meta]
note = "a table after the segments"
"""


def test_any_valid_layout_loads_to_the_same_canvas():
    inline = load_text(INLINE)
    assert load_text(ARRAY_TABLES) == inline
    other = load_text("format = 1\n" + DOTTED_KEYS_CHANNELS_FIRST)
    assert other.extra == {"meta": {"note": "a table after the segments"}}
    other.extra = {}
    assert other == inline
    segment = inline.segments[0]
    assert [j.text for j in segment.jobs] == ["Work", "Eat"]
    assert segment.products[0].links == ["j2", "j1"]
    assert segment.relationship.types == ["self-service"]
    assert inline.channels[0].phases == ["purchase", "awareness"]


def test_the_bundled_example_loads(example_path):
    canvas = load_canvas(example_path)
    assert [s.id for s in canvas.segments] == ["commuters", "offices"]
    assert [s.market for s in canvas.segments] == ["mass", "niche"]
    assert len(canvas.channels) == 3


def test_the_example_in_docs_format_md_loads():
    blocks = re.findall(r"```toml\n(.*?)```", DOCS_FORMAT.read_text(encoding="utf-8"), re.S)
    assert blocks, "docs/format.md shows an example canvas"
    canvas = load_text(blocks[-1])
    assert canvas.segments and canvas.channels
    assert canvas.resume_at in STEP_IDS


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbfformat = 1\ntitle = \"Cart\"\n")
    from bmc_tui.core import load_canvas

    assert load_canvas(path).title == "Cart"
