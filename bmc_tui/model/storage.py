"""Reading, checking and writing canvas files (format 1).

Loading never touches the file; every problem found is reported with the place
it is at, so a user can fix a hand-edited file in one go.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from .canvas import (
    COSTS,
    FORMAT_VERSION,
    ID_PATTERN,
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
    Canvas,
    Channel,
    Item,
    Relationship,
    Segment,
)

NEW_FILE_MODE = 0o600


@dataclass(frozen=True)
class Problem:
    where: str  # "line 3, column 5", or a path such as "segments[0].jobs[1].text"
    message: str


class CanvasError(Exception):
    """A canvas file that cannot be used; names the file and every problem."""

    def __init__(self, path: Path | str, problems: list[Problem]):
        self.path = Path(path)
        self.problems = problems
        super().__init__(self.describe())

    def describe(self) -> str:
        lines = [f"{self.path}: this file cannot be opened as a canvas."]
        lines += [f"  {p.where}: {p.message}" for p in self.problems]
        return "\n".join(lines)


# --- loading -----------------------------------------------------------------


def load_canvas(path: Path | str) -> Canvas:
    """Read and check a canvas file. Raises CanvasError; FileNotFoundError if absent."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise CanvasError(path, [Problem("file", error.strerror or str(error))]) from None
    return parse_canvas(raw, path)


def parse_canvas(raw: bytes, path: Path | str = "<canvas>") -> Canvas:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        where = _line_and_column(raw, error.start)
        raise CanvasError(path, [Problem(where, "the file is not UTF-8 text")]) from None
    # Some Windows editors start UTF-8 files with a byte-order mark; TOML does not allow one.
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CanvasError(path, [toml_syntax_problem(error, text)]) from None
    return canvas_from_dict(data, path)


