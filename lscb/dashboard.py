"""Panels other apps add to a board's page, registered from each AppConfig.ready().

A panel is a function (board, access) -> (template name, context) or None to show nothing.
Keeping the board page open this way means boards/ does not import the apps built on it.
A panel may be for another page than the board's: "my_updates", the page of what a person
owes the board, passes the person as `user` too.
Each panel names the areas of the board's work it shows (lscb.freshness.AREAS): the board
page caches every panel on its own, so an update to one area renders only its panels again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import SimpleLazyObject

Panel = Callable[..., tuple[str, dict] | None]


@dataclass(frozen=True)
class _Entry:
    order: int
    name: str
    panel: Panel
    areas: str
    page: str = "board"


@dataclass(frozen=True)
class PanelSlot:
    """One panel on one board page; `result` is computed only when the page renders it."""

    name: str
    areas: str
    result: object  # lazy (template name, context) or None


_panels: dict[str, _Entry] = {}


def register(name: str, panel: Panel, order: int = 50, *, areas: str, page: str = "board") -> None:
    """`areas`: the areas of the board's work the panel shows, space-separated."""
    _panels[name] = _Entry(order, name, panel, areas, page)


def panel_slots(board, access, *, page: str = "board", **extra) -> list[PanelSlot]:
    """Every panel of the page, each computed only if its cached part is missing; `extra`
    goes to each panel (the person, on "my_updates")."""

    def lazy(entry: _Entry):
        return SimpleLazyObject(lambda: entry.panel(board, access, **extra) or ())

    return [
        PanelSlot(entry.name, entry.areas, lazy(entry))
        for entry in sorted(_panels.values(), key=lambda e: (e.order, e.name))
        if entry.page == page
    ]
