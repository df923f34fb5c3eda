"""Interview flows: what is asked, in which order, and in whose words.

A flow is a TOML file in ``flows/``; the full-screen app and the line mode
both read it, so rewording a question never needs a code change. This module
imports no UI library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import (
    COSTS, ITEM_KINDS, MARKETS, MEDIUMS, MOTIVATIONS, OWNERS, PHASES, REACHES,
    RELATIONSHIP_TYPES, STEP_IDS, WORTHS, Problem,
)
from .storage import CanvasError, parse_toml, read_canvas_bytes

DEFAULT_FLOW = "full"

# Steps answered segment by segment: Ctrl+N walks their segments before the next step.
PER_SEGMENT_STEPS = ("value", "relationships")

# What kind of answer a question takes; both front ends render from it.
LIST, TEXT, ONE, MANY = "list", "text", "one", "many"
QUESTION_KINDS = (LIST, TEXT, ONE, MANY)


@dataclass(frozen=True)
class AnswerKind:
    """The schema of one question, declared once (as copier's questions file declares ``type``).

    ``kind``: ``list`` (entries, one per line), ``text``, ``one`` (single choice) or
    ``many`` (multiple choice). ``values``: the values a choice question allows; None for
    the others and for channel segments, whose options come from the canvas.
    ``links_to``: for an offer list, the profile list its items address.
    """

    kind: str
    values: tuple[str, ...] | None = None
    links_to: str | None = None


def _items(kind: str) -> AnswerKind:
    return AnswerKind(LIST, links_to=ITEM_KINDS[kind].target)


# Every question each step may ask, and the kind of answer it takes.
STEP_SCHEMA: dict[str, dict[str, AnswerKind]] = {
    "segments": {
        "name": AnswerKind(LIST), "description": AnswerKind(TEXT), "market": AnswerKind(ONE, MARKETS),
        "worth": AnswerKind(ONE, WORTHS),
    },
    "value": {kind: _items(kind) for kind in ITEM_KINDS},
    "channels": {
        "name": AnswerKind(LIST), "reach": AnswerKind(ONE, REACHES), "owner": AnswerKind(ONE, OWNERS),
        "medium": AnswerKind(ONE, MEDIUMS), "cost": AnswerKind(ONE, COSTS),
        "phases": AnswerKind(MANY, PHASES),
        "segments": AnswerKind(MANY), "advantages": AnswerKind(TEXT), "challenges": AnswerKind(TEXT),
    },
    "relationships": {
        "expected": AnswerKind(MANY, RELATIONSHIP_TYPES),
        "types": AnswerKind(MANY, RELATIONSHIP_TYPES),
        "established": AnswerKind(MANY, RELATIONSHIP_TYPES),
        "motivations": AnswerKind(MANY, MOTIVATIONS),
        "cost": AnswerKind(ONE, COSTS), "notes": AnswerKind(TEXT),
    },
    "fit": {},
}

# The questions each step may ask, and for choice questions the values allowed
# (derived from STEP_SCHEMA; kept for the flow checker and the screens).
STEP_QUESTIONS: dict[str, dict[str, tuple[str, ...] | None]] = {
    step: {key: answer.values for key, answer in questions.items()}
    for step, questions in STEP_SCHEMA.items()
}


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    explanation: str = ""
    group: str = ""  # relationship types: their level
    example: str = ""


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    help: str = ""
    placeholder: str = ""
    options: tuple[Option, ...] = ()
    max_items: int | None = None  # list questions: the quick flow caps them
    link_label: str = ""  # offer lists: how to ask what an item addresses
    kind: str = TEXT  # one of QUESTION_KINDS, from STEP_SCHEMA
    links_to: str | None = None  # offer lists: the profile list their items address
    # Multiple choices: a new record starts with every option ticked (the quick flow's
    # channels serve every segment until told otherwise).
    every_at_first: bool = False

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def label_of(self, value: str) -> str:
        option = self.option(value)
        return option.label if option else value


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    short: str
    intro: str = ""
    help: str = ""
    questions: tuple[Question, ...] = ()
    # Other words on the step's screen (list titles, headings, hints): [steps.texts].
    texts: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def text(self, key: str, default: str) -> str:
        """The flow's wording for ``key``; the default keeps a shorter flow file working."""
        return self.texts.get(key, default)

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)

    def asks(self, key: str) -> bool:
        return self.question(key) is not None

    @property
    def per_segment(self) -> bool:
        return self.id in PER_SEGMENT_STEPS


