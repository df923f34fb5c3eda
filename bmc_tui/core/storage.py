"""Reading, checking and writing canvas files (format 1).

Loading never touches the file; every problem found is reported with the place
it is at, so a user can fix a hand-edited file in one go.
"""

from __future__ import annotations

import os
import re
import stat
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
    WORTHS,
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

# A canvas of 100 segments with 30 items in every list is 1-2 MB; far more than
# this is not a canvas, and reading it whole would stall the screen.
MAX_FILE_BYTES = 8 * 1024 * 1024
# Tables and arrays inside one another, counted from the top of the file
# (segments[0].jobs[0] is 4 deep). Deeper values are refused at load, so that
# whatever loads can also be saved (the writer recurses once per level).
MAX_NESTING = 32


def load_canvas(path: Path | str) -> Canvas:
    """Read and check a canvas file. Raises CanvasError; FileNotFoundError if absent."""
    return parse_canvas(read_canvas_bytes(path), path)


def read_canvas_bytes(path: Path | str) -> bytes:
    """The bytes of a canvas file, read without blocking and without changing it.

    Raises FileNotFoundError if there is no file (a new canvas), and CanvasError for
    anything else that is not a readable regular file of at most MAX_FILE_BYTES.
    """
    path = Path(path)
    try:
        # stat first: opening a FIFO or a device for reading can block or have effects.
        _check_regular_file(path, os.stat(path))
        # O_NONBLOCK: should a FIFO replace the file after the stat, open returns at once.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except (FileNotFoundError, CanvasError):
        raise
    except OSError as error:
        raise CanvasError(path, [Problem("file", _os_reason(error))]) from None
    try:
        _check_regular_file(path, os.fstat(descriptor))
        raw = _read_at_most(descriptor, MAX_FILE_BYTES + 1)
    except OSError as error:
        raise CanvasError(path, [Problem("file", _os_reason(error))]) from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        raise CanvasError(path, [_too_large(len(raw), exact=False)])
    return raw


def _check_regular_file(path: Path, status: os.stat_result) -> None:
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise CanvasError(path, [Problem("file", "is a folder, not a file")])
    if not stat.S_ISREG(mode):
        raise CanvasError(path, [Problem("file", f"is {_special_kind(mode)}, not a regular file")])
    if status.st_size > MAX_FILE_BYTES:
        raise CanvasError(path, [_too_large(status.st_size, exact=True)])


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket or other special file"


def _too_large(size: int, *, exact: bool) -> Problem:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    amount = f"{size / (1024 * 1024):.1f} MiB" if exact else f"more than {limit} MiB"
    return Problem("file", f"is {amount}; such a file may be at most {limit} MiB")


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


def parse_canvas(raw: bytes, path: Path | str = "<canvas>") -> Canvas:
    """Check the bytes of a canvas file and build the Canvas, or raise CanvasError."""
    return canvas_from_dict(parse_toml(raw, path), path)


def parse_toml(raw: bytes, path: Path | str = "<file>") -> dict[str, Any]:
    """The TOML document in ``raw`` (canvas or flow), or CanvasError naming each problem's place."""
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
    except (RecursionError, ValueError):
        # The parser recurses once per nested array or inline table, and Python refuses
        # integers of more than 4300 digits; neither error says where it happened.
        raise CanvasError(path, [_unreadable_problem(text)]) from None
    if too_deep := nesting_problems(data):
        raise CanvasError(path, too_deep)
    return data


# Just enough of TOML's tokens to skip strings and comments while counting brackets.
_TOKENS = re.compile(
    r"#[^\n]*"
    r'|"""(?:[^\\]|\\.)*?"""'
    r"|'''.*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|[\[\]{}]"
    r"|[0-9][0-9_]{4300,}",
    re.DOTALL,
)


def _unreadable_problem(text: str) -> Problem:
    """Where the parser gave up without saying: nesting too deep, or a number too long."""
    depth = 0
    for token in _TOKENS.finditer(text):
        value = token.group()
        if value in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                return Problem(_text_place(text, token.start()), _too_deep_message())
        elif value in ("]", "}"):
            depth = max(0, depth - 1)
        elif value[0].isdigit():
            return Problem(_text_place(text, token.start()), "a number has more than 4300 digits")
    return Problem("file", _too_deep_message())


