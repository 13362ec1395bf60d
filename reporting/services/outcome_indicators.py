"""Measuring a workplan outcome by an indicator of the quarterly dataset: set the link with
its target and direction, or remove it. Those who may change the outcome may do this."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from boards.access import board_access
from lscb import audit
from reporting.models import Indicator
from reporting.outcome_link_models import Direction, OutcomeIndicator
from workplans.access import can_author_outcome
from workplans.models import Outcome


def _require(by, outcome: Outcome) -> None:
    if not can_author_outcome(board_access(by, outcome.workplan.board), outcome):
        raise PermissionDenied("You cannot change this outcome.")


def _current(outcome: Outcome) -> OutcomeIndicator | None:
    return OutcomeIndicator.objects.filter(outcome=outcome).select_related("indicator").first()


def outcome_indicator_set(
    *,
    outcome: Outcome,
    by,
    indicator: Indicator | None,
    target: Decimal | None,
    direction: str,
    note: str = "",
) -> OutcomeIndicator:
    """Measure `outcome` by `indicator`, aiming for `target` in `direction`; replaces any
    indicator it was measured by before."""
    _require(by, outcome)
    errors = {}
    if indicator is None:
        errors["indicator"] = "Choose the indicator that measures the outcome."
    if target is None or target < 0:
        errors["target"] = "Enter the figure the board aims for, 0 or more."
    if direction not in Direction.values:
        errors["direction"] = "Say whether a higher or a lower figure is better."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = (
            OutcomeIndicator.objects.filter(outcome=outcome).select_related("indicator").first()
        )
        link, _ = OutcomeIndicator.objects.update_or_create(
            outcome=outcome,
            defaults={
                "indicator": indicator,
                "target": target,
                "direction": direction,
                "note": note.strip(),
                "linked_by": by,
            },
        )
        audit.record(
            actor=by,
            action="reporting.outcome_indicator_set",
            summary=f"Measured “{outcome.title}” by {indicator.name}, target {target:g} "
            f"({Direction(direction).label.lower()})",
            obj=outcome,
            board=outcome.workplan.board,
            changes={
                "indicator": [before.indicator.code if before else None, indicator.code],
                "target": [str(before.target) if before else None, str(target)],
                "direction": [before.direction if before else None, direction],
            },
        )
    return link


def outcome_indicator_remove(*, outcome: Outcome, by) -> bool:
    """Stop measuring `outcome` by an indicator; False when it was not."""
    _require(by, outcome)
    with transaction.atomic():
        link = _current(outcome)
        if link is None:
            return False
        link.delete()
        audit.record(
            actor=by,
            action="reporting.outcome_indicator_removed",
            summary=f"“{outcome.title}” is no longer measured by {link.indicator.name}",
            obj=outcome,
            board=outcome.workplan.board,
            changes={"indicator": [link.indicator.code, None]},
        )
    return True
