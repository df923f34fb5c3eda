"""``bmc-tui check``: the fit check's report for one file or many, its JSON and exit status."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import replace

import pytest
from hypothesis import given

from bmc_tui import cli
from bmc_tui.core import load_canvas, save_canvas
from bmc_tui.core.fit import ADVICE, Finding, check_fit
from bmc_tui.core.flow import load_flow
from bmc_tui.outputs import check
from bmc_tui.outputs.findings import ADVICE_HEADING, findings_text

from .golden import assert_golden, files, run_command  # noqa: F401 (files: a fixture)
from .test_import_hygiene import forbidden_after
from .test_storage_properties import SETTINGS, canvases

BROKEN = 'format = 1\n[[segments]]\nid = "A"\n'


def run(capsys, *argv: str) -> tuple[int, str, str]:
    return run_command(capsys, "check", *argv)


# --- golden files -------------------------------------------------------------------


def test_one_file_as_text(files, capsys):
    status, out, err = run(capsys, files[0])
    assert (status, err) == (1, "")
    assert_golden("check-one.txt", out)


def test_several_files_as_text_start_with_a_summary(files, capsys):
    status, out, _ = run(capsys, *files)
    assert status == 1
    assert out.startswith("file")
    assert_golden("check-several.txt", out)


def test_one_file_as_json(files, capsys):
    status, out, _ = run(capsys, "--json", files[0])
    assert status == 1
    assert_golden("check-one.json", out)


def test_several_files_as_json(files, capsys):
    status, out, _ = run(capsys, "--json", *files)
    assert status == 1
    assert [entry["path"] for entry in json.loads(out)["files"]] == files
    assert_golden("check-several.json", out)


# --- exit status --------------------------------------------------------------------


def test_a_canvas_without_segments_is_a_finding(tmp_path, capsys):
    clean = tmp_path / "clean.toml"
    clean.write_text("format = 1\n", encoding="utf-8")
    status, out, _ = run(capsys, str(clean))
    assert status == 1, "no segment is itself a finding"
    assert "No customer segments yet" in out


def test_exit_0_when_nothing_is_found(tmp_path, capsys, monkeypatch):
    path = tmp_path / "fine.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    monkeypatch.setattr(check, "check_fit", lambda canvas: replace(check_fit(canvas), findings=[]))
    status, out, _ = run(capsys, str(path))
    assert status == 0
    assert "Fit check: 0 findings" in out


def test_an_unreadable_file_exits_2_and_the_others_are_still_reported(files, capsys):
    with open("broken.toml", "w", encoding="utf-8") as stream:
        stream.write(BROKEN)
    status, out, err = run(capsys, files[0], "broken.toml", "missing.toml", files[1])
    assert status == 2
    assert "broken.toml: this file cannot be opened as a canvas.\n  segments[0].id:" in err
    assert "missing.toml: this file cannot be opened as a canvas.\n  file: no such file" in err
    assert "\nbroken.toml       cannot be read" in out
    assert f"{files[0]}: Station coffee cart\nFit check: 6 findings" in out
    assert f"{files[1]}: Fix & Ride" in out


def test_an_unreadable_file_in_json_names_the_place(files, capsys):
    with open("broken.toml", "w", encoding="utf-8") as stream:
        stream.write(BROKEN)
    status, out, _ = run(capsys, "--json", "broken.toml", files[0])
    assert status == 2
    broken, example = json.loads(out)["files"]
    assert broken["readable"] is False and "findings" not in broken
    assert broken["error"]["problems"][0]["where"] == "segments[0].id"
    assert example["readable"] is True and example["counts"] == {"gap": 6, "advice": 0}


def with_advice(canvas):
    """The real report plus one piece of advice (the advice rules are added elsewhere)."""
    report = check_fit(canvas)
    advice = Finding("same-relationships", "Morning commuters: the same relationship as others",
                     "relationships", "commuters", brief="the same relationship as others",
                     severity=ADVICE, why="different segments usually need different relationships")
    return replace(report, findings=[*report.findings, advice])


def test_advice_alone_exits_0_unless_strict(tmp_path, capsys, monkeypatch):
    path = tmp_path / "fine.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    only_advice = lambda canvas: replace(with_advice(canvas), findings=with_advice(canvas).findings[-1:])
    monkeypatch.setattr(check, "check_fit", only_advice)
    assert run(capsys, str(path))[0] == 0
    assert run(capsys, "--strict", str(path))[0] == 1


def test_json_carries_the_severity_of_every_finding(example_path, capsys, monkeypatch):
    monkeypatch.setattr(check, "check_fit", with_advice)
    _, out, _ = run(capsys, "--json", str(example_path))
    findings = json.loads(out)["files"][0]["findings"]
    assert [f["severity"] for f in findings] == ["gap"] * 6 + ["advice"]
    assert findings[-1]["why"] == "different segments usually need different relationships"


def test_text_shows_advice_apart_from_gaps(example_path):
    canvas = load_canvas(example_path)
    report = with_advice(canvas)
    commuters = next(fit for fit in report.segments if fit.segment.id == "commuters")
    commuters.findings.append(report.findings[-1])
    text = findings_text(canvas, load_flow("full"), report)
    assert text.startswith("Fit check: 7 findings (6 gaps, 1 advice)\n")
    assert (
        "  - product 'Breakfast roll' serves no job (step: Value)\n"
        f"  {ADVICE_HEADING}\n"
        "    - the same relationship as others (step: Relationships)\n"
        "      why: different segments usually need different relationships\n"
    ) in text


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["check"])
    assert exit.value.code == 2


def test_texts_from_the_file_reach_the_terminal_as_visible_symbols(tmp_path, capsys):
    path = tmp_path / "evil.toml"
    path.write_text('format = 1\ntitle = "\\u001b]0;owned\\u0007"\n[[segments]]\nid = "s"\n'
                    'name = "\\u001b[2J"\n', encoding="utf-8")
    _, out, _ = run(capsys, str(path))
    assert "\x1b" not in out and "\x07" not in out and "␛[2J" in out
    _, out, _ = run(capsys, "--json", str(path))
    assert "\x1b" not in out and json.loads(out)["files"][0]["title"] == "\x1b]0;owned\x07"


@pytest.mark.parametrize("options", [[], ["--json"]], ids=["text", "json"])
def test_check_never_loads_textual(example_path, options):
    statement = (
        "import contextlib, io\nfrom bmc_tui import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    cli.main(['check', *{options!r}, {str(example_path)!r}])"
    )
    assert not forbidden_after(statement)


def test_help_lists_check_and_export(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "bmc-tui check " in out and "bmc-tui export " in out


def test_a_file_named_check_still_opens_as_a_canvas(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seen = []
    monkeypatch.setattr(cli, "run_app", lambda path, flow, cursor_blink: seen.append(path) or 0)
    assert cli.main(["./check"]) == 0
    assert str(seen[0]) == "check"


# --- the JSON agrees with the fit step, whatever the canvas -----------------------------


@SETTINGS
@given(canvas=canvases())
def test_check_json_agrees_with_the_fit_check(tmp_path_factory, canvas):
    path = tmp_path_factory.mktemp("check") / "canvas.toml"
    save_canvas(canvas, path)
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(io.StringIO()):
        status = check.main(["--json", str(path)])
    (reported,) = json.loads(output.getvalue())["files"]
    expected = check_fit(canvas).findings
    assert [
        (f["code"], f["severity"], f["step"], f["segment"], f["kind"], f["item"], f["channel"],
         f["phase"], f["message"], f["why"] or "")
        for f in reported["findings"]
    ] == [
        (f.code, f.severity, f.step, f.segment_id, f.kind, f.item_id, f.channel_id, f.phase,
         f.message, f.why)
        for f in expected
    ]
    assert reported["segments"] == len(canvas.segments)
    assert status == (1 if any(f.is_gap for f in expected) else 0)
