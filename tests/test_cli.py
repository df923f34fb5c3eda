"""The command line: options, refusals (exit 2, file untouched) and what starts the app.

The screen itself is never started here: ``BmcApp.run`` is replaced by a recorder.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import bmc_tui
from bmc_tui import cli
from bmc_tui.core import load_canvas

from .conftest import EXAMPLE

ROOT = Path(bmc_tui.__file__).resolve().parent.parent


@pytest.fixture
def started(monkeypatch):
    """The apps main() would have started, instead of starting them.

    pytest runs without a terminal, which main() refuses: these tests pretend to have one."""
    from bmc_tui.tui.app import BmcApp

    monkeypatch.setattr(cli, "terminal_problem", lambda: None)
    apps: list[BmcApp] = []
    monkeypatch.setattr(BmcApp, "run", lambda self, *args, **kwargs: apps.append(self))
    return apps


def untouched(path: Path):
    """A snapshot of a file to compare after a refusal."""
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    return (path.read_bytes(), path.stat().st_mtime_ns, stat.S_IMODE(path.stat().st_mode))


def snapshot(path: Path):
    return (path.read_bytes(), path.stat().st_mtime_ns, stat.S_IMODE(path.stat().st_mode))


# --- --version and --help ----------------------------------------------------


def test_version(capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["--version"])
    assert exit.value.code == 0
    assert capsys.readouterr().out.strip() == f"bmc-tui {bmc_tui.__version__}"


def test_help_lists_the_options(capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["--help"])
    assert exit.value.code == 0
    out = capsys.readouterr().out
    for option in ("FILE", "--flow", "--example", "--version", "quick"):
        assert option in out


def test_no_file_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main([])
    assert exit.value.code == 2
    assert "canvas file" in capsys.readouterr().err


def test_file_and_a_different_example_file_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main([str(tmp_path / "a.toml"), "--example", str(tmp_path / "b.toml")])
    assert exit.value.code == 2
    assert list(tmp_path.iterdir()) == []


# --- refusals ----------------------------------------------------------------

BAD_FILES = [
    ("syntax", 'format = 1\ntitle = "Cart\n', "line 2, column 14"),
    ("newer", "format = 9\n", "newer version"),
    ("link", 'format = 1\n[[segments]]\nid = "a"\nname = "A"\n'
     'products = [{ id = "ps1", text = "x", serves = ["j1"] }]\n', "segments[0].products[0].serves[0]"),
    ("not utf-8", b"format = 1\ntitle = '\xff'\n", "line 2, column 10"),
]


@pytest.mark.parametrize(("case", "content", "place"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_exits_2_naming_file_and_place_and_is_left_untouched(
    tmp_path, capsys, started, case, content, place
):
    path = tmp_path / "canvas.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = untouched(path)
    assert cli.main([str(path)]) == cli.EXIT_BAD_FILE == 2
    captured = capsys.readouterr()
    assert str(path) in captured.err
    assert place in captured.err
    assert "Nothing was changed" in captured.err
    assert captured.out == ""
    assert snapshot(path) == before
    assert started == []
    assert [p.name for p in tmp_path.iterdir()] == ["canvas.toml"]


def test_an_unknown_flow_exits_2_and_writes_nothing(tmp_path, capsys, started):
    path = tmp_path / "canvas.toml"
    assert cli.main([str(path), "--flow", "nosuch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nosuch: no such interview flow.\n")
    assert "the flows there are: full, quick" in err
    assert "Name one of them" in err
    assert not path.exists()
    assert started == []


def test_a_broken_flow_file_exits_2_naming_its_place(tmp_path, capsys, started):
    flow = tmp_path / "mine.toml"
    flow.write_text('[[steps]]\nid = "revenue"\n', encoding="utf-8")
    assert cli.main([str(tmp_path / "canvas.toml"), "--flow", str(flow)]) == 2
    err = capsys.readouterr().err
    assert str(flow) in err and "steps[0].id" in err
    assert started == []


def test_a_file_in_a_missing_folder_exits_2(tmp_path, capsys, started):
    assert cli.main([str(tmp_path / "nowhere" / "canvas.toml")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert started == []


def test_example_never_overwrites_a_file(example_path, capsys, started):
    example_path.write_text("format = 1\ntitle = \"Mine\"\n", encoding="utf-8")
    before = untouched(example_path)
    assert cli.main(["--example", str(example_path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert snapshot(example_path) == before
    assert started == []


def test_example_with_an_unknown_flow_writes_nothing(tmp_path, capsys, started):
    # Otherwise the retry with the right flow would refuse to overwrite the example.
    path = tmp_path / "demo.toml"
    assert cli.main(["--example", str(path), "--flow", "nosuch"]) == 2
    assert not path.exists()
    assert started == []


# --- starting the app --------------------------------------------------------


def test_example_writes_the_bundled_example_owner_only_and_opens_it(tmp_path, started):
    path = tmp_path / "demo.toml"
    old_umask = os.umask(0)
    try:
        assert cli.main(["--example", str(path)]) == 0
    finally:
        os.umask(old_umask)
    assert path.read_bytes() == EXAMPLE.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_canvas(path) == load_canvas(EXAMPLE)
    [app] = started
    assert app.document.path == path
    assert app.document.canvas == load_canvas(EXAMPLE)
    assert app.flow.name == "full"


def test_example_may_also_be_given_as_the_file(tmp_path, started):
    path = tmp_path / "demo.toml"
    assert cli.main([str(path), "--example", str(path)]) == 0
    assert path.exists()
    assert len(started) == 1


def test_a_new_file_opens_an_empty_canvas_and_writes_nothing_yet(tmp_path, started):
    path = tmp_path / "canvas.toml"
    assert cli.main([str(path)]) == 0
    [app] = started
    assert app.document.path == path
    assert app.document.exists is False
    assert not path.exists()
    assert app.cursor_blink_enabled is False


def test_an_existing_file_opens_with_the_chosen_flow(example_path, started):
    before = example_path.read_bytes()
    assert cli.main([str(example_path), "--flow", "quick", "--blink"]) == 0
    [app] = started
    assert app.flow.name == "quick"
    assert app.cursor_blink_enabled is True
    assert app.document.canvas == load_canvas(example_path)
    assert example_path.read_bytes() == before


def test_flow_may_be_a_path(tmp_path, started):
    flow = tmp_path / "workshop.toml"
    shutil.copyfile(ROOT / "flows" / "quick.toml", flow)
    assert cli.main([str(tmp_path / "canvas.toml"), "--flow", str(flow)]) == 0
    [app] = started
    assert app.flow.source == flow


# --- no textual on the paths that never show a screen ------------------------

NO_SCREEN_RUNS = {
    "version": ["--version"],
    "help": ["--help"],
    "bad file": ["{bad}"],
    "unknown flow": ["{new}", "--flow", "nosuch"],
    "example exists": ["--example", "{bad}"],
    "missing folder": ["{missing}"],
}


@pytest.mark.parametrize("argv", NO_SCREEN_RUNS.values(), ids=NO_SCREEN_RUNS.keys())
def test_paths_that_show_no_screen_do_not_import_textual(tmp_path, argv):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 2\n", encoding="utf-8")
    names = {"bad": bad, "new": tmp_path / "new.toml", "missing": tmp_path / "no" / "x.toml"}
    argv = [part.format(**names) for part in argv]
    script = (
        "import sys\n"
        "from bmc_tui import cli\n"
        "try:\n"
        f"    code = cli.main({argv!r})\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'questionary'))\n"
        "print('LOADED', loaded, 'CODE', code, file=sys.stderr)\n"
    )
    result = run_python(script, cwd=tmp_path)
    assert "LOADED [] CODE" in result.stderr, result.stderr
    assert bad.read_text(encoding="utf-8") == "format = 2\n"


def test_python_m_bmc_tui_version_prints_the_version(tmp_path):
    result = run_python("-m", "bmc_tui", "--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"bmc-tui {bmc_tui.__version__}"


def test_python_m_bmc_tui_bad_file_exits_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = [\n", encoding="utf-8")
    result = run_python("-m", "bmc_tui", str(bad), cwd=tmp_path)
    assert result.returncode == 2
    assert str(bad) in result.stderr and "line 2, column 1" in result.stderr
    assert bad.read_text(encoding="utf-8") == "format = [\n"


def run_python(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter that finds this checkout's bmc_tui from any folder."""
    if len(args) == 1:
        args = ("-c", args[0])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60,
    )


