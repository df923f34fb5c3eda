"""The line-by-line mode: the same interview as questions, saved as each answer is given."""

from __future__ import annotations

import asyncio
import io
import json
import os
import signal
import time
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from bmc_tui.tui.app import make_app
from bmc_tui.core.flow import LIST, MANY, ONE, TEXT, load_flow, flows_folder
from bmc_tui.core import load_canvas, lock
from bmc_tui.core.fit import check_fit
from bmc_tui.outputs.findings import findings_text
from bmc_tui.plain import run_plain
from bmc_tui.plain.prompts import LinePrompter, QuestionaryPrompter

from . import test_walkthrough as walkthrough
from .conftest import saved
from .test_import_hygiene import ROOT, forbidden_after

DOWN = "\x1b[B"
CTRL_C = "\x03"


def keys(*answers: str) -> str:
    """Keystrokes for questionary: each answer then Enter."""
    return "".join(f"{answer}\r" for answer in answers)


def ask_on_terminal(path: Path, flow: str, typed: str) -> tuple[int, str]:
    """Run the line mode with questionary, fed keystrokes through a pipe."""
    shown = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(typed)
        code = run_plain(path, load_flow(flow), QuestionaryPrompter(shown))
    return code, shown.getvalue()


def ask_by_lines(path: Path, flow: str, *lines: str) -> tuple[int, str]:
    """Run the line mode reading plain lines, as it does without a terminal."""
    shown = io.StringIO()
    answers = io.StringIO("".join(f"{line}\n" for line in lines))
    code = run_plain(path, load_flow(flow), LinePrompter(answers, shown))
    return code, shown.getvalue()


# The quick intake, as the full-screen walkthrough answers it.
QUICK_KEYS = keys(
    "Commuters", "",  # segments, then the empty line that ends the list
    "Get to work", "", "Queue", "", "Coffee ready", "",  # jobs, pains, gains
    "Pre-order app", "",  # channels
    " ",  # phases: tick awareness, the first
    "",  # the segments it serves: every one, ticked at first
    " ",  # relationship types: self-service, the first
    " ",  # what it is for: acquisition, the first
    "",  # the findings: finish
)

# One segment through the whole full interview, as test_walkthrough answers it.
FULL_KEYS = keys(
    "Commuters", "", "People changing trains", "", "",  # name; description; market, worth: the first
    "Get to work on time", "", "Queue at the cafe", "", "Coffee ready on arrival", "",
    # each offer item is followed by the checkbox of what it addresses: tick the one
    "Pre-ordered coffee", " ", "", "Pick-up without queuing", " ", "", "Cup ready at the minute", " ", "",
    "Pre-order app", "", "", "", "",  # the list; reach, owner, medium: the first
    " " + f"{DOWN} " * 4,  # all five phases
    " ", "Orders arrive first", "Must be installed", "",  # serves; advantages; challenges; cost
    " ", " ", " ", f" {DOWN} ", "", "Speed, not conversation",  # types, expected, established:
    # the first; motivations: acquisition and retention; cost: the first; notes
    "",  # the findings: finish
)


def test_the_quick_flow_on_a_terminal_saves_every_answer(canvas_path):
    code, shown = ask_on_terminal(canvas_path, "quick", QUICK_KEYS)
    assert code == 0
    data = saved(canvas_path)
    (segment,) = data["segments"]
    assert segment["name"] == "Commuters"
    assert [segment[k] for k in ("jobs", "pains", "gains")] == [
        [{"id": "j1", "text": "Get to work"}],
        [{"id": "p1", "text": "Queue"}],
        [{"id": "g1", "text": "Coffee ready"}],
    ]
    assert data["channels"] == [{"id": "pre-order-app", "name": "Pre-order app", "phases": ["awareness"],
                                 "segments": ["commuters"]}]
    assert segment["relationship"] == {"types": ["self-service"], "motivations": ["acquisition"],
                                       "status": "planned"}
    assert data["resume_at"] == "relationships"
    assert "Fit check:" in shown and f"saved in {canvas_path}" in shown


