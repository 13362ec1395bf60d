"""How often each person wants the digest of what is waiting for them, and which digests
have gone out (so a second run in the same period sends nothing)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week, on Monday morning"
    MONTHLY = "monthly", "Once a month, on the first Monday"
    OFF = "off", "Never"


class DigestPreference(models.Model):
    """A login's choice of digest; someone who never chose gets it weekly."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default="weekly")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"


class DigestSent(models.Model):
    """One digest sent to one login for one period (a week like 2026-W49, or a month)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=10)
    sent_at = models.DateTimeField(auto_now_add=True)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="one_digest_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.period}"
