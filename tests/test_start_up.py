"""What start-up does, and leaves for later, to paint the first screen sooner."""

from __future__ import annotations

import ast
import gc
import io
import subprocess
import sys
from pathlib import Path

import pytest

from bmc_tui import cli, plain, startup
from bmc_tui.plain.prompts import LinePrompter
from bmc_tui.tui.app import STYLES, make_app

from .terminal import TerminalSession


def styles_loaded(app) -> set[str]:
    return {path.stem for path in STYLES.glob("*.tcss") if app.stylesheet.has_source(str(path))}


STEP_STYLES = ("segments", "value", "channels", "relationships", "fit", "canvas_view", "too_small")


def test_every_stylesheet_is_a_screens_own_the_dialogs_or_the_shared_one():
    assert {path.stem for path in STYLES.glob("*.tcss")} == {"app", "dialogs", *STEP_STYLES}


async def test_a_steps_rules_are_parsed_when_its_screen_is_first_built_and_then_apply(example_path):
    app = make_app(example_path)
    parsed_at_first_frame: list[set[str]] = []
    prepare_next_step = app.prepare_next_step

    def after_the_first_frame() -> None:  # the next step's screen is built only now
        parsed_at_first_frame.append(styles_loaded(app))
        prepare_next_step()

    app.prepare_next_step = after_the_first_frame
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # until the first frame is drawn
            if parsed_at_first_frame:
                break
            await pilot.pause(0.02)
        assert parsed_at_first_frame == [{"app", "segments"}]
        await pilot.pause()
        await app.unseen_built()
        assert styles_loaded(app) == {"app", "segments", "value"}
        await app.go_to_step("fit")
        await pilot.pause()
        assert styles_loaded(app) == {"app", "segments", "value", "fit"}
        # A rule of fit.tcss reached the new screen's nodes.
        assert str(app.screen.query_one("#fit-findings").styles.max_height) == "40vh"
        app.action_canvas_view()
        await pilot.pause()
        assert {"canvas_view", "dialogs"} <= styles_loaded(app)
        app.screen.dismiss()
        await pilot.press("f1")
        await pilot.pause()
        # A rule of dialogs.tcss reached the help's box.
        assert str(app.screen.query_one(".help-box").styles.width) == "90"


# What the first frame needs, in a fresh interpreter: the segment's detail (a TextArea, the
# choice lists) is built, and its modules imported, after it (SegmentsScreen.build_detail).
DETAIL_MODULES = ["textual.widgets._text_area", "bmc_tui.tui.widgets.text_box", "bmc_tui.tui.widgets.choice_list"]
MODULES_AT_FIRST_FRAME = """
import sys, asyncio
from pathlib import Path
from textual.app import App
from bmc_tui.tui.app import make_app

watched = sys.argv[2:]
at_first_frame = []
display = App._display

def first(app, screen, update):
    if update is not None and not at_first_frame:
        at_first_frame.append([name for name in watched if name in sys.modules])
    display(app, screen, update)

App._display = first

async def main():
    async with make_app(Path(sys.argv[1])).run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
    print(at_first_frame[0])
    print([name for name in watched if name in sys.modules])

asyncio.run(main())
"""


def test_the_first_frame_is_drawn_before_the_detail_s_fields_are_imported(example_path):
    shown = subprocess.run(
        [sys.executable, "-c", MODULES_AT_FIRST_FRAME, str(example_path), *DETAIL_MODULES],
        check=True, capture_output=True, text=True,
    ).stdout
    at_first_frame, once_settled = (ast.literal_eval(line) for line in shown.splitlines())
    assert at_first_frame == [] and once_settled == DETAIL_MODULES


# --- asyncio without TLS (startup.asyncio_without_tls) ---------------------------------


def test_asyncio_is_loaded_without_tls_and_ssl_still_imports_after():
    code = (
        "import sys; from bmc_tui import startup; startup.asyncio_without_tls()\n"
        "import asyncio, asyncio.sslproto\n"
        "assert 'ssl' not in sys.modules and asyncio.sslproto.ssl is None\n"
        "import ssl; assert ssl.SSLContext\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_running_interview_has_not_loaded_openssl(example_path):
    with TerminalSession([str(example_path)]) as session:
        session.wait_for("Segments (2)")
        maps = Path(f"/proc/{session.child.pid}/maps").read_text()
    assert "libssl" not in maps and "_ssl" not in maps


# --- the garbage collector through start-up (bmc_tui/startup.py) ----------------------


@pytest.fixture
def collector():
    """gc as each test found it, whatever the test left."""
    yield
    gc.enable()
    gc.unfreeze()


def test_a_refused_start_turns_the_collector_on_again(tmp_path, collector, capsys):
    assert cli.main([str(tmp_path / "missing-folder" / "canvas.toml")]) == cli.EXIT_BAD_FILE
    assert gc.isenabled()


def test_the_collector_is_off_while_loading_and_on_for_the_first_question(tmp_path, monkeypatch, collector):
    seen: list[tuple[str, bool]] = []
    loaded = startup.loaded
    # The line mode's default prompter is made while loading; its first question comes after.
    monkeypatch.setattr(plain, "default_prompter", lambda: seen.append(("made", gc.isenabled())) or Recorder(seen))
    monkeypatch.setattr(startup, "loaded", lambda **kwargs: (seen.append(("loaded", False)), loaded(**kwargs)))
    assert cli.main(["--plain", str(tmp_path / "canvas.toml")]) == 0
    assert seen[:3] == [("made", False), ("loaded", False), ("asked", True)]
    assert gc.get_threshold() == startup.GC_THRESHOLDS


class Recorder(LinePrompter):
    """Records whether the collector runs when the first question is asked, then ends the input."""

    def __init__(self, seen: list[tuple[str, bool]]) -> None:
        super().__init__(io.StringIO(""), io.StringIO())
        self.seen = seen

    def text(self, message: str, default: str = "", placeholder: str = ""):
        self.seen.append(("asked", gc.isenabled()))
        raise EOFError


async def test_the_app_turns_the_collector_on_once_its_first_screen_is_up(example_path, collector):
    app = make_app(example_path)
    with startup.loading():
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_threshold() == startup.GC_THRESHOLDS


async def test_a_widget_is_styled_as_it_mounts_not_when_made(example_path, monkeypatch):
    """Textual restyled a widget made with compact=True on the spot, then again as it
    mounted: a dozen wasted restylings on a step's first visit."""
    from textual.widgets import Input

    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        styled: list[object] = []
        apply = app.stylesheet.apply
        monkeypatch.setattr(app.stylesheet, "apply", lambda node, *a, **k: (styled.append(node), apply(node, *a, **k))[1])
        field = Input(compact=True)
        assert field not in styled
        await app.screen.mount(field)
        assert field in styled
        assert field.has_class("-textual-compact")
        assert field.styles.height.value == 1  # the compact rules reached it
