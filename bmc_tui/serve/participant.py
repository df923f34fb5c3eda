"""One participant's process, started by the workshop server for each browser:
``python -m bmc_tui.serve.participant --flow NAME -- DIR``. The server builds this argv
itself; nothing a participant types reaches it (their name is asked inside the app)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..opening import load_flow_or_report

EXIT_BAD_FLOW = 2


def command(folder: Path, flow: str) -> list[str]:
    """The argv that runs one participant's interview, with this very interpreter."""
    return [sys.executable, "-m", "bmc_tui.serve.participant", "--flow", flow, "--", str(folder)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bmc_tui.serve.participant")
    parser.add_argument("--flow", default="quick")
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    flow = load_flow_or_report(args.flow)
    if flow is None:
        return EXIT_BAD_FLOW
    from ..tui.participant import ParticipantApp  # textual only in the participant's process

    app = ParticipantApp(args.folder, flow)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
