"""The fit step on a large canvas: thousands of findings, drawn only as they come into view,
and every key still working (up, down, page, home, end, Enter, a); the fit check's findings
are plain frozen values however quickly they are made."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields
from pathlib import Path

import pytest

from bmc_tui.core import ITEM_KINDS, Canvas, dump_canvas
from bmc_tui.core.fit import Finding, check_fit
from bmc_tui.tui.app import make_app
from bmc_tui.tui.screens.fit import FindingPrompt, FitScreen

from .test_hostile_texts import screen_text

SEGMENTS, ITEMS = 12, 20  # 12 x 120 unlinked entries: 1,440 findings, 1,452 rows with headings


def large_canvas() -> Canvas:
    canvas = Canvas(title="Large", resume_at="fit")
    for number in range(1, SEGMENTS + 1):
        segment = canvas.add_segment(f"Segment {number}")
        for kind in ITEM_KINDS:
            for entry in range(1, ITEMS + 1):
                segment.add_item(kind, f"{kind} {entry} of segment {number}")
    return canvas


@pytest.fixture
def large_path(canvas_path: Path) -> Path:
    canvas_path.write_text(dump_canvas(large_canvas()), encoding="utf-8")
    return canvas_path


@pytest.fixture
def drawn(monkeypatch) -> list[FindingPrompt]:
    """The findings drawn, in order."""
    drawn: list[FindingPrompt] = []
    render = FindingPrompt.render_strips

    def counted(self, *args, **kwargs):
        drawn.append(self)
        return render(self, *args, **kwargs)

    monkeypatch.setattr(FindingPrompt, "render_strips", counted)
    return drawn


async def test_only_the_findings_in_view_are_drawn(large_path, drawn):
    app = make_app(large_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FitScreen)
        findings = len(screen.report.findings)
        assert findings > 1000
        in_view = screen.findings_list.scrollable_content_region.height
        assert 0 < len(set(map(id, drawn))) <= in_view
        await pilot.press("end")
        await pilot.pause()
        assert screen.current_finding is screen.shown[-1]
        assert len(set(map(id, drawn))) <= 2 * in_view  # the last page, not all in between


async def test_keys_move_over_the_headings_and_wrap_around(large_path):
    app = make_app(large_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        first = screen.current_finding
        assert first is screen.shown[0]
        await pilot.press("up")  # from the first finding, round to the last
        assert screen.current_finding is screen.shown[-1]
        await pilot.press("down", "home")
        assert screen.current_finding is first
        per_segment = len(screen.shown) // SEGMENTS
        for _ in range(per_segment):
            await pilot.press("down")  # over the second segment's heading
        assert screen.current_finding.segment_id == "segment-2"
        assert screen.current_finding is screen.shown[per_segment]
        await pilot.press("pagedown")
        after_page = screen.shown.index(screen.current_finding)
        height = screen.findings_list.scrollable_content_region.height
        assert per_segment < after_page <= per_segment + height
        await pilot.press("pageup")
        assert screen.shown.index(screen.current_finding) < after_page


async def test_the_coverage_follows_the_finding_into_another_segment(large_path):
    app = make_app(large_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("end")
        while screen.current_finding.kind != "gain_creators":  # the last segment's last item
            await pilot.press("up")
        await pilot.pause()
        await pilot.pause()
        assert screen.current_finding.segment_id == f"segment-{SEGMENTS}"
        detail = screen.query_one("#fit-detail")
        assert str(screen.query_one("#fit-detail-title").content) == f"Segment {SEGMENTS}"
        # Far down the segment's coverage (its last idle gain creator): scrolled into view.
        assert str(detail.rows[detail.current]).startswith(f"! gain_creators {ITEMS} of segment {SEGMENTS}")
        top, bottom = detail.row_lines(detail.current)
        assert 0 < detail.scroll_y <= top and bottom <= detail.scroll_y + detail.scrollable_content_region.height


async def test_enter_and_a_click_on_a_finding_go_to_its_step(large_path):
    app = make_app(large_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "value"
        await app.go_to_step("fit")
        await pilot.pause()
        screen = app.screen
        findings_list = screen.findings_list
        # The second line of the list: the first segment's second finding.
        await pilot.click(findings_list, offset=(3, 2 - findings_list.scroll_offset.y))
        await pilot.pause()
        assert app.current_mode == "value"
        assert screen.current_finding is screen.shown[1]


def test_the_fit_checks_findings_are_frozen_values_like_any_other():
    for finding in check_fit(large_canvas()).findings[:200]:
        made = Finding(**{f.name: getattr(finding, f.name) for f in fields(Finding)})
        assert made == finding and hash(made) == hash(finding) and repr(made) == repr(finding)
        with pytest.raises(FrozenInstanceError):
            finding.code = "changed"  # type: ignore[misc]


async def test_the_report_is_made_again_only_after_a_change(large_path, monkeypatch):
    from bmc_tui.core import fit  # the document's fit_report calls it, for every front end

    checks: list[int] = []
    monkeypatch.setattr(fit, "check_fit", lambda canvas: checks.append(1) or check_fit(canvas))
    app = make_app(large_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(checks) == 1
        await pilot.press("enter")  # to the value step, another segment chosen on the way
        await pilot.pause()
        await app.go_to_step("fit")
        await pilot.pause()
        assert len(checks) == 1
        app.edits.rename_item("segment-1", "jobs", "j1", "Renamed job")
        await app.go_to_step("value")
        await app.go_to_step("fit")
        await pilot.pause()
        assert len(checks) == 2
        assert "Renamed job" in str(app.screen.findings_list.rows[1])


async def test_the_fit_step_draws_without_colour(example_path, monkeypatch):
    """NO_COLOR=1: Textual's monochrome filter meets every segment of the lazy lists (a
    segment without a style stopped the app)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(example_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.go_to_step("fit")
        await pilot.pause()
        assert "Findings (6 gaps)" in screen_text(app)
        assert app.return_code is None
