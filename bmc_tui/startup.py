"""The garbage collector through start-up, shared by the full-screen app and the line mode.

Start-up allocates a great deal (Textual or questionary, the flow, the canvas) and frees
almost nothing: a collector running at Python's thresholds walks that growing heap again
and again, about a tenth of the time to the first screen. So it is off while the program
loads, and on again once the first screen or question is up. What was loaded is set aside
for good (``gc.freeze``) before the first screen is built: it lives as long as the
program, and later full collections (which would also walk every entry of a large
canvas) stay short.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

# Python's defaults are 700, 10, 10. Rarer: on a large canvas a collection landed in a
# keystroke's frames and put off the next by 30 ms; the app collects a dropped step's
# screen itself (BmcApp._settle), and Python's own thresholds measured no less memory.
GC_THRESHOLDS = (10_000, 50, 100)


@contextmanager
def loading() -> Iterator[None]:
    """Run the program with the collector off until ``loaded`` (or, at the latest, the end)."""
    gc.disable()
    try:
        yield
    finally:
        if not gc.isenabled():
            loaded()


def asyncio_without_tls() -> None:
    """Load asyncio without its TLS support. asyncio imports ssl, and with it OpenSSL (3.4
    MiB resident, a tenth of the app's memory, and 3-5 ms of each start), for secure
    connections that neither the screen nor the line mode ever opens. A later ``import
    ssl`` still works; only asyncio's TLS is missing in this process. Nothing if asyncio or
    ssl is loaded already (a test run, or a program embedding this one)."""
    if "asyncio" in sys.modules or "ssl" in sys.modules:
        return
    sys.modules["ssl"] = None  # type: ignore[assignment]  # "import ssl" fails: asyncio does without
    try:
        import asyncio  # noqa: F401
    finally:
        if "ssl" in sys.modules and sys.modules["ssl"] is None:
            del sys.modules["ssl"]


def set_aside() -> None:
    """What is loaded by now lives as long as the program: out of the collector's way for
    good. Before the first screen is built: a screen is dropped later, and must be freed."""
    gc.freeze()


def loaded() -> None:
    """Start-up is over: free what it left behind since ``set_aside`` (the part set aside
    is not walked) and let the collector run."""
    gc.collect()
    gc.set_threshold(*GC_THRESHOLDS)
    gc.enable()
