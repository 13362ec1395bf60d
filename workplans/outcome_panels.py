"""Panels other apps add beside an outcome's ratings on its page, registered from each
AppConfig.ready(): an app built on workplans (reporting's indicators, say) shows what it
knows of an outcome without workplans importing it.

A panel is a function (outcome, access) -> (template name, context) or None to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Panel = Callable[..., tuple[str, dict] | None]


@dataclass(frozen=True)
class OutcomePanel:
    template: str
    context: dict


_panels: dict[str, tuple[int, Panel]] = {}


def register(name: str, panel: Panel, order: int = 50) -> None:
    _panels[name] = (order, panel)


def outcome_panels(outcome, access) -> list[OutcomePanel]:
    """What each registered app shows beside the outcome's ratings, in their order."""
    found = []
    for _order, panel in sorted(_panels.values(), key=lambda entry: entry[0]):
        result = panel(outcome, access)
        if result:
            found.append(OutcomePanel(*result))
    return found
