"""Keys handled one at a time, in the order typed, each where the focus is by then.

Over a slow SSH link keys arrive in bursts. Textual hands every key of a burst to the
focused widget at once; letters are handled there, bound keys (Enter, Tab, Ctrl+N) only
once they have bubbled up to the app, and a focus change waits in the app's queue. So
``job⏎next`` could add "jobnext", and the keys after a Tab or a step switch went to the
widget that had the focus when they arrived.

Here the app hands on one key (or paste), then waits until it has been handled before it
hands on the next. "Handled" is seen through Textual's own queues, in order: a marker
posted to the key's widget right behind the key bubbles up the same way, so when it
reaches the app, every widget on the way has handled the key, and the app has run its
binding. What those handlers posted in turn (Input.Submitted after Enter, then the list's
Added, then a focus change) is one step further on: further markers follow it, the
first from where the focus is by then. Nothing waits for a time: a marker whose widget
was removed before the marker got there (a dialog a key closed) is given up on.
"""

from __future__ import annotations

from collections import deque

from textual import events, on
from textual.app import App, ScreenStackError
from textual.dom import DOMNode
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

# Markers sent behind each key: one for the key itself, then one for each further
# message it sets off (Enter: Submitted, then the list's Added, then a focus change).
ROUNDS = 3
# More while the focus or the screen keeps changing (a step switch, a list filling up).
MAX_ROUNDS = 8
# A marker whose widget was removed on its way (a dialog a key closed) may never come
# back: this often, the app looks whether its widget is still there.
LOST_MARKER_CHECK = 0.25


class KeySettled(Message):
    """Posted behind a key; back at the app, what came before it has been handled."""

    def __init__(self, serial: int) -> None:
        super().__init__()
        self.serial = serial


class KeysInOrder(App[None]):
    """An app that handles each key (and paste) only after the one before it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._waiting_keys: deque[events.Key | events.Paste] = deque()
        self._marker_serial = 0
        self._marker_out = False
        self._rounds = 0
        self._marked_at: tuple[DOMNode, DOMNode | None] | None = None
        self._marker_target: DOMNode | None = None
        self._lost_marker: Timer | None = None

    @property
    def handling_keys(self) -> bool:
        """True while a key is being handled or keys wait for their turn."""
        return self._marker_out or bool(self._waiting_keys)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._waiting_keys.append(event)
            if not self._marker_out:
                await self._hand_on_next_key()
            return
        await super().on_event(event)

    async def _hand_on_next_key(self) -> None:
        if not self.is_running:  # quitting: the screens are being closed
            self._waiting_keys.clear()
        while self._waiting_keys and not self._marker_out:
            key = self._waiting_keys.popleft()
            # A letter for a text field is inserted there and does nothing else: the next
            # key can follow at once (typing costs nothing more than in plain Textual).
            into_field = isinstance(key, events.Key) and key.is_printable and isinstance(self.focused, Input)
            # Textual's own handling: priority bindings, then the focused widget.
            await super().on_event(key)
            if not into_field:
                self._rounds = 0
                self._post_marker()

    def _where(self) -> tuple[DOMNode, DOMNode | None] | None:
        """The screen and the focused widget; None while there is no screen (quitting)."""
        try:
            return self.screen, self.screen.focused
        except ScreenStackError:
            return None

    def _post_marker(self) -> None:
        self._marker_serial += 1
        self._rounds += 1
        self._marked_at = self._where()
        if self._marked_at is None:
            self._marker_out = False
            return
        screen, focused = self._marked_at
        self._marker_target = focused or screen
        self._marker_out = self._marker_target.post_message(KeySettled(self._marker_serial))
        if not self._marker_out:
            return
        if self._lost_marker is None:
            self._lost_marker = self.set_interval(LOST_MARKER_CHECK, self._marker_lost, pause=True)
        self._lost_marker.resume()

    @on(KeySettled)
    async def _key_settled(self, message: KeySettled) -> None:
        message.stop()
        if message.serial != self._marker_serial or not self._marker_out:
            return  # given up on already
        moved = self._marked_at != self._where()
        if self._rounds < ROUNDS or (moved and self._rounds < MAX_ROUNDS):
            self._post_marker()
            if self._marker_out:
                return
        await self._next_key()

    async def _marker_lost(self) -> None:
        # While its widget is there the marker is on its way, however slow (a big step
        # being built); gone, it may have been dropped with the widget's queue.
        target = self._marker_target
        if self._marker_out and (target is None or not target.is_attached):
            await self._next_key()

    async def _next_key(self) -> None:
        self._marker_out = False
        if self._lost_marker is not None:
            self._lost_marker.pause()
        await self._hand_on_next_key()
