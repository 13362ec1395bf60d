"""Parts other apps add to a meeting's page, registered from each AppConfig.ready().

A part is a function (request, meeting, access, can_write, items) -> MeetingPart or None to
show nothing, where `items` are the agenda items the page has read, their papers with them;
boards/ asks them all when it draws the page, so it does not import the apps built on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString


@dataclass(frozen=True)
class MeetingPart:
    html: SafeString
    # True while something the part shows is being prepared: the page refreshes itself.
    refresh: bool = False


Source = Callable[..., MeetingPart | None]

_sources: dict[str, tuple[int, Source]] = {}


def register(name: str, source: Source, order: int = 50) -> None:
    _sources[name] = (order, source)


def meeting_parts(request, meeting, access, *, can_write: bool, items: list) -> list[MeetingPart]:
    found = []
    for _order, source in sorted(_sources.values(), key=lambda entry: entry[0]):
        part = source(request, meeting, access, can_write=can_write, items=items)
        if part is not None:
            found.append(part)
    return found
