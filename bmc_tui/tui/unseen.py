"""A screen built, laid out and drawn while it is not on show.

Building a step's screen (its widgets mounted and styled, laid out, their lines drawn) is
most of a first visit: 60-100 ms against 15 for coming back to a screen built before. The
app builds the next step's screen this way while the user is on the current one, so that
Ctrl+N to a step never seen costs what a return visit does. Nothing reaches the terminal:
a screen that is not the current one is never drawn out. ``lay_out_until_settled`` also
lays out a step switch's held frame, which is then drawn at once (BmcApp._draw_when_mounted).

Textual 8.2 has no public call for it: ``App._register`` is what ``switch_mode`` uses to
start a mode's screen, ``Screen._refresh_layout`` what it uses to lay one out
(tests/test_unseen.py pins both).
"""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import AwaitMount


# Layouts at most, for sizes that change with the first (a list's scrollbar, a field's
# height), and the turns of the event loop that let the widgets' Resize handlers run.
LAYOUTS = 3
HANDLER_TURNS = 3


async def build_unseen(app: App, screen: Screen) -> None:
    """Mount ``screen``, not on show, lay it out at the app's size and draw its lines into
    its widgets' caches, where showing it later finds them."""
    await AwaitMount(screen, app._register(app, screen))
    await lay_out_until_settled(screen, app.size)
    screen._dirty_widgets.clear()  # all drawn now, and all drawn again once shown
    screen._compositor.render_update(full=True)


async def lay_out_until_settled(screen: Screen, size: Size) -> None:
    """Lay ``screen`` out at ``size`` until its widgets, told their sizes, change nothing
    more: drawn then, it is drawn once."""
    for _ in range(LAYOUTS):
        await _let_handlers_run()
        if not screen._layout_required:
            break
        # Cleared as Textual clears it after a layout: else the next update lays it out again.
        screen._layout_required = False
        screen._refresh_layout(size)


async def _let_handlers_run() -> None:
    for _ in range(HANDLER_TURNS):
        await asyncio.sleep(0)
