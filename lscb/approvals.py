"""What waits for the chair on a board: drafts to approve, action plans to sign off.

Each app that has something a chair approves registers a source from its AppConfig.ready();
a source is a function (board) -> list[Awaiting]. The board page asks them all, for chairs
only, so boards/ does not import the apps built on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Awaiting:
    """One thing the chair is asked to approve, with the page where they do it."""

    kind: str  # "Draft workplan", "Action plan"
    title: str
    url: str
    action: str  # what the chair does there: "approve", "sign off"


Source = Callable[..., list[Awaiting]]

_sources: dict[str, tuple[int, Source]] = {}


def register(name: str, source: Source, order: int = 50) -> None:
    _sources[name] = (order, source)


def awaiting_approval(board) -> list[Awaiting]:
    """Everything waiting for the chair on this board, source by source."""
    found: list[Awaiting] = []
    for _order, source in sorted(_sources.values(), key=lambda entry: entry[0]):
        found.extend(source(board))
    return found
