"""Step 4: the customer relationship, per segment: the types offered, expected and in
place, why, cost, notes; beside them, what the rest of the model says about the segment
(its market and worth, the channels that reach it, its value proposition)."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static

from ...core.flow import MANY, ONE, TEXT, Question
from ...core import OFFER_KINDS, Channel, Segment
from ...core.fit import Finding
from ...core.text import visible_line
from ..widgets import Choice, ChoiceList, TextBox, choices_from, literal, literal_line, update_if_changed
from ..words import no_segments_yet
from .base import PerSegmentStepScreen

# The types the segment is offered, expects, and has in place: three columns side by side,
# the highlighted type's explanation and example below them.
TYPE_QUESTIONS = ("types", "expected", "established")
# Side by side below the types.
SIDE_QUESTIONS = ("motivations", "cost")


class RelationshipsScreen(PerSegmentStepScreen):

    # Two columns from this width on; one scrolling column below it.
    HORIZONTAL_BREAKPOINTS = [(0, "relationships-narrow"), (100, "relationships-wide")]

    _shown_segment: str | None = None  # whose answers are on screen

    def compose_body(self) -> ComposeResult:
        yield Static(id="relationships-segment")
        yield Static(literal(no_segments_yet(self.bmc.flow)), id="relationships-empty")
        with Horizontal(id="relationships-columns"):
            # Focus moves by Tab between the fields; the body itself needs no stop.
            with VerticalScroll(id="relationships-body", can_focus=False):
                with Horizontal(id="relationships-type-row", classes="relationships-row"):
                    for key in TYPE_QUESTIONS:
                        yield from self._compose_question(key)
                yield Static(id="relationships-type-hint")
                if any(self.step.asks(key) for key in SIDE_QUESTIONS):
                    with Horizontal(id="relationships-side", classes="relationships-row"):
                        for key in SIDE_QUESTIONS:
                            yield from self._compose_question(key)
                yield from self._compose_question("notes")
                # Wide terminals only: every segment's answers side by side.
                yield Static(id="relationships-overview")
            # What the rest of the model says about this segment: beside the questions
            # when wide, two lines above them when narrow.
            yield Static(id="relationships-context")

    def _compose_question(self, key: str) -> ComposeResult:
        question = self.question(key)
        if question is None:
            return
        with Vertical(id=f"relationships-{key}-field", classes="relationships-field"):
            yield Label(literal_line(question.label), classes="field-label")
            if question.help:
                yield Static(literal(question.help), classes="relationships-help")
            if question.kind == TEXT:
                yield self.answer_field(question)
            else:
                yield self.answer_field(question, choices=self._all_choices(key))

    def _all_choices(self, key: str) -> list[Choice]:
        question = self.question(key)
        if question is None:
            return []
        choices = choices_from(question.options)
        if key in TYPE_QUESTIONS:
            # Names only: three lists side by side; the highlighted type is explained below.
            # The level goes there too: group headings would push the other questions away.
            choices = [Choice(c.value, c.label) for c in choices]
        return choices

    def on_mount(self) -> None:
        self.refresh_from_model()
        self._focus_first_field()

    def _focus_first_field(self) -> None:
        for field in self.query(".relationships-field ChoiceList, .relationships-field TextBox"):
            # At once: a fit finding's target (show_target) may move it right after.
            self.set_focus(field, scroll_visible=False)
            break

    def show_target(self, target: Finding) -> None:
        """A missing motivation on the motivations; any other finding on the types."""
        key = {"no-motivation": "motivations", "established-acquisition-only": "motivations",
               "mass-market-high-cost": "cost", "expected-type-not-offered": "types"}.get(target.code, "types")
        for choice_list in self.query(f"#relationships-{key}").results(ChoiceList):
            self.set_focus(choice_list, scroll_visible=False)
            # The question's label above the list in view, not just its first line.
            choice_list.parent.scroll_visible(animate=False, top=True)

    # showing the model

    def refresh_from_model(self) -> None:
        segment = self.current_segment
        self.query_one("#relationships-empty").display = segment is None
        for part in self.query("#relationships-segment, #relationships-columns"):
            part.display = segment is not None
        # Hidden is not enough: a hidden list could keep the focus and take keys.
        self.query_one("#relationships-body").disabled = segment is None
        update_if_changed(self.query_one("#relationships-segment", Static), self._segment_line(segment))
        switched = segment is not None and segment.id != self._shown_segment
        self._shown_segment = segment.id if segment else None
        if segment is not None:
            self._show_relationship(segment)
            self._show_context(segment)
            if switched and self.focused is not None:
                # Another segment starts at its first question, as the step does: a
                # Space typed next ticks its first type, not the list left last time.
                self._focus_first_field()
        self._show_overview()
        self.refresh_bindings()

    def _segment_line(self, segment: Segment | None) -> Text:
        if segment is None:
            return Text()
        text = self.segment_position(segment)
        for key in ("market", "worth"):
            if value := getattr(segment, key):
                text.append("  ·  ", style="dim")
                text.append(visible_line(self._segment_answer(key, value)), style="italic")
        return text

    def _segment_answer(self, key: str, value: str) -> str:
        """A segment's answer in words ("Market type: Mass market"), never the stored value."""
        question = self.bmc.flow.wording("segments", key)
        label = question.label if question else key.capitalize()
        answer = self.bmc.flow.option_label('segments', key, value) if value else "not given"
        return f"{label}: {answer}"

    def _market_question(self) -> Question | None:
        return self.bmc.flow.wording("segments", "market")

    # the context: how this relationship fits the rest of the model

    def _show_context(self, segment: Segment) -> None:
        wide = self.has_class("relationships-wide")
        update_if_changed(
            self.query_one("#relationships-context", Static),
            self._context_wide(segment) if wide else self._context_narrow(segment),
        )

    def _context_narrow(self, segment: Segment) -> Text:
        """Two lines: the channels, then the offer; each cut with "…" when too long."""
        channels = "; ".join(self._channel_words(c) for c in self.canvas.channels_for(segment.id))
        offer = " · ".join(", ".join(i.text for i in segment.items(kind))
                           for kind in OFFER_KINDS if segment.items(kind))
        text = Text()
        text.append("Channels: ", style="bold")
        text.append(visible_line(channels or "none reaches it yet"))
        text.append("\nOffer: ", style="bold")
        text.append(visible_line(offer or "nothing yet"))
        return text

    def _context_wide(self, segment: Segment) -> Text:
        text = Text()
        text.append("This segment\n", style="bold")
        for key in ("market", "worth"):
            text.append(visible_line(self._segment_answer(key, getattr(segment, key))) + "\n")
        text.append("\nChannels that reach it\n", style="bold")
        channels = self.canvas.channels_for(segment.id)
        for channel in channels:
            text.append("- " + visible_line(self._channel_words(channel)) + "\n")
        if not channels:
            text.append("none yet\n", style="dim")
        text.append("\nValue proposition\n", style="bold")
        for kind in OFFER_KINDS:
            question = self.bmc.flow.wording("value", kind)
            items = ", ".join(item.text for item in segment.items(kind))
            line = Text(visible_line((question.label if question else kind) + ": "), style="italic")
            line.append(visible_line(items) if items else "none yet")
            line.no_wrap, line.overflow = True, "ellipsis"
            text.append_text(line)
            text.append("\n")
        text.rstrip()
        return text

    def _channel_words(self, channel: Channel) -> str:
        """"Pre-order app (Evaluation, Purchase; Own)": a channel, its phases and who runs it."""
        flow = self.bmc.flow
        facts = [", ".join(flow.option_label("channels", "phases", p) for p in channel.phases) or "no phase"]
        if channel.owner:
            facts.append(flow.option_label("channels", "owner", channel.owner))
        return f"{channel.name} ({'; '.join(facts)})"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id in ("relationships-types", "relationships-expected", "relationships-established"):
            self._show_type_hint(event.option.id)

    def _show_type_hint(self, value: str | None) -> None:
        """The highlighted type explained, with its example: the lists show names only."""
        question = self.question("types")
        option = question.option(value or "") if question else None
        hint = Text()
        if option is not None:
            hint.append(visible_line(option.label), style="bold")
            if option.group:
                hint.append(visible_line(f" ({option.group.lower()})"))
            hint.append(": ")
            hint.append(visible_line(option.explanation))
            if option.example:
                hint.append(visible_line(f" e.g. {option.example}"), style="italic")
        update_if_changed(self.query_one("#relationships-type-hint", Static), hint)

    def _show_overview(self) -> None:
        overview = self.query_one("#relationships-overview", Static)
        # Built only where it shows: one segment alone needs no comparison.
        if self.has_class("relationships-wide") and len(self.canvas.segments) > 1:
            overview.update(self._overview_table())
            overview.display = True
        else:
            overview.display = False

    def _overview_table(self) -> Table:
        market = self._market_question()
        questions = self._choice_questions()
        table = Table(
            title="All segments", title_justify="left", title_style="bold",
            box=box.SIMPLE_HEAD, show_edge=False, expand=True, pad_edge=False,
        )
        # Cells and headings as Text: a string would be read as markup.
        table.add_column("Segment")
        table.add_column(literal_line(market.label if market else "Market"))
        for question in questions:
            table.add_column(literal_line(question.label))
        current = self.current_segment
        for segment in self.canvas.segments:
            flow = self.bmc.flow
            cells = [segment.name, flow.option_label("segments", "market", segment.market)
                     if segment.market else ""]
            for question in questions:
                values = _as_list(getattr(segment.relationship, question.key))
                cells.append(", ".join(flow.option_label(self.step.id, question.key, v) for v in values))
            table.add_row(*(literal_line(cell or "-") for cell in cells),
                          style="bold" if segment is current else "")
        return table

    def _choice_questions(self) -> list[Question]:
        return [question for question in self.step.questions if question.kind in (ONE, MANY)]

    def on_resize(self) -> None:
        # The breakpoint classes change with the width; the overview and context follow them.
        self.call_after_refresh(self._show_overview)
        # The segment is looked up when it runs: Ctrl+N may have moved on by then.
        self.call_after_refresh(self._show_current_context)

    def _show_current_context(self) -> None:
        if (segment := self.current_segment) is not None:
            self._show_context(segment)

    def _show_relationship(self, segment: Segment) -> None:
        for choice_list in self.query("#relationships-established").results(ChoiceList):
            # Only a type on offer can already be in place.
            offered = [c for c in self._all_choices("established") if c.value in segment.relationship.types]
            choice_list.set_choices(offered, segment.relationship.established)
        self.show_answers(segment.relationship, segment.id)

    # the segment

    # the answers

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        segment = self.current_segment
        if segment is None:
            return
        shown = [choice.value for choice in event.choice_list.choices]
        undoable = self.bmc.edits.undo_count
        question = self.record_answer(event.choice_list, segment.id, event.values, shown=shown)
        if question is None:
            return
        if question.key == "types":
            self._show_relationship(segment)  # what can be in place follows the types
            if self.bmc.edits.undo_count > undoable:  # a type in place went with its tick
                self.refresh_bindings()
                self.bmc.say(f"No longer {self.bmc.edits.undo_label}: Ctrl+Z brings it back.", timeout=6)
        else:
            self.show_answer(event.choice_list, segment.relationship, segment.id)
        self._show_overview()

    def on_text_area_changed(self, event: TextBox.Changed) -> None:
        if (segment := self.current_segment) is not None:
            self.record_answer(event.text_area, segment.id, event.text_area.text)


def _as_list(value: str | list[str]) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    return list(value)
