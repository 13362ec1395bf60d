"""A workplan outcome measured by one of the quarterly dataset's indicators.

Kept apart from reporting.models, which imports this module so Django registers the model.
The link lives here, not in workplans, because the indicators are reporting's and workplans
sits below it: workplans shows the link through its outcome panels (workplans.outcome_panels).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from lscb import limits
from lscb.freshness import WatchedManager


class Direction(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"


class OutcomeIndicator(models.Model):
    """The indicator that shows whether an outcome makes a difference for children, the
    figure the board aims for and which way is better."""

    outcome = models.OneToOneField(
        "workplans.Outcome", on_delete=models.CASCADE, related_name="indicator_link"
    )
    indicator = models.ForeignKey(
        "reporting.Indicator", on_delete=models.PROTECT, related_name="outcome_links"
    )
    target = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    direction = models.CharField(max_length=4, choices=Direction.choices)
    note = models.TextField(blank=True, **limits.model_limit(limits.NOTES))
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now=True)

    objects = WatchedManager()

    def __str__(self) -> str:
        return f"{self.outcome} measured by {self.indicator}"
