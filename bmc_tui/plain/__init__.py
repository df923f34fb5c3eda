"""The line-by-line mode: ``bmc-tui --plain FILE``.

The same interview as the full-screen app, asked as questions one after another:
questionary on a terminal, plain lines read from stdin otherwise (a script can feed it).
Never imports textual; questionary is imported only in this package.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .. import startup
from ..core.flow import Flow
from ..core.text import visible
from .interview import Interview
from .prompts import LinePrompter, Prompter, QuestionaryPrompter

EXIT_DONE = 0
EXIT_UNSAVED = 1
EXIT_BAD_FILE = 2
EXIT_HANGUP = 129
EXIT_INTERRUPTED = 130

__all__ = ["Interview", "default_prompter", "run_plain"]


class Hangup(Exception):
    """The terminal went away (SIGHUP)."""


def default_prompter(stdin: TextIO | None = None, stdout: TextIO | None = None) -> Prompter:
    """questionary when both ends are a terminal; plain lines for pipes, files and logs."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    if _is_terminal(stdin) and _is_terminal(stdout):
        return QuestionaryPrompter(stdout)
    return LinePrompter(stdin, stdout)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def run_plain(path: Path | str, flow: Flow, prompter: Prompter | None = None) -> int:
    """Ask the interview for one canvas file; returns the exit code."""
    from ..opening import open_or_report

    document = open_or_report(Path(path))
    if document is None:
        return EXIT_BAD_FILE
    interview = Interview(document, flow, prompter or default_prompter())
    # Loaded now, questionary too (startup.py).
    startup.set_aside()
    startup.loaded()
    try:
        with _hangup_raises():
            return _interview(interview)
    finally:
        document.release()


def _interview(interview: Interview) -> int:
    say = interview.ask.say
    try:
        if not interview.hold_the_file():
            return EXIT_DONE
        interview.run()
        code, ending = EXIT_DONE, "Done."
    except KeyboardInterrupt:
        code, ending = EXIT_INTERRUPTED, "Interrupted."
    except EOFError:
        code, ending = EXIT_DONE, "Input ended."
    except Hangup:
        return EXIT_HANGUP  # nobody is there to read a word; every answer given is saved
    say("")
    if not _saved_somewhere(interview):
        say(f"{ending} Your latest answers are NOT saved.")
        return EXIT_UNSAVED
    say(f"{ending} Every answer given is saved in {visible(str(interview.document.path))}.")
    return code


def _saved_somewhere(interview: Interview) -> bool:
    if not interview.document.has_unsaved_changes():
        return True
    if not interview.save_error:
        interview.save()  # the read-only reason or a failure is set now, if any
    try:
        return interview.offer_save_elsewhere()
    except (KeyboardInterrupt, EOFError):
        return False


@contextmanager
def _hangup_raises() -> Iterator[None]:
    """A dropped terminal ends the interview like Ctrl+C does, keeping every answer."""
    def hang_up(signum, frame):
        raise Hangup

    try:
        previous = signal.signal(signal.SIGHUP, hang_up)
    except (ValueError, AttributeError):  # not the main thread, or no SIGHUP here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGHUP, previous)
