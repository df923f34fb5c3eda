"""The interview flows: the shipped ones are complete, broken ones are refused clearly."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from bmc_tui.core.flow import (
    STEP_QUESTIONS,
    Flow,
    FlowError,
    flows_folder,
    load_flow,
    shipped_flow_names,
)
from bmc_tui.core import (
    COSTS,
    ITEM_KINDS,
    MARKETS,
    MEDIUMS,
    MOTIVATIONS,
    OWNERS,
    PHASES,
    PROFILE_KINDS,
    REACHES,
    RELATIONSHIP_TYPES,
    WORTHS,
    STEP_IDS,
    Canvas,
    Channel,
    Relationship,
    Segment,
    load_canvas,
    save_canvas,
)

SHIPPED = ("full", "quick")

# What format 1 lets a user answer in each step, read from the model's own fields
# (ids and unknown keys are the app's business, not questions).
FORMAT_1_ANSWERS = {
    "segments": {"name", "description", "market", "worth"},
    "value": set(ITEM_KINDS),
    "channels": {f.name for f in dataclasses.fields(Channel)} - {"id", "extra"},
    # Status is not asked: it is written from which offered types are established.
    "relationships": {f.name for f in dataclasses.fields(Relationship)} - {"extra", "stated_status"},
}

ENUMERATIONS = {
    ("segments", "market"): MARKETS,
    ("segments", "worth"): WORTHS,
    ("channels", "cost"): COSTS,
    ("relationships", "expected"): RELATIONSHIP_TYPES,
    ("relationships", "established"): RELATIONSHIP_TYPES,
    ("channels", "reach"): REACHES,
    ("channels", "owner"): OWNERS,
    ("channels", "medium"): MEDIUMS,
    ("channels", "phases"): PHASES,
    ("relationships", "types"): RELATIONSHIP_TYPES,
    ("relationships", "motivations"): MOTIVATIONS,
    ("relationships", "cost"): COSTS,
}


def write_flow(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> FlowError:
    with pytest.raises(FlowError) as caught:
        load_flow(str(path))
    assert str(path) in str(caught.value)
    return caught.value


def places(error: FlowError) -> list[str]:
    return [p.where for p in error.problems]


# --- the shipped flows -------------------------------------------------------


def test_both_flows_ship():
    assert set(SHIPPED) <= set(shipped_flow_names())


@pytest.mark.parametrize("name", SHIPPED)
def test_a_shipped_flow_loads_by_name(name):
    flow = load_flow(name)
    assert isinstance(flow, Flow)
    assert flow.name == name
    assert flow.title and flow.description
    assert flow.source == flows_folder() / f"{name}.toml"


@pytest.mark.parametrize("name", SHIPPED)
def test_flows_are_found_from_another_working_folder(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    assert load_flow(name).name == name
    assert flows_folder().is_absolute()


def test_the_full_flow_has_every_step_in_order():
    assert load_flow("full").step_ids == STEP_IDS


def test_the_step_questions_cover_format_1_exactly():
    # The flow checker's list must neither miss a field nor invent one.
    answers = {step: set(keys) for step, keys in STEP_QUESTIONS.items() if step != "fit"}
    assert answers == FORMAT_1_ANSWERS
    assert {f.name for f in dataclasses.fields(Segment)} >= FORMAT_1_ANSWERS["segments"]
    # The fit step answers nothing; it may only word how to link the profile items.
    assert set(STEP_QUESTIONS["fit"]) <= set(PROFILE_KINDS)
    assert all(choices is None for choices in STEP_QUESTIONS["fit"].values())


def test_the_full_flow_asks_every_question_of_format_1():
    flow = load_flow("full")
    for step_id, keys in FORMAT_1_ANSWERS.items():
        step = flow.step(step_id)
        asked = {q.key for q in step.questions}
        assert asked == keys, f"step {step_id!r} asks {sorted(asked)}, format 1 has {sorted(keys)}"


@pytest.mark.parametrize(("place", "values"), ENUMERATIONS.items(), ids=[k for _, k in ENUMERATIONS])
def test_the_full_flow_explains_every_enumerated_value(place, values):
    question = load_flow("full").step(place[0]).question(place[1])
    assert sorted(o.value for o in question.options) == sorted(values)
    for option in question.options:
        # A label written for people, not the value copied from the file.
        assert option.label and option.label != option.value, (place, option.value)
        assert option.explanation, f"{place} {option.value!r} has no explanation"


@pytest.mark.parametrize("name", SHIPPED)
def test_relationship_types_come_in_three_levels_with_examples(name):
    question = load_flow(name).step("relationships").question("types")
    groups = {}
    for option in question.options:
        assert option.example, option.value
        groups.setdefault(option.group, set()).add(option.value)
    assert groups == {
        "Standard level": {"self-service", "automated-services"},
        "Personal touch": {"personal-assistance", "dedicated-personal-assistance"},
        "Big family": {"communities", "co-creation"},
    }


@pytest.mark.parametrize("name", SHIPPED)
def test_every_step_and_question_has_its_wording(name):
    for step in load_flow(name).steps:
        assert step.title and step.short and step.intro and step.help, step.id
        for question in step.questions:
            assert question.label and question.label != question.key, (step.id, question.key)


def test_offer_lists_in_the_full_flow_say_how_to_link():
    step = load_flow("full").step("value")
    for kind in ("products", "pain_relievers", "gain_creators"):
        assert step.question(kind).link_label, kind


def test_the_quick_flow_asks_the_workshop_intake_only():
    flow = load_flow("quick")
    asked = {step.id: {q.key for q in step.questions} for step in flow.steps}
    assert asked == {
        "segments": {"name"},
        "value": {"jobs", "pains", "gains"},
        "channels": {"name", "phases", "segments"},
        "relationships": {"types", "motivations"},
    }


def test_the_quick_flow_caps_jobs_pains_and_gains_at_three():
    value = load_flow("quick").step("value")
    assert {kind: value.question(kind).max_items for kind in PROFILE_KINDS} == {
        "jobs": 3, "pains": 3, "gains": 3,
    }
    full_value = load_flow("full").step("value")
    assert all(full_value.question(kind).max_items is None for kind in ITEM_KINDS)


def test_what_the_quick_flow_asks_is_saved_as_format_1(canvas_path):
    flow = load_flow("quick")
    canvas = Canvas()
    segment = canvas.add_segment("Commuters")
    for kind in flow.step("value").questions:
        for number in range(kind.max_items):
            segment.add_item(kind.key, f"{kind.key} {number}")
    channel = canvas.add_channel("Cart")
    channel.phases = [o.value for o in flow.step("channels").question("phases").options]
    segment.relationship.types = [o.value for o in flow.step("relationships").question("types").options]
    save_canvas(canvas, canvas_path)
    assert canvas_path.read_text(encoding="utf-8").startswith("format = 1\n")
    assert load_canvas(canvas_path) == canvas


@pytest.mark.parametrize("name", SHIPPED)
def test_the_about_text_credits_the_canvas_and_its_licence(name):
    about = " ".join(load_flow(name).about.split())
    for credit in ("Business Model Canvas", "Strategyzer AG", "CC BY-SA 3.0"):
        assert credit in about, f"{name} flow's about text lacks {credit!r}"


# --- flow files of one's own ---------------------------------------------------


def test_a_flow_file_given_by_path_loads(tmp_path):
    path = tmp_path / "workshop.toml"
    shutil.copyfile(flows_folder() / "quick.toml", path)
    flow = load_flow(str(path))
    assert flow.source == path
    assert flow.step_ids == load_flow("quick").step_ids


def test_a_relative_flow_path_is_read_from_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "flows").mkdir()
    write_flow(tmp_path / "flows", '[[steps]]\nid = "segments"\n', "tiny.toml")
    monkeypatch.chdir(tmp_path)
    assert load_flow("flows/tiny.toml").step_ids == ("segments",)
    # A bare name ending in .toml is a file here, not a shipped flow.
    write_flow(tmp_path, '[[steps]]\nid = "value"\n', "full.toml")
    assert load_flow("full.toml").step_ids == ("value",)
    assert load_flow("full").step_ids == STEP_IDS


def test_a_minimal_flow_gets_default_wording(tmp_path):
    flow = load_flow(str(write_flow(tmp_path, '[[steps]]\nid = "value"\n[[steps.questions]]\nkey = "jobs"\n')))
    assert flow.name == "mine"
    assert flow.step("value").asks("jobs")
    assert not flow.step("value").asks("pains")


def test_an_unknown_flow_name_lists_the_shipped_ones():
    with pytest.raises(FlowError) as caught:
        load_flow("nosuch")
    message = str(caught.value)
    assert message.startswith("nosuch: no such interview flow.")
    assert "the flows there are: full, quick" in message
    assert caught.value.unknown_name


def test_a_missing_flow_file_is_not_taken_for_a_name(tmp_path):
    with pytest.raises(FlowError) as caught:
        load_flow(str(tmp_path / "mine.toml"))
    assert "no such file" in str(caught.value)
    assert not caught.value.unknown_name


BROKEN = [
    ("unknown step", '[[steps]]\nid = "revenue"\n', "steps[0].id", "'revenue'"),
    ("unknown question key",
     '[[steps]]\nid = "segments"\n[[steps.questions]]\nkey = "name"\n[[steps.questions]]\nkey = "size"\n',
     "steps[0].questions[1].key", "'size'"),
    ("question of another step", '[[steps]]\nid = "segments"\n[[steps.questions]]\nkey = "phases"\n',
     "steps[0].questions[0].key", "'phases'"),
    ("bad option value",
     '[[steps]]\nid = "segments"\n[[steps.questions]]\nkey = "market"\n'
     'options = [{ value = "mass" }, { value = "huge" }]\n',
     "steps[0].questions[0].options[1].value", "'huge'"),
    ("options on a free-text question",
     '[[steps]]\nid = "segments"\n[[steps.questions]]\nkey = "name"\noptions = [{ value = "x" }]\n',
     "steps[0].questions[0].options[0].value", "'x'"),
    ("choice question without options", '[[steps]]\nid = "relationships"\n[[steps.questions]]\nkey = "cost"\n',
     "steps[0].questions[0].options", "options"),
    ("option offered twice",
     '[[steps]]\nid = "relationships"\n[[steps.questions]]\nkey = "cost"\n'
     'options = [{ value = "low" }, { value = "low" }]\n',
     "steps[0].questions[0].options[1].value", "twice"),
    ("question asked twice",
     '[[steps]]\nid = "value"\n[[steps.questions]]\nkey = "jobs"\n[[steps.questions]]\nkey = "jobs"\n',
     "steps[0].questions[1].key", "twice"),
    ("wrong order", '[[steps]]\nid = "channels"\n[[steps]]\nid = "segments"\n', "steps", "order"),
    ("step twice", '[[steps]]\nid = "segments"\n[[steps]]\nid = "segments"\n', "steps[1].id", "twice"),
    ("no steps", 'name = "empty"\n', "steps", "at least one step"),
    ("steps not tables", 'steps = ["segments"]\n', "steps[0]", "table"),
    ("questions not tables", '[[steps]]\nid = "segments"\nquestions = ["name"]\n', "steps[0].questions[0]", "table"),
    ("bad max_items", '[[steps]]\nid = "value"\n[[steps.questions]]\nkey = "jobs"\nmax_items = "3"\n',
     "steps[0].questions[0].max_items", "'3'"),
    ("not TOML", '[[steps]]\nid = "segments\n', "line 2, column 15", "not valid TOML"),
]


@pytest.mark.parametrize(("case", "text", "where", "fragment"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_flow_file_names_the_file_and_the_place(tmp_path, case, text, where, fragment):
    error = refused(write_flow(tmp_path, text))
    found = [p.message for p in error.problems if p.where == where]
    assert found, f"no problem at {where!r}; problems at {places(error)}"
    assert fragment in found[0]
    assert f"  {where}: " in str(error)


def test_a_flow_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(b'title = "Caf\xe9"\n[[steps]]\nid = "segments"\n')
    refused(path)


def test_all_problems_of_a_flow_are_reported_together(tmp_path):
    text = (
        '[[steps]]\nid = "segments"\n[[steps.questions]]\nkey = "size"\n'
        '[[steps]]\nid = "revenue"\n'
        '[[steps]]\nid = "relationships"\n[[steps.questions]]\nkey = "cost"\noptions = [{ value = "free" }]\n'
    )
    error = refused(write_flow(tmp_path, text))
    assert {"steps[0].questions[0].key", "steps[1].id", "steps[2].questions[0].options[0].value"} <= set(places(error))


async def test_rewording_a_flow_changes_the_screen_without_code(tmp_path):
    from bmc_tui.tui.app import make_app
    from bmc_tui.core.flow import flows_folder
    from bmc_tui.tui.widgets import ListEditor

    text = (flows_folder() / "full.toml").read_text(encoding="utf-8")
    text = text.replace('list_title = "Segments"', 'list_title = "Customer groups"', 1)
    text = text.replace('label = "Who they are"', 'label = "Who are they?"', 1)
    flow = tmp_path / "mine.toml"
    flow.write_text(text, encoding="utf-8")
    app = make_app(tmp_path / "canvas.toml", flow=str(flow))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(ListEditor).title == "Customer groups"
        labels = [str(label.render()) for label in app.screen.query(".field-label")]
        assert "Who are they?" in labels


def test_step_texts_must_be_strings(tmp_path):
    from bmc_tui.core.flow import FlowError

    path = tmp_path / "bad.toml"
    path.write_text('[[steps]]\nid = "segments"\n[steps.texts]\nlist_title = 3\n', encoding="utf-8")
    with pytest.raises(FlowError) as refused:
        load_flow(str(path))
    assert refused.value.problems[0].where == "steps[0].texts.list_title"


def test_a_flow_that_is_a_pipe_or_too_deep_is_refused_without_blocking(tmp_path):
    import os

    from bmc_tui.core.flow import FlowError, load_flow

    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(FlowError) as refused:
        load_flow(str(fifo))
    assert "named pipe" in str(refused.value)
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 2000 + "]" * 2000 + "\n")
    with pytest.raises(FlowError) as refused:
        load_flow(str(deep))
    assert "nested too deeply" in str(refused.value)


# wording a shorter flow leaves out, and choices ticked at first


def test_the_quick_flows_channels_serve_every_segment_at_first():
    question = load_flow("quick").step("channels").question("segments")
    assert question is not None and question.every_at_first
    assert not load_flow("full").step("channels").question("segments").every_at_first


def test_every_at_first_must_be_true_or_false(tmp_path):
    path = write_flow(tmp_path, """
[[steps]]
id = "channels"
[[steps.questions]]
key = "segments"
every_at_first = "yes"
""")
    error = refused(path)
    assert "steps[0].questions[0].every_at_first: should be true or false, not 'yes'" in str(error)


def test_values_read_in_words_even_where_the_flow_does_not_ask_them():
    quick = load_flow("quick")
    assert quick.step("segments").question("market") is None
    assert quick.wording("segments", "market").label == "Market type"
    assert quick.option_label("segments", "market", "mass") == "Mass market"
    assert quick.option_label("channels", "phases", "after-sales") == "After-sales"
    # A value no flow words (a newer file) still reads as words, not as a key.
    assert quick.option_label("segments", "market", "multi-sided") != "multi-sided"
    assert quick.option_label("relationships", "cost", "value_driven") == "Value driven"
