"""The core and the flows must load without any UI library.

The line mode, ``check``, ``export`` and scripts use ``bmc_tui.core`` and
``bmc_tui.core.flow`` without a screen. A static look at the imports cannot tell a
module-level import from one deferred into a function, so each import is done for
real in a fresh interpreter and ``sys.modules`` is read afterwards.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import bmc_tui
import bmc_tui.core

ROOT = Path(bmc_tui.__file__).resolve().parent.parent

# Nothing headless draws, so none of these may come in, not even sideways.
FORBIDDEN = ("textual", "questionary", "prompt_toolkit", "rich")


def model_modules() -> list[str]:
    """Every module of bmc_tui.core, found on disk so a new one is checked too."""
    found = [
        f"bmc_tui.core.{info.name}"
        for info in pkgutil.iter_modules(bmc_tui.core.__path__)
    ]
    return ["bmc_tui.core", *sorted(found)]


# The line mode loads questionary only once it asks on a terminal, never on import;
# check and export never load any of them.
LINE_MODE = ["bmc_tui.outputs", "bmc_tui.outputs.findings", "bmc_tui.outputs.check",
             "bmc_tui.outputs.export", "bmc_tui.outputs.markdown", "bmc_tui.outputs.svg",
             "bmc_tui.outputs.canvas_blocks",
             "bmc_tui.plain", "bmc_tui.plain.interview", "bmc_tui.plain.prompts"]
HEADLESS = [*model_modules(), "bmc_tui.core.flow", "bmc_tui.cli", "bmc_tui", *LINE_MODE]
# merge, and the workshop server's own side (its participants' processes run the app).
HEADLESS += ["bmc_tui.outputs.merge_command", "bmc_tui.serve.command", "bmc_tui.serve.status",
             "bmc_tui.serve.names", "bmc_tui.serve.participant"]


def forbidden_after(statement: str) -> list[str]:
    """The forbidden packages a fresh interpreter holds after running ``statement``."""
    script = (
        f"{statement}\n"
        "import sys\n"
        f"forbidden = {FORBIDDEN!r}\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & set(forbidden))))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [name for name in result.stdout.strip().split(",") if name]


def test_every_model_module_is_checked():
    assert {
        "bmc_tui.core.canvas", "bmc_tui.core.storage", "bmc_tui.core.fit", "bmc_tui.core.document",
    } <= set(model_modules())


@pytest.mark.parametrize("module", HEADLESS)
def test_importing_loads_no_ui_library(module):
    leaked = forbidden_after(f"import {module}")
    assert not leaked, f"import {module} loaded {leaked}"


def test_loading_a_canvas_and_a_flow_loads_no_ui_library(example_path):
    statement = (
        "from bmc_tui.core.flow import load_flow\n"
        "from bmc_tui.core import load_canvas, dump_canvas\n"
        "from bmc_tui.core.fit import *\n"
        "load_flow('full'); load_flow('quick')\n"
        f"dump_canvas(load_canvas({str(example_path)!r}))\n"
    )
    leaked = forbidden_after(statement)
    assert not leaked, f"loading loaded {leaked}"


@pytest.mark.parametrize("library", ["textual", "rich.text", "questionary"])
def test_the_check_sees_a_planted_import(library):
    # Without this, a probe that always printed nothing would pass every test above.
    assert forbidden_after(f"import bmc_tui.core\nimport {library}")
