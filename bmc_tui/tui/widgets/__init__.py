"""Small reusable widgets. They display what screens give them and report what
the user asks for; they never own answers."""

from .choice_list import Choice, ChoiceList, choices_from
from .coverage_grid import CoverageGrid, CoverageRow
from .fields import TextField
from .list_editor import ListEditor
from .literal import literal, literal_line
from .step_bar import StepBar
from .text_box import TextBox

__all__ = [
    "Choice", "ChoiceList", "CoverageGrid", "CoverageRow", "ListEditor", "StepBar", "TextBox", "TextField",
    "choices_from", "literal", "literal_line",
]