@dataclass(frozen=True)
class Flow:
    name: str
    title: str
    description: str
    about: str
    steps: tuple[Step, ...]
    source: Path | None = None

    @property
    def step_ids(self) -> tuple[str, ...]:
        return tuple(step.id for step in self.steps)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def wording(self, step_id: str, key: str) -> Question | None:
        """This flow's question, or else the full flow's: an answer a shorter flow does
        not ask (a market chosen in the full interview) still reads in words."""
        step = self.step(step_id)
        if step is not None and (question := step.question(key)) is not None:
            return question
        full = _full_flow()
        return full.wording(step_id, key) if full is not None and full is not self else None

    def option_label(self, step_id: str, key: str, value: str) -> str:
        """The words for a stored value ("Mass market" for ``mass``), never the value."""
        question = self.wording(step_id, key)
        if question is not None and question.option(value) is not None:
            return question.label_of(value)
        return value.replace("-", " ").replace("_", " ").capitalize()


class FlowError(Exception):
    def __init__(self, path: Path | str, problems: list[Problem], *, unknown_name: bool = False):
        self.path = Path(path)
        self.problems = problems
        # A flow named that does not exist (not a broken file): the fix is another name.
        self.unknown_name = unknown_name
        lines = [f"{self.path}: " + ("no such interview flow." if unknown_name
                                     else "this interview flow cannot be used.")]
        lines += [f"  {p.where}: {p.message}" for p in problems]
        super().__init__("\n".join(lines))


@cache
def _full_flow() -> Flow | None:
    try:
        return load_flow(DEFAULT_FLOW)
    except FlowError:
        return None


def flows_folder() -> Path:
    """Where the shipped flows are: inside the package when installed, else the checkout."""
    # Beside this package, not through importlib.resources: that import alone costs
    # more start-up time than the whole flow's parse.
    packaged = Path(__file__).resolve().parent.parent / "flows"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "flows"


def shipped_flow_names() -> list[str]:
    return sorted(p.stem for p in flows_folder().glob("*.toml"))


def is_flow_path(name_or_path: str) -> bool:
    candidate = Path(name_or_path)
    return candidate.suffix == ".toml" or len(candidate.parts) > 1


def resolve_flow_path(name_or_path: str) -> Path:
    """A shipped flow's name (``full``, ``quick``) or the path of a flow file."""
    if is_flow_path(name_or_path):
        return Path(name_or_path)
    return flows_folder() / f"{name_or_path}.toml"


def unknown_flow(name: str) -> FlowError:
    """The error for a flow name that names no shipped flow: it lists the ones there are."""
    known = ", ".join(shipped_flow_names()) or "none"
    return FlowError(
        name,
        [Problem("--flow", f"the flows there are: {known}; or give the path of a flow file")],
        unknown_name=True,
    )


def load_flow(name_or_path: str = DEFAULT_FLOW) -> Flow:
    path = resolve_flow_path(name_or_path)
    try:
        # Read as a canvas is: never blocking on a pipe, bounded in size and nesting.
        data = parse_toml(read_canvas_bytes(path), path)
    except FileNotFoundError:
        if not is_flow_path(name_or_path):
            raise unknown_flow(name_or_path) from None
        raise FlowError(path, [Problem("file", "no such file")]) from None
    except CanvasError as error:
        raise FlowError(path, error.problems) from None
    return flow_from_dict(data, path)


def _tables(table: dict[str, Any], key: str, where: str, problems: list[Problem]):
    """(place, table) for each entry of an array of tables; anything else is a problem."""
    place = f"{where}.{key}" if where else key
    values = table.get(key, [])
    if not isinstance(values, list):
        problems.append(Problem(place, "should be an array of tables"))
        return
    for index, value in enumerate(values):
        if isinstance(value, dict):
            yield f"{place}[{index}]", value
        else:
            problems.append(Problem(f"{place}[{index}]", "should be a table"))