def test_one_segment_through_the_full_flow_on_a_terminal(canvas_path):
    code, shown = ask_on_terminal(canvas_path, "full", FULL_KEYS)
    assert code == 0
    data = saved(canvas_path)
    (segment,) = data["segments"]
    assert segment["description"] == "People changing trains" and segment["market"] == "mass"
    assert segment["products"] == [{"id": "ps1", "text": "Pre-ordered coffee", "serves": ["j1"]}]
    assert segment["pain_relievers"] == [{"id": "pr1", "text": "Pick-up without queuing", "relieves": ["p1"]}]
    assert segment["gain_creators"] == [{"id": "gc1", "text": "Cup ready at the minute", "creates": ["g1"]}]
    assert data["channels"][0]["phases"] == ["awareness", "evaluation", "purchase", "delivery", "after-sales"]
    assert data["channels"][0]["segments"] == ["commuters"]
    assert segment["relationship"]["notes"] == "Speed, not conversation"
    assert data["resume_at"] == "fit"
    assert check_fit(load_canvas(canvas_path)).findings == []
    assert "No findings." in shown  # the full flow's own wording for it


@pytest.mark.parametrize(("flow", "typed"), [("quick", QUICK_KEYS), ("full", FULL_KEYS)], ids=["quick", "full"])
async def test_both_front_ends_write_the_same_file_for_the_same_answers(tmp_path, flow, typed):
    on_screen, line_by_line = tmp_path / "screen.toml", tmp_path / "lines.toml"
    app = make_app(on_screen, flow=flow)
    async with app.run_test(size=walkthrough.SIZE) as pilot:
        if flow == "quick":
            await walk_quick(pilot)
        else:
            for walk in (walkthrough.walk_segments, walkthrough.walk_value,
                         walkthrough.walk_channels, walkthrough.walk_relationships):
                await walk(pilot)
                await pilot.press("ctrl+n")
        await pilot.press("ctrl+q")
    # In a thread: questionary runs its own event loop, and the test's is running.
    assert (await asyncio.to_thread(ask_on_terminal, line_by_line, flow, typed))[0] == 0
    assert line_by_line.read_text(encoding="utf-8") == on_screen.read_text(encoding="utf-8")


async def walk_quick(pilot) -> None:
    # As test_walkthrough.test_the_quick_flow_end_to_end types it.
    await pilot.press(*"Commuters", "enter", "ctrl+n")
    for text in ("Get to work", "Queue", "Coffee ready"):
        await pilot.press(*text, "enter", "tab")
    await pilot.press("ctrl+n", *"Pre-order app", "enter", "tab", "space")
    await pilot.press("ctrl+n", "space", "tab", "space")  # types and what they are for: the first