def _too_deep_message() -> str:
    return f"arrays and tables are nested too deeply (at most {MAX_NESTING} levels)"


def _text_place(text: str, index: int) -> str:
    return _line_and_column(text.encode("utf-8"), len(text[:index].encode("utf-8")))


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
    too_deep = nesting_problems(data)
    if too_deep:
        # Reading further would only repeat these places as wrong types.
        raise CanvasError(path, too_deep)
    reader = _Reader()
    canvas = reader.canvas(data)
    if reader.problems:
        raise CanvasError(path, reader.problems)
    return canvas


def nesting_problems(data: dict[str, Any], limit: int = MAX_NESTING) -> list[Problem]:
    """One problem for each value nested deeper than ``limit`` tables and arrays."""
    problems = []
    # Walked with a stack, not recursion: the data may be as deep as the parser allowed.
    stack: list[tuple[str, dict | list, int]] = [("", data, 0)]
    while stack:
        where, value, depth = stack.pop()
        if depth > limit:
            problems.append(Problem(where, _too_deep_message()))
            continue
        pairs = value.items() if isinstance(value, dict) else enumerate(value)
        # Only tables and arrays go on the stack: most values are strings.
        children = [
            (_join(where, key) if isinstance(value, dict) else f"{where}[{key}]", child, depth + 1)
            for key, child in pairs
            if isinstance(child, (dict, list))
        ]
        stack.extend(reversed(children))
    return problems


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
            worth=self.string(table, "worth", where, choices=WORTHS),
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
        types = self.strings(table, "types", where, choices=RELATIONSHIP_TYPES)
        status = self.string(table, "status", where, choices=STATUSES)
        if "established" in table:
            established = self.strings(table, "established", where, choices=RELATIONSHIP_TYPES)
            self.check_links(table, "established", where, set(types), "is not one of this segment's types")
        else:
            # An older file says only whether the relationship as a whole is in place.
            established = list(types) if status == "established" else []
        return Relationship(
            types=types,
            motivations=self.strings(table, "motivations", where, choices=MOTIVATIONS),
            # With types offered, status is theirs to say (written from them).
            stated_status="" if types else status,
            cost=self.string(table, "cost", where, choices=COSTS),
            notes=self.string(table, "notes", where),
            expected=self.strings(table, "expected", where, choices=RELATIONSHIP_TYPES),
            established=established,
            extra=_extra(table, _RELATIONSHIP_KEYS),
        )

    def channel(self, where: str, table: dict, segment_ids: set[str], taken: set[str]) -> Channel:
        channel = Channel(
            id=self.identifier(table, where, taken),
            name=self.name(table, "name", where),
            reach=self.string(table, "reach", where, choices=REACHES),
            owner=self.string(table, "owner", where, choices=OWNERS),
            medium=self.string(table, "medium", where, choices=MEDIUMS),
            cost=self.string(table, "cost", where, choices=COSTS),
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


_SEGMENT_KEYS = ("id", "name", "description", "market", "worth", "relationship", *ITEM_KINDS)
_RELATIONSHIP_KEYS = (
    "types", "expected", "established", "motivations", "status", "cost", "notes",
)
_CHANNEL_KEYS = (
    "id", "name", "reach", "owner", "medium", "cost", "phases", "segments", "advantages",
    "challenges",
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
    _put(data, description=segment.description, market=segment.market, worth=segment.worth)
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
        expected=list(relationship.expected),
        established=list(relationship.established),
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
        cost=channel.cost,
        phases=list(channel.phases),
        segments=list(channel.segments),
        advantages=channel.advantages,
        challenges=channel.challenges,
    )
    return data | channel.extra


def _put(data: dict[str, Any], **values: Any) -> None:
    data.update({key: value for key, value in values.items() if value})


class SaveError(OSError):
    """A canvas that could not be written for a reason other than the system's (the
    message says which); an OSError, so callers need to catch only OSError."""


def dump_canvas(canvas: Canvas) -> str:
    """The TOML text of a canvas. Raises SaveError if it cannot be written as TOML."""
    return dump_dict(canvas_to_dict(canvas))


def dump_dict(data: dict[str, Any]) -> str:
    """The TOML text of ``canvas_to_dict``'s result (which any thread may write out)."""
    try:
        # Multi-line strings read better (notes), but tomli_w writes "\r\n" in them as
        # "\n"; a canvas holding one is written with escapes so it loads back equal.
        return tomli_w.dumps(data, multiline_strings=not _holds_crlf(data))
    except Exception as error:  # RecursionError, ValueError, TypeError from extras
        raise SaveError(f"the canvas cannot be written as TOML: {error}") from error


def _holds_crlf(value: Any) -> bool:
    if isinstance(value, str):
        return "\r\n" in value
    if isinstance(value, dict):
        return any(_holds_crlf(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_crlf(v) for v in value)
    return False


def save_canvas(canvas: Canvas, path: Path | str) -> None:
    """Write the whole canvas file atomically (see write_atomically). Raises OSError only."""
    text = dump_canvas(canvas)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate, which no file can hold
        raise SaveError(f"the canvas holds text that is not valid Unicode: {error}") from error
    write_atomically(path, data)


def write_atomically(path: Path | str, data: bytes) -> None:
    """Replace the file's content with ``data``: all of it or nothing, even after a crash.

    The bytes go to a temporary file beside the file (``.NAME.RANDOM.tmp``), which is
    flushed, synced, given the file's owner, group and mode (0600 for a new file), and
    renamed over it; then the folder is synced. A symlink is written through to its
    target and stays a link. Raises OSError only (SaveError for the unexpected), and
    never leaves the temporary file behind.
    """
    try:
        _replace_file(_write_target(Path(path)), data)
    except OSError:
        raise
    except Exception as error:  # a path holding NUL, a bug: still only an OSError to callers
        raise SaveError(f"{path}: cannot be saved: {error!r}") from error


def _replace_file(target: Path, data: bytes) -> None:
    try:
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        status = None
    descriptor, temporary = _create_temporary(target)
    try:
        try:
            # Owner and mode before the sync, so that they are on disk with the content.
            _copy_ownership(descriptor, status)
            os.fchmod(descriptor, status.st_mode & 0o777 if status else NEW_FILE_MODE)
            _write_all(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_directory(target.parent)


def _write_target(path: Path) -> Path:
    """The file a save replaces: the final target of a symlink, else the path itself."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _create_temporary(target: Path) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW
    while True:
        temporary = target.with_name(f".{target.name}.{os.urandom(8).hex()}.tmp")
        try:
            return os.open(temporary, flags, NEW_FILE_MODE), temporary
        except FileExistsError:
            continue


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def _copy_ownership(descriptor: int, status: os.stat_result | None) -> None:
    """Give the new file the old one's owner and group, as far as we are allowed to."""
    if status is None:
        return
    mine = os.fstat(descriptor)
    if (mine.st_uid, mine.st_gid) == (status.st_uid, status.st_gid):
        return
    # Best effort: an owner we may not give (or a file system without owners) must
    # not cost the user their answers.
    try:
        os.fchown(descriptor, status.st_uid, status.st_gid)
    except OSError:
        # Not root: the owner cannot change, but a group we belong to still can.
        try:
            os.fchown(descriptor, -1, status.st_gid)
        except OSError:
            pass


# Our temporary files: ".NAME.<16 hex digits>.tmp"; ".NAME.<8 of [a-z0-9_]>.tmp" were
# written by tempfile.mkstemp in earlier versions.
_TEMPORARY_SUFFIX = re.compile(r"\.(?:[0-9a-f]{16}|[a-z0-9_]{8})\.tmp")


def stale_temporaries(path: Path | str) -> list[Path]:
    """Temporary files a save of this canvas left behind when it was killed.

    Call only while holding the file's lock: a save in progress has one too.
    """
    target = _write_target(Path(path))
    prefix = f".{target.name}"
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    found = []
    for name in sorted(names):
        if name.startswith(prefix) and _TEMPORARY_SUFFIX.fullmatch(name[len(prefix):]):
            candidate = target.parent / name
            if candidate.is_file() and not candidate.is_symlink():
                found.append(candidate)
    return found


def remove_stale_temporaries(path: Path | str) -> list[Path]:
    """Remove stale_temporaries(path); returns those removed (others are left alone)."""
    removed = []
    for temporary in stale_temporaries(path):
        try:
            temporary.unlink()
        except OSError:
            continue
        removed.append(temporary)
    return removed


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
