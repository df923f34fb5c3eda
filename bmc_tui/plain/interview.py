"""The interview as questions, one after another, rendered from the flow.

Every change goes through ``Edits`` and is saved as soon as it is given; a save that
fails is said once and retried with the next answer, and nothing typed is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..core import ADDRESSED_BY
from ..core.flow import LIST, MANY, ONE, TEXT, Flow, Option, Question, Step
from ..core.document import CanvasDocument, ChangedOnDisk, ReadOnlyError, describe_error
from ..core.edits import EditError, Edits
from ..core.text import visible
from .prompts import HELP, Choice, Prompter

LINK_LABEL = "What does it address?"  # the full-screen app's wording when a flow gives none


def option_choice(option: Option) -> Choice:
    """An enumerated value with its explanation (and level and example, if any)."""
    detail = visible(option.explanation)
    if option.example:
        detail += f" E.g. {visible(option.example)}."
    if option.group:
        detail += f" ({visible(option.group)})"
    return Choice(option.value, visible(option.label), detail.strip())


def plain_markdown(text: str) -> str:
    """A flow's Markdown help as plain text: emphasis and code marks dropped."""
    return visible(re.sub(r"\*\*|`", "", text.strip()))


class Interview:
    def __init__(self, document: CanvasDocument, flow: Flow, prompter: Prompter) -> None:
        self.document = document
        self.flow = flow
        self.ask = prompter
        self.edits = Edits(document)
        # Each change is saved at once; failures are reported here instead of raised.
        document.on_change = lambda typing: self.save()
        self.save_error = ""
        self._hinted = False  # how lists are entered is said once per step

    @property
    def canvas(self):
        return self.document.canvas

    @property
    def name(self) -> str:
        return visible(self.document.path.name)

    # the file

    def hold_the_file(self) -> bool:
        """One writer at a time; False when the user quits rather than open it read-only."""
        holder = self.document.take_lock()
        if holder is None:
            if self.document.read_only:
                self.ask.say(f"{self.name}: {self.document.read_only}. You can answer; "
                             "at the end you can save your answers to another file.")
            return True
        self.ask.say(f"{self.name} is open in another bmc-tui session: {holder.describe()}. "
                     "Two sessions writing one file would overwrite each other's answers.")
        answer = self._choose(None, "What now?", [
            Choice("r", "Open it read-only", "you can save your answers to another file at the end"),
            Choice("q", "Quit"),
        ], "q")
        if answer != "r":
            return False
        self.document.open_read_only(f"open in another session ({holder.describe()})")
        return True

    def save(self) -> bool:
        try:
            self.document.save()
        except ChangedOnDisk:
            self._changed_on_disk()
            return False
        except ReadOnlyError as error:
            return self._not_saved(str(error), "your answers are kept here; at the end you "
                                   "can save them to another file")
        except Exception as error:  # a save must never end the interview
            return self._not_saved(describe_error(error), "your answers are kept here and "
                                   "saving is tried again with your next answer")
        if self.save_error:
            self.ask.say(f"Saved {self.name} again.")
        self.save_error = ""
        return True

    def _not_saved(self, reason: str, then: str) -> bool:
        if reason != self.save_error:
            self.ask.say(f"Not saved: {self.name}: {reason}. {then[0].upper()}{then[1:]}.")
        self.save_error = reason
        return False

    def _changed_on_disk(self) -> None:
        self.ask.say(f"{self.name} changed on disk since you opened it. Nothing is overwritten: "
                     "the version you do not take is kept beside it under a new name.")
        answer = self._choose(None, "Which version?", [
            Choice("m", "Keep mine", "save yours (theirs is kept aside)"),
            Choice("t", "Take theirs", "reload the file (yours is kept aside)"),
        ], "m")
        try:
            if answer == "t":
                kept = self.document.reload_theirs()
                self.ask.say(f"Reloaded. Your version is kept as {visible(kept.name)}.")
            else:
                kept = self.document.keep_mine()
                self.ask.say(f"Saved yours. Their version is kept as {visible(kept.name)}.")
        except Exception as error:
            self._not_saved(describe_error(error), "your answers are kept here")

    def offer_save_elsewhere(self) -> bool:
        """After a refused or failed save: True once every answer is on disk somewhere."""
        while self.document.has_unsaved_changes():
            self.ask.say(f"Your latest answers are not saved: {self.save_error or self.document.read_only}.")
            typed = self.ask.text("Save them to another file (a name or a path; empty: leave them unsaved)")
            if typed is HELP or not typed:
                return False
            target = self.document.path.parent / Path(typed).expanduser()  # a name alone: beside it
            try:
                self.document.save_as(target)
            except Exception as error:
                self.ask.say(f"Could not save to {visible(str(target))}: {describe_error(error)}")
                continue
            self.save_error = ""
            self.ask.say(f"Saved to {visible(str(target))}.")
        return True

    # the interview

    def run(self) -> None:
        steps = self.flow.steps
        start = self.flow.step_ids.index(self.where_to_start())
        for step in steps[start:]:
            self.run_step(step)
        self.review()

    def where_to_start(self) -> str:
        """The first step, or for a canvas with answers the step the user picks."""
        resume = self.document.resume_step(self.flow.step_ids)
        if not (self.document.exists and (self.canvas.segments or self.canvas.channels)):
            return resume
        stopped = self.flow.step(resume)
        choices = [Choice(step.id, f"{number}. {visible(step.title)}")
                   for number, step in enumerate(self.flow.steps, 1)]
        return self._choose(None, f"{self.name} has answers. Where do you want to start? "
                            f"(you stopped at {visible(stopped.title)})", choices, resume) or resume

    def run_step(self, step: Step) -> None:
        if self.document.set_resume_at(step.id):
            self.save()
        number = self.flow.step_ids.index(step.id) + 1
        self.ask.say("")
        self.ask.say(f"Step {number} of {len(self.flow.steps)}: {visible(step.title)}")
        if step.intro:
            self.ask.say(visible(step.intro.strip()))
        self.ask.say("(? as an answer shows the help)")
        self._hinted = False
        runner = getattr(self, f"_step_{step.id}")
        try:
            runner(step)
        except EditError as error:  # e.g. the file was reloaded and the entry is gone
            self.ask.say(f"Skipped the rest of this step: {error}.")

    def review(self) -> None:
        """The fit findings, and the chance to revisit a step to fix them."""
        from ..outputs.findings import findings_text  # the fit rules: loaded only at the end

        while True:
            if "fit" in self.flow.step_ids and self.document.set_resume_at("fit"):
                self.save()
            self.ask.say("")
            self.ask.say(findings_text(self.canvas, self.flow).rstrip("\n"))
            choices = [Choice("", "Finish")] + [
                Choice(step.id, f"Revisit {visible(step.title)}")
                for step in self.flow.steps if step.id != "fit"
            ]
            step_id = self._choose(None, "Revisit a step to fix them?", choices, "")
            if not step_id:
                return
            self.run_step(self.flow.step(step_id))

    # the steps

    def _step_segments(self, step: Step) -> None:
        if question := step.question("name"):
            self._list(step, question, lambda: [(s.id, s.name) for s in self.canvas.segments],
                       self.edits.add_segment, self.edits.rename_segment, self.edits.delete_segment)
        for segment_id in self._each("Segment", lambda: self.canvas.segments, step):
            for question in self._details(step):
                self._answer(step, question, self.canvas.segment(segment_id), segment_id)

    def _step_value(self, step: Step) -> None:
        for segment_id in self._each("Segment", lambda: self.canvas.segments, step, always=True):
            for question in step.questions:
                self._items(step, question, segment_id)

    def _step_channels(self, step: Step) -> None:
        if question := step.question("name"):
            segments = step.question("segments")
            every = bool(segments and segments.every_at_first)  # as the full screen does

            def add(name: str):
                return self.edits.add_channel(name, serve_every_segment=every)

            self._list(step, question, lambda: [(c.id, c.name) for c in self.canvas.channels],
                       add, self.edits.rename_channel, self.edits.delete_channel)
        for channel_id in self._each("Channel", lambda: self.canvas.channels, step):
            for question in self._details(step):
                self._answer(step, question, self.canvas.channel(channel_id), channel_id)

    def _step_relationships(self, step: Step) -> None:
        for segment_id in self._each("Segment", lambda: self.canvas.segments, step, always=True):
            for question in step.questions:
                relationship = self.canvas.segment(segment_id).relationship
                # Only an offered type can already be in place: the others are not offered here.
                offered = relationship.types if question.key == "established" else None
                options = [o for o in question.options if offered is None or o.value in offered]
                self._answer(step, question, relationship, segment_id, options=options)

    def _step_fit(self, step: Step) -> None:
        """The findings come once the steps are done (see ``review``)."""

    def _details(self, step: Step) -> list[Question]:
        return [question for question in step.questions if question.kind != LIST]

    def _each(self, noun: str, records: Callable[[], list], step: Step, *, always: bool = False):
        """The ids of the step's records, each announced; none asked when there is nothing to ask."""
        if not always and not self._details(step):
            return
        if not records():
            self.ask.say(f"No {noun.lower()}s yet: nothing to ask here.")
        for record_id in [record.id for record in records()]:
            record = next((r for r in records() if r.id == record_id), None)
            if record is not None:  # gone after a reload: skipped
                self.ask.say("")
                self.ask.say(f"{noun}: {visible(record.name)}")
                yield record_id

    # lists: one entry per line, an empty line ends

    def _items(self, step: Step, question: Question, segment_id: str) -> None:
        kind = question.key
        segment = self.canvas.segment(segment_id)
        if question.links_to:
            after = lambda item_id: self._links(step, question, segment_id, item_id)  # noqa: E731
        elif kind in ADDRESSED_BY:
            after = lambda item_id: self._addressed_by(step, question, segment_id, item_id)  # noqa: E731
        else:
            after = None
        self._list(
            step, question, lambda: [(i.id, i.text) for i in segment.items(kind)],
            lambda text: self.edits.add_item(segment_id, kind, text),
            lambda item_id, text: self.edits.rename_item(segment_id, kind, item_id, text),
            lambda item_id: self.edits.delete_item(segment_id, kind, item_id),
            after,
        )

    def _list(self, step, question, entries, add, rename, delete, after=None) -> None:
        label = visible(question.label)
        existing = entries()
        if existing:
            self.ask.say(f"{label} so far:")
            for number, (_, text) in enumerate(existing, 1):
                self.ask.say(f"  {number}. {visible(text)}")
            how = self._choose(step, f"{label}: keep, add to or revise them?", [
                Choice("keep", "Keep them"), Choice("add", "Add to them"),
                Choice("revise", "Revise them one by one", "Enter keeps each; an empty answer removes it"),
            ], "keep", question)
            if how == "keep" or how is None:
                return
            if how == "revise":
                for entry_id, text in existing:
                    self._revise(step, question, entry_id, text, rename, delete, after)
        self._add(step, question, entries, add, after)

    def _revise(self, step, question, entry_id, text, rename, delete, after) -> None:
        shown = visible(text)
        new = self._ask(step, question, lambda: self.ask.text(visible(question.label), default=shown))
        if not new:
            keep = self._choose(step, f"Remove '{shown}'?", [
                Choice("keep", "No, keep it"), Choice("remove", "Yes, remove it")], "keep", question)
            if keep == "remove":
                delete(entry_id)
                return
        elif new != shown:
            rename(entry_id, new)
        if after:
            after(entry_id)

    def _add(self, step, question, entries, add, after) -> None:
        if not self._hinted:
            self.ask.say("One per line; an empty line ends the list.")
            self._hinted = True
        while question.max_items is None or len(entries()) < question.max_items:
            text = self._ask(step, question, lambda: self.ask.text(
                visible(question.label), placeholder=visible(question.placeholder)))
            if not text:
                return
            entry = add(text)
            if after:
                after(entry.id)
        self.ask.say(f"{question.max_items} is enough for now.")

    def _links(self, step: Step, question: Question, segment_id: str, item_id: str) -> None:
        segment = self.canvas.segment(segment_id)
        targets = segment.items(question.links_to)
        if not targets:
            return
        item = segment.item(question.key, item_id)
        choices = [Choice(target.id, visible(target.text)) for target in targets]
        links = self._ask(step, question, lambda: self.ask.checkbox(
            visible(question.link_label or LINK_LABEL), choices, item.links))
        if links is not None and links != item.links:
            self.edits.set_links(segment_id, question.key, item_id, links)

    def _addressed_by(self, step: Step, question: Question, segment_id: str, item_id: str) -> None:
        """Which offer items address a job, pain or gain: asked once there are some."""
        segment = self.canvas.segment(segment_id)
        offers = segment.items(ADDRESSED_BY[question.key])
        if not offers:
            return
        chosen = [offer.id for offer in offers if item_id in offer.links]
        choices = [Choice(offer.id, visible(offer.text)) for offer in offers]
        picked = self._ask(step, question, lambda: self.ask.checkbox(
            visible(question.link_label or "What addresses it?"), choices, chosen))
        if picked is not None and set(picked) != set(chosen):
            self.edits.set_addressed_by(segment_id, question.key, item_id, picked)

    # one question about one record

    def _answer(self, step: Step, question: Question, record, record_id: str, options=None) -> None:
        """Ask one question about a record (a segment, a channel, a relationship) and save
        the answer through the core's edits. ``options``: the options to offer, when not
        all of the question's (the types in place)."""
        key, label = question.key, visible(question.label)

        def save(value) -> None:
            shown = None if options is None else [o.value for o in options]
            self.edits.answer(step.id, record_id, key, value, shown=shown)

        current = getattr(record, key)
        if question.kind == TEXT:
            shown = visible(current)
            text = self._ask(step, question, lambda: self.ask.text(
                label, default=shown, placeholder=visible(question.placeholder)))
            if text != shown:
                save(text)
        elif question.kind == ONE:
            choices = [option_choice(o) for o in question.options] + [Choice("", "No answer")]
            value = self._choose(step, label, choices, current or None, question)
            if value is not None and value != current:
                save(value)
        elif question.kind == MANY:
            choices = self._many_choices(question) if options is None else [option_choice(o) for o in options]
            if choices:
                values = self._ask(step, question, lambda: self.ask.checkbox(label, choices, current))
                offered = {choice.value for choice in choices}
                if values is not None and set(values) != {v for v in current if v in offered}:
                    save(values)

    def _many_choices(self, question: Question) -> list[Choice]:
        if question.options:
            return [option_choice(o) for o in question.options]
        # Channel segments: the canvas's own segments are the options.
        return [Choice(s.id, visible(s.name)) for s in self.canvas.segments]

    # asking, with '?' for help

    def _choose(self, step: Step | None, message: str, choices: list[Choice], default, question=None):
        return self._ask(step, question, lambda: self.ask.select(message, choices, default))

    def _ask(self, step: Step | None, question: Question | None, asking: Callable[[], object]):
        while True:
            answer = asking()
            if answer is not HELP:
                return answer
            self.show_help(step, question)

    def show_help(self, step: Step | None, question: Question | None) -> None:
        self.ask.say("")
        if step is None:
            self.ask.say("Choose one of the answers listed.")
            return
        self.ask.say(f"Help: {visible(step.title)}")
        self.ask.say(plain_markdown(step.help))
        if question is not None and question.help:
            self.ask.say(f"{visible(question.label)}: {plain_markdown(question.help)}")
        self.ask.say("")