def flow_from_dict(data: dict[str, Any], path: Path) -> Flow:
    problems: list[Problem] = []
    steps = []
    seen: set[str] = set()
    for where, table in _tables(data, "steps", "", problems):
        step_id = table.get("id")
        if step_id not in STEP_IDS:
            problems.append(Problem(f"{where}.id", f"{step_id!r} is not one of: {', '.join(STEP_IDS)}"))
            continue
        if step_id in seen:
            problems.append(Problem(f"{where}.id", f"{step_id!r} is used twice"))
        seen.add(step_id)
        steps.append(_step(table, where, problems))
    order = [s.id for s in steps]
    if order != sorted(order, key=STEP_IDS.index):
        problems.append(Problem("steps", f"must keep the interview order: {', '.join(STEP_IDS)}"))
    if not steps:
        problems.append(Problem("steps", "a flow needs at least one step"))
    if problems:
        raise FlowError(path, problems)
    return Flow(
        name=str(data.get("name", path.stem)),
        title=str(data.get("title", path.stem)),
        description=str(data.get("description", "")),
        about=str(data.get("about", "")),
        steps=tuple(steps),
        source=path,
    )


def _step(table: dict[str, Any], where: str, problems: list[Problem]) -> Step:
    allowed = STEP_SCHEMA[table["id"]]
    questions = []
    for place, question in _tables(table, "questions", where, problems):
        key = question.get("key")
        if not isinstance(key, str) or key not in allowed:
            problems.append(Problem(f"{place}.key", f"{key!r} is not asked in step {table['id']!r}"))
            continue
        if any(q.key == key for q in questions):
            problems.append(Problem(f"{place}.key", f"{key!r} is asked twice"))
            continue
        if "options_from" in question:
            question = _with_options_from(question, questions, place, problems)
        questions.append(_question(question, allowed[key], place, problems))
    return Step(
        id=table["id"],
        title=str(table.get("title", table["id"])),
        short=str(table.get("short", table.get("title", table["id"]))),
        intro=str(table.get("intro", "")),
        help=str(table.get("help", "")),
        questions=tuple(questions),
        texts=_texts(table.get("texts", {}), f"{where}.texts", problems),
    )


def _with_options_from(
    table: dict[str, Any], earlier: list[Question], where: str, problems: list[Problem],
) -> dict[str, Any]:
    """``options_from = "types"``: the same options as an earlier question of the step
    (the expected and established relationship types are the offered types' values)."""
    source = next((q for q in earlier if q.key == table["options_from"]), None)
    if source is None:
        problems.append(Problem(f"{where}.options_from", f"{table['options_from']!r} is not an earlier question"))
        return table
    options = [
        {"value": o.value, "label": o.label, "explanation": o.explanation, "group": o.group,
         "example": o.example}
        for o in source.options
    ]
    return table | {"options": options}


def _texts(table: Any, where: str, problems: list[Problem]) -> dict[str, str]:
    if not isinstance(table, dict):
        problems.append(Problem(where, "should be a table of strings"))
        return {}
    texts = {}
    for key, value in table.items():
        if isinstance(value, str):
            texts[key] = value
        else:
            problems.append(Problem(f"{where}.{key}", "should be a string"))
    return texts


def _question(table: dict[str, Any], answer: AnswerKind, where: str, problems: list[Problem]) -> Question:
    choices = answer.values
    options = []
    for place, option in _tables(table, "options", where, problems):
        value = option.get("value")
        if choices is None or value not in choices:
            problems.append(Problem(f"{place}.value", f"{value!r} is not a value this question takes"))
            continue
        if any(o.value == value for o in options):
            problems.append(Problem(f"{place}.value", f"{value!r} is offered twice"))
            continue
        options.append(Option(
            value=value,
            label=str(option.get("label", value)),
            explanation=str(option.get("explanation", "")),
            group=str(option.get("group", "")),
            example=str(option.get("example", "")),
        ))
    if choices is not None and not options:
        problems.append(Problem(f"{where}.options", "a choice question needs its options"))
    every_at_first = table.get("every_at_first", False)
    if not isinstance(every_at_first, bool):
        problems.append(Problem(f"{where}.every_at_first", f"should be true or false, not {every_at_first!r}"))
    max_items = table.get("max_items")
    if "max_items" in table and not (type(max_items) is int and max_items > 0):
        problems.append(Problem(f"{where}.max_items", f"should be a whole number above 0, not {max_items!r}"))
    return Question(
        key=table["key"],
        label=str(table.get("label", table["key"])),
        help=str(table.get("help", "")),
        placeholder=str(table.get("placeholder", "")),
        options=tuple(options),
        max_items=max_items if isinstance(max_items, int) and max_items > 0 else None,
        link_label=str(table.get("link_label", "")),
        kind=answer.kind,
        links_to=answer.links_to,
        every_at_first=every_at_first is True,
    )
