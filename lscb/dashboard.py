"""Panels other apps add to a board's page, registered from each AppConfig.ready().

A panel is a function (board, access) -> (template name, context) or None to show nothing.
Keeping the board page open this way means boards/ does not import the apps built on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Panel = Callable[..., tuple[str, dict] | None]


@dataclass(frozen=True)
class _Entry:
    order: int
    name: str
    panel: Panel


_panels: dict[str, _Entry] = {}


def register(name: str, panel: Panel, order: int = 50) -> None:
    _panels[name] = _Entry(order, name, panel)


def panels_for(board, access) -> list[tuple[str, dict]]:
    rendered = []
    for entry in sorted(_panels.values(), key=lambda e: (e.order, e.name)):
        result = entry.panel(board, access)
        if result is not None:
            rendered.append(result)
    return rendered
