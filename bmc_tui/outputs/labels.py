"""Answers in words for reports: "Mass market", not the stored value "mass".

The words are the full flow's option labels, so a report reads like the interview did.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from ..core import Channel
from ..core.flow import DEFAULT_FLOW, Flow, FlowError, load_flow


@cache
def _flow() -> Flow | None:
    try:
        return load_flow(DEFAULT_FLOW)
    except FlowError:
        return None  # a report in stored values beats no report


def label(step_id: str, key: str, value: str) -> str:
    """The option label of one stored value ("" stays "")."""
    flow = _flow()
    return flow.option_label(step_id, key, value) if flow and value else value


def channel_kinds(channel: Channel) -> list[tuple[str, str]]:
    """A channel's reach, owner and medium, those answered, as (question, value)."""
    return [(key, value) for key, value in
            (("reach", channel.reach), ("owner", channel.owner), ("medium", channel.medium)) if value]


def labels(step_id: str, key: str, values: Iterable[str]) -> str:
    """Several stored values in words, joined by commas."""
    return ", ".join(label(step_id, key, value) for value in values)
