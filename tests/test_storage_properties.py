"""Property tests: any canvas survives a save and a load; nothing makes the loader crash."""

from __future__ import annotations

import datetime as dt

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bmc_tui.core import (
    COSTS,
    ITEM_KINDS,
    MARKETS,
    MEDIUMS,
    MOTIVATIONS,
    OWNERS,
    PHASES,
    REACHES,
    RELATIONSHIP_TYPES,
    STATUSES,
    STEP_IDS,
    WORTHS,
    Canvas,
    CanvasError,
    Channel,
    Item,
    Relationship,
    Segment,
    dump_canvas,
    load_canvas,
    parse_canvas,
    save_canvas,
)
from bmc_tui.core.storage import _CHANNEL_KEYS, _RELATIONSHIP_KEYS, _SEGMENT_KEYS

SETTINGS = settings(
    max_examples=150, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Pieces that are hard to write as TOML or easy to lose on the way: scripts written
# right to left, CJK, emoji sequences, combining marks, quotes, backslashes, every
# kind of line end, and control characters (the file must keep them exactly).
AWKWARD = [
    "שלום", "مرحبا بالعالم", "\u202eevil\u202c", "日本語のテキスト", "한국어", "中文",
    "👩\u200d👩\u200d👧", "🏳️\u200d🌈", "e\u0301", "\u0915\u094d\u0937", "Z\u0351\u0352\u0353",
    "'", "''", "'''", '"', '""', '"""', "\\", "\\n", "\\u0041", "${x}", "[b]x[/b]", "[/]",
    "\n", "\r\n", "\r", "\t", "\x00", "\x07", "\x1b", "\x1b]0;title\x07", "\x1b[?1049l",
    "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\ufeff", "\ufffd", "\U0010fffd",
    " ", "  leading and trailing  ", "#", "=", "a.b", "x" * 5000,
]

texts = st.lists(
    st.one_of(st.sampled_from(AWKWARD), st.text(st.characters(codec="utf-8"), max_size=12)),
    max_size=6,
).map("".join)
# Names and item texts may not be blank; anything around a visible character will do.
names = st.builds(lambda before, core, after: before + core + after,
                  texts, st.sampled_from(["a", "é", "日", "👍", "\\", '"']), texts)
segment_ids = st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True)
item_ids = st.one_of(st.from_regex(r"(j|p|g|ps|pr|gc)[0-9]{1,3}", fullmatch=True), names)


def choices(values: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), max_size=len(values) + 1)


def one_of_or_empty(values: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(("",) + values)


# --- TOML values, for the keys of your own ----------------------------------------

toml_scalars = st.one_of(
    texts,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.times(),
    st.datetimes(),
    st.datetimes(timezones=st.sampled_from([
        dt.timezone.utc, dt.timezone(dt.timedelta(hours=5, minutes=30)),
        dt.timezone(dt.timedelta(hours=-8)),
    ])),
)
toml_keys = st.one_of(texts, st.sampled_from(["id", "name", "segments", "format", "jobs"]))
toml_values = st.recursive(
    toml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(toml_keys, children, max_size=3)
    ),
    max_leaves=8,
)


def extras(known: tuple[str, ...]) -> st.SearchStrategy[dict]:
    return st.dictionaries(
        toml_keys.filter(lambda key: key not in known), toml_values, max_size=3
    )


# --- canvases ------------------------------------------------------------------------


@st.composite
def segments(draw, segment_id: str) -> Segment:
    segment = Segment(
        id=segment_id,
        name=draw(names),
        description=draw(texts),
        market=draw(one_of_or_empty(MARKETS)),
        worth=draw(one_of_or_empty(WORTHS)),
        relationship=draw(relationships()),
        extra=draw(extras(_SEGMENT_KEYS)),
    )
    ids = draw(st.lists(item_ids, unique=True, max_size=12))
    kinds = draw(st.lists(st.sampled_from(list(ITEM_KINDS)), min_size=len(ids), max_size=len(ids)))
    # Profile lists first, so that offer items can link to what exists.
    for kind in ITEM_KINDS.values():
        mine = [item_id for item_id, its in zip(ids, kinds) if its == kind.key]
        targets = [item.id for item in segment.items(kind.target)] if kind.target else []
        known = ("id", "text") + ((kind.link_key,) if kind.link_key else ())
        setattr(segment, kind.key, [
            Item(
                item_id, draw(names),
                draw(st.lists(st.sampled_from(targets), max_size=4)) if targets else [],
                draw(extras(known)),
            )
            for item_id in mine
        ])
    return segment


