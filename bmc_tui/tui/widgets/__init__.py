"""Small reusable widgets. They display what screens give them and report what
the user asks for; they never own answers.

Each is imported when first asked for (as ``textual.widgets`` does): a widget class costs
about 1 ms to create, and start-up pays only for the first screen's."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

# Eager: the module has the name of its function, which must win over the module.
from .literal import literal, literal_line, update_if_changed

if TYPE_CHECKING:
    from .choice_list import Choice, ChoiceList, choices_from
    from .coverage_grid import CoverageGrid, CoverageRow
    from .fields import TextField
    from .list_editor import ListEditor
    from .step_bar import StepBar
    from .text_box import TextBox

_MODULE_OF = {
    "Choice": "choice_list", "ChoiceList": "choice_list", "choices_from": "choice_list",
    "CoverageGrid": "coverage_grid", "CoverageRow": "coverage_grid",
    "TextField": "fields",
    "ListEditor": "list_editor",
    "StepBar": "step_bar",
    "TextBox": "text_box",
}

__all__ = sorted([*_MODULE_OF, "literal", "literal_line", "update_if_changed"])


def __getattr__(name: str) -> object:
    try:
        module = _MODULE_OF[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    return getattr(import_module(f".{module}", __name__), name)
