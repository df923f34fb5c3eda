"""Strips make their caches on first use (tui/lean_strips.py), and cache as Textual's do."""

from __future__ import annotations

import ast
import gc
import inspect
import textwrap

from rich.segment import Segment
from rich.style import Style
from textual.cache import FIFOCache
from textual.color import Color
from textual.filter import DimFilter
from textual.strip import Strip

from bmc_tui.tui import lean_strips
from bmc_tui.tui.app import make_app
from bmc_tui.tui.lean_strips import CACHE_SIZES, use_lean_strips


def caches_of(strip: Strip) -> list[FIFOCache]:
    return [held for held in gc.get_referents(strip) if isinstance(held, FIFOCache)]


def a_strip() -> Strip:
    return Strip([Segment("Morning "), Segment("commuters", Style(bold=True))])


def test_the_app_makes_strips_lean(example_path):
    make_app(example_path)
    assert caches_of(a_strip()) == []


def test_a_strip_makes_each_cache_when_first_used_and_keeps_it():
    use_lean_strips()
    strip = a_strip()
    cropped = strip.crop(0, 7)
    assert cropped.text == "Morning"
    assert strip.crop(0, 7) is cropped  # cached, as Textual's strips cache it
    assert [cache._maxsize for cache in caches_of(strip)] == [CACHE_SIZES["_crop_cache"]]


def test_every_cache_works_as_textuals():
    use_lean_strips()
    strip = a_strip()
    style = Style(color="red")
    dim = DimFilter()
    calls = [
        lambda: strip.divide([3, 8, 17]),
        lambda: strip.crop(2, 12),
        lambda: strip.apply_style(style),
        lambda: strip.apply_filter(dim, Color(0, 0, 0)),
        lambda: strip.adjust_cell_length(20),
        lambda: strip.crop_extend(4, 20, None),
        lambda: strip.apply_offsets(1, 2),
    ]
    first = [call() for call in calls]
    assert [call() for call in calls] == first
    assert all(again is done for again, done in zip((call() for call in calls[1:]), first[1:]))
    assert [part.text for part in first[0]] == ["Mor", "ning ", "commuters"]
    assert first[1].text == "rning comm"
    assert first[4].cell_length == 20 and first[5].text == "ing commuters   "
    assert len(caches_of(strip)) == len(CACHE_SIZES)


def test_textuals_strip_is_the_one_lean_strips_replaces():
    # Pinned: a Textual upgrade that changes Strip's slots or what its __init__ sets
    # fails here; lean_strips.py must then be checked against the new Strip.
    assert Strip.__slots__ == [
        "_segments", "_cell_length", "_divide_cache", "_crop_cache", "_style_cache",
        "_filter_cache", "_render_cache", "_line_length_cache", "_crop_extend_cache",
        "_offsets_cache", "_link_ids", "_cell_count",
    ]
    source = textwrap.dedent(inspect.getsource(lean_strips.TEXTUAL_INIT))
    (function,) = ast.parse(source).body
    caches, others = {}, {}
    for statement in function.body:
        assert isinstance(statement, ast.AnnAssign | ast.Assign)
        target = statement.target if isinstance(statement, ast.AnnAssign) else statement.targets[0]
        value = ast.unparse(statement.value)
        if value.startswith("FIFOCache("):
            caches[target.attr] = int(value.removeprefix("FIFOCache(").removesuffix(")"))
        else:
            others[target.attr] = value
    assert caches == CACHE_SIZES
    assert others == {
        "_segments": "list(segments)", "_cell_length": "cell_length",
        "_render_cache": "None", "_link_ids": "None", "_cell_count": "None",
    }
