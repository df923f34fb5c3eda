"""How the line mode asks: questionary on a terminal, plain lines otherwise.

Both prompters take plain strings (never markup) and answer with plain values, so the
interview is written once. Every text from a canvas or a flow is passed through
``visible`` by the interview before it gets here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TextIO

HELP = object()  # the answer '?': show the step's help, then ask again
ASK_HELP = "?"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    detail: str = ""  # an option's explanation, shown with it

    @property
    def title(self) -> str:
        return f"{self.label}: {self.detail}" if self.detail else self.label


class Prompter:
    """The four ways to ask. ``text`` returns the new text (the default when kept);
    ``select`` one value; ``checkbox`` the values ticked; any may return HELP.
    Ctrl+C raises KeyboardInterrupt; the end of input raises EOFError."""

    def say(self, text: str = "") -> None:
        raise NotImplementedError

    def text(self, message: str, default: str = "", placeholder: str = ""):
        raise NotImplementedError

    def select(self, message: str, choices: list[Choice], default: str | None = None):
        raise NotImplementedError

    def checkbox(self, message: str, choices: list[Choice], checked: list[str]):
        raise NotImplementedError


class LinePrompter(Prompter):
    """One line per answer from a stream: for scripts, logs and screen readers.

    Text: the line is the answer; an empty line keeps what is there, '-' clears it.
    Choice: a number or a value; several separated by spaces or commas for multiple
    choice; an empty line keeps what is chosen, '-' chooses nothing.
    """

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None, *, echo: bool = True) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.echo = echo  # repeat each answer after its prompt, so a log reads as a transcript

    def say(self, text: str = "") -> None:
        print(text, file=self.stdout, flush=True)

    def _read(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            if self.echo:
                self.stdout.write("\n")
            raise EOFError
        answer = line.rstrip("\r\n")
        if self.echo:
            self.say(answer)
        return answer.strip()

    def text(self, message: str, default: str = "", placeholder: str = ""):
        prompt = f"{message} [{default}]: " if default else f"{message}: "
        answer = self._read(prompt)
        if answer == ASK_HELP:
            return HELP
        if not answer:
            return default
        return "" if answer == "-" and default else answer

    def select(self, message: str, choices: list[Choice], default: str | None = None):
        keep = next((c.label for c in choices if c.value == default), None)
        hint = f"Enter for {keep}" if keep else "Enter skips"

        def parse(answer: str):
            return default if not answer else _pick(answer, choices)

        return self._choose(message, choices, f"Choose one, 1-{len(choices)} ({hint}, ? for help): ", parse)

    def checkbox(self, message: str, choices: list[Choice], checked: list[str]):
        now = [c.value for c in choices if c.value in checked]
        numbers = ",".join(str(_number(v, choices)) for v in now)
        hint = f"Enter keeps {numbers}, - for none" if now else "Enter for none"

        def parse(answer: str):
            if not answer or answer == "-":
                return now if not answer else []
            picked = [_pick(word, choices) for word in answer.replace(",", " ").split()]
            return None if None in picked else list(dict.fromkeys(picked))

        return self._choose(message, choices, f"Choose any, e.g. 1,3 ({hint}, ? for help): ", parse)

    def _choose(self, message: str, choices: list[Choice], prompt: str, parse):
        """List the choices, then ask until ``parse`` makes sense of the answer (None: it cannot)."""
        self.say(message)
        for number, choice in enumerate(choices, 1):
            self.say(f"  {number}. {choice.title}")
        while True:
            answer = self._read(prompt)
            if answer == ASK_HELP:
                return HELP
            if (chosen := parse(answer)) is not None or not answer:
                return chosen
            self.say(f"'{answer}' is not among the choices; type their numbers.")

def _pick(answer: str, choices: list[Choice]) -> str | None:
    if answer.isdigit() and 1 <= int(answer) <= len(choices):
        return choices[int(answer) - 1].value
    return next((c.value for c in choices if answer.casefold() == c.value.casefold()), None)


def _number(value: str, choices: list[Choice]) -> int:
    return [c.value for c in choices].index(value) + 1


class QuestionaryPrompter(Prompter):
    """questionary on a terminal; '?' typed as an answer, or pressed in a menu, asks for help."""

    def __init__(self, stdout: TextIO | None = None) -> None:
        import questionary  # noqa: F401  (loaded with the rest of start-up: see startup.py)

        self.stdout = stdout or sys.stdout

    def say(self, text: str = "") -> None:
        print(text, file=self.stdout, flush=True)

    def text(self, message: str, default: str = "", placeholder: str = ""):
        import questionary

        answer = questionary.text(
            message, default=default, qmark=">", placeholder=placeholder or None,
        ).unsafe_ask()
        return HELP if answer.strip() == ASK_HELP else answer.strip()

    def select(self, message: str, choices: list[Choice], default: str | None = None):
        import questionary

        question = questionary.select(
            message, [_choice(c) for c in choices],
            default=default if any(c.value == default for c in choices) else None,
            qmark=">", instruction="(arrows move, Enter chooses, ? help)",
        )
        return _prepared(question).unsafe_ask()

    def checkbox(self, message: str, choices: list[Choice], checked: list[str]):
        import questionary

        question = questionary.checkbox(
            message, [_choice(c, checked=c.value in checked) for c in choices],
            qmark=">", instruction="(arrows move, Space ticks, Enter keeps, ? help)",
        )
        return _prepared(question).unsafe_ask()


def _choice(choice: Choice, checked: bool = False):
    """The label in the menu; the explanation below it for the one highlighted, where it
    has the whole width (a menu line is cut at the terminal's edge)."""
    import questionary

    return questionary.Choice(choice.label, choice.value, checked=checked, description=choice.detail or None)


def _prepared(question):
    """Let '?' in a menu end it with HELP (exact keys win over questionary's catch-all),
    and wrap long lines instead of cutting them at the terminal's edge."""
    from prompt_toolkit.filters import to_filter
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("?")
    def _help(event) -> None:
        event.app.exit(result=HELP)

    application = question.application
    application.key_bindings = merge_key_bindings([application.key_bindings, bindings])
    for window in application.layout.find_all_windows():
        window.wrap_lines = to_filter(True)
    return question
