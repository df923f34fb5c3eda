"""The command palette (Ctrl+K): every step to go to, and what the current screen can do now.

Texts come from the flow and the canvas: they are shown literally, never read as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.dom import DOMNode

from ...core.text import visible_line

if TYPE_CHECKING:
    from ..app import BmcApp


def own_bindings(node: DOMNode) -> Iterator[Binding]:
    """The bindings bmc-tui's own classes give this node: Textual's own (cursor moves,
    copy) would drown them."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("bmc_tui."):
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    yield binding


@dataclass(frozen=True)
class PaletteCommand:
    text: str
    help: str
    run: Callable[[], object]


class InterviewCommands(Provider):
    """The steps of the flow, then the keys of the current screen that can act now."""

    @property
    def bmc(self) -> BmcApp:
        return cast("BmcApp", self.app)

    def commands(self) -> Iterator[PaletteCommand]:
        bmc = self.bmc
        for number, step in enumerate(bmc.flow.steps, start=1):
            yield PaletteCommand(
                f"Step {number}: {visible_line(step.title)}", "Go to this step",
                partial(bmc.go_to_step, step.id),
            )
        seen: set[str] = {"canvas_view"}  # offered below, in words of its own
        for node, binding, enabled, _ in self.screen.active_bindings.values():
            action = binding.action
            if not enabled or not binding.description or action in seen or action == "command_palette":
                continue
            if action not in {own.action for own in own_bindings(node)}:
                continue
            seen.add(action)
            yield PaletteCommand(
                visible_line(binding.description), f"Key: {bmc.get_key_display(binding)}",
                partial(bmc.run_action, action, node),
            )
        canvas_key = next(b for b in own_bindings(bmc) if b.action == "canvas_view")
        yield PaletteCommand(
            "The canvas: all nine blocks at once", f"Key: {bmc.get_key_display(canvas_key)}",
            bmc.action_canvas_view,
        )

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(Content(command.text), command.run, text=command.text,
                               help=_help(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.text)
            if score > 0:
                yield Hit(score, _highlighted(matcher, command.text), command.run,
                          text=command.text, help=_help(command.help))


def _help(text: str) -> str:
    # The palette reads help as markup: a key such as "[" must show as itself.
    return Content(text).markup


def _highlighted(matcher: Matcher, text: str) -> Content:
    """The text with the typed letters marked, read literally (Matcher.highlight reads markup)."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