@st.composite
def relationships(draw) -> Relationship:
    types = draw(choices(RELATIONSHIP_TYPES))
    relationship = Relationship(
        types=types,
        motivations=draw(choices(MOTIVATIONS)),
        stated_status=draw(one_of_or_empty(STATUSES)),
        cost=draw(one_of_or_empty(COSTS)),
        notes=draw(texts),
        expected=draw(choices(RELATIONSHIP_TYPES)),
        established=draw(st.lists(st.sampled_from(types), unique=True)) if types else [],
        extra=draw(extras(_RELATIONSHIP_KEYS)),
    )
    if types:
        relationship.stated_status = ""  # with types, the file's status is theirs, not stated
    return relationship


@st.composite
def canvases(draw) -> Canvas:
    ids = draw(st.lists(segment_ids, unique=True, max_size=3))
    channel_ids = draw(st.lists(segment_ids, unique=True, max_size=3))
    return Canvas(
        title=draw(texts),
        resume_at=draw(one_of_or_empty(STEP_IDS)),
        segments=[draw(segments(segment_id)) for segment_id in ids],
        channels=[
            Channel(
                id=channel_id,
                name=draw(names),
                reach=draw(one_of_or_empty(REACHES)),
                owner=draw(one_of_or_empty(OWNERS)),
                medium=draw(one_of_or_empty(MEDIUMS)),
                cost=draw(one_of_or_empty(COSTS)),
                phases=draw(choices(PHASES)),
                segments=draw(st.lists(st.sampled_from(ids), max_size=3)) if ids else [],
                advantages=draw(texts),
                challenges=draw(texts),
                extra=draw(extras(_CHANNEL_KEYS)),
            )
            for channel_id in channel_ids
        ],
        extra=draw(extras(("format", "title", "resume_at", "segments", "channels"))),
    )


@SETTINGS
@given(canvas=canvases())
def test_any_canvas_survives_save_then_load(tmp_path_factory, canvas):
    path = tmp_path_factory.mktemp("round") / "canvas.toml"
    save_canvas(canvas, path)
    assert load_canvas(path) == canvas
    # A second save of what was loaded writes the same bytes: nothing drifts.
    first = path.read_bytes()
    save_canvas(load_canvas(path), path)
    assert path.read_bytes() == first


# --- the loader fails only with CanvasError --------------------------------------------


def loads_or_refuses(raw: bytes) -> None:
    try:
        parse_canvas(raw, "fuzz.toml")
    except CanvasError as error:
        assert error.problems, "a refusal names at least one problem"
        assert all(problem.where and problem.message for problem in error.problems)


@SETTINGS
@given(raw=st.binary(max_size=2000))
def test_random_bytes_load_or_are_refused(raw):
    loads_or_refuses(raw)


@SETTINGS
@given(raw=st.binary(max_size=200), prefix=st.sampled_from([b"", b"format = 1\n"]))
def test_random_bytes_after_a_valid_start_load_or_are_refused(raw, prefix):
    loads_or_refuses(prefix + raw)


# Documents shaped like a canvas, often: the keys of format 1 with any values.
CANVAS_KEYS = sorted(
    {"format", "title", "resume_at", "segments", "channels", "relationship", "types", "status",
     *_SEGMENT_KEYS, *_CHANNEL_KEYS, *_RELATIONSHIP_KEYS, "text", "serves", "relieves", "creates"}
)
canvas_like_values = st.recursive(
    st.one_of(toml_scalars, st.sampled_from([1, 2, 0, "j1", "p1", "mass", "s", ""])),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(CANVAS_KEYS), toml_keys), children, max_size=5),
    ),
    max_leaves=20,
)


@SETTINGS
@given(document=st.dictionaries(
    st.one_of(st.sampled_from(CANVAS_KEYS), toml_keys), canvas_like_values, max_size=6,
))
def test_random_toml_documents_load_or_are_refused(document):
    loads_or_refuses(tomli_w.dumps(document).encode())


@SETTINGS
@given(canvas=canvases(), data=st.data())
def test_a_damaged_canvas_file_loads_or_is_refused(canvas, data):
    raw = bytearray(dump_canvas(canvas).encode())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        byte = data.draw(st.sampled_from(b"[]{}\"'=\\\n#.,x0 \xff\xc3"))
        if action == "insert":
            raw[at:at] = bytes([byte])
        elif at < len(raw):
            raw[at:at + 1] = b"" if action == "delete" else bytes([byte])
    loads_or_refuses(bytes(raw))


@SETTINGS
@given(depth=st.integers(1, 3000), opener=st.sampled_from(["[", "{a = "]))
def test_any_nesting_loads_or_is_refused_and_what_loads_saves(tmp_path_factory, depth, opener):
    closer = "]" if opener == "[" else "}"
    inner = "" if opener == "[" else "1"
    text = "format = 1\nx = " + opener * depth + inner + closer * depth + "\n"
    try:
        canvas = parse_canvas(text.encode())
    except CanvasError:
        return
    path = tmp_path_factory.mktemp("nest") / "canvas.toml"
    save_canvas(canvas, path)
    assert load_canvas(path) == canvas