def _line_and_column(raw: bytes, offset: int) -> str:
    """Where the byte at ``offset`` is, as an editor counts (the bytes before it are UTF-8)."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8")) + 1
    return f"line {line}, column {column}"


def toml_syntax_problem(error: tomllib.TOMLDecodeError, text: str = "") -> Problem:
    """Where a TOML syntax error is (line and column) and what it is; ``text`` is what was parsed."""
    message = str(error)
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if found:
        where = f"line {found[1]}, column {found[2]}"
        message = message[: found.start()].strip()
    elif "(at end of document)" in message:
        # tomllib gives no line here; the end of the text is where an editor would look.
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
        where = f"line {line}, column {column} (end of file)"
        message = message.replace("(at end of document)", "").strip()
    else:
        where = "file"
    return Problem(where, f"not valid TOML: {message}")


def canvas_from_dict(data: dict[str, Any], path: Path | str = "<canvas>") -> Canvas:
    """Build a Canvas from parsed TOML, or raise CanvasError listing every problem."""
    reader = _Reader()
    canvas = reader.canvas(data)
    if reader.problems:
        raise CanvasError(path, reader.problems)
    return canvas


class _Reader:
    """Turns parsed TOML into the model, collecting problems instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    # generic values

    def string(self, table: dict, key: str, where: str, *, choices=None, required=False) -> str:
        place = _join(where, key)
        if key not in table:
            if required:
                self.problem(place, "is required")
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(place, f"should be a string, not {_type_name(value)}")
            return ""
        if choices is not None and value not in choices:
            self.problem(place, f"{value!r} is not one of: {', '.join(choices)}")
            return ""
        return value

    def strings(self, table: dict, key: str, where: str, *, choices=None) -> list[str]:
        place = _join(where, key)
        values = table.get(key, [])
        if not isinstance(values, list):
            self.problem(place, f"should be an array of strings, not {_type_name(values)}")
            return []
        result = []
        for index, value in enumerate(values):
            if not isinstance(value, str):
                self.problem(f"{place}[{index}]", f"should be a string, not {_type_name(value)}")
            elif choices is not None and value not in choices:
                self.problem(f"{place}[{index}]", f"{value!r} is not one of: {', '.join(choices)}")
            else:
                result.append(value)
        return result

    def tables(self, table: dict, key: str, where: str) -> list[tuple[str, dict]]:
        place = _join(where, key)
        values = table.get(key, [])
        if not isinstance(values, list):
            self.problem(place, f"should be an array of tables, not {_type_name(values)}")
            return []
        result = []
        for index, value in enumerate(values):
            if isinstance(value, dict):
                result.append((f"{place}[{index}]", value))
            else:
                self.problem(f"{place}[{index}]", f"should be a table, not {_type_name(value)}")
        return result

    def identifier(self, table: dict, where: str, taken: set[str], pattern=ID_PATTERN) -> str:
        value = self.string(table, "id", where, required=True)
        place = _join(where, "id")
        if not value:
            # Missing or not a string is already reported; only an empty string is left.
            if isinstance(table.get("id"), str):
                self.problem(place, "must not be empty")
        elif pattern is not None and not pattern.fullmatch(value):
            self.problem(place, f"{value!r} may hold only lowercase letters, digits and '-'")
        elif value in taken:
            self.problem(place, f"{value!r} is used twice")
        else:
            taken.add(value)
        return value

    def name(self, table: dict, key: str, where: str) -> str:
        value = self.string(table, key, where, required=True)
        if key in table and isinstance(table[key], str) and not value.strip():
            self.problem(_join(where, key), "must not be empty")
        return value

    # the canvas

    def canvas(self, data: dict) -> Canvas:
        version = data.get("format")
        if "format" not in data:
            self.problem("format", "is required (format = 1)")
        elif type(version) is not int:
            self.problem("format", f"should be an integer, not {_type_name(version)}")
        elif version > FORMAT_VERSION:
            self.problem(
                "format",
                f"is {version}: this file was written by a newer version of bmc-tui, "
                f"which this one (format {FORMAT_VERSION}) cannot read; upgrade bmc-tui",
            )
            return Canvas()
        elif version != FORMAT_VERSION:
            self.problem("format", f"is {version}; only format {FORMAT_VERSION} exists")
        # Ids are checked while reading, so a duplicate is reported at its own place.
        taken: set[str] = set()
        segments = [self.segment(where, t, taken) for where, t in self.tables(data, "segments", "")]
        segment_ids = {s.id for s in segments if s.id}
        channel_ids: set[str] = set()
        channels = [
            self.channel(where, t, segment_ids, channel_ids)
            for where, t in self.tables(data, "channels", "")
        ]
        return Canvas(
            format=FORMAT_VERSION,
            title=self.string(data, "title", ""),
            resume_at=self.string(data, "resume_at", "", choices=STEP_IDS),
            segments=segments,
            channels=channels,
            extra=_extra(data, ("format", "title", "resume_at", "segments", "channels")),
        )

    def segment(self, where: str, table: dict, taken: set[str]) -> Segment:
        segment = Segment(
            id=self.identifier(table, where, taken),
            name=self.name(table, "name", where),
            description=self.string(table, "description", where),
            market=self.string(table, "market", where, choices=MARKETS),
            extra=_extra(table, _SEGMENT_KEYS),
        )
        item_ids: set[str] = set()
        # ITEM_KINDS lists jobs, pains and gains before the offer lists that link to them.
        for kind in ITEM_KINDS.values():
            targets = {i.id for i in segment.items(kind.target)} if kind.target else set()
            items = []
            for place, item_table in self.tables(table, kind.key, where):
                item = self.item(place, item_table, kind.link_key, item_ids)
                if kind.link_key:
                    self.check_links(
                        item_table, kind.link_key, place, targets,
                        f"is not one of this segment's {kind.target}",
                    )
                items.append(item)
            setattr(segment, kind.key, items)
        if "relationship" in table:
            segment.relationship = self.relationship(table["relationship"], _join(where, "relationship"))
        return segment

    def item(self, where: str, table: dict, link_key: str | None, taken: set[str]) -> Item:
        known = ("id", "text") + ((link_key,) if link_key else ())
        return Item(
            id=self.identifier(table, where, taken, pattern=None),
            text=self.name(table, "text", where),
            links=self.strings(table, link_key, where) if link_key else [],
            extra=_extra(table, known),
        )

    def check_links(self, table: dict, key: str, where: str, targets: set[str], missing: str) -> None:
        """Each id in ``table[key]`` must be one of ``targets`` (wrong types are reported by strings())."""
        links = table.get(key, [])
        if not isinstance(links, list):
            return
        for index, link in enumerate(links):
            if isinstance(link, str) and link not in targets:
                self.problem(
                    f"{_join(where, key)}[{index}]",
                    f"{link!r} {missing}",
                )

    def relationship(self, table: Any, where: str) -> Relationship:
        if not isinstance(table, dict):
            self.problem(where, f"should be a table, not {_type_name(table)}")
            return Relationship()
        return Relationship(
            types=self.strings(table, "types", where, choices=RELATIONSHIP_TYPES),
            motivations=self.strings(table, "motivations", where, choices=MOTIVATIONS),
            status=self.string(table, "status", where, choices=STATUSES),
            cost=self.string(table, "cost", where, choices=COSTS),
            notes=self.string(table, "notes", where),
            extra=_extra(table, _RELATIONSHIP_KEYS),
        )

    def channel(self, where: str, table: dict, segment_ids: set[str], taken: set[str]) -> Channel:
        channel = Channel(
            id=self.identifier(table, where, taken),
            name=self.name(table, "name", where),
            reach=self.string(table, "reach", where, choices=REACHES),
            owner=self.string(table, "owner", where, choices=OWNERS),
            medium=self.string(table, "medium", where, choices=MEDIUMS),
            phases=self.strings(table, "phases", where, choices=PHASES),
            segments=self.strings(table, "segments", where),
            advantages=self.string(table, "advantages", where),
            challenges=self.string(table, "challenges", where),
            extra=_extra(table, _CHANNEL_KEYS),
        )
        self.check_links(
            table, "segments", where, segment_ids, "is not the id of a segment in this file"
        )
        return channel