def test_answers_fed_on_stdin_by_a_script(tmp_path):
    path = tmp_path / "intake.toml"
    # Two segments, a job for the first; the other five lists ended at once; one channel
    # in the phases awareness and purchase, serving both segments as ticked at first; one
    # relationship type each, the first for acquisition; finish.
    script = "Commuters\nOffices\n\nGet to work\n" + "\n" * 6 + "Pre-order app\n\n1 3\n\n1\n1\n2\n\n\n"
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    result = subprocess.run(
        [sys.executable, "-m", "bmc_tui", "--plain", str(path), "--flow", "quick"],
        input=script, capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    data = saved(path)
    assert [s["name"] for s in data["segments"]] == ["Commuters", "Offices"]
    assert data["segments"][0]["jobs"] == [{"id": "j1", "text": "Get to work"}]
    assert data["channels"][0]["phases"] == ["awareness", "purchase"]
    assert data["channels"][0]["segments"] == ["commuters", "offices"]
    assert [s["relationship"]["types"] for s in data["segments"]] == [["self-service"], ["automated-services"]]
    assert [s["relationship"].get("motivations") for s in data["segments"]] == [["acquisition"], None]
    # The prompts carry the flow's wording, each followed by the answer read.
    assert "Segment name: Commuters\n" in result.stdout
    assert "  1. Self-service: Customers help themselves. E.g. FAQs, self-checkout. (Standard level)" in result.stdout
    assert "\x1b" not in result.stdout


def test_input_ending_early_keeps_every_answer_given(canvas_path):
    code, shown = ask_by_lines(canvas_path, "quick", "Commuters", "Offices")
    assert code == 0
    assert [s["name"] for s in saved(canvas_path)["segments"]] == ["Commuters", "Offices"]
    assert shown.rstrip().endswith(f"Input ended. Every answer given is saved in {canvas_path}.")


def test_ctrl_c_keeps_every_answer_given_and_exits_130(canvas_path):
    code, shown = ask_on_terminal(canvas_path, "quick", keys("Commuters") + CTRL_C)
    assert code == 130
    assert [s["name"] for s in saved(canvas_path)["segments"]] == ["Commuters"]
    assert "Interrupted. Every answer given is saved" in shown


def test_reopening_offers_to_continue_where_it_stopped(example_path):
    before = saved(example_path)
    before_resume = before.get("resume_at")
    code, shown = ask_by_lines(example_path, "quick", "3")  # start at step 3, channels
    # Step 3 was asked with what is there shown first; nothing else was asked.
    assert "Where do you want to start?" in shown
    assert "Step 1 of" not in shown and "Step 2 of" not in shown
    assert "Channel name so far:\n  1. Pre-order app\n" in shown
    after = saved(example_path)
    assert after["segments"] == before["segments"] and after["channels"] == before["channels"]
    assert after["resume_at"] == "channels" != before_resume

    code, shown = ask_by_lines(example_path, "quick", "", "2", "Lunch stand", "")
    # Enter continues where it stopped; existing channels kept, one added, phases as they were.
    assert "(you stopped at Channels)" in shown and "Step 3 of 4: Channels" in shown
    channels = saved(example_path)["channels"]
    assert [c["name"] for c in channels] == [c["name"] for c in before["channels"]] + ["Lunch stand"]
    assert channels[0]["phases"] == before["channels"][0]["phases"]


def test_revising_keeps_renames_and_removes(example_path):
    before = saved(example_path)["segments"]
    # Step 1; revise: keep the first, rename the second; then add none.
    ask_by_lines(example_path, "quick", "1", "3", "", "Offices and shops", "")
    names = [s["name"] for s in saved(example_path)["segments"]]
    assert names == [before[0]["name"], "Offices and shops"]
    assert saved(example_path)["segments"][1]["id"] == before[1]["id"]  # links and channels keep pointing
    ask_by_lines(example_path, "quick", "1", "3", "", "-", "2", "")
    assert [s["name"] for s in saved(example_path)["segments"]] == [before[0]["name"]]


def test_a_question_asks_for_help_with_a_question_mark(canvas_path):
    code, shown = ask_by_lines(canvas_path, "quick", "?", "Commuters")
    assert "Help: Customer segments" in shown
    assert "A customer segment is a group of people" in shown  # Markdown shown as plain text
    assert "**" not in shown
    assert saved(canvas_path)["segments"][0]["name"] == "Commuters"  # asked again, then saved


def test_rewording_a_flow_changes_what_the_line_mode_asks(tmp_path):
    flow = tmp_path / "mine.toml"
    text = (flows_folder() / "quick.toml").read_text(encoding="utf-8")
    flow.write_text(text.replace('label = "Segment name"', 'label = "Which customers?"'), encoding="utf-8")
    shown = io.StringIO()
    answers = io.StringIO("Commuters\n")
    run_plain(tmp_path / "c.toml", load_flow(str(flow)), LinePrompter(answers, shown))
    assert "Which customers?: Commuters" in shown.getvalue()
    assert "Segment name" not in shown.getvalue()


def test_texts_from_the_file_are_shown_literally(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('format = 1\nresume_at = "value"\n[[segments]]\nid = "a"\n'
                    'name = "<b>Bold</b> \\u001b[31mred"\n', encoding="utf-8")
    code, shown = ask_by_lines(path, "quick", "2")
    assert "Segment: <b>Bold</b> \u241b[31mred" in shown
    assert "\x1b" not in shown


def test_a_held_file_names_its_holder_and_can_be_saved_elsewhere(example_path):
    holder = {"user": "ana", "host": socket.gethostname(), "pid": os.getppid(),
              "started": "2026-11-29T10:02:00+00:00"}
    lock.lock_path(example_path).write_text(json.dumps(holder))
    before = example_path.read_bytes()
    code, shown = ask_by_lines(example_path, "quick", "")
    assert code == 0 and "open in another bmc-tui session: ana on" in shown
    # Read-only: answers are kept in memory and saved to another file at the end.
    # Open it read-only, start at relationships, choose co-creation for the first segment,
    # keep its motivations and the second's answers, finish, then save a copy.
    code, shown = ask_by_lines(example_path, "quick", "1", "4", "6", "", "", "", "", "mine.toml")
    assert "Not saved:" in shown and "Saved to" in shown
    assert example_path.read_bytes() == before
    assert saved(example_path.with_name("mine.toml"))["segments"][0]["relationship"]["types"] == ["co-creation"]


def test_an_unsaved_answer_is_said_and_quitting_without_a_copy_exits_1(example_path):
    holder = {"user": "ana", "host": socket.gethostname(), "pid": os.getppid(),
              "started": "2026-11-29T10:02:00+00:00"}
    lock.lock_path(example_path).write_text(json.dumps(holder))
    code, shown = ask_by_lines(example_path, "quick", "1", "4", "6")
    assert code == 1 and "Your latest answers are NOT saved." in shown


def test_the_line_mode_never_imports_textual(tmp_path):
    statement = (
        "import io\n"
        "from bmc_tui.core.flow import load_flow\n"
        "from bmc_tui.plain import run_plain\n"
        "from bmc_tui.plain.prompts import LinePrompter, QuestionaryPrompter\n"
        "import questionary\n"
        f"run_plain({str(tmp_path / 'c.toml')!r}, load_flow('full'), "
        "LinePrompter(io.StringIO('Commuters\\n'), io.StringIO()))\n"
    )
    leaked = forbidden_after(statement)
    assert "textual" not in leaked and "rich" not in leaked
    assert (tmp_path / "c.toml").exists()


def test_each_question_declares_its_kind_once_in_the_flow_schema():
    flow = load_flow("full")
    kinds = {(step.id, q.key): q.kind for step in flow.steps for q in step.questions}
    assert kinds[("segments", "name")] == LIST and kinds[("segments", "description")] == TEXT
    assert kinds[("segments", "market")] == ONE and kinds[("channels", "phases")] == MANY
    assert kinds[("channels", "segments")] == MANY and kinds[("relationships", "cost")] == ONE
    value = flow.step("value")
    assert {q.key: q.links_to for q in value.questions} == {
        "jobs": None, "pains": None, "gains": None,
        "products": "jobs", "pain_relievers": "pains", "gain_creators": "gains",
    }


def test_the_findings_text_reports_each_segment(example_path):
    text = findings_text(load_canvas(example_path), load_flow("full"))
    assert text.startswith("Fit check: 6 findings\n")
    assert "\nOffices near the station\n  jobs served 1/1, pains relieved 1/1, gains created 0/1\n" in text
    assert "  - no channel covers evaluation (step: Channels)\n" in text
    assert "\nCanvas\n  - Channel 'Station posters' serves no segment (step: Channels)\n" in text


def test_a_dropped_terminal_keeps_every_answer_and_lets_the_file_go(canvas_path):
    import pexpect

    from .terminal import program

    command, *args = [*program(), "--plain", str(canvas_path), "--flow", "quick"]
    child = pexpect.spawn(command, args, env={**os.environ, "NO_COLOR": "1"}, timeout=30,
                          dimensions=(24, 80))
    child.expect("Segment name")
    child.send("Commuters\r")
    deadline = time.monotonic() + 20
    while not canvas_path.exists() and time.monotonic() < deadline:  # the answer is being saved
        time.sleep(0.05)
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 129
    assert saved(canvas_path)["segments"][0]["name"] == "Commuters"
    assert not lock.lock_path(canvas_path).exists()


class ChangingFile(io.StringIO):
    """Answers that, before the second one, let someone else write the canvas file."""

    def __init__(self, text: str, path: Path) -> None:
        super().__init__(text)
        self.path, self.lines = path, 0

    def readline(self, *args) -> str:
        self.lines += 1
        if self.lines == 2:
            self.path.write_text('format = 1\n[[segments]]\nid = "theirs"\nname = "Theirs"\n', encoding="utf-8")
        return super().readline(*args)


@pytest.mark.parametrize(("answer", "on_disk", "kept_aside"), [
    ("", ["Commuters", "Offices"], ["Theirs"]),  # Enter: keep mine
    ("2", ["Theirs"], ["Commuters", "Offices"]),  # take theirs
])
def test_a_file_changed_on_disk_asks_which_version_and_keeps_the_other(canvas_path, answer, on_disk, kept_aside):
    shown = io.StringIO()
    answers = ChangingFile(f"Commuters\nOffices\n{answer}\n", canvas_path)
    run_plain(canvas_path, load_flow("quick"), LinePrompter(answers, shown))
    assert "changed on disk since you opened it" in shown.getvalue()
    assert [s["name"] for s in saved(canvas_path)["segments"]] == on_disk
    (aside,) = [p for p in canvas_path.parent.glob("canvas.*-*.toml")]
    assert [s["name"] for s in saved(aside)["segments"]] == kept_aside


# issue 11: what addresses a profile item, the types in place, the new questions

OFFER_FIRST = """
format = 1
resume_at = "value"

[[segments]]
id = "commuters"
name = "Commuters"
products = [{ id = "ps1", text = "Pre-ordered coffee" }, { id = "ps2", text = "Breakfast roll" }]

[segments.relationship]
types = ["self-service", "communities"]
"""


def test_a_new_job_asks_which_products_help_with_it(canvas_path):
    canvas_path.write_text(OFFER_FIRST, encoding="utf-8")
    code, shown = ask_by_lines(canvas_path, "quick", "2", "Get to work", "2", "", "", "", "", "", "", "")
    assert code == 0
    products = saved(canvas_path)["segments"][0]["products"]
    assert products == [{"id": "ps1", "text": "Pre-ordered coffee"},
                        {"id": "ps2", "text": "Breakfast roll", "serves": ["j1"]}]
    assert "What addresses it?\n  1. Pre-ordered coffee\n  2. Breakfast roll\n" in shown


def test_only_an_offered_type_can_be_in_place_and_the_new_questions_are_asked(canvas_path):
    canvas_path.write_text(OFFER_FIRST, encoding="utf-8")
    # Start at relationships: keep the types; expects co-creation too; communities in
    # place; for retention; cost high; no notes; finish.
    code, shown = ask_by_lines(canvas_path, "full", "4", "", "6 1", "2", "2", "3", "", "")
    assert code == 0
    relationship = saved(canvas_path)["segments"][0]["relationship"]
    assert relationship == {
        "types": ["self-service", "communities"], "expected": ["co-creation", "self-service"],
        "established": ["communities"], "motivations": ["retention"], "status": "planned",
        "cost": "high",
    }
    listed = shown[shown.index("Already in place"):].split("Choose any")[0].splitlines()[1:]
    assert [line.split(":")[0] for line in listed] == ["  1. Self-service", "  2. Communities"]
    # The gap the new rule finds: co-creation is expected and not offered.
    assert "expects co-creation, which is not offered" in shown
