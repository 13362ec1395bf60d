"""What other apps do once a meeting's agenda is published, registered from each
AppConfig.ready().

A hook is a function (*, meeting, by) -> None. boards/ calls `agenda_published` once the
transaction that published the agenda has committed, so the apps built on it can act on a
published agenda without boards/ importing them.
"""

from __future__ import annotations

from collections.abc import Callable

Hook = Callable[..., None]

_hooks: dict[str, tuple[int, Hook]] = {}


def register(name: str, hook: Hook, order: int = 50) -> None:
    _hooks[name] = (order, hook)


def agenda_published(*, meeting, by) -> None:
    for _order, hook in sorted(_hooks.values(), key=lambda entry: entry[0]):
        hook(meeting=meeting, by=by)
