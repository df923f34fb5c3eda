"""Strips that make their caches when first used.

A Strip is one line of a widget's drawing. Textual 8.2's Strip makes seven FIFOCaches as
it is made (about 900 bytes: an object and a dict each), and most strips never use one:
the two step screens the app keeps held some 1300 strips, 1.2 MB of empty caches, a
quarter of what the app held beyond a bare Textual app (issue 9's memory target). Here
each cache is made on first use, as Textual's own Content does with its divide cache;
what a strip caches, and for how long, is unchanged.

This replaces a private part of Textual (Strip.__init__ and its cache slots): pinned in
tests/test_lean_strips.py, which fails if a Textual upgrade changes either.
"""

from __future__ import annotations

from textual.cache import FIFOCache
from textual.strip import Strip

# Strip's caches and the size Textual gives each (Strip.__init__).
CACHE_SIZES = {
    "_divide_cache": 4,
    "_crop_cache": 16,
    "_style_cache": 16,
    "_filter_cache": 4,
    "_line_length_cache": 4,
    "_crop_extend_cache": 4,
    "_offsets_cache": 4,
}

TEXTUAL_INIT = Strip.__init__


class CacheOnFirstUse:
    """Stands for one of Strip's cache slots: the strip's cache, made when first read."""

    __slots__ = ("slot", "size")

    def __init__(self, slot, size: int) -> None:
        self.slot = slot  # Textual's descriptor of the slot
        self.size = size

    def __get__(self, strip: Strip | None, owner: type | None = None):
        if strip is None:
            return self
        try:
            return self.slot.__get__(strip, owner)
        except AttributeError:  # not used yet
            cache = FIFOCache(self.size)
            self.slot.__set__(strip, cache)
            return cache

    def __set__(self, strip: Strip, cache: FIFOCache) -> None:
        self.slot.__set__(strip, cache)


def _init_without_caches(self: Strip, segments, cell_length: int | None = None) -> None:
    # Textual's Strip.__init__ less the seven caches.
    self._segments = list(segments)
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def use_lean_strips() -> None:
    """From now on every Strip makes its caches when first used (once is enough)."""
    if isinstance(Strip.__dict__["_crop_cache"], CacheOnFirstUse):
        return

    def on_first_use(name: str) -> CacheOnFirstUse:
        return CacheOnFirstUse(Strip.__dict__[name], CACHE_SIZES[name])

    Strip._divide_cache = on_first_use("_divide_cache")
    Strip._crop_cache = on_first_use("_crop_cache")
    Strip._style_cache = on_first_use("_style_cache")
    Strip._filter_cache = on_first_use("_filter_cache")
    Strip._line_length_cache = on_first_use("_line_length_cache")
    Strip._crop_extend_cache = on_first_use("_crop_extend_cache")
    Strip._offsets_cache = on_first_use("_offsets_cache")
    Strip.__init__ = _init_without_caches