# --- no terminal: one line, exit 2, never the screen --------------------------


def run_program(args: list[str], *, cwd: Path, env: dict[str, str] | None = None,
                stdout=subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """The installed program with stdin from /dev/null; a hang fails the test, not the suite."""
    from .terminal import program

    return subprocess.run(
        [*program(), *args], cwd=cwd, env={**os.environ, "TERM": "xterm-256color", **(env or {})},
        stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=30,
    )


def test_without_a_terminal_it_refuses_in_one_line_and_writes_nothing(tmp_path):
    path = tmp_path / "canvas.toml"
    result = run_program([str(path)], cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line == f"bmc-tui: {path}: the interview needs an interactive terminal, " \
                   f"but stdin and stdout are not terminals; bmc-tui --plain {path} asks it line by line."
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_with_stdout_a_terminal_it_names_stdin(tmp_path):
    # stdout is a pty; stdin is /dev/null.
    import pty

    parent, child = pty.openpty()
    try:
        result = run_program([str(tmp_path / "canvas.toml")], cwd=tmp_path, stdout=child)
    finally:
        os.close(child)
        os.close(parent)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "but stdin is not a terminal; bmc-tui --plain" in line
    assert list(tmp_path.iterdir()) == []


def test_an_existing_canvas_is_left_untouched_without_a_terminal(example_path, tmp_path):
    before = untouched(example_path)
    result = run_program([str(example_path)], cwd=tmp_path)
    assert result.returncode == 2
    assert "needs an interactive terminal" in result.stderr
    assert snapshot(example_path) == before
    assert [p.name for p in tmp_path.iterdir()] == [example_path.name]


def test_example_is_not_written_without_a_terminal(tmp_path):
    path = tmp_path / "demo.toml"
    result = run_program(["--example", str(path)], cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert not path.exists()


def test_a_bad_file_is_refused_for_itself_first_without_a_terminal(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 2\n", encoding="utf-8")
    result = run_program([str(bad)], cwd=tmp_path)
    assert result.returncode == 2
    assert "Nothing was changed" in result.stderr
    assert "terminal" not in result.stderr


@pytest.mark.parametrize(("term", "reason"), [
    ("dumb", "TERM=dumb cannot show a full screen"),
    ("", "TERM is not set"),
], ids=["dumb", "empty"])
def test_a_dumb_terminal_is_refused_in_one_line(tmp_path, term, reason):
    from .terminal import TerminalSession

    path = tmp_path / "canvas.toml"
    with TerminalSession([str(path)], cwd=tmp_path, env={"TERM": term}) as session:
        assert session.wait_exit(timeout=20) == 2
    lines = session.raw.decode().splitlines()
    assert lines == [f"bmc-tui: {path}: the interview needs an interactive terminal, but {reason}; "
                     f"bmc-tui --plain {path} asks it line by line."]
    assert b"\x1b" not in session.raw
    assert list(tmp_path.iterdir()) == []


def test_without_a_terminal_textual_is_never_imported(tmp_path):
    script = (
        "import sys\n"
        "from bmc_tui import cli\n"
        f"code = cli.main([{str(tmp_path / 'new.toml')!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print('LOADED', loaded, 'CODE', code, file=sys.stderr)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=60)
    assert "LOADED [] CODE 2" in result.stderr, result.stderr


def test_terminal_problem_names_what_is_missing(monkeypatch):
    monkeypatch.setattr(os, "isatty", lambda fd: True)
    monkeypatch.setenv("TERM", "xterm")
    assert cli.terminal_problem() is None
    monkeypatch.delenv("TERM")
    assert cli.terminal_problem() == "TERM is not set"
    monkeypatch.setattr(os, "isatty", lambda fd: fd == 0)
    assert cli.terminal_problem() == "stdout is not a terminal"


# --- the usual starts, read without argparse -----------------------------------------

USUAL_STARTS = [
    ["canvas.toml"],
    ["--plain", "canvas.toml"],
    ["canvas.toml", "--blink"],
    ["--flow", "quick", "canvas.toml"],
    ["--flow=quick", "--plain", "canvas.toml"],
    ["--flow", "my flows/interview.toml", "canvas.toml"],
    ["--flow", "a", "--flow", "b", "canvas.toml"],
    ["--example", "example.toml"],
    ["--example=example.toml", "example.toml"],
    ["./check"],
]
LEFT_TO_ARGPARSE = [
    [], ["--help"], ["-h"], ["--version"], ["-"], ["a.toml", "b.toml"], ["--pl", "a.toml"],
    ["--flow", "--plain", "a.toml"], ["--flow"], ["--flow=", "a.toml"], ["--plain=yes", "a.toml"],
    ["--", "a.toml"], ["--example", "e.toml", "f.toml"], ["--unknown", "a.toml"],
]


@pytest.mark.parametrize("argv", USUAL_STARTS)
def test_a_usual_start_is_read_as_argparse_reads_it(argv):
    assert vars(cli.usual_arguments(argv)) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", LEFT_TO_ARGPARSE)
def test_anything_else_is_left_to_argparse(argv):
    assert cli.usual_arguments(argv) is None


def test_the_usual_reading_knows_every_option_of_the_parser():
    parser = cli.build_parser()
    options = {option for action in parser._actions for option in action.option_strings}
    assert options - {"-h", "--help", "--version"} == {*cli.FLAGS, *cli.VALUE_OPTIONS}


def test_a_usual_start_does_not_load_argparse(tmp_path, example_path):
    script = (
        "import sys\n"
        "from bmc_tui import cli, plain\n"
        "plain.run_plain = lambda path, flow: 0  # as far as the interview, not into it\n"
        f"code = cli.main(['--plain', {str(example_path)!r}])\n"
        "print('ARGPARSE', 'argparse' in sys.modules, 'CODE', code, file=sys.stderr)\n"
    )
    result = run_python(script, cwd=tmp_path)
    assert "ARGPARSE False CODE 0" in result.stderr, result.stderr
