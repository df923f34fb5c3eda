"""bmc-tui serve in a real browser: Debian's headless chromium, driven by playwright (never a
browser download). It opens the printed link, answers the first questions, and finds the
answers in DIR/<name>.toml; nothing the page loads comes from anywhere but the server."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bmc_tui.core import CanvasError, load_canvas

from .workshop import serving

CHROMIUM = Path(os.environ.get("BMC_TUI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytest.importorskip("textual_serve", reason="bmc-tui serve needs the serve extra (textual-serve)")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium with apt "
                "(apt-get install chromium); it could not be installed here",
                allow_module_level=True)


def answers(path: Path, ready, timeout: float = 30.0):
    """The canvas in ``path`` once ``ready(canvas)`` holds: each key is saved in its own time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            canvas = load_canvas(path)
            if ready(canvas):
                return canvas
        except (FileNotFoundError, CanvasError):  # not written yet
            pass
        time.sleep(0.1)
    raise AssertionError(f"{path} never held the answers typed")


def test_a_participant_answers_in_the_browser_and_the_answers_are_in_their_file(tmp_path):
    with serving(tmp_path) as (server, link), sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 600})
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto(link)
            page.wait_for_selector("body.-first-byte", timeout=30_000)  # the app drew
            page.click("#terminal")  # the keyboard goes to the terminal
            page.keyboard.type("Ana López")
            page.keyboard.press("Enter")
            file = tmp_path / "ana-lopez.toml"
            page.keyboard.type("Morning commuters")
            page.keyboard.press("Enter")
            answers(file, lambda canvas: canvas.segments)
            page.keyboard.press("Control+n")
            answers(file, lambda canvas: canvas.resume_at == "value")
            page.keyboard.type("Get to work on time")
            page.keyboard.press("Enter")
            canvas = answers(file, lambda canvas: canvas.segments[0].jobs)
        finally:
            browser.close()
    assert canvas.segments[0].name == "Morning commuters"
    assert [job.text for job in canvas.segments[0].jobs] == ["Get to work on time"]
    origin = "/".join(link.split("/")[:3]) + "/"
    assert requested and all(url.startswith(origin) for url in requested), requested