_SEGMENT_KEYS = ("id", "name", "description", "market", "relationship", *ITEM_KINDS)
_RELATIONSHIP_KEYS = ("types", "motivations", "status", "cost", "notes")
_CHANNEL_KEYS = (
    "id", "name", "reach", "owner", "medium", "phases", "segments", "advantages", "challenges",
)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _extra(table: dict, known: tuple[str, ...]) -> dict[str, Any]:
    return {key: value for key, value in table.items() if key not in known}


def _type_name(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
             list: "an array", dict: "a table"}
    return names.get(type(value), "a date or time")


# --- saving ------------------------------------------------------------------


def canvas_to_dict(canvas: Canvas) -> dict[str, Any]:
    """The TOML document for a canvas; empty optional values are left out."""
    data: dict[str, Any] = {"format": FORMAT_VERSION}
    _put(data, title=canvas.title, resume_at=canvas.resume_at)
    data |= canvas.extra
    _put(data, segments=[_segment_dict(s) for s in canvas.segments])
    _put(data, channels=[_channel_dict(c) for c in canvas.channels])
    return data


def _segment_dict(segment: Segment) -> dict[str, Any]:
    data: dict[str, Any] = {"id": segment.id, "name": segment.name}
    _put(data, description=segment.description, market=segment.market)
    for kind in ITEM_KINDS.values():
        items = []
        for item in segment.items(kind.key):
            entry: dict[str, Any] = {"id": item.id, "text": item.text}
            if kind.link_key and item.links:
                entry[kind.link_key] = list(item.links)
            items.append(entry | item.extra)
        _put(data, **{kind.key: items})
    data |= segment.extra
    if not segment.relationship.is_empty():
        data["relationship"] = _relationship_dict(segment.relationship)
    return data


def _relationship_dict(relationship: Relationship) -> dict[str, Any]:
    data: dict[str, Any] = {}
    _put(
        data,
        types=list(relationship.types),
        motivations=list(relationship.motivations),
        status=relationship.status,
        cost=relationship.cost,
        notes=relationship.notes,
    )
    return data | relationship.extra


def _channel_dict(channel: Channel) -> dict[str, Any]:
    data: dict[str, Any] = {"id": channel.id, "name": channel.name}
    _put(
        data,
        reach=channel.reach,
        owner=channel.owner,
        medium=channel.medium,
        phases=list(channel.phases),
        segments=list(channel.segments),
        advantages=channel.advantages,
        challenges=channel.challenges,
    )
    return data | channel.extra


def _put(data: dict[str, Any], **values: Any) -> None:
    data.update({key: value for key, value in values.items() if value})


def dump_canvas(canvas: Canvas) -> str:
    data = canvas_to_dict(canvas)
    # Multi-line strings read better (notes), but tomli_w writes "\r\n" in them as
    # "\n"; a canvas holding one is written with escapes so it loads back equal.
    return tomli_w.dumps(data, multiline_strings=not _holds_crlf(data))


def _holds_crlf(value: Any) -> bool:
    if isinstance(value, str):
        return "\r\n" in value
    if isinstance(value, dict):
        return any(_holds_crlf(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_crlf(v) for v in value)
    return False


class SaveError(OSError):
    """A save that failed for a reason other than the system's (TEMPORARY: helper's version wins)."""


def read_canvas_bytes(path: Path | str) -> bytes:
    return Path(path).read_bytes()


def remove_stale_temporaries(path: Path | str) -> list[Path]:
    return []


def write_atomically(path: Path | str, data: bytes) -> None:
    save_text(path, data.decode("utf-8"))


def save_canvas(canvas: Canvas, path: Path | str) -> None:
    save_text(path, dump_canvas(canvas))


def save_text(path: Path | str, text: str) -> None:
    """Write the whole file atomically: a temporary file beside it, synced, renamed over it."""
    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_directory(path.parent)


def _sync_directory(folder: Path) -> None:
    # The rename is durable only once the folder itself is synced (POSIX only).
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
