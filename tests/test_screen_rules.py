"""Screens never assign model fields: every change goes through ``app.edits`` (one place
that checks, saves and can undo it). A grep-able rule, checked here."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "bmc_tui"
FIELDS = (
    "name|text|links|description|market|phases|segments|notes|types|motivations|status|cost"
    "|reach|owner|medium|advantages|challenges"
)
# A widget may set its own attributes (self.text = ...); nothing else may set a field.
ASSIGNMENT = re.compile(rf"(?<!\bself)\.({FIELDS}) = |\bsetattr\(")  # not termios.tcsetattr


def front_end_files() -> list[Path]:
    """Every front end: the full screen (app, screens, dialogs, widgets) and the line mode."""
    return sorted(path for room in ("tui", "plain") for path in (PACKAGE / room).rglob("*.py"))


def test_the_rule_reads_every_front_end():
    names = {path.relative_to(PACKAGE).as_posix() for path in front_end_files()}
    assert {"tui/app.py", "tui/screens/value.py", "tui/dialogs/link_picker.py", "plain/interview.py"} <= names


def test_screens_and_the_app_assign_no_model_field():
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in front_end_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ASSIGNMENT.search(line)
    ]
    assert found == [], "use self.bmc.edits instead:\n" + "\n".join(found)


def test_the_rule_finds_an_assignment():
    assert ASSIGNMENT.search("        segment.description = event.value")
    assert ASSIGNMENT.search("setattr(channel, key, value)")
    assert ASSIGNMENT.search("        self.segment.name = value")
    assert not ASSIGNMENT.search("        self.text = text")
    assert not ASSIGNMENT.search("self.bmc.edits.set_segment_text(segment.id, 'description', text)")
