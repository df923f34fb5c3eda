"""Hostile texts: markup and escape sequences in every text of a canvas and of a flow.

Each escape payload is marked uniquely (PWNED, ZQ...), so a test can tell it from the
sequences Textual itself writes (it leaves the alternate screen with ESC [?1049l too).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from bmc_tui.core.flow import flows_folder
from bmc_tui.core import Canvas, Channel, Relationship, Segment, save_canvas

MARKUP = [
    "[bold]x[/bold]",
    "Students [/] and staff",
    "B2B [enterprise]",
    "[@click=app.screenshot('x.txt','/tmp')]hit",
    "[link=https://x]y[/link]",
    "[/]",
]

# name: (payload, the bytes that must never reach the terminal)
ESCAPES = {
    "osc0": ("\x1b]0;PWNED\x07", b"\x1b]0;PWNED"),
    "osc52": ("\x1b]52;c;SGVsbG8=\x07", b"\x1b]52;"),
    "osc8": ("\x1b]8;;http://x\x1b\\", b"\x1b]8;;http"),
    "alt": ("\x1b[?1049lZQ", b"\x1b[?1049lZQ"),
    "clear": ("\x1b[2JZQ", b"\x1b[2JZQ"),
    "c1csi": ("\x9b31mZQ", "\x9b31mZQ".encode()),
    "c1osc": ("\x9d0;x\x9c", "\x9d".encode()),
    "bel": ("\x07bel", b"\x07bel"),
    "nul": ("\x00nul", b"\x00nul"),
    "del": ("\x7fdel", b"\x7fdel"),
}
PAYLOADS = [payload for payload, _ in ESCAPES.values()]
FORBIDDEN_BYTES = [marker for _, marker in ESCAPES.values()]
# Symbols a hostile canvas puts on screen: ESC, BEL, NUL, DEL and the C1 replacement.
SYMBOLS = ["\u241b", "\u2407", "\u2400", "\u2421", "\ufffd"]


def hostile(number: int) -> str:
    """The number-th hostile text: markup, then an escape payload, then a tag to find it."""
    return f"{MARKUP[number % len(MARKUP)]} {PAYLOADS[number % len(PAYLOADS)]} #{number}"


def hostile_canvas() -> Canvas:
    """Two segments, every list and text hostile, links between them, two channels."""
    counter = iter(range(1000))

    def text() -> str:
        return hostile(next(counter))

    segments = []
    for index, market in enumerate(("mass", "niche")):
        segment = Segment(f"s{index}", text(), description=text(), market=market)
        for kind in ("jobs", "pains", "gains"):
            segment.add_item(kind, text())
        for kind, target in (("products", "jobs"), ("pain_relievers", "pains"),
                             ("gain_creators", "gains")):
            segment.add_item(kind, text(), links=[segment.items(target)[0].id])
            segment.add_item(kind, text())  # addresses nothing: a fit finding
        segment.relationship = Relationship(
            types=["self-service"], motivations=["acquisition"],
            cost="low", notes=text(),
        )
        segments.append(segment)
    channels = [
        Channel("c0", text(), reach="direct", owner="own", medium="online",
                phases=["awareness", "purchase"], segments=["s0"],
                advantages=text(), challenges=text()),
        Channel("c1", text(), phases=["delivery"]),  # serves no segment: a finding
    ]
    return Canvas(title=text(), resume_at="segments", segments=segments, channels=channels)


def write_hostile_canvas(path: Path) -> Canvas:
    canvas = hostile_canvas()
    save_canvas(canvas, path)
    return canvas


# A help text whose links must open nothing and run nothing.
LINKS_HELP = "[OPENME](https://example.com/x) and [RUNME](app.quit)\n\n"


def hostile_flow_data() -> dict:
    """The full flow with a hostile text added to every text it has."""
    with (flows_folder() / "full.toml").open("rb") as stream:
        data = tomllib.load(stream)
    counter = iter(range(500, 1000))

    def spoil(table: dict, *keys: str) -> None:
        for key in keys:
            if isinstance(table.get(key), str) or key in ("intro", "help", "placeholder"):
                table[key] = f"{table.get(key, key)} {hostile(next(counter))}"

    spoil(data, "title", "about")
    for step in data["steps"]:
        spoil(step, "title", "short", "intro", "help")
        step["help"] = LINKS_HELP + step["help"]
        for key in step.get("texts", {}):
            spoil(step["texts"], key)
        for question in step.get("questions", []):
            spoil(question, "label", "help", "placeholder", "link_label")
            for option in question.get("options", []):
                spoil(option, "label", "explanation", "example")
    return data


def write_hostile_flow(path: Path) -> Path:
    path.write_text(tomli_w.dumps(hostile_flow_data()), encoding="utf-8")
    return path
